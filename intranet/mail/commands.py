"""``flask --app intranet mail …``: send the due messages of the outbox, list pending and failed ones."""

import click
from flask import current_app
from flask.cli import AppGroup

from intranet.mail import delivery, notify
from intranet.models import OutboxMessage
from intranet.platform.db import db

mail_cli = AppGroup("mail", help="E-Mail-Ausgang / mail outbox.")


@mail_cli.command("send")
def mail_send():
    """Send the due messages of the outbox through MAIL_BACKEND."""
    with db.connection_context():
        try:
            report = notify.send_outbox(current_app)
        except delivery.MailConfigError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(
        f"gesendet: {report.sent}, später erneut: {report.retrying}, "
        f"fehlgeschlagen: {report.failed}, zurückgestellt: {report.deferred}"
    )


@mail_cli.command("list")
def mail_list():
    """List pending and failed messages with their last error."""
    with db.connection_context():
        pending, failed = list(OutboxMessage.pending()), list(OutboxMessage.failed())
    for title, messages in (("Ausstehend", pending), ("Fehlgeschlagen", failed)):
        click.echo(f"{title}: {len(messages)}")
        for message in messages:
            click.echo(describe_mail(message))


def describe_mail(message: OutboxMessage) -> str:
    """One message for ``mail list``: number, due or failure time, recipient, subject, last error."""
    when = message.failed_at or message.next_attempt_at
    line = f"  Nr. {message.id}  {when:%d.%m.%Y %H:%M} UTC  {message.recipient}  {message.subject}"
    if message.last_error:
        line += f"\n      {message.attempts} Versuch(e), zuletzt: {message.last_error}"
    return line
