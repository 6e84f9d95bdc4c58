"""The audit log: global and per application, filterable, CSV export, append-only."""

import csv
import io
import logging
import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from intranet.models import AuditEvent
from intranet.outbound import workflow
from intranet.platform.db import db

from .hrdata import set_budget, submitted

SOURCE = Path(__file__).parent.parent / "intranet"


@pytest.fixture
def decided(app, people):
    """Two applications: one approved then reverted, one rejected."""
    with app.test_request_context(), db.connection_context():
        set_budget(5000)
        hr = people["hanna"]
        first = workflow.decide(hr, submitted(people["anna"], "1000"), "approve")
        workflow.revert(hr, first, "Falsches Jahr.")
        second = workflow.decide(hr, submitted(people["ben"]), "reject", "Keine Plätze frei.")
    return first, second


def rows_of(html: str) -> int:
    return len(re.findall(r"<tr>\s*<td class=\"nowrap\">", html))


def test_global_log_with_filters(client, login, decided):
    first, second = decided
    login("hanna")
    page = client.get("/personal/protokoll/").text
    assert "Entscheidung zurückgenommen" in page and "Falsches Jahr." in page and "Keine Plätze frei." in page
    assert rows_of(page) >= 5  # created users, approval, revert, rejection
    only = client.get("/personal/protokoll/?action=application_reverted").text
    assert rows_of(only) == 1 and "released: 1000.00" in only
    one = client.get(f"/personal/protokoll/?object_type=application&object_id={second.id}").text
    assert rows_of(one) == 1 and "Keine Plätze frei." in one
    assert rows_of(client.get("/personal/protokoll/?actor=hanna").text) == 3
    tomorrow = date.today() + timedelta(days=1)
    assert rows_of(client.get(f"/personal/protokoll/?since={tomorrow}").text) == 0
    assert rows_of(client.get(f"/personal/protokoll/?until={date.today()}&actor=hanna").text) == 3


@pytest.mark.parametrize(
    "query", ["action=nix", "object_id=abc", "since=31.02.2027", "until=gestern", "page=0"]
)
def test_broken_filters_are_ignored(client, login, decided, query):
    login("hanna")
    response = client.get("/personal/protokoll/?" + query)
    assert response.status_code == 200 and "Keine Plätze frei." in response.text


def test_csv_export_of_the_filtered_log(client, login, decided):
    first, _ = decided
    login("hanna")
    response = client.get(f"/personal/protokoll.csv?object_type=application&object_id={first.id}")
    assert response.headers["Content-Type"] == "text/csv; charset=utf-8"  # the charset once
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][:3] == ["Nr.", "Zeitpunkt (UTC)", "Aktion"]
    assert [r[2] for r in rows[1:]] == ["Entscheidung zurückgenommen", "genehmigt"]  # newest first
    assert rows[1][5] == "hanna" and rows[1][8] == "Falsches Jahr." and '"released": "1000.00"' in rows[1][7]


@pytest.mark.parametrize("path", ["/personal/protokoll/", "/personal/protokoll.csv"])
@pytest.mark.parametrize("username", ["anna", "claire"])
def test_log_is_hr_only(client, login, path, username):
    login(username)
    assert client.get(path).status_code == 404


def test_model_refuses_changes_and_deletions(app, decided):
    with app.app_context(), db.connection_context():
        event = AuditEvent.select().first()
        event.reason = "geschönt"
        for attempt in (
            event.save,
            event.delete_instance,
            lambda: AuditEvent.update(reason="x"),
            lambda: AuditEvent.delete(),
        ):
            with pytest.raises(PermissionError):
                attempt()
        assert AuditEvent.get_by_id(event.id).reason != "geschönt"


def test_no_code_path_writes_over_an_audit_row():
    """No module of the app updates or deletes audit rows, through the model or in SQL."""
    writes = re.compile(
        r"AuditEvent\s*\.\s*(update|delete|replace|insert_many|bulk_update)\b|"
        r"(UPDATE|DELETE\s+FROM|TRUNCATE)\s+\"?audit_event",
        re.IGNORECASE,
    )
    offenders = [
        f"{path.relative_to(SOURCE)}:{number}"
        for path in SOURCE.rglob("*.py")
        if path.name != "audit.py" or path.parent.name != "models"  # the model's own refusing overrides
        for number, line in enumerate(path.read_text().splitlines(), 1)
        if writes.search(line)
    ]
    assert offenders == []


def test_a_full_hr_day_sends_no_update_or_delete_to_the_audit_table(client, login, people, app):
    with app.test_request_context(), db.connection_context():
        set_budget(5000)
        ids = [submitted(people["anna" if i % 2 else "ben"], "1000").id for i in range(4)]
    statements = []
    handler = logging.Handler()
    # peewee logs each statement as a (sql, params) tuple
    handler.emit = lambda record: statements.append(record.msg[0])
    logger = logging.getLogger("peewee")
    logger.addHandler(handler)
    logger.setLevel(logging.DEBUG)
    try:
        login("hanna")
        client.post(f"/personal/{ids[0]}/approve")
        client.post(f"/personal/{ids[0]}/kosten", data={"category": "travel", "amount": "99"})
        client.post(f"/personal/{ids[1]}/approve")
        client.post(f"/personal/{ids[1]}/revert", data={"reason": "Versehen."})
        client.post(f"/personal/{ids[2]}/waitlist", data={"reason": "Später."})
        client.post(f"/personal/{ids[3]}/reject", data={"reason": "Nein."})
        client.post(
            "/personal/budget/", data={"number": "549905", "year": "2031", "name": "X", "amount": "1"}
        )
        ben = people["ben"]
        form = {"track": "SIA", "year": "2", "seen_track": "SIA", "seen_year": "1", "seen_confirmed": "0"}
        client.post(f"/personal/auszubildende/{ben.id}", data=form)
    finally:
        logger.setLevel(logging.NOTSET)
        logger.removeHandler(handler)
    audit_inserts = [s for s in statements if re.match(r'\s*INSERT INTO "audit_event"', s)]
    touching = [s for s in statements if re.match(r'\s*(UPDATE|DELETE FROM) "audit_event"', s)]
    assert len(audit_inserts) == 8 and touching == []  # one row per change
