"""The global audit log for HR: filters from the query string, a page of rows, rows for CSV."""

import json
from dataclasses import asdict, dataclass
from datetime import date, datetime, timedelta

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from peewee import JOIN

from intranet.models import AuditEvent, User
from intranet.platform.audit import EVENT_LABELS
from intranet.platform.paging import int_in

#: object types of the audit rows, as the filter offers them
OBJECT_TYPES = {
    "application": _l("Bewerbung"),
    "document": _l("Unterlage"),
    "user": _l("Benutzer"),
    "budgetaccount": _l("Sachkonto"),
}


@dataclass
class AuditFilters:
    """What HR narrowed the log to; broken values are ignored."""

    action: str = ""
    object_type: str = ""
    object_id: int | None = None
    actor: str = ""
    since: date | None = None
    until: date | None = None
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "AuditFilters":
        """Read the filters from request arguments."""
        action, object_type = args.get("action", ""), args.get("object_type", "")
        return cls(
            action=action if action in EVENT_LABELS else "",
            object_type=object_type if object_type in OBJECT_TYPES else "",
            object_id=int_in(args.get("object_id"), range(1, 2**31)),
            actor=args.get("actor", "").strip()[:150],
            since=_day(args.get("since")),
            until=_day(args.get("until")),
            page=int_in(args.get("page"), range(1, 100_000)) or 1,
        )

    def args(self, **changes) -> dict:
        """Query arguments for a link to these filters (empty values left out)."""
        values = {**asdict(self), **changes}
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}


def _day(value) -> date | None:
    try:
        return date.fromisoformat(value or "")
    except ValueError:
        return None


def query(filters: AuditFilters):
    """Audit rows matching ``filters`` with their actors, newest first."""
    rows = AuditEvent.select(AuditEvent, User).join(User, JOIN.LEFT_OUTER, on=AuditEvent.actor)
    if filters.action:
        rows = rows.where(AuditEvent.action == filters.action)
    if filters.object_type:
        rows = rows.where(AuditEvent.object_type == filters.object_type)
    if filters.object_id:
        rows = rows.where(AuditEvent.object_id == filters.object_id)
    if filters.actor:
        rows = rows.where(User.username == filters.actor)
    if filters.since:
        rows = rows.where(AuditEvent.at >= datetime.combine(filters.since, datetime.min.time()))
    if filters.until:
        rows = rows.where(
            AuditEvent.at < datetime.combine(filters.until + timedelta(days=1), datetime.min.time())
        )
    return rows.order_by(AuditEvent.at.desc(), AuditEvent.id.desc())


def csv_header() -> list[str]:
    return [
        _("Nr."),
        _("Zeitpunkt (UTC)"),
        _("Aktion"),
        _("Objekt"),
        _("Objekt-Nr."),
        _("Wer"),
        _("Vorher"),
        _("Nachher"),
        _("Begründung"),
    ]


def csv_rows(filters: AuditFilters):
    """The matching rows as plain values, newest first (generated: the log can be long)."""
    for event in query(filters).iterator():
        actor = event.actor.username if event.actor_id else _("System")
        yield [
            event.id, event.at, str(EVENT_LABELS.get(event.action, event.action)), event.object_type,
            event.object_id or "", actor, _json(event.before), _json(event.after), event.reason,
        ]  # fmt: skip


def _json(value) -> str:
    return "" if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)
