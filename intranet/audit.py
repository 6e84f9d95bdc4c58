"""The append-only audit trail: one row per state change, written in its transaction."""

from .models import AuditEvent

#: German wording of audit actions for timelines.
EVENT_LABELS = {
    "application_created": "Entwurf angelegt",
    "application_submitted": "eingereicht",
    "application_withdrawn": "zurückgezogen",
    "application_approved": "genehmigt",
    "application_rejected": "abgelehnt",
    "application_waitlisted": "auf die Warteliste gesetzt",
    "user_created": "Benutzer angelegt",
    "user_roles_changed": "Rollen geändert",
}


def record(actor, action: str, obj, before=None, after=None, reason: str = "") -> AuditEvent:
    """Append an audit row; call inside the transaction of the change it describes."""
    return AuditEvent.create(
        actor=actor,
        action=action,
        object_type=type(obj).__name__.lower(),
        object_id=obj.id,
        before=before,
        after=after,
        reason=reason,
    )


def for_object(obj):
    """Audit rows of one object, oldest first."""
    return (
        AuditEvent.select()
        .where(
            (AuditEvent.object_type == type(obj).__name__.lower())
            & (AuditEvent.object_id == obj.id)
        )
        .order_by(AuditEvent.at, AuditEvent.id)
    )
