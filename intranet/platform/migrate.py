"""Schema migrations with peewee's own runner; the app refuses to serve an old schema."""

from flask import Flask, current_app, render_template
from playhouse.migrations import Runner

from intranet.platform.db import db
from intranet.platform.resources import resource_dir

UPGRADE_COMMAND = "flask --app intranet db upgrade"


def runner() -> Runner:
    """A migration runner on the active database and the packaged migrations folder."""
    return Runner(db.obj, str(resource_dir("migrations")))


def pending() -> list[str]:
    """Names of migrations not yet applied."""
    return [m.name for m in runner().status() if m.path is not None and not m.applied]


def upgrade() -> list[str]:
    """Apply all pending migrations; returns their names."""
    return runner().up()


def _refuse_outdated_schema():
    if current_app.extensions.get("schema_current"):
        return None
    missing = pending()
    if missing:
        current_app.logger.error("Schema veraltet, fehlende Migrationen: %s", missing)
        return render_template("errors/schema.html", command=UPGRADE_COMMAND, missing=missing), 503
    current_app.extensions["schema_current"] = True
    return None


def init_app(app: Flask) -> None:
    """Check the schema before serving (once per process, then cached)."""
    app.before_request(_refuse_outdated_schema)
