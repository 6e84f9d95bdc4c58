"""Initial schema: users, roles, city scopes, languages, sessions, applications, documents, audit."""
from peewee import *


def up(migrator, db):
    class User(Model):
        username = CharField(unique=True, max_length=150)
        email = CharField(max_length=254)
        display_name = CharField(max_length=200)
        password_hash = CharField(null=True)
        active = BooleanField(default=True)
        training_track = CharField(null=True, max_length=3)
        training_year = IntegerField(null=True)
        training_confirmed = BooleanField(default=False)
        date_of_birth = DateField(null=True)
        failed_logins = IntegerField(default=0)
        locked_until = DateTimeField(null=True)
        created_at = DateTimeField()
        last_login_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'user'
    db.create_tables([User])

    class Application(Model):
        applicant = ForeignKeyField(User)
        city = CharField(index=True, max_length=40)
        start_date = DateField()
        end_date = DateField()
        motivation = TextField(default='')
        extra = TextField(default="{}")
        status = CharField(index=True, max_length=20, default='draft')
        training_track = CharField(null=True, max_length=3)
        training_year = IntegerField(null=True)
        cost_estimate = DecimalField(null=True, decimal_places=2)
        version = IntegerField(default=1)
        created_at = DateTimeField()
        updated_at = DateTimeField()
        submitted_at = DateTimeField(index=True, null=True)
        decided_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'application'
    db.create_tables([Application])

    class AuditEvent(Model):
        at = DateTimeField(index=True)
        actor = ForeignKeyField(User, null=True)
        action = CharField(max_length=60)
        object_type = CharField(max_length=40)
        object_id = IntegerField(null=True)
        before = TextField(null=True)
        after = TextField(null=True)
        reason = TextField(default='')
        class Meta:
            database = db
            table_name = 'audit_event'
            indexes = ((('object_type', 'object_id'), False),)
    db.create_tables([AuditEvent])

    class CityScope(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        city = CharField(index=True, max_length=40)
        class Meta:
            database = db
            table_name = 'city_scope'
            indexes = ((('user', 'city'), True),)
    db.create_tables([CityScope])

    class Document(Model):
        application = ForeignKeyField(Application, on_delete='CASCADE')
        kind = CharField(max_length=40)
        original_name = CharField()
        stored_name = CharField(unique=True, max_length=64)
        content_type = CharField(max_length=100)
        size = IntegerField()
        sha256 = CharField(max_length=64)
        uploaded_by = ForeignKeyField(User)
        uploaded_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'document'
    db.create_tables([Document])

    class LoginSession(Model):
        token_hash = CharField(unique=True, max_length=64)
        user = ForeignKeyField(User, on_delete='CASCADE')
        created_at = DateTimeField()
        last_seen_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'login_session'
    db.create_tables([LoginSession])

    class UserLanguage(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        language = CharField(max_length=8)
        level = CharField(max_length=2)
        class Meta:
            database = db
            table_name = 'user_language'
            indexes = ((('user', 'language'), True),)
    db.create_tables([UserLanguage])

    class UserRole(Model):
        user = ForeignKeyField(User, on_delete='CASCADE')
        role = CharField(max_length=20)
        class Meta:
            database = db
            table_name = 'user_role'
            indexes = ((('user', 'role'), True),)
    db.create_tables([UserRole])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('user_role'))
    migrator.migrate(migrator.drop_table('user_language'))
    migrator.migrate(migrator.drop_table('login_session'))
    migrator.migrate(migrator.drop_table('document'))
    migrator.migrate(migrator.drop_table('city_scope'))
    migrator.migrate(migrator.drop_table('audit_event'))
    migrator.migrate(migrator.drop_table('application'))
    migrator.migrate(migrator.drop_table('user'))
