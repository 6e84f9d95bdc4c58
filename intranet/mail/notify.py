"""E-mail notifications through the outbox table.

``queue`` writes the messages of one event into the outbox inside the caller's
transaction, so a change that is rolled back leaves no mail behind. ``send_outbox``
(``flask --app intranet mail send``) delivers the due messages later, retries with a
doubling back-off and marks a message failed after ``MAIL_MAX_ATTEMPTS`` attempts.
"""

from dataclasses import dataclass
from datetime import timedelta
from urllib.parse import urlsplit

from flask import Flask, current_app, has_request_context, url_for

from intranet.cities.registry import registry
from intranet.mail import delivery
from intranet.mail.texts import REASON, TEXTS
from intranet.models import Application, OutboxMessage, PartnerLink, User, UserRole, utcnow
from intranet.platform import storage, tokens

#: Who hears of an event, by audience name of ``mailtexts.TEXTS``.
AUDIENCES = {
    "trainee": lambda application: [application.applicant],
    "city_admins": lambda application: list(User.admins_of(application.city)),
    "hr": lambda application: list(
        User.select().join(UserRole).where((UserRole.role == "hr") & User.active).order_by(User.id)
    ),
}

#: where a partner mail's stored body has the link's address, filled in by ``body_of`` when sent
PARTNER_URL_MARKER = "[[PARTNER_URL]]"

#: A claimed message is left alone by a second, concurrent ``mail send`` for this long.
CLAIM = timedelta(minutes=5)


def queue(event: str, application: Application, old: str = "", reason: str = "") -> list[OutboxMessage]:
    """Queue the mails of ``event`` (an audit action) to all concerned; call inside its transaction."""
    fields = mail_fields(application, reason)
    messages = []
    for (action, audience), text in TEXTS.items():
        if action != event or (text.only_from and old not in text.only_from):
            continue
        for user in AUDIENCES[audience](application):
            subject, body = text.render(name=user.display_name, **fields)
            messages.append(add(user.email, subject, body, user))
    return messages


def add(recipient: str, subject: str, body: str, user: User | None = None) -> OutboxMessage:
    """Put one message into the outbox."""
    return OutboxMessage.create(recipient=recipient, user=user, subject=subject, body=body)


def mail_fields(application: Application, reason: str) -> dict:
    """The fields of the German texts for one application."""
    city = registry().get(application.city)
    return {
        "trainee": application.applicant.display_name,
        "city": city.name_de if city else application.city,
        "start": f"{application.start_date:%d.%m.%Y}",
        "end": f"{application.end_date:%d.%m.%Y}",
        "number": application.id,
        "link": application_link(application),
        "reason": REASON.format(reason=reason) if reason else "",
    }


def application_link(application: Application) -> str:
    """Absolute URL of the application's page."""
    return external_url("applications.detail", {"application_id": application.id})


def external_url(endpoint: str, values: dict) -> str:
    """Absolute URL of an endpoint: from the request, else from BASE_URL (commands)."""
    if has_request_context():
        return url_for(endpoint, _external=True, **values)
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme)
    return adapter.build(endpoint, values, force_external=True)


def partner_url(link: PartnerLink) -> str:
    """The partner link's address, derived again (the token is never stored, not even in the outbox)."""
    return external_url("partner.page", {"token": tokens.derive(tokens.PARTNER_LINK, link.nonce)})


def body_of(message: OutboxMessage) -> str:
    """The text to send: a partner link's marker replaced by its address."""
    if message.partner_link is None:
        return message.body
    return message.body.replace(PARTNER_URL_MARKER, partner_url(message.partner_link))


@dataclass
class Report:
    """What one ``send_outbox`` run did."""

    sent: int = 0
    retrying: int = 0
    failed: int = 0
    #: left for the next run because the server was unreachable
    deferred: int = 0


def send_outbox(app: Flask) -> Report:
    """Deliver every due message through MAIL_BACKEND; needs an open database connection."""
    deliver = delivery.backend(app.config)
    report = Report()
    due = list(OutboxMessage.due(utcnow()))
    for position, message in enumerate(due):
        if not claim(message):
            continue
        try:
            mail = delivery.build(
                message, app.config["MAIL_FROM"], letter_attachment(message), body_of(message)
            )
            deliver(app, mail, message)
        except delivery.ServerUnavailable as exc:
            record_failure(app, message, exc, report)
            report.deferred = len(due) - position - 1
            break
        except Exception as exc:  # any failure is recorded on the message, the run goes on
            record_failure(app, message, exc, report)
        else:
            message.attempts += 1
            message.sent_at = utcnow()
            message.save()
            report.sent += 1
    return report


def letter_attachment(message: OutboxMessage) -> tuple[str, bytes] | None:
    """The issued letter a message carries, as (file name, PDF bytes); None without one."""
    letter = message.letter
    if letter is None:
        return None
    name = f"{letter.kind}_{letter.language}_{letter.application_id}.pdf"
    return name, storage.read(letter.stored_name)


def claim(message: OutboxMessage) -> bool:
    """Reserve a due message for this run; False if a concurrent run took it first."""
    lease = utcnow() + CLAIM
    taken = (
        OutboxMessage.update(next_attempt_at=lease)
        .where(
            (OutboxMessage.id == message.id)
            & (OutboxMessage.next_attempt_at == message.next_attempt_at)
            & OutboxMessage.sent_at.is_null()
            & OutboxMessage.failed_at.is_null()
        )
        .execute()
    )
    if taken != 1:
        return False
    message.next_attempt_at = lease
    return True


def record_failure(app: Flask, message: OutboxMessage, exc: Exception, report: Report) -> None:
    """Count the attempt, keep the error, schedule the retry or give up."""
    now = utcnow()
    message.attempts += 1
    message.last_error = f"{type(exc).__name__}: {exc}"[:2000]
    if message.attempts >= app.config["MAIL_MAX_ATTEMPTS"]:
        message.failed_at = now
        report.failed += 1
    else:
        delay = app.config["MAIL_RETRY_SECONDS"] * 2 ** (message.attempts - 1)
        message.next_attempt_at = now + timedelta(seconds=delay)
        report.retrying += 1
    message.save()
    # the address (and SMTP texts quoting it) stay in the outbox row, out of the log
    app.logger.warning(
        "E-Mail Nr. %s: Versuch %s fehlgeschlagen (%s)", message.id, message.attempts, type(exc).__name__
    )
