"""Partner trainees staying in Siegburg: register, change and cancel them, with Siegburg's checks.

HR and the admins of the trainee's city register them (the guests have no account). Only HR
picks the Siegburg host family: its data is Siegburg's and visible to HR alone. Audit rows keep
dates, city and the names of changed fields, not the guest's personal data.
"""

from collections import Counter
from datetime import date

from flask import abort
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities import home
from intranet.cities.defaults.stay import MAX_DAYS, MIN_DAYS
from intranet.cities.registry import registry
from intranet.hookspecs import Finding
from intranet.hostfamilies import households
from intranet.inbound import rotation
from intranet.models import HostFamily, InboundTrainee, utcnow
from intranet.people.access import manages_city
from intranet.people.profiles import LANGUAGES
from intranet.platform.audit import record
from intranet.platform.db import db

#: columns a form may write; everything else (status, version, creator) is the domain's
FIELDS = (
    "city",
    "first_name",
    "last_name",
    "email",
    "date_of_birth",
    "home_administration",
    "training",
    "training_track",
    "training_year",
    "languages",
    "letter_language",
    "start_date",
    "end_date",
    "arrival",
    "departure",
    "travel",
    "mentor",
    "host_family",
)
HR_ONLY = ("host_family",)


class InboundRefused(Exception):
    """A registration or change that cannot be saved; the message is German."""


class StaleGuest(InboundRefused):
    """The guest was changed by somebody else since the form was loaded."""

    def __init__(self, message: str, version: int):
        super().__init__(message)
        self.version = version  #: the stored version, for a deliberate second save


def visible(user, city: str = "", year: int | None = None):
    """Guests the user looks after (all for HR, those of their own cities for city admins), newest
    first, optionally of one city and of stays starting in one year."""
    query = InboundTrainee.select().order_by(InboundTrainee.start_date.desc(), InboundTrainee.id.desc())
    if not user.has_role("hr"):
        query = query.where(InboundTrainee.city.in_(sorted(user.city_scopes)))
    if city:
        query = query.where(InboundTrainee.city == city)
    if year:
        query = query.where(InboundTrainee.start_date.between(date(year, 1, 1), date(year, 12, 31)))
    return query


def check(values: dict, exclude: int | None = None) -> list[Finding]:
    """Siegburg's checks of a registration; errors block saving, warnings are shown."""
    start, end = values.get("start_date"), values.get("end_date")
    findings = _letter_language(values.get("city"), values.get("letter_language"))
    if start and end:
        findings += _stay(start, end)
        findings += _travel(start, end, values.get("arrival"), values.get("departure"))
    if values.get("host_family"):
        findings += _family(values, exclude)
    return findings


def _stay(start, end) -> list[Finding]:
    if end < start:
        return [Finding("error", _("Das Ende liegt vor dem Beginn."), "end_date", "date_order")]
    days = (end - start).days + 1
    findings = []
    if not MIN_DAYS <= days <= MAX_DAYS:
        message = _("Der Aufenthalt dauert %(days)s Tage; erlaubt sind 14 bis 21 Tage.", days=days)
        findings.append(Finding("error", message, "end_date", "duration"))
    closed = home.closed_days(start, end)
    if closed:
        message = _("In dieser Zeit ist die Verwaltung geschlossen: %(days)s.", days=home.describe(closed))
        findings.append(Finding("warning", message, None, "closed"))
    count = len(home.working_days(start, end))
    findings.append(Finding("info", _("%(n)s Arbeitstage in der Verwaltung.", n=count), None, "working_days"))
    return findings


def _travel(start, end, arrival, departure) -> list[Finding]:
    findings = []
    if arrival and arrival > start:
        message = _("Die Anreise muss spätestens am ersten Tag in der Verwaltung liegen.")
        findings.append(Finding("error", message, "arrival", "arrival"))
    if departure and departure < end:
        message = _("Die Abreise darf nicht vor dem letzten Tag in der Verwaltung liegen.")
        findings.append(Finding("error", message, "departure", "departure"))
    return findings


def letter_languages(city_slug: str | None) -> list[str]:
    """Languages the letters for a guest of the city may use besides German."""
    city = registry().get(city_slug) if city_slug else None
    return [*(city.languages if city else ()), "de"]


def _letter_language(city_slug, code) -> list[Finding]:
    allowed = letter_languages(city_slug)
    if city_slug not in registry() or code in allowed:
        return []
    names = ", ".join(str(LANGUAGES.get(c, c)) for c in allowed)
    message = _("Briefe für Gäste aus dieser Stadt gibt es nur auf %(names)s.", names=names)
    return [Finding("error", message, "letter_language", "letter_language")]


def _nights(values: dict):
    """The host family's dates: arrival to departure, else the stay itself."""
    start = values.get("arrival") or values.get("start_date")
    end = values.get("departure") or values.get("end_date")
    return start, end


def occupied(family_ids, start, end, exclude: int | None = None) -> Counter:
    """Trainees with each family in ``start``–``end``: placed partner stays and planned guests."""
    guests = InboundTrainee.select(InboundTrainee.host_family).where(
        InboundTrainee.host_family.in_(family_ids)
        & (InboundTrainee.status == "planned")
        & (InboundTrainee.id != (exclude or 0))
        & (InboundTrainee.arrival <= end)
        & (InboundTrainee.departure >= start)
    )
    return households.occupied(family_ids, start, end) + Counter(g.host_family_id for g in guests)


