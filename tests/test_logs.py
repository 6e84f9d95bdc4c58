"""Structured logs: a request id on every line of a request, the user id, no personal data."""

import io
import json
import logging
from contextlib import contextmanager

import pytest

from intranet.platform import logs

from .conftest import PASSWORD


@pytest.fixture
def log_lines(app):
    """JSON log lines written while the test runs, parsed."""
    stream = io.StringIO()
    handler = logs.make_handler(json_lines=True, stream=stream)
    logger = logging.getLogger("intranet")
    logger.addHandler(handler)
    yield lambda: [json.loads(line) for line in stream.getvalue().splitlines()]
    logger.removeHandler(handler)


def test_every_line_of_a_request_carries_its_id_and_only_the_user_id(app, client, people, log_lines):
    client.post("/anmelden", data={"username": "anna", "password": PASSWORD})
    response = client.get("/bewerbungen/?q=Anna+Azubi", headers={"X-Request-ID": "lb-7f3a.42"})
    assert response.headers["X-Request-ID"] == "lb-7f3a.42"
    lines = [line for line in log_lines() if line["request_id"] == "lb-7f3a.42"]
    assert [line["message"].split(" ")[:3] for line in lines] == [["GET", "/bewerbungen/", "200"]]
    assert lines[0]["user_id"] == str(people["anna"].id)
    everything = json.dumps(log_lines())
    for personal in ("anna@example.org", "Anna Azubi", '"anna"', PASSWORD):
        assert personal not in everything


@pytest.mark.parametrize("incoming", ["", "x" * 65, "<script>", "a b", "ä-id"])
def test_an_odd_incoming_request_id_is_replaced(client, incoming, log_lines):
    response = client.get("/anmelden", headers={"X-Request-ID": incoming})
    generated = response.headers["X-Request-ID"]
    assert generated != incoming and len(generated) == 32
    assert log_lines()[-1]["request_id"] == generated


def test_log_lines_of_the_app_within_a_request_share_the_id(app, log_lines):
    @app.get("/_probe")
    def probe():
        app.logger.warning("erste Zeile")
        logging.getLogger("intranet.probe").error("zweite Zeile")
        return "ok"

    response = app.test_client().get("/_probe")
    request_id = response.headers["X-Request-ID"]
    lines = log_lines()
    assert [(line["level"], line["request_id"]) for line in lines] == [
        ("WARNING", request_id),
        ("ERROR", request_id),
        ("INFO", request_id),
    ]
    assert lines[0]["time"].endswith("+00:00")


@contextmanager
def captured(json_lines: bool):
    """A logger outside any request and the text its handler wrote."""
    stream = io.StringIO()
    logger = logging.getLogger("intranet.test-outside")
    handler = logs.make_handler(json_lines=json_lines, stream=stream)
    logger.addHandler(handler)
    try:
        yield logger, stream
    finally:
        logger.removeHandler(handler)


def test_outside_requests_the_ids_are_empty_and_exceptions_are_kept():
    with captured(json_lines=True) as (logger, stream):
        try:
            raise ValueError("kaputt")
        except ValueError:
            logger.exception("Befehl fehlgeschlagen")
    line = json.loads(stream.getvalue())
    assert (line["request_id"], line["user_id"]) == (None, None)
    assert "ValueError: kaputt" in line["exception"]


def test_plain_text_format_names_request_and_user():
    with captured(json_lines=False) as (logger, stream):
        logger.warning("Hinweis")
    assert "[request=None user=None] Hinweis" in stream.getvalue()
