"""HR inbox: ranking, filters, paging, row contents, one-click decisions, reasons inline (htmx and plain)."""

import logging
import re
from datetime import date
from decimal import Decimal

import pytest

from intranet.models import Application, AuditEvent, OutboxMessage
from intranet.platform.db import db

from .hrdata import NEXT_YEAR, account, set_budget, submitted

HX = {"HX-Request": "true"}


def status_of(app, application):
    with app.app_context(), db.connection_context():
        return Application.get_by_id(application.id).status


@pytest.fixture
def hr(app, client, login):
    """The client logged in as HR; yields a function that runs code on the test database."""
    login("hanna")

    def run(fn, *args, **kwargs):
        with app.test_request_context(), db.connection_context():
            return fn(*args, **kwargs)

    return run


def test_inbox_ranks_second_year_first(client, login, make_application):
    first_year = make_application("ben", "guarda", weeks=8)
    second_year = make_application("anna", "nogent", weeks=12)
    login("hanna")
    page = client.get("/personal/").text
    assert page.index(f"application-{second_year.id}") < page.index(f"application-{first_year.id}")


def test_row_shows_documents_warnings_and_estimate(client, login, make_application):
    application = make_application("anna", "nogent")
    login("hanna")
    row = client.get(f"/personal/{application.id}", headers=HX).text
    assert row.lstrip().startswith(f'<tr id="application-{application.id}"')
    assert "Anna Azubi" in row and "VFA, 2. Jahr" in row and "Nogent-sur-Marne" in row
    # the factory uploads every document due at submission; A1 comes from HR before departure
    assert "4 von 5" in row and "fehlt: A1-Bescheinigung (vor der Abreise)" in row
    assert re.search(r"\d[\d.]*,\d\d\xa0€", row), "the cost estimate in euro"
    assert "unbestätigt" in row  # the fixture's trainees entered their training themselves


def test_warnings_snapshot_and_missing_documents(app, client, hr, people):
    application = hr(submitted, people["ben"], warnings=["Französisch unter A2."])
    row = client.get(f"/personal/{application.id}", headers=HX).text
    assert "1 Hinweis" in row and "Französisch unter A2." in row
    assert "0 von 5" in row and "fehlt: Lebenslauf" in row


def test_inbox_is_hr_only(client, login):
    login("anna")
    assert client.get("/personal/").status_code == 404


@pytest.mark.parametrize("path", ["/personal/1", "/personal/1/reject"])
def test_hr_fragments_are_hr_only(client, login, make_application, path):
    make_application()
    login("claire")
    assert client.get(path, headers=HX).status_code == 404


def test_city_admin_cannot_decide(app, client, login, make_application):
    application = make_application()
    login("claire")
    assert client.post(f"/personal/{application.id}/approve").status_code == 404
    assert status_of(app, application) == "submitted"


def test_approve_with_htmx_swaps_row_and_updates_counts_and_budget(app, client, login, make_application):
    application = make_application()
    login("hanna")
    response = client.post(f"/personal/{application.id}/approve", headers=HX)
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "decision-made"
    assert response.text.lstrip().startswith(f'<tr id="application-{application.id}"')
    assert "genehmigt" in response.text and 'data-hx-swap-oob="true"' in response.text
    assert status_of(app, application) == "approved"
    counts = client.get("/personal/?fragment=counts", headers=HX).text
    assert 'data-status="approved">1<' in counts and "<html" not in counts
    widget = client.get("/personal/?fragment=budget", headers=HX).text
    with app.app_context(), db.connection_context():
        estimate = Application.get_by_id(application.id).cost_estimate
        reserved = account(application.start_date.year).reserved
    assert estimate > 0 and reserved == estimate
    assert widget.lstrip().startswith('<section id="budget"') and 'data-figure="reserved"' in widget


