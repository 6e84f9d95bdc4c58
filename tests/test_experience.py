"""The experience report: written after the stay, reviewed by HR; acceptance completes the stay and
issues the bilingual certificate of participation."""

from intranet.models import Application, AuditEvent, ExperienceReport, IssuedLetter, OutboxMessage
from intranet.platform import storage
from intranet.platform.db import db

from .experiencedata import TEXT, ended_stay, report_form
from .test_letters import pdf_text


def url(application, suffix=""):
    return f"/bewerbungen/{application.id}/erfahrungsbericht{suffix}"


def count(app, model, *where):
    with app.app_context(), db.connection_context():
        query = model.select()
        return (query.where(*where) if where else query).count()


def report(app, application) -> ExperienceReport:
    with app.app_context(), db.connection_context():
        return ExperienceReport.get(ExperienceReport.application == application.id)


def actions(app, application) -> list[str]:
    with app.app_context(), db.connection_context():
        rows = AuditEvent.select().where(AuditEvent.object_id == application.id).order_by(AuditEvent.id)
        return [e.action for e in rows if e.object_type == "application"]


def test_no_report_before_the_stay_has_ended(app, client, login, people, make_application):
    application = make_application("anna", "nogent")
    with app.app_context(), db.connection_context():
        Application.update(status="placed").where(Application.id == application.id).execute()
    login("anna")
    page = client.get(url(application)).text
    assert "nach Ihrem Aufenthalt" in page and 'name="summary"' not in page
    refused = client.post(url(application), data=report_form())
    assert "nach dem Ende Ihres Aufenthalts" in refused.text
    assert count(app, ExperienceReport) == 0
    assert not [a for a in actions(app, application) if a.startswith("experience_report")]


def test_other_people_get_404(app, client, login, people):
    application = ended_stay(app, people["anna"], "nogent")
    for username, read, write in (
        ("ben", 404, 404),
        ("miguel", 404, 404),
        ("claire", 200, 404),
        ("hanna", 200, 404),
    ):
        login(username)
        assert client.get(url(application)).status_code == read, username
        assert client.post(url(application), data=report_form()).status_code == write, username
        client.post("/abmelden")
    assert count(app, ExperienceReport) == 0
    login("claire")  # the city's admin reads, but HR alone reviews
    assert client.get("/personal/berichte").status_code == 404
    assert client.post(url(application, "/annehmen"), data={"version": "1"}).status_code == 404


def test_submit_with_missing_ratings_shows_errors_at_the_fields(app, client, login, people):
    application = ended_stay(app, people["anna"], "nogent")
    login("anna")
    form = report_form(**{"rating-contacts": "", "rating-host_family": "9", "text-intercultural": "kurz"})
    page = client.post(url(application), data=form).text
    assert 'id="rating-contacts-error"' in page and "Bitte eine Bewertung von 1 bis 5 wählen." in page
    form["rating-host_family"] = "4"
    page = client.post(url(application), data=form).text
    assert "Bitte bewerten Sie „Persönliche Kontakte“ (1 bis 5)." in page
    assert 'id="text-intercultural-error"' in page and "mindestens 50 Zeichen" in page
    assert f"{TEXT} (administration)" in page  # what the trainee typed is kept
    assert count(app, ExperienceReport) == 0


