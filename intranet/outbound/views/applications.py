"""The trainee's applications: list, new (with the htmx city swap), detail, submit, withdraw."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.letters import issuing
from intranet.models import Application, IssuedLetter, Placement, Question, User, host_answers
from intranet.outbound import cityinfo, documents, workflow
from intranet.outbound.forms import application_form
from intranet.outbound.questions import OPEN_FOR_QUESTIONS
from intranet.people import profiles
from intranet.people.access import get_application_or_404, get_own_application_or_404, manages_city
from intranet.people.guards import login_required
from intranet.platform.audit import for_object
from intranet.platform.pages import checks_by_field, live_check, render

bp = Blueprint("applications", __name__, url_prefix="/bewerbungen")


@bp.app_template_global("status_label")
def status_label(status: str) -> str:
    """The German label of an application's status, for every page that shows one."""
    return workflow.STATUS_LABELS.get(status, status)


def city_context(form, application: Application | None) -> dict:
    """What the form shows about the chosen city: facts, rules, contacts, documents, live findings."""
    slug = form.city.data
    if slug not in registry():
        return {"city": None, "documents": [], "checks": {}, "general": [], "rules": [], "contacts": []}
    applicant = User(**current_user.__data__)
    applicant.training_track = form.training_track.data
    applicant.training_year = form.training_year.data
    applicant.date_of_birth = form.date_of_birth.data
    draft = Application(id=application.id if application else None, applicant=applicant, status="draft")
    for name, value in form.application_values().items():
        setattr(draft, name, value)
    city = registry().get(slug)
    return {
        "city": city,
        "documents": registry().call(slug, "required_documents", application=draft),
        **checks_by_field(workflow.findings(draft), [f.id for f in form.live_fields()]),
        **cityinfo.rules_and_contacts(city),
    }


@bp.get("/")
@login_required
def index():
    """The user's own applications."""
    return render("applications/index.html", applications=list(Application.for_user(current_user)))


@bp.route("/neu", methods=["GET", "POST"])
@login_required
def create():
    """New application."""
    return edit(None)


@bp.route("/<int:application_id>/bearbeiten", methods=["GET", "POST"])
@login_required
def update(application_id: int):
    """Change one's own draft."""
    application = get_own_application_or_404(application_id)
    if application.status != "draft":
        flash(_("Nur Entwürfe lassen sich bearbeiten."), "error")
        return redirect(url_for(".detail", application_id=application.id))
    return edit(application)


def initial_form(application: Application | None, slug: str | None):
    """The form as first shown: the draft's values or the chosen city, the profile from the user record."""
    data = profiles.form_data(current_user) | {"city": slug}
    if application is not None:
        data |= {
            "start_date": application.start_date,
            "end_date": application.end_date,
            "motivation": application.motivation,
            "version": application.version,
        }
    form = application_form(slug, data=data)
    if application is not None:
        form.fill_extra(application.extra or {})
    return form


def edit(application: Application | None):
    """The application form: ``refresh`` swaps the city part, ``check`` re-runs the rules,
    ``save`` and ``submit`` store the draft. Without JavaScript every action is a full page."""
    slug = request.values.get("city") or (application.city if application else None)
    if request.method == "GET":
        form = initial_form(application, slug)
    else:
        form = application_form(slug)
    form.prefill_languages(profiles.levels_of(current_user))
    action = request.form.get("action")
    error = None
    if action in ("save", "submit") and form.validate():
        try:
            application = save(form, application)
        except workflow.TransitionRefused as exc:
            error = str(exc)
        else:
            return after_save(application, submit=action == "submit")
    block = {"refresh": "city_panel", "check": "live_checks"}.get(action)
    context = {
        "form": form,
        "error": error,
        "application": application,
        "action_url": request.path,
        "live": live_check(request.path),
        **city_context(form, application),
    }
    return render("applications/form.html", block=block, **context)


def save(form, application: Application | None) -> Application:
    """Create the draft or update it under the version the form was loaded with."""
    if application is None:
        return workflow.create_draft(
            current_user, **form.application_values(), profile_values=form.profile_values()
        )
    try:
        version = int(form.version.data)
    except (TypeError, ValueError):
        version = -1  # a form without a valid version can only lose against the stored one
    return workflow.update_draft(
        current_user, application, version, form.application_values(), form.profile_values()
    )


def after_save(application, submit: bool):
    """Flash the outcome and show the status page (where documents are uploaded)."""
    if not submit:
        flash(_("Entwurf gespeichert."), "success")
    else:
        try:
            workflow.submit(current_user, application)
        except workflow.TransitionRefused as exc:
            flash(_("Entwurf gespeichert. %(reason)s", reason=exc), "error")
        else:
            flash(
                _("Bewerbung eingereicht. Das Personalamt entscheidet und Sie werden benachrichtigt."),
                "success",
            )
    return redirect(url_for(".detail", application_id=application.id))


@bp.get("/<int:application_id>")
@login_required
def detail(application_id: int):
    """Status page with the rule findings, the document checklist and the timeline."""
    return render("applications/detail.html", **detail_context(get_application_or_404(application_id)))


def detail_context(application: Application) -> dict:
    """What the detail page shows: facts, rule findings, document checklist and timeline."""
    checklist = documents.checklist(application)
    draft = application.status == "draft"
    return {
        "application": application,
        "city": registry().get(application.city),
        "events": list(for_object(application)),
        "findings": workflow.submission_findings(application, checklist) if draft else [],
        "is_owner": application.applicant_id == current_user.id,
        "checklist": checklist,
        "questions": list(Question.of(application)),
        "issued_letters": list(application.issued_letters.order_by(IssuedLetter.issued_at)),
        "may_issue": issuing.may_issue(current_user, application),
        "may_ask": current_user.has_role("hr") and application.status in OPEN_FOR_QUESTIONS,
        "placement": Placement.get_or_none(Placement.application == application.id),
        "manages": manages_city(current_user, application.city),
        "host": host_answers([application.id]).get(application.id),
    }


@bp.post("/<int:application_id>/einreichen")
@login_required
def submit(application_id: int):
    """Submit one's own draft; the status page lists what still stands in the way."""
    application = get_own_application_or_404(application_id)
    try:
        workflow.submit(current_user, application)
    except workflow.TransitionRefused as exc:
        flash(str(exc), "error")
    else:
        flash(
            _("Bewerbung eingereicht. Das Personalamt entscheidet und Sie werden benachrichtigt."), "success"
        )
    return redirect(url_for(".detail", application_id=application.id))


@bp.route("/<int:application_id>/zurueckziehen", methods=["GET", "POST"])
@login_required
def withdraw(application_id: int):
    """Ask for confirmation (a page of its own, so it works without JavaScript), then withdraw."""
    application = get_own_application_or_404(application_id)
    if request.method == "GET":
        return render(
            "applications/withdraw.html", application=application, city=registry().get(application.city)
        )
    try:
        workflow.transition(current_user, application, "withdraw", request.form.get("reason", "")[:1000])
    except workflow.TransitionRefused as exc:
        flash(str(exc), "error")
    else:
        flash(_("Bewerbung zurückgezogen."), "success")
    return redirect(url_for(".detail", application_id=application.id))