def test_approval_over_budget_shows_figures_and_override_form(app, client, hr, people):
    hr(set_budget, 500)
    application = hr(submitted, people["anna"], "800")
    response = client.post(f"/personal/{application.id}/approve", headers=HX)
    assert response.status_code == 200
    assert "noch 500,00\xa0€ frei" in response.text and "braucht 800,00\xa0€" in response.text
    assert 'name="override" value="1"' in response.text and "Trotzdem genehmigen" in response.text
    assert status_of(app, application) == "submitted"
    missing = client.post(f"/personal/{application.id}/approve", data={"override": "1"}, headers=HX)
    assert "begründen" in missing.text and status_of(app, application) == "submitted"
    client.post(
        f"/personal/{application.id}/approve", data={"override": "1", "reason": "Nachtrag kommt."}, headers=HX
    )
    assert status_of(app, application) == "approved"
    assert hr(lambda: account().remaining) == -300


def test_reject_asks_for_a_reason_inline(app, client, login, make_application):
    application = make_application()
    login("hanna")
    form = client.get(f"/personal/{application.id}/reject", headers=HX).text
    assert form.lstrip().startswith(f'<tr id="application-{application.id}"')
    assert "<textarea" in form and "autofocus" in form and "Begründung der Ablehnung" in form
    refused = client.post(f"/personal/{application.id}/reject", data={"reason": "  "}, headers=HX)
    assert "Bitte geben Sie eine Begründung an" in refused.text and 'aria-invalid="true"' in refused.text
    assert status_of(app, application) == "submitted"
    done = client.post(
        f"/personal/{application.id}/reject", data={"reason": "Alle Plätze vergeben."}, headers=HX
    )
    assert "abgelehnt" in done.text and "<textarea" not in done.text
    with app.app_context(), db.connection_context():
        mail = OutboxMessage.get(OutboxMessage.subject == "Ihre Bewerbung für Nogent-sur-Marne")
        assert "Leider" in mail.body and "Alle Plätze vergeben." in mail.body
        assert AuditEvent.get(AuditEvent.action == "application_rejected").reason == "Alle Plätze vergeben."


def test_reject_without_javascript(app, client, login, make_application):
    application = make_application()
    login("hanna")
    page = client.get(f"/personal/{application.id}/reject")
    assert "<h1>Bewerbung ablehnen</h1>" in page.text and 'action="/personal/' in page.text
    refused = client.post(f"/personal/{application.id}/reject", data={"reason": ""})
    assert refused.status_code == 422 and "Bitte geben Sie eine Begründung an" in refused.text
    response = client.post(
        f"/personal/{application.id}/reject", data={"reason": "Kein Platz."}, follow_redirects=True
    )
    assert f"Bewerbung Nr. {application.id} abgelehnt." in response.text
    assert status_of(app, application) == "rejected"


def test_waitlisted_application_moves_up_when_budget_is_released(app, client, hr, people):
    hr(set_budget, 1000)
    approved = hr(submitted, people["ben"], "1000")
    client.post(f"/personal/{approved.id}/approve")
    waiting = hr(submitted, people["anna"], "900", start=date(NEXT_YEAR, 5, 3))
    other = hr(submitted, people["anna"], "100", start=date(NEXT_YEAR, 7, 5))
    client.post(f"/personal/{waiting.id}/waitlist", data={"reason": "Budget ist ausgeschöpft."})
    assert status_of(app, waiting) == "waitlisted"
    page = client.get("/personal/").text
    assert "rückt nach" not in page
    response = client.post(f"/personal/{approved.id}/revert", data={"reason": "Stelle abgesagt."}, headers=HX)
    assert "1 Bewerbung(en) auf der Warteliste passen jetzt" in response.text
    page = client.get("/personal/").text
    assert page.index(f"application-{waiting.id}") < page.index(f"application-{other.id}")
    assert page.index(f"application-{waiting.id}") < page.index(f"application-{approved.id}")
    assert "Budget frei – rückt nach" in page
    with app.app_context(), db.connection_context():
        mail = OutboxMessage.get(OutboxMessage.subject.contains("Warteliste"))
        assert "Budget ist ausgeschöpft." in mail.body


