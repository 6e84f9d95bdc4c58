"""Blocked periods and capacity windows that the city admins maintain per partner city."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class BlockedPeriod(Model):
        city = CharField(index=True, max_length=40)
        start_date = DateField()
        end_date = DateField()
        reason = TextField()
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'blocked_period'
    db.create_tables([BlockedPeriod])

    class CapacityWindow(Model):
        city = CharField(index=True, max_length=40)
        start_date = DateField()
        end_date = DateField()
        places = IntegerField()
        class Meta:
            database = db
            table_name = 'capacity_window'
    db.create_tables([CapacityWindow])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('capacity_window'))
    migrator.migrate(migrator.drop_table('blocked_period'))
