"""Two app hosts side by side: two gunicorn servers on two ports against one PostgreSQL server,
with the database storage backend and an instance folder each (they share nothing on disk).

A login on one host is valid on the other (sessions live in the database, both share the
SECRET_KEY), so the tests mix the hosts freely, as a load balancer without sticky sessions does.
"""

import hashlib
import http.client
import threading
import urllib.error
import urllib.request
import uuid
from email import message_from_bytes

import pytest
from aiosmtpd.controller import Controller

from intranet.demo import DEMO_PDF
from intranet.mail import notify
from intranet.models import (
    Application,
    AuditEvent,
    BudgetAccount,
    Document,
    IssuedLetter,
    OutboxMessage,
    Reservation,
    StoredChunk,
    StoredFile,
)
from intranet.outbound import documents, workflow
from intranet.platform.db import db, disconnect

from .conftest import PASSWORD, create_people, future_period, new_app
from .hrdata import account, submitted
from .live_server import log_in
from .servers import AppServer
from .test_crash_consistency import multipart
from .test_notify import Collector, free_port

pytestmark = pytest.mark.servers


@pytest.fixture(scope="module")
def hosts(postgres, password_hash, tmp_path_factory):
    """Servers A and B on one database (seeded here); the sessions of HR and of a trainee; a
    draft application with its upload slots."""
    instance = tmp_path_factory.mktemp("two-servers")
    name = "s_" + uuid.uuid4().hex[:16]
    postgres.create_database(name, template="intranet_template")
    app = new_app(postgres.url(name), instance / "seed")
    app.config["STORAGE_BACKEND"] = "database"
    people = create_people(app, password_hash)
    with app.test_request_context(), db.connection_context():
        start, end = future_period()
        draft = workflow.create_draft(people["anna"], "nogent", start, end, "Neugierig.", {})
        kinds = [r.key for r in documents.requirements(draft)][:2]
    settings = {
        "INTRANET_DATABASE_URL": postgres.url(name),
        "INTRANET_SECRET_KEY": "zwei-server-" + "x" * 40,
        "INTRANET_STORAGE_BACKEND": "database",
        "INTRANET_SESSION_COOKIE_SECURE": "false",
    }
    servers = {
        host: AppServer(host, {**settings, "INTRANET_INSTANCE_PATH": str(instance / host)}, instance)
        for host in "AB"
    }
    try:
        for server in servers.values():
            server.start()
        hr, trainee = (log_in(servers["A"].base, user, PASSWORD) for user in ("hanna", "anna"))
        yield {"app": app, "people": people, "draft": draft.id, "kinds": kinds, "hr": hr, "trainee": trainee,
               **servers}  # fmt: skip
    finally:
        for server in servers.values():
            server.stop()
        disconnect()
        postgres.drop_database(name)


def request(url: str, session, body: bytes | None = None, content_type: str = "") -> tuple[int, bytes]:
    """GET (or POST ``body``) as htmx with the session's cookie and CSRF token; (status, body)."""
    cookie, token = session
    headers = {"Cookie": cookie, "X-CSRFToken": token, "HX-Request": "true"}
    if content_type:
        headers["Content-Type"] = content_type
    try:
        with urllib.request.urlopen(urllib.request.Request(url, body, headers), timeout=30) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read()