def test_draft_changes_requested_and_accepted(app, client, login, people):
    application = ended_stay(app, people["anna"], "nogent")
    login("anna")
    assert "Erfahrungsbericht schreiben" in client.get("/bewerbungen/").text
    assert client.post(url(application), data=report_form(action="save", summary="")).status_code == 302
    assert report(app, application).status == "draft"
    assert client.post(url(application), data=report_form(version="1")).status_code == 302
    saved = report(app, application)
    assert (saved.status, saved.ratings["administration"], saved.version) == ("submitted", 2, 2)
    assert count(app, OutboxMessage, OutboxMessage.recipient == "hanna@example.org") == 1
    client.post("/abmelden")

    login("hanna")
    assert "Anna Azubi" in client.get("/personal/berichte").text
    empty = client.post(url(application, "/aenderungen"), data={"version": "2", "hr_comment": " "})
    assert "Bitte schreiben Sie, was geändert werden soll." in empty.text
    comment = "Bitte beschreiben Sie die Arbeit im Standesamt genauer."
    client.post(url(application, "/aenderungen"), data={"version": "2", "hr_comment": comment})
    assert report(app, application).status == "changes_requested"
    with app.app_context(), db.connection_context():
        mail = OutboxMessage.get(OutboxMessage.recipient == "anna@example.org")
        assert comment in mail.body and "bitte ergänzen" in mail.subject
    client.post("/abmelden")

    login("anna")
    page = client.get(url(application)).text
    assert comment in page and 'name="text-administration"' in page  # editable again
    client.post(url(application), data=report_form(version="3"))
    client.post("/abmelden")

    login("hanna")
    assert client.post(url(application, "/annehmen"), data={"version": "4"}).status_code == 302
    assert report(app, application).status == "accepted"
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(application.id).status == "completed"
        letter = IssuedLetter.get(IssuedLetter.application == application.id)
        pdf = storage.read(letter.stored_name)
        assert OutboxMessage.select().where(OutboxMessage.subject.contains("abgeschlossen")).count() == 1
    assert (letter.kind, letter.language) == ("certificate", "fr")
    text = " ".join(pdf_text(pdf).split())
    assert "Anna Azubi" in text and "Attestation de stage" in text and "Teilnahmebescheinigung" in text
    assert "a effectué" in text and "absolviert hat" in text
    assert actions(app, application)[-6:] == [
        "experience_report_saved",
        "experience_report_submitted",
        "experience_report_changes_requested",
        "experience_report_submitted",
        "application_completed",
        "letter_issued",
    ]
    again = client.post(url(application, "/annehmen"), data={"version": "5"}, follow_redirects=True)
    assert "nicht (mehr) zur Prüfung" in again.text or "bereits" in again.text
    assert count(app, IssuedLetter) == 1


def test_posted_status_and_application_fields_change_nothing(app, client, login, people):
    application = ended_stay(app, people["anna"], "selcuk")
    other = ended_stay(app, people["ben"], "nogent")
    login("anna")
    sneaky = report_form(
        action="save", status="accepted", application=str(other.id), hr_comment="ok", accepted_at="2020-01-01"
    )
    client.post(url(application), data=sneaky)
    saved = report(app, application)
    assert (saved.status, saved.hr_comment, saved.accepted_at, saved.application_id) == (
        "draft",
        "",
        None,
        application.id,
    )
    client.post(url(application), data=report_form(version="1", status="accepted"))
    client.post("/abmelden")
    login("hanna")
    client.post(
        url(application, "/aenderungen"),
        data={"version": "2", "hr_comment": "Mehr Details.", "status": "accepted"},
    )
    assert report(app, application).status == "changes_requested"
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(application.id).status == "placed"


def test_a_stale_form_keeps_the_text(app, client, login, people):
    application = ended_stay(app, people["anna"], "nogent")
    login("anna")
    client.post(url(application), data=report_form(action="save"))
    page = client.post(
        url(application), data=report_form(action="save", summary="Neue Fassung, nicht gespeichert.")
    )
    assert (
        "inzwischen an anderer Stelle geändert" in page.text
        and "Neue Fassung, nicht gespeichert." in page.text
    )
    assert report(app, application).version == 1


def test_certificate_only_after_completion(app, client, login, people):
    application = ended_stay(app, people["anna"], "nogent")
    login("hanna")
    assert "erst nach Abschluss des Aufenthalts" in client.get(f"/bewerbungen/{application.id}/briefe").text
    refused = client.post(f"/bewerbungen/{application.id}/briefe/certificate/fr", follow_redirects=True)
    assert "erst, wenn der Aufenthalt abgeschlossen ist" in refused.text
    assert count(app, IssuedLetter) == 0
    assert client.post(f"/bewerbungen/{application.id}/briefe/introduction/fr").status_code == 302
