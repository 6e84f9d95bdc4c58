"""The retention rules: which records each period applies to and how the due ones are found.

Every rule reads one key of ``RETENTION``; its candidates are the records whose reference
day (decision, end of the stay, last use …) lies on or before the cutoff day, i.e. today
minus the period. ``intranet/retention.py`` plans and runs them.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from flask_babel import lazy_gettext as _l
from peewee import fn

from intranet.models import (
    Application,
    CostBooking,
    Document,
    FeedToken,
    HostFamily,
    InboundTrainee,
    LoginSession,
    OutboxMessage,
    Placement,
    User,
)
from intranet.privacy import erasure

#: statuses of an application whose stay took (or takes) place
STAY_STATUSES = ("approved", "placed", "completed")

#: German names of the records a rule touches
TARGETS = {
    "application": _l("Bewerbung"),
    "document": _l("Unterlage"),
    "inbound": _l("Gast-Auszubildende/r"),
    "host_family": _l("Gastfamilie"),
    "outbox": _l("E-Mail im Ausgang"),
    "session": _l("Anmeldesitzung"),
    "feed_token": _l("Kalender-Abo"),
}


@dataclass(frozen=True)
class Rule:
    """One retention period: its configuration key, what it applies to and how candidates are found."""

    key: str  #: key in RETENTION, ending in _days, _months or _years
    target: str  #: key of TARGETS
    description: str  #: German: which records, counted from when
    #: cutoff day → (id, reference day, action) of every record whose period ended by then
    candidates: Callable[[date], Iterable[tuple[int, date, str]]]


def _until(cutoff: date) -> datetime:
    """Start of the day after ``cutoff``: stored times before it lie on or before that day."""
    return datetime.combine(cutoff + timedelta(days=1), time.min)


def _day(value) -> date:
    return value.date() if isinstance(value, datetime) else value


def _not_anonymised():
    placeholder = User.select(User.id).where(User.username == erasure.ANONYMOUS_USERNAME)
    return Application.applicant.not_in(placeholder)


def _closed_applications(status: str):
    """Candidates: applications in ``status`` unchanged since the cutoff; booked costs make it anonymise."""

    def candidates(cutoff: date):
        rows = list(
            Application.select(Application.id, Application.updated_at)
            .where(
                (Application.status == status) & (Application.updated_at < _until(cutoff)) & _not_anonymised()
            )
            .tuples()
        )
        booked = CostBooking.select(CostBooking.application).where(
            CostBooking.application.in_([r[0] for r in rows])
        )
        booked = {application_id for (application_id,) in booked.tuples()}
        return [(i, _day(at), "anonymise" if i in booked else "delete") for i, at in rows]

    return candidates


def _documents_after_stay(cutoff: date):
    query = Document.select(Document.id, Application.end_date).join(Application)
    query = query.where(Application.status.in_(STAY_STATUSES) & (Application.end_date <= cutoff))
    return [(i, end, "delete") for i, end in query.tuples()]


def _stays_over(cutoff: date):
    query = Application.select(Application.id, Application.end_date).where(
        Application.status.in_(STAY_STATUSES) & (Application.end_date <= cutoff) & _not_anonymised()
    )
    return [(i, end, "anonymise") for i, end in query.tuples()]


def _inbound_over(cutoff: date):
    query = InboundTrainee.select(InboundTrainee.id, InboundTrainee.departure, InboundTrainee.status).where(
        (InboundTrainee.departure <= cutoff) & (InboundTrainee.last_name != erasure.ANONYMISED_NAME)
    )
    return [(i, end, "delete" if status == "cancelled" else "anonymise") for i, end, status in query.tuples()]


def _unused_families(cutoff: date):
    placed = Placement.select(Placement.host_family).where(Placement.host_family.is_null(False))
    hosted = InboundTrainee.select(InboundTrainee.host_family).where(
        InboundTrainee.host_family.is_null(False)
    )
    query = HostFamily.select(HostFamily.id, HostFamily.consent_date).where(
        (HostFamily.consent_date <= cutoff) & HostFamily.id.not_in(placed) & HostFamily.id.not_in(hosted)
    )
    return [(i, consent, "delete") for i, consent in query.tuples()]


def _older(model, field):
    """Candidates: rows of ``model`` whose time ``field`` lies on or before the cutoff."""

    def candidates(cutoff: date):
        query = model.select(model.id, field).where(field < _until(cutoff))
        return [(i, _day(at), "delete") for i, at in query.tuples()]

    return candidates


_outbox_done = fn.COALESCE(OutboxMessage.sent_at, OutboxMessage.failed_at)

RULES = (
    Rule(
        "rejected_applications_months",
        "application",
        _l("abgelehnt, ab der Entscheidung"),
        _closed_applications("rejected"),
    ),
    Rule(
        "withdrawn_applications_months",
        "application",
        _l("zurückgezogen, ab dem Rückzug"),
        _closed_applications("withdrawn"),
    ),
    Rule(
        "abandoned_drafts_months",
        "application",
        _l("Entwurf, ab der letzten Änderung"),
        _closed_applications("draft"),
    ),
    Rule(
        "documents_after_stay_months",
        "document",
        _l("hochgeladene Unterlagen, ab dem Ende des Aufenthalts"),
        _documents_after_stay,
    ),
    Rule(
        "completed_applications_years",
        "application",
        _l("Aufenthalt vorbei, ab seinem Ende (Statistik bleibt)"),
        _stays_over,
    ),
    Rule(
        "inbound_trainees_after_stay_months",
        "inbound",
        _l("ab der Abreise (Statistik bleibt)"),
        _inbound_over,
    ),
    Rule(
        "unused_host_families_years",
        "host_family",
        _l("ohne Vermittlung, ab der letzten Einwilligung"),
        _unused_families,
    ),
    Rule(
        "outbox_days",
        "outbox",
        _l("gesendet oder aufgegeben, ab dem Versand"),
        _older(OutboxMessage, _outbox_done),
    ),
    Rule(
        "login_sessions_days",
        "session",
        _l("ab der letzten Nutzung"),
        _older(LoginSession, LoginSession.last_seen_at),
    ),
    Rule(
        "feed_tokens_revoked_days",
        "feed_token",
        _l("widerrufen, ab dem Widerruf"),
        _older(FeedToken, FeedToken.revoked_at),
    ),
)
