"""``flask --app intranet documents cleanup``: remove files of interrupted uploads."""

import click
from flask.cli import AppGroup

from intranet.outbound import documents
from intranet.platform.db import db

documents_cli = AppGroup("documents", help="Ablage der Unterlagen / document store.")


@documents_cli.command("cleanup")
@click.option("--dry-run", is_flag=True, help="Nur auflisten, nichts löschen.")
@click.option(
    "--min-age-minutes", default=60, show_default=True, help="Jüngere Dateien bleiben (laufende Uploads)."
)
def documents_cleanup(dry_run, min_age_minutes):
    """Delete files in the store that belong to no document (interrupted uploads)."""
    with db.connection_context():
        found = documents.remove_orphans(min_age_minutes * 60, dry_run)
    for name in found:
        click.echo(f"{'würde löschen' if dry_run else 'gelöscht'}: {name}")
    click.echo(f"{len(found)} verwaiste Datei(en) / orphaned file(s).")
