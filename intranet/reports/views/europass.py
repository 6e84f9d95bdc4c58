"""The Europass Mobility data pack of a completed stay abroad: page, JSON and XLSX for HR and city admins."""

import json

from flask import Blueprint, Response, abort
from flask_babel import gettext as _

from intranet.cities.registry import registry
from intranet.letters.issuing import staff_application_or_404
from intranet.people.guards import login_required
from intranet.platform import spreadsheets
from intranet.platform.pages import render
from intranet.reports import europass

bp = Blueprint("europass", __name__, url_prefix="/bewerbungen")


def application_or_404(application_id: int):
    """A completed stay abroad in a Europass country, for HR and its city's admins; else 404."""
    application = staff_application_or_404(application_id)
    if not europass.available(application):
        abort(404)
    return application


@bp.app_template_global("europass_available")
def offered(application) -> bool:
    """Whether the application page links the data pack (the routes check access themselves)."""
    return europass.available(application)


@bp.get("/<int:application_id>/europass")
@login_required
def detail(application_id: int):
    """The fields with what to do with them."""
    application = application_or_404(application_id)
    return render(
        "experience/europass.html",
        application=application,
        city=registry().get(application.city),
        items=europass.items(application),
        sections=europass.SECTIONS,
    )


@bp.get("/<int:application_id>/europass.json")
@login_required
def data(application_id: int):
    """The data pack as JSON."""
    application = application_or_404(application_id)
    body = json.dumps(europass.as_json(application), ensure_ascii=False, indent=2)
    response = Response(body, mimetype="application/json")
    response.headers["Content-Disposition"] = f'attachment; filename="europass_{application.id}.json"'
    return response


@bp.get("/<int:application_id>/europass.xlsx")
@login_required
def workbook(application_id: int):
    """The data pack as a spreadsheet: section, field, value, hint."""
    application = application_or_404(application_id)
    header = [_("Abschnitt"), _("Feld"), _("Wert"), _("Hinweis")]
    name = f"europass_{application.id}.xlsx"
    return spreadsheets.xlsx_response(name, "Europass Mobilität", header, europass.rows(application))
