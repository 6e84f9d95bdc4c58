"""Date ranges a city admin maintains: blocked periods and capacity windows."""

from datetime import date

from peewee import CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from intranet.models.base import BaseModel, shares_days, utcnow
from intranet.models.people import User


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
