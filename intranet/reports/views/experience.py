"""The experience report: the trainee writes it after the stay, HR reviews it (plain forms, no JS needed)."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.models import Application, ExperienceReport, User
from intranet.people.access import get_application_or_404
from intranet.people.guards import login_required, role_required
from intranet.platform.pages import render
from intranet.reports import experience

bp = Blueprint("experience", __name__)


def version_of(form) -> int:
    """The report version a form was loaded with; -1 (always stale) when it is garbled."""
    try:
        return int(form.get("version", ""))
    except ValueError:
        return -1


def page(application: Application, report=None, values=None, errors=None, comment=""):
    """The report page: the form for the trainee while it is editable, else the report to read."""
    report = report or experience.report_of(application)
    if values is None and report is not None:
        values = {"ratings": report.ratings, "texts": report.texts, "summary": report.summary}
    context = {
        "application": application,
        "city": registry().get(application.city),
        "report": report,
        "values": values or {"ratings": {}, "texts": {}, "summary": ""},
        "errors": errors or {},
        "editable": experience.may_write(current_user, application)
        and (report is None or report.status in experience.EDITABLE),
        "is_owner": application.applicant_id == current_user.id,
        "stay_over": experience.stay_over(application),
        "goals": experience.GOALS,
        "help": experience.GOAL_HELP,
        "ratings": experience.RATINGS,
        "labels": experience.STATUS_LABELS,
        "min_text": experience.MIN_TEXT,
        "max_text": experience.MAX_TEXT,
        "comment": comment,
    }
    return render("experience/report.html", **context)


@bp.app_template_global("experience_report")
def report_for_page(application: Application):
    """The application's report for its detail page (None if none was saved)."""
    return experience.report_of(application)


@bp.app_template_global("report_status_label")
def report_status_label(status: str) -> str:
    """German wording of a report's status."""
    return experience.STATUS_LABELS.get(status, status)


@bp.app_template_global("report_due")
def report_due(application: Application) -> bool:
    """True if the current user is to write this stay's report now (no query: lists call it per row)."""
    return experience.may_write(current_user, application)


@bp.get("/bewerbungen/<int:application_id>/erfahrungsbericht")
@login_required
def detail(application_id: int):
    """The trainee's report: owner, HR and the city's admins read it."""
    return page(get_application_or_404(application_id))


@bp.post("/bewerbungen/<int:application_id>/erfahrungsbericht")
@login_required
def update(application_id: int):
    """The trainee saves the draft or submits it; errors come back at the fields, the text kept."""
    application = get_application_or_404(application_id)
    if application.applicant_id != current_user.id:
        abort(404)
    values, errors = experience.parse(request.form)
    submit = request.form.get("action") == "submit"
    if errors:
        # all that stands in the way at once: garbled fields and, on submission, the missing ones
        errors = (experience.missing(values) if submit else {}) | errors
        flash(_("Bitte prüfen Sie die markierten Angaben. Ihr Text ist erhalten."), "error")
        return page(application, values=values, errors=errors)
    try:
        experience.save(current_user, application, version_of(request.form), values, submit)
    except experience.ReportRefused as exc:
        flash(str(exc), "error")
        return page(application, values=values, errors=exc.errors)
    if submit:
        flash(_("Bericht eingereicht. Das Personalamt prüft ihn und meldet sich."), "success")
    else:
        flash(_("Entwurf des Berichts gespeichert."), "success")
    return redirect(url_for(".detail", application_id=application.id))


def report_or_404(application_id: int) -> ExperienceReport:
    """The application's report for HR's review, else 404."""
    report = experience.report_of(get_application_or_404(application_id))
    if report is None:
        abort(404)
    return report


@bp.post("/bewerbungen/<int:application_id>/erfahrungsbericht/aenderungen")
@role_required("hr")
def request_changes(application_id: int):
    """HR sends the report back with a comment."""
    report = report_or_404(application_id)
    comment = request.form.get("hr_comment", "")
    try:
        experience.request_changes(current_user, report, version_of(request.form), comment)
    except experience.ReportRefused as exc:
        flash(str(exc), "error")
        return page(report.application, report, errors=exc.errors, comment=comment)
    flash(_("Änderungswunsch gesendet. Die oder der Auszubildende wird per E-Mail informiert."), "success")
    return redirect(url_for(".detail", application_id=application_id))


@bp.post("/bewerbungen/<int:application_id>/erfahrungsbericht/annehmen")
@role_required("hr")
def accept(application_id: int):
    """HR accepts: the stay is completed and the certificate of participation issued."""
    report = report_or_404(application_id)
    try:
        _application, letter = experience.accept(current_user, report, version_of(request.form))
    except experience.ReportRefused as exc:
        flash(str(exc), "error")
        return redirect(url_for(".detail", application_id=application_id))
    if letter is None:
        flash(_("Bericht angenommen, Aufenthalt abgeschlossen."), "success")
    else:
        flash(
            _("Bericht angenommen, Aufenthalt abgeschlossen, Teilnahmebescheinigung ausgestellt."), "success"
        )
    return redirect(url_for(".detail", application_id=application_id))


@bp.get("/personal/berichte")
@role_required("hr")
def index():
    """HR's list: reports waiting for review, and those sent back to the trainee."""
    rows = (
        ExperienceReport.select(ExperienceReport, Application, User)
        .join(Application)
        .join(User)
        .where(ExperienceReport.status.in_(("submitted", "changes_requested")))
        .order_by(ExperienceReport.submitted_at, ExperienceReport.id)
    )
    waiting = [r for r in rows if r.status == "submitted"]
    returned = [r for r in rows if r.status == "changes_requested"]
    return render("experience/index.html", waiting=waiting, returned=returned)
