"""HR's Erasmus+ screen: the call year's project, the unit costs, the export settings and downloads."""

from datetime import date

from flask import Blueprint, Response, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.erasmus import beneficiary, funding, rates
from intranet.people.access import get_application_or_404
from intranet.people.guards import role_required
from intranet.platform.pages import render
from intranet.platform.spreadsheets import xlsx_response

bp = Blueprint("hr_erasmus", __name__, url_prefix="/personal/erasmus")


def chosen_year() -> int:
    """The call year asked for (``?year=`` or the form), else next year."""
    year = (request.values.get("year") or "").strip()
    # isascii: "²" is a digit to str.isdigit, but no number to int()
    return (
        int(year)
        if year.isascii() and year.isdigit() and 2000 <= int(year) <= 2100
        else date.today().year + 1
    )


def page(year: int, status: int = 200, **state):
    """The Erasmus+ screen of one call year; ``state`` carries an error and the failed field."""
    context = {
        "year": year,
        "table_year": rates.table_year(year),
        "project": funding.project(year),
        "figures": rates.figures(year),
        "settings": beneficiary.settings(),
        "setting_keys": beneficiary.setting_keys(year),
        "groups": rates.COUNTRY_GROUPS,
        "groups_source": rates.GROUPS_SOURCE,
        "error": None,
        "failed": None,
        **state,
    }
    return render("erasmus/index.html", block="summary", **context), status


@bp.get("/")
@role_required("hr")
def index():
    """The call year's stays with eligibility and grant, the unit costs and the export."""
    return page(chosen_year())


@bp.post("/saetze")
@role_required("hr")
def update_figure():
    """HR corrects one unit cost of the call year's table."""
    year, key = chosen_year(), request.form.get("key", "")
    try:
        rates.set_figure(current_user, year, key, request.form.get("amount", ""))
    except rates.FigureRefused as exc:
        return page(year, 422, error=str(exc), failed=key)
    flash(_("Fördersatz gespeichert."), "success")
    return redirect(url_for(".index", year=year))


@bp.post("/saetze/zuruecksetzen")
@role_required("hr")
def reset_figure():
    """Back to the table's default for one unit cost."""
    year = chosen_year()
    if rates.reset_figure(current_user, year, request.form.get("key", "")):
        flash(_("Fördersatz auf den Tabellenwert zurückgesetzt."), "success")
    return redirect(url_for(".index", year=year))


@bp.post("/einstellungen")
@role_required("hr")
def update_setting():
    """An OID or the grant agreement number for the export."""
    year, key = chosen_year(), request.form.get("key", "")
    try:
        beneficiary.set_setting(current_user, year, key, request.form.get("value", ""))
    except beneficiary.ExportRefused as exc:
        return page(year, 422, error=str(exc), failed=key)
    flash(_("Einstellung gespeichert."), "success")
    return redirect(url_for(".index", year=year))


@bp.get("/export.csv")
@role_required("hr")
def export():
    """The mobility activities as the Beneficiary Module's import file."""
    year = chosen_year()
    try:
        body = beneficiary.module_csv(year)
    except beneficiary.ExportRefused as exc:
        return page(year, 422, error=str(exc))
    response = Response(body, mimetype="text/csv; charset=utf-8")
    response.headers["Content-Disposition"] = f'attachment; filename="erasmus-mobilitaeten-{year}.csv"'
    return response


@bp.get("/export.xlsx")
@role_required("hr")
def export_xlsx():
    """The same rows as XLSX for HR, with empty cells where a setting is missing."""
    year = chosen_year()
    found = beneficiary.rows(year)
    return xlsx_response(
        f"erasmus-mobilitaeten-{year}.xlsx",
        _("Mobilitäten %(year)s", year=year),
        list(beneficiary.COLUMNS),
        [["" if v is None else v for v in row.values()] for row in found],
    )


@bp.get("/bewerbungen/<int:application_id>")
@role_required("hr")
def application(application_id: int):
    """Eligibility and grant of one stay next to the city's estimate (page, or the block for htmx)."""
    found = get_application_or_404(application_id)
    context = {
        "application": found,
        "standard": funding.funding_of(found),
        "green": funding.funding_of(found, green=True),
        "year": funding.call_year(found),
    }
    return render("erasmus/application.html", block="funding", **context)
