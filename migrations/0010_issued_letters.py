"""Letters issued for an application (the PDF is kept in the document store), sent as mail attachments."""
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

    class IssuedLetter(Model):
        application = ForeignKeyField(Application, on_delete='CASCADE')
        kind = CharField(max_length=40)
        language = CharField(max_length=8)
        title = CharField(max_length=255)
        stored_name = CharField(unique=True, max_length=64)
        size = IntegerField()
        sha256 = CharField(max_length=64)
        issued_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        issued_at = DateTimeField()
        class Meta:
            database = db
            table_name = 'issued_letter'
    db.create_tables([IssuedLetter])
    migrator.migrate(
        migrator.add_column('outbox_message', 'letter_id',
                            ForeignKeyField(IssuedLetter, null=True, on_delete='SET NULL', field=IssuedLetter.id))
    )


def down(migrator, db):
    migrator.migrate(migrator.drop_column('outbox_message', 'letter_id'), migrator.drop_table('issued_letter'))
