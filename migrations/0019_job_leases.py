"""Leases of the periodic jobs: retention and document cleanup run once though every host fires them."""

from peewee import *


def up(migrator, db):
    class JobLease(Model):
        id = AutoField()
        name = CharField(max_length=100, unique=True)
        holder = CharField(max_length=255, default="")
        token = CharField(max_length=32, default="")
        started_at = DateTimeField()
        expires_at = DateTimeField()

        class Meta:
            database = db
            table_name = "job_lease"

    db.create_tables([JobLease])


def down(migrator, db):
    migrator.migrate(migrator.drop_table("job_lease"))
