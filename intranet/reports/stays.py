"""Who is where when: Siegburg's trainees in the partner cities and partner trainees in Siegburg.

One list for the calendar page and the iCalendar feeds, cut to what the viewer may see:
HR sees every stay, a city admin the stays of their cities (and their own), an employee
only the stays of their own applications. Two queries, whatever the number of stays.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from peewee import JOIN

from intranet.cities.registry import registry
from intranet.cities.workdays import days_between
from intranet.models import Application, InboundTrainee, Placement, User
from intranet.models.base import shares_days

#: application states in which a stay really takes place
OUTBOUND_STATUSES = ("approved", "placed", "completed")
SIEGBURG = "Siegburg"


@dataclass(frozen=True)
class Stay:
    """One stay: a person, where and from which city, first and last day."""

    uid: str  #: stable across requests, e.g. "application-12" (iCalendar UID, HTML id)
    kind: str  #: "outbound" (a Siegburg trainee abroad) or "inbound" (a partner trainee in Siegburg)
    person: str
    city: str  #: partner city slug: destination of an outbound, home of an inbound stay
    city_name: str
    where: str  #: the place of the stay in German
    start: date
    end: date
    department: str = ""  #: the department, once the city admin placed the trainee
    applicant_id: int | None = None  #: owner of an outbound stay

    @property
    def days(self) -> int:
        """Calendar days, both ends included."""
        return (self.end - self.start).days + 1


@dataclass(frozen=True)
class Scope:
    """What a viewer may see: every city, some cities, and/or the stays of one applicant."""

    all_cities: bool = False
    cities: frozenset = frozenset()
    applicant_id: int | None = None

    @classmethod
    def of(cls, user) -> "Scope":
        """The calendar scope of a user's roles."""
        cities = frozenset(user.city_scopes) if user.has_role("city_admin") else frozenset()
        return cls(all_cities=user.has_role("hr"), cities=cities, applicant_id=user.id)

    def covers(self, city: str) -> bool:
        """True if every stay of ``city`` is visible."""
        return self.all_cities or city in self.cities


def _outbound(scope: Scope, start: date, end: date, city: str | None) -> list[Stay]:
    placement = Placement.alias()
    query = (
        Application.select(Application, User.id, User.display_name, placement.department)
        .join(User)
        .switch(Application)
        .join(placement, JOIN.LEFT_OUTER, on=(placement.application == Application.id), attr="placement")
        .where(Application.status.in_(OUTBOUND_STATUSES) & shares_days(Application, start, end))
    )
    if not scope.all_cities:
        query = query.where(
            Application.city.in_(scope.cities) | (Application.applicant == scope.applicant_id)
        )
    if city:
        query = query.where(Application.city == city)
    return [_outbound_stay(a) for a in query]


def _outbound_stay(application: Application) -> Stay:
    city = registry().get(application.city)
    placed = getattr(application, "placement", None)
    return Stay(
        uid=f"application-{application.id}",
        kind="outbound",
        person=application.applicant.display_name,
        city=application.city,
        city_name=city.name_de if city else application.city,
        where=city.name_de if city else application.city,
        start=application.start_date,
        end=application.end_date,
        department=(placed.department if placed and placed.department else ""),
        applicant_id=application.applicant_id,
    )


def _inbound(scope: Scope, start: date, end: date, city: str | None) -> list[Stay]:
    if not scope.all_cities and not scope.cities:
        return []
    query = InboundTrainee.select().where(
        (InboundTrainee.status != "cancelled") & shares_days(InboundTrainee, start, end)
    )
    if not scope.all_cities:
        query = query.where(InboundTrainee.city.in_(scope.cities))
    if city:
        query = query.where(InboundTrainee.city == city)
    return [_inbound_stay(t) for t in query]


def _inbound_stay(trainee: InboundTrainee) -> Stay:
    city = registry().get(trainee.city)
    return Stay(
        uid=f"inbound-{trainee.id}",
        kind="inbound",
        person=trainee.name,
        city=trainee.city,
        city_name=city.name_de if city else trainee.city,
        where=SIEGBURG,
        start=trainee.start_date,
        end=trainee.end_date,
    )


def stays(scope: Scope, start: date, end: date, city: str | None = None) -> list[Stay]:
    """The visible stays sharing a day with ``start``–``end``, optionally of one city, by first day."""
    found = _outbound(scope, start, end, city) + _inbound(scope, start, end, city)
    return sorted(found, key=lambda s: (s.start, s.end, s.person, s.uid))


def days_of_month(first: date) -> list[date]:
    """Every day of the month that starts on ``first``."""
    following = (first + timedelta(days=31)).replace(day=1)
    return list(days_between(first, following - timedelta(days=1)))


def month_grid(first: date) -> list[list[date]]:
    """The weeks (Monday to Sunday) that cover the month starting on ``first``."""
    days = days_of_month(first)
    start = days[0] - timedelta(days=days[0].weekday())
    end = days[-1] + timedelta(days=6 - days[-1].weekday())
    cells = list(days_between(start, end))
    return [cells[i : i + 7] for i in range(0, len(cells), 7)]


def fill(grid: list[list[date]], found: list[Stay]) -> list[list[tuple[date, list[Stay]]]]:
    """Each day of the grid with the stays that include it."""
    return [[(day, [s for s in found if s.start <= day <= s.end]) for day in week] for week in grid]
