"""Documents: upload, replace, delete, download, who may see them, the attack corpus, the scanner."""

import io
import os
import re
import shlex
import sys
import time
import zipfile
from pathlib import Path

import pytest

from intranet.models import Application, AuditEvent, Document
from intranet.outbound import documents
from intranet.outbound.filecheck import DocumentRefused, check_file, safe_name
from intranet.platform import storage
from intranet.platform.db import db
from intranet.platform.storage import filesystem

PDF = b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 32
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 32
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'


def zip_bytes() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("setup.exe", b"MZ" + b"\x00" * 64)
    return buffer.getvalue()


def upload(client, application, data=PDF, name="lebenslauf.pdf", kind="cv", htmx=False, mimetype=None):
    file = (io.BytesIO(data), name, mimetype) if mimetype else (io.BytesIO(data), name)
    return client.post(
        f"/bewerbungen/{application.id}/unterlagen/{kind}",
        data={"file": file},
        content_type="multipart/form-data",
        headers={"HX-Request": "true"} if htmx else {},
    )


def rows(app):
    """All Document rows, oldest first."""
    with app.app_context(), db.connection_context():
        return list(Document.select().order_by(Document.id))


def document_actions(app):
    with app.app_context(), db.connection_context():
        query = AuditEvent.select().where(AuditEvent.action.startswith("document_")).order_by(AuditEvent.id)
        return [e.action for e in query]


def stored_files(app) -> set[str]:
    store = Path(app.instance_path) / "documents"
    return {p.name for p in store.iterdir()} if store.is_dir() else set()


def outside_store(instance: Path) -> set[str]:
    """Files in the instance folder outside the store (the SQLite database aside), and its neighbours."""
    inside = {
        str(path.relative_to(instance))
        for path in instance.rglob("*")
        if path.is_file()
        and path.relative_to(instance).parts[0] != "documents"
        and not path.name.startswith("test.sqlite3")
    }
    return inside | {"../" + path.name for path in instance.parent.iterdir()}


def flashed(client, application) -> str:
    return client.get(f"/bewerbungen/{application.id}").text


# ---------------------------------------------------------------- happy path


def test_upload_replace_delete_download(app, client, login, make_application):
    application = make_application(status="draft")
    login("anna")
    response = upload(client, application, name="Lebenslauf Müller.pdf", mimetype="text/html")
    assert response.status_code == 303
    assert response.location.endswith(f"/bewerbungen/{application.id}")
    page = flashed(client, application)
    assert "„Lebenslauf Müller.pdf“ wurde gespeichert." in page
    [first] = rows(app)
    assert first.content_type == "application/pdf"  # judged by content, not by the browser's claim
    assert first.original_name == "Lebenslauf Müller.pdf" and first.size == len(PDF)
    assert stored_files(app) == {first.stored_name}
    assert f"/bewerbungen/{application.id}/unterlagen/{first.id}" in page

    download = client.get(f"/bewerbungen/{application.id}/unterlagen/{first.id}")
    assert download.status_code == 200 and download.data == PDF
    assert download.headers["Content-Type"] == "application/pdf"
    assert download.headers["Content-Disposition"] == (
        "attachment; filename=\"Lebenslauf Muller.pdf\"; filename*=UTF-8''Lebenslauf%20M%C3%BCller.pdf"
    )
    assert download.headers["X-Content-Type-Options"] == "nosniff"
    assert download.headers["Cache-Control"] == "no-store"

    upload(client, application, data=PNG, name="lebenslauf.png")
    [second] = rows(app)
    assert second.content_type == "image/png" and stored_files(app) == {second.stored_name}

    response = client.post(f"/bewerbungen/{application.id}/unterlagen/cv/loeschen")
    assert response.status_code == 303
    assert "„lebenslauf.png“ wurde gelöscht." in flashed(client, application)
    assert rows(app) == [] and stored_files(app) == set()
    assert document_actions(app) == ["document_uploaded", "document_replaced", "document_deleted"]
    assert client.get(f"/bewerbungen/{application.id}/unterlagen/{second.id}").status_code == 404


def test_htmx_upload_swaps_the_checklist_and_announces(app, client, login, make_application):
    application = make_application(status="draft")
    login("anna")
    response = upload(client, application, data=JPEG, name="freistellung.jpg", kind="release", htmx=True)
    assert response.status_code == 200
    assert response.text.lstrip().startswith('<ul id="checklist"')
    assert "<html" not in response.text
    assert 'id="documents-status"' in response.text and 'data-hx-swap-oob="innerHTML"' in response.text
    assert "„freistellung.jpg“ wurde gespeichert." in response.text
    assert rows(app)[0].content_type == "image/jpeg"

    refused = upload(client, application, data=b"MZ\x90\x00", name="virus.pdf", htmx=True)
    assert refused.status_code == 200 and "kein erlaubtes Format" in refused.text
    assert len(rows(app)) == 1


