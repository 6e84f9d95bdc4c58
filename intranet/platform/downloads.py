"""Files sent for download: never cached, never sniffed, never able to run scripts."""

import re
import unicodedata
from collections.abc import Iterable
from urllib.parse import quote

from flask import abort, make_response

from intranet.platform import storage


def stored_file_response(name: str, size: int, content_type: str, filename: str):
    """A file of the storage backend, streamed in chunks; 404 when the backend has no such file."""
    if not storage.exists(name):
        abort(404)
    response = file_response(storage.chunks(name), content_type, filename)
    # the body is a generator: without the length, the server would send it chunked
    response.headers["Content-Length"] = str(size)
    return response


def file_response(data: bytes | Iterable[bytes], content_type: str, filename: str):
    """A file for download: never cached, never sniffed, never able to run scripts."""
    response = make_response(data)
    response.headers["Content-Type"] = content_type
    response.headers["Content-Disposition"] = content_disposition(filename)
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Cache-Control"] = "no-store"
    # Should a browser still render the file, it gets no scripts, no origin, no requests and no frame.
    response.headers["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'; sandbox"
    return response


def content_disposition(name: str) -> str:
    """An attachment header with an ASCII fallback and the full UTF-8 name (RFC 6266, RFC 5987)."""
    fallback = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    fallback = re.sub(r"[^A-Za-z0-9._ -]", "_", fallback).strip() or "dokument"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"
