"""A partner trainee's week-by-week rotation through Siegburg's departments, within their capacity.

A department takes ``capacity`` partner trainees in the same week; weeks of other planned
trainees count, cancelled ones do not (their weeks are deleted on cancellation anyway).
"""

from collections import Counter
from dataclasses import dataclass, field
from datetime import date, timedelta

from flask_babel import gettext as _

from intranet.cities.workdays import german_date
from intranet.models import Department, InboundTrainee, RotationWeek
from intranet.platform.audit import record
from intranet.platform.db import db


class RotationRefused(Exception):
    """A week that cannot be planned as asked; the message is German and names the problem."""


@dataclass
class Week:
    """One week of the stay: the saved department, the proposal, and free places per department."""

    start: date  #: the Monday
    saved: int | None  #: department id saved for the week
    proposed: int | None  #: department the proposal picks (the saved one if there is one)
    free: dict[int, int] = field(default_factory=dict)  #: department id → places left for this trainee


@dataclass
class Plan:
    """The rotation editor's content: departments to choose from and the weeks of the stay."""

    departments: list[Department]
    weeks: list[Week]

    @property
    def open_proposals(self) -> int:
        """Weeks without a saved department for which the proposal has one."""
        return sum(1 for w in self.weeks if w.saved is None and w.proposed is not None)


def weeks(start: date, end: date) -> list[date]:
    """Mondays of the weeks that hold at least one weekday of ``start``–``end``."""
    first = start - timedelta(days=start.weekday())
    mondays = [first + timedelta(weeks=n) for n in range((end - first).days // 7 + 1)]
    return [m for m in mondays if any(start <= m + timedelta(days=d) <= end for d in range(5))]


def taken(mondays: list[date], exclude: int | None) -> Counter:
    """(week, department id) → places taken by other planned trainees, in one query."""
    rows = (
        RotationWeek.select(RotationWeek.week_start, RotationWeek.department)
        .join(InboundTrainee)
        .where(
            RotationWeek.week_start.in_(mondays)
            & (InboundTrainee.status == "planned")
            & (InboundTrainee.id != (exclude or 0))
        )
    )
    return Counter((row.week_start, row.department_id) for row in rows)


def _pick(free: dict[int, int], used: set[int]) -> int | None:
    """The department with the most free places that the trainee has not had yet."""
    candidates = [(-places, dep) for dep, places in free.items() if places > 0 and dep not in used]
    return min(candidates)[1] if candidates else None


def plan(trainee: InboundTrainee) -> Plan:
    """Saved weeks plus a proposal for the open ones: a different department each week, one with room."""
    mondays = weeks(trainee.start_date, trainee.end_date)
    saved = {row.week_start: row.department_id for row in trainee.rotation}
    choices = [d for d in Department.select().order_by(Department.name) if d.active or d.id in saved.values()]
    busy = taken(mondays, trainee.id)
    used = set(saved.values())
    rows = []
    for monday in mondays:
        free = {d.id: d.capacity - busy[(monday, d.id)] for d in choices if d.active}
        proposed = saved.get(monday) or _pick(free, used)
        used.add(proposed)
        rows.append(Week(monday, saved.get(monday), proposed, free))
    return Plan(choices, rows)


def _claim(trainee: InboundTrainee, monday: date, department: Department) -> None:
    """Refuse when the department is full that week; call inside the transaction that saves the week."""
    # touching the row makes concurrent claims of the department wait (PostgreSQL row lock)
    Department.update(capacity=Department.capacity).where(Department.id == department.id).execute()
    capacity = Department.get_by_id(department.id).capacity  # as committed, after the lock
    if taken([monday], trainee.id)[(monday, department.id)] >= capacity:
        week = german_date(monday)
        message = _(
            "Die Abteilung „%(name)s“ ist in der Woche ab %(week)s schon voll belegt.",
            name=department.name,
            week=week,
        )
        raise RotationRefused(message)


def _guard(trainee: InboundTrainee, monday: date) -> None:
    if trainee.status != "planned":
        raise RotationRefused(_("Für abgesagte Gäste wird keine Rotation geplant."))
    if monday not in weeks(trainee.start_date, trainee.end_date):
        raise RotationRefused(_("Diese Woche gehört nicht zum Aufenthalt."))


def set_week(user, trainee: InboundTrainee, monday: date, department: Department | None) -> None:
    """Save (or with ``None`` clear) the department of one week; one audit row."""
    _guard(trainee, monday)
    row = RotationWeek.get_or_none((RotationWeek.trainee == trainee) & (RotationWeek.week_start == monday))
    before = row.department_id if row else None
    after = department.id if department else None
    if before == after:
        return
    if department is not None and not department.active:
        raise RotationRefused(
            _("Die Abteilung „%(name)s“ nimmt zurzeit keine Gäste auf.", name=department.name)
        )
    with db.atomic():
        if department is None:
            row.delete_instance()
        else:
            _claim(trainee, monday, department)
            RotationWeek.insert(trainee=trainee, week_start=monday, department=department).on_conflict(
                conflict_target=[RotationWeek.trainee, RotationWeek.week_start],
                update={RotationWeek.department: department.id},
            ).execute()
        record(
            user,
            "rotation_week_set",
            trainee,
            {"week": str(monday), "department": before},
            {"department": after},
        )


def apply_proposal(user, trainee: InboundTrainee) -> int:
    """Save the proposal for every open week; one audit row; returns the number of weeks saved."""
    if trainee.status != "planned":
        raise RotationRefused(_("Für abgesagte Gäste wird keine Rotation geplant."))
    proposal = [w for w in plan(trainee).weeks if w.saved is None and w.proposed is not None]
    if not proposal:
        return 0
    with db.atomic():
        for week in proposal:
            _claim(trainee, week.start, Department.get_by_id(week.proposed))
            RotationWeek.create(trainee=trainee, week_start=week.start, department=week.proposed)
        after = {str(w.start): w.proposed for w in proposal}
        record(user, "rotation_proposed", trainee, None, after)
    return len(proposal)


def trim(trainee: InboundTrainee) -> list[str]:
    """Delete the weeks that no longer belong to the stay (after a change of dates); the removed weeks."""
    keep = weeks(trainee.start_date, trainee.end_date)
    gone = trainee.rotation.where(RotationWeek.week_start.not_in(keep))
    removed = [str(row.week_start) for row in gone]
    RotationWeek.delete().where(
        (RotationWeek.trainee == trainee) & RotationWeek.week_start.not_in(keep)
    ).execute()
    return removed


def release(trainee: InboundTrainee) -> int:
    """Free all weeks of the trainee (on cancellation); the number of weeks freed."""
    return RotationWeek.delete().where(RotationWeek.trainee == trainee).execute()
