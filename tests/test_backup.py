"""Backup and restore: the drill (restore into an empty instance, compare rows and files) on
SQLite and PostgreSQL, refusal of a non-empty target, damaged archives, online SQLite copy."""

import io
import json
import sqlite3
import tarfile
import uuid

import pytest

from intranet import create_app
from intranet.outbound import documents
from intranet.platform import backup, storage
from intranet.platform.db import database_url, db, disconnect, open_database

from .conftest import PASSWORD, CSRFClient
from .test_documents import PDF


def bind(app):
    """Point the (global) peewee proxy at ``app``'s database: the tests here use two instances."""
    disconnect()
    db.initialize(open_database(database_url(app)))
    return app


def cli(app, *args):
    """Run ``flask --app intranet ARGS`` against ``app``."""
    return bind(app).test_cli_runner().invoke(args=[str(a) for a in args])


def snapshot(app) -> tuple[dict, dict]:
    """Every row of every table, and the SHA-256 of every stored document."""
    with bind(app).app_context(), db.connection_context():
        tables = {t: db.execute_sql(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in db.get_tables()}
        files = {p.name: backup.sha256(p) for p in backup.document_files()}
    return tables, files


@pytest.fixture
def filled(app, people, make_application):
    """Submitted applications (audit rows, outbox mails) and drafts with uploaded files."""
    make_application("anna", "nogent")
    make_application("ben", "guarda", weeks=12)
    for username, city in (("anna", "selcuk"), ("ben", "werder")):
        draft = make_application(username, city, status="draft", weeks=20)
        with app.test_request_context(), db.connection_context():
            documents.store_document(people[username], draft, "cv", "lebenslauf.pdf", PDF + username.encode())
    return app


@pytest.fixture
def empty_instance(request, database_url, tmp_path_factory):
    """A second instance of the same engine with a brand-new, empty database (not migrated)."""
    folder = tmp_path_factory.mktemp("restored")
    if database_url.startswith("sqlite"):
        url, server, name = f"sqlite:///{folder / 'restored.sqlite3'}", None, None
    else:
        server, name = request.getfixturevalue("postgres"), "r_" + uuid.uuid4().hex[:16]
        server.create_database(name)
        url = server.url(name)
    config = {"TESTING": True, "SECRET_KEY": "r" * 40, "DATABASE_URL": url, "INSTANCE_PATH": str(folder)}
    target = create_app(config | {"SESSION_COOKIE_SECURE": False})
    target.test_client_class = CSRFClient
    yield target
    disconnect()
    if server is not None:
        server.drop_database(name)


def test_drill_restore_into_an_empty_instance_gives_the_same_rows_and_files(filled, tmp_path, empty_instance):
    archive = tmp_path / "sicherung.tar.gz"
    result = cli(filled, "backup", archive)
    assert result.exit_code == 0, result.output
    rows, files = snapshot(filled)
    assert len(files) >= 2 and rows["application"] and rows["audit_event"] and rows["outbox_message"]
    assert f"Sicherung geschrieben: {archive} ({sum(len(r) for r in rows.values())} Zeilen" in result.output
    assert f"{len(files)} Unterlagen" in result.output

    result = cli(empty_instance, "restore", archive)
    assert result.exit_code == 0, result.output
    assert f"{sum(len(r) for r in rows.values())} Zeilen, {len(files)} Unterlagen" in result.output
    assert snapshot(empty_instance) == (rows, files)
    client = bind(empty_instance).test_client()
    assert client.get("/health").status_code == 200
    assert client.post("/anmelden", data={"username": "anna", "password": PASSWORD}).status_code == 302


def test_restore_refuses_a_non_empty_instance_unless_forced(filled, people, tmp_path):
    archive = tmp_path / "sicherung.tar.gz"
    assert cli(filled, "backup", archive).exit_code == 0
    before = snapshot(filled)
    with bind(filled).app_context(), db.connection_context():
        db.execute_sql("UPDATE \"user\" SET display_name = 'Geändert' WHERE username = 'anna'")
    changed = snapshot(filled)

    refused = cli(filled, "restore", archive)
    assert refused.exit_code == 1
    assert "Die Instanz ist nicht leer (" in refused.output and "Mit --force" in refused.output
    assert snapshot(filled) == changed

    forced = cli(filled, "restore", "--force", archive)
    assert forced.exit_code == 0, forced.output
    assert snapshot(filled) == before


def _rewrite(archive, target, change):
    """Copy an archive, letting ``change(name, data)`` alter members (None drops one)."""
    with tarfile.open(archive) as src, tarfile.open(target, "w:gz") as dst:
        for member in src.getmembers():
            data = change(member.name, src.extractfile(member).read())
            if data is not None:
                info = tarfile.TarInfo(member.name)
                info.size = len(data)
                dst.addfile(info, io.BytesIO(data))


def _smuggle(name, data):
    if name != "manifest.json":
        return data
    manifest = json.loads(data)
    manifest["members"]["documents/../../etc/cron.d/x"] = "0" * 64
    return json.dumps(manifest).encode()


DAMAGE = {
    "flipped byte in a document": (
        lambda name, data: data + b"x" if name.startswith("documents/") else data,
        "Prüfsumme falsch für documents/",
    ),
    "missing member": (
        lambda name, data: None if name.startswith("documents/") else data,
        "unvollständig oder nicht lesbar",
    ),
    "no manifest": (lambda name, data: None if name == "manifest.json" else data, "manifest.json fehlt"),
    "path outside the store": (_smuggle, "Unerwarteter Eintrag in der Sicherung: documents/../../etc"),
}


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_archive_is_refused_before_anything_changes(filled, tmp_path, empty_instance, damage):
    archive, damaged = tmp_path / "gut.tar.gz", tmp_path / "kaputt.tar.gz"
    assert cli(filled, "backup", archive).exit_code == 0
    change, message = DAMAGE[damage]
    _rewrite(archive, damaged, change)
    result = cli(empty_instance, "restore", damaged)
    assert result.exit_code == 1 and message in result.output
    assert snapshot(empty_instance) == ({}, {})


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_not_an_archive_and_another_engine_are_refused(app, tmp_path, postgres):
    junk = tmp_path / "kein-archiv.tar.gz"
    junk.write_bytes(b"Hallo")
    result = cli(app, "restore", junk)
    assert result.exit_code == 1 and "nicht lesbar" in result.output

    archive = tmp_path / "sqlite.tar.gz"
    assert cli(app, "backup", archive).exit_code == 0
    name = "e_" + uuid.uuid4().hex[:16]
    postgres.create_database(name)
    try:
        target = create_app({"TESTING": True, "SECRET_KEY": "e" * 40, "DATABASE_URL": postgres.url(name)})
        result = cli(target, "restore", archive)
    finally:
        db.close()
        postgres.drop_database(name)
    assert result.exit_code == 1 and "Die Sicherung stammt aus sqlite" in result.output


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_sqlite_backup_runs_while_another_connection_writes(filled, tmp_path):
    path = filled.config["DATABASE_URL"].removeprefix("sqlite:///")
    writer = sqlite3.connect(path, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    writer.execute("UPDATE \"user\" SET display_name = 'Unbestätigt' WHERE username = 'anna'")
    try:
        with bind(filled).app_context(), db.connection_context():
            manifest = backup.create(tmp_path / "online.tar.gz")
    finally:
        writer.execute("COMMIT")
        writer.close()
    with tarfile.open(tmp_path / "online.tar.gz") as tar:
        tar.extract("database.sqlite3", tmp_path, filter="data")
    copy = sqlite3.connect(tmp_path / "database.sqlite3")
    try:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        names = {n for (n,) in copy.execute('SELECT display_name FROM "user"')}
        assert "Anna Azubi" in names and "Unbestätigt" not in names  # the uncommitted change is not in it
        assert manifest["tables"]["user"] == len(copy.execute('SELECT * FROM "user"').fetchall())
    finally:
        copy.close()


@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_a_document_deleted_during_the_backup_is_named_after_the_restore(filled, tmp_path, empty_instance):
    archive, thinned = tmp_path / "voll.tar.gz", tmp_path / "ohne-datei.tar.gz"
    assert cli(filled, "backup", archive).exit_code == 0
    dropped = []

    def drop_first_document(name, data):
        if name.startswith("documents/") and not dropped:
            dropped.append(name.removeprefix("documents/"))
            return None
        if name == "manifest.json":
            manifest = json.loads(data)
            del manifest["members"][f"documents/{dropped[0]}"]
            return json.dumps(manifest).encode()
        return data

    _rewrite(archive, thinned, drop_first_document)
    result = cli(empty_instance, "restore", thinned)
    assert result.exit_code == 0, result.output
    assert f"Datei fehlt zur Unterlage {dropped[0]}" in result.output


def test_drill_with_the_database_backend_keeps_the_files_in_the_dump(
    app, people, make_application, tmp_path, empty_instance
):
    app.config["STORAGE_BACKEND"] = empty_instance.config["STORAGE_BACKEND"] = "database"
    bind(app)  # empty_instance took the database proxy
    draft = make_application("anna", "selcuk", status="draft", weeks=20)
    with app.test_request_context(), db.connection_context():
        document = documents.store_document(people["anna"], draft, "cv", "lebenslauf.pdf", PDF)
    archive = tmp_path / "sicherung.tar.gz"
    assert cli(app, "backup", archive).exit_code == 0
    with tarfile.open(archive) as tar:
        assert not [name for name in tar.getnames() if name.startswith("documents/")]
    rows, _ = snapshot(app)
    assert rows["stored_file"] and rows["stored_chunk"]

    result = cli(empty_instance, "restore", archive)
    assert result.exit_code == 0 and "fehlt" not in result.output, result.output
    assert snapshot(empty_instance)[0] == rows
    with bind(empty_instance).app_context(), db.connection_context():
        assert storage.read(document.stored_name) == PDF
