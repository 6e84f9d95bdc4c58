"""``flask --app intranet users …``: create users, set their roles and city scopes, list them."""

import click
from flask.cli import AppGroup

from intranet.models import ROLES
from intranet.people import users
from intranet.platform.db import db

users_cli = AppGroup("users", help="Benutzer und Rollen / users and roles.")


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
