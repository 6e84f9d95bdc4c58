"""Budget of Sachkonto 549904: reservation at approval, guard, override, revert, actual costs."""

from datetime import date
from decimal import Decimal

import pytest

from intranet.budget import reservations
from intranet.models import Application, AuditEvent, CostBooking, OutboxMessage, Reservation
from intranet.models.budget import to_cents, to_euro
from intranet.outbound import workflow
from intranet.platform.db import db

from .hrdata import NEXT_YEAR, account, set_budget, submitted


@pytest.fixture
def ctx(app, people):
    """A request context on the test database; yields the people."""
    with app.test_request_context(), db.connection_context():
        yield people


def test_money_is_exact_cents():
    assert to_cents("0.1") + to_cents("0.2") == to_cents("0.3") == 30
    assert to_cents(Decimal("12.345")) == 1235
    assert to_euro(123456) == Decimal("1234.56")


def test_estimate_sums_the_city_cost_items(ctx):
    application = Application(applicant=ctx["anna"], city="nogent", start_date=date(NEXT_YEAR, 3, 1))
    application.end_date = date(NEXT_YEAR, 3, 14)
    items = reservations.registry().call("nogent", "cost_estimate", application=application)
    assert reservations.estimate(application) == to_euro(sum(to_cents(i.amount) for i in items)) > 0


def test_approval_reserves_the_estimate_and_audits_it(ctx):
    set_budget(3000)
    application = submitted(ctx["anna"], "1234.50")
    workflow.decide(ctx["hanna"], application, "approve")
    assert account().reserved == Decimal("1234.50") and account().remaining == Decimal("1765.50")
    assert Reservation.get(Reservation.application == application.id).amount_cents == 123450
    row = AuditEvent.get(AuditEvent.action == "application_approved")
    assert row.after == {"status": "approved", "reserved": "1234.50", "account": f"549904/{NEXT_YEAR}"}


def test_approval_over_budget_is_refused_with_figures_and_leaves_nothing(ctx):
    set_budget(1500, reserved=500, spent=200)
    application = submitted(ctx["anna"], "1000")
    with pytest.raises(reservations.BudgetExceeded) as refused:
        workflow.decide(ctx["hanna"], application, "approve")
    message = str(refused.value)
    assert "noch 800,00\xa0€ frei" in message and "braucht 1.000,00\xa0€" in message
    assert "Gesamt 1.500,00\xa0€" in message and f"549904/{NEXT_YEAR}" in message
    assert Application.get_by_id(application.id).status == "submitted"
    assert account().reserved == Decimal("500.00") and not Reservation.select().exists()
    assert not AuditEvent.select().where(AuditEvent.action == "application_approved").exists()
    assert not OutboxMessage.select().where(OutboxMessage.subject.contains("Zusage")).exists()


def test_exact_fit_is_approved(ctx):
    set_budget("1000.01", reserved="0.01")
    workflow.decide(ctx["hanna"], submitted(ctx["anna"], "1000.00"), "approve")
    assert account().remaining == 0


def test_override_needs_a_reason_and_is_audited(ctx):
    set_budget(100)
    application = submitted(ctx["anna"], "1000")
    with pytest.raises(workflow.TransitionRefused, match="begründen"):
        workflow.decide(ctx["hanna"], application, "approve", "  ", override=True)
    workflow.decide(ctx["hanna"], application, "approve", "Ausschuss hat Nachtrag zugesagt.", override=True)
    assert account().remaining == Decimal("-900.00")
    row = AuditEvent.get(AuditEvent.action == "application_approved")
    assert row.after["over_budget"] is True and row.reason == "Ausschuss hat Nachtrag zugesagt."


def test_missing_account_for_the_year_is_refused(ctx):
    application = submitted(ctx["anna"], start=date(NEXT_YEAR + 3, 3, 1))
    with pytest.raises(
        reservations.BudgetRefused, match=f"Für {NEXT_YEAR + 3} gibt es noch kein Sachkonto 549904"
    ):
        workflow.decide(ctx["hanna"], application, "approve")
    assert Application.get_by_id(application.id).status == "submitted"