def test_checklist_shows_requirements_and_read_only_for_hr(app, client, login, make_application):
    application = make_application(status="draft")
    login("anna")
    upload(client, application)
    page = flashed(client, application)
    assert "Lebenslauf" in page and "Tabellarischer Lebenslauf" in page
    assert "A1-Bescheinigung" in page and "vor der Abreise" in page
    assert "Erlaubt: PDF, höchstens 5 MB." in page  # the A1 certificate only as PDF
    assert 'for="file-cv"' in page and 'id="file-cv"' in page
    assert page.count("<h1") == 1
    client.post("/abmelden")
    login("hanna")
    page = client.get(f"/bewerbungen/{application.id}").text
    assert "lebenslauf.pdf" in page and 'type="file"' not in page and "/loeschen" not in page


def test_only_draft_applications_take_documents(app, client, login, make_application):
    application = make_application(status="draft")
    login("anna")
    upload(client, application)
    with app.app_context(), db.connection_context():
        Application.update(status="submitted").where(Application.id == application.id).execute()
    upload(client, application, data=PNG, name="neu.png")
    assert "solange die Bewerbung ein Entwurf ist" in flashed(client, application)
    client.post(f"/bewerbungen/{application.id}/unterlagen/cv/loeschen")
    assert [d.original_name for d in rows(app)] == ["lebenslauf.pdf"]
    assert document_actions(app) == ["document_uploaded"]

    submitted = make_application(status="submitted", weeks=20)
    before = {d.sha256 for d in rows(app)}
    upload(client, submitted, data=PDF + b"%anders\n")
    assert {d.sha256 for d in rows(app)} == before


def test_unknown_kind_and_wrong_format_for_requirement(app, client, login, make_application):
    application = make_application(status="draft")
    login("anna")
    upload(client, application, kind="passport")  # Nogent asks for no passport
    assert "nicht verlangt" in flashed(client, application)
    upload(client, application, data=PNG, name="a1.png", kind="a1_certificate")
    assert "erlaubt: PDF" in flashed(client, application)
    assert rows(app) == []


def boom(*args, **kwargs):
    raise RuntimeError("simulated failure")


@pytest.mark.parametrize("stage", ["rename", "transaction"])
def test_a_failed_upload_leaves_no_row_and_no_file(app, people, make_application, monkeypatch, stage):
    application = make_application(status="draft")
    if stage == "rename":
        monkeypatch.setattr(filesystem.os, "replace", boom)
    else:
        monkeypatch.setattr(documents, "record", boom)
    with app.test_request_context(), db.connection_context(), pytest.raises(RuntimeError):
        documents.store_document(people["anna"], application, "cv", "cv.pdf", PDF)
    assert rows(app) == [] and stored_files(app) == set() and document_actions(app) == []


# ---------------------------------------------------------------- who may see and change


#: who → (download, upload and delete); the owner comes last because she changes things
ACCESS = {
    None: (302, 302),
    "ben": (404, 404),
    "hanna": (200, 404),
    "claire": (200, 404),  # admin of Nogent
    "miguel": (404, 404),  # admin of Guarda
    "root": (404, 404),
    "anna": (200, 303),
}


def test_access_table(app, client, login, make_application):
    application = make_application(status="draft")
    login("anna")
    upload(client, application)
    [document] = rows(app)
    base = f"/bewerbungen/{application.id}/unterlagen"
    for username, (read, change) in ACCESS.items():
        client.post("/abmelden")
        if username:
            login(username)
        got = (
            client.get(f"{base}/{document.id}").status_code,
            upload(client, application, data=PNG, name="x.png").status_code,
            client.post(f"{base}/cv/loeschen").status_code,
        )
        assert got == (read, change, change), username
        if username != "anna":
            assert [d.stored_name for d in rows(app)] == [document.stored_name], username
    assert document_actions(app) == ["document_uploaded", "document_replaced", "document_deleted"]


def test_document_of_another_application_is_404(app, client, login, make_application):
    nogent = make_application("anna", "nogent", status="draft")
    other = make_application("ben", "nogent", status="draft")
    login("anna")
    upload(client, nogent)
    [document] = rows(app)
    client.post("/abmelden")
    login("hanna")  # sees both applications, but the document belongs to one
    assert client.get(f"/bewerbungen/{other.id}/unterlagen/{document.id}").status_code == 404
    assert client.get(f"/bewerbungen/{nogent.id}/unterlagen/{document.id}").status_code == 200


