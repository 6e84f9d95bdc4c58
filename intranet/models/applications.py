"""Applications for a stay and their uploaded documents."""

import secrets
from datetime import date

from peewee import (
    AutoField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from intranet.models.base import BaseModel, JSONField, shares_days, utcnow
from intranet.models.people import User


class Application(BaseModel):
    id = AutoField()
    applicant = ForeignKeyField(User, backref="applications")
    #: slug of the partner-city plugin
    city = CharField(max_length=40, index=True)
    start_date = DateField()
    end_date = DateField()
    motivation = TextField(default="")
    #: answers to the city plugin's extra fields
    extra = JSONField(default=dict)
    status = CharField(max_length=20, default="draft")  #: indexed with submitted_at (Meta)
    #: snapshot of the trainee's training at submission, for ranking and reports
    training_track = CharField(null=True, max_length=3)
    training_year = IntegerField(null=True)
    cost_estimate = DecimalField(max_digits=10, decimal_places=2, null=True)
    #: the rule warnings (German messages) the application had when it was submitted
    warnings = JSONField(default=list)
    #: incremented on every change; forms carry it to detect lost updates
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    submitted_at = DateTimeField(null=True, index=True)
    decided_at = DateTimeField(null=True)

    class Meta:
        # one status in submission order (the HR inbox's groups); the status counts read it too
        indexes = ((("status", "submitted_at"), False),)

    @property
    def days(self) -> int:
        """Length of the stay in calendar days, both ends included."""
        return (self.end_date - self.start_date).days + 1

    @classmethod
    def for_user(cls, user):
        """The user's own applications, newest first."""
        return cls.select().where(cls.applicant == user).order_by(cls.created_at.desc())

    @classmethod
    def overlapping(cls, city: str, start: date, end: date, statuses: tuple[str, ...]):
        """Applications to ``city`` in one of ``statuses`` whose stay shares a day with ``start``–``end``."""
        return cls.select().where(
            (cls.city == city) & cls.status.in_(statuses) & shares_days(cls, start, end)
        )


class Document(BaseModel):
    """Metadata of an uploaded file; the bytes live in the instance document store."""

    application = ForeignKeyField(Application, backref="documents", on_delete="CASCADE")
    #: requirement key from required_documents, e.g. "cv"
    kind = CharField(max_length=40)
    original_name = CharField(max_length=255)
    #: random file name inside the store, never derived from user input
    stored_name = CharField(unique=True, max_length=64, default=lambda: secrets.token_hex(16))
    content_type = CharField(max_length=100)
    size = IntegerField()
    sha256 = CharField(max_length=64)
    uploaded_by = ForeignKeyField(User)
    uploaded_at = DateTimeField(default=utcnow)
