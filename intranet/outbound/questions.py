"""HR's questions about an application and the applicant's answers, each audited and mailed."""

from flask_babel import gettext as _

from intranet.mail import notify
from intranet.mail.texts import QUESTION_ANSWERED, QUESTION_ASKED, MailText
from intranet.models import Application, Question, User, utcnow
from intranet.platform.audit import record
from intranet.platform.db import db

#: statuses in which HR may still ask (a draft is the trainee's own, a closed case needs no answers)
OPEN_FOR_QUESTIONS = ("submitted", "waitlisted", "approved", "placed")
MAX_LENGTH = 2000


class QuestionRefused(ValueError):
    """A question or answer that cannot be stored; the message is German."""


def _text(value: str, what: str) -> str:
    """The trimmed text, refused when empty or too long."""
    value = (value or "").strip()
    if not value:
        raise QuestionRefused(_("Bitte %(what)s eingeben.", what=what))
    if len(value) > MAX_LENGTH:
        raise QuestionRefused(_("Bitte höchstens %(n)s Zeichen.", n=MAX_LENGTH))
    return value


def _mail(text: MailText, recipient: User | None, application: Application, **fields) -> None:
    """Queue one message to ``recipient`` (nobody, if the account is gone)."""
    if recipient is None:
        return
    values = notify.mail_fields(application, "") | fields
    subject, body = text.render(name=recipient.display_name, **values)
    notify.add(recipient.email, subject, body, recipient)


def ask(user, application: Application, text: str) -> Question:
    """HR asks the applicant a question; the applicant is told by e-mail."""
    if not user.has_role("hr"):
        raise QuestionRefused(_("Dazu sind Sie nicht berechtigt."))
    if application.status not in OPEN_FOR_QUESTIONS:
        raise QuestionRefused(_("Zu dieser Bewerbung sind keine Rückfragen mehr möglich."))
    text = _text(text, _("eine Frage"))
    with db.atomic():
        question = Question.create(application=application.id, asked_by=user.id, text=text)
        record(user, "question_asked", application, None, {"question": question.id})
        _mail(QUESTION_ASKED, application.applicant, application, question=text)
    return question


def answer(user, question: Question, text: str) -> Question:
    """The applicant answers once; the asker is told by e-mail."""
    application = question.application
    if application.applicant_id != user.id:
        raise QuestionRefused(_("Dazu sind Sie nicht berechtigt."))
    text = _text(text, _("eine Antwort"))
    with db.atomic():
        # conditional: of two submissions of the same answer form only one is stored
        answered = (
            Question.update(answer=text, answered_at=utcnow())
            .where((Question.id == question.id) & Question.answered_at.is_null())
            .execute()
        )
        if answered != 1:
            raise QuestionRefused(_("Diese Rückfrage ist bereits beantwortet."))
        record(user, "question_answered", application, None, {"question": question.id})
        asker = User.get_or_none(User.id == question.asked_by_id)
        _mail(QUESTION_ANSWERED, asker, application, question=question.text, answer=text)
    return Question.get_by_id(question.id)
