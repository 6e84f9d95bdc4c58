"""Retention periods: which records are due for deletion or anonymisation, and the run that does it.

The periods come from ``RETENTION`` in the configuration (docs/operations.md), the rules from
``intranet/retention_rules.py``. ``plan(today)`` only reads; ``run(today)`` re-plans inside one
transaction, deletes or anonymises the rows (``intranet/erasure.py``), writes one audit row with
counts and ids, and removes the files of deleted rows through ``storage.transaction()``: with the
database backend in the same transaction, on the filesystem after the commit (a crash in between
leaves orphan files, which ``flask --app intranet documents cleanup`` removes).
"""

from collections import Counter
from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta
from flask import current_app
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from intranet.models import AuditEvent, FeedToken, LoginSession, OutboxMessage
from intranet.platform import storage
from intranet.privacy import erasure
from intranet.privacy.retention_rules import RULES, TARGETS, Rule

__all__ = ["RULES", "TARGETS", "Action", "describe", "period_text", "plan", "run", "totals"]

ACTION_LABELS = {"delete": _l("löschen"), "anonymise": _l("anonymisieren")}

#: (target, action) → function over a list of ids, returning stored file names to remove
EXECUTORS = {
    ("application", "delete"): erasure.delete_applications,
    ("application", "anonymise"): erasure.anonymise_applications,
    ("document", "delete"): erasure.delete_documents,
    ("inbound", "delete"): erasure.delete_inbound,
    ("inbound", "anonymise"): erasure.anonymise_inbound,
    ("host_family", "delete"): erasure.delete_host_families,
    ("outbox", "delete"): erasure.delete_rows(OutboxMessage),
    ("session", "delete"): erasure.delete_rows(LoginSession),
    ("feed_token", "delete"): erasure.delete_rows(FeedToken),
}


@dataclass(frozen=True)
class Action:
    """A record due under a rule, and what happens to it."""

    rule: Rule
    record_id: int
    action: str  #: "delete" or "anonymise"
    due: date  #: the day the period ended


def period(rule: Rule) -> relativedelta | None:
    """The configured period of a rule; None when it is switched off (0 or less)."""
    value = int(current_app.config["RETENTION"].get(rule.key, 0))
    return relativedelta(**{rule.key.rsplit("_", 1)[1]: value}) if value > 0 else None


def period_text(rule: Rule) -> str:
    """The period in German words, e.g. "6 Monate"."""
    value, unit = int(current_app.config["RETENTION"].get(rule.key, 0)), rule.key.rsplit("_", 1)[1]
    if value <= 0:
        return str(_l("keine automatische Löschung"))
    if unit == "days":
        return ngettext("%(num)s Tag", "%(num)s Tage", value)
    if unit == "months":
        return ngettext("%(num)s Monat", "%(num)s Monate", value)
    return ngettext("%(num)s Jahr", "%(num)s Jahre", value)


def plan(today: date) -> list[Action]:
    """Every record due on ``today``, rule by rule; changes nothing."""
    actions = []
    for rule in RULES:
        delta = period(rule)
        if delta is None:
            continue
        for record_id, reference, action in sorted(rule.candidates(today - delta)):
            actions.append(Action(rule, record_id, action, reference + delta))
    return actions


def _execute(actions: list[Action]) -> list[str]:
    """Apply the actions grouped by target and action, in rule order; returns file names to remove."""
    groups: dict[tuple[str, str], list[int]] = {}
    for a in actions:
        groups.setdefault((a.rule.target, a.action), []).append(a.record_id)
    names = []
    for key, ids in groups.items():
        names += EXECUTORS[key](ids)
    return names


def _audit(actions: list[Action]) -> None:
    """One audit row for the run: counts and ids per rule, no names."""
    ids: dict[str, list[int]] = {}
    for a in actions:
        ids.setdefault(f"{a.rule.key}:{a.action}", []).append(a.record_id)
    counts = {key: len(values) for key, values in ids.items()}
    AuditEvent.create(
        actor=None, action="retention_run", object_type="retention", after={"counts": counts, "ids": ids}
    )


def run(today: date, dry_run: bool = False) -> list[Action]:
    """Delete or anonymise what is due on ``today`` (``dry_run``: only list it); returns the actions."""
    if dry_run:
        return plan(today)
    with storage.transaction() as files:
        actions = plan(today)
        for name in _execute(actions):
            files.delete(name)
        if actions:
            _audit(actions)
    return actions


def totals(actions: list[Action]) -> Counter:
    """Number of actions per kind of action ("delete", "anonymise")."""
    return Counter(a.action for a in actions)


def describe(action: Action) -> str:
    """One German line for the command's listing: what, which record, which rule, due since when."""
    return _l(
        "%(action)s: %(target)s Nr. %(id)s – %(rule)s, %(period)s; fällig seit %(due)s",
        action=ACTION_LABELS[action.action],
        target=TARGETS[action.rule.target],
        id=action.record_id,
        rule=action.rule.description,
        period=period_text(action.rule),
        due=action.due.strftime("%d.%m.%Y"),
    )
