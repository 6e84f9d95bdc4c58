"""Partner trainees in Siegburg, departments, closures, rotation, tandems, feed tokens; experience reports."""
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
        class Meta:
            database = db
            table_name = 'host_family'

    class Department(Model):
        id = AutoField()
        name = CharField(max_length=200, unique=True)
        capacity = IntegerField(default=1)
        active = BooleanField(default=True)
        class Meta:
            database = db
            table_name = 'department'

    class OfficeClosure(Model):
        start_date = DateField()
        end_date = DateField()
        reason = CharField(max_length=200)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'office_closure'

    class InboundTrainee(Model):
        id = AutoField()
        city = CharField(max_length=40, index=True)
        first_name = CharField(max_length=100)
        last_name = CharField(max_length=100)
        email = CharField(max_length=254, default='')
        date_of_birth = DateField(null=True)
        home_administration = CharField(max_length=200)
        training = CharField(max_length=200)
        training_track = CharField(null=True, max_length=3)
        training_year = IntegerField(null=True)
        languages = TextField(default='[]')
        letter_language = CharField(max_length=8)
        start_date = DateField()
        end_date = DateField()
        arrival = DateField()
        departure = DateField()
        travel = CharField(max_length=200, default='')
        mentor = CharField(max_length=200, default='')
        host_family = ForeignKeyField(HostFamily, null=True, on_delete='SET NULL')
        status = CharField(max_length=20, default='planned', index=True)
        version = IntegerField(default=1)
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        updated_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'inbound_trainee'

    class RotationWeek(Model):
        trainee = ForeignKeyField(InboundTrainee, on_delete='CASCADE')
        week_start = DateField()
        department = ForeignKeyField(Department)
        class Meta:
            database = db
            table_name = 'rotation_week'
            indexes = ((('trainee', 'week_start'), True),)

    class Tandem(Model):
        outbound = ForeignKeyField(Application, unique=True, on_delete='CASCADE')
        inbound = ForeignKeyField(InboundTrainee, unique=True, on_delete='CASCADE')
        host_swap = BooleanField(default=False)
        swap_consent_date = DateField(null=True)
        swap_consent_scope = TextField(default='')
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'tandem'

    class FeedToken(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        scope = CharField(max_length=40)
        token_hash = CharField(max_length=64, unique=True)
        created_at = DateTimeField()
        revoked_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'feed_token'

    class ExperienceReport(Model):
        application = ForeignKeyField(Application, unique=True, on_delete='CASCADE')
        ratings = TextField(default='{}')
        texts = TextField(default='{}')
        summary = TextField(default='')
        status = CharField(max_length=20, default='draft', index=True)
        hr_comment = TextField(default='')
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        submitted_at = DateTimeField(null=True)
        accepted_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'experience_report'

    db.create_tables([Department, OfficeClosure, InboundTrainee, RotationWeek, Tandem, FeedToken,
                      ExperienceReport])


def down(migrator, db):
    migrator.migrate(*(migrator.drop_table(name) for name in (
        'experience_report', 'feed_token', 'tandem', 'rotation_week', 'inbound_trainee',
        'office_closure', 'department')))
