"""``flask --app intranet retention run``: delete or anonymise what has outlived its retention period."""

from contextlib import nullcontext
from datetime import date

import click
from flask.cli import AppGroup

from intranet.platform import jobs
from intranet.platform.db import db
from intranet.privacy import retention

retention_cli = AppGroup("retention", help="Aufbewahrungsfristen / retention periods.")


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="Nur auflisten, was fällig ist; nichts ändern.")
def retention_run(dry_run):
    """Delete or anonymise the records whose retention period has ended (RETENTION)."""
    # a dry run only reads: it needs no lease and leaves no trace
    lease = nullcontext(True) if dry_run else jobs.exclusive("retention")
    with db.connection_context(), lease as got:
        if not got:
            click.echo(jobs.busy("retention"))
            return
        actions = retention.run(date.today(), dry_run)
        if dry_run:
            for action in actions:
                click.echo(str(retention.describe(action)))
    counts = retention.totals(actions)
    verb = "fällig" if dry_run else "erledigt"
    click.echo(f"{verb}: {counts['delete']} löschen, {counts['anonymise']} anonymisieren.")
