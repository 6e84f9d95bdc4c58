"""What every table shares: the base model, a JSON field, UTC time and the overlap condition."""

import json
from datetime import UTC, date, datetime

from peewee import Model, TextField

from intranet.platform.db import db

ROLES = ("employee", "hr", "city_admin", "admin")
TRAINING_TRACKS = ("VFA", "SIA")
CEFR_LEVELS = ("A1", "A2", "B1", "B2", "C1", "C2")


def shares_days(model, start: date, end: date):
    """Condition: the row's ``start_date``–``end_date`` shares at least one day with ``start``–``end``."""
    return (model.start_date <= end) & (model.end_date >= start)


def utcnow() -> datetime:
    """Current UTC time without tzinfo (stored as UTC in both databases)."""
    return datetime.now(UTC).replace(tzinfo=None)


class JSONField(TextField):
    """A dict stored as JSON text, portable between SQLite and PostgreSQL."""

    def db_value(self, value):
        return None if value is None else json.dumps(value, ensure_ascii=False, default=str)

    def python_value(self, value):
        return None if value is None else json.loads(value)


class BaseModel(Model):
    class Meta:
        database = db
        legacy_table_names = False
