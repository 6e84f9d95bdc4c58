"""Questions HR asks about an application, and the trainee's answers."""

from peewee import JOIN, DateTimeField, ForeignKeyField, TextField

from intranet.models.applications import Application
from intranet.models.base import BaseModel, utcnow
from intranet.models.people import User


class Question(BaseModel):
    """One question of HR to the applicant; answered once by the applicant."""

    application = ForeignKeyField(Application, backref="questions", on_delete="CASCADE")
    asked_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    asked_at = DateTimeField(default=utcnow)
    text = TextField()
    answer = TextField(default="")
    answered_at = DateTimeField(null=True)

    @classmethod
    def of(cls, application):
        """The application's questions with their askers, oldest first."""
        return (
            cls.select(cls, User)
            .join(User, join_type=JOIN.LEFT_OUTER, on=(cls.asked_by == User.id))
            .where(cls.application == application.id)
            .order_by(cls.asked_at, cls.id)
        )