def family_options(values: dict, exclude: int | None = None) -> list[households.Suggestion]:
    """Siegburg's host families ranked for the guest's dates and languages."""
    families = list(HostFamily.for_city(home.SLUG))
    start, end = _nights(values)
    if not (start and end):
        return [households.Suggestion(f, False, (), f.capacity) for f in families]
    spoken = {"de", *(row["code"] for row in values.get("languages") or [])}
    busy = occupied([f.id for f in families], start, end, exclude)
    return households.rank(families, start, end, spoken, busy)


def _family(values: dict, exclude: int | None) -> list[Finding]:
    family = HostFamily.get_or_none((HostFamily.id == values["host_family"]) & (HostFamily.city == home.SLUG))
    if family is None:
        return [Finding("error", _("Diese Gastfamilie gibt es nicht (mehr)."), "host_family", "family")]
    start, end = _nights(values)
    if not (start and end):
        return []
    option = next(o for o in family_options(values, exclude) if o.family.id == family.id)
    if option.free <= 0:
        message = _("%(name)s hat in dieser Zeit keinen freien Platz.", name=family.household)
        return [Finding("error", message, "host_family", "family_full")]
    if not option.covers:
        message = _("%(name)s hat für diese Zeit keine Verfügbarkeit eingetragen.", name=family.household)
        return [Finding("warning", message, "host_family", "family_window")]
    return []


def _writable(user, values: dict) -> dict:
    """The whitelisted fields; the host family only from HR."""
    allowed = FIELDS if user.has_role("hr") else tuple(f for f in FIELDS if f not in HR_ONLY)
    return {key: values[key] for key in allowed if key in values}


def _guard(user, values: dict, exclude: int | None) -> None:
    """Refuse a city outside the user's scope or values with error findings."""
    if values.get("city") not in registry() or not manages_city(user, values["city"]):
        raise InboundRefused(_("Bitte eine Partnerstadt wählen, die Sie betreuen."))
    errors = [f.message for f in check(values, exclude) if f.severity == "error"]
    if errors:
        raise InboundRefused(" ".join(errors))


def _facts(trainee: InboundTrainee) -> dict:
    """What the audit trail keeps: city, dates and status, no personal data."""
    return {
        "city": trainee.city,
        "start": str(trainee.start_date),
        "end": str(trainee.end_date),
        "status": trainee.status,
    }


def register(user, values: dict) -> InboundTrainee:
    """Register a guest after the checks; one audit row."""
    values = _writable(user, values)
    _guard(user, values, None)
    with db.atomic():
        trainee = InboundTrainee.create(**values, created_by=user)
        record(user, "inbound_registered", trainee, None, _facts(trainee))
    return trainee


def _current(trainee: InboundTrainee, key: str):
    return trainee.host_family_id if key == "host_family" else getattr(trainee, key)


def values_of(trainee: InboundTrainee) -> dict:
    """The stored guest in the shape the form and the checks use."""
    return {key: _current(trainee, key) for key in FIELDS}


def update(user, trainee: InboundTrainee, version: int, values: dict) -> InboundTrainee:
    """Change a guest under the version the form was loaded with; weeks outside new dates are freed."""
    if trainee.status != "planned":
        raise InboundRefused(_("Abgesagte Gäste lassen sich nicht mehr ändern."))
    values = _writable(user, values)
    _guard(user, values, trainee.id)
    changed = sorted(key for key, value in values.items() if _current(trainee, key) != value)
    if not changed:
        return trainee
    with db.atomic():
        rows = (
            InboundTrainee.update(**values, version=InboundTrainee.version + 1, updated_at=utcnow())
            .where((InboundTrainee.id == trainee.id) & (InboundTrainee.version == version))
            .where(InboundTrainee.status == "planned")
            .execute()
        )
        if rows == 0:
            stored = InboundTrainee.get_by_id(trainee.id).version
            raise StaleGuest(
                _(
                    "Jemand anderes hat diesen Gast inzwischen geändert. Ihre Eingaben sind unten "
                    "erhalten: Bitte vergleichen Sie sie mit dem neuen Stand und speichern Sie erneut."
                ),
                stored,
            )
        fresh = InboundTrainee.get_by_id(trainee.id)
        after = {**_facts(fresh), "changed": changed, "weeks_removed": rotation.trim(fresh)}
        record(user, "inbound_changed", fresh, _facts(trainee), after)
    return fresh


def cancel(user, trainee: InboundTrainee) -> None:
    """Cancel a planned stay: the rotation weeks and the host-family place are freed; one audit row."""
    with db.atomic():
        rows = (
            InboundTrainee.update(status="cancelled", version=InboundTrainee.version + 1, updated_at=utcnow())
            .where((InboundTrainee.id == trainee.id) & (InboundTrainee.status == "planned"))
            .execute()
        )
        if rows == 0:
            raise InboundRefused(_("Dieser Aufenthalt ist schon abgesagt."))
        weeks = rotation.release(trainee)
        record(
            user, "inbound_cancelled", trainee, _facts(trainee), {"status": "cancelled", "weeks_freed": weeks}
        )


def guest_or_404(trainee_id: int) -> InboundTrainee:
    """A guest of a city the current user looks after; 404 for everybody else."""
    trainee = InboundTrainee.get_or_none(InboundTrainee.id == trainee_id)
    if trainee is None or not manages_city(current_user, trainee.city):
        abort(404)
    return trainee
