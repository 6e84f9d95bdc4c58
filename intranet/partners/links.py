"""Personal partner links: issued for one stay and one contact, stored as a hash, expiring, revocable.

The token travels only in the link's path (never in a query string) and the request log
masks it (platform.logs). Lookups with an unknown, expired or revoked token are counted
per client, so guessing is throttled although 256 random bits already defeat it.
"""

import hashlib
from datetime import date, timedelta

from flask import current_app
from flask_babel import gettext as _

from intranet.models import Application, PartnerLink, PartnerLinkMiss, Placement, utcnow
from intranet.partners import languages
from intranet.platform import tokens
from intranet.platform.audit import record
from intranet.platform.db import db

#: the stays a link can be issued for
OPEN_STATUSES = ("approved", "placed")


class LinkRefused(ValueError):
    """A link that cannot be issued or revoked; the message is German."""


class LinkClosed(LookupError):
    """A token that opens nothing; ``reason`` is "unknown", "expired", "revoked" or "throttled"."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


#: statuses of a stay whose links still open (after the stay, for the mentor's assessment)
LIVE_STATUSES = (*OPEN_STATUSES, "completed")


def token_of(link: PartnerLink) -> str:
    """The link's token, derived again for a mail (never stored)."""
    return tokens.derive(tokens.PARTNER_LINK, link.nonce)


def client_key(address: str | None) -> str:
    """The throttle's key for a client address: a hash, so no IP address is stored."""
    salt = current_app.config["SECRET_KEY"]
    return hashlib.sha256(f"{salt}|{address or ''}".encode()).hexdigest()


def stay_end(application: Application) -> date:
    """The last day of the stay: the placement's departure, else the approved end date."""
    placement = Placement.get_or_none(Placement.application == application.id)
    return placement.departure if placement else application.end_date


def expiry(application: Application) -> date:
    """The last day a link for this stay opens."""
    return stay_end(application) + timedelta(days=current_app.config["PARTNER_LINK_DAYS_AFTER_STAY"])


def issue(user, application: Application, name: str, email: str, language: str) -> tuple[PartnerLink, str]:
    """A new link for ``application``; the token is returned once and only its hash kept."""
    if application.status not in OPEN_STATUSES:
        raise LinkRefused(_("Einen Partnerlink gibt es nur für genehmigte oder vermittelte Aufenthalte."))
    if language not in languages.PARTNER_LANGUAGES:
        raise LinkRefused(_("In dieser Sprache gibt es die Partnerseiten nicht."))
    nonce = tokens.new_nonce()
    token = tokens.derive(tokens.PARTNER_LINK, nonce)
    with db.atomic():
        link = PartnerLink.create(
            application=application.id,
            contact_name=name,
            contact_email=email,
            language=language,
            nonce=nonce,
            token_hash=tokens.token_hash(token),
            expires_on=expiry(application),
            created_by=user.id,
        )
        record(user, "partner_link_issued", application, None, facts(link))
    return link, token


def facts(link: PartnerLink) -> dict:
    """The link for the audit row: no token, no contact details."""
    return {"link": link.id, "language": link.language, "expires_on": str(link.expires_on)}


def revoke(user, link: PartnerLink) -> None:
    """Close a link at once; it answers the "revoked" page from now on."""
    with db.atomic():
        changed = (
            PartnerLink.update(revoked_at=utcnow())
            .where((PartnerLink.id == link.id) & PartnerLink.revoked_at.is_null())
            .execute()
        )
        if not changed:
            raise LinkRefused(_("Dieser Partnerlink ist bereits widerrufen."))
        record(user, "partner_link_revoked", link.application, facts(link), {"revoked": True})


def throttled(client: str) -> bool:
    """True once a client had PARTNER_LINK_MAX_MISSES refused lookups in the last quarter of an hour."""
    since = utcnow() - timedelta(minutes=15)
    misses = PartnerLinkMiss.select().where(
        (PartnerLinkMiss.client == client) & (PartnerLinkMiss.at >= since)
    )
    return misses.count() >= current_app.config["PARTNER_LINK_MAX_MISSES"]


def miss(client: str) -> None:
    """Count a refused lookup and forget those older than a day."""
    with db.atomic():
        PartnerLinkMiss.delete().where(PartnerLinkMiss.at < utcnow() - timedelta(days=1)).execute()
        PartnerLinkMiss.create(client=client)


def resolve(token: str, client: str, today: date) -> PartnerLink:
    """The open link for ``token``; raises LinkClosed with the reason otherwise."""
    if throttled(client):
        raise LinkClosed("throttled")
    link = (
        PartnerLink.get_or_none(PartnerLink.token_hash == tokens.token_hash(token))
        if len(token) <= 100
        else None
    )
    reason = None
    if link is None:
        reason = "unknown"
    elif link.revoked_at is not None or link.application.status not in LIVE_STATUSES:
        reason = "revoked"
    elif link.expires_on < today:
        reason = "expired"
    if reason:
        miss(client)
        raise LinkClosed(reason)
    return link


def opened(link: PartnerLink, page: str) -> None:
    """Audit one use of a link (every page the partner opens or sends)."""
    with db.atomic():
        PartnerLink.update(last_used_at=utcnow()).where(PartnerLink.id == link.id).execute()
        record(None, "partner_link_used", link.application, None, {"link": link.id, "page": page})


def of_application(application: Application):
    """The links issued for a stay, newest first."""
    return (
        PartnerLink.select()
        .where(PartnerLink.application == application.id)
        .order_by(PartnerLink.created_at.desc(), PartnerLink.id.desc())
    )
