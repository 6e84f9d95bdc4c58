"""The trainee's profile: training, date of birth and language levels, kept on the user record.

The application form shows the profile prefilled and saves changes back. Training track
and year decide the priority, so a trainee's own change marks them unconfirmed until HR
confirms them.
"""

from flask_babel import lazy_gettext as _l

from intranet.models import CEFR_LEVELS, User, UserLanguage
from intranet.platform.audit import record

#: languages a trainee can rate in the profile (ISO 639-1 → German name)
LANGUAGES = {
    "en": _l("Englisch"),
    "fr": _l("Französisch"),
    "pt": _l("Portugiesisch"),
    "pl": _l("Polnisch"),
    "tr": _l("Türkisch"),
    "el": _l("Griechisch"),
    "es": _l("Spanisch"),
    "it": _l("Italienisch"),
    "nl": _l("Niederländisch"),
    "ru": _l("Russisch"),
    "ar": _l("Arabisch"),
    "de": _l("Deutsch"),
}


def levels_of(user: User) -> dict[str, str]:
    """The user's CEFR level per language code."""
    return {row.language: row.level for row in user.languages}


def form_data(user: User) -> dict:
    """The profile as form data for prefilling the application form."""
    return {
        "training_track": user.training_track or "",
        "training_year": user.training_year,
        "date_of_birth": user.date_of_birth,
        "languages": [{"language": code, "level": level} for code, level in sorted(levels_of(user).items())],
    }


def _snapshot(user: User) -> dict:
    return {
        "training_track": user.training_track,
        "training_year": user.training_year,
        "date_of_birth": user.date_of_birth.isoformat() if user.date_of_birth else None,
        "languages": levels_of(user),
    }


def update(user: User, track, year, date_of_birth, levels: dict[str, str]) -> None:
    """Save the trainee's own profile entries (call inside the caller's transaction).

    ``levels`` holds only the languages the form rated; others stay as they are.
    One audit row records the change; nothing is written when nothing changed.
    """
    before = _snapshot(user)
    levels = {code: level for code, level in levels.items() if level in CEFR_LEVELS}
    after = {
        "training_track": track or None,
        "training_year": year,
        "date_of_birth": date_of_birth.isoformat() if date_of_birth else None,
        "languages": before["languages"] | levels,
    }
    if after == before:
        return
    if (after["training_track"], year) != (before["training_track"], before["training_year"]):
        user.training_confirmed = False
    user.training_track, user.training_year = after["training_track"], year
    user.date_of_birth = date_of_birth
    user.save(only=[User.training_track, User.training_year, User.date_of_birth, User.training_confirmed])
    for code, level in levels.items():
        UserLanguage.insert(user=user.id, language=code, level=level).on_conflict(
            conflict_target=[UserLanguage.user, UserLanguage.language], update={UserLanguage.level: level}
        ).execute()
    record(user, "profile_updated", user, before, after)
