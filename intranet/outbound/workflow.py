"""Application states, the allowed transitions, and who may trigger them.

Each domain function guards, changes the row with a conditional UPDATE inside
one transaction, writes the audit row, queues the e-mails to the people concerned
and calls the city's ``on_status_change`` hook (whose veto rolls back all of it).
A concurrent second click finds the status already changed and is refused, so
exactly one decision wins on SQLite and on PostgreSQL alike.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from intranet.budget import reservations
from intranet.cities.registry import registry
from intranet.hookspecs import Finding
from intranet.mail import notify
from intranet.models import Application, shares_days, utcnow
from intranet.outbound import documents
from intranet.people import profiles
from intranet.people.access import manages_city
from intranet.platform.audit import record
from intranet.platform.db import db

STATUS_LABELS = {
    "draft": _l("Entwurf"),
    "submitted": _l("eingereicht"),
    "waitlisted": _l("auf der Warteliste"),
    "approved": _l("genehmigt"),
    "rejected": _l("abgelehnt"),
    "withdrawn": _l("zurückgezogen"),
    "placed": _l("vermittelt"),
    "completed": _l("abgeschlossen"),
}

#: Statuses in which an application still occupies its period.
OPEN_STATUSES = ("draft", "submitted", "waitlisted", "approved", "placed")


@dataclass(frozen=True)
class Transition:
    """A named state change: allowed source states, target, and who may do it."""

    name: str
    sources: tuple[str, ...]
    target: str
    actor: str  #: "owner" (the applicant) or a role name
    audit_action: str
    #: budget side effect in the same transaction; returns details for the audit row
    effect: Callable[[Application], dict] | None = None


TRANSITIONS = {
    t.name: t
    for t in (
        Transition("submit", ("draft",), "submitted", "owner", "application_submitted"),
        Transition(
            "withdraw",
            ("draft", "submitted", "waitlisted", "approved"),
            "withdrawn",
            "owner",
            "application_withdrawn",
            reservations.release,
        ),
        Transition(
            "approve",
            ("submitted", "waitlisted"),
            "approved",
            "hr",
            "application_approved",
            reservations.reserve,
        ),
        Transition("reject", ("submitted", "waitlisted"), "rejected", "hr", "application_rejected"),
        Transition("waitlist", ("submitted",), "waitlisted", "hr", "application_waitlisted"),
        Transition(
            "revert",
            ("approved", "rejected", "waitlisted"),
            "submitted",
            "hr",
            "application_reverted",
            reservations.undo_approval,
        ),
        # "city_admin" means HR or an admin of the application's city (see ``may``)
        Transition("place", ("approved",), "placed", "city_admin", "application_placed"),
        # HR accepts the experience report (intranet.reports.experience.accept) after the stay
        Transition("complete", ("placed",), "completed", "hr", "application_completed"),
    )
}

#: HR decisions that need a reason the trainee reads.
REASON_REQUIRED = ("reject", "waitlist", "revert")


class TransitionRefused(Exception):
    """A state change that is not allowed now; the message is German and shown to the user.

    ``findings`` carries the precise reasons (each linked to its field) when there are several.
    """

    def __init__(self, message: str, findings: list | None = None):
        super().__init__(message)
        self.findings = findings or []


def may(user, transition: Transition, application: Application) -> bool:
    """True if ``user`` may trigger ``transition`` on ``application`` (ignoring its state)."""
    if transition.actor == "owner":
        return application.applicant_id == user.id
    if transition.actor == "city_admin":
        return manages_city(user, application.city)
    return user.has_role(transition.actor)


def transition(user, application: Application, name: str, reason: str = "", effect=None, **changes):
    """Apply the named transition atomically; raise TransitionRefused if not allowed.

    ``effect`` replaces the transition's own budget effect (e.g. an approval over budget).
    """
    step = TRANSITIONS[name]
    if not may(user, step, application):
        raise TransitionRefused(_("Dazu sind Sie nicht berechtigt."))
    old = application.status
    now = utcnow()
    values = {"status": step.target, "updated_at": now, "version": Application.version + 1}
    values.update(changes)
    with db.atomic():
        updated = (
            Application.update(values)
            .where((Application.id == application.id) & (Application.status.in_(step.sources)))
            .execute()
        )
        if updated != 1:
            current = Application.get_by_id(application.id).status
            raise TransitionRefused(
                _(
                    "Nicht möglich: Die Bewerbung ist bereits %(status)s.",
                    status=STATUS_LABELS.get(current, current),
                )
            )
        fresh = Application.get_by_id(application.id)
        effect = effect or step.effect
        details = effect(fresh) if effect else {}
        record(user, step.audit_action, fresh, {"status": old}, {"status": fresh.status, **details}, reason)
        notify.queue(step.audit_action, fresh, old, reason)
        registry().call(fresh.city, "on_status_change", application=fresh, old=old, new=fresh.status)
    return fresh


def findings(application: Application) -> list:
    """All rule findings of the city's plugins for an application."""
    return registry().call(application.city, "check_application", application=application)


