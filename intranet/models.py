"""Tables of the core: people, applications, documents, sessions, the audit trail and the mail outbox."""

import json
import secrets
from datetime import UTC, date, datetime

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    DecimalField,
    ForeignKeyField,
    IntegerField,
    Model,
    TextField,
)

from .db import db

ROLES = ("employee", "hr", "city_admin", "admin")
TRAINING_TRACKS = ("VFA", "SIA")
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def shares_days(model, start: date, end: date):
    """Condition: the row's ``start_date``–``end_date`` shares at least one day with ``start``–``end``."""
    return (model.start_date <= end) & (model.end_date >= start)


def utcnow() -> datetime:
    """Current UTC time without tzinfo (stored as UTC in both databases)."""
    return datetime.now(UTC).replace(tzinfo=None)


class JSONField(TextField):
    """A dict stored as JSON text, portable between SQLite and PostgreSQL."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False


class User(BaseModel):
    id = AutoField()
    username = CharField(unique=True, max_length=150)
    email = CharField(max_length=254)
    display_name = CharField(max_length=200)
    #: argon2 hash; NULL for accounts that only log in through single sign-on.
    password_hash = CharField(null=True, max_length=255)
    active = BooleanField(default=True)
    training_track = CharField(null=True, max_length=3)
    training_year = IntegerField(null=True)
    #: False while track and year are the trainee's own, unconfirmed entries.
    training_confirmed = BooleanField(default=False)
    date_of_birth = DateField(null=True)
    failed_logins = IntegerField(default=0)
    locked_until = DateTimeField(null=True)
    created_at = DateTimeField(default=utcnow)
    last_login_at = DateTimeField(null=True)

    @property
    def roles(self) -> set[str]:
        """The user's role names, cached per instance."""
        if not hasattr(self, "_roles"):
            self._roles = {r.role for r in self.role_rows}
        return self._roles

    @property
    def city_scopes(self) -> set[str]:
        """Slugs of the partner cities a city admin is responsible for."""
        if not hasattr(self, "_scopes"):
            self._scopes = {s.city for s in self.scope_rows}
        return self._scopes

    @classmethod
    def admins_of(cls, city: str):
        """Active city admins whose scope covers the partner city ``city``."""
        return (
            cls.select()
            .join(UserRole)
            .switch(cls)
            .join(CityScope)
            .where((UserRole.role == "city_admin") & (CityScope.city == city) & (cls.active == True))  # noqa: E712
            .order_by(cls.id)
        )

    def has_role(self, *names: str) -> bool:
        """True if the user holds any of the given roles."""
        return bool(self.roles.intersection(names))

    def age_on(self, day: date) -> int | None:
        """Age in full years on a given day, None without a date of birth."""
        if self.date_of_birth is None:
            return None
        born = self.date_of_birth
        return day.year - born.year - ((day.month, day.day) < (born.month, born.day))

    # Flask-Login protocol
    is_anonymous = False

    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    def get_id(self) -> str:
        return str(self.id)


class UserRole(BaseModel):
    user = ForeignKeyField(User, backref="role_rows", on_delete="CASCADE")
    role = CharField(max_length=20)

    class Meta:
        indexes = ((("user", "role"), True),)


class CityScope(BaseModel):
    """A city admin's responsibility for one partner city."""

    user = ForeignKeyField(User, backref="scope_rows", on_delete="CASCADE")
    city = CharField(max_length=40, index=True)

    class Meta:
        indexes = ((("user", "city"), True),)


class UserLanguage(BaseModel):
    user = ForeignKeyField(User, backref="languages", on_delete="CASCADE")
    #: ISO 639-1 code, e.g. "fr"
    language = CharField(max_length=8)
    level = CharField(max_length=2)

    class Meta:
        indexes = ((("user", "language"), True),)


class LoginSession(BaseModel):
    """A server-side session: logout or deactivation deletes it, so old cookies die."""

    token_hash = CharField(unique=True, max_length=64)
    user = ForeignKeyField(User, backref="sessions", on_delete="CASCADE")
    created_at = DateTimeField(default=utcnow)
    last_seen_at = DateTimeField(default=utcnow)


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
    status = CharField(max_length=20, default="draft", index=True)
    #: snapshot of the trainee's training at submission, for ranking and reports
    training_track = CharField(null=True, max_length=3)
    training_year = IntegerField(null=True)
    cost_estimate = DecimalField(max_digits=10, decimal_places=2, null=True)
    #: incremented on every change; forms carry it to detect lost updates
    version = IntegerField(default=1)
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)
    submitted_at = DateTimeField(null=True, index=True)
    decided_at = DateTimeField(null=True)

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


class CityPeriod(BaseModel):
    """Base of a partner city's date ranges (no table of its own)."""

    city = CharField(max_length=40, index=True)
    start_date = DateField()
    end_date = DateField()

    @classmethod
    def overlapping(cls, city: str, start: date, end: date):
        """The city's rows that share at least one day with ``start``–``end``."""
        return cls.select().where((cls.city == city) & shares_days(cls, start, end)).order_by(cls.start_date)


class BlockedPeriod(CityPeriod):
    """A period in which a partner city takes no trainees; maintained by the city admin."""

    #: German reason shown to the trainee, e.g. "Kommunalwahl"
    reason = TextField()
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)


class CapacityWindow(CityPeriod):
    """How many trainees a partner city hosts at the same time within a period."""

    places = IntegerField()


class OutboxMessage(BaseModel):
    """An e-mail queued in the transaction of its cause; ``flask mail send`` delivers it.

    A message is pending until ``sent_at`` is set; after ``MAIL_MAX_ATTEMPTS`` failed
    attempts ``failed_at`` is set and the row stays as the record of the failure.
    """

    recipient = CharField(max_length=254)
    user = ForeignKeyField(User, null=True, backref="outbox_messages", on_delete="SET NULL")
    subject = CharField(max_length=255)
    body = TextField()
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


MODELS = [
    User,
    UserRole,
    CityScope,
    UserLanguage,
    LoginSession,
    Application,
    Document,
    AuditEvent,
    BlockedPeriod,
    CapacityWindow,
    OutboxMessage,
]