# ---------------------------------------------------------------- attack corpus

FORMAT = "kein erlaubtes Format"
ACTIVE = "aktive Inhalte"
ENDING = "Dateiendung passt nicht zum Inhalt"
REFUSED = {
    "exe renamed to .pdf": ("rechnung.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60 + b"This program", FORMAT),
    "HTML as .pdf": ("lebenslauf.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>", FORMAT),
    "HTML behind PDF magic": ("cv.pdf", b"%PDF-1.4\n<html><SCRIPT>alert(document.cookie)</SCRIPT>", ACTIVE),
    "PDF with JavaScript": ("cv.pdf", PDF + b"<< /OpenAction << /S /JavaScript /JS (alert(1)) >> >>", ACTIVE),
    "PDF with /JS only": ("cv.pdf", PDF + b"<< /AA << /O << /JS (app.alert(1)) >> >> >>", ACTIVE),
    "PDF with escaped JavaScript": ("cv.pdf", PDF + b"<< /S /J#61vaScript /J#53 (app.alert(1)) >>", ACTIVE),
    "PDF with launch action": ("cv.pdf", PDF + b"<< /S /Launch /F (cmd.exe) >>", ACTIVE),
    "PDF/ZIP polyglot": ("cv.pdf", PDF + zip_bytes(), "eingebettetes Archiv"),
    "SVG with script": ("bild.svg", SVG, FORMAT),
    "SVG with script as .png": ("bild.png", SVG, FORMAT),
    "PNG named .pdf": ("lebenslauf.pdf", PNG, ENDING),
    "PDF without extension": ("lebenslauf", PDF, ENDING),
    "empty file": ("lebenslauf.pdf", b"", "Die Datei ist leer."),
    "no file chosen": ("", b"", "Bitte wählen Sie eine Datei aus."),
    "oversize": ("lebenslauf.pdf", PDF + b"\n" * 2048, "erlaubt sind höchstens 2 KB"),
    "right-to-left override hiding .exe": ("lebenslauf\u202efdp.exe", PDF, ENDING),
    "NUL before .exe": ("lebenslauf.pdf\x00.exe", PDF, ENDING),
}


@pytest.mark.parametrize("case", REFUSED, ids=list(REFUSED))
def test_check_file_refuses_the_attack_corpus(ctx, case):
    name, data, message = REFUSED[case]
    with pytest.raises(DocumentRefused, match=re.escape(message)):
        check_file(name, data, ("pdf", "jpeg", "png"), 2048)


def test_attack_corpus_leaves_nothing_behind(app, client, login, make_application, tmp_path):
    app.config["DOCUMENT_MAX_BYTES"] = 2048
    application = make_application(status="draft")
    login("anna")
    before = outside_store(tmp_path)
    for case, (name, data, message) in REFUSED.items():
        assert upload(client, application, data=data, name=name).status_code == 303, case
        assert message in flashed(client, application), case
    assert rows(app) == [] and stored_files(app) == set() and document_actions(app) == []
    assert outside_store(tmp_path) == before


NEUTRALISED = {
    "path traversal": ("../../etc/passwd.pdf", "passwd.pdf"),
    "right-to-left override": ("lebenslauf\u202egnp.pdf", "lebenslaufgnp.pdf"),
    "NUL inside": ("virus.exe\x00.pdf", "virus.exe.pdf"),
    "control characters": ("\x1b[31mrot\x07\x7f.pdf", "[31mrot.pdf"),
    "300 characters": ("ä" * 300 + ".pdf", "ä" * 116 + ".pdf"),
    "umlauts kept": ("Zeugnis Jürgen Weiß.pdf", "Zeugnis Jürgen Weiß.pdf"),
}


def test_dangerous_names_are_neutralised(app, client, login, make_application, tmp_path):
    application = make_application(status="draft")
    login("anna")
    before = outside_store(tmp_path)
    for name, expected in NEUTRALISED.values():
        assert upload(client, application, name=name).status_code == 303, name
        [document] = rows(app)
        assert document.original_name == expected and len(expected) <= 120
        assert stored_files(app) == {document.stored_name}
        assert len(document.stored_name) == 32 and document.stored_name.isalnum()
        download = client.get(f"/bewerbungen/{application.id}/unterlagen/{document.id}")
        disposition = download.headers["Content-Disposition"]
        assert disposition.startswith("attachment; ")
        assert not any(c in disposition for c in ("/", "\\", "\x00", "\u202e", "\n")), name
    assert outside_store(tmp_path) == before
    assert not (tmp_path.parent / "etc").exists()


@pytest.mark.parametrize(
    "name, expected",
    [
        ("..\\..\\Windows\\system32\\lebenslauf.pdf", "lebenslauf.pdf"),
        ("C:\\fakepath\\zeugnis.png", "zeugnis.png"),
        ("/etc/passwd", "passwd"),
        ('a"b:c<d>|e?*.pdf', "a_b_c_d__e__.pdf"),
        ("..", ""),
        ("  .versteckt.pdf ", "versteckt.pdf"),
        ("a\u2066b\u2069c\u200fd.pdf", "abcd.pdf"),
        ("x" * 200, "x" * 120),
        ("y" * 200 + "." + "z" * 20, ("y" * 200 + "." + "z" * 20)[:120]),
    ],
)
def test_safe_name(name, expected):
    assert safe_name(name) == expected


def test_request_over_the_limit_shows_the_page_with_a_german_message(app, client, login, make_application):
    # below werkzeug's 500 KB threshold, so the test client keeps the request body in memory
    app.config["MAX_CONTENT_LENGTH"] = 100 * 1024
    application = make_application(status="draft")
    login("anna")
    big = PDF + b"\n" * (200 * 1024)
    response = upload(client, application, data=big)
    assert response.status_code == 413
    assert "Die Datei ist zu groß: erlaubt sind höchstens 100 KB." in response.text
    assert "<h1>Bewerbung" in response.text and 'id="checklist"' in response.text
    fragment = upload(client, application, data=big, htmx=True)
    assert fragment.status_code == 200 and "höchstens 100 KB" in fragment.text
    assert "<html" not in fragment.text
    assert rows(app) == [] and stored_files(app) == set()
    client.post("/abmelden")
    login("ben")  # not his application: the generic message, nothing about it
    response = upload(client, application, data=big)
    assert response.status_code == 413 and "Datei zu groß" in response.text
    assert "Bewerbung" not in response.text.split("<main", 1)[1].split("</main>")[0]


# ---------------------------------------------------------------- virus scanner


def python_command(code: str) -> str:
    return f"{shlex.quote(sys.executable)} -c {shlex.quote(code)}"


SCANNERS = {
    "none configured": ("", True),
    "clean (reads the file on stdin)": (
        python_command("import sys; sys.exit(0 if sys.stdin.buffer.read().startswith(b'%PDF-') else 3)"),
        True,
    ),
    "finds a virus": (python_command("import sys; sys.stdin.buffer.read(); sys.exit(1)"), False),
    "hangs past the timeout": (python_command("import time; time.sleep(30)"), False),
    "not installed": ("/nonexistent/clamdscan --no-summary -", False),
    "broken command line": ("clamdscan 'unbalanced", False),
}


def test_virus_scanner_fails_closed(app, client, login, make_application):
    application = make_application(status="draft")
    login("anna")
    for number, (case, (command, accepted)) in enumerate(SCANNERS.items()):
        app.config.update(VIRUS_SCANNER=command, VIRUS_SCANNER_TIMEOUT=0.5)
        upload(client, application, name=f"scan{number}.pdf")
        page = flashed(client, application)
        names = [d.original_name for d in rows(app)]
        assert (f"scan{number}.pdf" in names) == accepted, case
        assert accepted or "Virenprüfung" in page, case
        assert stored_files(app) == {d.stored_name for d in rows(app)}, case


def test_cleanup_removes_only_old_orphans(app, runner, people, make_application):
    """Interrupted uploads leave temporary or unreferenced files; the cleanup command removes them."""
    application = make_application(status="draft")
    with app.test_request_context(), db.connection_context():
        kept = documents.store_document(people["anna"], application, "cv", "cv.pdf", PDF)
        store = storage.backend().folder
    old = time.time() - 2 * 3600
    orphans = [store / ".upload-abc123", store / ("f" * 32)]
    young = store / ".upload-running"
    for path in (*orphans, young):
        path.write_bytes(b"x")
    for path in orphans:
        os.utime(path, (old, old))
    os.utime(store / kept.stored_name, (old, old))

    listed = runner.invoke(args=["documents", "cleanup", "--dry-run"])
    assert listed.exit_code == 0 and "2 verwaiste Datei(en)" in listed.output
    assert all(path.exists() for path in orphans)

    result = runner.invoke(args=["documents", "cleanup"])
    assert result.exit_code == 0 and f"gelöscht: {'f' * 32}" in result.output
    assert not any(path.exists() for path in orphans)
    assert young.exists() and (store / kept.stored_name).read_bytes() == PDF
