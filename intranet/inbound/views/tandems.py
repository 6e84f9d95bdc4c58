"""Tandems for HR and the partner cities' admins: the list, a guest's suggestions, pairing, dissolving."""

from dataclasses import dataclass

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.inbound import matching, tandems
from intranet.inbound.forms import TandemForm
from intranet.inbound.guests import guest_or_404
from intranet.models import Application, Tandem
from intranet.people.access import manages_city
from intranet.people.guards import role_required
from intranet.platform.pages import render
from intranet.platform.paging import int_in, paginate

bp = Blueprint("tandems", __name__, url_prefix="/tandems")


@dataclass
class ListFilters:
    """The list has no filters besides the page number."""

    page: int = 1

    def args(self, page: int) -> dict:
        """Query arguments for a link to ``page``."""
        return {"page": page} if page != 1 else {}


def tandem_or_404(tandem_id: int) -> Tandem:
    """A tandem of a city the current user looks after; 404 otherwise."""
    tandem = tandems.visible(current_user).where(Tandem.id == tandem_id).first()
    if tandem is None:
        abort(404)
    return tandem


@bp.get("/")
@role_required("hr", "city_admin")
def index():
    """All tandems the user looks after, newest stays first."""
    filters = ListFilters(int_in(request.args.get("page"), range(1, 100_000)) or 1)
    page = paginate(tandems.visible(current_user), filters.page, current_app.config["PAGE_SIZE"])
    return render("tandems/index.html", page=page, filters=filters)


def guest_page(guest, form=None, chosen=None, error=None, status=200):
    """The guest's tandem page, or its tandem region for htmx."""
    context = {"guest": guest, "form": form, "chosen": chosen, "error": error}
    context["tandem"] = Tandem.get_or_none(Tandem.inbound == guest.id)
    if context["tandem"] is None and chosen is None and guest.status != "cancelled":
        context["suggestions"] = matching.for_guest(guest)
    # htmx swaps only successful responses: a refusal in the region comes as 200 with its alert
    return render("tandems/guest.html", block="region", **context), 200 if request.htmx else status


@bp.get("/gast/<int:trainee_id>")
@role_required("hr", "city_admin")
def guest(trainee_id: int):
    """A guest's tandem, or the Siegburg stays that could pair with the guest."""
    return guest_page(guest_or_404(trainee_id))


@bp.post("/gast/<int:trainee_id>/paar")
@role_required("hr", "city_admin")
def pair(trainee_id: int):
    """First the chosen pair with the swap step; with ``confirm`` the tandem is formed."""
    guest = guest_or_404(trainee_id)
    form = TandemForm()
    chosen = Application.get_or_none(
        # a number beyond the id range would overflow the database's integer
        (Application.id == (int_in(form.outbound.data, range(1, 2**31)) or 0))
        & (Application.city == guest.city)
    )
    if not form.validate() or chosen is None:
        return guest_page(guest, error=_("Bitte einen der vorgeschlagenen Aufenthalte wählen."), status=422)
    if "confirm" not in request.form:
        return guest_page(guest, form, chosen, error=" ".join(tandems.problems(chosen, guest)) or None)
    swap = form.swap() if current_user.has_role("hr") else None
    try:
        tandems.create(current_user, chosen, guest, swap)
    except tandems.TandemRefused as exc:
        return guest_page(guest, form, chosen, error=str(exc), status=409)
    if request.htmx:
        return guest_page(guest)  # the region's status line announces the tandem
    flash(_("Tandem gebildet: %(a)s und %(b)s.", a=chosen.applicant.display_name, b=guest.name), "success")
    return redirect(url_for(".guest", trainee_id=guest.id))


@bp.get("/bewerbung/<int:application_id>")
@role_required("hr", "city_admin")
def stay(application_id: int):
    """Guests that could pair with a Siegburg trainee's stay."""
    application = Application.get_or_none(Application.id == application_id)
    if application is None or not manages_city(current_user, application.city):
        abort(404)
    tandem = Tandem.get_or_none(Tandem.outbound == application.id)
    suggestions = [] if tandem else matching.for_stay(application)
    return render("tandems/stay.html", application=application, tandem=tandem, suggestions=suggestions)


@bp.route("/<int:tandem_id>/aufloesen", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def dissolve(tandem_id: int):
    """Ask, then dissolve a tandem."""
    tandem = tandem_or_404(tandem_id)
    if request.method == "GET":
        return render("tandems/dissolve.html", tandem=tandem)
    try:
        tandems.dissolve(current_user, tandem)
        flash(_("Tandem aufgelöst."), "success")
    except tandems.TandemRefused as exc:
        flash(str(exc), "error")
    return redirect(url_for(".guest", trainee_id=tandem.inbound_id))
