"""The append-only audit trail."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from intranet.models.base import BaseModel, JSONField, utcnow
from intranet.models.people import User


class AuditEvent(BaseModel):
    """One state change; rows are written once and never changed or deleted."""

    at = DateTimeField(default=utcnow, index=True)
    actor = ForeignKeyField(User, null=True, backref="audit_events")
    action = CharField(max_length=60)
    object_type = CharField(max_length=40)
    object_id = IntegerField(null=True)
    before = JSONField(null=True)
    after = JSONField(null=True)
    reason = TextField(default="")

    class Meta:
        indexes = ((("object_type", "object_id"), False),)

    def save(self, *args, **kwargs):
        if self.id is not None and not kwargs.get("force_insert"):
            raise PermissionError("audit events are append-only")
        return super().save(*args, **kwargs)

    def delete_instance(self, *args, **kwargs):
        raise PermissionError("audit events are append-only")

    @classmethod
    def update(cls, *args, **kwargs):
        raise PermissionError("audit events are append-only")

    @classmethod
    def delete(cls):
        raise PermissionError("audit events are append-only")
