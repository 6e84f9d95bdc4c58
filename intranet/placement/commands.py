"""``flask --app intranet plugins …``: list the partner-city plugins and check them against the contract."""

import sys

import click
from flask import current_app
from flask.cli import AppGroup

from intranet.placement import plugincheck

plugins_cli = AppGroup("plugins", help="Partnerstadt-Plugins / partner-city plugins.")


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
