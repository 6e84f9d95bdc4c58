"""The peewee database: a proxy initialised from DATABASE_URL, one connection per request."""

from pathlib import Path

from flask import Flask
from peewee import DatabaseProxy, SqliteDatabase
from playhouse.db_url import connect
from werkzeug.routing import IntegerConverter

db = DatabaseProxy()

#: the largest id either database can bind (SQLite's INTEGER, PostgreSQL's bigint)
MAX_ID = 2**63 - 1

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


def at_most(number: int) -> str:
    """A regular expression for the decimal numbers from 0 to ``number``."""
    digits = str(number)
    shorter = [rf"\d{{1,{len(digits) - 1}}}"] if len(digits) > 1 else []
    # same length: equal up to position i, smaller there, anything after it
    smaller = [
        f"{digits[:i]}[0-{int(d) - 1}]" + (rf"\d{{{len(digits) - i - 1}}}" if i < len(digits) - 1 else "")
        for i, d in enumerate(digits)
        if d != "0"
    ]
    return "(?:" + "|".join([*shorter, *smaller, digits]) + ")"


class IdConverter(IntegerConverter):
    """``<int:…>`` in every route: a number beyond the databases' integer range matches no route (404)."""

    # not a ValidationError in to_python: werkzeug would answer 405 where a GET rule shares the path
    regex = at_most(MAX_ID)


def init_app(app: Flask) -> None:
    """Bind the proxy to the configured database and manage per-request connections."""
    # before the blueprints add their rules: each rule takes its converter when it is added
    app.url_map.converters["int"] = IdConverter
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
