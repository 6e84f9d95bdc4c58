"""What comes after a stay: the trainee's experience report."""

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from intranet.models.applications import Application
from intranet.models.base import BaseModel, JSONField, utcnow


class ExperienceReport(BaseModel):
    """The trainee's report on a stay, along the pilot's goals; accepted by HR."""

    application = ForeignKeyField(Application, unique=True, backref="reports", on_delete="CASCADE")
    #: goal key → rating 1 (poor) … 5 (excellent)
    ratings = JSONField(default=dict)
    #: goal key → the trainee's free text
    texts = JSONField(default=dict)
    summary = TextField(default="")
    #: "draft", "submitted", "changes_requested" or "accepted"
    status = CharField(max_length=20, default="draft", index=True)
    hr_comment = TextField(default="")  #: what HR asks to change
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    submitted_at = DateTimeField(null=True)
    accepted_at = DateTimeField(null=True)
