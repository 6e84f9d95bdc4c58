"""Actual costs: HR books them per category, the reservation is replaced; CSV and XLSX for the treasury."""

import csv
import io
from datetime import date
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from intranet.models import CostBooking
from intranet.outbound import workflow
from intranet.platform.db import db

from .hrdata import NEXT_YEAR, account, set_budget, submitted


@pytest.fixture
def approved(app, people):
    """An approved stay with 1 000 € reserved on a budget of 3 000 €, HR logged in."""
    with app.test_request_context(), db.connection_context():
        set_budget(3000)
        return workflow.decide(people["hanna"], submitted(people["anna"], "1000"), "approve")


def figures(app):
    with app.app_context(), db.connection_context():
        found = account()
        return found.reserved, found.spent


def test_booking_replaces_the_reservation(app, client, login, approved):
    login("hanna")
    page = client.get(f"/personal/{approved.id}/kosten").text
    assert "Ist-Kosten buchen" in page and "1.000,00\xa0€" in page
    assert f"/personal/protokoll/?object_type=application&amp;object_id={approved.id}" in page
    form = {"category": "travel", "amount": "412,30", "note": '=HYPERLINK("x") Rechnung 7'}
    response = client.post(f"/personal/{approved.id}/kosten", data=form, follow_redirects=True)
    assert "Ist-Kosten gebucht." in response.text and "412,30\xa0€" in response.text
    assert figures(app) == (0, Decimal("412.30"))
    client.post(f"/personal/{approved.id}/kosten", data={"category": "host_family", "amount": "260"})
    assert figures(app) == (0, Decimal("672.30"))


@pytest.mark.parametrize(
    ("form", "message"),
    [
        ({"category": "", "amount": "10"}, "Kostenart"),
        ({"category": "travel", "amount": "zehn"}, "Betrag in Euro"),
        ({"category": "travel", "amount": "0"}, "größer als 0"),
    ],
)
def test_refused_booking_keeps_the_input(app, client, login, approved, form, message):
    login("hanna")
    response = client.post(f"/personal/{approved.id}/kosten", data={**form, "note": "Beleg 12"})
    assert response.status_code == 422 and message in response.text
    assert 'value="Beleg 12"' in response.text and f'value="{form["amount"]}"' in response.text
    assert figures(app) == (Decimal("1000.00"), 0)


def test_no_booking_for_an_open_application(app, client, login, people):
    with app.test_request_context(), db.connection_context():
        application = submitted(people["anna"])
    login("hanna")
    assert "erst gebucht werden" in client.get(f"/personal/{application.id}/kosten").text
    response = client.post(f"/personal/{application.id}/kosten", data={"category": "travel", "amount": "5"})
    assert response.status_code == 422 and "nur für genehmigte" in response.text


def book_two(client, approved):
    client.post(
        f"/personal/{approved.id}/kosten", data={"category": "travel", "amount": "412,30", "note": "=1+1"}
    )
    client.post(f"/personal/{approved.id}/kosten", data={"category": "insurance", "amount": "1.234,5"})


def test_csv_export_for_german_spreadsheets(client, login, approved):
    login("hanna")
    book_two(client, approved)
    response = client.get(f"/personal/buchungen.csv?year={NEXT_YEAR}")
    assert response.mimetype == "text/csv" and "buchungen-" in response.headers["Content-Disposition"]
    text = response.data.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows[0][:3] == ["Buchung Nr.", "Gebucht am", "Sachkonto"]
    assert [r[9:12] for r in rows[1:]] == [["Reise", "412,30", "'=1+1"], ["Versicherung", "1234,50", ""]]
    assert rows[1][5] == "Anna Azubi" and rows[1][7] == f"01.03.{NEXT_YEAR}"
    assert len(list(csv.reader(io.StringIO(client.get("/personal/buchungen.csv?year=2001").text)))) == 1


def test_xlsx_export_with_numbers_and_dates(client, login, approved):
    login("hanna")
    book_two(client, approved)
    response = client.get("/personal/buchungen.xlsx")
    assert response.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(response.data)).active
    rows = list(sheet.values)
    assert rows[0][10] == "Betrag (EUR)" and len(rows) == 3
    assert rows[1][10] == 412.3 and rows[2][10] == 1234.5 and rows[1][11] == "'=1+1"
    assert rows[1][7].date() == date(NEXT_YEAR, 3, 1)
    assert sheet.cell(row=2, column=11).number_format == "#,##0.00"


def test_bookings_page_lists_them(app, client, login, approved):
    login("hanna")
    book_two(client, approved)
    page = client.get("/personal/buchungen/").text
    assert "Versicherung" in page and "1.234,50\xa0€" in page and "Hanna Personal" in page
    with app.app_context(), db.connection_context():
        assert CostBooking.select().count() == 2


@pytest.mark.parametrize(
    "path",
    ["/personal/buchungen/", "/personal/buchungen.csv", "/personal/buchungen.xlsx", "/personal/1/kosten"],
)
def test_costs_are_hr_only(client, login, make_application, path):
    make_application()
    login("claire")
    assert client.get(path).status_code == 404
