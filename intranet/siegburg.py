"""Siegburg as host: its calendar (NRW public holidays, office closures) and its departments, kept by HR."""

from datetime import date

from flask_babel import gettext as _

from intranet.calendar import days_between, german_date, library_holidays
from intranet.hookspecs import PartnerCity
from intranet.models import Department, OfficeClosure, shares_days
from intranet.platform.audit import record
from intranet.platform.db import db

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
)
DEPARTMENT_FIELDS = ("name", "capacity", "active")


class SiegburgRefused(Exception):
    """A change to departments or closures that is not possible; the message is German."""


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


def departments(active_only: bool = False):
    """Siegburg's departments by name."""
    query = Department.select().order_by(Department.name)
    return query.where(Department.active == True) if active_only else query  # noqa: E712


def _taken(name: str, exclude: int | None = None) -> bool:
    same = Department.select().where((Department.name == name) & (Department.id != (exclude or 0)))
    return same.exists()


def save_department(user, department: Department | None, values: dict) -> Department:
    """Create a department or change one; one audit row with the fields before and after."""
    values = {key: values[key] for key in DEPARTMENT_FIELDS}
    values["name"] = values["name"].strip()
    if _taken(values["name"], department.id if department else None):
        raise SiegburgRefused(_("Eine Abteilung „%(name)s“ gibt es schon.", name=values["name"]))
    with db.atomic():
        if department is None:
            department = Department.create(**values)
            record(user, "department_created", department, None, values)
            return department
        before = {key: getattr(department, key) for key in DEPARTMENT_FIELDS}
        if before == values:
            return department
        Department.update(**values).where(Department.id == department.id).execute()
        record(user, "department_changed", department, before, values)
    return Department.get_by_id(department.id)


def add_closure(user, start: date, end: date, reason: str) -> OfficeClosure:
    """Record days on which the administration is closed (e.g. the day after Weiberfastnacht)."""
    if end < start:
        raise SiegburgRefused(_("Das Ende darf nicht vor dem Beginn liegen."))
    with db.atomic():
        closure = OfficeClosure.create(start_date=start, end_date=end, reason=reason.strip(), created_by=user)
        record(user, "office_closure_created", closure, None, _closure_facts(closure))
    return closure


def delete_closure(user, closure: OfficeClosure) -> None:
    """Remove a closure; the audit row keeps its dates and reason."""
    with db.atomic():
        OfficeClosure.delete().where(OfficeClosure.id == closure.id).execute()
        record(user, "office_closure_deleted", closure, _closure_facts(closure), None)


def _closure_facts(closure: OfficeClosure) -> dict:
    return {"start": str(closure.start_date), "end": str(closure.end_date), "reason": closure.reason}


def closures(from_day: date):
    """Closures that end on or after ``from_day``, earliest first."""
    return OfficeClosure.select().where(OfficeClosure.end_date >= from_day).order_by(OfficeClosure.start_date)
