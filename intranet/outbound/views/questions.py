"""HR asks, the applicant answers: plain forms on the application's page (also without JavaScript)."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.models import Question
from intranet.outbound import questions
from intranet.people.access import get_application_or_404, get_own_application_or_404
from intranet.people.guards import login_required, role_required

bp = Blueprint("questions", __name__, url_prefix="/bewerbungen")


def back(application_id: int):
    """To the questions on the application's page."""
    return redirect(url_for("applications.detail", application_id=application_id) + "#questions")


@bp.post("/<int:application_id>/rueckfragen")
@role_required("hr")
def create(application_id: int):
    """HR asks a question."""
    application = get_application_or_404(application_id)
    try:
        questions.ask(current_user, application, request.form.get("text", ""))
    except questions.QuestionRefused as exc:
        flash(str(exc), "error")
    else:
        flash(
            _("Rückfrage gesendet. Die Antragstellerin oder der Antragsteller wird per E-Mail informiert."),
            "success",
        )
    return back(application.id)


@bp.post("/<int:application_id>/rueckfragen/<int:question_id>")
@login_required
def update(application_id: int, question_id: int):
    """The applicant answers a question."""
    application = get_own_application_or_404(application_id)
    question = Question.get_or_none((Question.id == question_id) & (Question.application == application.id))
    if question is None:
        abort(404)
    try:
        questions.answer(current_user, question, request.form.get("answer", ""))
    except questions.QuestionRefused as exc:
        flash(str(exc), "error")
    else:
        flash(_("Antwort gespeichert. Das Personalamt wird per E-Mail informiert."), "success")
    return back(application.id)
