"""The committee report: a seeded year's figures in the data, on the page, in the charts, CSV, XLSX, PDF."""

import csv
import io
import re
import subprocess
from datetime import date
from decimal import Decimal
from xml.etree import ElementTree

import pytest
from openpyxl import load_workbook

from intranet.cities.registry import registry
from intranet.models import Application
from intranet.platform.db import db
from intranet.reports import committee
from intranet.reports.charts import Series, bar_chart

from .committeedata import YEAR, more, seed
from .exchangedata import guest, run

SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture
def year(app, people):
    """The seeded year; HR's client is not logged in yet."""
    run(app, seed, people)
    return YEAR


def build(app, year):
    return run(app, committee.build, year)


def test_figures_of_the_seeded_year(app, year):
    report = build(app, year)
    rows = {row.city: row for row in report.ledger}
    assert (rows["nogent"].persons_out, rows["nogent"].days_out, rows["nogent"].persons_in) == (2, 35, 1)
    assert (rows["guarda"].persons_out, rows["guarda"].days_out, rows["guarda"].persons_in) == (1, 19, 0)
    assert (rows["selcuk"].persons_out, rows["selcuk"].days_in, rows["werder"].persons_out) == (0, 12, 0)
    total = report.total
    assert (total.persons_out, total.days_out, total.persons_in, total.days_in) == (4, 68, 2, 24)
    assert report.training == {("VFA", 2): 1, ("VFA", 3): 1, ("SIA", 1): 1, ("", 0): 1}
    main, travel = report.accounts
    assert (main.label, main.amount, main.spent, main.reserved) == (
        f"549904/{YEAR}",
        Decimal("6000.00"),
        Decimal("717.80"),
        Decimal("900.00"),
    )
    assert main.remaining == Decimal("4382.20") and main.by_category == {
        "travel": Decimal("412.30"), "insurance": Decimal("45.50"),
        "host_family": Decimal("260.00"), "other": Decimal("0.00"),
    }  # fmt: skip
    assert travel.by_category["travel"] == Decimal("300.00") and travel.remaining == Decimal("700.00")
    assert (report.budget, report.spent, report.empty) == (Decimal("7000.00"), Decimal("1017.80"), False)


def test_feedback_averages_and_excerpts_without_names(app, year):
    feedback = build(app, year).feedback
    assert feedback.reports == 2
    averages = {g.key: (g.ratings, g.average) for g in feedback.goals}
    assert averages == {
        "administration": (2, Decimal("4.5")), "intercultural": (2, Decimal("4.5")),
        "contacts": (2, Decimal("3.5")), "host_family": (1, Decimal("5.0")),
    }  # fmt: skip
    first, second = feedback.excerpts
    assert first.startswith("[Name] war bei Familie [Name] zu Gast; [Name] [Name] zeigte mir das Standesamt")
    assert "die Familie kochte" in first and first.endswith("[E-Mail]")
    assert not re.search("Anna|Dubois|Zoé|Lefèvre|example", first)
    assert second == "Sehr lehrreich."


def test_figures_take_the_same_queries_however_many_stays(app, people, year):
    def queries():
        seen = []
        execute = db.obj.execute_sql
        db.obj.execute_sql = lambda sql, *a, **k: seen.append(sql) or execute(sql, *a, **k)
        try:
            build(app, year)
        finally:
            del db.obj.execute_sql
        return len(seen)

    few = queries()
    run(app, more, people, 5)
    assert queries() == few <= 6


def svgs(page: str) -> dict[str, ElementTree.Element]:
    """The page's charts, parsed as XML (which fails on anything not well-formed)."""
    found = [ElementTree.fromstring(svg) for svg in re.findall(r"<svg .*?</svg>", page, re.S)]
    return {svg.find(f"{SVG}title").get("id").removesuffix("-title"): svg for svg in found}


