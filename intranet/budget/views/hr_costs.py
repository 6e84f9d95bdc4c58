"""Actual costs of a stay: HR books them per category; all bookings listed and exported."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.budget import accounts, exports, reservations
from intranet.models import COST_CATEGORIES, CostBooking, Reservation
from intranet.models.budget import to_euro
from intranet.people.access import get_application_or_404
from intranet.people.guards import role_required
from intranet.platform import money, spreadsheets
from intranet.platform.pages import render
from intranet.platform.paging import int_in

bp = Blueprint("hr_costs", __name__, url_prefix="/personal")


def costs_page(application, status: int = 200, error=None, typed=None):
    """The cost page of one application; ``typed`` keeps a refused booking's input."""
    reservation = Reservation.get_or_none(Reservation.application == application.id)
    bookings = list(
        CostBooking.select().where(CostBooking.application == application.id).order_by(CostBooking.id)
    )
    context = {
        "application": application,
        "reserved": to_euro(reservation.amount_cents) if reservation else None,
        "bookings": bookings,
        "booked": to_euro(sum(b.amount_cents for b in bookings)),
        "bookable": application.status in reservations.BOOKABLE,
        "categories": [(key, reservations.CATEGORY_LABELS[key]) for key in COST_CATEGORIES],
        "error": error,
        "typed": typed or {},
    }
    return render("hr/costs.html", **context), status


@bp.get("/<int:application_id>/kosten")
@role_required("hr")
def costs(application_id: int):
    """Estimate, reservation and actual costs of a stay, with the booking form."""
    return costs_page(get_application_or_404(application_id))


@bp.post("/<int:application_id>/kosten")
@role_required("hr")
def book(application_id: int):
    """Book one actual cost; the first booking replaces the reservation."""
    application = get_application_or_404(application_id)
    form = request.form
    try:
        amount = money.parse_euro(form.get("amount", ""))
        reservations.book(
            current_user, application, form.get("category", ""), amount, form.get("note", "")[:500]
        )
    except (money.AmountInvalid, accounts.AccountRefused, reservations.BudgetRefused) as exc:
        return costs_page(application, 422, str(exc), form.to_dict())
    flash(_("Ist-Kosten gebucht."), "success")
    return redirect(url_for(".costs", application_id=application_id))


@bp.get("/buchungen/")
@role_required("hr")
def bookings():
    """All bookings, optionally of one budget year, with the export links."""
    year = int_in(request.args.get("year"), range(2000, 2101))
    labels = reservations.CATEGORY_LABELS
    return render("hr/bookings.html", year=year, bookings=list(exports.bookings(year)), labels=labels)


@bp.get("/buchungen.<any(csv, xlsx):kind>")
@role_required("hr")
def export(kind: str):
    """The bookings for the treasury as CSV or XLSX."""
    year = int_in(request.args.get("year"), range(2000, 2101))
    name = f"buchungen-{year or 'alle'}.{kind}"
    header, rows = exports.booking_header(), exports.booking_rows(year)
    if kind == "csv":
        return spreadsheets.csv_response(name, header, rows)
    return spreadsheets.xlsx_response(name, _("Buchungen"), header, rows)
