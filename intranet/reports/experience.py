"""The trainee's experience report after a stay, along the pilot's goals.

The trainee writes and submits it once the stay has ended; HR asks for changes or
accepts it. Acceptance completes the application (workflow transition "complete") and
issues the certificate of participation. Every step writes one audit row on the
application; the texts themselves stay out of the audit trail.
"""

from datetime import date
from functools import partial

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from peewee import IntegrityError

from intranet.cities.registry import registry
from intranet.letters import issuing
from intranet.mail import notify
from intranet.models import Application, ExperienceReport, IssuedLetter, utcnow
from intranet.outbound import workflow
from intranet.platform.audit import record
from intranet.platform.db import db

#: The pilot's four goals: key and German label (ratings and texts are keyed by them).
GOALS = (
    ("administration", _l("Einblick in die Verwaltungsstrukturen und Arbeitsweisen")),
    ("intercultural", _l("Interkulturelle Kompetenz")),
    ("contacts", _l("Persönliche Kontakte")),
    ("host_family", _l("Leben in der Gastfamilie")),
)

#: One help sentence per goal, shown under its fieldset.
GOAL_HELP = {
    "administration": _l("Wie ist die Partnerverwaltung aufgebaut, und wie wird dort gearbeitet?"),
    "intercultural": _l("Was haben Sie über die andere Kultur und über sich selbst gelernt?"),
    "contacts": _l("Welche Kontakte sind entstanden, und wollen Sie sie pflegen?"),
    "host_family": _l("Wie haben Sie das Zusammenleben in der Gastfamilie erlebt?"),
}

#: rating → German label of the radio button
RATINGS = {
    1: _l("1 – gar nicht erreicht"),
    2: _l("2 – kaum erreicht"),
    3: _l("3 – teilweise erreicht"),
    4: _l("4 – gut erreicht"),
    5: _l("5 – voll erreicht"),
}

STATUS_LABELS = {
    "draft": _l("Entwurf"),
    "submitted": _l("eingereicht, wartet auf Prüfung"),
    "changes_requested": _l("Änderungen erbeten"),
    "accepted": _l("angenommen"),
}

#: statuses in which the trainee may still change the report
EDITABLE = ("draft", "changes_requested")
#: characters a text needs at least for submission, and at most at all
MIN_TEXT, MAX_TEXT = 50, 5000


class ReportRefused(ValueError):
    """A step that is not possible now; the message is German, ``errors`` maps field ids to messages."""

    def __init__(self, message: str, errors: dict | None = None):
        super().__init__(message)
        self.errors = errors or {}


def stay_over(application: Application, today: date | None = None) -> bool:
    """True once a placed (or completed) stay has ended."""
    today = today or date.today()
    return application.status in ("placed", "completed") and application.end_date < today


def may_write(user, application: Application) -> bool:
    """The trainee, for a placed stay that has ended."""
    return application.applicant_id == user.id and application.status == "placed" and stay_over(application)


def report_of(application: Application) -> ExperienceReport | None:
    """The application's report, if one was saved."""
    return ExperienceReport.get_or_none(ExperienceReport.application == application.id)


def parse(form) -> tuple[dict, dict]:
    """Only the report's own fields from posted data: (values, field errors)."""
    ratings, texts, errors = {}, {}, {}
    for key, _label in GOALS:
        raw = (form.get(f"rating-{key}") or "").strip()
        if raw in {str(n) for n in RATINGS}:
            ratings[key] = int(raw)
        elif raw:
            errors[f"rating-{key}"] = _("Bitte eine Bewertung von 1 bis 5 wählen.")
        texts[key] = clean(form.get(f"text-{key}"))
    values = {"ratings": ratings, "texts": texts, "summary": clean(form.get("summary"))}
    for field, text in [*((f"text-{k}", t) for k, t in texts.items()), ("summary", values["summary"])]:
        if len(text) > MAX_TEXT:
            errors[field] = _("Bitte höchstens %(n)s Zeichen.", n=MAX_TEXT)
    return values, errors


def clean(value) -> str:
    """Trimmed text without NUL characters (which PostgreSQL refuses)."""
    return (value or "").replace("\x00", "").strip()


def missing(values: dict) -> dict:
    """Field errors that stand between a draft and submission."""
    errors = {}
    for key, label in GOALS:
        if key not in values["ratings"]:
            errors[f"rating-{key}"] = _("Bitte bewerten Sie „%(goal)s“ (1 bis 5).", goal=label)
        if len(values["texts"].get(key, "")) < MIN_TEXT:
            errors[f"text-{key}"] = _(
                "Bitte beschreiben Sie „%(goal)s“ in mindestens %(n)s Zeichen.", goal=label, n=MIN_TEXT
            )
    if len(values["summary"]) < MIN_TEXT:
        errors["summary"] = _(
            "Bitte fassen Sie Ihren Aufenthalt in mindestens %(n)s Zeichen zusammen.", n=MIN_TEXT
        )
    return errors


