"""The trainee's applications: list, new (with the htmx city swap), detail, submit, withdraw."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from .. import cityinfo, documents, workflow
from ..access import get_application_or_404, get_own_application_or_404
from ..audit import for_object
from ..auth import login_required
from ..cities import registry
from ..forms import application_form
from ..models import Application
from ..pages import render

bp = Blueprint("applications", __name__, url_prefix="/bewerbungen")


def city_context(form) -> dict:
    """What the form shows about the chosen city: facts, rules, contacts, documents, live findings."""
    slug = form.city.data
    if slug not in registry():
        return {"city": None, "documents": [], "findings": [], "rules": [], "contacts": []}
    draft = Application(
        applicant=current_user.id,
        city=slug,
        start_date=form.start_date.data,
        end_date=form.end_date.data,
        motivation=form.motivation.data or "",
        extra=form.extra_data(),
    )
    findings = workflow.findings(draft) if draft.start_date and draft.end_date else []
    city = registry().get(slug)
    return {
        "city": city,
        "documents": registry().call(slug, "required_documents", application=draft),
        "findings": findings,
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
    """New application; ``action=refresh`` only re-renders the city part (htmx or no-JS)."""
    slug = request.values.get("city") or None
    form = application_form(slug, data={"city": slug} if request.method == "GET" else None)
    action = request.form.get("action")
    error = None
    if request.method == "POST" and action != "refresh" and form.validate():
        try:
            application = workflow.create_draft(
                current_user,
                form.city.data,
                form.start_date.data,
                form.end_date.data,
                form.motivation.data or "",
                form.extra_data(),
            )
        except workflow.TransitionRefused as exc:
            error = str(exc)
        else:
            return _after_create(application, submit=action == "submit")
    context = {"form": form, "error": error, **city_context(form)}
    return render("applications/new.html", block="city_panel", **context)


def _after_create(application, submit: bool):
    if not submit:
        flash(_("Entwurf gespeichert."), "success")
        return redirect(url_for(".detail", application_id=application.id))
    try:
        workflow.submit(current_user, application)
    except workflow.TransitionRefused as exc:
        flash(_("Entwurf gespeichert. %(reason)s", reason=exc), "error")
    else:
        flash(
            _("Bewerbung eingereicht. Das Personalamt entscheidet und Sie werden benachrichtigt."), "success"
        )
    return redirect(url_for(".detail", application_id=application.id))


@bp.get("/<int:application_id>")
@login_required
def detail(application_id: int):
    """Status page with the rule findings, the document checklist and the timeline."""
    return render("applications/detail.html", **detail_context(get_application_or_404(application_id)))


def detail_context(application: Application) -> dict:
    """What the detail page shows: facts, rule findings, document checklist and timeline."""
    return {
        "application": application,
        "city": registry().get(application.city),
        "events": list(for_object(application)),
        "findings": workflow.findings(application) if application.status == "draft" else [],
        "is_owner": application.applicant_id == current_user.id,
        "checklist": documents.checklist(application),
    }


@bp.post("/<int:application_id>/<any(submit, withdraw):action>")
@login_required
def change(application_id: int, action: str):
    """Submit or withdraw one's own application."""
    application = get_own_application_or_404(application_id)
    try:
        if action == "submit":
            workflow.submit(current_user, application)
            flash(_("Bewerbung eingereicht."), "success")
        else:
            workflow.transition(current_user, application, "withdraw")
            flash(_("Bewerbung zurückgezogen."), "success")
    except workflow.TransitionRefused as exc:
        flash(str(exc), "error")
    return redirect(url_for(".detail", application_id=application.id))
