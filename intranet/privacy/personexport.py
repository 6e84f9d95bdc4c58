"""Access requests (Art. 15 DSGVO): everything stored about one person as a zip of data.json and files.

A person is a user (employee, HR, city admin …), a partner trainee or a host family. Rows of
other people are left out: an audit row the person wrote about someone else keeps only when,
what and which object, questions and bookings do not name the HR staff member.
"""

import io
import json
import shutil
import zipfile

from peewee import fn

from intranet.models import (
    Application,
    AuditEvent,
    CityScope,
    CostBooking,
    Document,
    ExperienceReport,
    FeedToken,
    HostAvailability,
    HostFamily,
    InboundTrainee,
    IssuedLetter,
    LoginSession,
    OutboxMessage,
    PartnerProposal,
    Placement,
    Question,
    RotationWeek,
    Tandem,
    User,
    UserLanguage,
    UserRole,
)
from intranet.platform import storage
from intranet.platform.audit import record
from intranet.platform.db import db
from intranet.privacy.erasure import ANONYMOUS_USERNAME

#: what can be exported → model
KINDS = {"user": User, "inbound": InboundTrainee, "host_family": HostFamily}


def _row(obj, exclude=()) -> dict:
    """A row's stored values without the named fields (secrets, links to other people)."""
    return {k: v for k, v in obj.__data__.items() if k not in exclude}


def _rows(query, exclude=()) -> list[dict]:
    return [_row(obj, exclude) for obj in query]


def _application(app: Application, files: dict) -> dict:
    """One application with its documents, letters, questions, report, placement, host answers and costs."""
    folder = f"files/bewerbung-{app.id}"
    documents = []
    for doc in Document.select().where(Document.application == app.id):
        files[f"{folder}/{doc.id}-{doc.original_name}"] = doc.stored_name
        documents.append(
            {**_row(doc, ("stored_name", "uploaded_by")), "file": f"{folder}/{doc.id}-{doc.original_name}"}
        )
    letters = []
    for letter in IssuedLetter.select().where(IssuedLetter.application == app.id):
        files[f"{folder}/brief-{letter.id}.pdf"] = letter.stored_name
        letters.append(
            {**_row(letter, ("stored_name", "issued_by")), "file": f"{folder}/brief-{letter.id}.pdf"}
        )
    placement = Placement.get_or_none(Placement.application == app.id)
    return {
        **_row(app),
        "documents": documents,
        "letters": letters,
        "questions": _rows(Question.select().where(Question.application == app.id), ("asked_by",)),
        "experience_report": _rows(ExperienceReport.select().where(ExperienceReport.application == app.id)),
        "placement": None if placement is None else {
            **_row(placement, ("placed_by", "host_family")),
            "host_family": placement.host_family.household if placement.host_family_id else None,
        },
        "costs": _rows(CostBooking.select().where(CostBooking.application == app.id), ("booked_by",)),
        "tandem": Tandem.select().where(Tandem.outbound == app.id).exists(),
        # what the host administration answered through its link, the mentor's assessment included
        "host_answers": _rows(
            PartnerProposal.select().where(PartnerProposal.application == app.id), ("link", "decided_by")
        ),
    }  # fmt: skip


def _audit(user: User, application_ids: list[int]) -> list[dict]:
    """Audit rows about the user or their applications in full; rows they wrote about others in brief."""
    about = ((AuditEvent.object_type == "user") & (AuditEvent.object_id == user.id)) | (
        (AuditEvent.object_type == "application") & AuditEvent.object_id.in_(application_ids or [0])
    )
    subjects = {("user", user.id), *(("application", i) for i in application_ids)}
    events = []
    for event in AuditEvent.select().where(about | (AuditEvent.actor == user.id)).order_by(AuditEvent.id):
        if (event.object_type, event.object_id) in subjects:
            events.append({**_row(event, ("actor",)), "by_this_person": event.actor_id == user.id})
        else:
            events.append({k: event.__data__[k] for k in ("id", "at", "action", "object_type", "object_id")})
    return events


