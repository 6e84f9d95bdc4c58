"""What trainees can read about a partner city before they apply: facts, rules, documents, contacts."""

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from babel import Locale
from flask_babel import get_locale

from intranet.cities import workdays
from intranet.cities.registry import registry
from intranet.hookspecs import PartnerCity
from intranet.models import Application

GERMANY = ZoneInfo("Europe/Berlin")


def offset_to_germany(city: PartnerCity, when: datetime) -> float:
    """Hours the city's clock is ahead of (positive) or behind (negative) German time at ``when``."""
    local = when.astimezone(ZoneInfo(city.timezone)).utcoffset()
    german = when.astimezone(GERMANY).utcoffset()
    return (local - german).total_seconds() / 3600


def language_names(city: PartnerCity) -> list[str]:
    """The city's languages named in the UI language, e.g. "Portugiesisch"."""
    names = Locale.parse(str(get_locale())).languages
    return [names.get(code, code) for code in city.languages]


def rules_and_contacts(city: PartnerCity) -> dict:
    """The city's rules in plain German and its contacts (for the form and the city page)."""
    return {
        "rules": registry().call(city.slug, "rule_summaries"),
        "contacts": registry().call(city.slug, "contacts"),
    }


def overview(city: PartnerCity, today: date) -> dict:
    """Everything the city page shows, with the holidays of the next twelve months."""
    blank = Application(city=city.slug)
    return {
        **rules_and_contacts(city),
        "languages": language_names(city),
        "offset": offset_to_germany(city, datetime.now(UTC)),
        "documents": registry().call(city.slug, "required_documents", application=blank),
        "holidays": workdays.public_holidays(city, today, today + timedelta(days=365)),
    }
