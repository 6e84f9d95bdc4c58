"""The reciprocity ledger: persons and days out vs. in per city and year, against seeded stays."""

from datetime import date

from intranet.inbound import reciprocity
from intranet.platform.db import db

from .exchangedata import guest, run, stay

YEAR = date.today().year + 1


def seed(people):
    """Stays around YEAR: approved/placed/completed outbound, non-cancelled inbound starting in YEAR count."""
    anna, ben = people["anna"], people["ben"]
    stay(anna, "nogent", date(YEAR, 5, 5), date(YEAR, 5, 18), "approved")  # 14 days
    stay(ben, "nogent", date(YEAR, 9, 8), date(YEAR, 9, 28), "placed")  # 21 days
    stay(anna, "guarda", date(YEAR, 3, 3), date(YEAR, 3, 17), "completed")  # 15 days
    stay(ben, "nogent", date(YEAR, 10, 6), date(YEAR, 10, 19), "submitted")
    stay(anna, "nogent", date(YEAR, 11, 3), date(YEAR, 11, 16), "rejected")
    stay(anna, "nogent", date(YEAR - 1, 12, 22), date(YEAR, 1, 4), "approved")
    guest("nogent", date(YEAR, 6, 2), date(YEAR, 6, 15))  # 14 days
    guest("nogent", date(YEAR, 7, 7), date(YEAR, 7, 20), status="cancelled")
    guest("guarda", date(YEAR, 12, 29), date(YEAR + 1, 1, 11))  # 14 days, starts in YEAR
    guest("guarda", date(YEAR, 4, 6), date(YEAR, 4, 24))  # 19 days
    guest("guarda", date(YEAR + 1, 2, 2), date(YEAR + 1, 2, 15))


def figures(row):
    return (row.persons_out, row.days_out, row.persons_in, row.days_in, row.balance_persons, row.balance_days)


def test_ledger_per_city_against_seeded_stays(app, people):
    run(app, seed, people)
    rows = {row.city: row for row in run(app, reciprocity.ledger, YEAR)}
    assert figures(rows["nogent"]) == (2, 35, 1, 14, 1, 21)
    assert figures(rows["guarda"]) == (1, 15, 2, 33, -1, -18)
    assert figures(rows["werder"]) == (0, 0, 0, 0, 0, 0)
    assert len(rows) == 6
    total = reciprocity.total(list(rows.values()), "Gesamt")
    assert (total.city, total.name) == ("", "Gesamt")
    assert figures(total) == (3, 50, 3, 47, 0, 3)


def test_ledger_for_one_city_and_other_years(app, people):
    run(app, seed, people)
    [row] = run(app, reciprocity.ledger, YEAR, "guarda")
    assert row.name == "Guarda" and figures(row) == (1, 15, 2, 33, -1, -18)
    previous = {row.city: row for row in run(app, reciprocity.ledger, YEAR - 1)}
    assert figures(previous["nogent"]) == (1, 14, 0, 0, 1, 14)
    assert run(app, reciprocity.ledger, YEAR, "atlantis") == []


def test_ledger_uses_one_query_per_direction(app, people):
    run(app, seed, people)
    with app.test_request_context(), db.connection_context():
        queries = []
        original = db.obj.execute_sql

        def counting(sql, params=None, *args, **kwargs):
            queries.append(sql)
            return original(sql, params, *args, **kwargs)

        db.obj.execute_sql = counting
        try:
            reciprocity.ledger(YEAR)
        finally:
            del db.obj.execute_sql
    assert len(queries) == 2


def test_city_page_shows_the_chosen_years_figures_without_names(app, client, login, people):
    run(app, seed, people)
    login("ben")
    page = client.get(f"/staedte/guarda?year={YEAR}").text
    assert f"Austausch-Bilanz {YEAR}" in page
    assert '<td class="num">15</td><td class="num">33</td><td class="num">-18</td>' in page
    assert "Martin" not in page and "Anna Azubi" not in page
    fallback = client.get("/staedte/guarda?year=abc")
    assert fallback.status_code == 200 and f"Austausch-Bilanz {date.today().year}" in fallback.text


def test_city_admin_dashboard_shows_the_ledger(app, client, login, people):
    run(app, seed, people)
    login("claire")
    page = client.get(f"/stadtverwaltung/nogent/?year={YEAR}").text
    assert '<td class="num">2</td><td class="num">1</td><td class="num">+1</td>' in page
