"""HR maintains budget accounts: number, name, year, amount; German amounts; every change audited."""

from datetime import date
from decimal import Decimal

import pytest

from intranet.models import AuditEvent, BudgetAccount
from intranet.outbound import workflow
from intranet.platform import money
from intranet.platform.db import db

from .hrdata import NEXT_YEAR, account, set_budget, submitted


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("12.500,50", "12500.50"),
        ("12500,5", "12500.5"),
        ("12500.50", "12500.50"),
        ("1.000", "1000"),
        ("3 000 €", "3000"),
    ],
)
def test_german_amounts(text, amount):
    assert money.parse_euro(text) == Decimal(amount)


@pytest.mark.parametrize("text", ["", "zwölf", "1,2,3", "NaN", "Infinity", "1e99", "9" * 400])
def test_broken_amounts_are_refused_in_german(text):
    with pytest.raises(money.AmountInvalid, match="Betrag in Euro"):
        money.parse_euro(text)


def test_page_lists_the_seeded_account_for_this_and_next_year(client, login):
    login("hanna")
    page = client.get("/personal/budget/").text
    assert page.count('<th scope="row">549904</th>') == 2
    assert f"<td>{date.today().year}</td>" in page and f"<td>{NEXT_YEAR}</td>" in page


def test_create_an_account_audited(app, client, login):
    login("hanna")
    form = {"number": "549905", "year": "2031", "name": "Gegenbesuche", "amount": "4.000,00"}
    response = client.post("/personal/budget/", data=form, follow_redirects=True)
    assert "Sachkonto 549905/2031 angelegt." in response.text
    with app.app_context(), db.connection_context():
        created = BudgetAccount.get(BudgetAccount.number == "549905")
        assert (created.year, created.total, created.name) == (2031, Decimal("4000.00"), "Gegenbesuche")
        row = AuditEvent.get(AuditEvent.action == "budget_account_created")
        assert row.after == {"number": "549905", "name": "Gegenbesuche", "year": 2031, "amount": "4000.00"}


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"number": "549904", "year": str(NEXT_YEAR)}, f"Sachkonto 549904 gibt es für {NEXT_YEAR} schon."),
        ({"number": "12"}, "4 bis 20 Ziffern"),
        ({"year": "zwanzig"}, "Haushaltsjahr"),
        ({"name": " "}, "Bezeichnung"),
        ({"amount": "-5"}, "nicht negativ"),
        ({"amount": "viel"}, "Betrag in Euro"),
    ],
)
def test_refused_accounts_keep_what_was_typed(app, client, login, changes, message):
    login("hanna")
    form = {"number": "549905", "year": "2031", "name": "Gegenbesuche", "amount": "4.000,00", **changes}
    response = client.post("/personal/budget/", data=form)
    assert response.status_code == 422 and message in response.text
    assert f'value="{form["name"]}"' in response.text and f'value="{form["amount"]}"' in response.text
    with app.app_context(), db.connection_context():
        assert BudgetAccount.select().count() == 2


def test_amount_never_below_reserved_and_spent(app, client, login, people):
    with app.test_request_context(), db.connection_context():
        set_budget(3000, spent=500)
        workflow.decide(people["hanna"], submitted(people["anna"], "1000"), "approve")
        target = account().id
    login("hanna")
    seen = {"seen_cents": "300000"}
    refused = client.post(
        f"/personal/budget/{target}", data={"name": "Praktika", "amount": "1.499,99", **seen}
    )
    assert refused.status_code == 422 and "reserviert und ausgegeben ist (1.500,00\xa0€)" in refused.text
    assert 'value="1.499,99"' in refused.text
    form = {"name": "Praktika", "amount": "1.500", **seen}
    done = client.post(f"/personal/budget/{target}", data=form, follow_redirects=True)
    assert f"Sachkonto 549904/{NEXT_YEAR} gespeichert." in done.text
    with app.app_context(), db.connection_context():
        assert account().remaining == 0 and account().name == "Praktika"
        row = AuditEvent.get(AuditEvent.action == "budget_account_changed")
        assert row.before["amount"] == "3000.00" and row.after == {"name": "Praktika", "amount": "1500.00"}


def test_a_change_made_meanwhile_is_not_overwritten(app, client, login):
    with app.app_context(), db.connection_context():
        target = account().id
        set_budget(4000)
    login("hanna")
    stale = {"name": "Praktika", "amount": "3.500", "seen_cents": "0"}
    refused = client.post(f"/personal/budget/{target}", data=stale)
    assert refused.status_code == 422 and "inzwischen geändert (Gesamt jetzt 4.000,00\xa0€)" in refused.text
    assert 'value="3.500"' in refused.text
    with app.app_context(), db.connection_context():
        assert account().total == 4000


def test_unknown_account_is_a_german_404(client, login):
    login("hanna")
    response = client.post("/personal/budget/999", data={"name": "x", "amount": "1"})
    assert response.status_code == 404 and "gibt es nicht" in response.text


@pytest.mark.parametrize("username", ["anna", "claire", "root"])
def test_budget_is_hr_only(client, login, username):
    login(username)
    assert client.get("/personal/budget/").status_code == 404
    assert client.post("/personal/budget/", data={"number": "549905"}).status_code == 404
