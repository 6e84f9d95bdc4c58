"""Guests from the partner cities in Siegburg: list, register, detail with rotation, change, cancel."""

from dataclasses import asdict, dataclass
from datetime import date

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.cities.workdays import german_date
from intranet.inbound import guests, rotation
from intranet.inbound.forms import InboundForm
from intranet.inbound.guests import guest_or_404
from intranet.models import Department, InboundTrainee
from intranet.people.access import managed_cities, manages_city
from intranet.people.guards import role_required
from intranet.platform.audit import for_object
from intranet.platform.db import MAX_ID
from intranet.platform.pages import checks_by_field, live_check, render
from intranet.platform.paging import int_in, paginate

bp = Blueprint("inbound", __name__, url_prefix="/gaeste")


@dataclass
class Filters:
    """City and year (of the first day) the list is narrowed to."""

    city: str = ""
    year: int | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "Filters":
        """Read the filters, ignoring cities outside the user's scope and broken numbers."""
        city = args.get("city", "")
        return cls(
            city=city if city in registry() and manages_city(current_user, city) else "",
            year=int_in(args.get("year"), range(2000, 2101)),
            page=int_in(args.get("page"), range(1, 100_000)) or 1,
        )

    def args(self, **changes) -> dict:
        """Query arguments for a link to these filters with ``changes``."""
        values = {**asdict(self), **changes}
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}


@bp.get("/")
@role_required("hr", "city_admin")
def index():
    """Guests of the user's cities, newest stays first, filtered by city and year."""
    filters = Filters.from_args(request.args)
    rows = guests.visible(current_user, filters.city, filters.year)
    page = paginate(rows, filters.page, 25)
    return render(
        "inbound/index.html", page=page, filters=filters, managed=managed_cities(), today=date.today()
    )


def build_form(trainee: InboundTrainee | None) -> InboundForm:
    """The form from the request, or as first shown; host families only for HR."""
    if request.method == "POST":
        form = InboundForm()
    else:
        form = InboundForm(data=guests.values_of(trainee) | {"version": trainee.version} if trainee else None)
        if trainee:
            form.load_languages(trainee.languages)
    form.city.choices = [("", _("– bitte wählen –"))] + [(c.slug, c.name_de) for c in managed_cities()]
    if not current_user.has_role("hr"):
        del form.host_family
        return form
    options = guests.family_options(form.values(), trainee.id if trainee else None)
    form.host_family.choices = [("", _("– noch keine –"))] + [
        (str(o.family.id), family_label(o)) for o in options
    ]
    return form


def family_label(option) -> str:
    """A host family as a choice: name, free places and whether its availability covers the stay."""
    if option.free <= 0:
        return _("%(name)s – kein freier Platz", name=option.family.household)
    fit = _("verfügbar") if option.covers else _("ohne eingetragene Verfügbarkeit")
    return _("%(name)s – %(free)s frei, %(fit)s", name=option.family.household, free=option.free, fit=fit)


