"""The inbox reads its ranking group by group; every page must match one sort over all applications."""

import random
from datetime import date, datetime, timedelta

import pytest

from intranet.models import Application, User
from intranet.outbound import inbox
from intranet.people.users import create_user
from intranet.platform.db import db

from .hrdata import NEXT_YEAR, set_budget, submitted

STATUSES = ("draft", "submitted", "waitlisted", "approved", "placed", "completed", "rejected", "withdrawn")
CITIES = ("nogent", "guarda", "selcuk")
PAGE_SIZE = 4


@pytest.fixture
def mixed(app):
    """80 applications of trainees in every training year (and none), every status, three cities,
    two years, estimates on both sides of the remaining budget and ties in the submission time."""
    chance = random.Random(10)
    with app.app_context(), db.connection_context():
        set_budget("5000.00")
        trainees = [
            create_user(f"azubi{n}", f"Azubi {n}", f"azubi{n}@example.org", training_year=year)
            for n, year in enumerate((1, 2, 3, None, 2, 1))
        ]
        moment = datetime(NEXT_YEAR - 1, 5, 1, 8, 0)
        for _ in range(80):
            moment += timedelta(minutes=chance.choice((0, 0, 5, 30)))  # ties decided by the number
            submitted(
                chance.choice(trainees),
                estimate=chance.choice(("900.00", "1500.00", "6000.00")),
                start=date(chance.choice((NEXT_YEAR, NEXT_YEAR, NEXT_YEAR + 1)), 3, 1),
                city=chance.choice(CITIES),
                status=chance.choice(STATUSES + ("waitlisted",) * 3),
                submitted_at=moment,
            )
    app.config["PAGE_SIZE"] = PAGE_SIZE
    return app


def expected(filters: inbox.Filters, remaining: dict) -> list[int]:
    """The ranking by one sort in Python: waitlisted ones that fit, second year, submission, number."""
    statuses = inbox.STATUS_FILTERS[filters.status]
    shown = [
        a
        for a in Application.select().order_by(Application.id)
        if a.status in statuses and (not filters.city or a.city == filters.city)
    ]

    def fits(a):
        return a.status == "waitlisted" and a.cost_estimate <= remaining.get(a.start_date.year, -1)

    shown.sort(key=lambda a: (not fits(a), a.applicant.training_year != 2, a.submitted_at, a.id))
    return [a.id for a in shown]


@pytest.mark.parametrize("status", inbox.STATUS_FILTERS)
def test_every_page_follows_the_ranking(mixed, status):
    with mixed.test_request_context(), db.connection_context():
        accounts, counts = inbox.budget_accounts(), inbox.status_counts()
        for city in ("", "guarda"):
            filters = inbox.Filters(status=status, city=city)
            want = expected(filters, {a.year: a.remaining for a in accounts})
            pages = max(1, -(-len(want) // PAGE_SIZE))
            got = []
            for number in range(1, pages + 1):
                page = inbox.page(inbox.Filters(status=status, city=city, page=number), accounts, counts)
                assert (page.number, page.total) == (number, len(want))
                got += [a.id for a in page.rows]
            assert got == want, (status, city)
            beyond = inbox.page(inbox.Filters(status=status, city=city, page=pages + 3), accounts, counts)
            assert beyond.number == pages and [a.id for a in beyond.rows] == want[(pages - 1) * PAGE_SIZE :]


def test_the_fixture_mixes_every_group(mixed):
    """Guard for the test above: every group of the ranking spans more than a page."""
    with mixed.test_request_context(), db.connection_context():
        shown = Application.select().join(User).where(Application.status != "draft")
        sizes = [shown.where(group).count() for group in inbox.ranking(inbox.budget_accounts())]
        assert all(size >= PAGE_SIZE + 1 for size in sizes), sizes