def at_once(*calls) -> list:
    """Run the calls in threads released together; their results in order."""
    start, results = threading.Barrier(len(calls)), [None] * len(calls)

    def run(i, call):
        start.wait()
        results[i] = call()

    threads = [threading.Thread(target=run, args=(i, call)) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def query(hosts, fn):
    with hosts["app"].app_context(), db.connection_context():
        return fn()


def test_upload_through_a_download_and_delete_through_b(hosts):
    a, b, draft, kind = hosts["A"].base, hosts["B"].base, hosts["draft"], hosts["kinds"][0]
    data = DEMO_PDF + f"% {uuid.uuid4().hex}\n".encode()
    status, _ = request(f"{a}/bewerbungen/{draft}/unterlagen/{kind}", hosts["trainee"], *multipart(data))
    assert status == 200
    document = query(hosts, lambda: Document.get((Document.application == draft) & (Document.kind == kind)))
    url = f"/bewerbungen/{draft}/unterlagen/{document.id}"
    assert request(b + url, hosts["trainee"]) == (200, data)
    assert request(f"{b}/bewerbungen/{draft}/unterlagen/{kind}/loeschen", hosts["trainee"], b"")[0] == 200
    assert request(a + url, hosts["trainee"])[0] == 404
    assert request(b + url, hosts["trainee"])[0] == 404


def test_the_same_approval_through_a_and_b_at_once_is_one_decision(hosts):
    application = query(hosts, lambda: submitted(hosts["people"]["ben"], "100.00"))
    path = f"/personal/{application.id}/approve"
    at_once(*(lambda host=host: request(hosts[host].base + path, hosts["hr"], b"") for host in "AB"))

    def outcome():
        decisions = AuditEvent.select().where(
            (AuditEvent.action == "application_approved") & (AuditEvent.object_id == application.id)
        )
        return (
            Application.get_by_id(application.id).status,
            decisions.count(),
            Reservation.select().where(Reservation.application == application.id).count(),
        )

    assert query(hosts, outcome) == ("approved", 1, 1)


def test_two_approvals_racing_for_the_last_euro_through_a_and_b_do_not_overspend(hosts):
    def seed():
        # what is left of the budget: 150 €, one of the two 100 € approvals fits
        budget = account()
        BudgetAccount.update(amount_cents=budget.reserved_cents + budget.spent_cents + 15_000).where(
            BudgetAccount.id == budget.id
        ).execute()
        return [submitted(hosts["people"]["ben"], "100.00").id for _ in range(2)]

    ids = query(hosts, seed)
    at_once(*(lambda host=host, i=i: request(f"{hosts[host].base}/personal/{i}/approve", hosts["hr"], b"")
              for host, i in zip("AB", ids, strict=True)))  # fmt: skip

    def outcome():
        budget = account()
        statuses = sorted(Application.get_by_id(i).status for i in ids)
        return statuses, budget.amount_cents - budget.reserved_cents - budget.spent_cents

    assert query(hosts, outcome) == (["approved", "submitted"], 5_000)


def test_mail_send_on_a_and_b_at_once_delivers_every_mail_once(hosts):
    query(hosts, lambda: [notify.add(f"p{i}@example.org", f"Nachricht {i}", "Text") for i in range(40)])
    pending = query(hosts, lambda: sorted(m.id for m in OutboxMessage.pending()))
    sink = Collector()
    smtp = Controller(sink, hostname="127.0.0.1", port=free_port())
    smtp.start()
    try:
        mail = {"INTRANET_MAIL_BACKEND": "smtp", "INTRANET_MAIL_HOST": "127.0.0.1",
                "INTRANET_MAIL_PORT": str(smtp.port)}  # fmt: skip
        runs = [hosts[host].command("mail", "send", env=mail) for host in "AB"]
        outputs = [run.communicate(timeout=60)[0] for run in runs]
    finally:
        smtp.stop()
    assert [run.returncode for run in runs] == [0, 0], outputs
    # both hosts ran; together they sent each message once
    sent = [int(output.split("gesendet: ")[1].split(",")[0]) for output in outputs]
    assert sum(sent) == len(pending)
    delivered = sorted(int(message_from_bytes(raw)["Message-ID"].split(".")[0][len("<outbox-") :])
                       for _, raw in sink.mails)  # fmt: skip
    assert delivered == pending
    assert query(hosts, lambda: OutboxMessage.pending().count()) == 0


def start_upload(server: AppServer, session, path: str, body: bytes, content_type: str, cut: int):
    """Send the headers of an upload and the first ``cut`` bytes of its body; do not wait for the
    answer. Returns the connection."""
    cookie, token = session
    upload = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    upload.putrequest("POST", path)
    headers = {"Cookie": cookie, "X-CSRFToken": token, "HX-Request": "true", "Content-Type": content_type}
    for header, value in {**headers, "Content-Length": str(len(body))}.items():
        upload.putheader(header, value)
    upload.endheaders()
    upload.send(body[:cut])
    return upload


def stored_contents_match_rows():
    """Every stored file belongs to a row and is complete; every row has its file."""
    named = {d.stored_name: d.size for d in Document.select()}
    named |= {letter.stored_name: letter.size for letter in IssuedLetter.select()}
    stored = {f.name: f.size for f in StoredFile.select()}
    chunks = {f.name: sum(len(c.data) for c in StoredChunk.select().where(StoredChunk.file == f))
              for f in StoredFile.select()}  # fmt: skip
    return stored == named == chunks


@pytest.mark.parametrize("cut", [0.5, 1.0], ids=["mid-body", "body-sent"])
def test_kill_9_of_a_during_an_upload_b_keeps_serving_and_serves_no_partial_file(hosts, cut):
    a, b, draft, (complete, kind) = hosts["A"], hosts["B"].base, hosts["draft"], hosts["kinds"]
    data = DEMO_PDF + f"% {uuid.uuid4().hex}\n".encode()
    slot = f"/bewerbungen/{draft}/unterlagen/"
    assert request(b + slot + complete, hosts["trainee"], *multipart(data))[0] == 200
    body, content_type = multipart(DEMO_PDF + b"%" + b"x" * 4_000_000 + b"\n")
    upload = start_upload(a, hosts["trainee"], slot + kind, body, content_type, int(len(body) * cut))
    a.kill()
    upload.close()
    try:
        assert request(f"{b}/health", hosts["hr"])[0] == 200
        assert request(f"{b}/bewerbungen/{draft}", hosts["trainee"])[0] == 200
        documents = query(
            hosts, lambda: {d.kind: d for d in Document.select().where(Document.application == draft)}
        )
        served = request(f"{b}{slot}{documents[complete].id}", hosts["trainee"])
        assert served == (200, data)
        if kind in documents:  # A finished storing before it died: then all of it
            served = request(f"{b}{slot}{documents[kind].id}", hosts["trainee"])
            assert served[0] == 200 and hashlib.sha256(served[1]).hexdigest() == documents[kind].sha256
        assert query(hosts, stored_contents_match_rows)
    finally:
        a.start()
    assert request(f"{a.base}/bewerbungen/{draft}", hosts["trainee"])[0] == 200
    request(f"{a.base}{slot}{kind}/loeschen", hosts["trainee"], b"")
