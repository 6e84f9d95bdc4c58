"""Killing the server (SIGKILL) in the middle of approvals and uploads leaves a consistent state.

The app is served by a forked child process; client threads approve applications and upload
documents through HTTP while the parent kills the child after a random delay. After every
kill: ``PRAGMA integrity_check`` is ok, every acknowledged change is in the database, every
approval has exactly one reservation and one audit row, the budget's reserved sum matches,
every document row has its file with the right checksum. At the end the cleanup command
removes the files whose transaction never committed (or whose replacement did).
"""

import hashlib
import http.client
import multiprocessing
import os
import random
import signal
import sqlite3
import threading
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from werkzeug.serving import make_server

from intranet.demo import DEMO_PDF
from intranet.models import Application, AuditEvent, BudgetAccount, Document, IssuedLetter, Reservation
from intranet.outbound import documents
from intranet.platform import storage
from intranet.platform.db import db, disconnect

from .conftest import PASSWORD
from .hrdata import submitted
from .live_server import QuietHandler, log_in

RUNS = 100
APPROVALS_PER_RUN = 4
pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)


def serve(app, pipe) -> None:
    """Child process: serve the app on a free port and report the port."""
    server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
    pipe.send(server.server_port)
    server.serve_forever()


def start_server(app) -> tuple[multiprocessing.Process, str]:
    """Fork a server process (the app is built once; the child only opens its own connections)."""
    disconnect()
    parent, child = multiprocessing.get_context("fork").Pipe()
    process = multiprocessing.get_context("fork").Process(target=serve, args=(app, child), daemon=True)
    process.start()
    return process, f"http://127.0.0.1:{parent.recv()}"


def post(url: str, session: tuple[str, str], body: bytes = b"", content_type: str = "") -> bool:
    """POST as htmx; True if the server acknowledged with a complete 200 response."""
    cookie, token = session
    headers = {"Cookie": cookie, "X-CSRFToken": token, "HX-Request": "true"}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=10) as response:
            response.read()
            return response.status == 200
    except (OSError, http.client.HTTPException):  # URLError and connection resets are OSErrors
        return False


def multipart(data: bytes) -> tuple[bytes, str]:
    """A form body with one PDF file field."""
    boundary = uuid.uuid4().hex
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="unterlage.pdf"\r\n'
            f"Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return body, f"multipart/form-data; boundary={boundary}"


class Clients:
    """The client threads of one run and what the server acknowledged to them."""

    def __init__(self, base: str, sessions: dict, approvals: list[int], draft: int, kinds: list[str]):
        self.first_ack = threading.Event()
        self.approved: list[int] = []
        self.sent: dict[str, list[str]] = {kind: [] for kind in kinds}  # checksums in order
        self.acked: dict[str, int] = {}  # kind → index of the last acknowledged upload
        self.threads = [
            threading.Thread(target=self.approve, args=(base, sessions["hanna"], approvals)),
            *(threading.Thread(target=self.upload, args=(base, sessions["anna"], draft, k)) for k in kinds),
        ]

    def approve(self, base, session, ids):
        for application_id in ids:
            if post(f"{base}/personal/{application_id}/approve", session):
                self.approved.append(application_id)
                self.first_ack.set()

    def upload(self, base, session, draft, kind):
        for i in range(50):
            data = DEMO_PDF + f"% {uuid.uuid4().hex}\n".encode()
            self.sent[kind].append(hashlib.sha256(data).hexdigest())
            if not post(f"{base}/bewerbungen/{draft}/unterlagen/{kind}", session, *multipart(data)):
                return
            self.acked[kind] = i
            self.first_ack.set()


@pytest.fixture
def world(app, people, make_application):
    """The draft with its upload slots, the sessions of the HR clerk and the trainee."""
    draft = make_application("anna", status="draft")
    with app.test_request_context(), db.connection_context():
        kinds = [r.key for r in documents.requirements(draft)][:2]
    process, base = start_server(app)
    sessions = {name: log_in(base, name, PASSWORD) for name in ("hanna", "anna")}
    os.kill(process.pid, signal.SIGKILL)
    process.join()
    return {"draft": draft.id, "kinds": kinds, "sessions": sessions}


def new_applications(app, people) -> list[int]:
    """Fresh submitted applications for the approval client."""
    with app.test_request_context(), db.connection_context():
        return [submitted(people["ben"], "100.00").id for _ in range(APPROVALS_PER_RUN)]


def check_consistency(app, path: Path, clients: Clients, draft: int) -> None:
    """The database after a kill: intact, nothing acknowledged lost, no half-done change."""
    with sqlite3.connect(path) as con:
        assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    with app.test_request_context(), db.connection_context():
        for application_id in clients.approved:
            assert Application.get_by_id(application_id).status == "approved"
        approved = [a.id for a in Application.select().where(Application.status == "approved")]
        reservations = {r.application_id: r for r in Reservation.select()}
        assert sorted(reservations) == sorted(approved)
        decisions = AuditEvent.select().where(AuditEvent.action == "application_approved").count()
        assert decisions == len(approved)
        reserved = sum(r.amount_cents for r in reservations.values())
        assert sum(a.reserved_cents for a in BudgetAccount.select()) == reserved
        for kind, sent in clients.sent.items():
            document = Document.get_or_none((Document.application == draft) & (Document.kind == kind))
            if kind in clients.acked:
                assert document is not None and document.sha256 in sent[clients.acked[kind] :]
            if document is not None:
                stored = storage.read(document.stored_name)
                assert hashlib.sha256(stored).hexdigest() == document.sha256


def test_sigkill_during_approvals_and_uploads(app, people, world, runner, tmp_path):
    database = tmp_path / "test.sqlite3"
    rng = random.Random(20261121)
    acknowledged = 0
    for _ in range(RUNS):
        approvals = new_applications(app, people)
        process, base = start_server(app)
        clients = Clients(base, world["sessions"], approvals, world["draft"], world["kinds"])
        for thread in clients.threads:
            thread.start()
        # a random point after the server is warm, so that every run kills work in flight
        clients.first_ack.wait(timeout=30)
        time.sleep(rng.uniform(0.0, 0.15))
        os.kill(process.pid, signal.SIGKILL)
        process.join()
        for thread in clients.threads:
            thread.join()
        check_consistency(app, database, clients, world["draft"])
        acknowledged += len(clients.approved) + len(clients.acked)
    assert acknowledged > RUNS

    result = runner.invoke(args=["documents", "cleanup", "--min-age-minutes", "0"])
    assert result.exit_code == 0, result.output
    with app.test_request_context(), db.connection_context():
        named = {d.stored_name for d in Document.select()} | {i.stored_name for i in IssuedLetter.select()}
        assert set(storage.backend().stale(time.time())) == named