def errors(application: Application) -> list:
    """Only the blocking rule findings."""
    return [f for f in findings(application) if f.severity == "error"]


def missing_documents(application: Application, checklist=None) -> list[Finding]:
    """An error for each required document due at submission that is not uploaded yet
    (``checklist``: the application's checklist, if the caller has it already)."""
    if checklist is None:
        checklist = documents.checklist(application)
    return [
        Finding(
            "error",
            _("Unterlage fehlt: %(label)s", label=item.requirement.label),
            f"document-{item.requirement.key}",
            "document_missing",
        )
        for item in checklist
        if item.document is None and item.requirement.required and item.requirement.due == "submission"
    ]


def submission_findings(application: Application, checklist=None) -> list[Finding]:
    """The city's rule findings and the missing documents: what stands between a draft and submission."""
    return [*findings(application), *missing_documents(application, checklist)]


def overlapping_open(application: Application):
    """Other open applications of the same trainee whose period overlaps this one."""
    query = Application.select().where(
        (Application.applicant == application.applicant_id)
        & Application.status.in_(OPEN_STATUSES)
        & shares_days(Application, application.start_date, application.end_date)
    )
    if application.id is not None:
        query = query.where(Application.id != application.id)
    return query


def submit(user, application: Application) -> Application:
    """Submit a draft: refused while any rule error is open or a required document is missing."""
    blocking = [*errors(application), *missing_documents(application)]
    if blocking:
        raise TransitionRefused(
            _(
                "Einreichen ist noch nicht möglich: %(n)s offene Punkte, siehe „Vor dem Einreichen“.",
                n=len(blocking),
            ),
            blocking,
        )
    return transition(
        user,
        application,
        "submit",
        submitted_at=utcnow(),
        training_track=application.applicant.training_track,
        training_year=application.applicant.training_year,
        # snapshots for HR's inbox, which must not call every city's rules per row
        cost_estimate=reservations.estimate(application),
        warnings=[f.message for f in findings(application) if f.severity == "warning"],
    )


def decide(user, application: Application, name: str, reason: str = "", override=False) -> Application:
    """HR's decision (approve, reject, waitlist); going over budget needs ``override`` and a reason."""
    reason = reason.strip()
    if name in REASON_REQUIRED and not reason:
        raise TransitionRefused(_("Bitte geben Sie eine Begründung an. Die Auszubildenden lesen sie."))
    if override and not reason:
        raise TransitionRefused(_("Bitte begründen Sie, warum das Budget überschritten werden darf."))
    effect = partial(reservations.reserve, override=True) if override and name == "approve" else None
    return transition(user, application, name, reason, effect, decided_at=utcnow())


def revert(user, application: Application, reason: str) -> Application:
    """Take back HR's decision with a reason: the application is open again, its reservation released."""
    reason = reason.strip()
    if not reason:
        raise TransitionRefused(_("Bitte geben Sie an, warum die Entscheidung zurückgenommen wird."))
    return transition(user, application, "revert", reason, decided_at=None)


def _refuse_overlap(application: Application) -> None:
    """Refused if another open application of the trainee shares a day with this one."""
    clash = overlapping_open(application).first()
    if clash is not None:
        raise TransitionRefused(
            _(
                "Für diesen Zeitraum haben Sie bereits eine offene Bewerbung (Nr. %(id)s, %(status)s).",
                id=clash.id,
                status=STATUS_LABELS[clash.status],
            )
        )


def create_draft(user, city, start_date, end_date, motivation, extra, profile_values=None) -> Application:
    """Save a new draft for ``user`` and, if given, the profile entries made with it."""
    application = Application(applicant=user, city=city, start_date=start_date, end_date=end_date)
    application.motivation, application.extra = motivation, extra
    _refuse_overlap(application)
    with db.atomic():
        application.save()
        record(user, "application_created", application, None, {"status": "draft", "city": city})
        if profile_values is not None:
            profiles.update(user, **profile_values)
    return application


def update_draft(user, application: Application, version: int, values: dict, profile_values: dict):
    """Save changes to one's own draft; refused if it changed since the form was loaded (``version``)."""
    if application.applicant_id != user.id:
        raise TransitionRefused(_("Dazu sind Sie nicht berechtigt."))
    _refuse_overlap(Application(id=application.id, applicant=user, **values))
    with db.atomic():
        updated = (
            Application.update(**values, version=Application.version + 1, updated_at=utcnow())
            .where(
                (Application.id == application.id)
                & (Application.version == version)
                & (Application.status == "draft")
            )
            .execute()
        )
        if updated != 1:
            raise TransitionRefused(
                _(
                    "Die Bewerbung wurde inzwischen an anderer Stelle geändert oder ist kein Entwurf mehr. "
                    "Ihre Eingaben wurden nicht gespeichert; sie stehen noch im Formular. Bitte öffnen Sie "
                    "die Bewerbung neu und übertragen Sie Ihre Änderungen."
                )
            )
        before = {k: str(getattr(application, k)) for k in values}
        record(user, "application_updated", application, before, {k: str(v) for k, v in values.items()})
        profiles.update(user, **profile_values)
    return Application.get_by_id(application.id)
