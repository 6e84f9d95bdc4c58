"""Where uploaded documents and issued letters live, behind one small interface.

Every file has the random ``stored_name`` of its row (``Document``, ``IssuedLetter``); nothing
a user typed reaches a name. Two backends, chosen by ``STORAGE_BACKEND``:

- ``filesystem`` (default): ``instance/documents/<name>``, for one app host;
- ``database``: the contents in the app's database (``stored_file``, ``stored_chunk``), for
  several hosts on one PostgreSQL (docs/decisions.md).

Both offer ``put(name, bytes or stream)``, ``open(name)`` (a binary stream, read in chunks),
``delete``, ``exists``, ``names()`` (backup, migration) and ``stale(before)`` (cleanup). Changes
that go with rows are made through ``transaction()``, which keeps both backends crash-safe.
"""

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from flask import current_app

from intranet.platform.db import db
from intranet.platform.storage.database import DatabaseStorage
from intranet.platform.storage.filesystem import FilesystemStorage
from intranet.platform.storage.pieces import CHUNK_BYTES

__all__ = [
    "BACKENDS",
    "CHUNK_BYTES",
    "backend",
    "chunks",
    "delete",
    "exists",
    "names",
    "open",
    "put",
    "read",
    "transaction",
]

BACKENDS = ("filesystem", "database")
#: stored names are random tokens; a leading dot marks the filesystem's temporary files
_NAME = re.compile(r"\.?[A-Za-z0-9_-]{1,64}")


def backend(kind: str | None = None):
    """The configured backend, or the one named ``kind`` ("filesystem", "database")."""
    kind = kind or current_app.config["STORAGE_BACKEND"]
    if kind == "filesystem":
        return FilesystemStorage(Path(current_app.instance_path) / "documents")
    if kind == "database":
        return DatabaseStorage()
    raise ValueError(_unknown(kind))


def _unknown(kind: str) -> str:
    return f"STORAGE_BACKEND muss „filesystem“ oder „database“ sein, nicht „{kind}“."


def _checked(name: str) -> str:
    if not _NAME.fullmatch(name or ""):
        raise ValueError(f"Ungültiger Dateiname in der Ablage: {name!r}")
    return name


def put(name: str, source: bytes | BinaryIO) -> int:
    """Store contents under ``name``; returns the size. Rows that name it: use ``transaction()``."""
    return backend().put(_checked(name), source)


def open(name: str) -> BinaryIO:
    """The stored file as a binary stream that reads in chunks; FileNotFoundError if missing."""
    return backend().open(_checked(name))


def read(name: str) -> bytes:
    """The whole file (letters for mail attachments are small)."""
    with open(name) as stream:
        return stream.read()


def chunks(name: str) -> Iterator[bytes]:
    """The file in pieces, opened only when the first piece is asked for (a download's body)."""
    # the backend is chosen now: the body is read after the request (and its app context) ended
    return _pieces(backend(), _checked(name))


def _pieces(store, name: str) -> Iterator[bytes]:
    with store.open(name) as stream:
        while piece := stream.read(CHUNK_BYTES):
            yield piece


def delete(name: str) -> None:
    """Remove a file now. Rows that named it: use ``transaction()``."""
    backend().delete(_checked(name))


def exists(name: str) -> bool:
    return backend().exists(_checked(name))


def names() -> Iterator[str]:
    """Every stored file of the configured backend."""
    return backend().names()


class Changes:
    """The file changes of one transaction (see ``transaction``)."""

    def __init__(self, store):
        self.store = store
        self.written: list[str] = []
        self.doomed: list[str] = []

    def put(self, name: str, source: bytes | BinaryIO) -> None:
        """Store a file that a row of this transaction names."""
        self.store.put(_checked(name), source)
        self.written.append(name)

    def delete(self, name: str) -> None:
        """Remove the file of a row this transaction deletes."""
        if self.store.transactional:
            self.store.delete(_checked(name))
        else:
            self.doomed.append(_checked(name))


@contextmanager
def transaction(put: dict[str, bytes] | None = None):
    """``db.atomic()`` whose file changes go with it; stores ``put`` (name → contents) and yields
    a ``Changes`` for deletions.

    Database backend: puts and deletions are part of the transaction. Filesystem backend: the
    files are written before the transaction begins (SQLite's write lock is not held while they
    are flushed to disk) and removed again if it fails; deletions wait until the commit, so a
    rollback never leaves a row without its file (a crash in between leaves an orphan for
    ``documents cleanup``). Use it as the outermost transaction.
    """
    changes = Changes(backend())
    try:
        if not changes.store.transactional:
            for name, contents in (put or {}).items():
                changes.put(name, contents)
        with db.atomic():
            if changes.store.transactional:
                for name, contents in (put or {}).items():
                    changes.put(name, contents)
            yield changes
    except BaseException:
        if not changes.store.transactional:
            for name in changes.written:
                changes.store.delete(name)
        raise
    for name in changes.doomed:
        changes.store.delete(name)


def init_app(app) -> None:
    """Refuse to start with an unknown backend rather than fail at the first upload."""
    if app.config["STORAGE_BACKEND"] not in BACKENDS:
        raise RuntimeError(_unknown(app.config["STORAGE_BACKEND"]))
