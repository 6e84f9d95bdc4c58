"""``flask --app intranet documents cleanup`` (files of interrupted uploads) and ``documents
migrate-storage`` (every file to the other storage backend)."""

import sys
from contextlib import nullcontext

import click
from flask import current_app
from flask.cli import AppGroup

from intranet.outbound import documents
from intranet.platform import jobs, storage
from intranet.platform.db import db
from intranet.platform.storage import transfer

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
    for name in found:
        click.echo(f"{'würde löschen' if dry_run else 'gelöscht'}: {name}")
    click.echo(f"{len(found)} verwaiste Datei(en) / orphaned file(s).")


@documents_cli.command("migrate-storage")
@click.option("--to", "target", required=True, type=click.Choice(storage.BACKENDS), help="Ziel-Ablage.")
@click.option("--dry-run", is_flag=True, help="Nur prüfen und zählen, nichts kopieren oder löschen.")
def migrate_storage(target, dry_run):
    """Move every document and letter PDF to the other storage backend, verified by SHA-256."""
    source = next(kind for kind in storage.BACKENDS if kind != target)
    with db.connection_context():
        summary = transfer.move(
            documents.stored_files(), storage.backend(source), storage.backend(target), dry_run
        )
    for line in report(summary, source, target, dry_run):
        click.echo(line)
    if summary.missing or summary.mismatched:
        sys.exit(1)


def report(summary: transfer.Summary, source: str, target: str, dry_run: bool) -> list[str]:
    """The German summary of a move."""
    verb = "würden kopiert" if dry_run else "kopiert und geprüft"
    size = f"{summary.bytes:,}".replace(",", ".")  # German digit grouping
    lines = [
        f"Ablage {source} → {target}" + (" (Probelauf, nichts geändert)" if dry_run else "") + ":",
        f"  {verb}: {summary.copied} Datei(en), {size} Byte",
        f"  übersprungen, schon im Ziel: {summary.present}",
        f"  nicht zugeordnet, bleiben in {source} (documents cleanup): {summary.unreferenced}",
    ]
    lines += [f"  fehlt in beiden Ablagen: {name}" for name in summary.missing]
    lines += [f"  Prüfsumme falsch, bleibt in {source}: {name}" for name in summary.mismatched]
    if not dry_run and current_app.config["STORAGE_BACKEND"] != target:
        lines.append(f'Jetzt STORAGE_BACKEND = "{target}" setzen und die App neu starten.')
    return lines
