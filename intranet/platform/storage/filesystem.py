"""The filesystem backend: one file per name in the instance's ``documents`` folder (one host)."""

import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from intranet.platform.storage.pieces import CHUNK_BYTES


class FilesystemStorage:
    """Files under their names in ``folder``; a put is atomic (temporary file, fsync, rename)."""

    #: deletions wait until the rows that named the files are committed
    transactional = False

    def __init__(self, folder: Path):
        self.folder = folder

    def put(self, name: str, source: bytes | BinaryIO) -> int:
        """Write to a temporary file in the same folder, flush it to disk, rename it into place."""
        self.folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.folder, prefix=".upload-")
        try:
            with os.fdopen(fd, "wb") as fh:
                if isinstance(source, bytes | bytearray | memoryview):
                    fh.write(source)
                else:
                    shutil.copyfileobj(source, fh, CHUNK_BYTES)
                size = fh.tell()
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, self.folder / name)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return size

    def open(self, name: str) -> BinaryIO:
        """The file for reading; FileNotFoundError if there is none."""
        return (self.folder / name).open("rb")

    def delete(self, name: str) -> None:
        """Remove the file if it is there."""
        (self.folder / name).unlink(missing_ok=True)

    def exists(self, name: str) -> bool:
        return (self.folder / name).is_file()

    def names(self) -> Iterator[str]:
        """Every stored file; dot files are puts still being written (or cut short)."""
        for name in self._files():
            if not name.startswith("."):
                yield name

    def stale(self, before: float) -> Iterator[str]:
        """Files (temporary ones included) last written before the Unix time ``before``."""
        for name in self._files():
            try:
                if (self.folder / name).stat().st_mtime < before:
                    yield name
            except FileNotFoundError:
                continue  # renamed or removed since the listing

    def _files(self) -> list[str]:
        if not self.folder.is_dir():
            return []
        return sorted(p.name for p in self.folder.iterdir() if p.is_file())
