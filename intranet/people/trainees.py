"""Trainee master data kept by HR: training track and year, the basis of the inbox priority.

A trainee's own entries stay "unconfirmed" until HR saves them here. The save is a
conditional UPDATE against the values HR saw, so a change made meanwhile (by the trainee
or another HR user) is not overwritten unnoticed.
"""

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from intranet.models import TRAINING_TRACKS, User, UserRole
from intranet.platform.audit import record
from intranet.platform.db import db

TRAINING_YEARS = (1, 2, 3)
CHANGED_MEANWHILE = _l(
    "Die Angaben wurden inzwischen geändert. Bitte prüfen Sie die aktuellen Werte und speichern Sie erneut."
)


class TrainingRefused(Exception):
    """A master-data change that cannot be saved; the message is German."""


def trainees():
    """Active trainees (employees), unconfirmed first, then by name."""
    return (
        User.select()
        .join(UserRole)
        .where((UserRole.role == "employee") & (User.active == True))  # noqa: E712
        .order_by(User.training_confirmed, User.display_name, User.id)
    )


def _unchanged(field, seen):
    """Condition: the column still holds what HR saw (NULL-safe)."""
    return field.is_null() if seen is None else field == seen


def seen_values(user: User) -> dict:
    """The values a form shows, sent back to detect changes made meanwhile."""
    return {"track": user.training_track, "year": user.training_year, "confirmed": user.training_confirmed}


def confirm(hr, trainee: User, track: str, year: int | None, seen: dict) -> User:
    """Set and confirm track and year; refused for unknown values or a change made meanwhile."""
    if track not in TRAINING_TRACKS or year not in TRAINING_YEARS:
        raise TrainingRefused(_("Bitte wählen Sie Ausbildungsgang und Ausbildungsjahr."))
    with db.atomic():
        updated = (
            User.update(training_track=track, training_year=year, training_confirmed=True)
            .where(
                (User.id == trainee.id)
                & _unchanged(User.training_track, seen["track"])
                & _unchanged(User.training_year, seen["year"])
                & (User.training_confirmed == bool(seen["confirmed"]))
            )
            .execute()
        )
        if updated != 1:
            raise TrainingRefused(str(CHANGED_MEANWHILE))
        after = {"training_track": track, "training_year": year, "training_confirmed": True}
        before = {f"training_{k}": v for k, v in seen.items()}
        record(hr, "training_changed", trainee, before, after)
    return User.get_by_id(trainee.id)
