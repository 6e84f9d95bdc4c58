"""The trainee's side: create, city swap, live checks, profile, edit, documents, submit, withdraw, scope."""

import io

from intranet.demo import DEMO_PDF
from intranet.models import Application, AuditEvent, User, UserLanguage
from intranet.outbound import workflow
from intranet.platform.db import db

from .conftest import future_period


def form(city="nogent", weeks=8, days=14, action="submit", **extra):
    start, end = future_period(weeks, days)
    data = {
        "city": city,
        "start_date": start.isoformat(),
        "end_date": end.isoformat(),
        "motivation": "Ich möchte die Mairie kennenlernen.",
        # the profile part, as the form shows it prefilled for anna
        "training_track": "VFA",
        "training_year": "2",
        "date_of_birth": "2004-03-01",
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


def upload_missing(app, client, application_id):
    """Upload a PDF through the client for every document still missing before submission."""
    with app.test_request_context(), db.connection_context():
        kinds = [
            f.field.removeprefix("document-") for f in workflow.missing_documents(Application[application_id])
        ]
    for kind in kinds:
        client.post(
            f"/bewerbungen/{application_id}/unterlagen/{kind}",
            data={"file": (io.BytesIO(DEMO_PDF), f"{kind}.pdf")},
            content_type="multipart/form-data",
        )
    return kinds


def test_whole_trainee_flow(app, client, login):
    login("anna")
    response = client.post("/bewerbungen/neu", data=form())
    assert response.status_code == 302
    application_id = int(response.location.rsplit("/", 1)[1])
    page = client.get(response.location).text
    # submitting from the form saved the draft, but the documents are missing: each reason links to its slot
    assert "Entwurf gespeichert. Einreichen ist noch nicht möglich" in page
    assert 'href="#document-cv">Unterlage fehlt: Lebenslauf' in page
    assert upload_missing(app, client, application_id) == ["cv", "motivation_letter", "release", "ehic"]
    assert "Alles vollständig" in client.get(f"/bewerbungen/{application_id}").text
    client.post(f"/bewerbungen/{application_id}/einreichen")
    page = client.get(f"/bewerbungen/{application_id}").text
    assert "eingereicht" in page and "Nogent-sur-Marne" in page
    with app.app_context(), db.connection_context():
        application = Application.get()
        assert application.status == "submitted" and application.training_year == 2
        actions = [
            e.action
            for e in AuditEvent.select()
            .where(AuditEvent.object_type == "application")
            .order_by(AuditEvent.id)
        ]
    assert actions[0] == "application_created" and actions[-1] == "application_submitted"
    assert actions.count("document_uploaded") == 4


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
    assert client.post(f"/bewerbungen/{application.id}/zurueckziehen").status_code == 404


def test_city_admin_sees_only_own_city(client, login, make_application):
    nogent = make_application("anna", "nogent")
    guarda = make_application("ben", "guarda")
    login("claire")
    assert client.get(f"/bewerbungen/{nogent.id}").status_code == 200
    assert client.get(f"/bewerbungen/{guarda.id}").status_code == 404


def test_withdraw(app, client, login, make_application):
    application = make_application("anna")
    login("anna")
    client.post(f"/bewerbungen/{application.id}/zurueckziehen")
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(application.id).status == "withdrawn"


def test_mass_assignment_is_ignored(app, client, login):
    login("anna")
    client.post("/bewerbungen/neu", data=form(status="approved", applicant=999, cost_estimate="1"))
    with app.app_context(), db.connection_context():
        application = Application.get()
        assert application.status == "draft"
        assert application.cost_estimate is None
        assert application.applicant.username == "anna"


def test_anonymous_is_sent_to_login(client):
    response = client.get("/bewerbungen/neu")
    assert response.status_code == 302 and "/anmelden" in response.location


def region(html: str, field_id: str) -> str:
    """The contents of a field's live region in a page or an out-of-band fragment."""
    start = html.index(f'id="{field_id}-checks"')
    return html[start : html.index("</div>", start)]


def test_live_check_answers_only_the_regions_next_to_the_fields(client, login):
    login("anna")
    data = form(days=10, action="check")
    response = client.post("/bewerbungen/neu", data=data, headers={"HX-Request": "true"})
    assert response.status_code == 200 and "<html" not in response.text and "<input" not in response.text
    assert 'id="end_date-checks" data-hx-swap-oob="innerHTML"' in response.text
    assert "Der Aufenthalt dauert 10 Tage" in region(response.text, "end_date")
    assert "Der Aufenthalt dauert" not in region(response.text, "start_date")
    fixed = client.post(
        "/bewerbungen/neu", data=form(days=14, action="check"), headers={"HX-Request": "true"}
    )
    assert "Der Aufenthalt dauert" not in fixed.text
    assert "Französischkenntnisse" in region(fixed.text, "extra_french_level")  # level still missing


def test_without_javascript_the_check_is_a_whole_page_with_the_same_messages(app, client, login):
    login("anna")
    response = client.post("/bewerbungen/neu", data=form(days=10, action="refresh"))
    assert "<html" in response.text and 'aria-live="polite"' in region(response.text, "end_date")
    assert "Der Aufenthalt dauert 10 Tage" in region(response.text, "end_date")
    assert "Ich möchte die Mairie kennenlernen." in response.text
    assert count(app, Application) == 0


def test_profile_is_prefilled_and_saved_back_unconfirmed(app, client, login, people):
    with app.app_context(), db.connection_context():
        UserLanguage.create(user=people["anna"].id, language="fr", level="B1")
        User.update(training_confirmed=True).where(User.id == people["anna"].id).execute()
    login("anna")
    page = client.get("/bewerbungen/neu?city=nogent").text
    assert 'value="2"' in page and 'value="2004-03-01"' in page
    assert '<option selected value="B1">' in page[page.index('id="extra_french_level"') :]
    data = form(action="save", training_year="3", extra_french_level="B2", extra_english_level="C1")
    data |= {"languages-0-language": "es", "languages-0-level": "A2"}
    assert client.post("/bewerbungen/neu", data=data).status_code == 302
    with app.app_context(), db.connection_context():
        anna = User.get(User.username == "anna")
        assert (anna.training_year, anna.training_confirmed) == (3, False)
        assert {row.language: row.level for row in anna.languages} == {"fr": "B2", "en": "C1", "es": "A2"}
        assert AuditEvent.select().where(AuditEvent.action == "profile_updated").count() == 1


def test_profile_input_errors_are_specific_and_keep_input(app, client, login):
    login("anna")
    data = form(action="save", date_of_birth="2099-01-01")
    data |= {"languages-0-level": "B1", "languages-1-language": "fr", "languages-2-language": "fr"}
    data |= {"languages-3-language": "xx", "languages-3-level": "A1"}
    response = client.post("/bewerbungen/neu", data=data)
    assert response.status_code == 200
    for message in (
        "Bitte ein Geburtsdatum zwischen 1940 und heute angeben.",
        "Bitte die Sprache zu diesem Niveau wählen.",
        "Bitte jede Sprache nur einmal angeben.",
        "Keine gültige Auswahl.",  # WTForms' own message, in the UI language also in the sub-form
    ):
        assert message in response.text
    assert "Ich möchte die Mairie kennenlernen." in response.text
    assert count(app, Application) == 0


def test_edit_draft_with_version_check(app, client, login, make_application):
    draft = make_application("anna", status="draft")
    login("anna")
    page = client.get(f"/bewerbungen/{draft.id}/bearbeiten").text
    assert 'name="version" type="hidden" value="1"' in page and "Neugierig." in page
    start, end = draft.start_date.isoformat(), draft.end_date.isoformat()
    changed = form(action="save", start_date=start, end_date=end, motivation="Neu.", version="1")
    assert client.post(f"/bewerbungen/{draft.id}/bearbeiten", data=changed).status_code == 302
    # a second window still holds version 1: its save is refused and its input stays on screen
    stale = changed | {"motivation": "Aus dem alten Fenster."}
    response = client.post(f"/bewerbungen/{draft.id}/bearbeiten", data=stale)
    assert response.status_code == 200 and "inzwischen an anderer Stelle geändert" in response.text
    assert "Aus dem alten Fenster." in response.text
    with app.app_context(), db.connection_context():
        saved = Application.get_by_id(draft.id)
        assert (saved.motivation, saved.version) == ("Neu.", 2)
        assert AuditEvent.select().where(AuditEvent.action == "application_updated").count() == 1


def test_only_own_drafts_can_be_edited(client, login, make_application):
    submitted = make_application("anna")
    login("anna")
    response = client.get(f"/bewerbungen/{submitted.id}/bearbeiten", follow_redirects=True)
    assert "Nur Entwürfe lassen sich bearbeiten." in response.text


def test_another_employee_cannot_edit(client, login, make_application):
    draft = make_application("anna", status="draft")
    login("ben")
    assert client.get(f"/bewerbungen/{draft.id}/bearbeiten").status_code == 404
    assert client.post(f"/bewerbungen/{draft.id}/bearbeiten", data=form(action="save")).status_code == 404


def test_rule_errors_on_the_status_page_link_to_the_form_field(client, login, make_application):
    draft = make_application("anna", status="draft", days=10)
    login("anna")
    client.post(f"/bewerbungen/{draft.id}/einreichen")
    page = client.get(f"/bewerbungen/{draft.id}").text
    assert "Einreichen ist noch nicht möglich" in page
    assert f'href="/bewerbungen/{draft.id}/bearbeiten#end_date">Der Aufenthalt dauert 10 Tage' in page


def test_withdraw_asks_for_confirmation_on_its_own_page(app, client, login, make_application):
    application = make_application("anna")
    login("anna")
    page = client.get(f"/bewerbungen/{application.id}/zurueckziehen").text
    assert f"Bewerbung {application.id} zurückziehen?" in page and "Ja, zurückziehen" in page
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(application.id).status == "submitted"  # GET changes nothing
    client.post(f"/bewerbungen/{application.id}/zurueckziehen", data={"reason": "Prüfung verschoben"})
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(application.id).status == "withdrawn"
        event = AuditEvent.get(AuditEvent.action == "application_withdrawn")
        assert event.reason == "Prüfung verschoben"
