"""The mail outbox: e-mails queued with the change that caused them, sent by ``flask mail send``."""
from peewee import *


def up(migrator, db):
    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class OutboxMessage(Model):
        recipient = CharField(max_length=254)
        user = ForeignKeyField(User, null=True, on_delete='SET NULL')
        subject = CharField()
        body = TextField()
        created_at = DateTimeField()
        attempts = IntegerField(default=0)
        last_error = TextField(default='')
        next_attempt_at = DateTimeField(index=True)
        sent_at = DateTimeField(index=True, null=True)
        failed_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'outbox_message'
    db.create_tables([OutboxMessage])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('outbox_message'))
