"""HR inbox and one-click decisions (htmx and plain form)."""

import threading

from intranet import workflow
from intranet.db import db
from intranet.models import Application, AuditEvent


def status_of(app, application):
    with app.app_context(), db.connection_context():
        return Application.get_by_id(application.id).status


def test_inbox_ranks_second_year_first(client, login, make_application):
    first_year = make_application("ben", "guarda", weeks=8)
    second_year = make_application("anna", "nogent", weeks=12)
    login("hanna")
    page = client.get("/personal/").text
    assert page.index(f"application-{second_year.id}") < page.index(f"application-{first_year.id}")


def test_inbox_is_hr_only(client, login):
    login("anna")
    assert client.get("/personal/").status_code == 404


def test_city_admin_cannot_decide(app, client, login, make_application):
    application = make_application()
    login("claire")
    assert client.post(f"/personal/{application.id}/approve").status_code == 404
    assert status_of(app, application) == "submitted"


def test_approve_with_htmx_swaps_row_and_triggers_counts(app, client, login, make_application):
    application = make_application()
    login("hanna")
    response = client.post(f"/personal/{application.id}/approve", headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert response.headers["HX-Trigger"] == "decision-made"
    assert response.text.lstrip().startswith(f'<tr id="application-{application.id}"')
    assert "genehmigt" in response.text
    assert 'hx-swap-oob="true"' in response.text
    assert status_of(app, application) == "approved"
    counts = client.get("/personal/?fragment=counts", headers={"HX-Request": "true"}).text
    assert 'data-status="approved">1<' in counts and "<html" not in counts


def test_reject_without_javascript_redirects(app, client, login, make_application):
    application = make_application()
    login("hanna")
    response = client.post(f"/personal/{application.id}/reject", follow_redirects=True)
    assert "abgelehnt" in response.text
    assert status_of(app, application) == "rejected"


def test_second_decision_is_refused(app, client, login, make_application):
    application = make_application()
    login("hanna")
    client.post(f"/personal/{application.id}/approve")
    response = client.post(f"/personal/{application.id}/reject", follow_redirects=True)
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
    assert rows[0].before == {"status": "submitted"} and rows[0].after == {"status": "approved"}
    assert rows[0].actor.username == "hanna"


def test_parallel_approvals_give_exactly_one_decision(app, people, make_application):
    application = make_application()
    outcomes = []

    def click(name):
        with app.test_request_context(), db.connection_context():
            try:
                workflow.decide(people["hanna"], Application.get_by_id(application.id), name)
                outcomes.append(name)
            except workflow.TransitionRefused:
                outcomes.append("refused")

    threads = [threading.Thread(target=click, args=("approve" if i % 2 else "reject",)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert outcomes.count("refused") == 7
    with app.app_context(), db.connection_context():
        decisions = AuditEvent.select().where(
            AuditEvent.action.in_(("application_approved", "application_rejected"))
        )
        assert decisions.count() == 1
