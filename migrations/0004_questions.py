"""Questions from HR about an application and the applicant's answers."""
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

    class Question(Model):
        application = ForeignKeyField(Application, on_delete='CASCADE')
        asked_by = ForeignKeyField(User, null=True, on_delete='SET NULL')
        asked_at = DateTimeField()
        text = TextField()
        answer = TextField(default='')
        answered_at = DateTimeField(null=True)
        class Meta:
            database = db
            table_name = 'question'
    db.create_tables([Question])


def down(migrator, db):
    migrator.migrate(migrator.drop_table('question'))
