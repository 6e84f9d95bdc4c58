"""HR inbox: filtered, ranked applications; decisions by one click, reasons inline (htmx or full page)."""

from flask import Blueprint, abort, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user
from jinja2_fragments.flask import render_blocks

from intranet.budget import reservations
from intranet.outbound import inbox, workflow
from intranet.people.access import get_application_or_404
from intranet.people.guards import role_required
from intranet.platform.pages import render, rendered_block

bp = Blueprint("hr", __name__, url_prefix="/personal")

DECISIONS = {
    "approve": _l("Bewerbung Nr. %(id)s genehmigt."),
    "reject": _l("Bewerbung Nr. %(id)s abgelehnt."),
    "waitlist": _l("Bewerbung Nr. %(id)s auf die Warteliste gesetzt."),
    "revert": _l("Entscheidung über Bewerbung Nr. %(id)s zurückgenommen."),
}
#: blocks of hr/index.html that htmx may ask for by ``?fragment=``
FRAGMENTS = ("counts", "budget")


def inbox_context(filters: inbox.Filters, block: str | None = None) -> dict:
    """What the inbox page shows, or only what its ``block`` needs (htmx swaps one at a time)."""
    accounts = inbox.budget_accounts()
    counts = inbox.status_counts() if block in (None, "counts") else None
    return {
        "filters": filters,
        "page": inbox.page(filters, accounts, counts) if block in (None, "results") else None,
        "counts": counts,
        "accounts": accounts,
        **template_helpers(),
    }


def template_helpers() -> dict:
    return {
        "completeness": inbox.completeness,
        "status_filters": inbox.STATUS_FILTERS,
        "training_years": inbox.TRAINING_YEARS,
        "transitions": workflow.TRANSITIONS,
    }


@bp.get("/")
@role_required("hr")
def index():
    """The inbox; htmx gets the results (filter form) or a counter block (``?fragment=``)."""
    fragment = request.args.get("fragment")
    if fragment not in FRAGMENTS:
        fragment = "results" if request.htmx.target == "results" else None
    filters = inbox.Filters.from_args(request.args)
    fragment = rendered_block(fragment)  # without htmx the whole page, with everything computed
    return render("hr/index.html", block=fragment, **inbox_context(filters, fragment))


def row_response(application_id: int, message: str = "", **state):
    """The row of one application (htmx), with the live message and the ``decision-made`` event."""
    accounts = inbox.budget_accounts()
    application = inbox.one(application_id, accounts)
    if application is None:
        abort(404)
    html = render_blocks(
        "hr/index.html",
        ["row", "live"],
        application=application,
        uploaded=inbox.uploaded_kinds([application.id]).get(application.id, set()),
        message=message,
        **state,
        **template_helpers(),
    )
    response = make_response(html)
    response.headers["HX-Trigger"] = "decision-made"
    return response


@bp.get("/<int:application_id>")
@role_required("hr")
def row(application_id: int):
    """One row of the inbox (htmx, e.g. after cancelling a reason form); the inbox without htmx."""
    get_application_or_404(application_id)
    if not request.htmx:
        return redirect(url_for(".index"))
    return row_response(application_id)


@bp.get("/<int:application_id>/<any(approve, reject, waitlist, revert):decision>")
@role_required("hr")
def ask(application_id: int, decision: str):
    """The reason form of a decision: inside the row (htmx) or as a page of its own."""
    application = get_application_or_404(application_id)
    if request.htmx:
        return row_response(application_id, asking=decision)
    return render("hr/decision.html", application=application, decision=decision, reason="", error=None)


@bp.post("/<int:application_id>/<any(approve, reject, waitlist, revert):decision>")
@role_required("hr")
def decide(application_id: int, decision: str):
    """Carry out a decision; refused ones come back with the reason form and the message."""
    application = get_application_or_404(application_id)
    reason = request.form.get("reason", "")[:2000]
    override = request.form.get("override") == "1"
    try:
        message = _decide(application, decision, reason, override)
    except reservations.BudgetExceeded as exc:
        return _refused(application, decision, str(exc), reason, override=True)
    except (workflow.TransitionRefused, reservations.BudgetRefused) as exc:
        return _refused(application, decision, str(exc), reason, override=override)
    if not request.htmx:
        flash(message, "success")
        return redirect(url_for(".index"))
    return row_response(application_id, message)


def _decide(application, decision: str, reason: str, override: bool) -> str:
    """Run the domain function; the message names waitlisted stays that now fit a released reservations."""
    if decision == "revert":
        workflow.revert(current_user, application, reason)
    else:
        workflow.decide(current_user, application, decision, reason, override)
    message = DECISIONS[decision] % {"id": application.id}
    movers = inbox.movers(inbox.budget_accounts()) if decision == "revert" else 0
    if movers:
        message += " " + _(
            "Budget ist frei geworden: %(n)s Bewerbung(en) auf der Warteliste passen jetzt und stehen oben.",
            n=movers,
        )
    return message


def _refused(application, decision: str, message: str, reason: str, override: bool):
    """Show the refusal with the figures; reasoned decisions keep what HR typed."""
    state = {"asking": decision, "error": message, "reason": reason, "override": override}
    needs_form = override or decision in workflow.REASON_REQUIRED
    if request.htmx:
        return row_response(application.id, message, **(state if needs_form else {}))
    if not needs_form:
        flash(message, "error")
        return redirect(url_for(".index"))
    fresh = get_application_or_404(application.id)
    return render("hr/decision.html", application=fresh, decision=decision, **{**state, "asking": None}), 422
