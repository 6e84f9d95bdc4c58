"""Public holidays from the ``holidays`` library and working days of a host city."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from babel.dates import format_date

from intranet.cities.registry import registry
from intranet.hookspecs import Holiday, PartnerCity

#: how the library marks a date it computed in advance (Islamic calendar), per language
ESTIMATED_MARKERS = ("(estimated)", "(tahmini)")
HALF_DAY = "half_day"


@lru_cache(maxsize=64)
def _language(country: str, wanted: str) -> str | None:
    """The library's language code for ISO 639-1 ``wanted`` (e.g. "pt" → "pt_PT"), else None."""
    supported = holidays.country_holidays(country).supported_languages
    return next((code for code in supported if code.split("_")[0] == wanted), None)


def _holiday(day: date, name: str, half_day: bool) -> Holiday:
    """A Holiday with the library's "estimated" marker turned into the flag."""
    marker = next((m for m in ESTIMATED_MARKERS if m in name), None)
    if marker is None:
        return Holiday(day, name, half_day=half_day)
    return Holiday(
        day, name.replace(marker, "").replace("  ", " ").strip(), estimated=True, half_day=half_day
    )


@lru_cache(maxsize=256)
def _year(country: str, subdiv: str | None, language: str | None, year: int) -> tuple[Holiday, ...]:
    """All holidays of one year; half days only where the library knows that category."""
    categories = holidays.country_holidays(country).supported_categories
    full = holidays.country_holidays(country, subdiv=subdiv, years=year, language=language)
    days = [_holiday(day, name, False) for day, name in full.items()]
    if HALF_DAY in categories:
        half = holidays.country_holidays(
            country, subdiv=subdiv, years=year, language=language, categories=(HALF_DAY,)
        )
        days += [_holiday(day, name, True) for day, name in half.items() if day not in full]
    return tuple(sorted(days, key=lambda h: h.day))


def library_holidays(city: PartnerCity, start: date, end: date) -> list[Holiday]:
    """Holidays of ``city.country`` / ``city.holiday_subdiv`` from the library, in the city's language."""
    language = _language(city.country, city.languages[0]) if city.languages else None
    found = []
    for year in range(start.year, end.year + 1):
        found += [
            h for h in _year(city.country, city.holiday_subdiv, language, year) if start <= h.day <= end
        ]
    return found


def public_holidays(city: PartnerCity, start: date, end: date) -> list[Holiday]:
    """The city's holidays as its plugin (or the core default) answers ``public_holidays``."""
    return registry().call(city.slug, "public_holidays", start=start, end=end)


def days_between(start: date, end: date):
    """Every day from ``start`` to ``end``, both included."""
    return (start + timedelta(days=n) for n in range((end - start).days + 1))


def _working(day: date, found: list[Holiday]) -> bool:
    """Monday to Friday and no full-day holiday among ``found`` (a half day still counts)."""
    return day.weekday() < 5 and not any(h.day == day and not h.half_day for h in found)


def is_working_day(city: PartnerCity, day: date) -> bool:
    """True if the host administration of ``city`` works on ``day`` (at least half a day)."""
    return _working(day, public_holidays(city, day, day))


def working_days(city: PartnerCity, start: date, end: date) -> list[date]:
    """The city's working days from ``start`` to ``end``, both included."""
    found = public_holidays(city, start, end)
    return [day for day in days_between(start, end) if _working(day, found)]


def german_date(day: date) -> str:
    """A day for German messages, e.g. "Fr., 27.11.2026"."""
    return format_date(day, "EEE, dd.MM.yyyy", locale="de")
