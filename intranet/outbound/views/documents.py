"""An application's documents: upload or replace, delete, download (htmx checklist swap or full page)."""

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user
from jinja2_fragments.flask import render_blocks
from werkzeug.exceptions import RequestEntityTooLarge

from intranet.models import Application, Document
from intranet.outbound import documents, filecheck
from intranet.outbound.views.applications import detail_context
from intranet.people.access import get_application_or_404, get_own_application_or_404, visible_application
from intranet.people.guards import login_required
from intranet.platform.downloads import stored_file_response
from intranet.platform.errors import error_page
from intranet.platform.pages import render

bp = Blueprint("documents", __name__, url_prefix="/bewerbungen")

#: The detail page's blocks an htmx request gets back: the checklist and its status line.
BLOCKS = ["documents", "documents_status"]


def _respond(application: Application, message: str, ok: bool):
    """htmx: the checklist and the status line; otherwise flash and back to the detail page."""
    if not request.htmx:
        flash(message, "success" if ok else "error")
        return redirect(url_for("applications.detail", application_id=application.id), code=303)
    return render_blocks(
        "applications/detail.html",
        BLOCKS,
        application=application,
        checklist=documents.checklist(application),
        is_owner=application.applicant_id == current_user.id,
        upload_status={"text": message, "ok": ok},
    )


@bp.post("/<int:application_id>/unterlagen/<kind>")
@login_required
def upload(application_id: int, kind: str):
    """Upload a document for one requirement, replacing the earlier one."""
    application = get_own_application_or_404(application_id)
    file = request.files.get("file")
    try:
        document = documents.store_document(
            current_user, application, kind, file.filename if file else "", file.read() if file else b""
        )
    except documents.DocumentRefused as exc:
        return _respond(application, str(exc), ok=False)
    return _respond(application, _("„%(name)s“ wurde gespeichert.", name=document.original_name), ok=True)


@bp.post("/<int:application_id>/unterlagen/<kind>/loeschen")
@login_required
def delete(application_id: int, kind: str):
    """Delete the document uploaded for one requirement."""
    application = get_own_application_or_404(application_id)
    document = Document.get_or_none((Document.application == application.id) & (Document.kind == kind))
    if document is None:
        return _respond(application, _("Diese Unterlage gibt es nicht mehr."), ok=False)
    try:
        documents.delete_document(current_user, document)
    except documents.DocumentRefused as exc:
        return _respond(application, str(exc), ok=False)
    return _respond(application, _("„%(name)s“ wurde gelöscht.", name=document.original_name), ok=True)


@bp.get("/<int:application_id>/unterlagen/<int:document_id>")
@login_required
def download(application_id: int, document_id: int):
    """The stored file, as an attachment, for the owner, HR and the city's admins only."""
    application = get_application_or_404(application_id)
    document = Document.get_or_none((Document.id == document_id) & (Document.application == application.id))
    if document is None:
        abort(404)
    return stored_file_response(
        document.stored_name, document.size, document.content_type, document.original_name
    )


@bp.errorhandler(RequestEntityTooLarge)
def too_large(exc: RequestEntityTooLarge):
    """The detail page (htmx: the checklist) with the size limit, instead of a bare 413."""
    application = visible_application((request.view_args or {}).get("application_id"))
    if application is None:
        return error_page(413)
    limit = min(current_app.config["DOCUMENT_MAX_BYTES"], current_app.config["MAX_CONTENT_LENGTH"])
    message = filecheck.size_message(limit)
    if request.htmx:
        return _respond(application, message, ok=False)
    flash(message, "error")
    return render("applications/detail.html", **detail_context(application)), 413
