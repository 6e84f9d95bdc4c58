"""Retention with frozen time: exactly the due rows and files go, the rest stays, no names in the audit."""

import hashlib
import threading
from datetime import date, datetime, timedelta

import pytest
import time_machine

from intranet.models import (
    MODELS,
    Application,
    AuditEvent,
    Department,
    Document,
    FeedToken,
    HostFamily,
    InboundTrainee,
    IssuedLetter,
    LoginSession,
    OutboxMessage,
    Placement,
    Question,
    RotationWeek,
    StoredChunk,
    StoredFile,
)
from intranet.outbound import workflow
from intranet.platform import jobs, storage
from intranet.platform.db import db
from intranet.privacy import retention
from intranet.privacy.erasure import ANONYMOUS_USERNAME

#: the day everything is seeded
T0 = datetime(2026, 1, 5, 10, 0)
#: a bit more than six months later: rejected, withdrawn, mails, sessions, tokens are due
T1 = datetime(2026, 7, 10, 9, 0)


def family(city: str, consent: date, name: str) -> HostFamily:
    return HostFamily.create(
        city=city, household=name, address="Rue 1", contact_name=name, email=f"{name}@example.org",
        consent_date=consent, consent_scope="Weitergabe an Praktikanten",
    )  # fmt: skip


def inbound(departure: date, status: str = "planned", host=None) -> InboundTrainee:
    start = departure - timedelta(days=13)
    return InboundTrainee.create(
        city="nogent", first_name="Élise", last_name=f"Partner{status}{departure:%m%d}",
        email="elise@example.fr", date_of_birth=date(2003, 4, 1), home_administration="Mairie de Nogent",
        training="Rédacteur", letter_language="fr", start_date=start, end_date=departure,
        arrival=start, departure=departure, status=status, host_family=host,
    )  # fmt: skip


def letter_file(application: Application) -> IssuedLetter:
    """An issued letter row with its PDF in the store (rendering is tested elsewhere)."""
    data = b"%PDF-1.4 letter for " + str(application.id).encode()
    letter = IssuedLetter.create(
        application=application.id, kind="introduction", language="fr", title="Lettre",
        size=len(data), sha256=hashlib.sha256(data).hexdigest(),
    )  # fmt: skip
    storage.put(letter.stored_name, data)
    return letter


@pytest.fixture(params=storage.BACKENDS)
def backend(request, app):
    """Both storage backends; with "database" the run must delete the contents with the rows."""
    app.config["STORAGE_BACKEND"] = request.param
    return request.param


@pytest.fixture
def seeded(app, people, make_application, client, login):
    """Records of every kind seeded on T0; returns what the run at T1 must (and must not) touch."""
    with time_machine.travel(T0, tick=False):
        rejected = make_application("anna", "nogent")
        withdrawn = make_application("ben", "guarda")
        stay = make_application("anna", "boleslawiec", weeks=20)
        draft = make_application("ben", "selcuk", status="draft", weeks=30)
        login("anna")  # a login session last used on T0
        with app.test_request_context(), db.connection_context():
            hr = people["hanna"]
            workflow.decide(hr, rejected, "reject", "Kein Platz mehr.")
            workflow.transition(people["ben"], withdrawn, "withdraw")
            workflow.decide(hr, stay, "approve")
            Question.create(application=rejected.id, text="Sprachkenntnisse?", asked_by=hr)
            letters = {"rejected": letter_file(rejected), "stay": letter_file(stay)}
            OutboxMessage.update(sent_at=T0).execute()
            OutboxMessage.create(recipient="ben@example.org", subject="offen", body="noch nicht gesendet")
            token = FeedToken.create(user=people["anna"], scope="own", token_hash="a" * 64, revoked_at=T0)
            FeedToken.create(user=people["ben"], scope="own", token_hash="b" * 64)
            unused = family("nogent", date(2023, 3, 1), "Familie Ungenutzt")
            used = family("guarda", date(2023, 3, 1), "Familie Genutzt")
            fresh = family("nogent", date(2025, 12, 1), "Familie Neu")
            Placement.create(
                application=stay.id, department="Urząd", mentor="Pani Nowak", host_family=used,
                arrival=stay.start_date, departure=stay.end_date,
            )  # fmt: skip
            Application.update(status="placed").where(Application.id == stay.id).execute()
            gone = inbound(date(2025, 6, 20))
            cancelled = inbound(date(2025, 5, 30), "cancelled")
            coming = inbound(date(2026, 9, 25), host=fresh)
            office = Department.create(name="Bürgerbüro")
            week = RotationWeek.create(trainee=cancelled, week_start=date(2025, 5, 19), department=office)
            sessions = [s.id for s in LoginSession.select()]
    due = {
        ("rejected_applications_months", rejected.id, "delete"),
        ("withdrawn_applications_months", withdrawn.id, "delete"),
        ("inbound_trainees_after_stay_months", gone.id, "anonymise"),
        ("inbound_trainees_after_stay_months", cancelled.id, "delete"),
        ("unused_host_families_years", unused.id, "delete"),
        ("feed_tokens_revoked_days", token.id, "delete"),
        *(("login_sessions_days", s, "delete") for s in sessions),
    }
    with app.app_context(), db.connection_context():
        sent = [m.id for m in OutboxMessage.select().where(OutboxMessage.sent_at.is_null(False))]
    due |= {("outbox_days", m, "delete") for m in sent}
    return {
        "due": due, "rejected": rejected, "withdrawn": withdrawn, "stay": stay, "draft": draft,
        "letters": letters, "gone": gone, "coming": coming, "week": week, "used": used, "fresh": fresh,
    }  # fmt: skip


