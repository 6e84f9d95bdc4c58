"""Simultaneous decisions: exactly one per application, never more reserved than the reservations.

Threads call the domain functions with their own connections; separate client processes
click through HTTP against the app served by a real WSGI server. Both on SQLite (BEGIN
IMMEDIATE) and on PostgreSQL (row lock of the conditional UPDATE).
"""

import subprocess
import sys
import threading
import time

import pytest

from intranet.budget import reservations
from intranet.models import Application, AuditEvent, Reservation
from intranet.outbound import workflow
from intranet.platform.db import db

from .conftest import PASSWORD
from .hrdata import account, set_budget, submitted
from .live_server import live_server, log_in

CLICKS = 20


def in_parallel(app, work, n: int) -> list[str]:
    """Run ``work(i)`` in ``n`` threads released at the same moment; returns their outcomes."""
    barrier = threading.Barrier(n)
    outcomes = [""] * n

    def run(i):
        with app.test_request_context(), db.connection_context():
            barrier.wait()
            try:
                work(i)
                outcomes[i] = "ok"
            except (workflow.TransitionRefused, reservations.BudgetRefused) as exc:
                outcomes[i] = type(exc).__name__

    threads = [threading.Thread(target=run, args=(i,)) for i in range(n)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return outcomes


@pytest.fixture
def data(app, people):
    """Run code on the test database."""

    def run(fn, *args, **kwargs):
        with app.test_request_context(), db.connection_context():
            return fn(*args, **kwargs)

    return run


def test_parallel_clicks_on_one_application_give_exactly_one_decision(app, people, data):
    application = data(submitted, people["anna"])
    hr = people["hanna"]

    def click(i):
        fresh = Application.get_by_id(application.id)
        workflow.decide(hr, fresh, "approve" if i % 2 else "reject", "Entschieden.")

    outcomes = in_parallel(app, click, 8)
    assert outcomes.count("ok") == 1 and outcomes.count("TransitionRefused") == 7
    decisions = data(
        lambda: (
            AuditEvent.select()
            .where(AuditEvent.action.in_(("application_approved", "application_rejected")))
            .count()
        )
    )
    assert decisions == 1


def test_parallel_approvals_never_reserve_more_than_the_budget(app, people, data):
    data(set_budget, 3000)
    applications = [data(submitted, people["anna" if i % 2 else "ben"], "1000") for i in range(CLICKS)]

    def approve(i):
        workflow.decide(people["hanna"], Application.get_by_id(applications[i].id), "approve")

    outcomes = in_parallel(app, approve, CLICKS)
    assert outcomes.count("ok") == 3 and outcomes.count("BudgetExceeded") == CLICKS - 3
    assert_three_approved(data)


def assert_three_approved(data):
    """Exactly three approvals, each with its reservation and audit row, and nothing over reservations."""
    figures = data(account)
    assert figures.reserved_cents == 300_000 <= figures.amount_cents
    assert data(lambda: Application.select().where(Application.status == "approved").count()) == 3
    assert data(lambda: Reservation.select().count()) == 3
    assert data(lambda: AuditEvent.select().where(AuditEvent.action == "application_approved").count()) == 3


def test_parallel_revert_and_booking_leave_consistent_figures(app, people, data):
    data(set_budget, 3000)
    application = data(submitted, people["anna"], "1000")
    data(workflow.decide, people["hanna"], application, "approve")

    def act(i):
        fresh = Application.get_by_id(application.id)
        if i % 2:
            workflow.revert(people["hanna"], fresh, "Zurück.")
        else:
            reservations.book(people["hanna"], fresh, "travel", 250)

    in_parallel(app, act, 6)
    figures = data(account)
    status = data(lambda: Application.get_by_id(application.id).status)
    if status == "approved":  # a booking won: the reservation is replaced by actuals
        assert figures.reserved_cents == 0 and figures.spent_cents % 25_000 == 0 < figures.spent_cents
    else:  # the revert won: nothing reserved, nothing booked
        assert status == "submitted" and (figures.reserved_cents, figures.spent_cents) == (0, 0)


# ---------------------------------------------------------------- processes against the live server

CLIENT = """
import sys, time, urllib.request
url, cookie, token, start = sys.argv[1], sys.argv[2], sys.argv[3], float(sys.argv[4])
request = urllib.request.Request(url, data=b"reason=Parallel", method="POST", headers={
    "Cookie": cookie, "X-CSRFToken": token, "HX-Request": "true",
    "Content-Type": "application/x-www-form-urlencoded"})
time.sleep(max(0.0, start - time.time()))
with urllib.request.urlopen(request, timeout=60) as response:
    print(response.status)
"""


def click_all(base: str, paths: list[str]) -> list[str]:
    """One client process per path, all posting at the same moment; returns their HTTP statuses."""
    cookie, token = log_in(base, "hanna", PASSWORD)
    start = time.time() + 3  # time for every interpreter to start before the common moment
    clients = [
        subprocess.Popen(
            [sys.executable, "-c", CLIENT, base + path, cookie, token, str(start)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in paths
    ]
    results = [client.communicate(timeout=120) for client in clients]
    assert all(not err for _, err in results), [err for _, err in results if err]
    return [out.strip() for out, _ in results]


@pytest.fixture
def live_url(app, people):
    with live_server(app) as url:
        yield url


def test_client_processes_against_a_budget_for_three(people, data, live_url):
    data(set_budget, 3000)
    applications = [data(submitted, people["anna" if i % 2 else "ben"], "1000") for i in range(CLICKS)]
    statuses = click_all(live_url, [f"/personal/{a.id}/approve" for a in applications])
    assert statuses == ["200"] * CLICKS
    assert_three_approved(data)


def test_client_processes_on_one_application(people, data, live_url):
    application = data(submitted, people["anna"])
    statuses = click_all(live_url, [f"/personal/{application.id}/approve"] * 10)
    assert statuses == ["200"] * 10
    assert data(lambda: AuditEvent.select().where(AuditEvent.action == "application_approved").count()) == 1
    assert data(lambda: Reservation.select().count()) == 1
