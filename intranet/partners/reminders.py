"""Reminders of unanswered partner links, safe when the timer fires on several hosts at once.

Each reminder is claimed by moving the link's ``reminded_at`` from the value this run read
to now: a second run that read the same value changes no row and sends nothing.
"""

from datetime import date, timedelta

from flask import current_app

from intranet.models import Application, PartnerLink, utcnow
from intranet.partners import links, mails
from intranet.platform.audit import record
from intranet.platform.db import db


def due(now, today: date):
    """Live, unanswered links whose last mail (the invitation or a reminder) is older than the interval."""
    before = now - timedelta(days=current_app.config["PARTNER_REMINDER_DAYS"])
    return (
        PartnerLink.select()
        .join(Application)
        .where(
            PartnerLink.revoked_at.is_null()
            & PartnerLink.answered_at.is_null()
            & (PartnerLink.expires_on >= today)
            & (PartnerLink.created_at <= before)
            & (PartnerLink.reminded_at.is_null() | (PartnerLink.reminded_at <= before))
            & Application.status.in_(links.OPEN_STATUSES)
        )
        .order_by(PartnerLink.id)
    )


def claim(link: PartnerLink, now) -> bool:
    """Take the reminder of ``link`` for this run; False if another run took it."""
    seen = (
        PartnerLink.reminded_at.is_null()
        if link.reminded_at is None
        else PartnerLink.reminded_at == link.reminded_at
    )
    return PartnerLink.update(reminded_at=now).where((PartnerLink.id == link.id) & seen).execute() == 1


def remind_all(today: date) -> int:
    """Queue a reminder for every due link; returns how many were queued."""
    now = utcnow()
    sent = 0
    for link in list(due(now, today)):
        with db.atomic():
            if not claim(link, now):
                continue
            mails.reminder(link)
            record(None, "partner_link_reminded", link.application, None, {"link": link.id})
        sent += 1
    return sent
