"""The host-family register of a partner city and the matching of families to a stay.

Host-family data is personal: only HR and the city's admins see it (``access.manages_city``).
Audit rows name the changed fields and the non-personal figures, never names or addresses,
so that a deletion on request leaves no personal data behind.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass

from flask_babel import gettext as _

from intranet.models import Application, HostAvailability, HostFamily, Placement, UserLanguage, utcnow
from intranet.platform.audit import record
from intranet.platform.db import db

#: fields of the form that the register stores
FIELDS = (
    "household",
    "address",
    "contact_name",
    "email",
    "phone",
    "languages",
    "capacity",
    "rooms",
    "notes",
    "consent_date",
    "consent_scope",
)


class RegisterRefused(Exception):
    """A change to the register that is not possible; the message is German."""


def _facts(family: HostFamily) -> dict:
    """What the audit trail may keep about a family: no names, addresses or notes."""
    return {
        "city": family.city,
        "capacity": family.capacity,
        "rooms": family.rooms,
        "languages": list(family.languages),
        "consent_date": str(family.consent_date),
    }


def create(user, city: str, values: dict) -> HostFamily:
    """Enter a family with its recorded consent."""
    with db.atomic():
        family = HostFamily.create(city=city, **{k: values[k] for k in FIELDS})
        record(user, "host_family_created", family, None, _facts(family))
    return family


def update(user, family: HostFamily, values: dict) -> HostFamily:
    """Change a family's entry; the audit row lists which fields changed."""
    changed = sorted(k for k in FIELDS if getattr(family, k) != values[k])
    if not changed:
        return family
    before = _facts(family)
    with db.atomic():
        HostFamily.update(updated_at=utcnow(), **{k: values[k] for k in FIELDS}).where(
            HostFamily.id == family.id
        ).execute()
        fresh = HostFamily.get_by_id(family.id)
        record(user, "host_family_changed", fresh, before, {**_facts(fresh), "changed": changed})
    return fresh


def delete(user, family: HostFamily) -> None:
    """Delete a family on request: its personal data and availability go, placements lose the link."""
    with db.atomic():
        Placement.update(host_family=None).where(Placement.host_family == family.id).execute()
        HostAvailability.delete().where(HostAvailability.family == family.id).execute()
        HostFamily.delete().where(HostFamily.id == family.id).execute()
        record(user, "host_family_deleted", family, {"city": family.city}, None, _("Löschung auf Antrag"))


def add_window(user, family: HostFamily, start, end) -> HostAvailability:
    """Record a period in which the family can host."""
    if end < start:
        raise RegisterRefused(_("Das Ende darf nicht vor dem Beginn liegen."))
    with db.atomic():
        window = HostAvailability.create(family=family, start_date=start, end_date=end)
        record(user, "host_availability_added", family, None, {"start": str(start), "end": str(end)})
    return window


def remove_window(user, family: HostFamily, window_id: int) -> None:
    """Remove one of the family's availability periods."""
    window = HostAvailability.get_or_none(
        (HostAvailability.id == window_id) & (HostAvailability.family == family)
    )
    if window is None:
        raise RegisterRefused(_("Diesen Zeitraum gibt es nicht (mehr)."))
    with db.atomic():
        window.delete_instance()
        before = {"start": str(window.start_date), "end": str(window.end_date)}
        record(user, "host_availability_removed", family, before, None)


# ---------------------------------------------------------------- matching


@dataclass(frozen=True)
class Suggestion:
    """A family for a stay, with what speaks for it."""

    family: HostFamily
    covers: bool  #: one availability window covers the whole stay
    shared: tuple[str, ...]  #: languages both the family and the trainee speak
    free: int  #: places left during the stay

    @property
    def fits(self) -> bool:
        """Available for the whole stay with a free place."""
        return self.covers and self.free > 0


def windows(families) -> dict[int, list[HostAvailability]]:
    """Availability windows of several families in one query, by family id."""
    found = defaultdict(list)
    query = HostAvailability.select().where(HostAvailability.family.in_([f.id for f in families]))
    for window in query.order_by(HostAvailability.start_date):
        found[window.family_id].append(window)
    return found


def trainee_languages(user) -> set[str]:
    """German plus the languages in the trainee's profile."""
    rows = UserLanguage.select(UserLanguage.language).where(UserLanguage.user == user)
    return {"de", *(row.language for row in rows)}


def occupied(family_ids, start, end, exclude: int | None = None) -> Counter:
    """Trainees placed with each family during ``start``–``end`` (placed applications only)."""
    query = (
        Placement.overlapping(family_ids, start, end)
        .join(Application)
        .where((Application.status == "placed") & (Application.id != (exclude or 0)))
    )
    return Counter(p.host_family_id for p in query)


def suggestions(application: Application) -> list[Suggestion]:
    """The city's families ranked for an application's stay (see ``rank``)."""
    families = list(HostFamily.for_city(application.city))
    start, end = application.start_date, application.end_date
    busy = occupied([f.id for f in families], start, end, exclude=application.id)
    return rank(families, start, end, trainee_languages(application.applicant_id), busy)


def rank(families: list[HostFamily], start, end, spoken: set[str], busy: Counter) -> list[Suggestion]:
    """Families ranked: covering the dates, then free place, language overlap, free places."""
    available = windows(families)
    rows = [
        Suggestion(
            family,
            any(w.start_date <= start and w.end_date >= end for w in available[family.id]),
            tuple(code for code in family.languages if code in spoken),
            family.capacity - busy[family.id],
        )
        for family in families
    ]
    return sorted(
        rows, key=lambda s: (not s.covers, s.free <= 0, -len(s.shared), -s.free, s.family.household)
    )
