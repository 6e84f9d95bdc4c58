"""The platform's ``flask --app intranet …`` commands: database schema, backup and restore."""

from pathlib import Path

import click
from flask.cli import AppGroup, with_appcontext

from intranet.platform import backup, migrate
from intranet.platform.db import db

db_cli = AppGroup("db", help="Datenbankschema / database schema.")


@db_cli.command("upgrade")
def db_upgrade():
    """Apply all pending migrations."""
    with db.connection_context():
        applied = migrate.upgrade()
    click.echo("\n".join(f"angewendet: {name}" for name in applied) or "Schema ist aktuell.")


@db_cli.command("status")
def db_status():
    """List migrations and whether they are applied."""
    with db.connection_context():
        for m in migrate.runner().status():
            click.echo(f"{'✔' if m.applied else '✘'} {m.name}")


@click.command("backup")
@click.argument("file", type=click.Path(dir_okay=False, writable=True, path_type=Path))
@with_appcontext
def backup_command(file):
    """Write database and documents into one archive FILE (the app may keep running)."""
    with db.connection_context():
        try:
            manifest = backup.create(file)
        except backup.BackupError as exc:
            raise click.ClickException(str(exc)) from exc
    rows, files = sum(manifest["tables"].values()), len(manifest["members"]) - 1
    click.echo(f"Sicherung geschrieben: {file} ({rows} Zeilen, {files} Unterlagen)")


@click.command("restore")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Vorhandene Daten dieser Instanz überschreiben")
@with_appcontext
def restore_command(file, force):
    """Restore an archive written by ``backup`` into this (empty) instance; stop the app first."""
    with db.connection_context():
        try:
            report = backup.restore(file, force=force)
        except backup.BackupError as exc:
            raise click.ClickException(str(exc)) from exc
        pending = migrate.pending()
    click.echo(f"Wiederhergestellt: {sum(report.tables.values())} Zeilen, {report.files} Unterlagen.")
    for name in report.missing_files:
        click.secho(f"Datei fehlt zur Unterlage {name}", fg="red")
    if pending:
        click.echo(f"Die Sicherung hat ein älteres Schema. Jetzt: {migrate.UPGRADE_COMMAND}")


COMMANDS = (db_cli, backup_command, restore_command)
