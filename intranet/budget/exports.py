"""Exports for the treasury and the auditors: cost bookings as CSV and XLSX, audit rows as CSV.

CSV files are written the way German spreadsheet programs read them: UTF-8 with BOM,
semicolons, decimal commas. Text cells that a spreadsheet would run as a formula
(starting with = + - @ or a control character) are prefixed with an apostrophe.
"""

from flask_babel import gettext as _
from peewee import JOIN

from intranet.budget.reservations import CATEGORY_LABELS
from intranet.cities.registry import registry
from intranet.models import Application, BudgetAccount, CostBooking, User


def booking_header() -> list[str]:
    return [
        _("Buchung Nr."), _("Gebucht am"), _("Sachkonto"), _("Haushaltsjahr"), _("Bewerbung Nr."),
        _("Auszubildende/r"), _("Partnerstadt"), _("Beginn"), _("Ende"), _("Kostenart"),
        _("Betrag (EUR)"), _("Bemerkung"), _("Gebucht von"),
    ]  # fmt: skip


def bookings(year: int | None = None):
    """Bookings with account, application, trainee and booker in one query, oldest first."""
    trainee, booker = User.alias(), User.alias()
    query = (
        CostBooking.select(CostBooking, BudgetAccount, Application, trainee, booker)
        .join(BudgetAccount)
        .switch(CostBooking)
        .join(Application)
        .join(trainee, on=(Application.applicant == trainee.id))
        .switch(CostBooking)
        .join(booker, JOIN.LEFT_OUTER, on=(CostBooking.booked_by == booker.id))
        .order_by(CostBooking.booked_at, CostBooking.id)
    )
    return query.where(BudgetAccount.year == year) if year else query


def booking_rows(year: int | None = None) -> list[list]:
    """One row per booking (plain Python values), optionally of one budget year."""
    return [booking_row(b) for b in bookings(year)]


def booking_row(booking: CostBooking) -> list:
    application = booking.application
    city = registry().get(application.city)
    return [
        booking.id, booking.booked_at.date(), booking.account.number, booking.account.year, application.id,
        application.applicant.display_name, city.name_de if city else application.city,
        application.start_date, application.end_date, str(CATEGORY_LABELS[booking.category]),
        booking.amount, booking.note, booking.booked_by.display_name,
    ]  # fmt: skip
