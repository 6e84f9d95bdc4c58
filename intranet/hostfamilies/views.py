"""The host-family register of one partner city: list, enter, change, availability, delete on request."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities import home
from intranet.hostfamilies import households
from intranet.hostfamilies.forms import AvailabilityForm, HostFamilyForm
from intranet.models import HostAvailability, HostFamily
from intranet.people.access import managed_city_or_404
from intranet.people.guards import role_required
from intranet.platform.pages import render

bp = Blueprint("hostfamilies", __name__, url_prefix="/stadtverwaltung/<slug>/gastfamilien")


def register_city_or_404(slug: str):
    """The city whose register is asked for: Siegburg's own for HR only, else a city the user manages."""
    if slug != home.SLUG:
        return managed_city_or_404(slug)
    if not current_user.has_role("hr"):
        abort(404)
    return home.SIEGBURG


def family_or_404(slug: str, family_id: int) -> HostFamily:
    """A family of a city the current user manages; 404 otherwise, also for other cities' families."""
    register_city_or_404(slug)
    family = HostFamily.get_or_none((HostFamily.id == family_id) & (HostFamily.city == slug))
    if family is None:
        abort(404)
    return family


def detail_page(slug, family, form=None, window_form=None, error=None, status=200):
    """The family's page: entry form, availability windows, deletion."""
    context = {
        "city": register_city_or_404(slug),
        "family": family,
        "form": form or HostFamilyForm(obj=family),
        "window_form": window_form or AvailabilityForm(formdata=None),
        "windows": family.availability.order_by(HostAvailability.start_date),
        "error": error,
    }
    return render("cityadmin/family.html", **context), status


@bp.get("/")
@role_required("hr", "city_admin")
def index(slug: str):
    """The city's host families."""
    city = register_city_or_404(slug)
    families = list(HostFamily.for_city(slug))
    return render(
        "cityadmin/families.html", city=city, families=families, windows=households.windows(families)
    )


@bp.route("/neu", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def create(slug: str):
    """Enter a new host family with the consent it gave."""
    city = register_city_or_404(slug)
    form = HostFamilyForm()
    if request.method == "POST" and form.validate():
        family = households.create(current_user, slug, form.data)
        flash(_("Gastfamilie „%(name)s“ eingetragen.", name=family.household), "success")
        return redirect(url_for(".detail", slug=slug, family_id=family.id))
    status = 422 if request.method == "POST" else 200
    return render("cityadmin/family.html", city=city, family=None, form=form), status


@bp.route("/<int:family_id>", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def detail(slug: str, family_id: int):
    """Show and change one family's entry."""
    family = family_or_404(slug, family_id)
    form = HostFamilyForm(obj=family)
    if request.method == "GET":
        return detail_page(slug, family, form)
    if not form.validate():
        return detail_page(slug, family, form, status=422)
    households.update(current_user, family, form.data)
    flash(_("Angaben gespeichert."), "success")
    return redirect(url_for(".detail", slug=slug, family_id=family.id))


@bp.post("/<int:family_id>/zeitraeume")
@role_required("hr", "city_admin")
def add_window(slug: str, family_id: int):
    """Add a period in which the family can host."""
    family = family_or_404(slug, family_id)
    window_form = AvailabilityForm()
    if not window_form.validate():
        return detail_page(slug, family, window_form=window_form, status=422)
    households.add_window(current_user, family, window_form.start_date.data, window_form.end_date.data)
    flash(_("Zeitraum hinzugefügt."), "success")
    return redirect(url_for(".detail", slug=slug, family_id=family.id) + "#availability")


@bp.post("/<int:family_id>/zeitraeume/<int:window_id>/entfernen")
@role_required("hr", "city_admin")
def remove_window(slug: str, family_id: int, window_id: int):
    """Remove a period of availability."""
    family = family_or_404(slug, family_id)
    try:
        households.remove_window(current_user, family, window_id)
    except households.RegisterRefused as exc:
        return detail_page(slug, family, error=str(exc), status=404)
    flash(_("Zeitraum entfernt."), "success")
    return redirect(url_for(".detail", slug=slug, family_id=family.id) + "#availability")


@bp.route("/<int:family_id>/loeschen", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def delete(slug: str, family_id: int):
    """Confirm, then delete the family's personal data on request."""
    family = family_or_404(slug, family_id)
    if request.method == "GET":
        return render("cityadmin/family_delete.html", city=register_city_or_404(slug), family=family)
    households.delete(current_user, family)
    flash(_("Die Gastfamilie und ihre Daten wurden gelöscht."), "success")
    return redirect(url_for(".index", slug=slug))
