"""Reciprocity: partner trainees staying in Siegburg, Siegburg's departments and closures, tandems, feeds."""

from peewee import (
    AutoField,
    BooleanField,
    CharField,
    DateField,
    DateTimeField,
    ForeignKeyField,
    IntegerField,
    TextField,
)

from intranet.models.applications import Application
from intranet.models.base import BaseModel, JSONField, utcnow
from intranet.models.cityadmin import HostFamily
from intranet.models.people import User


class Department(BaseModel):
    """A Siegburg department that takes partner trainees for a week at a time."""

    id = AutoField()
    name = CharField(max_length=200, unique=True)
    capacity = IntegerField(default=1)  #: partner trainees in the same week
    active = BooleanField(default=True)


class OfficeClosure(BaseModel):
    """Days on which Siegburg's administration is closed besides the NRW public holidays, kept by HR."""

    start_date = DateField()
    end_date = DateField()
    reason = CharField(max_length=200)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)


class InboundTrainee(BaseModel):
    """A partner city's trainee staying in Siegburg; registered by HR or that city's admins (no account)."""

    id = AutoField()
    city = CharField(max_length=40, index=True)  #: the partner city the trainee comes from
    first_name = CharField(max_length=100)
    last_name = CharField(max_length=100)
    email = CharField(max_length=254, default="")
    date_of_birth = DateField(null=True)
    home_administration = CharField(max_length=200)
    training = CharField(max_length=200)  #: the training in the home administration, free text
    training_track = CharField(null=True, max_length=3)  #: nearest Siegburg track, for tandem matching
    training_year = IntegerField(null=True)
    #: [{"code": "fr", "level": "B2"}, …], ISO 639-1 and CEFR
    languages = JSONField(default=list)
    letter_language = CharField(max_length=8)  #: language of the letters besides German
    start_date = DateField()  #: first day in Siegburg's administration
    end_date = DateField()  #: last day in Siegburg's administration
    arrival = DateField()
    departure = DateField()
    travel = CharField(max_length=200, default="")  #: e.g. "ICE, Siegburg/Bonn 14:32"
    mentor = CharField(max_length=200, default="")
    host_family = ForeignKeyField(HostFamily, null=True, backref="guests", on_delete="SET NULL")
    status = CharField(max_length=20, default="planned", index=True)  #: "planned" or "cancelled"
    version = IntegerField(default=1)
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    @property
    def name(self) -> str:
        """First and last name."""
        return f"{self.first_name} {self.last_name}"

    @property
    def days(self) -> int:
        """Length of the stay in the administration in calendar days, both ends included."""
        return (self.end_date - self.start_date).days + 1


class RotationWeek(BaseModel):
    """One week of an inbound trainee's rotation through Siegburg's departments."""

    trainee = ForeignKeyField(InboundTrainee, backref="rotation", on_delete="CASCADE")
    week_start = DateField()  #: a Monday
    department = ForeignKeyField(Department, backref="weeks")

    class Meta:
        indexes = ((("trainee", "week_start"), True),)


class Tandem(BaseModel):
    """A fixed 1:1 pair of a Siegburg trainee's stay and a partner trainee of the same city."""

    outbound = ForeignKeyField(Application, unique=True, backref="tandems", on_delete="CASCADE")
    inbound = ForeignKeyField(InboundTrainee, unique=True, backref="tandems", on_delete="CASCADE")
    #: the two households host each other; consent of the Siegburg household recorded
    host_swap = BooleanField(default=False)
    swap_consent_date = DateField(null=True)
    swap_consent_scope = TextField(default="")
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)


class FeedToken(BaseModel):
    """A revocable secret in an iCalendar feed URL; only its SHA-256 is stored."""

    user = ForeignKeyField(User, backref="feed_tokens", on_delete="CASCADE")
    #: "own" (the user's stays) or a city slug (all stays of that city)
    scope = CharField(max_length=40)
    token_hash = CharField(max_length=64, unique=True)
    created_at = DateTimeField(default=utcnow)
    revoked_at = DateTimeField(null=True)
