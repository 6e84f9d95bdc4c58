"""Figures of the yearly report to the council committee ("Bericht an den Ausschuss").

A year's figures come from a handful of GROUP BY queries, never from a query per stay: the
reciprocity ledger (persons and days per city, out and in), the training crosstab of the
outbound stays, the budget accounts with their bookings per category, and one query over the
accepted experience reports. A stay belongs to the year it starts in, like its budget.
"""

import re
import textwrap
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from peewee import JOIN, fn

from intranet.inbound import reciprocity
from intranet.models import (
    COST_CATEGORIES,
    Application,
    BudgetAccount,
    CostBooking,
    ExperienceReport,
    HostFamily,
    Placement,
    User,
)
from intranet.models.budget import to_euro
from intranet.reports.experience import GOALS

EXCERPTS = 3  #: how many report summaries the committee reads, shortened
EXCERPT_LENGTH = 240
#: words in name fields that are no names ("Familie von Berg" → only "Berg" is one) but common in texts
NOT_NAMES = {
    "familie", "famille", "família", "family", "rodzina", "aile", "herr", "frau", "madame", "monsieur",
    "von", "van", "der", "den", "de", "da", "do", "dos", "du", "la", "le", "zu",
}  # fmt: skip
EMAIL = re.compile(r"\S+@\S+")


@dataclass(frozen=True)
class AccountCosts:
    """A budget account of the year: amount, reserved, spent, free and the spending per category."""

    label: str
    name: str
    amount: Decimal
    reserved: Decimal
    spent: Decimal
    remaining: Decimal
    by_category: dict[str, Decimal]


@dataclass(frozen=True)
class GoalRating:
    """The average rating (1–5) of one of the pilot's goals, over the reports that rated it."""

    key: str
    label: str
    ratings: int
    average: Decimal | None


@dataclass(frozen=True)
class Feedback:
    """What the accepted experience reports of the year say, without names."""

    reports: int
    goals: list[GoalRating]
    excerpts: list[str]


@dataclass(frozen=True)
class Report:
    """All figures of one year's report."""

    year: int
    ledger: list[reciprocity.LedgerRow]
    total: reciprocity.LedgerRow
    #: (training track or "", training year or 0) → persons sent
    training: dict[tuple[str, int], int]
    accounts: list[AccountCosts]
    feedback: Feedback

    @property
    def budget(self) -> Decimal:
        """The amount of all the year's accounts."""
        return sum((a.amount for a in self.accounts), to_euro(0))

    @property
    def spent(self) -> Decimal:
        """The actual costs booked on the year's accounts."""
        return sum((a.spent for a in self.accounts), to_euro(0))

    @property
    def empty(self) -> bool:
        """Nothing happened in the year: no stays either way, no money spent or reserved, no report."""
        money = any(a.spent or a.reserved for a in self.accounts)
        return not (self.total.persons_out or self.total.persons_in or money or self.feedback.reports)


def in_year(model, year: int):
    """Condition: the row's stay starts in ``year``."""
    return model.start_date.between(date(year, 1, 1), date(year, 12, 31))


def build(year: int) -> Report:
    """The report of ``year``."""
    rows = reciprocity.ledger(year)
    return Report(
        year, rows, reciprocity.total(rows, _("Gesamt")), training(year), costs(year), feedback(year)
    )


def training(year: int) -> dict[tuple[str, int], int]:
    """Persons sent per training track and training year (the snapshot taken at submission)."""
    query = (
        Application.select(Application.training_track, Application.training_year, fn.COUNT(Application.id))
        .where(in_year(Application, year) & Application.status.in_(reciprocity.OUTBOUND_STATUSES))
        .group_by(Application.training_track, Application.training_year)
        .tuples()
    )
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for track, training_year, persons in query:
        counts[(track or "", training_year or 0)] += persons
    return dict(counts)


def costs(year: int) -> list[AccountCosts]:
    """The year's accounts with their figures and the actual costs per category."""
    spent = (
        CostBooking.select(CostBooking.account, CostBooking.category, fn.SUM(CostBooking.amount_cents))
        .join(BudgetAccount)
        .where(BudgetAccount.year == year)
        .group_by(CostBooking.account, CostBooking.category)
        .tuples()
    )
    categories: dict[int, dict[str, Decimal]] = defaultdict(dict)
    for account_id, category, cents in spent:
        categories[account_id][category] = to_euro(int(cents))
    accounts = BudgetAccount.select().where(BudgetAccount.year == year).order_by(BudgetAccount.number)
    return [
        AccountCosts(
            a.label,
            a.name,
            a.total,
            a.reserved,
            a.spent,
            a.remaining,
            {c: categories[a.id].get(c, to_euro(0)) for c in COST_CATEGORIES},
        )  # fmt: skip
        for a in accounts
    ]


def feedback(year: int) -> Feedback:
    """Count, average rating per goal and a few anonymised excerpts of the year's accepted reports."""
    rows = list(
        ExperienceReport.select(
            ExperienceReport.ratings,
            ExperienceReport.summary,
            User.display_name,
            Placement.mentor,
            HostFamily.household,
            HostFamily.contact_name,
        )  # fmt: skip
        .join(Application)
        .join(User, on=(Application.applicant == User.id))
        .switch(Application)
        .join(Placement, JOIN.LEFT_OUTER, on=(Placement.application == Application.id))
        .join(HostFamily, JOIN.LEFT_OUTER, on=(Placement.host_family == HostFamily.id))
        .where((ExperienceReport.status == "accepted") & in_year(Application, year))
        .order_by(ExperienceReport.accepted_at, ExperienceReport.id)
        .tuples()
    )
    goals = [goal_rating(key, label, [ratings for ratings, *_ in rows]) for key, label in GOALS]
    excerpts = [anonymise(summary, names) for _, summary, *names in rows if summary.strip()]
    return Feedback(len(rows), goals, excerpts[:EXCERPTS])


def goal_rating(key: str, label, all_ratings: list[dict]) -> GoalRating:
    """The average of the valid ratings (1–5) of ``key``, to one decimal; None without any."""
    values = [r.get(key) for r in all_ratings]
    values = [v for v in values if isinstance(v, int) and 1 <= v <= 5]
    if not values:
        return GoalRating(key, str(label), 0, None)
    average = (Decimal(sum(values)) / len(values)).quantize(Decimal("0.1"), rounding="ROUND_HALF_UP")
    return GoalRating(key, str(label), len(values), average)


def anonymise(text: str, names: list[str | None]) -> str:
    """``text`` shortened, with the trainee's, mentor's and host family's names and any e-mail removed."""
    words = {w for name in names if name for w in re.findall(r"\w{2,}", name)}
    words = {w for w in words if w.lower() not in NOT_NAMES}
    text = EMAIL.sub("[E-Mail]", text)
    if words:
        pattern = r"\b(" + "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) + r")\b"
        text = re.sub(pattern, "[Name]", text, flags=re.IGNORECASE)
    return textwrap.shorten(text, EXCERPT_LENGTH, placeholder=" …")
