"""Logging: a request id on every line, the user id and nothing else about the person.

One line per request (method, path without query string, status, duration) replaces a
web server access log, which would record IP addresses and search terms. With
``LOG_JSON`` each line is one JSON object for a log collector.
"""

import json
import logging
import re
import sys
import time
import uuid
from datetime import UTC, datetime

from flask import Flask, g, has_request_context, request

#: An incoming X-Request-ID is kept only if it looks like an id, not like arbitrary text.
_SANE_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,63}")
HANDLER_NAME = "intranet-request-log"


def request_id() -> str | None:
    """The id of the current request (None outside a request)."""
    return g.get("request_id") if has_request_context() else None


def _user_id() -> str | None:
    # Flask-Login keeps the loaded user in g; asking current_user here could start
    # a database query from inside a log call.
    user = g.get("_login_user") if has_request_context() else None
    return user.get_id() if user is not None and user.is_authenticated else None


class RequestContextFilter(logging.Filter):
    """Adds ``request_id`` and ``user_id`` to every record (None outside requests)."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id()
        record.user_id = _user_id()
        return True


class JSONFormatter(logging.Formatter):
    """One JSON object per line: time (UTC), level, logger, message, ids, exception."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None),
            "user_id": getattr(record, "user_id", None),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, ensure_ascii=False)


TEXT_FORMAT = "%(asctime)s %(levelname)s %(name)s [request=%(request_id)s user=%(user_id)s] %(message)s"


def make_handler(json_lines: bool, stream=None) -> logging.Handler:
    """A stream handler (stderr by default) with the request filter and the chosen format."""
    handler = logging.StreamHandler(stream or sys.stderr)
    handler.set_name(HANDLER_NAME)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(JSONFormatter() if json_lines else logging.Formatter(TEXT_FORMAT))
    return handler


def _start_request():
    incoming = request.headers.get("X-Request-ID", "")
    g.request_id = incoming if _SANE_ID.fullmatch(incoming) else uuid.uuid4().hex
    g.request_started = time.perf_counter()


def _finish_request(response):
    response.headers["X-Request-ID"] = g.get("request_id", "")
    started = g.get("request_started")
    elapsed = (time.perf_counter() - started) * 1000 if started else 0.0
    logging.getLogger("intranet.request").info(
        "%s %s %s %.1f ms", request.method, logged_path(), response.status_code, elapsed
    )
    return response


def logged_path() -> str:
    """The request path with a secret path segment (a ``token`` view argument) masked."""
    token = (request.view_args or {}).get("token")
    return request.path.replace(token, "…") if token else request.path


def init_app(app: Flask) -> None:
    """Install the handler on the ``intranet`` logger and the request-id hooks."""
    from flask.logging import default_handler

    logger = logging.getLogger("intranet")
    for old in [h for h in logger.handlers if h is default_handler or h.get_name() == HANDLER_NAME]:
        logger.removeHandler(old)  # a second app in the same process replaces the first one's
    logger.addHandler(make_handler(app.config["LOG_JSON"]))
    logger.setLevel(app.config["LOG_LEVEL"])
    app.before_request(_start_request)
    app.after_request(_finish_request)
