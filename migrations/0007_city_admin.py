"""Host families with their availability, placements, and the city admins' run-time overrides."""
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

    class HostFamily(Model):
        id = AutoField()
        city = CharField(index=True, max_length=40)
        household = CharField(max_length=200)
        address = TextField(default='')
        contact_name = CharField(max_length=200, default='')
        email = CharField(max_length=254, default='')
        phone = CharField(max_length=60, default='')
        languages = TextField(default='[]')
        capacity = IntegerField(default=1)
        rooms = IntegerField(default=1)
        notes = TextField(default='')
        consent_date = DateField()
        consent_scope = TextField()
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'host_family'

    class HostAvailability(Model):
        family = ForeignKeyField(HostFamily, on_delete='CASCADE')
        start_date = DateField()
        end_date = DateField()
        class Meta:
            database = db
            table_name = 'host_availability'

    class Placement(Model):
        application = ForeignKeyField(Application, unique=True, on_delete='CASCADE')
        department = CharField(max_length=200)
        mentor = CharField(max_length=200)
        host_family = ForeignKeyField(HostFamily, null=True, on_delete='SET NULL')
        arrival = DateField()
        departure = DateField()
        travel_booked = BooleanField(default=False)
        placed_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        placed_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'placement'

    class CityOverride(Model):
        city = CharField(max_length=40)
        kind = CharField(max_length=20)
        key = CharField(max_length=200)
        value = TextField()
        updated_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'city_override'
            indexes = ((('city', 'kind', 'key'), True),)

    db.create_tables([HostFamily, HostAvailability, Placement, CityOverride])


def down(migrator, db):
    for table in ('city_override', 'placement', 'host_availability', 'host_family'):
        migrator.migrate(migrator.drop_table(table))
