"""The host administration takes part: personal partner links, its proposals, failed lookups;
the placement gains the mentor's contact, working hours, first-day meeting and a version."""
from peewee import *


def up(migrator, db):
    class Application(Model):
        class Meta:
            database = db
            table_name = 'application'

    class User(Model):
        class Meta:
            database = db
            table_name = 'user'

    class PartnerLink(Model):
        application = ForeignKeyField(Application, on_delete='CASCADE')
        contact_name = CharField(max_length=200)
        contact_email = CharField(max_length=254)
        language = CharField(max_length=8)
        nonce = CharField(max_length=32)
        token_hash = CharField(unique=True, max_length=64)
        expires_on = DateField()
        created_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        created_at = DateTimeField()
        revoked_at = DateTimeField(null=True)
        last_used_at = DateTimeField(null=True)
        reminded_at = DateTimeField(null=True)
        answered_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'partner_link'
    db.create_tables([PartnerLink])

    class PartnerLinkMiss(Model):
        client = CharField(index=True, max_length=64)
        at = DateTimeField(index=True)
        class Meta:
            database = db
            table_name = 'partner_link_miss'
    db.create_tables([PartnerLinkMiss])

    class PartnerProposal(Model):
        link = ForeignKeyField(PartnerLink, on_delete='CASCADE')
        application = ForeignKeyField(Application, on_delete='CASCADE')
        kind = CharField(max_length=20)
        values = TextField(default='{}')
        changes = BooleanField(default=True)
        based_on = IntegerField(default=0)
        status = CharField(index=True, max_length=20, default='open')
        reply = TextField(default='')
        created_at = DateTimeField()
        decided_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        decided_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'partner_proposal'
    db.create_tables([PartnerProposal])

    migrator.migrate(migrator.add_column('outbox_message', 'partner_link_id', ForeignKeyField(PartnerLink, null=True, on_delete='SET NULL', field=PartnerLink.id)))
    migrator.migrate(migrator.add_column('placement', 'mentor_role', CharField(max_length=200, default='')))
    migrator.migrate(migrator.add_column('placement', 'mentor_email', CharField(max_length=254, default='')))
    migrator.migrate(migrator.add_column('placement', 'working_hours', CharField(max_length=200, default='')))
    migrator.migrate(migrator.add_column('placement', 'meeting_point', CharField(max_length=200, default='')))
    migrator.migrate(migrator.add_column('placement', 'meeting_time', CharField(max_length=40, default='')))
    migrator.migrate(migrator.add_column('placement', 'version', IntegerField(default=1)))
    migrator.migrate(migrator.add_column('placement', 'host_status', CharField(index=True, max_length=20, default='')))


def down(migrator, db):
    migrator.migrate(migrator.drop_index('placement', 'placement_host_status'))
    migrator.migrate(migrator.drop_column('placement', 'host_status'))
    migrator.migrate(migrator.drop_column('placement', 'version'))
    migrator.migrate(migrator.drop_column('placement', 'meeting_time'))
    migrator.migrate(migrator.drop_column('placement', 'meeting_point'))
    migrator.migrate(migrator.drop_column('placement', 'working_hours'))
    migrator.migrate(migrator.drop_column('placement', 'mentor_email'))
    migrator.migrate(migrator.drop_column('placement', 'mentor_role'))
    migrator.migrate(migrator.drop_column('outbox_message', 'partner_link_id'))
    migrator.migrate(migrator.drop_table('partner_proposal'))
    migrator.migrate(migrator.drop_table('partner_link_miss'))
    migrator.migrate(migrator.drop_table('partner_link'))
