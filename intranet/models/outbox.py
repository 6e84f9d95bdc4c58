"""The mail outbox."""

from datetime import datetime

from peewee import CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from intranet.models.base import BaseModel, utcnow
from intranet.models.letters import IssuedLetter
from intranet.models.partners import PartnerLink
from intranet.models.people import User


class OutboxMessage(BaseModel):
    """An e-mail queued in the transaction of its cause; ``flask mail send`` delivers it.

    A message is pending until ``sent_at`` is set; after ``MAIL_MAX_ATTEMPTS`` failed
    attempts ``failed_at`` is set and the row stays as the record of the failure.
    """

    recipient = CharField(max_length=254)
    user = ForeignKeyField(User, null=True, backref="outbox_messages", on_delete="SET NULL")
    subject = CharField(max_length=255)
    body = TextField()
    #: an issued letter sent along as PDF attachment
    letter = ForeignKeyField(IssuedLetter, null=True, on_delete="SET NULL")
    #: a partner link whose URL replaces PARTNER_URL_MARKER in the body when the mail is built
    partner_link = ForeignKeyField(PartnerLink, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    attempts = IntegerField(default=0)
    last_error = TextField(default="")
    #: earliest time of the next delivery attempt (moved on by the retry back-off)
    next_attempt_at = DateTimeField(default=utcnow, index=True)
    sent_at = DateTimeField(null=True, index=True)
    failed_at = DateTimeField(null=True)

    @classmethod
    def pending(cls):
        """Messages neither sent nor given up, oldest first."""
        return (
            cls.select()
            .where(cls.sent_at.is_null() & cls.failed_at.is_null())
            .order_by(cls.next_attempt_at, cls.id)
        )

    @classmethod
    def due(cls, now: datetime):
        """Pending messages whose next attempt is due at ``now``."""
        return cls.pending().where(cls.next_attempt_at <= now)

    @classmethod
    def failed(cls):
        """Messages given up after the last attempt, newest first."""
        return cls.select().where(cls.failed_at.is_null(False)).order_by(cls.failed_at.desc(), cls.id)
