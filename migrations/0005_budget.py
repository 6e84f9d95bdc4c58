"""Budget accounts (Sachkonto 549904 for this and next year), reservations, actual-cost bookings,
and the rule warnings an application had when it was submitted."""
from datetime import UTC, date, datetime

from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class Application(Model):
        class Meta:
            database = db
            table_name = 'application'

    class BudgetAccount(Model):
        number = CharField(max_length=20)
        name = CharField(max_length=200)
        year = IntegerField()
        amount_cents = BigIntegerField(default=0)
        reserved_cents = BigIntegerField(default=0)
        spent_cents = BigIntegerField(default=0)
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'budget_account'
            indexes = ((('number', 'year'), True),)

    class Reservation(Model):
        application = ForeignKeyField(Application, unique=True, on_delete='CASCADE')
        account = ForeignKeyField(BudgetAccount)
        amount_cents = BigIntegerField()
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'reservation'

    class CostBooking(Model):
        application = ForeignKeyField(Application)
        account = ForeignKeyField(BudgetAccount)
        category = CharField(max_length=20)
        amount_cents = BigIntegerField()
        note = TextField(default='')
        booked_by = ForeignKeyField(User)
        booked_at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'cost_booking'

    db.create_tables([BudgetAccount, Reservation, CostBooking])
    migrator.migrate(migrator.add_column('application', 'warnings', TextField(default='[]')))
    # the committee's account exists from the start; HR enters the amount once the budget is in force
    this_year = date.today().year
    for year in (this_year, this_year + 1):
        BudgetAccount.create(
            number='549904', name='Verwaltungspraktika in den Partnerstädten', year=year,
            created_at=datetime.now(UTC).replace(tzinfo=None),
        )


def down(migrator, db):
    migrator.migrate(migrator.drop_column('application', 'warnings'))
    for table in ('cost_booking', 'reservation', 'budget_account'):
        migrator.migrate(migrator.drop_table(table))
