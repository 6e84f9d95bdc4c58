"""The Europass Mobility data pack: completed stays in the EU and Türkiye, none for domestic Werder."""

import io
import json
from datetime import date

import pytest
from openpyxl import load_workbook

from intranet.letters import issuing, rendering
from intranet.models import Application, ExperienceReport, IssuedLetter
from intranet.partners import links, proposals
from intranet.platform import storage
from intranet.platform.db import db

from .experiencedata import TEXT, ended_stay
from .test_letters import pdf_text


def completed(app, people, city):
    """A completed stay of Anna with an accepted report."""
    application = ended_stay(app, people["anna"], city, status="completed")
    with app.app_context(), db.connection_context():
        texts = {"administration": f"{TEXT} Verwaltung", "intercultural": f"{TEXT} Kultur"}
        ExperienceReport.create(
            application=application.id, status="accepted", texts=texts, ratings={"administration": 5}
        )
    return application


@pytest.mark.parametrize(
    ("city", "office", "place", "languages"),
    [
        ("selcuk", "Selçuk Belediyesi (Belediye Başkanlığı)", "Selçuk, Türkei", "Türkisch, Deutsch"),
        (
            "nogent",
            "Mairie de Nogent-sur-Marne – Hôtel de Ville",
            "Nogent-sur-Marne, Frankreich",
            "Französisch",
        ),
    ],
)
def test_fields_for_a_stay_abroad(app, client, login, people, city, office, place, languages):
    application = completed(app, people, city)
    login("hanna")
    assert "Daten für den Europass Mobilität" in client.get(f"/bewerbungen/{application.id}").text
    page = client.get(f"/bewerbungen/{application.id}/europass")
    assert page.status_code == 200 and "europass-info.de" in page.text and office in page.text
    pack = client.get(f"/bewerbungen/{application.id}/europass.json")
    assert pack.headers["Content-Disposition"] == f'attachment; filename="europass_{application.id}.json"'
    data = json.loads(pack.data)
    assert data["holder"] == {"name": "Anna Azubi", "date_of_birth": "01.03.2004", "nationality": ""}
    assert data["sending"]["name"] == "Stadt Siegburg" and data["host"]["name"] == office
    assert (data["host"]["mentor"], data["host"]["department"]) == ("Zoé Lefèvre", "Service de l'état civil")
    assert (
        data["mobility"]["from"] == f"{application.start_date:%d.%m.%Y}" and data["mobility"]["days"] == "14"
    )
    assert (
        data["mobility"]["place"] == place
        and "Verwaltungsfachangestellte" in data["mobility"]["qualification"]
    )
    assert languages in data["skills"]["languages"]
    assert data["skills"]["job"].endswith("Verwaltung") and data["skills"]["communication"].endswith("Kultur")
    sheet = load_workbook(io.BytesIO(client.get(f"/bewerbungen/{application.id}/europass.xlsx").data)).active
    rows = [[c.value for c in row] for row in sheet.iter_rows()]
    assert rows[0] == ["Abschnitt", "Feld", "Wert", "Hinweis"]
    assert ["3. Aufnehmende Einrichtung", "Name", office, None] in rows


def test_none_for_werder(app, client, login, people):
    application = completed(app, people, "werder")
    login("hanna")
    assert "Europass" not in client.get(f"/bewerbungen/{application.id}").text
    for suffix in ("", ".json", ".xlsx"):
        assert client.get(f"/bewerbungen/{application.id}/europass{suffix}").status_code == 404


def test_only_completed_stays_and_only_staff(app, client, login, people):
    placed = ended_stay(app, people["ben"], "nogent")
    application = completed(app, people, "nogent")
    for username, status in (("anna", 404), ("miguel", 404), ("claire", 200)):
        login(username)
        assert client.get(f"/bewerbungen/{application.id}/europass.json").status_code == status, username
        client.post("/abmelden")
    login("hanna")
    assert client.get(f"/bewerbungen/{placed.id}/europass").status_code == 404


def test_the_mentors_assessment_through_the_partner_link(app, client, login, people):
    stay = ended_stay(app, people["anna"], "nogent")
    values = {
        "mentor": "Zoé Lefèvre",
        "tasks": "Accueil du public",
        "skills": "Écoute",
        "assessment": "Très bien",
    }
    with app.test_request_context(), db.connection_context():
        link, _token = links.issue(people["hanna"], stay, "Zoé Lefèvre", "zoe@nogent.example", "fr")
        proposal = proposals.submit_assessment(link, values, date.today())
        Application.update(status="completed").where(Application.id == stay.id).execute()
    login("hanna")
    before = json.loads(client.get(f"/bewerbungen/{stay.id}/europass.json").data)
    assert before["skills"]["tasks"] == "Mitarbeit in der Abteilung Service de l'état civil"
    assert "assessment" not in before["skills"]  # not before Siegburg took it over
    with app.test_request_context(), db.connection_context():
        proposals.accept(people["hanna"], proposal)
    data = json.loads(client.get(f"/bewerbungen/{stay.id}/europass.json").data)
    assert (data["skills"]["tasks"], data["skills"]["job"]) == ("Accueil du public", "Écoute")
    assert data["skills"]["assessment"] == "Très bien"
    # a new certificate carries the mentor's part, headed in French and German
    with app.app_context(), db.connection_context():
        letter = IssuedLetter.get(
            (IssuedLetter.application == stay.id) & (IssuedLetter.kind == "certificate")
        )
        text = " ".join(pdf_text(storage.read(letter.stored_name)).split())
    assert "Appréciation de l'administration d'accueil / Bewertung der aufnehmenden Verwaltung" in text
    assert "Accueil du public" in text and "Très bien" in text


def test_the_mentors_part_escapes_and_keeps_greek(app, people):
    stay = ended_stay(app, people["anna"], "orestiada")
    values = {
        "mentor": "Ελένη Παπαδοπούλου",
        "tasks": "<b>Υποδοχή</b> πολιτών",
        "skills": "",
        "assessment": "",
    }
    with app.test_request_context(), db.connection_context():
        template = next(t for t in rendering.templates_for("orestiada") if t.kind == "certificate")
        assert "host-assessment" not in issuing.render(stay, template)  # nothing taken over yet
        link, _token = links.issue(
            people["hanna"], stay, "Ελένη Παπαδοπούλου", "eleni@orestiada.example", "el"
        )
        proposal = proposals.submit_assessment(link, values, date.today())
        Application.update(status="completed").where(Application.id == stay.id).execute()
        proposals.accept(people["hanna"], proposal)
        html = issuing.render(Application.get_by_id(stay.id), template)
        letter = IssuedLetter.get(
            (IssuedLetter.application == stay.id) & (IssuedLetter.kind == "certificate")
        )
        text = " ".join(pdf_text(storage.read(letter.stored_name)).split())
    assert "&lt;b&gt;Υποδοχή&lt;/b&gt; πολιτών" in html and "<b>Υποδοχή" not in html
    assert (
        "Αξιολόγηση του φορέα υποδοχής / Bewertung der aufnehmenden Verwaltung (Ελένη Παπαδοπούλου)" in text
    )
    assert "<b>Υποδοχή</b> πολιτών" in text
