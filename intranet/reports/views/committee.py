"""HR's report to the council committee: printable page with charts, PDF, CSV and XLSX of a year."""

from datetime import date

from flask import Blueprint, render_template, request
from flask_babel import gettext as _
from jinja2_fragments.flask import render_block
from markupsafe import Markup

from intranet.letters import rendering
from intranet.people.guards import role_required
from intranet.platform import spreadsheets
from intranet.platform.downloads import file_response
from intranet.platform.pages import render
from intranet.platform.paging import int_in
from intranet.reports import committee, committee_tables

bp = Blueprint("hr_committee", __name__, url_prefix="/personal")
YEARS = range(2000, 2101)


def selected_year() -> tuple[int, str | None]:
    """The year asked for, or the current one with a German message when the input is no year."""
    typed, this_year = request.args.get("year", "").strip(), date.today().year
    year = int_in(typed, YEARS)
    if year is None and typed:
        message = _("Bitte ein Jahr zwischen 2000 und 2100 angeben; gezeigt wird %(year)s.", year=this_year)
        return this_year, message
    return year or this_year, None


def context(year: int) -> dict:
    """Figures, tables and charts of the year's report."""
    report = committee.build(year)
    tables = {table.key: table for table in committee_tables.tables(report)}
    return {"report": report, "tables": tables, "charts": committee_tables.charts(report)}


@bp.get("/ausschussbericht/")
@role_required("hr")
def index():
    """The report of the chosen year as a printable page."""
    year, error = selected_year()
    return render("committee/report.html", error=error, typed=request.args.get("year", ""), **context(year))


@bp.get("/ausschussbericht.<any(csv, xlsx, pdf):kind>")
@role_required("hr")
def export(kind: str):
    """The report as PDF, or its figures as CSV (one line per figure) or XLSX (one sheet per table)."""
    year, _error = selected_year()
    data = context(year)
    name = f"ausschussbericht-{year}.{kind}"
    tables = list(data["tables"].values())
    if kind == "csv":
        header = [_("Tabelle"), _("Zeile"), _("Spalte"), _("Wert")]
        return spreadsheets.csv_response(name, header, committee_tables.long_rows(tables))
    if kind == "xlsx":
        sheets = [(t.title, [c.label for c in t.columns], t.all_rows) for t in tables]
        return spreadsheets.xlsx_book_response(name, sheets)
    # the block was rendered with autoescaping: it is HTML already, not raw input
    body = Markup(render_block("committee/report.html", "report", **data))  # nosec B704
    html = render_template("committee/pdf.html", body=body, year=year)
    return file_response(rendering.render_pdf(html, "app.css"), "application/pdf", name)
