"""The committee report as tables and charts: one source for the page, the PDF, the CSV and the XLSX."""

from dataclasses import dataclass
from decimal import Decimal

from flask_babel import format_decimal
from flask_babel import gettext as _

from intranet.budget.reservations import CATEGORY_LABELS
from intranet.models import COST_CATEGORIES, TRAINING_TRACKS
from intranet.models.budget import to_euro
from intranet.people.forms import TRACKS
from intranet.platform.i18n import money_filter
from intranet.reports.charts import Chart, Series, bar_chart
from intranet.reports.committee import Report


@dataclass(frozen=True)
class Column:
    label: str
    kind: str = "int"  #: "text", "int", "money" (Decimal euro) or "decimal"

    @property
    def numeric(self) -> bool:
        return self.kind != "text"


@dataclass(frozen=True)
class Table:
    """Rows of plain values (the first names the row) and an optional total row."""

    key: str
    title: str
    columns: list[Column]
    rows: list[list]
    total: list | None = None

    @property
    def all_rows(self) -> list[list]:
        """The rows and the total row, for the downloads."""
        return self.rows + ([self.total] if self.total else [])

    def display(self, row: list) -> list[tuple[Column, str]]:
        """Each cell of ``row`` with its column, formatted for the page (German numbers and money)."""
        return [(column, show(column.kind, value)) for column, value in zip(self.columns, row, strict=True)]


def show(kind: str, value) -> str:
    """A cell as text: money in euro, numbers in the UI language's format, "–" for no value."""
    if value is None:
        return "–"
    if kind == "money":
        return money_filter(value)
    if kind == "decimal":
        return rating(value)
    return format_decimal(value) if kind == "int" else str(value)


def rating(value) -> str:
    """An average rating with one decimal, e.g. 4,0 in German."""
    return format_decimal(value, "#,##0.0")


def tables(report: Report) -> list[Table]:
    """Every table of the report, in page order."""
    return [exchange(report), training(report), costs(report), goals(report), excerpts(report)]


def exchange(report: Report) -> Table:
    """Persons and days out and in per partner city, with the balance (the reciprocity ledger)."""
    columns = [Column(_("Partnerstadt"), "text"), Column(_("Entsandt (Personen)"))]
    columns += [Column(_("Tage im Ausland")), Column(_("Empfangen (Personen)")), Column(_("Tage empfangen"))]
    columns += [Column(_("Saldo Personen")), Column(_("Saldo Tage"))]

    def row(r):
        return [r.name, r.persons_out, r.days_out, r.persons_in, r.days_in, r.balance_persons, r.balance_days]

    rows = [row(r) for r in report.ledger]
    return Table("austausch", _("Austausch nach Partnerstadt"), columns, rows, row(report.total))


def _tracks(report: Report) -> list[str]:
    """The training tracks as columns; "" (no track recorded) only when such a stay exists."""
    return list(TRAINING_TRACKS) + ([""] if any(not track for track, _ in report.training) else [])


def _years(report: Report) -> list[int]:
    """Training years 1–3 always, others when they occur; 0 (not recorded) last."""
    return sorted({1, 2, 3} | {year for _, year in report.training}, key=lambda year: year or 99)


def year_label(year: int) -> str:
    return _("%(year)s. Ausbildungsjahr", year=year) if year else _("ohne Angabe")


def training(report: Report) -> Table:
    """Persons sent per training year (rows) and training track (columns)."""
    tracks = _tracks(report)
    columns = [Column(_("Ausbildungsjahr"), "text")]
    columns += [Column(str(TRACKS[t]) if t else _("ohne Angabe")) for t in tracks] + [Column(_("Gesamt"))]
    rows = []
    for year in _years(report):
        counts = [report.training.get((track, year), 0) for track in tracks]
        rows.append([year_label(year), *counts, sum(counts)])
    total = [_("Gesamt"), *(sum(row[i] for row in rows) for i in range(1, len(columns)))]
    return Table("ausbildung", _("Entsandte nach Ausbildung"), columns, rows, total)


