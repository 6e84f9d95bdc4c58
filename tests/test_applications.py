"""The trainee's side: create, city swap, rule errors, submit, scope."""

from intranet.db import db
from intranet.models import Application, AuditEvent

from .conftest import future_period


def form(city="nogent", weeks=8, days=14, action="submit", **extra):
    start, end = future_period(weeks, days)
    data = {
        "city": city,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "motivation": "Ich möchte die Mairie kennenlernen.",
        "action": action,
    }
    data.update(extra)
    return data


def count(app, model, *where):
    with app.app_context(), db.connection_context():
        query = model.select()
        return query.where(*where).count() if where else query.count()


def test_empty_state(client, login):
    login("anna")
    page = client.get("/bewerbungen/").text
    assert "Sie haben noch keine Bewerbung angelegt." in page


def test_create_and_submit(app, client, login):
    login("anna")
    response = client.post("/bewerbungen/neu", data=form())
    assert response.status_code == 302
    detail = client.get(response.location)
    assert "eingereicht" in detail.text
    assert "Nogent-sur-Marne" in detail.text
    with app.app_context(), db.connection_context():
        application = Application.get()
        assert application.status == "submitted" and application.training_year == 2
        actions = [
            e.action
            for e in AuditEvent.select()
            .where(AuditEvent.object_type == "application")
            .order_by(AuditEvent.id)
        ]
    assert actions == ["application_created", "application_submitted"]


def test_draft_then_submit_from_detail(app, client, login):
    login("anna")
    response = client.post("/bewerbungen/neu", data=form(action="save"))
    assert "Entwurf" in client.get(response.location).text
    application_id = int(response.location.rsplit("/", 1)[1])
    client.post(f"/bewerbungen/{application_id}/submit")
    assert count(app, Application, Application.status == "submitted") == 1


def test_duration_error_keeps_input(app, client, login):
    login("anna")
    data = form(days=10)
    response = client.post("/bewerbungen/neu", data=data)
    assert response.status_code == 302  # saved as draft, submission refused
    page = client.get(response.location, follow_redirects=True).text
    assert "Der Aufenthalt dauert 10 Tage; erlaubt sind 14 bis 21 Tage" in page
    assert count(app, Application, Application.status == "draft") == 1


def test_invalid_date_shows_field_error_and_saves_nothing(app, client, login):
    login("anna")
    data = form(start_date="31.02.2027", motivation="Mein Text bleibt.")
    response = client.post("/bewerbungen/neu", data=data)
    assert response.status_code == 200
    assert "Kein gültiges Datum." in response.text
    assert "Mein Text bleibt." in response.text
    assert count(app, Application) == 0


def test_unknown_city_is_refused(app, client, login):
    login("anna")
    response = client.post("/bewerbungen/neu", data=form(city="atlantis"))
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.text
    assert count(app, Application) == 0


def test_overlapping_open_application_is_refused(app, client, login):
    login("anna")
    client.post("/bewerbungen/neu", data=form())
    response = client.post("/bewerbungen/neu", data=form(city="guarda"))
    assert response.status_code == 200
    assert "bereits eine offene Bewerbung" in response.text
    assert count(app, Application) == 1


def test_city_swap_fragment_for_htmx(client, login):
    login("anna")
    response = client.post(
        "/bewerbungen/neu", data={"city": "selcuk", "action": "refresh"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<section id="city-panel"')
    assert "Selçuk" in response.text and "Türkei" in response.text
    assert "Lebenslauf" in response.text
    assert "<html" not in response.text


def test_city_swap_without_javascript_renders_whole_page(client, login):
    login("anna")
    response = client.post("/bewerbungen/neu", data={"city": "orestiada", "action": "refresh"})
    assert "<html" in response.text and "Ορεστιάδα" in response.text


def test_other_employee_gets_404(client, login, make_application):
    application = make_application("anna")
    login("ben")
    assert client.get(f"/bewerbungen/{application.id}").status_code == 404
    assert client.post(f"/bewerbungen/{application.id}/withdraw").status_code == 404


def test_city_admin_sees_only_own_city(client, login, make_application):
    nogent = make_application("anna", "nogent")
    guarda = make_application("ben", "guarda")
    login("claire")
    assert client.get(f"/bewerbungen/{nogent.id}").status_code == 200
    assert client.get(f"/bewerbungen/{guarda.id}").status_code == 404


def test_withdraw(app, client, login, make_application):
    application = make_application("anna")
    login("anna")
    client.post(f"/bewerbungen/{application.id}/withdraw")
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(application.id).status == "withdrawn"


def test_mass_assignment_is_ignored(app, client, login):
    login("anna")
    client.post("/bewerbungen/neu", data=form(status="approved", applicant=999, cost_estimate="1"))
    with app.app_context(), db.connection_context():
        application = Application.get()
        assert application.status == "submitted"
        assert application.cost_estimate is None
        assert application.applicant.username == "anna"


def test_anonymous_is_sent_to_login(client):
    response = client.get("/bewerbungen/neu")
    assert response.status_code == 302 and "/anmelden" in response.location
