"""Siegburg as host: its calendar (NRW public holidays, office closures) and its departments, kept by HR."""

from datetime import date

from flask_babel import gettext as _

from intranet.models import Department, OfficeClosure
from intranet.platform.audit import record
from intranet.platform.db import db

DEPARTMENT_FIELDS = ("name", "capacity", "active")


class SiegburgRefused(Exception):
    """A change to departments or closures that is not possible; the message is German."""


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