def costs(report: Report) -> Table:
    """Per budget account: amount, actual costs per category and in all, reserved and free."""
    columns = [Column(_("Sachkonto"), "text"), Column(_("Bezeichnung"), "text"), Column(_("Budget"), "money")]
    columns += [Column(str(CATEGORY_LABELS[c]), "money") for c in COST_CATEGORIES]
    columns += [Column(label, "money") for label in (_("Ist-Kosten"), _("Reserviert"), _("Frei"))]
    rows = [
        [a.label, a.name, a.amount, *(a.by_category[c] for c in COST_CATEGORIES), a.spent, a.reserved]
        + [a.remaining]
        for a in report.accounts
    ]
    total = [_("Gesamt"), "", *(sum((row[i] for row in rows), to_euro(0)) for i in range(2, len(columns)))]
    return Table("kosten", _("Kosten je Sachkonto"), columns, rows, total if rows else None)


def goals(report: Report) -> Table:
    """Average rating per goal of the accepted experience reports (no rows without reports)."""
    columns = [Column(_("Ziel"), "text"), Column(_("Bewertungen"))]
    columns.append(Column(_("Durchschnitt (1–5)"), "decimal"))
    rows = [[g.label, g.ratings, g.average] for g in report.feedback.goals] if report.feedback.reports else []
    return Table("ziele", _("Bewertung der Ziele"), columns, rows)


def excerpts(report: Report) -> Table:
    """Anonymised excerpts of the report summaries."""
    columns = [Column(_("Nr.")), Column(_("Auszug"), "text")]
    rows = [[number, text] for number, text in enumerate(report.feedback.excerpts, start=1)]
    return Table("auszuege", _("Auszüge aus den Berichten"), columns, rows)


def long_rows(all_tables: list[Table]) -> list[list]:
    """Every figure as one CSV line: table, row, column, value (cells without a value left out)."""
    return [
        [table.title, str(row[0]), column.label, value]
        for table in all_tables
        for row in table.all_rows
        for column, value in zip(table.columns[1:], row[1:], strict=True)
        if value is not None
    ]


def charts(report: Report) -> dict[str, Chart]:
    """The report's charts by section; their numbers are in the tables next to them."""
    return {**city_charts(report), "training": training_chart(training(report)), **money_and_goals(report)}


def city_charts(report: Report) -> dict[str, Chart]:
    """One bar per partner city: persons sent; days abroad next to days received."""
    cities, ledger = [r.name for r in report.ledger], report.ledger
    days = [
        Series(_("Tage im Ausland"), [r.days_out for r in ledger]),
        Series(_("Tage empfangen"), [r.days_in for r in ledger]),
    ]
    return {
        "persons": bar_chart(
            "chart-persons", _("Entsandte Auszubildende nach Partnerstadt"), cities,
            [Series(_("Entsandt"), [r.persons_out for r in ledger])],
        ),
        "days": bar_chart(
            "chart-days", _("Tage im Ausland und empfangene Tage nach Partnerstadt"), cities, days
        ),
    }  # fmt: skip


def training_chart(table: Table) -> Chart:
    """Columns per training year, stacked by training track."""
    series = [
        Series(column.label, [row[i] for row in table.rows])
        for i, column in enumerate(table.columns[1:-1], start=1)
    ]
    title = _("Entsandte nach Ausbildungsjahr und Ausbildungsgang")
    years = [row[0] for row in table.rows]
    return bar_chart("chart-training", title, years, series, horizontal=False, stacked=True)


def money_and_goals(report: Report) -> dict[str, Chart]:
    """Each budget account as one bar (spent, reserved, free); the average rating per goal."""
    accounts, goals_ = report.accounts, report.feedback.goals
    money = [
        Series(_("Ausgegeben"), [a.spent for a in accounts]),
        Series(_("Reserviert"), [a.reserved for a in accounts]),
        Series(_("Frei"), [max(a.remaining, Decimal(0)) for a in accounts]),
    ]
    ratings = [Series(_("Durchschnitt"), [g.average or 0 for g in goals_])]
    return {
        "budget": bar_chart(
            "chart-budget", _("Budget je Sachkonto: ausgegeben, reserviert, frei"),
            [a.label for a in accounts], money, stacked=True, fmt=money_filter,
        ),
        "goals": bar_chart(
            "chart-goals", _("Durchschnittliche Bewertung der Ziele (1 bis 5)"),
            [g.label for g in goals_], ratings, fmt=rating, peak=5,
        ),
    }  # fmt: skip
