"""What a city admin maintains: host families, their availability, placements and run-time overrides."""

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
from intranet.models.people import User


class HostFamily(BaseModel):
    """A household that hosts trainees; personal data, visible only to HR and the city's admins."""

    id = AutoField()
    city = CharField(max_length=40, index=True)
    household = CharField(max_length=200)  #: e.g. "Familie Dubois"
    address = TextField(default="")
    contact_name = CharField(max_length=200, default="")
    email = CharField(max_length=254, default="")
    phone = CharField(max_length=60, default="")
    #: ISO 639-1 codes spoken in the household
    languages = JSONField(default=list)
    capacity = IntegerField(default=1)  #: trainees at the same time
    rooms = IntegerField(default=1)
    notes = TextField(default="")  #: pets, diet, smoking …
    consent_date = DateField()
    consent_scope = TextField()
    created_at = DateTimeField(default=utcnow)
    updated_at = DateTimeField(default=utcnow)

    @classmethod
    def for_city(cls, city: str):
        """The city's host families, by household name."""
        return cls.select().where(cls.city == city).order_by(cls.household, cls.id)


class HostAvailability(BaseModel):
    """A period in which a host family can take trainees."""

    family = ForeignKeyField(HostFamily, backref="availability", on_delete="CASCADE")
    start_date = DateField()
    end_date = DateField()


class Placement(BaseModel):
    """Where and with whom a trainee spends the stay, set by the city admin when placing."""

    application = ForeignKeyField(Application, unique=True, backref="placements", on_delete="CASCADE")
    department = CharField(max_length=200)
    mentor = CharField(max_length=200)
    mentor_role = CharField(max_length=200, default="")
    mentor_email = CharField(max_length=254, default="")
    working_hours = CharField(max_length=200, default="")
    #: where and when the trainee is met on the first day
    meeting_point = CharField(max_length=200, default="")
    meeting_time = CharField(max_length=40, default="")
    #: NULL after the family was deleted on request
    host_family = ForeignKeyField(HostFamily, null=True, backref="placements", on_delete="SET NULL")
    arrival = DateField()
    departure = DateField()
    travel_booked = BooleanField(default=False)
    placed_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    placed_at = DateTimeField(default=utcnow)
    #: raised by every change; a partner's proposal answers one version (lost-update check)
    version = IntegerField(default=1)
    #: the host administration's answer: "" (none yet), "proposed", "confirmed", "answered"
    host_status = CharField(max_length=20, default="", index=True)

    @classmethod
    def overlapping(cls, family_ids, start, end):
        """Placements with one of the families whose stay shares a day with ``start``–``end``."""
        stay = (cls.arrival <= end) & (cls.departure >= start)
        return cls.select().where(cls.host_family.in_(family_ids) & stay)


class CityOverride(BaseModel):
    """A value a city admin set at run time over the plugin's default; deleting it restores the default."""

    city = CharField(max_length=40)
    kind = CharField(max_length=20)  #: "contact", "cost" or "letter_text"
    key = CharField(max_length=200)
    value = JSONField()
    updated_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    updated_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("city", "kind", "key"), True),)
