"""The storage interface: both backends alike, database contents with their rows, streamed downloads."""

import io
from pathlib import Path

import pytest

from intranet.mail import notify
from intranet.models import Document, IssuedLetter, OutboxMessage, StoredChunk, StoredFile
from intranet.outbound import documents
from intranet.platform import storage
from intranet.platform.db import db

from .test_documents import PDF, boom, upload

#: a PDF of a little over 3 MiB: four chunks in the database backend
BIG_PDF = PDF + b"%" + b"x" * (3 * storage.CHUNK_BYTES + 12345) + b"\n"


@pytest.fixture(params=storage.BACKENDS)
def backend(request, app):
    """The app with one of the two backends configured."""
    app.config["STORAGE_BACKEND"] = request.param
    return request.param


@pytest.fixture
def ctx(app, backend):
    with app.test_request_context(), db.connection_context():
        yield


def folder_files(app) -> set[str]:
    folder = Path(app.instance_path) / "documents"
    return {p.name for p in folder.iterdir()} if folder.is_dir() else set()


def test_put_open_exists_names_delete(app, backend, ctx):
    assert storage.put("a" * 32, b"klein") == 5
    assert storage.put("b" * 32, io.BytesIO(BIG_PDF)) == len(BIG_PDF)
    assert storage.exists("a" * 32) and not storage.exists("c" * 32)
    assert sorted(storage.names()) == ["a" * 32, "b" * 32]
    assert storage.read("a" * 32) == b"klein"
    with storage.open("b" * 32) as stream:
        first = stream.read(1000)
        rest = stream.read()
    assert first + rest == BIG_PDF
    assert b"".join(storage.chunks("b" * 32)) == BIG_PDF
    storage.put("a" * 32, b"ersetzt")
    assert storage.read("a" * 32) == b"ersetzt"
    storage.delete("b" * 32)
    storage.delete("b" * 32)  # twice: nothing to do
    assert list(storage.names()) == ["a" * 32]
    with pytest.raises(FileNotFoundError):
        storage.open("b" * 32)
    in_folder = folder_files(app)
    assert in_folder == ({"a" * 32} if backend == "filesystem" else set())


def test_database_contents_are_chunks_of_their_own_table(app, ctx):
    app.config["STORAGE_BACKEND"] = "database"
    storage.put("d" * 32, BIG_PDF)
    file = StoredFile.get(StoredFile.name == "d" * 32)
    sizes = [
        len(c.data) for c in StoredChunk.select().where(StoredChunk.file == file).order_by(StoredChunk.number)
    ]
    assert file.size == len(BIG_PDF) == sum(sizes) and sizes[:3] == [storage.CHUNK_BYTES] * 3
    storage.put("e" * 32, b"")
    assert storage.read("e" * 32) == b""


@pytest.mark.parametrize("name", ["../geheim", "a/b", "", "x" * 65, "ä"])
def test_names_outside_the_pattern_are_refused(ctx, name):
    with pytest.raises(ValueError):
        storage.put(name, b"x")


def test_a_failed_transaction_keeps_no_put_and_deletes_nothing(app, backend, ctx):
    storage.put("k" * 32, b"bleibt")
    with pytest.raises(RuntimeError), storage.transaction(put={"n" * 32: BIG_PDF}) as files:
        files.delete("k" * 32)
        raise RuntimeError("simulated failure")
    assert list(storage.names()) == ["k" * 32] and storage.read("k" * 32) == b"bleibt"
    assert StoredChunk.select().count() == (1 if backend == "database" else 0)
    with storage.transaction() as files:
        files.delete("k" * 32)
    assert list(storage.names()) == [] and StoredFile.select().count() == 0


def test_upload_and_download_through_the_routes_in_the_database(app, client, login, make_application):
    app.config["STORAGE_BACKEND"] = "database"
    application = make_application(status="draft")
    login("anna")
    sent = upload(client, application, data=BIG_PDF, name="scan.pdf")
    sent.request.input_stream.close()  # the test client spooled the large body to a temporary file
    assert sent.status_code == 303
    with app.app_context(), db.connection_context():
        document = Document.get(Document.application == application.id)
        assert StoredFile.get(StoredFile.name == document.stored_name).size == len(BIG_PDF)
    assert folder_files(app) == set()
    url = f"/bewerbungen/{application.id}/unterlagen/{document.id}"
    with client.get(url) as response:
        assert response.status_code == 200 and response.data == BIG_PDF
    assert db.is_closed()  # the body opened its own connection after the request and closed it
    assert response.headers["Content-Length"] == str(len(BIG_PDF))
    assert response.headers["Content-Disposition"].startswith('attachment; filename="scan.pdf"')

    upload(client, application, data=PDF, name="kurz.pdf")
    with app.app_context(), db.connection_context():
        names = [n for (n,) in StoredFile.select(StoredFile.name).tuples()]
        assert names == [Document.get(Document.application == application.id).stored_name]
    client.post(f"/bewerbungen/{application.id}/unterlagen/cv/loeschen")
    with app.app_context(), db.connection_context():
        assert StoredFile.select().count() == 0 and StoredChunk.select().count() == 0


def test_a_failed_upload_leaves_no_stored_file_row(app, people, make_application, monkeypatch):
    app.config["STORAGE_BACKEND"] = "database"
    application = make_application(status="draft")
    monkeypatch.setattr(documents, "record", boom)
    with app.test_request_context(), db.connection_context():
        with pytest.raises(RuntimeError):
            documents.store_document(people["anna"], application, "cv", "cv.pdf", BIG_PDF)
        assert Document.select().count() == 0
        assert StoredFile.select().count() == 0 and StoredChunk.select().count() == 0


def test_mail_attachment_reads_through_the_backend(app, backend, make_application):
    application = make_application(status="draft")
    with app.test_request_context(), db.connection_context():
        letter = IssuedLetter.create(
            application=application.id, kind="introduction", language="fr", title="Lettre", size=len(PDF),
            sha256="0" * 64,
        )  # fmt: skip
        storage.put(letter.stored_name, PDF)
        message = OutboxMessage.create(recipient="x@example.org", subject="s", body="b", letter=letter.id)
        assert notify.letter_attachment(message) == (f"introduction_fr_{application.id}.pdf", PDF)


def test_unknown_backend_refuses_to_start(tmp_path):
    from intranet import create_app

    with pytest.raises(RuntimeError, match="STORAGE_BACKEND"):
        create_app(
            {"TESTING": True, "SECRET_KEY": "s" * 40, "STORAGE_BACKEND": "s3", "INSTANCE_PATH": str(tmp_path)}
        )


def test_cleanup_removes_unreferenced_database_files(app, runner, people, make_application):
    app.config["STORAGE_BACKEND"] = "database"
    draft = make_application(status="draft")
    with app.test_request_context(), db.connection_context():
        kept = documents.store_document(people["anna"], draft, "cv", "cv.pdf", PDF)
        storage.put("f" * 32, b"ohne Zeile")
    result = runner.invoke(args=["documents", "cleanup", "--min-age-minutes", "0"])
    assert result.exit_code == 0 and f"gelöscht: {'f' * 32}" in result.output
    with app.app_context(), db.connection_context():
        assert list(storage.names()) == [kept.stored_name]
