"""``flask --app intranet documents cleanup``: remove files of interrupted uploads."""

from contextlib import nullcontext

import click
from flask.cli import AppGroup

from intranet.outbound import documents
from intranet.platform import jobs
from intranet.platform.db import db

documents_cli = AppGroup("documents", help="Ablage der Unterlagen / document store.")


@documents_cli.command("cleanup")
@click.option("--dry-run", is_flag=True, help="Nur auflisten, nichts löschen.")
@click.option(
    "--min-age-minutes", default=60, show_default=True, help="Jüngere Dateien bleiben (laufende Uploads)."
)
def documents_cleanup(dry_run, min_age_minutes):
    """Delete files in the store that belong to no document (interrupted uploads)."""
    # a dry run only reads: it needs no lease and leaves no trace
    lease = nullcontext(True) if dry_run else jobs.exclusive("documents cleanup")
    with db.connection_context(), lease as got:
        if not got:
            click.echo(jobs.busy("documents cleanup"))
            return
        found = documents.remove_orphans(min_age_minutes * 60, dry_run)
    for path in found:
        click.echo(f"{'würde löschen' if dry_run else 'gelöscht'}: {path.name}")
    click.echo(f"{len(found)} verwaiste Datei(en) / orphaned file(s).")
