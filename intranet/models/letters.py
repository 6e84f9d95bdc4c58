"""Letters issued for an application: the PDF as it was sent, kept with the application."""

import secrets

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField

from intranet.models.applications import Application
from intranet.models.base import BaseModel, utcnow
from intranet.models.people import User


class IssuedLetter(BaseModel):
    """One issued letter; its PDF lives in the document store under ``stored_name``."""

    application = ForeignKeyField(Application, backref="issued_letters", on_delete="CASCADE")
    #: letter kind and language of the plugin's template, e.g. "introduction", "pt"
    kind = CharField(max_length=40)
    language = CharField(max_length=8)
    title = CharField(max_length=255)
    stored_name = CharField(unique=True, max_length=64, default=lambda: secrets.token_hex(16))
    size = IntegerField()
    sha256 = CharField(max_length=64)
    issued_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    issued_at = DateTimeField(default=utcnow)
