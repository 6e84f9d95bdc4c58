"""Partnerstadt-Praktikum: internships of trainees in the partner cities' administrations."""

import os
from typing import TYPE_CHECKING

from intranet.hookspecs import hookimpl

if TYPE_CHECKING:
    from flask import Flask

__all__ = ["create_app", "hookimpl", "main"]


def create_app(test_config: dict | None = None) -> "Flask":
    """Application factory: configuration, database, plugins, login, the feature packages."""
    # Flask is imported here, not above: the PDF renderer (pdfworker) imports this package without it
    from flask import Flask

    from intranet import features
    from intranet.cities import manager
    from intranet.letters import rendering
    from intranet.people import guards
    from intranet.platform import db, errors, health, i18n, logs, migrate, pages, security, storage

    instance_path = (test_config or {}).get("INSTANCE_PATH") or os.environ.get("INTRANET_INSTANCE_PATH")
    app = Flask(__name__, instance_path=instance_path, instance_relative_config=True)
    app.config.from_object("intranet.platform.config")
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
        app.config.from_prefixed_env("INTRANET")
    else:
        app.config.from_mapping(test_config)
    security.check_secret_key(app)

    # first: every request gets its id, and /health answers before the hooks that need the database
    logs.init_app(app)
    health.init_app(app)
    db.init_app(app)
    storage.init_app(app)
    migrate.init_app(app)
    manager.init_app(app)
    pages.init_app(app)
    rendering.init_app(app)
    i18n.init_app(app)
    security.init_app(app)
    guards.init_app(app)
    errors.init_app(app)
    features.init_app(app)
    return app


def main() -> None:
    """Console script: the same commands without typing ``flask --app intranet``."""
    from flask.cli import FlaskGroup

    FlaskGroup(create_app=create_app)()
