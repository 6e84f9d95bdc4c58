"""The run-time data of one partner city: contacts, cost rates, letter texts, blocked periods, capacity."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities import overrides
from intranet.models import BlockedPeriod, CapacityWindow
from intranet.people.access import managed_city_or_404
from intranet.people.guards import role_required
from intranet.placement import periods
from intranet.platform.pages import render

bp = Blueprint("citydata", __name__, url_prefix="/stadtverwaltung/<slug>/daten")

#: period kinds in URLs → model
PERIODS = {"sperrzeiten": BlockedPeriod, "kapazitaet": CapacityWindow}


def page(slug: str, status: int = 200, error: str | None = None, failed: str = ""):
    """The data page; after an error the failed form keeps what was typed."""
    city = managed_city_or_404(slug)
    context = {
        "city": city,
        "contacts": overrides.plugin_contacts(slug),
        "contact_values": overrides.values(slug, "contact"),
        "costs": overrides.values(slug, "cost"),
        "cost_rates": overrides.COST_RATES,
        "texts": overrides.values(slug, "letter_text"),
        "text_keys": overrides.letter_text_keys(slug),
        "blocked": BlockedPeriod.select()
        .where(BlockedPeriod.city == slug)
        .order_by(BlockedPeriod.start_date),
        "capacity": CapacityWindow.select()
        .where(CapacityWindow.city == slug)
        .order_by(CapacityWindow.start_date),
        "error": error,
        "failed": failed,
        "typed": request.form if error else {},
    }
    return render("cityadmin/data.html", **context), status


def saved(slug: str, anchor: str, message: str):
    """Flash and go back to the section that was changed."""
    flash(message, "success")
    return redirect(url_for(".index", slug=slug) + "#" + anchor)


@bp.get("/")
@role_required("hr", "city_admin")
def index(slug: str):
    """All run-time data of the city, each with its plugin default."""
    return page(slug)


@bp.post("/<kind>")
@role_required("hr", "city_admin")
def update(slug: str, kind: str):
    """Save one override: a contact, a cost rate or a letter text."""
    managed_city_or_404(slug)
    key = request.form.get("key", "")
    setters = {
        "contact": lambda: overrides.set_contact(current_user, slug, key, request.form),
        "cost": lambda: overrides.set_cost(current_user, slug, key, request.form.get("amount", "")),
        "letter_text": lambda: overrides.set_letter_text(
            current_user, slug, key, request.form.get("text", "")
        ),
    }
    if kind not in setters:
        return page(slug, 404, _("Diese Angabe gibt es nicht."))
    try:
        setters[kind]()
    except overrides.OverrideRefused as exc:
        return page(slug, 422, str(exc), f"{kind}:{key}")
    return saved(slug, kind, _("Gespeichert. Die Angabe gilt ab sofort statt der Vorgabe des Plugins."))


@bp.post("/<kind>/zuruecksetzen")
@role_required("hr", "city_admin")
def reset(slug: str, kind: str):
    """Delete an override: the plugin's default applies again."""
    managed_city_or_404(slug)
    overrides.reset(current_user, slug, kind, request.form.get("key", ""))
    return saved(slug, kind, _("Auf die Vorgabe des Plugins zurückgesetzt."))


@bp.post("/zeitraum/<kind>")
@role_required("hr", "city_admin")
def add_period(slug: str, kind: str):
    """Add a blocked period or a capacity window."""
    managed_city_or_404(slug)
    form = request.form
    try:
        if kind == "sperrzeiten":
            periods.add_blocked(current_user, slug, form.get("start"), form.get("end"), form.get("reason"))
        elif kind == "kapazitaet":
            periods.add_capacity(current_user, slug, form.get("start"), form.get("end"), form.get("places"))
        else:
            return page(slug, 404, _("Diese Angabe gibt es nicht."))
    except periods.PeriodRefused as exc:
        return page(slug, 422, str(exc), kind)
    return saved(slug, kind, _("Zeitraum eingetragen."))


@bp.post("/zeitraum/<kind>/<int:period_id>/entfernen")
@role_required("hr", "city_admin")
def remove_period(slug: str, kind: str, period_id: int):
    """Remove a blocked period or a capacity window of this city."""
    managed_city_or_404(slug)
    if kind not in PERIODS:
        return page(slug, 404, _("Diese Angabe gibt es nicht."))
    try:
        periods.remove(current_user, PERIODS[kind], slug, period_id)
    except periods.PeriodRefused as exc:
        return page(slug, 404, str(exc))
    return saved(slug, kind, _("Zeitraum entfernt."))