def test_page_shows_the_figures_and_accessible_charts(app, client, login, year):
    login("hanna")
    page = client.get(f"/personal/ausschussbericht/?year={year}").text
    assert "Bericht an den Ausschuss 2031" in page and 'aria-current="page">Ausschussbericht' in page
    assert re.search(r'<span class="count">4</span> Auszubildende entsandt', page)
    assert re.search(r'<span class="count">68</span> Tage im Ausland', page)
    assert re.search(r'<span class="count">24</span> Tage empfangen', page)
    assert "1.017,80\xa0€</span> Ist-Kosten von 7.000,00\xa0€ Budget" in page
    assert '<td class="num">4.382,20\xa0€</td>' in page and '<td class="num">4,5</td>' in page
    assert "[Name] war bei Familie [Name]" in page and "Lefèvre" not in page and "style=" not in page
    charts = svgs(page)
    assert set(charts) == {"chart-persons", "chart-days", "chart-training", "chart-budget", "chart-goals"}
    cities = run(app, lambda: len(list(registry())))
    persons = charts["chart-persons"]
    assert (
        persons.get("role") == "img"
        and persons.get("aria-labelledby") == "chart-persons-title chart-persons-desc"
    )
    assert len(persons.findall(f"{SVG}rect[@class='bar']")) == cities
    assert "Nogent-sur-Marne: Entsandt 2" in persons.find(f"{SVG}desc").text
    assert len(charts["chart-days"].findall(f"{SVG}rect[@class='bar']")) == 2 * cities
    assert charts["chart-days"].find(f"{SVG}defs/{SVG}pattern").get("id") == "chart-days-hatch"
    widths = {float(r.get("width")) for r in persons.findall(f"{SVG}rect[@class='bar']")}
    assert max(widths) == 360 and 180 in widths and 0 in widths  # Nogent 2, Guarda 1, the others 0


def csv_figures(client, year) -> dict[tuple[str, str, str], str]:
    response = client.get(f"/personal/ausschussbericht.csv?year={year}")
    assert (
        response.mimetype == "text/csv"
        and f"ausschussbericht-{year}.csv" in response.headers["Content-Disposition"]
    )
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0] == ["Tabelle", "Zeile", "Spalte", "Wert"]
    return {(table, row, column): value for table, row, column, value in rows[1:]}


def test_csv_holds_every_figure(client, login, year):
    login("hanna")
    figures = csv_figures(client, year)
    exchange = "Austausch nach Partnerstadt"
    assert figures[(exchange, "Gesamt", "Entsandt (Personen)")] == "4"
    assert figures[(exchange, "Nogent-sur-Marne", "Tage im Ausland")] == "35"
    assert figures[(exchange, "Selçuk", "Saldo Tage")] == "-12"
    assert figures[("Entsandte nach Ausbildung", "ohne Angabe", "ohne Angabe")] == "1"
    assert figures[("Entsandte nach Ausbildung", "Gesamt", "Gesamt")] == "4"
    assert figures[("Kosten je Sachkonto", f"549904/{YEAR}", "Zuschuss Gastfamilie")] == "260,00"
    assert figures[("Kosten je Sachkonto", "Gesamt", "Ist-Kosten")] == "1017,80"
    assert figures[("Bewertung der Ziele", "Persönliche Kontakte", "Durchschnitt (1–5)")] == "3,50"
    assert figures[("Auszüge aus den Berichten", "2", "Auszug")] == "Sehr lehrreich."


def test_xlsx_has_one_sheet_per_table(client, login, year):
    login("hanna")
    response = client.get(f"/personal/ausschussbericht.xlsx?year={year}")
    book = load_workbook(io.BytesIO(response.data))
    assert book.sheetnames == [
        "Austausch nach Partnerstadt", "Entsandte nach Ausbildung", "Kosten je Sachkonto",
        "Bewertung der Ziele", "Auszüge aus den Berichten",
    ]  # fmt: skip
    exchange = list(book["Austausch nach Partnerstadt"].values)
    assert exchange[0][:3] == ("Partnerstadt", "Entsandt (Personen)", "Tage im Ausland")
    assert exchange[-1] == ("Gesamt", 4, 68, 2, 24, 2, 44)
    costs = list(book["Kosten je Sachkonto"].values)
    assert costs[1][:4] == (f"549904/{YEAR}", "Verwaltungspraktika", 6000, 412.3) and costs[-1][-1] == 5082.2
    assert list(book["Bewertung der Ziele"].values)[4] == ("Leben in der Gastfamilie", 1, 5)


