"""``flask --app intranet partners …``: remind host administrations that have not answered."""

from datetime import date

import click
from flask.cli import AppGroup

from intranet.partners import reminders
from intranet.platform.db import db

partners_cli = AppGroup("partners", help="Gastverwaltungen / host administrations.")


@partners_cli.command("remind")
def partners_remind():
    """Queue a reminder for every link unanswered for PARTNER_REMINDER_DAYS (send with ``mail send``)."""
    with db.connection_context():
        count = reminders.remind_all(date.today())
    click.echo(f"Erinnerungen in den Ausgang gelegt: {count}")
