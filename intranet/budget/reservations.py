"""Budget accounts: reservations at approval, the guard, releases, and bookings of actual costs.

An approval reserves the application's cost estimate on the account of the year its stay
starts, with one conditional UPDATE (``… WHERE amount - reserved - spent >= estimate``)
inside the decision's transaction: concurrent approvals queue on the account row (SQLite
``BEGIN IMMEDIATE``, PostgreSQL row lock) and the condition is re-checked for each, so the
reservations never exceed the amount unless HR overrides the guard with a reason.
"""

from decimal import Decimal

from flask import current_app
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from intranet.cities.registry import registry
from intranet.models import COST_CATEGORIES, Application, BudgetAccount, CostBooking, Reservation
from intranet.models.budget import to_cents, to_euro
from intranet.platform.audit import record
from intranet.platform.db import db
from intranet.platform.i18n import money_filter

CATEGORY_LABELS = {
    "travel": _l("Reise"),
    "insurance": _l("Versicherung"),
    "host_family": _l("Zuschuss Gastfamilie"),
    "other": _l("Sonstiges"),
}

#: Statuses of stays whose actual costs HR books.
BOOKABLE = ("approved", "placed", "completed")


class BudgetRefused(Exception):
    """A budget operation that is not possible; the message is German and shown to HR."""


class BudgetExceeded(BudgetRefused):
    """An approval that does not fit the remaining budget; carries the figures."""

    def __init__(self, account: BudgetAccount, needed: Decimal):
        self.account, self.needed = account, needed
        super().__init__(
            _(
                "Das Budget reicht nicht: Auf Sachkonto %(account)s sind noch %(remaining)s frei "
                "(Gesamt %(total)s, reserviert %(reserved)s, ausgegeben %(spent)s); "
                "die Bewerbung braucht %(needed)s.",
                account=account.label,
                remaining=money_filter(account.remaining),
                total=money_filter(account.total),
                reserved=money_filter(account.reserved),
                spent=money_filter(account.spent),
                needed=money_filter(needed),
            )
        )


def default_number() -> str:
    """The budget account approvals reserve against (config ``BUDGET_ACCOUNT``)."""
    return current_app.config["BUDGET_ACCOUNT"]


def budget_year(application: Application) -> int:
    """The budget year of a stay: the year it starts."""
    return application.start_date.year


def account_for(application: Application) -> BudgetAccount:
    """The default account of the stay's year; refused if HR has not created it."""
    account = BudgetAccount.get_or_none(
        (BudgetAccount.number == default_number()) & (BudgetAccount.year == budget_year(application))
    )
    if account is None:
        raise BudgetRefused(
            _(
                "Für %(year)s gibt es noch kein Sachkonto %(number)s. Bitte legen Sie es unter „Budget“ an.",
                year=budget_year(application),
                number=default_number(),
            )
        )
    return account


def estimate(application: Application) -> Decimal:
    """Sum of the city's cost items for the application, in euro."""
    items = registry().call(application.city, "cost_estimate", application=application)
    return to_euro(sum(to_cents(item.amount) for item in items))


def reserve(application: Application, override: bool = False) -> dict:
    """Reserve the estimate on the stay's account; raise BudgetExceeded unless ``override``."""
    account = account_for(application)
    cents = to_cents(application.cost_estimate or 0)
    query = BudgetAccount.update(reserved_cents=BudgetAccount.reserved_cents + cents).where(
        BudgetAccount.id == account.id
    )
    if not override:
        free = BudgetAccount.amount_cents - BudgetAccount.reserved_cents - BudgetAccount.spent_cents
        query = query.where(free >= cents)
    if query.execute() != 1:
        raise BudgetExceeded(BudgetAccount.get_by_id(account.id), to_euro(cents))
    Reservation.create(application=application.id, account=account, amount_cents=cents)
    details = {"reserved": str(to_euro(cents)), "account": account.label}
    return {**details, "over_budget": True} if override else details


def release(application: Application) -> dict:
    """Give the application's reservation back to its account (nothing if it holds none)."""
    reservation = Reservation.get_or_none(Reservation.application == application.id)
    # the conditional DELETE lets only one of two concurrent releases give the money back
    if reservation is None or Reservation.delete().where(Reservation.id == reservation.id).execute() != 1:
        return {}
    BudgetAccount.update(reserved_cents=BudgetAccount.reserved_cents - reservation.amount_cents).where(
        BudgetAccount.id == reservation.account_id
    ).execute()
    return {"released": str(to_euro(reservation.amount_cents))}


def undo_approval(application: Application) -> dict:
    """Release for a reverted decision; refused once actual costs are booked."""
    if CostBooking.select().where(CostBooking.application == application.id).exists():
        raise BudgetRefused(_("Nicht möglich: Für diese Bewerbung sind bereits Ist-Kosten gebucht."))
    return release(application)


def book(user, application: Application, category: str, amount: Decimal, note: str = "") -> CostBooking:
    """Book one actual cost; the first booking replaces the reservation."""
    if category not in COST_CATEGORIES:
        raise BudgetRefused(_("Bitte wählen Sie eine Kostenart."))
    cents = to_cents(amount)
    if cents <= 0:
        raise BudgetRefused(_("Der Betrag muss größer als 0 € sein."))
    with db.atomic():
        # touching the row locks it against a concurrent revert (which checks for bookings)
        locked = (
            Application.update(version=Application.version + 1)
            .where((Application.id == application.id) & Application.status.in_(BOOKABLE))
            .execute()
        )
        if locked != 1:
            raise BudgetRefused(_("Ist-Kosten können nur für genehmigte Aufenthalte gebucht werden."))
        reservation = Reservation.get_or_none(Reservation.application == application.id)
        account = reservation.account if reservation else account_for(application)
        released = release(application)
        BudgetAccount.update(spent_cents=BudgetAccount.spent_cents + cents).where(
            BudgetAccount.id == account.id
        ).execute()
        booking = CostBooking.create(
            application=application.id,
            account=account,
            category=category,
            amount_cents=cents,
            note=note,
            booked_by=user,
        )
        after = {"category": category, "amount": str(booking.amount), "account": account.label, **released}
        record(user, "costs_booked", application, None, after, note)
    return booking
