"""Where uploaded documents and issued letters live: random names in the instance's document folder."""

import os
import tempfile
from pathlib import Path

from flask import current_app

from intranet.models import Document


def store_dir() -> Path:
    """The document store in the instance folder, created on first use."""
    path = Path(current_app.instance_path) / "documents"
    path.mkdir(parents=True, exist_ok=True)
    return path


def file_path(document: Document) -> Path:
    """Where a document's bytes are stored."""
    return store_dir() / document.stored_name


def write_file(path: Path, data: bytes) -> None:
    """Write to a temporary file in the same folder, flush it to disk, then rename into place."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".upload-")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
