"""The global audit log for HR: filterable, paged, exported as CSV."""

from flask import Blueprint, current_app, request

from intranet.models import utcnow
from intranet.people.guards import role_required
from intranet.platform import spreadsheets
from intranet.platform.audit import EVENT_LABELS
from intranet.platform.pages import render
from intranet.platform.paging import paginate
from intranet.privacy import auditlog

bp = Blueprint("hr_audit", __name__)


@bp.get("/personal/protokoll/")
@role_required("hr")
def index():
    """Audit rows, newest first, narrowed by action, object, person and days."""
    filters = auditlog.AuditFilters.from_args(request.args)
    page = paginate(auditlog.query(filters), filters.page, current_app.config["PAGE_SIZE"])
    context = {"filters": filters, "labels": EVENT_LABELS, "object_types": auditlog.OBJECT_TYPES}
    return render("hr/audit.html", page=page, **context)


@bp.get("/personal/protokoll.csv")
@role_required("hr")
def export():
    """The filtered log as CSV."""
    filters = auditlog.AuditFilters.from_args(request.args)
    name = f"protokoll-{utcnow():%Y%m%d-%H%M}.csv"
    return spreadsheets.csv_response(name, auditlog.csv_header(), auditlog.csv_rows(filters))