def test_filters_search_and_paging(app, client, hr, people):
    app.config["PAGE_SIZE"] = 2
    trainees = {name: people[name] for name in ("anna", "ben")}
    made = [
        hr(submitted, trainees["anna"], city="nogent"),
        hr(submitted, trainees["ben"], city="guarda"),
        hr(submitted, trainees["ben"], city="guarda", start=date(NEXT_YEAR + 1, 3, 1)),
        hr(submitted, trainees["anna"], city="selcuk", status="approved"),
    ]

    def shown(query):
        html = client.get("/personal/?" + query, headers={**HX, "HX-Target": "results"}).text
        assert "<html" not in html and html.lstrip().startswith('<div id="results">')
        return {int(n) for n in re.findall(r'<tr id="application-(\d+)"', html)}

    ids = [a.id for a in made]
    assert shown("status=all") == {ids[0], ids[3]}  # second training year first, two per page
    assert shown("status=all&page=2") == {ids[1], ids[2]}
    assert shown("city=guarda") == {ids[1], ids[2]}
    assert shown(f"year={NEXT_YEAR + 1}") == {ids[2]}
    assert shown("training_year=2") == {ids[0]}
    assert shown("track=SIA") == {ids[1], ids[2]}
    assert shown("q=azubi") == {ids[0]}
    assert shown(f"q={ids[1]}") == {ids[1]}
    assert shown("status=approved") == {ids[3]}
    assert shown("status=open&city=selcuk") == set()
    page = client.get("/personal/?status=all&city=guarda").text
    assert '<option value="guarda" selected>' in page
    page = client.get("/personal/?status=all").text
    assert 'href="/personal/?status=all&amp;page=2"' in page and 'data-hx-push-url="true"' in page


@pytest.mark.parametrize(
    "query",
    ["status=kaputt", "city=atlantis", "year=abc", "training_year=9", "track=XYZ", "page=-3", "page=99999"],
)
def test_broken_filters_fall_back_instead_of_failing(client, hr, people, query):
    application = hr(submitted, people["anna"])
    response = client.get("/personal/?" + query)
    assert response.status_code == 200 and f"application-{application.id}" in response.text


def count_queries(client, path):
    """SQL statements peewee runs for one request."""
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logger = logging.getLogger("peewee")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.DEBUG)
    try:
        assert client.get(path).status_code == 200
    finally:
        logger.setLevel(level)
        logger.removeHandler(handler)
    return len(records)


def test_inbox_queries_do_not_grow_with_applications(client, hr, people):
    hr(submitted, people["anna"])
    few = count_queries(client, "/personal/")
    for _ in range(12):
        hr(submitted, people["ben"], warnings=["Hinweis"])
    assert count_queries(client, "/personal/") == few


def test_second_decision_is_refused(app, client, login, make_application):
    application = make_application()
    login("hanna")
    client.post(f"/personal/{application.id}/approve")
    response = client.post(
        f"/personal/{application.id}/reject", data={"reason": "Zu spät."}, follow_redirects=True
    )
    assert "bereits genehmigt" in response.text
    assert status_of(app, application) == "approved"


def test_trainee_sees_decision(client, login, make_application):
    application = make_application()
    login("hanna")
    client.post(f"/personal/{application.id}/approve")
    client.post("/abmelden")
    login("anna")
    page = client.get(f"/bewerbungen/{application.id}").text
    assert "genehmigt" in page and "Hanna Personal" in page


def test_one_audit_row_per_decision(app, client, login, make_application):
    application = make_application()
    login("hanna")
    client.post(f"/personal/{application.id}/approve")
    with app.app_context(), db.connection_context():
        rows = list(AuditEvent.select().where(AuditEvent.action == "application_approved"))
        assert len(rows) == 1
        assert rows[0].before == {"status": "submitted"} and rows[0].after["status"] == "approved"
        assert Decimal(rows[0].after["reserved"]) == Application.get_by_id(application.id).cost_estimate
        assert rows[0].actor.username == "hanna"


def test_revert_is_offered_for_decided_applications(client, hr, people):
    application = hr(submitted, people["anna"], status="rejected")
    row = client.get(f"/personal/{application.id}", headers=HX).text
    assert "Zurücknehmen" in row and "Genehmigen" not in row