@pytest.mark.parametrize("decision", ["reject", "waitlist"])
def test_reject_and_waitlist_need_a_reason(ctx, decision):
    application = submitted(ctx["anna"])
    with pytest.raises(workflow.TransitionRefused, match="Begründung"):
        workflow.decide(ctx["hanna"], application, decision, "")
    workflow.decide(ctx["hanna"], application, decision, "Zu spät eingereicht.")
    expected = "rejected" if decision == "reject" else "waitlisted"
    assert Application.get_by_id(application.id).status == expected


def test_revert_releases_the_reservation_with_a_reason(ctx):
    set_budget(3000)
    application = workflow.decide(ctx["hanna"], submitted(ctx["anna"], "1000"), "approve")
    with pytest.raises(workflow.TransitionRefused, match="zurückgenommen"):
        workflow.revert(ctx["hanna"], application, "")
    reverted = workflow.revert(ctx["hanna"], application, "Versehentlich genehmigt.")
    assert reverted.status == "submitted" and reverted.decided_at is None
    assert account().reserved == 0 and not Reservation.select().exists()
    row = AuditEvent.get(AuditEvent.action == "application_reverted")
    assert row.before == {"status": "approved"}
    assert row.after == {"status": "submitted", "released": "1000.00"}
    assert row.reason == "Versehentlich genehmigt."
    mail = OutboxMessage.get(OutboxMessage.subject.contains("erneut"))
    assert mail.recipient == "anna@example.org"
    assert "Versehentlich genehmigt." in mail.body


def test_revert_of_a_rejection_reopens_it(ctx):
    application = workflow.decide(ctx["hanna"], submitted(ctx["anna"]), "reject", "Kein Platz.")
    assert workflow.revert(ctx["hanna"], application, "Doch ein Platz frei.").status == "submitted"


def test_withdrawing_an_approved_stay_releases_the_reservation(ctx):
    set_budget(3000)
    application = workflow.decide(ctx["hanna"], submitted(ctx["anna"], "1000"), "approve")
    workflow.transition(ctx["anna"], application, "withdraw")
    assert account().reserved == 0
    mail = OutboxMessage.get(OutboxMessage.subject.startswith("Budget frei"))
    assert mail.recipient == "hanna@example.org" and "Warteliste" in mail.body


def test_withdrawing_an_open_application_does_not_bother_hr(ctx):
    workflow.transition(ctx["anna"], submitted(ctx["anna"]), "withdraw")
    assert not OutboxMessage.select().where(OutboxMessage.recipient == "hanna@example.org").exists()


def test_actual_costs_replace_the_reservation(ctx):
    set_budget(3000)
    application = workflow.decide(ctx["hanna"], submitted(ctx["anna"], "1000"), "approve")
    reservations.book(ctx["hanna"], application, "travel", Decimal("412.30"), "Bahn")
    assert (account().reserved, account().spent) == (0, Decimal("412.30"))
    reservations.book(ctx["hanna"], application, "host_family", Decimal("300"))
    assert (account().spent, account().remaining) == (Decimal("712.30"), Decimal("2287.70"))
    rows = list(AuditEvent.select().where(AuditEvent.action == "costs_booked").order_by(AuditEvent.id))
    assert rows[0].after["released"] == "1000.00" and "released" not in rows[1].after
    with pytest.raises(reservations.BudgetRefused, match="Ist-Kosten gebucht"):
        workflow.revert(ctx["hanna"], application, "Zu spät.")


@pytest.mark.parametrize(
    ("category", "amount", "message"),
    [("bier", "10", "Kostenart"), ("travel", "0", "größer als 0"), ("travel", "-5", "größer als 0")],
)
def test_bad_bookings_are_refused(ctx, category, amount, message):
    set_budget(3000)
    application = workflow.decide(ctx["hanna"], submitted(ctx["anna"]), "approve")
    with pytest.raises(reservations.BudgetRefused, match=message):
        reservations.book(ctx["hanna"], application, category, Decimal(amount))
    assert not CostBooking.select().exists() and account().spent == 0


def test_no_bookings_for_open_applications(ctx):
    with pytest.raises(reservations.BudgetRefused, match="genehmigte"):
        reservations.book(ctx["hanna"], submitted(ctx["anna"]), "travel", Decimal("10"))
