"""Money: budget accounts (Sachkonten) per year, reservations of approved stays, actual-cost bookings.

Amounts are stored as whole cents: SQLite keeps NUMERIC as floating point, and the
conditional UPDATE of a reservation must compare exactly on both databases.
"""

from decimal import Decimal

from peewee import BigIntegerField, CharField, DateTimeField, ForeignKeyField, IntegerField, TextField

from intranet.models.applications import Application
from intranet.models.base import BaseModel, utcnow
from intranet.models.people import User

CENT = Decimal("0.01")
COST_CATEGORIES = ("travel", "insurance", "host_family", "other")


def to_cents(amount) -> int:
    """Euro (Decimal, str or int) → whole cents, rounded half up to the cent."""
    return int((Decimal(str(amount)).quantize(CENT, rounding="ROUND_HALF_UP") * 100).to_integral_value())


def to_euro(cents: int) -> Decimal:
    """Whole cents → euro as Decimal with two places."""
    return (Decimal(cents) / 100).quantize(CENT)


class BudgetAccount(BaseModel):
    """A budget account of one year: its amount, what approvals reserved and what was spent."""

    number = CharField(max_length=20)
    name = CharField(max_length=200)
    year = IntegerField()
    amount_cents = BigIntegerField(default=0)
    reserved_cents = BigIntegerField(default=0)
    spent_cents = BigIntegerField(default=0)
    created_at = DateTimeField(default=utcnow)

    class Meta:
        indexes = ((("number", "year"), True),)

    @property
    def label(self) -> str:
        """Short name for texts and audit rows, e.g. "549904/2027"."""
        return f"{self.number}/{self.year}"

    @property
    def total(self) -> Decimal:
        return to_euro(self.amount_cents)

    @property
    def reserved(self) -> Decimal:
        return to_euro(self.reserved_cents)

    @property
    def spent(self) -> Decimal:
        return to_euro(self.spent_cents)

    @property
    def remaining(self) -> Decimal:
        return to_euro(self.amount_cents - self.reserved_cents - self.spent_cents)


class Reservation(BaseModel):
    """The estimate an approval holds on an account until it is released or replaced by actuals."""

    application = ForeignKeyField(Application, unique=True, backref="reservations", on_delete="CASCADE")
    account = ForeignKeyField(BudgetAccount, backref="reservations")
    amount_cents = BigIntegerField()
    created_at = DateTimeField(default=utcnow)


class CostBooking(BaseModel):
    """One actual cost of a stay, booked by HR after the fact."""

    application = ForeignKeyField(Application, backref="bookings")
    account = ForeignKeyField(BudgetAccount, backref="bookings")
    category = CharField(max_length=20)
    amount_cents = BigIntegerField()
    note = TextField(default="")
    booked_by = ForeignKeyField(User)
    booked_at = DateTimeField(default=utcnow, index=True)

    @property
    def amount(self) -> Decimal:
        return to_euro(self.amount_cents)