def save(
    user, application: Application, version: int, values: dict, submit: bool = False
) -> ExperienceReport:
    """Store the trainee's draft (``submit``: and hand it in); ``version`` 0 means no report yet."""
    if not may_write(user, application):
        raise ReportRefused(_("Einen Erfahrungsbericht schreiben Sie nach dem Ende Ihres Aufenthalts."))
    if submit and (errors := missing(values)):
        raise ReportRefused(_("Bitte ergänzen Sie die markierten Angaben. Ihr Text ist erhalten."), errors)
    status = "submitted" if submit else "draft"
    changes = {**values, "status": status, "updated_at": utcnow()}
    if submit:
        changes["submitted_at"] = changes["updated_at"]
    try:
        with db.atomic():
            _write(application, version, changes)
            action = "experience_report_submitted" if submit else "experience_report_saved"
            record(user, action, application, None, {"status": status})
            if submit:
                notify.queue(action, application)
    except IntegrityError:  # a concurrent first save created the row meanwhile
        raise ReportRefused(stale_message()) from None
    return report_of(application)


def _write(application: Application, version: int, changes: dict) -> None:
    """Create the report or update it under the version the form was loaded with."""
    if version == 0:
        ExperienceReport.create(application=application.id, **changes)
        return
    updated = (
        ExperienceReport.update(**changes, version=ExperienceReport.version + 1)
        .where(
            (ExperienceReport.application == application.id)
            & (ExperienceReport.version == version)
            & ExperienceReport.status.in_(EDITABLE)
        )
        .execute()
    )
    if updated != 1:
        raise ReportRefused(stale_message())


def stale_message() -> str:
    """Why a save lost against a change made meanwhile."""
    return _(
        "Der Bericht wurde inzwischen an anderer Stelle geändert oder ist nicht mehr bearbeitbar. "
        "Ihre Eingaben wurden nicht gespeichert; sie stehen noch im Formular."
    )


def _review(user, report: ExperienceReport, version: int, **changes) -> None:
    """HR's conditional update of a submitted report; refused if it changed meanwhile."""
    if not user.has_role("hr"):
        raise ReportRefused(_("Dazu sind Sie nicht berechtigt."))
    updated = (
        ExperienceReport.update(**changes, version=ExperienceReport.version + 1, updated_at=utcnow())
        .where(
            (ExperienceReport.id == report.id)
            & (ExperienceReport.version == version)
            & (ExperienceReport.status == "submitted")
        )
        .execute()
    )
    if updated != 1:
        raise ReportRefused(
            _("Der Bericht liegt nicht (mehr) zur Prüfung vor oder wurde inzwischen geändert.")
        )


def request_changes(user, report: ExperienceReport, version: int, comment: str) -> ExperienceReport:
    """HR sends the report back with a comment; the trainee is mailed and may edit it again."""
    comment = clean(comment)
    if not comment:
        message = _("Bitte schreiben Sie, was geändert werden soll.")
        raise ReportRefused(message, {"hr_comment": message})
    if len(comment) > MAX_TEXT:
        message = _("Bitte höchstens %(n)s Zeichen.", n=MAX_TEXT)
        raise ReportRefused(message, {"hr_comment": message})
    application = report.application
    with db.atomic():
        _review(user, report, version, status="changes_requested", hr_comment=comment)
        action = "experience_report_changes_requested"
        record(user, action, application, {"status": "submitted"}, {"status": "changes_requested"}, comment)
        notify.queue(action, application, reason=comment)
    return ExperienceReport.get_by_id(report.id)


def _accepted(user, report: ExperienceReport, version: int, application: Application) -> dict:
    """The completion's effect: the report is accepted in the same transaction."""
    _review(user, report, version, status="accepted", accepted_at=utcnow(), hr_comment="")
    return {"report": "accepted"}


def accept(user, report: ExperienceReport, version: int) -> tuple[Application, IssuedLetter | None]:
    """HR accepts: report accepted and stay completed in one transaction, then the certificate is issued."""
    if not user.has_role("hr"):
        raise ReportRefused(_("Dazu sind Sie nicht berechtigt."))
    effect = partial(_accepted, user, report, version)
    try:
        application = workflow.transition(user, report.application, "complete", effect=effect)
    except workflow.TransitionRefused as exc:
        raise ReportRefused(str(exc)) from None
    return application, certificate(user, application)


def certificate(user, application: Application) -> IssuedLetter | None:
    """Issue the city's certificate of participation as PDF; None if the city ships none."""
    templates = registry().call(application.city, "letter_templates")
    template = next((t for t in templates if t.kind == "certificate"), None)
    return None if template is None else issuing.issue(user, application, template)
