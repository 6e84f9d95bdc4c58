"""Blocked periods and capacity windows of a partner city, maintained by its admins (audited)."""

from datetime import date

from flask_babel import gettext as _

from intranet.models import BlockedPeriod, CapacityWindow
from intranet.platform.audit import record
from intranet.platform.db import db


class PeriodRefused(Exception):
    """A period that cannot be saved; the message is German."""


def parse_day(text: str) -> date:
    """A date from the form (ISO or TT.MM.JJJJ), else PeriodRefused."""
    text = (text or "").strip()
    try:
        if "." in text:
            day, month, year = (int(part) for part in text.split("."))
            return date(year, month, day)
        return date.fromisoformat(text)
    except ValueError as exc:
        raise PeriodRefused(_("Bitte gültige Daten angeben (TT.MM.JJJJ oder JJJJ-MM-TT).")) from exc


def _dates(start: str, end: str) -> tuple[date, date]:
    first, last = parse_day(start), parse_day(end)
    if last < first:
        raise PeriodRefused(_("Das Ende darf nicht vor dem Beginn liegen."))
    return first, last


def _facts(period) -> dict:
    facts = {"city": period.city, "start": str(period.start_date), "end": str(period.end_date)}
    return facts | (
        {"places": period.places} if isinstance(period, CapacityWindow) else {"reason": period.reason}
    )


def add_blocked(user, slug: str, start: str, end: str, reason: str) -> BlockedPeriod:
    """A period in which the city takes no trainees, with the reason trainees read."""
    first, last = _dates(start, end)
    reason = (reason or "").strip()
    if not reason or len(reason) > 500:
        raise PeriodRefused(
            _("Bitte einen Grund angeben (höchstens 500 Zeichen); die Auszubildenden lesen ihn.")
        )
    with db.atomic():
        period = BlockedPeriod.create(
            city=slug, start_date=first, end_date=last, reason=reason, created_by=user
        )
        record(user, "blocked_period_created", period, None, _facts(period))
    return period


def add_capacity(user, slug: str, start: str, end: str, places: str) -> CapacityWindow:
    """How many trainees the city hosts at the same time within a period."""
    first, last = _dates(start, end)
    if not (places or "").strip().isdigit() or not 0 <= int(places) <= 50:
        raise PeriodRefused(_("Bitte die Zahl der Plätze als ganze Zahl von 0 bis 50 angeben."))
    with db.atomic():
        window = CapacityWindow.create(city=slug, start_date=first, end_date=last, places=int(places))
        record(user, "capacity_window_created", window, None, _facts(window))
    return window


def remove(user, model, slug: str, period_id: int) -> None:
    """Delete one of the city's blocked periods or capacity windows."""
    period = model.get_or_none((model.id == period_id) & (model.city == slug))
    if period is None:
        raise PeriodRefused(_("Diesen Zeitraum gibt es nicht (mehr)."))
    action = "blocked_period_deleted" if model is BlockedPeriod else "capacity_window_deleted"
    with db.atomic():
        period.delete_instance()
        record(user, action, period, _facts(period), None)
