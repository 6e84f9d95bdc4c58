"""Copy the whole database to a file and back: SQLite's backup API, pg_dump/pg_restore.

Both work while the app serves: SQLite copies a consistent snapshot (WAL readers do not
block writers), pg_dump reads in one snapshot transaction.
"""

import contextlib
import shutil
import sqlite3
import subprocess
from pathlib import Path

from flask import current_app
from peewee import SqliteDatabase

from intranet.platform.db import db, is_sqlite


class BackupError(RuntimeError):
    """A backup or restore that cannot be done; the message is German and says what to do."""


def kind() -> str:
    """ "sqlite" or "postgresql": the engine of the active database."""
    return "sqlite" if is_sqlite() else "postgresql"


def sqlite_copy(source: str, target: str) -> None:
    """Copy a SQLite database page by page into ``target`` (replacing its content)."""
    with contextlib.closing(sqlite3.connect(source)) as src:
        with contextlib.closing(sqlite3.connect(target)) as dst:
            src.backup(dst)


def pg_tool(name: str) -> str:
    """Path of a PostgreSQL client program: PG_BIN_DIR, else the newest installed, else PATH."""
    configured = current_app.config.get("PG_BIN_DIR")
    if configured:
        return str(Path(configured) / name)
    versions = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), key=lambda p: int(p.parts[-3]))
    found = str(versions[-1]) if versions else shutil.which(name)
    if not found:
        raise BackupError(f"{name} fehlt: bitte den PostgreSQL-Client installieren oder PG_BIN_DIR setzen.")
    return found


def _libpq_url() -> str:
    # peewee knows scheme variants (postgres+pool://, postgresext://) that libpq does not
    return "postgresql://" + current_app.config["DATABASE_URL"].split("://", 1)[1]


def _run(args: list[str], what: str) -> None:
    # fixed program names; the only variable argument is the configured database URL, no shell
    result = subprocess.run(args, capture_output=True, text=True, check=False)  # nosec B603
    if result.returncode != 0:
        detail = result.stderr.strip().splitlines()[-1:] or ["?"]
        raise BackupError(f"{what} ist fehlgeschlagen: {detail[0]}")


def table_counts(database=db) -> dict[str, int]:
    """Rows per table (every table, also those of later migrations)."""
    tables = sorted(database.get_tables())
    # table names come from the database's own catalogue, never from a request
    return {t: database.execute_sql(f'SELECT COUNT(*) FROM "{t}"').fetchone()[0] for t in tables}  # nosec B608


def dump(target: Path) -> dict[str, int]:
    """Write the active database to ``target``; returns the rows per table of exactly that copy."""
    if is_sqlite():
        sqlite_copy(db.obj.database, str(target))
        copy = SqliteDatabase(str(target))
        with copy.connection_context():
            return table_counts(copy)
    # count in the snapshot that pg_dump then reads: the manifest matches the dump exactly
    with db.atomic():
        db.execute_sql("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        snapshot = db.execute_sql("SELECT pg_export_snapshot()").fetchone()[0]
        counts = table_counts()
        _run(
            [pg_tool("pg_dump"), "--format=custom", f"--snapshot={snapshot}", "--file", str(target)]
            + ["--dbname", _libpq_url()],
            "pg_dump",
        )
    return counts


def _drop_pg_tables() -> None:
    # pg_restore --clean would leave tables the dump does not know (a newer migration's)
    with db.atomic():
        for table in db.get_tables():
            db.execute_sql(f'DROP TABLE IF EXISTS "{table}" CASCADE')


def load(source: Path) -> None:
    """Replace the active database's content with a dump written by ``dump``."""
    if is_sqlite():
        sqlite_copy(str(source), db.obj.database)
        return
    _drop_pg_tables()
    _run(
        [
            pg_tool("pg_restore"),
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--dbname",
            _libpq_url(),
            str(source),
        ],
        "pg_restore",
    )