def test_pdf_carries_the_headline_figures_and_the_charts(client, login, year, tmp_path):
    login("hanna")
    response = client.get(f"/personal/ausschussbericht.pdf?year={year}")
    assert response.mimetype == "application/pdf" and response.data.startswith(b"%PDF")
    (tmp_path / "report.pdf").write_bytes(response.data)
    text = subprocess.run(
        ["pdftotext", str(tmp_path / "report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    text = " ".join(text.split())
    for figure in (
        "Bericht an den Ausschuss 2031", "4 Auszubildende entsandt", "68 Tage im Ausland",
        "2 Gäste aus Partnerstädten", "24 Tage empfangen", "1.017,80 € Ist-Kosten von 7.000,00 € Budget",
        "2 Erfahrungsberichte angenommen", "Entsandte Auszubildende nach Partnerstadt", "Nogent-sur-Marne",
    ):  # fmt: skip
        assert figure in text, figure
    assert "Ausschussbericht" not in text and "Herunterladen" not in text  # no navigation, no buttons


def test_an_empty_year_says_so(client, login, people):
    login("hanna")
    page = client.get("/personal/ausschussbericht/?year=2044").text
    assert "Für 2044 gibt es keine Zahlen" in page and "<svg" not in page
    figures = csv_figures(client, 2044)
    assert figures[("Austausch nach Partnerstadt", "Gesamt", "Tage im Ausland")] == "0"
    assert not [key for key in figures if key[0] == "Bewertung der Ziele"]
    assert client.get("/personal/ausschussbericht.xlsx?year=2044").status_code == 200
    assert client.get("/personal/ausschussbericht.pdf?year=2044").data.startswith(b"%PDF")


def test_a_year_without_reports_or_accounts_draws_empty_charts(app, client, login, people):
    run(app, lambda: guest("guarda", date(2045, 3, 6), date(2045, 3, 17)))
    login("hanna")
    page = client.get("/personal/ausschussbericht/?year=2045").text
    assert "Für 2045 ist kein Sachkonto angelegt." in page
    assert '<span class="count">1</span> Gast aus einer Partnerstadt' in page
    assert "Für 2045 liegen noch keine angenommenen Erfahrungsberichte vor." in page
    persons = svgs(page)["chart-persons"]
    assert {float(r.get("width")) for r in persons.findall(f"{SVG}rect[@class='bar']")} == {0}


@pytest.mark.parametrize("typed", ["abc", "1999", "2101", "20.26"])
def test_a_wrong_year_shows_the_current_one_with_a_message(client, login, people, typed):
    login("hanna")
    response = client.get(f"/personal/ausschussbericht/?year={typed}")
    assert response.status_code == 200
    assert (
        "Bitte ein Jahr zwischen 2000 und 2100 angeben" in response.text
        and 'aria-invalid="true"' in response.text
    )
    assert f"Bericht an den Ausschuss {date.today().year}" in response.text


@pytest.mark.parametrize("who", ["anna", "claire", "miguel", "root"])
def test_only_hr_sees_the_report(app, client, login, year, who):
    login(who)
    for suffix in ("/", ".csv", ".xlsx", ".pdf"):
        assert client.get(f"/personal/ausschussbericht{suffix}?year={year}").status_code == 404
    assert "Ausschussbericht" not in client.get("/").text


def test_anonymous_is_sent_to_the_login(client, people):
    response = client.get("/personal/ausschussbericht.pdf")
    assert response.status_code == 302 and "/anmelden" in response.headers["Location"]


def test_stacked_columns_stand_on_one_base_line(app):
    series = [Series("VFA", [2, 0, 1]), Series("SIA", [1, 0, 3])]
    chart = run(app, bar_chart, "c", "Titel", ["1.", "2.", "3."], series, horizontal=False, stacked=True)
    first, second = chart.bars[0], chart.bars[1]  # the first column: VFA below, SIA on top
    assert first.y + first.height == chart.axis[1] and second.y + second.height == first.y
    assert chart.bars[4].height + chart.bars[5].height == 200  # the tallest column fills the plot
    assert {label.text for label in chart.labels} >= {"3", "0", "4"}  # the column totals
    assert [style for _, style, _ in chart.patterns] == ["#7a4b00"] and len(chart.legend) == 2


def test_the_demo_reports_this_years_stays(app, runner):
    assert runner.invoke(args=["demo"]).exit_code == 0
    with app.test_request_context(), db.connection_context():
        completed = list(Application.select().where(Application.status == "completed"))
        reports = [committee.build(year) for year in {a.start_date.year for a in completed}]
    assert len(completed) == 2 and sum(r.feedback.reports for r in reports) == 2
    assert sum(r.total.persons_out for r in reports) >= 2  # and the demo's other stays of the year
    assert all(r.spent > 0 and r.feedback.excerpts for r in reports)
