"""Moving every file of an instance from one storage backend to the other, verified by SHA-256.

A file is copied, read back from the target and compared with the SHA-256 its row recorded;
only then is it removed from the source. A file already correct in the target is only removed
from the source, so an interrupted move is finished by running it again, and a second run
changes nothing.
"""

import hashlib
from dataclasses import dataclass, field

from intranet.platform.db import db
from intranet.platform.storage.pieces import CHUNK_BYTES


@dataclass
class Summary:
    """What a move did (or, in a dry run, would do)."""

    copied: int = 0
    bytes: int = 0
    #: already correct in the target (only removed from the source)
    present: int = 0
    #: named by a row, but in neither backend
    missing: list[str] = field(default_factory=list)
    #: contents that differ from the row's SHA-256: left where they are
    mismatched: list[str] = field(default_factory=list)
    #: files in the source that no row names (``documents cleanup`` removes them)
    unreferenced: int = 0


def digest(store, name: str) -> tuple[str, int]:
    """SHA-256 and size of a stored file, read in chunks."""
    sha, size = hashlib.sha256(), 0
    with store.open(name) as stream:
        while piece := stream.read(CHUNK_BYTES):
            sha.update(piece)
            size += len(piece)
    return sha.hexdigest(), size


def move(files: dict[str, str], source, target, dry_run: bool = False) -> Summary:
    """Move the ``files`` (stored name → expected SHA-256) from ``source`` to ``target``."""
    summary = Summary(unreferenced=sum(1 for name in source.names() if name not in files))
    for name, expected in sorted(files.items()):
        if target.exists(name) and digest(target, name)[0] == expected:
            summary.present += 1
            if not dry_run:
                _delete(source, name)
            continue
        if not source.exists(name):
            summary.missing.append(name)
            continue
        sha, size = digest(source, name)
        if sha != expected or not (dry_run or _copy(source, target, name, expected)):
            summary.mismatched.append(name)
            continue
        summary.copied += 1
        summary.bytes += size
    return summary


def _copy(source, target, name: str, expected: str) -> bool:
    """Copy one file, read it back, and remove it from the source only if it arrived intact."""
    with db.atomic(), source.open(name) as stream:
        target.put(name, stream)
    if digest(target, name)[0] != expected:
        _delete(target, name)
        return False
    _delete(source, name)
    return True


def _delete(store, name: str) -> None:
    with db.atomic():
        store.delete(name)
