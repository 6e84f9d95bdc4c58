"""Letters of an application: preview (HTML, PDF), issue and download, in the partner's language."""

from flask import Blueprint, abort, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.letters import issuing, rendering
from intranet.letters.issuing import staff_application_or_404
from intranet.models import IssuedLetter
from intranet.people.access import get_application_or_404
from intranet.people.guards import login_required
from intranet.platform.downloads import file_response, stored_file_response
from intranet.platform.pages import render

bp = Blueprint("letters", __name__, url_prefix="/bewerbungen")


def template_or_404(application, kind: str, language: str):
    """The city's template of that kind and language, else 404."""
    template = rendering.find_template(application.city, kind, language)
    if template is None:
        abort(404)
    return template


def issued_or_404(application, letter_id: int) -> IssuedLetter:
    """A letter issued for this application, else 404."""
    letter = IssuedLetter.get_or_none(
        (IssuedLetter.id == letter_id) & (IssuedLetter.application == application.id)
    )
    if letter is None:
        abort(404)
    return letter


@bp.get("/<int:application_id>/briefe")
@login_required
def index(application_id: int, recipient: str | None = None):
    """The city's letter templates for this application and the letters issued so far."""
    application = staff_application_or_404(application_id)
    contacts = registry().call(application.city, "contacts")
    return render(
        "applications/letters.html",
        application=application,
        city=registry().get(application.city),
        templates=rendering.templates_for(application.city),
        issued=list(application.issued_letters.order_by(IssuedLetter.issued_at.desc())),
        # a rejected address stays in the field; the trainee's address is the default
        recipient=application.applicant.email if recipient is None else recipient,
        addresses=[c.email for c in contacts if c.email],
    )


@bp.get("/<int:application_id>/briefe/<kind>/<language>")
@login_required
def preview(application_id: int, kind: str, language: str):
    """The letter as an HTML page, filled with the application's data."""
    application = staff_application_or_404(application_id)
    response = make_response(issuing.render(application, template_or_404(application, kind, language)))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<int:application_id>/briefe/<kind>/<language>/pdf")
@login_required
def pdf(application_id: int, kind: str, language: str):
    """The same letter as PDF, not stored."""
    application = staff_application_or_404(application_id)
    html = issuing.render(application, template_or_404(application, kind, language), for_pdf=True)
    name = f"{kind}_{language}_{application.id}.pdf"
    return file_response(rendering.render_pdf(html), "application/pdf", name)


@bp.post("/<int:application_id>/briefe/<kind>/<language>")
@login_required
def create(application_id: int, kind: str, language: str):
    """Issue the letter: its PDF is kept with the application."""
    application = staff_application_or_404(application_id)
    try:
        letter = issuing.issue(current_user, application, template_or_404(application, kind, language))
    except issuing.LetterRefused as exc:
        flash(str(exc), "error")
        return redirect(url_for(".index", application_id=application.id))
    flash(_("Brief „%(title)s“ ausgestellt und gespeichert.", title=letter.title), "success")
    return redirect(url_for(".index", application_id=application.id))


@bp.post("/<int:application_id>/briefe/ausgestellt/<int:letter_id>/senden")
@login_required
def send(application_id: int, letter_id: int):
    """E-mail an issued letter as PDF attachment (through the outbox)."""
    application = staff_application_or_404(application_id)
    letter = issued_or_404(application, letter_id)
    recipient = request.form.get("recipient", "")
    try:
        issuing.send(current_user, letter, recipient)
    except issuing.LetterRefused as exc:
        flash(str(exc), "error")
        return index(application_id, recipient=recipient)
    flash(_("Brief an %(recipient)s in den E-Mail-Ausgang gelegt.", recipient=recipient.strip()), "success")
    return redirect(url_for(".index", application_id=application.id))


@bp.get("/<int:application_id>/briefe/ausgestellt/<int:letter_id>")
@login_required
def download(application_id: int, letter_id: int):
    """An issued letter, for everybody who may see the application (the trainee included)."""
    application = get_application_or_404(application_id)
    letter = issued_or_404(application, letter_id)
    name = f"{letter.kind}_{letter.language}_{application.id}.pdf"
    return stored_file_response(letter.stored_name, letter.size, "application/pdf", name)
