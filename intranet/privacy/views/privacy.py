"""Data protection pages: the processing record, access requests (search and export), "Meine Daten"."""

from datetime import date

from flask import Blueprint, Response, abort, request
from flask_login import current_user

from intranet.models import utcnow
from intranet.people.guards import login_required, role_required
from intranet.platform.pages import render
from intranet.privacy import personexport, processing, retention

bp = Blueprint("privacy", __name__, url_prefix="/datenschutz")


def exportable_kinds() -> tuple[str, ...]:
    """HR answers access requests of everybody; an admin only those about user accounts,
    because host-family and partner-trainee data are for HR and the city admins only."""
    return tuple(personexport.KINDS) if current_user.has_role("hr") else ("user",)


def _zip(data: bytes, name: str) -> Response:
    response = Response(data, mimetype="application/zip")
    response.headers["Content-Disposition"] = f'attachment; filename="{name}-{utcnow():%Y%m%d}.zip"'
    return response


@bp.get("/")
@role_required("hr", "admin")
def index():
    """Search for the person of an access request (htmx swaps the results)."""
    term = request.args.get("q", "")
    found = personexport.search(term, exportable_kinds())
    return render(
        "privacy/index.html", block="results", term=term, found=found, searched=len(term.strip()) >= 2
    )


@bp.post("/auskunft/<kind>/<int:record_id>")
@role_required("hr", "admin")
def export(kind: str, record_id: int):
    """Download everything stored about one person as a zip (audited)."""
    if kind not in exportable_kinds():
        abort(404)
    person = personexport.KINDS[kind].get_or_none(id=record_id) or abort(404)
    return _zip(personexport.export(current_user, kind, person), f"auskunft-{kind}-{record_id}")


@bp.get("/verzeichnis")
@role_required("hr", "admin")
def record():
    """The record of processing activities, printable."""
    return render(
        "privacy/record.html",
        controller=processing.controller(),
        activities=processing.ACTIVITIES,
        periods=processing.periods,
        recipients=processing.recipients(),
        status_labels=processing.STATUS_LABELS,
        measures=processing.MEASURES,
        rules=retention.RULES,
        targets=retention.TARGETS,
        today=date.today(),
        period_text=retention.period_text,
    )


@bp.get("/meine-daten")
@login_required
def mine():
    """What the app stores about the current user, and the button for their own export."""
    return render("privacy/mine.html")


@bp.post("/meine-daten")
@login_required
def mine_export():
    """Download one's own data as a zip (audited)."""
    me = current_user._get_current_object()  # the audit row names the model, not the proxy
    return _zip(personexport.export(me, "user", me), "meine-daten")
