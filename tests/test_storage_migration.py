"""``documents migrate-storage``: both ways, dry run, a second run changes nothing, damage is reported."""

import hashlib
from pathlib import Path

import pytest

from intranet.models import IssuedLetter, StoredChunk, StoredFile
from intranet.outbound import documents
from intranet.platform import storage
from intranet.platform.db import db

from .test_documents import PDF
from .test_storage import BIG_PDF


@pytest.fixture
def files(app, people, make_application) -> dict[str, bytes]:
    """Two uploaded documents (one of several chunks) and an issued letter, on the filesystem."""
    draft = make_application(status="draft")
    with app.test_request_context(), db.connection_context():
        stored = [
            documents.store_document(people["anna"], draft, "cv", "cv.pdf", BIG_PDF),
            documents.store_document(people["anna"], draft, "release", "frei.pdf", PDF),
        ]
        letter = IssuedLetter.create(
            application=draft.id, kind="introduction", language="fr", title="Lettre", size=len(PDF),
            sha256=hashlib.sha256(PDF).hexdigest(),
        )  # fmt: skip
        storage.put(letter.stored_name, PDF)
    return {d.stored_name: data for d, data in zip(stored, (BIG_PDF, PDF), strict=True)} | {
        letter.stored_name: PDF
    }


def folder(app) -> Path:
    return Path(app.instance_path) / "documents"


def in_folder(app) -> set[str]:
    return {p.name for p in folder(app).iterdir() if not p.name.startswith(".")}


def in_database(app) -> dict[str, bytes]:
    with app.app_context(), db.connection_context():
        store, found = storage.backend("database"), {}
        for name in store.names():
            with store.open(name) as stream:
                found[name] = stream.read()
        return found


def migrate(runner, *args):
    return runner.invoke(args=["documents", "migrate-storage", *args])


def test_both_ways_and_a_second_run_changes_nothing(app, runner, files):
    result = migrate(runner, "--to", "database")
    assert result.exit_code == 0, result.output
    total = f"{sum(map(len, files.values())):,}".replace(",", ".")
    assert f"kopiert und geprüft: 3 Datei(en), {total} Byte" in result.output
    assert 'Jetzt STORAGE_BACKEND = "database" setzen' in result.output
    assert in_folder(app) == set() and in_database(app) == files
    app.config["STORAGE_BACKEND"] = "database"  # as the summary asks
    with app.app_context(), db.connection_context():
        rows = sorted(StoredChunk.select(StoredChunk.file, StoredChunk.number).tuples())

    again = migrate(runner, "--to", "database")
    assert again.exit_code == 0 and "kopiert und geprüft: 0 Datei(en)" in again.output
    assert "übersprungen, schon im Ziel: 3" in again.output and "Jetzt" not in again.output
    with app.app_context(), db.connection_context():
        assert sorted(StoredChunk.select(StoredChunk.file, StoredChunk.number).tuples()) == rows

    back = migrate(runner, "--to", "filesystem")
    assert back.exit_code == 0 and "Ablage database → filesystem:" in back.output
    assert {name: (folder(app) / name).read_bytes() for name in in_folder(app)} == files
    with app.app_context(), db.connection_context():
        assert StoredFile.select().count() == 0 and StoredChunk.select().count() == 0


def test_dry_run_counts_and_changes_nothing(app, runner, files):
    result = migrate(runner, "--to", "database", "--dry-run")
    assert result.exit_code == 0, result.output
    assert "(Probelauf, nichts geändert)" in result.output and "würden kopiert: 3 Datei(en)" in result.output
    assert in_folder(app) == set(files) and in_database(app) == {}


def test_damaged_and_missing_files_are_reported_and_stay(app, runner, files):
    damaged, gone, intact = sorted(files)
    (folder(app) / damaged).write_bytes(b"%PDF-1.7 anders")
    (folder(app) / gone).unlink()
    (folder(app) / ("f" * 32)).write_bytes(b"ohne Zeile")
    result = migrate(runner, "--to", "database")
    assert result.exit_code == 1
    assert f"Prüfsumme falsch, bleibt in filesystem: {damaged}" in result.output
    assert f"fehlt in beiden Ablagen: {gone}" in result.output
    assert "nicht zugeordnet, bleiben in filesystem (documents cleanup): 1" in result.output
    assert in_folder(app) == {damaged, "f" * 32} and in_database(app) == {intact: files[intact]}