@bp.route("/neu", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def create():
    """Register a guest."""
    if not managed_cities():
        abort(404)
    return edit(None)


@bp.route("/<int:trainee_id>/bearbeiten", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def update(trainee_id: int):
    """Change a planned guest's entry."""
    trainee = guest_or_404(trainee_id)
    if trainee.status != "planned":
        flash(_("Abgesagte Gäste lassen sich nicht mehr ändern."), "error")
        return redirect(url_for(".detail", trainee_id=trainee.id))
    return edit(trainee)


def edit(trainee: InboundTrainee | None):
    """The form: ``check`` answers the live regions, ``save`` stores after the checks."""
    form = build_form(trainee)
    exclude = trainee.id if trainee else None
    findings = guests.check(form.values(), exclude)
    action, error = request.form.get("action"), None
    if action == "save" and form.validate() and not any(f.severity == "error" for f in findings):
        try:
            trainee = save(form, trainee)
        except guests.StaleGuest as exc:
            error, form.version.data = str(exc), exc.version
        except guests.InboundRefused as exc:
            error = str(exc)
        else:
            flash(_("Gast %(name)s gespeichert.", name=trainee.name), "success")
            return redirect(url_for(".detail", trainee_id=trainee.id))
    context = {
        "form": form,
        "trainee": trainee,
        "error": error,
        "action_url": request.path,
        "live": live_check(request.path),
        **checks_by_field(findings, [f.id for f in form.live_fields()]),
    }
    status = 422 if action == "save" else 200
    return render("inbound/form.html", block="live_checks" if action == "check" else None, **context), status


def save(form: InboundForm, trainee: InboundTrainee | None) -> InboundTrainee:
    """Register, or change under the version the form was loaded with."""
    if trainee is None:
        return guests.register(current_user, form.values())
    version = int_in(form.version.data, range(MAX_ID + 1)) or -1
    return guests.update(current_user, trainee, version, form.values())


def detail_context(trainee: InboundTrainee, **extra) -> dict:
    """Person, stay with its checks, rotation, host family and timeline."""
    planned = trainee.status == "planned"
    return {
        "trainee": trainee,
        "city": registry().get(trainee.city),
        "findings": guests.check(guests.values_of(trainee), trainee.id) if planned else [],
        "plan": rotation.plan(trainee) if planned else None,
        "weeks": list(trainee.rotation.order_by(rotation.RotationWeek.week_start)),
        "events": list(for_object(trainee)),
        "message": None,
        "error": None,
        **extra,
    }


@bp.get("/<int:trainee_id>")
@role_required("hr", "city_admin")
def detail(trainee_id: int):
    """The guest's page."""
    return render("inbound/detail.html", **detail_context(guest_or_404(trainee_id)))


@bp.post("/<int:trainee_id>/rotation")
@role_required("hr", "city_admin")
def plan_week(trainee_id: int):
    """Save one week's department, or the proposal for all open weeks (htmx swaps the rotation)."""
    trainee = guest_or_404(trainee_id)
    message = error = None
    try:
        message = change_rotation(trainee)
    except rotation.RotationRefused as exc:
        error = str(exc)
    if request.htmx:
        return render(
            "inbound/detail.html", block="rotation", **detail_context(trainee, message=message, error=error)
        )
    if error:
        return render("inbound/detail.html", **detail_context(trainee, error=error)), 422
    flash(message, "success")
    return redirect(url_for(".detail", trainee_id=trainee.id) + "#rotation")


def change_rotation(trainee: InboundTrainee) -> str:
    """Apply the posted change; the German confirmation."""
    if request.form.get("action") == "propose":
        count = rotation.apply_proposal(current_user, trainee)
        return ngettext(
            "%(num)s Woche nach Vorschlag geplant.", "%(num)s Wochen nach Vorschlag geplant.", count
        )
    try:
        week = date.fromisoformat(request.form.get("week", ""))
    except ValueError:
        raise rotation.RotationRefused(_("Diese Woche gehört nicht zum Aufenthalt.")) from None
    raw = request.form.get("department", "")
    department = Department.get_or_none(Department.id == int_in(raw, range(1, MAX_ID + 1)))
    if raw and department is None:
        raise rotation.RotationRefused(_("Diese Abteilung gibt es nicht (mehr)."))
    rotation.set_week(current_user, trainee, week, department)
    return _("Woche ab %(week)s gespeichert.", week=german_date(week))


@bp.route("/<int:trainee_id>/absagen", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def cancel(trainee_id: int):
    """Confirm, then cancel the stay: the rotation weeks and the host-family place are freed."""
    trainee = guest_or_404(trainee_id)
    if request.method == "GET":
        return render("inbound/cancel.html", trainee=trainee)
    try:
        guests.cancel(current_user, trainee)
    except guests.InboundRefused as exc:
        flash(str(exc), "error")
    else:
        flash(_("Der Aufenthalt von %(name)s ist abgesagt.", name=trainee.name), "success")
    return redirect(url_for(".detail", trainee_id=trainee.id))
