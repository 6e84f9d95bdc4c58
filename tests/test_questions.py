"""HR's questions on the application page: asked, mailed, answered once, audited, scoped."""

from intranet.models import AuditEvent, OutboxMessage, Question
from intranet.platform.db import db


def ask(client, application, text="Können Sie auch im Mai?"):
    return client.post(
        f"/bewerbungen/{application.id}/rueckfragen", data={"text": text}, follow_redirects=True
    )


def test_hr_asks_trainee_answers(app, client, login, make_application):
    application = make_application("anna")
    login("hanna")
    page = ask(client, application, "Können Sie auch im Mai? <b>fett</b>").text
    assert "Rückfrage gesendet" in page
    assert "Können Sie auch im Mai? &lt;b&gt;fett&lt;/b&gt;" in page  # escaped
    with app.app_context(), db.connection_context():
        mail = OutboxMessage.select().where(OutboxMessage.subject.contains("Rückfrage")).get()
        assert mail.recipient == "anna@example.org" and "Können Sie auch im Mai?" in mail.body
        question = Question.get()
    client.post("/abmelden")
    login("anna")
    page = client.get(f"/bewerbungen/{application.id}").text
    assert f'id="answer-{question.id}"' in page
    url = f"/bewerbungen/{application.id}/rueckfragen/{question.id}"
    page = client.post(url, data={"answer": "Ja, ab dem 4. Mai."}, follow_redirects=True).text
    assert "Antwort gespeichert" in page and "Ja, ab dem 4. Mai." in page
    again = client.post(url, data={"answer": "Doch nicht."}, follow_redirects=True).text
    assert "bereits beantwortet" in again
    with app.app_context(), db.connection_context():
        assert Question.get().answer == "Ja, ab dem 4. Mai."
        actions = [e.action for e in AuditEvent.select().where(AuditEvent.action.startswith("question_"))]
        assert actions == ["question_asked", "question_answered"]
        to_hr = OutboxMessage.select().where(OutboxMessage.recipient == "hanna@example.org").get()
        assert "Ja, ab dem 4. Mai." in to_hr.body


def test_empty_question_and_answer_are_refused(app, client, login, make_application):
    application = make_application("anna")
    login("hanna")
    assert "Bitte eine Frage eingeben." in ask(client, application, "   ").text
    with app.app_context(), db.connection_context():
        assert Question.select().count() == 0


def test_only_hr_asks_and_only_the_applicant_answers(app, client, login, make_application, people):
    application = make_application("anna", "nogent")
    login("claire")  # admin of Nogent sees the application but does not ask
    assert client.post(f"/bewerbungen/{application.id}/rueckfragen", data={"text": "?"}).status_code == 404
    with app.test_request_context(), db.connection_context():
        from intranet.outbound import questions

        question = questions.ask(people["hanna"], application, "Frage")
    client.post("/abmelden")
    login("ben")
    url = f"/bewerbungen/{application.id}/rueckfragen/{question.id}"
    assert client.post(url, data={"answer": "x"}).status_code == 404


def test_no_questions_on_drafts(app, client, login, make_application):
    draft = make_application("anna", status="draft")
    login("hanna")
    assert "keine Rückfragen mehr möglich" in ask(client, draft).text