def snapshot(app) -> dict:
    """Every row of every table (by table and id) and every file of the store with its bytes."""
    with app.app_context(), db.connection_context():
        # the storage backend's own tables are compared as files
        tables = [m for m in MODELS if m not in (StoredFile, StoredChunk)]
        rows = {model._meta.table_name: {r["id"]: r for r in model.select().dicts()} for model in tables}
        files = {name: storage.read(name) for name in storage.names()}
    return {"rows": rows, "files": files}


def planned(app, when) -> set:
    with time_machine.travel(when, tick=False), app.app_context(), db.connection_context():
        return {(a.rule.key, a.record_id, a.action) for a in retention.plan(date.today())}


def test_dry_run_lists_exactly_the_due_records_and_changes_nothing(app, seeded, runner):
    before = snapshot(app)
    assert planned(app, T1) == seeded["due"]
    with time_machine.travel(T1, tick=False):
        result = runner.invoke(args=["retention", "run", "--dry-run"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert (
        f"löschen: Bewerbung Nr. {seeded['rejected'].id} – abgelehnt, ab der Entscheidung, "
        "6 Monate; fällig seit 05.07.2026" in lines
    )
    assert (
        f"anonymisieren: Gast-Auszubildende/r Nr. {seeded['gone'].id} – ab der Abreise (Statistik bleibt), "
        "12 Monate; fällig seit 20.06.2026" in lines
    )
    assert lines[-1] == f"fällig: {len(seeded['due']) - 1} löschen, 1 anonymisieren."
    assert "Anna" not in result.output and "@" not in result.output
    assert snapshot(app) == before
    # a day before the rejection's six months end, it is not yet due
    assert ("rejected_applications_months", seeded["rejected"].id, "delete") not in planned(
        app, datetime(2026, 7, 4, 12)
    )


def test_run_deletes_exactly_the_due_rows_and_files(app, backend, seeded, runner):
    before = snapshot(app)
    with app.app_context(), db.connection_context():
        doomed_files = {
            d.stored_name
            for d in Document.select().where(
                Document.application.in_([seeded["rejected"].id, seeded["withdrawn"].id])
            )
        }
    doomed_files.add(seeded["letters"]["rejected"].stored_name)
    assert doomed_files <= set(before["files"])
    with time_machine.travel(T1, tick=False):
        result = runner.invoke(args=["retention", "run"])
    assert result.exit_code == 0, result.output
    assert result.output.strip().endswith(f"erledigt: {len(seeded['due']) - 1} löschen, 1 anonymisieren.")
    after = snapshot(app)
    assert set(after["files"]) == set(before["files"]) - doomed_files
    assert not any(stored(app, name) for name in doomed_files)
    assert all(after["files"][n] == before["files"][n] for n in after["files"])
    expected_gone = expected_deletions(before, seeded)
    for table, rows in before["rows"].items():
        gone = expected_gone.get(table, set())
        assert set(after["rows"][table]) == (set(rows) - gone) | new_rows(table, before, after), table
        for row_id in set(rows) - gone:
            if (table, row_id) != ("inbound_trainee", seeded["gone"].id):
                assert after["rows"][table][row_id] == rows[row_id], (table, row_id)
    anonymised = after["rows"]["inbound_trainee"][seeded["gone"].id]
    assert (
        anonymised["last_name"] == "–" and anonymised["email"] == "" and anonymised["date_of_birth"] is None
    )
    assert anonymised["city"] == "nogent" and anonymised["start_date"] == seeded["gone"].start_date
    audit = [r for r in after["rows"]["audit_event"].values() if r["action"] == "retention_run"]
    assert len(audit) == 1
    text = str(audit[0])
    for personal in ("Anna", "Ben", "Élise", "example", "Familie", "Kein Platz"):
        assert personal not in text
    assert f'"rejected_applications_months:delete": [{seeded["rejected"].id}]' in text.replace("'", '"')
    # a second run finds nothing more and writes no audit row
    with time_machine.travel(T1, tick=False), app.app_context(), db.connection_context():
        assert retention.run(date.today()) == []
        assert AuditEvent.select().where(AuditEvent.action == "retention_run").count() == 1


def stored(app, name: str) -> bool:
    """Whether the configured storage backend still holds the file."""
    with app.app_context(), db.connection_context():
        return storage.exists(name)


def new_rows(table: str, before: dict, after: dict) -> set:
    """Rows the run may add: its one audit row and its job lease."""
    added = set(after["rows"][table]) - set(before["rows"][table])
    return added if table in ("audit_event", "job_lease") else set()


def expected_deletions(before: dict, seeded: dict) -> dict:
    """Ids per table that the run at T1 must delete, derived from the seeded records."""
    rows = before["rows"]
    apps = {seeded["rejected"].id, seeded["withdrawn"].id}
    due = seeded["due"]
    ids = lambda key: {i for k, i, _ in due if k == key}  # noqa: E731
    cancelled = {i for k, i, a in due if k == "inbound_trainees_after_stay_months" and a == "delete"}
    return {
        "application": apps,
        "document": {i for i, r in rows["document"].items() if r["application"] in apps},
        "issued_letter": {seeded["letters"]["rejected"].id},
        "question": {i for i, r in rows["question"].items() if r["application"] in apps},
        "inbound_trainee": cancelled,
        "rotation_week": {seeded["week"].id},
        "host_family": ids("unused_host_families_years"),
        "feed_token": ids("feed_tokens_revoked_days"),
        "login_session": ids("login_sessions_days"),
        "outbox_message": ids("outbox_days"),
    }


def test_after_the_stay_documents_go_then_the_application_is_anonymised(app, backend, seeded):
    stay = seeded["stay"]
    after_documents = datetime.combine(stay.end_date + timedelta(days=200), datetime.min.time())
    with app.app_context(), db.connection_context():
        files = {d.stored_name for d in Document.select().where(Document.application == stay.id)}
    assert files
    with time_machine.travel(after_documents, tick=False), app.app_context(), db.connection_context():
        retention.run(date.today())
        assert not Document.select().where(Document.application == stay.id).exists()
        assert Application.get_by_id(stay.id).applicant_id == seeded["stay"].applicant_id
    assert not any(stored(app, name) for name in files)
    assert stored(app, seeded["letters"]["stay"].stored_name)
    later = datetime.combine(stay.end_date + timedelta(days=3 * 366), datetime.min.time())
    with time_machine.travel(later, tick=False), app.app_context(), db.connection_context():
        retention.run(date.today())
        kept = Application.get_by_id(stay.id)
        assert kept.applicant.username == ANONYMOUS_USERNAME and not kept.applicant.active
        assert (kept.city, kept.start_date, kept.end_date, kept.training_track, kept.status) == (
            "boleslawiec", stay.start_date, stay.end_date, "VFA", "placed",
        )  # fmt: skip
        assert kept.motivation == "" and kept.extra == {}
        placement = Placement.get(Placement.application == stay.id)
        assert placement.mentor == "" and placement.host_family_id is None
        assert not IssuedLetter.select().where(IssuedLetter.application == stay.id).exists()
        # the draft of the other trainee is gone by now (12 months unchanged), the coming guest anonymised
        assert not Application.select().where(Application.id == seeded["draft"].id).exists()
        assert InboundTrainee.get_by_id(seeded["coming"].id).last_name == "–"
        # nothing is anonymised twice; the families lost their only guests and are due now
        again = {(a.rule.key, a.record_id) for a in retention.plan(date.today())}
        assert again == {("unused_host_families_years", f.id) for f in (seeded["used"], seeded["fresh"])}
    assert not stored(app, seeded["letters"]["stay"].stored_name)


def test_switched_off_rules_and_overrides(app, seeded):
    app.config["RETENTION"] = {
        **app.config["RETENTION"],
        "rejected_applications_months": 0,
        "outbox_days": 400,
    }
    found = planned(app, T1)
    assert not {k for k, _, _ in found} & {"rejected_applications_months", "outbox_days"}
    assert ("withdrawn_applications_months", seeded["withdrawn"].id, "delete") in found


@pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)
def test_runs_fired_on_two_hosts_at_once_delete_each_record_once(app, backend, seeded):
    start, runs = threading.Barrier(2), []

    def host():
        with app.app_context(), db.connection_context():
            start.wait()
            with jobs.exclusive("retention") as got:
                runs.append(retention.run(date.today()) if got else None)

    with time_machine.travel(T1, tick=False):
        threads = [threading.Thread(target=host) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    assert None in runs and len(runs) == 2
    (done,) = [run for run in runs if run is not None]
    assert {(a.rule.key, a.record_id, a.action) for a in done} == seeded["due"]
    with app.app_context(), db.connection_context():
        assert AuditEvent.select().where(AuditEvent.action == "retention_run").count() == 1
        assert Application.get_or_none(Application.id == seeded["rejected"].id) is None
        assert not storage.exists(seeded["letters"]["rejected"].stored_name)
