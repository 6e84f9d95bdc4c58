"""Public holidays from the ``holidays`` library and working days of a host city."""

from datetime import date, timedelta
from functools import lru_cache

import holidays
from babel.dates import format_date

from intranet.cities import holiday_names
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


def _unmarked(name: str) -> tuple[str, bool]:
    """The name without the library's "estimated" marker, and whether it was there."""
    marker = next((m for m in ESTIMATED_MARKERS if m in name), None)
    return (name.replace(marker, "").replace("  ", " ").strip(), True) if marker else (name, False)


def _names(country: str, subdiv: str | None, language: str | None, year: int, categories) -> dict:
    """Day → name in ``language`` (the library's default language when None)."""
    found = holidays.country_holidays(
        country, subdiv=subdiv, years=year, language=language, categories=categories
    )
    return dict(found.items())


def _holiday(day: date, local: str, english: str, own: dict, german: dict, half_day: bool) -> Holiday:
    """A Holiday named in German (the library's, else from the English name), the local name beside it."""
    local, estimated = _unmarked(local)
    if day in german:
        name = _unmarked(german[day])[0]
    else:
        name = holiday_names.german(_unmarked(english)[0], own)
        if name and name.endswith(holiday_names.QUALIFIED):
            local = holiday_names.without_qualifier(local)
    return Holiday(day, name or local, estimated=estimated, half_day=half_day, local_name=local)


@lru_cache(maxsize=256)
def _year(city: PartnerCity, year: int) -> tuple[Holiday, ...]:
    """All holidays of one year; half days only where the library knows that category."""
    country, subdiv = city.country, city.holiday_subdiv
    language = _language(country, city.languages[0]) if city.languages else None
    de, en = _language(country, "de"), _language(country, "en") or "en_US"
    own = dict(city.holiday_names_de)
    groups = [(("public",), False)]
    if HALF_DAY in holidays.country_holidays(country).supported_categories:
        groups.append(((HALF_DAY,), True))
    days, seen = [], set()
    for categories, half_day in groups:
        local = _names(country, subdiv, language, year, categories)
        english = _names(country, subdiv, en, year, categories)
        german = _names(country, subdiv, de, year, categories) if de else {}
        for day, name in local.items():
            if day not in seen:
                seen.add(day)
                days.append(_holiday(day, name, english.get(day, name), own, german, half_day))
    return tuple(sorted(days, key=lambda h: h.day))


def library_holidays(city: PartnerCity, start: date, end: date) -> list[Holiday]:
    """Holidays of ``city.country`` / ``city.holiday_subdiv`` from the library, in German and locally."""
    found = []
    for year in range(start.year, end.year + 1):
        found += [h for h in _year(city, year) if start <= h.day <= end]
    return found


def public_holidays(city: PartnerCity, start: date, end: date) -> list[Holiday]:
    """The city's holidays as its plugin (or the core default) answers ``public_holidays``."""
    return registry().call(city.slug, "public_holidays", start=start, end=end)


def days_between(start: date, end: date):
    """Every day from ``start`` to ``end``, both included."""
    return (start + timedelta(days=n) for n in range((end - start).days + 1))


def _working(day: date, found: list[Holiday]) -> bool:
    """Monday to Friday and no certain full-day holiday among ``found`` (a half day still counts)."""
    return day.weekday() < 5 and not any(h.day == day and not h.half_day and not h.uncertain for h in found)


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
