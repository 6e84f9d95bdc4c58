"""iCalendar feeds of the stays, authenticated by a revocable secret in the URL.

A calendar program cannot log in, so the feed URL carries a random token; the database
keeps only its SHA-256. Who may read a feed is checked again on every request: a
deactivated user's feeds and a city feed of an admin who lost that city answer nothing.
"""

import hashlib
import secrets
from datetime import UTC, date, datetime, timedelta

from flask_babel import gettext as _
from icalendar import Calendar, Event

from intranet.cities.registry import registry
from intranet.models import FeedToken, User, utcnow
from intranet.people.access import manages_city
from intranet.platform.audit import record
from intranet.platform.db import db
from intranet.reports import stays

OWN = "own"
#: how far a feed reaches into the past and the future
PAST, FUTURE = timedelta(days=365), timedelta(days=2 * 365)
UID_DOMAIN = "partnerstadt-praktikum.siegburg.de"


class FeedRefused(ValueError):
    """A feed change that is not allowed; the message is German."""


def token_hash(token: str) -> str:
    """The stored form of a feed token."""
    return hashlib.sha256(token.encode()).hexdigest()


def scope_label(scope: str) -> str:
    """German name of a feed's scope."""
    if scope == OWN:
        return _("Meine Aufenthalte")
    city = registry().get(scope)
    return _("Alle Aufenthalte: %(city)s", city=city.name_de if city else scope)


def scopes_of(user) -> list[tuple[str, str]]:
    """(scope, German label) pairs the user may create feeds for: own stays, then managed cities."""
    managed = [c.slug for c in registry() if manages_city(user, c.slug)]
    return [(scope, scope_label(scope)) for scope in (OWN, *managed)]


def create(user, scope: str) -> str:
    """A new feed token for ``scope``; returned once in full, only its hash is kept."""
    if scope not in dict(scopes_of(user)):
        raise FeedRefused(_("Bitte einen Kalender aus der Liste wählen."))
    token = secrets.token_urlsafe(32)
    with db.atomic():
        row = FeedToken.create(user=user.id, scope=scope, token_hash=token_hash(token))
        record(user, "feed_token_created", row, None, {"scope": scope})
    return token


def revoke(user, row: FeedToken) -> None:
    """Revoke one of the user's tokens; its feed answers 404 from now on."""
    with db.atomic():
        changed = (
            FeedToken.update(revoked_at=utcnow())
            .where((FeedToken.id == row.id) & (FeedToken.user == user.id) & FeedToken.revoked_at.is_null())
            .execute()
        )
        if not changed:
            raise FeedRefused(_("Diese Kalender-Adresse ist bereits widerrufen."))
        record(user, "feed_token_revoked", row, {"scope": row.scope}, {"revoked": True})


def tokens_of(user):
    """The user's tokens, newest first."""
    return (
        FeedToken.select()
        .where(FeedToken.user == user.id)
        .order_by(FeedToken.created_at.desc(), FeedToken.id.desc())
    )


def resolve(token: str) -> tuple[User, FeedToken] | None:
    """The active user and token row behind a feed URL, or None if it must not answer."""
    row = (
        FeedToken.select(FeedToken, User)
        .join(User)
        .where((FeedToken.token_hash == token_hash(token)) & FeedToken.revoked_at.is_null())
        .first()
    )
    if row is None or not row.user.active:
        return None
    if row.scope != OWN and (row.scope not in registry() or not manages_city(row.user, row.scope)):
        return None
    return row.user, row


def feed_stays(user, scope: str, today: date) -> list[stays.Stay]:
    """The stays of a feed: the user's own, or all of one city."""
    start, end = today - PAST, today + FUTURE
    if scope == OWN:
        return stays.stays(stays.Scope(applicant_id=user.id), start, end)
    return stays.stays(stays.Scope(cities=frozenset({scope})), start, end, city=scope)


def summary(stay: stays.Stay) -> str:
    """The German event title: name and place, nothing more."""
    if stay.kind == "inbound":
        return f"{stay.person} (aus {stay.city_name}) in {stay.where}"
    return f"{stay.person} in {stay.where}"


def calendar(found: list[stays.Stay], name: str) -> bytes:
    """An iCalendar document with one all-day event per stay (DTEND is the day after the last)."""
    cal = Calendar()
    cal.add("prodid", "-//Stadt Siegburg//Partnerstadt-Praktikum//DE")
    cal.add("version", "2.0")
    cal.add("x-wr-calname", name)
    stamp = datetime.now(UTC)
    for stay in found:
        event = Event()
        event.add("uid", f"{stay.uid}@{UID_DOMAIN}")
        event.add("dtstamp", stamp)
        event.add("dtstart", stay.start)
        event.add("dtend", stay.end + timedelta(days=1))
        event.add("summary", summary(stay))
        event.add("location", stay.where)
        event.add("transp", "TRANSPARENT")
        cal.add_component(event)
    return cal.to_ical()


def feed(token: str, today: date) -> bytes | None:
    """The feed behind ``token`` as iCalendar bytes, or None (unknown, revoked, no longer allowed)."""
    found = resolve(token)
    if found is None:
        return None
    user, row = found
    city = registry().get(row.scope)
    name = (
        f"Partnerstadt-Praktikum – {city.name_de}"
        if city
        else f"Partnerstadt-Praktikum – {user.display_name}"
    )
    return calendar(feed_stays(user, row.scope, today), name)
