"""The database backend: contents in ``stored_file`` / ``stored_chunk``, in the caller's transaction.

A put inside the transaction that writes the document or letter row commits or rolls back with
it, so no host ever sees a row without its contents or contents without a row. Contents go in
and come out one chunk at a time: a 5 MB upload is never held a second time as one piece.
"""

import io
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import BinaryIO

from intranet.models import StoredChunk, StoredFile
from intranet.platform.db import db
from intranet.platform.storage.pieces import CHUNK_BYTES


class DatabaseStorage:
    """Files as rows of the app's own database, so every app host sees every file."""

    #: puts and deletions belong to the surrounding transaction
    transactional = True

    def put(self, name: str, source: bytes | BinaryIO) -> int:
        """Store the contents under ``name`` (replacing a file of that name); returns the size."""
        with db.atomic():
            self.delete(name)
            file = StoredFile.create(name=name)
            size = 0
            for number, chunk in enumerate(_pieces(source)):
                StoredChunk.insert(file=file.id, number=number, data=chunk).execute()
                size += len(chunk)
            StoredFile.update(size=size).where(StoredFile.id == file.id).execute()
        return size

    def open(self, name: str) -> BinaryIO:
        """A buffered reader that fetches one chunk at a time; FileNotFoundError if there is none."""
        reader = ChunkReader()
        file = reader.run(StoredFile.select(StoredFile.id, StoredFile.size).where(StoredFile.name == name))
        if file is None:
            reader.close()
            raise FileNotFoundError(name)
        reader.file_id, reader.size = file
        return io.BufferedReader(reader, CHUNK_BYTES)

    def delete(self, name: str) -> None:
        """Remove the file and its chunks if they are there."""
        ids = StoredFile.select(StoredFile.id).where(StoredFile.name == name)
        StoredChunk.delete().where(StoredChunk.file.in_(ids)).execute()
        StoredFile.delete().where(StoredFile.name == name).execute()

    def exists(self, name: str) -> bool:
        return StoredFile.select().where(StoredFile.name == name).exists()

    def names(self) -> Iterator[str]:
        """Every stored file, by name."""
        for (name,) in StoredFile.select(StoredFile.name).order_by(StoredFile.name).tuples():
            yield name

    def stale(self, before: float) -> Iterator[str]:
        """Files stored before the Unix time ``before`` (a put cut short left nothing behind)."""
        cutoff = datetime.fromtimestamp(before, UTC).replace(tzinfo=None)
        query = StoredFile.select(StoredFile.name).where(StoredFile.created_at < cutoff)
        for (name,) in query.order_by(StoredFile.name).tuples():
            yield name


def _pieces(source: bytes | BinaryIO) -> Iterator[bytes]:
    """The contents in chunks of CHUNK_BYTES (at least one, so an empty file has a row too)."""
    if isinstance(source, bytes | bytearray | memoryview):
        view = memoryview(source)
        for start in range(0, max(len(view), 1), CHUNK_BYTES):
            yield bytes(view[start : start + CHUNK_BYTES])
        return
    chunk = source.read(CHUNK_BYTES)
    yield chunk
    while chunk := source.read(CHUNK_BYTES):
        yield chunk


class ChunkReader(io.RawIOBase):
    """Raw reads over a stored file's chunks, one query per chunk."""

    def __init__(self):
        self.file_id, self.size = 0, 0
        self._number, self._read, self._buffer = 0, 0, memoryview(b"")
        self._owns_connection = False

    def readable(self) -> bool:
        return True

    def readinto(self, target) -> int:
        if not self._buffer:
            if self._read >= self.size:
                return 0
            self._buffer = memoryview(self._next_chunk())
        count = min(len(target), len(self._buffer))
        target[:count] = self._buffer[:count]
        self._buffer, self._read = self._buffer[count:], self._read + count
        return count

    def run(self, query):
        """The first row of ``query`` as a tuple (or None), on the reader's connection."""
        # a download's body is read after its request has closed the connection: the reader
        # then opens one for all its queries and closes it with itself
        if db.is_closed():
            db.connect()
            self._owns_connection = True
        return query.tuples().first()

    def _next_chunk(self) -> bytes:
        """The next chunk's bytes; OSError if the file was deleted while it was being read."""
        query = StoredChunk.select(StoredChunk.data).where(
            (StoredChunk.file == self.file_id) & (StoredChunk.number == self._number)
        )
        row = self.run(query)
        if row is None:
            raise OSError("Die Datei wurde während des Lesens gelöscht.")
        self._number += 1
        return bytes(row[0])

    def close(self) -> None:
        if self._owns_connection and not db.is_closed():
            db.close()
        self._owns_connection = False
        super().close()
