"""The peewee database: a proxy initialised from DATABASE_URL, one connection per request.

PostgreSQL connections come from a pool (``playhouse.pool``): a request or command checks one
out and gives it back at its end. Checking out pings an idle connection (peewee's pool sends
``SELECT 1``) and drops it when the server has gone away, so the first request after a
PostgreSQL restart gets a fresh connection instead of an error.
"""

from pathlib import Path

from flask import Flask
from peewee import DatabaseProxy, SqliteDatabase
from playhouse.db_url import connect, parse
from playhouse.pool import PooledDatabase, PooledPostgresqlDatabase
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


def open_database(url: str, pool: dict | None = None):
    """Create the peewee Database for a URL (``sqlite:///path`` or ``postgresql://…``).

    ``pool`` (``pool_settings``) makes a PostgreSQL database a pool; without it every
    ``connect`` opens a connection of its own (tools, tests, the template database).
    """
    if url.startswith("sqlite"):
        # IMMEDIATE: every write transaction takes the write lock at BEGIN, so two
        # concurrent decisions serialise instead of failing on lock upgrade.
        return connect(url, pragmas=SQLITE_PRAGMAS, lock_type="IMMEDIATE")
    # no server-side prepared statements (psycopg prepares a query after its 5th run): a
    # PgBouncer in transaction mode hands each transaction another server connection
    options = {"prepare_threshold": None}
    if pool and pool["max_connections"] > 0:
        return PooledPostgresqlDatabase(**parse(url), **options, **pool)
    return connect(url, **options)


def pool_settings(config) -> dict:
    """The pool of the app's PostgreSQL connections, from the DATABASE_POOL_* settings."""
    return {
        "max_connections": int(config["DATABASE_POOL_SIZE"]),
        "timeout": float(config["DATABASE_POOL_TIMEOUT"]),
        "stale_timeout": int(config["DATABASE_POOL_RECYCLE_SECONDS"]) or None,
    }


def disconnect() -> None:
    """Close this thread's connection and, for a pool, every pooled one (re-initialisation, tests)."""
    if db.obj is None:
        return
    if isinstance(db.obj, PooledDatabase):
        db.obj.close_all()
    elif not db.is_closed():
        db.close()


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
    disconnect()
    db.initialize(open_database(database_url(app), pool_settings(app.config)))

    @app.before_request
    def _connect():
        db.connect(reuse_if_open=True)

    @app.teardown_appcontext
    def _close(exc):
        if not db.is_closed():
            db.close()
