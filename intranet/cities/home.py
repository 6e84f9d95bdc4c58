"""Siegburg as host: described like a partner city, with its NRW public holidays and office closures."""

from datetime import date

from intranet.cities.workdays import days_between, german_date, library_holidays
from intranet.hookspecs import PartnerCity
from intranet.models import OfficeClosure, shares_days

SLUG = "siegburg"


#: Siegburg described like a partner city, so the holiday helpers of ``calendar`` serve it too
SIEGBURG = PartnerCity(
    slug=SLUG,
    name_de="Siegburg",
    name_local="Siegburg",
    country="DE",
    country_de="Deutschland",
    region="Nordrhein-Westfalen",
    languages=("de",),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Berlin",
    partner_since="",
    short_label="SU",
    holiday_subdiv="NW",
    coordinates=(50.8010, 7.2044),  # Siegburg town centre (Markt), sending town of every stay
)


def closed_days(start: date, end: date) -> dict[date, str]:
    """Working days (Mon–Fri) from ``start`` to ``end`` on which the administration is closed, with why."""
    found = {h.day: h.name for h in library_holidays(SIEGBURG, start, end)}
    for closure in OfficeClosure.select().where(shares_days(OfficeClosure, start, end)):
        for day in days_between(max(start, closure.start_date), min(end, closure.end_date)):
            found.setdefault(day, closure.reason)
    return {day: why for day, why in sorted(found.items()) if day.weekday() < 5}


def working_days(start: date, end: date) -> list[date]:
    """Siegburg's working days from ``start`` to ``end``, both included."""
    closed = closed_days(start, end)
    return [day for day in days_between(start, end) if day.weekday() < 5 and day not in closed]


def describe(closed: dict[date, str]) -> str:
    """Closed days for a German message, e.g. "Do., 27.05.2027 (Fronleichnam)"."""
    return ", ".join(f"{german_date(day)} ({why})" for day, why in closed.items())
