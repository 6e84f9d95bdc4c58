"""A trainee's documents: the checklist, the file store, upload, replacement and deletion.

The bytes live in the storage backend (``platform.storage``: outside the web root, or in the
database) under the random name the model draws; nothing a user typed ever reaches a name.
Each change of a row and its file goes through ``storage.transaction()``: no half-written
document, and a replaced or deleted file goes only with the committed change.
"""

import hashlib
import time
from dataclasses import dataclass

from flask import current_app
from flask_babel import gettext as _

from intranet.cities.registry import registry
from intranet.hookspecs import DocumentRequirement
from intranet.models import Application, Document, IssuedLetter
from intranet.outbound import filecheck
from intranet.outbound.filecheck import DocumentRefused
from intranet.platform import storage
from intranet.platform.audit import record

__all__ = ["DocumentRefused", "checklist", "delete_document", "store_document"]


@dataclass(frozen=True)
class ChecklistItem:
    """One required document and the file uploaded for it, if any."""

    requirement: DocumentRequirement
    document: Document | None

    @property
    def formats(self) -> str:
        """Accepted formats for the UI, e.g. "PDF, JPEG, PNG"."""
        return filecheck.format_labels(self.requirement.formats)

    @property
    def accept(self) -> str:
        """The file input's accept attribute."""
        return filecheck.accept_attribute(self.requirement.formats)


def requirements(application: Application) -> list[DocumentRequirement]:
    """The documents the application's city asks for."""
    return registry().call(application.city, "required_documents", application=application)


def checklist(application: Application) -> list[ChecklistItem]:
    """Every requirement of the city with the document uploaded for it (or None)."""
    uploaded = {d.kind: d for d in Document.select().where(Document.application == application.id)}
    return [ChecklistItem(r, uploaded.get(r.key)) for r in requirements(application)]


def _not_draft() -> DocumentRefused:
    """The refusal for an application that is no longer a draft."""
    return DocumentRefused(_("Unterlagen lassen sich nur ändern, solange die Bewerbung ein Entwurf ist."))


def _guard(user, application: Application) -> None:
    """Only the applicant changes documents, and only while the application is a draft."""
    if application.applicant_id != user.id:
        raise DocumentRefused(_("Dazu sind Sie nicht berechtigt."))
    if application.status != "draft":
        raise _not_draft()


def _lock_draft(application: Application) -> None:
    """Inside the transaction: lock the application row and make sure it is still a draft."""
    # An UPDATE that changes nothing still takes the row lock on PostgreSQL (SQLite holds the
    # write lock since BEGIN IMMEDIATE), so a submission running at the same time waits for
    # this change, or this change sees the submission and is refused.
    locked = (
        Application.update(status="draft")
        .where((Application.id == application.id) & (Application.status == "draft"))
        .execute()
    )
    if locked != 1:
        raise _not_draft()


def _requirement(application: Application, kind: str) -> DocumentRequirement:
    """The city's requirement with key ``kind``; refused if the city asks for no such document."""
    for requirement in requirements(application):
        if requirement.key == kind:
            return requirement
    raise DocumentRefused(_("Diese Unterlage wird für die Bewerbung nicht verlangt."))


def _summary(document: Document) -> dict:
    """What the audit row keeps of a document: no file name, which may carry personal data."""
    return {"document": document.id, "kind": document.kind, "size": document.size, "sha256": document.sha256}


def store_document(user, application: Application, kind: str, filename: str, data: bytes) -> Document:
    """Check and store an upload for one requirement, replacing an earlier file of the same kind."""
    _guard(user, application)
    requirement = _requirement(application, kind)
    max_bytes = current_app.config["DOCUMENT_MAX_BYTES"]
    name, fmt = filecheck.check_file(filename, data, requirement.formats, max_bytes)
    filecheck.scan(data)
    document = Document(
        application=application.id,
        kind=kind,
        original_name=name,
        content_type=filecheck.content_type(fmt),
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user.id,
    )
    with storage.transaction(put={document.stored_name: data}) as files:
        _lock_draft(application)
        old = Document.get_or_none((Document.application == application.id) & (Document.kind == kind))
        if old is not None:
            old.delete_instance()
            files.delete(old.stored_name)
        document.save(force_insert=True)
        action = "document_replaced" if old else "document_uploaded"
        record(user, action, application, _summary(old) if old else None, _summary(document))
    return document


def delete_document(user, document: Document) -> None:
    """Delete an uploaded document of a draft, with its audit row, then its file."""
    application = Application.get_by_id(document.application_id)
    _guard(user, application)
    with storage.transaction() as files:
        _lock_draft(application)
        if Document.delete().where(Document.id == document.id).execute() != 1:
            raise DocumentRefused(_("Diese Unterlage gibt es nicht mehr."))
        record(user, "document_deleted", application, _summary(document), None)
        files.delete(document.stored_name)


def stored_files() -> dict[str, str]:
    """Stored name → SHA-256 of every document and issued letter."""
    files = dict(Document.select(Document.stored_name, Document.sha256).tuples())
    return files | dict(IssuedLetter.select(IssuedLetter.stored_name, IssuedLetter.sha256).tuples())


def orphans(min_age_seconds: float) -> list[str]:
    """Stored files that no document or letter row names: temporary files of uploads cut short
    and files whose transaction never committed. Younger files are left to running uploads."""
    known = stored_files()
    cutoff = time.time() - min_age_seconds
    return sorted(name for name in storage.backend().stale(cutoff) if name not in known)


def remove_orphans(min_age_seconds: float, dry_run: bool = False) -> list[str]:
    """Delete (or, with ``dry_run``, only list) the orphaned files."""
    found = orphans(min_age_seconds)
    if not dry_run:
        for name in found:
            storage.delete(name)
    return found
