"""Data protection pages: processing record, access-request exports (zip contents, scope), "Meine Daten"."""

import io
import json
import zipfile
from datetime import date

from intranet.demo import DEMO_PDF
from intranet.hostfamilies import households
from intranet.models import AuditEvent, Document, HostFamily, InboundTrainee, Question
from intranet.platform.db import db


def open_zip(response) -> tuple[dict, zipfile.ZipFile]:
    assert response.status_code == 200, response.text
    assert response.mimetype == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(response.data))
    return json.loads(archive.read("data.json")), archive


def everything(archive: zipfile.ZipFile) -> str:
    return "\n".join(archive.read(name).decode("utf-8", "replace") for name in archive.namelist())


def test_processing_record_lists_every_partner_city_and_flags_turkiye(app, client, login):
    login("hanna")
    page = client.get("/datenschutz/verzeichnis")
    assert page.status_code == 200
    for city in app.extensions["cities"]:
        assert f'id="recipient-{city.slug}"' in page.text and city.name_de in page.text
    selcuk = page.text.split('id="recipient-selcuk"')[1].split("</tr>")[0]
    assert "Drittland ohne Angemessenheitsbeschluss" in selcuk and "Art. 46" in selcuk
    nogent = page.text.split('id="recipient-nogent"')[1].split("</tr>")[0]
    assert "EU – DSGVO gilt" in nogent and "Drittland" not in nogent
    assert "6 Monate" in page.text and 'RETENTION["rejected_applications_months"]' in page.text


def test_record_and_search_for_hr_and_admin_only(client, login, people):
    for user in ("anna", "claire"):
        login(user)
        for url in ("/datenschutz/verzeichnis", "/datenschutz/?q=Ben"):
            assert client.get(url).status_code == 404, (user, url)
        assert client.post(f"/datenschutz/auskunft/user/{people['ben'].id}").status_code == 404, user
        client.post("/abmelden")
    assert client.get("/datenschutz/verzeichnis").status_code == 302
    assert client.post("/datenschutz/meine-daten").status_code == 302
    login("root")
    assert client.get("/datenschutz/verzeichnis").status_code == 200
    assert "Ben Berger" in client.get("/datenschutz/?q=ben").text


def test_search_fragment_for_htmx(client, login):
    login("hanna")
    fragment = client.get("/datenschutz/?q=Berg", headers={"HX-Request": "true"})
    assert "Ben Berger" in fragment.text and "<html" not in fragment.text
    assert "Niemand gefunden." in client.get("/datenschutz/?q=zzzz").text
    assert "mindestens zwei Zeichen" in client.get("/datenschutz/?q=x").text


def test_own_export_holds_everything_about_me_and_nothing_about_others(
    app, client, login, people, make_application
):
    mine = make_application("anna", "nogent")
    theirs = make_application("ben", "guarda")
    with app.app_context(), db.connection_context():
        Question.create(application=mine.id, text="Haben Sie einen Reisepass?", asked_by=people["hanna"])
        Question.create(application=theirs.id, text="Geheime Frage an Ben", asked_by=people["hanna"])
        documents = {d.id: d for d in Document.select().where(Document.application == mine.id)}
    login("anna")
    assert "Meine Daten herunterladen" in client.get("/datenschutz/meine-daten").text
    data, archive = open_zip(client.post("/datenschutz/meine-daten"))
    assert data["profile"]["username"] == "anna" and "password_hash" not in data["profile"]
    assert [a["id"] for a in data["applications"]] == [mine.id]
    application = data["applications"][0]
    assert application["questions"][0]["text"] == "Haben Sie einen Reisepass?"
    assert "asked_by" not in application["questions"][0]
    assert {d["id"] for d in application["documents"]} == set(documents)
    for entry in application["documents"]:
        assert archive.read(entry["file"]) == DEMO_PDF
    text = everything(archive)
    assert "Ben" not in text and "ben@example.org" not in text and "Geheime Frage" not in text
    assert any(e["action"] == "application_submitted" for e in data["audit_events"])
    with app.app_context(), db.connection_context():
        audit = AuditEvent.get(AuditEvent.action == "person_exported")
    assert (audit.actor_id, audit.object_type, audit.object_id) == (
        people["anna"].id,
        "user",
        people["anna"].id,
    )
    assert "anna" not in json.dumps(audit.after).lower()


def test_hr_exports_a_host_family_admin_may_not(app, client, login, people, make_application):
    with app.test_request_context(), db.connection_context():
        family = households.create(
            people["hanna"], "nogent",
            {"household": "Famille Morel", "address": "1 rue", "contact_name": "Jean Morel",
             "email": "jm@example.fr", "phone": "", "languages": ["fr"], "capacity": 1, "rooms": 1,
             "notes": "",
             "consent_date": date(2026, 1, 2), "consent_scope": "Unterbringung"},
        )  # fmt: skip
    login("hanna")
    data, archive = open_zip(client.post(f"/datenschutz/auskunft/host_family/{family.id}"))
    assert data["host_family"]["household"] == "Famille Morel" and archive.namelist() == ["data.json"]
    assert client.post("/datenschutz/auskunft/host_family/999999").status_code == 404
    assert client.post("/datenschutz/auskunft/nobody/1").status_code == 404
    data, _ = open_zip(client.post(f"/datenschutz/auskunft/user/{people['ben'].id}"))
    assert data["profile"]["username"] == "ben"
    client.post("/abmelden")
    login("root")
    assert client.post(f"/datenschutz/auskunft/host_family/{family.id}").status_code == 404
    assert "Famille Morel" not in client.get("/datenschutz/?q=Morel").text
    assert (
        open_zip(client.post(f"/datenschutz/auskunft/user/{people['ben'].id}"))[0]["profile"]["username"]
        == "ben"
    )
    with app.app_context(), db.connection_context():
        assert HostFamily.get_by_id(family.id).household == "Famille Morel"


def test_hr_exports_a_partner_trainee(app, client, login):
    with app.app_context(), db.connection_context():
        guest = InboundTrainee.create(
            city="selcuk", first_name="Elif", last_name="Kaya", email="elif@example.tr",
            home_administration="Belediye",
            training="Memur", letter_language="tr", start_date=date(2026, 5, 4), end_date=date(2026, 5, 15),
            arrival=date(2026, 5, 3), departure=date(2026, 5, 16),
        )  # fmt: skip
    login("hanna")
    assert "Elif Kaya" in client.get("/datenschutz/?q=kaya").text
    data, _ = open_zip(client.post(f"/datenschutz/auskunft/inbound/{guest.id}"))
    assert data["partner_trainee"]["email"] == "elif@example.tr" and data["rotation"] == []
