"""HR inbox: ranked submissions, decisions by one click (htmx row swap or full page)."""

from flask import Blueprint, flash, make_response, redirect, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2_fragments.flask import render_blocks
from peewee import Case, fn

from .. import workflow
from ..access import get_application_or_404
from ..auth import role_required
from ..models import Application, User
from ..pages import render

bp = Blueprint("hr", __name__, url_prefix="/personal")

DECISIONS = {
    "approve": _l("Bewerbung Nr. %(id)s genehmigt."),
    "reject": _l("Bewerbung Nr. %(id)s abgelehnt."),
}


def inbox_query():
    """Open submissions, second training year first, then by submission time."""
    second_year_first = Case(None, [(Application.training_year == 2, 0)], 1)
    return (
        Application.select(Application, User)
        .join(User)
        .where(Application.status.in_(("submitted", "waitlisted")))
        .order_by(second_year_first, Application.submitted_at, Application.id)
    )


def status_counts() -> dict[str, int]:
    """Number of applications per status (drafts are the trainees' private business)."""
    rows = (
        Application.select(Application.status, fn.COUNT(Application.id).alias("n"))
        .where(Application.status != "draft")
        .group_by(Application.status)
        .tuples()
    )
    return dict(rows)


@bp.get("/")
@role_required("hr")
def index():
    """The inbox; ``?fragment=counts`` returns only the counters (refreshed after a decision)."""
    fragment = "counts" if request.args.get("fragment") == "counts" else None
    return render(
        "hr/index.html",
        block=fragment,
        applications=list(inbox_query()),
        counts=status_counts(),
    )


@bp.post("/<int:application_id>/<any(approve, reject):decision>")
@role_required("hr")
def decide(application_id: int, decision: str):
    """Approve or reject with one click."""
    application = get_application_or_404(application_id)
    try:
        application = workflow.decide(current_user, application, decision)
        message, ok = DECISIONS[decision] % {"id": application.id}, True
    except workflow.TransitionRefused as exc:
        message, ok = str(exc), False
        application = get_application_or_404(application_id)
    if not request.htmx:
        flash(message, "success" if ok else "error")
        return redirect(url_for(".index"))
    html = render_blocks("hr/index.html", ["row", "live"], application=application, message=message)
    response = make_response(html)
    response.headers["HX-Trigger"] = "decision-made"
    return response
