"""The peewee database: a proxy initialised from DATABASE_URL, one connection per request."""

from pathlib import Path

from flask import Flask
from peewee import DatabaseProxy, SqliteDatabase
from playhouse.db_url import connect

db = DatabaseProxy()

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "foreign_keys": 1,
    "busy_timeout": 10000,
    "synchronous": "normal",
}


def open_database(url: str):
    """Create the peewee Database for a URL (``sqlite:///path`` or ``postgresql://…``)."""
    if url.startswith("sqlite"):
        # IMMEDIATE: every write transaction takes the write lock at BEGIN, so two
        # concurrent decisions serialise instead of failing on lock upgrade.
        return connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    return connect(url)


def database_url(app: Flask) -> str:
    """The configured URL, defaulting to a SQLite file in the instance folder."""
    url = app.config.get("DATABASE_URL")
    if url:
        return url
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)
    return "sqlite:///" + str(Path(app.instance_path) / "intranet.sqlite3")


def is_sqlite() -> bool:
    """True when the active database is SQLite."""
    return isinstance(db.obj, SqliteDatabase)


def init_app(app: Flask) -> None:
    """Bind the proxy to the configured database and manage per-request connections."""
    if db.obj is not None and not db.is_closed():
        db.close()
    db.initialize(open_database(database_url(app)))

    @app.before_request
    def _connect():
        db.connect(reuse_if_open=True)

    @app.teardown_appcontext
    def _close(exc):
        if not db.is_closed():
            db.close()
