"""The app through a real PgBouncer in transaction mode (pool_mode = transaction, one server
connection): two sessions interleave their transactions on it, so anything that lived in a
session — a server-side prepared statement, a SET, a session lock — would reach the other."""

import threading
import uuid

import pytest

from intranet.models import Application, AuditEvent, Reservation
from intranet.platform.db import db, disconnect

from .conftest import PASSWORD
from .pgbouncer import PgBouncer


@pytest.fixture
def database_url(postgres):
    """A database cloned from the template, reached only through PgBouncer."""
    name = "b_" + uuid.uuid4().hex[:16]
    postgres.create_database(name, template="intranet_template")
    bouncer = PgBouncer(postgres)
    bouncer.start()
    yield bouncer.url(name)
    disconnect()
    bouncer.stop()
    postgres.drop_database(name)


def test_hr_sessions_browse_decide_and_run_the_jobs_through_pgbouncer(app, people, make_application, runner):
    applications = [make_application("anna", "nogent"), make_application("ben", "guarda")]
    failures = []

    def hr_session(application):
        try:
            client = app.test_client()
            login = client.post("/anmelden", data={"username": "hanna", "password": PASSWORD})
            assert login.status_code == 302
            # the same queries again and again: psycopg would prepare them on the server after 5 runs
            for _ in range(8):
                assert client.get("/personal/").status_code == 200
                assert client.get(f"/bewerbungen/{application.id}").status_code == 200
            assert client.post(f"/personal/{application.id}/approve").status_code == 302
        except BaseException as exc:  # reported by the main thread
            failures.append(exc)

    threads = [threading.Thread(target=hr_session, args=(a,)) for a in applications]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert failures == []
    for command in (["mail", "send"], ["retention", "run"], ["documents", "cleanup"]):
        result = runner.invoke(args=command)
        assert result.exit_code == 0, result.output
    with app.app_context(), db.connection_context():
        assert {a.status for a in Application.select()} == {"approved"}
        assert AuditEvent.select().where(AuditEvent.action == "application_approved").count() == 2
        assert Reservation.select().count() == 2
