"""The city admin's area: the cities in scope, a city's dashboard, placing a trainee, the plugin at work."""

from datetime import date

from flask import Blueprint, abort, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities import overrides
from intranet.cities.registry import registry
from intranet.hostfamilies import households
from intranet.inbound import reciprocity
from intranet.letters import rendering
from intranet.models import Application, Placement
from intranet.outbound.workflow import TransitionRefused
from intranet.people.access import managed_cities, managed_city_or_404
from intranet.people.guards import role_required
from intranet.placement import placing, plugincheck
from intranet.placement.forms import PlacementForm
from intranet.platform.pages import render

bp = Blueprint("cityadmin", __name__, url_prefix="/stadtverwaltung")


@bp.get("/")
@role_required("hr", "city_admin")
def index():
    """The cities in the user's scope; a single one opens directly."""
    cities = managed_cities()
    if len(cities) == 1:
        return redirect(url_for(".dashboard", slug=cities[0].slug))
    return render("cityadmin/index.html", managed=cities)


@bp.get("/<slug>/")
@role_required("hr", "city_admin")
def dashboard(slug: str):
    """Applications waiting for placement, current and upcoming stays, families, contacts, periods."""
    city = managed_city_or_404(slug)
    today = date.today()
    return render(
        "cityadmin/dashboard.html",
        city=city,
        contacts=registry().call(slug, "contacts"),
        **reciprocity.city_panel(slug, request.args.get("year"), today),
        **placing.overview(slug, today),
    )


def application_or_404(slug: str, application_id: int) -> Application:
    """An approved or placed application of a city the current user manages; 404 otherwise."""
    managed_city_or_404(slug)
    application = Application.get_or_none(
        (Application.id == application_id)
        & (Application.city == slug)
        & Application.status.in_(("approved", "placed"))
    )
    if application is None:
        abort(404)
    return application


def placement_page(city, application, form, error=None, status=200):
    """The placement screen: ranked host-family suggestions inside the placement form."""
    context = {"city": city, "application": application, "form": form, "error": error}
    context["suggestions"] = households.suggestions(application)
    return render("cityadmin/placement.html", **context), status


@bp.route("/<slug>/bewerbungen/<int:application_id>/vermittlung", methods=["GET", "POST"])
@role_required("hr", "city_admin")
def place(slug: str, application_id: int):
    """Place an approved trainee, or change the placement of a placed one."""
    city = managed_city_or_404(slug)
    application = application_or_404(slug, application_id)
    current = Placement.get_or_none(Placement.application == application.id)
    form = PlacementForm(data=placement_values(application, current))
    if request.method == "GET" or not form.validate():
        return placement_page(city, application, form, status=200 if request.method == "GET" else 422)
    try:
        if current is None:
            placing.place(current_user, application, form.data)
            flash(
                _(
                    "Vermittelt: %(name)s ist eingeplant und wurde benachrichtigt.",
                    name=application.applicant.display_name,
                ),
                "success",
            )
        else:
            placing.change(current_user, application, form.data)
            flash(_("Vermittlung gespeichert."), "success")
    except TransitionRefused as exc:
        return placement_page(city, application, form, error=str(exc), status=409)
    return redirect(url_for(".dashboard", slug=slug))


def placement_values(application: Application, current: Placement | None) -> dict:
    """The form's start values: the saved placement, or the stay's dates for a new one."""
    if current is None:
        return {"arrival": application.start_date, "departure": application.end_date}
    values = {k: getattr(current, k) for k in placing.FIELDS}
    return {**values, "host_family": str(current.host_family_id or "")}


@bp.get("/<slug>/plugin")
@role_required("hr", "city_admin")
def plugin(slug: str):
    """What the city's plugin supplies, its letters in every language, and what ``plugins check`` says."""
    city = managed_city_or_404(slug)
    cities = registry()
    with overrides.plugin_defaults():
        supplied = {
            "fields": cities.call(slug, "application_fields"),
            "documents": cities.call(slug, "required_documents", application=Application(city=slug)),
            "rules": cities.call(slug, "rule_summaries"),
            "contacts": cities.call(slug, "contacts"),
            "templates": rendering.templates_for(slug),
        }
    version, source = cities.origin(slug)
    problems = plugincheck.check_city(city)
    return render(
        "cityadmin/plugin.html", city=city, version=version, source=source, problems=problems, **supplied
    )


@bp.get("/<slug>/plugin/vorschau/<kind>/<language>")
@role_required("hr", "city_admin")
def preview(slug: str, kind: str, language: str):
    """One of the plugin's letter templates rendered with sample data, as an HTML page."""
    city = managed_city_or_404(slug)
    template = rendering.find_template(slug, kind, language)
    if template is None:
        abort(404)
    response = make_response(rendering.render_letter(template, rendering.sample_context(city)))
    response.headers["Cache-Control"] = "no-store"
    return response