def user_data(user: User, files: dict) -> dict:
    """Everything stored about a user account."""
    applications = list(Application.select().where(Application.applicant == user.id).order_by(Application.id))
    mails = OutboxMessage.select().where(
        (OutboxMessage.user == user.id) | (OutboxMessage.recipient == user.email)
    )
    return {
        "profile": _row(user, ("password_hash",)),
        "roles": [r.role for r in UserRole.select().where(UserRole.user == user.id)],
        "city_scopes": [s.city for s in CityScope.select().where(CityScope.user == user.id)],
        "languages": _rows(UserLanguage.select().where(UserLanguage.user == user.id), ("user",)),
        "login_sessions": _rows(
            LoginSession.select().where(LoginSession.user == user.id), ("token_hash", "user")
        ),
        "calendar_feeds": _rows(FeedToken.select().where(FeedToken.user == user.id), ("token_hash", "user")),
        "applications": [_application(a, files) for a in applications],
        "audit_events": _audit(user, [a.id for a in applications]),
        "emails": _rows(mails.order_by(OutboxMessage.id), ("user", "letter")),
    }


def inbound_data(trainee: InboundTrainee, files: dict) -> dict:
    """Everything stored about a partner trainee staying in Siegburg."""
    weeks = RotationWeek.select().where(RotationWeek.trainee == trainee.id).order_by(RotationWeek.week_start)
    return {
        "partner_trainee": {
            **_row(trainee, ("created_by", "host_family")),
            "host_family": trainee.host_family.household if trainee.host_family_id else None,
        },
        "rotation": [{"week_start": w.week_start, "department": w.department.name} for w in weeks],
        "tandem": Tandem.select().where(Tandem.inbound == trainee.id).exists(),
    }


def family_data(family: HostFamily, files: dict) -> dict:
    """Everything stored about a host family; its guests only as dates."""
    placements = Placement.select(Placement.arrival, Placement.departure).where(
        Placement.host_family == family.id
    )
    guests = InboundTrainee.select(InboundTrainee.arrival, InboundTrainee.departure).where(
        InboundTrainee.host_family == family.id
    )
    return {
        "host_family": _row(family),
        "availability": _rows(
            HostAvailability.select().where(HostAvailability.family == family.id), ("family",)
        ),
        "stays": [{"arrival": s.arrival, "departure": s.departure} for s in [*placements, *guests]],
    }


COLLECTORS = {"user": user_data, "inbound": inbound_data, "host_family": family_data}


def search(term: str, kinds) -> dict[str, list]:
    """People whose name or e-mail contains ``term``, per kind the caller may export (20 each)."""
    term = term.strip()[:100]
    if len(term) < 2:
        return {}
    fields = {
        "user": (User.username, User.display_name, User.email),
        "inbound": (InboundTrainee.first_name, InboundTrainee.last_name, InboundTrainee.email),
        "host_family": (HostFamily.household, HostFamily.contact_name, HostFamily.email),
    }
    found = {}
    for kind in kinds:
        model = KINDS[kind]
        match = fn.LOWER(fields[kind][0]).contains(term.lower())
        for field in fields[kind][1:]:
            match |= fn.LOWER(field).contains(term.lower())
        query = model.select().where(match)
        if kind == "user":
            query = query.where(User.username != ANONYMOUS_USERNAME)
        found[kind] = list(query.order_by(model.id).limit(20))
    return found


def build(kind: str, obj) -> bytes:
    """The zip for one person: data.json and the files of their documents and letters."""
    files: dict[str, str] = {}
    data = {"kind": kind, "id": obj.id, **COLLECTORS[kind](obj, files)}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2, default=str))
        for name, stored in files.items():
            if storage.exists(stored):
                with storage.open(stored) as source, archive.open(name, "w") as target:
                    shutil.copyfileobj(source, target, storage.CHUNK_BYTES)
    return buffer.getvalue()


def export(actor, kind: str, obj) -> bytes:
    """Build the export and record who downloaded which person's data (ids only)."""
    with db.atomic():
        data = build(kind, obj)
        record(actor, "person_exported", obj, None, {"kind": kind, "bytes": len(data)})
    return data
