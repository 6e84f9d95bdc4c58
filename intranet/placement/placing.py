"""Placing an approved trainee: department, mentor, host family, travel; and the city admin's overview."""

from datetime import date
from functools import partial

from flask_babel import gettext as _

from intranet.hostfamilies.households import occupied
from intranet.models import Application, BlockedPeriod, CapacityWindow, HostFamily, Placement, host_answers
from intranet.outbound import workflow
from intranet.outbound.workflow import TransitionRefused
from intranet.people.access import manages_city
from intranet.platform.audit import record
from intranet.platform.db import db

#: fields of the placement form that the placement stores
FIELDS = (
    "department",
    "mentor",
    "mentor_role",
    "mentor_email",
    "working_hours",
    "meeting_point",
    "meeting_time",
    "arrival",
    "departure",
    "travel_booked",
)


#: fields a caller may leave out: kept on a change, empty on a new placement
OPTIONAL = ("mentor_role", "mentor_email", "working_hours", "meeting_point", "meeting_time")


def _fields(values: dict, placement: Placement | None = None) -> dict:
    """The placement's stored fields from ``values``; left-out optional ones kept or empty."""
    fields = {k: values[k] for k in FIELDS if k not in OPTIONAL}
    for k in OPTIONAL:  # an empty form field arrives as None
        fields[k] = (values[k] or "") if k in values else (getattr(placement, k) if placement else "")
    return fields


def _family(application: Application, values: dict) -> HostFamily:
    """The chosen family, refused unless it belongs to the city and has a free place for the stay."""
    family_id = str(values.get("host_family") or "")
    family = HostFamily.get_or_none(
        (HostFamily.id == (int(family_id) if family_id.isdigit() else 0))
        & (HostFamily.city == application.city)
    )
    if family is None:
        raise TransitionRefused(_("Diese Gastfamilie gibt es in dieser Partnerstadt nicht (mehr)."))
    taken = occupied([family.id], values["arrival"], values["departure"], exclude=application.id)[family.id]
    if taken >= family.capacity:
        raise TransitionRefused(
            _(
                "Die Gastfamilie „%(name)s“ hat in diesem Zeitraum keinen freien Platz mehr.",
                name=family.household,
            )
        )
    return family


def _audit_facts(placement: Placement) -> dict:
    """The placement for the audit row: no names of the mentor or the family."""
    return {
        "department": placement.department,
        "host_family": placement.host_family_id,
        "arrival": str(placement.arrival),
        "departure": str(placement.departure),
        "travel_booked": placement.travel_booked,
    }


def _save(user, family: HostFamily, values: dict, application: Application) -> dict:
    """The transition's effect: store the placement in the same transaction."""
    placement = Placement.create(
        application=application, host_family=family, placed_by=user, **_fields(values)
    )
    return {"placement": _audit_facts(placement)}


def place(user, application: Application, values: dict) -> Application:
    """Place an approved trainee; the status becomes "placed", audited, and the trainee is mailed."""
    if not manages_city(user, application.city):
        raise TransitionRefused(_("Dazu sind Sie nicht berechtigt."))
    with db.atomic():
        family = _family(application, values)
        return workflow.transition(user, application, "place", effect=partial(_save, user, family, values))


def change(user, application: Application, values: dict) -> Placement:
    """Change the placement of an already placed trainee (e.g. travel booked later)."""
    placement = Placement.get_or_none(Placement.application == application.id)
    if placement is None or application.status != "placed" or not manages_city(user, application.city):
        raise TransitionRefused(_("Diese Bewerbung ist nicht vermittelt."))
    with db.atomic():
        family = _family(application, values)
        before = _audit_facts(placement)
        Placement.update(
            host_family=family, version=Placement.version + 1, **_fields(values, placement)
        ).where(Placement.id == placement.id).execute()
        fresh = Placement.get_by_id(placement.id)
        record(user, "placement_changed", application, before, _audit_facts(fresh))
    return fresh


def _ahead(model, slug: str, today: date):
    """A city's periods that have not ended yet."""
    return model.select().where((model.city == slug) & (model.end_date >= today)).order_by(model.start_date)


def overview(slug: str, today: date) -> dict:
    """What the city admin's dashboard shows for one city."""
    stays = (
        Application.select(Application, Placement)
        .join(Placement)
        .where(
            (Application.city == slug) & (Application.status == "placed") & (Application.end_date >= today)
        )
        .order_by(Application.start_date)
    )
    waiting = list(
        Application.select()
        .where((Application.city == slug) & (Application.status == "approved"))
        .order_by(Application.start_date)
    )
    stays = list(stays)
    return {
        "waiting": waiting,
        "current": [a for a in stays if a.start_date <= today],
        "upcoming": [a for a in stays if a.start_date > today],
        "host": host_answers(a.id for a in waiting + stays),
        "families": HostFamily.select().where(HostFamily.city == slug).count(),
        "blocked": _ahead(BlockedPeriod, slug, today),
        "capacity": _ahead(CapacityWindow, slug, today),
    }
