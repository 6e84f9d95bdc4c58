"""``flask --app intranet …`` commands: db, users, plugins, mail, demo."""

import sys
from datetime import date
from pathlib import Path

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext

from intranet import demo, retention
from intranet.mail import delivery, notify
from intranet.models import ROLES, OutboxMessage
from intranet.outbound import documents
from intranet.people import users
from intranet.placement import plugincheck
from intranet.platform import backup, migrate
from intranet.platform.db import db

db_cli = AppGroup("db", help="Datenbankschema / database schema.")
users_cli = AppGroup("users", help="Benutzer und Rollen / users and roles.")
plugins_cli = AppGroup("plugins", help="Partnerstadt-Plugins / partner-city plugins.")
mail_cli = AppGroup("mail", help="E-Mail-Ausgang / mail outbox.")
documents_cli = AppGroup("documents", help="Ablage der Unterlagen / document store.")
retention_cli = AppGroup("retention", help="Aufbewahrungsfristen / retention periods.")


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


@users_cli.command("create")
@click.argument("username")
@click.option("--name", "display_name", required=True, help="Anzeigename")
@click.option("--email", required=True)
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), default=["employee"])
@click.option("--city", "cities", multiple=True, help="Stadt-Slug für city_admin (mehrfach)")
@click.password_option(help="Passwort (leer lassen für reine SSO-Konten)", default="", required=False)
def users_create(username, display_name, email, roles, cities, password):
    """Create a user."""
    with db.connection_context():
        try:
            users.create_user(username, display_name, email, roles, cities, password or None)
        except users.UserError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"Benutzer {username} angelegt.")


@users_cli.command("set-roles")
@click.argument("username")
@click.option("--role", "roles", multiple=True, type=click.Choice(ROLES), required=True)
@click.option("--city", "cities", multiple=True, help="Stadt-Slug für city_admin (mehrfach)")
def users_set_roles(username, roles, cities):
    """Replace a user's roles and city scopes."""
    with db.connection_context():
        try:
            users.set_roles(username, roles, cities)
        except users.UserError as exc:
            raise click.ClickException(str(exc)) from exc
    click.echo(f"Rollen von {username}: {', '.join(roles)}")


@users_cli.command("list")
def users_list():
    """List users with roles and city scopes."""
    with db.connection_context():
        for user in users.all_users():
            scopes = f" [{', '.join(sorted(user.city_scopes))}]" if user.city_scopes else ""
            state = "" if user.active else " (deaktiviert)"
            click.echo(f"{user.username:20} {', '.join(sorted(user.roles))}{scopes}{state}")


@plugins_cli.command("list")
def plugins_list():
    """List the partner-city plugins: slug, names, languages, version, file."""
    cities = current_app.extensions["cities"]
    for city in cities:
        version, path = cities.origin(city.slug)
        click.echo(f"{city.slug:12} {city.name_de} / {city.name_local}  [{', '.join(city.languages)}]")
        click.echo(f"{'':12} Version {version}  {path}")


@plugins_cli.command("check")
def plugins_check():
    """Call every hook of every city with sample data and validate the results."""
    cities = current_app.extensions["cities"]
    total = 0
    for city in cities:
        problems = plugincheck.check_city(city)
        total += len(problems)
        state = "in Ordnung / OK" if not problems else f"{len(problems)} Problem(e) / problem(s)"
        click.secho(
            f"{'✔' if not problems else '✘'} {city.slug:12} {city.name_de}: {state}",
            fg=None if not problems else "red",
        )
        for problem in problems:
            click.echo(f"    - {problem}")
    if total:
        click.secho(f"{total} Problem(e) gefunden / problem(s) found.", fg="red", bold=True)
        sys.exit(1)
    click.echo("Alle Plugins halten den Vertrag ein / all plugins keep the contract.")


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


@documents_cli.command("cleanup")
@click.option("--dry-run", is_flag=True, help="Nur auflisten, nichts löschen.")
@click.option(
    "--min-age-minutes", default=60, show_default=True, help="Jüngere Dateien bleiben (laufende Uploads)."
)
def documents_cleanup(dry_run, min_age_minutes):
    """Delete files in the store that belong to no document (interrupted uploads)."""
    with db.connection_context():
        found = documents.remove_orphans(min_age_minutes * 60, dry_run)
    for path in found:
        click.echo(f"{'würde löschen' if dry_run else 'gelöscht'}: {path.name}")
    click.echo(f"{len(found)} verwaiste Datei(en) / orphaned file(s).")


@retention_cli.command("run")
@click.option("--dry-run", is_flag=True, help="Nur auflisten, was fällig ist; nichts ändern.")
def retention_run(dry_run):
    """Delete or anonymise the records whose retention period has ended (RETENTION)."""
    with db.connection_context():
        actions = retention.run(date.today(), dry_run)
        if dry_run:
            for action in actions:
                click.echo(str(retention.describe(action)))
    counts = retention.totals(actions)
    verb = "fällig" if dry_run else "erledigt"
    click.echo(f"{verb}: {counts['delete']} löschen, {counts['anonymise']} anonymisieren.")


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


@click.command("demo")
@with_appcontext
def demo_command():
    """Fill a fresh database with demo users and applications (never in production)."""
    with db.connection_context():
        migrate.upgrade()
        created = demo.seed()
    click.secho("=" * 70, fg="yellow")
    click.secho("DEMO-DATEN: Alle Demo-Konten haben das Passwort 'demo'.", fg="yellow", bold=True)
    click.secho("Niemals in einer echten Umgebung verwenden!", fg="yellow", bold=True)
    click.secho("=" * 70, fg="yellow")
    click.echo("\n".join(created) if created else "Demo-Daten waren bereits vorhanden.")


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


def init_app(app: Flask) -> None:
    """Attach the command groups to ``flask --app intranet``."""
    groups = (db_cli, users_cli, plugins_cli, mail_cli, documents_cli, retention_cli)
    for command in (*groups, demo_command, backup_command, restore_command):
        app.cli.add_command(command)


def main() -> None:
    """Console script: the same commands without typing ``flask --app intranet``."""
    from flask.cli import FlaskGroup

    from intranet import create_app

    FlaskGroup(create_app=create_app)()
