"""Letters as PDF in all six languages, issued and kept with the application, scoped like the application."""

import email
import email.policy
import html as htmlmod
import re
import subprocess
from datetime import date
from pathlib import Path

import pytest

from intranet.cities import overrides
from intranet.cities.registry import registry
from intranet.inbound import letters
from intranet.letters import issuing, rendering
from intranet.models import (
    Application,
    AuditEvent,
    Department,
    HostFamily,
    IssuedLetter,
    Placement,
    RotationWeek,
    User,
)
from intranet.platform.db import db

from .test_calendar import inbound

CITIES = ["nogent", "guarda", "boleslawiec", "selcuk", "orestiada", "werder"]


def pdf_text(pdf: bytes) -> str:
    """The PDF's text as poppler's pdftotext reads it."""
    return subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode()


def visible_words(html: str) -> set[str]:
    """Words of the rendered letter that carry letters beyond ASCII (the diacritics to compare)."""
    body = html[html.index("<body") :]
    text = htmlmod.unescape(re.sub(r"<[^>]+>", " ", body))
    return {w.strip(".,;:()„“”\"'–-/") for w in text.split() if not w.isascii()} - {""}


def assert_pdf_keeps_the_words(template, html: str, name: str) -> None:
    """The letter's PDF carries the name and every word with diacritics of its HTML."""
    text = " ".join(pdf_text(rendering.render_pdf(html)).split())
    assert name in text
    missing = {w for w in visible_words(html) if w not in text}
    assert not missing, f"{template.template}: {sorted(missing)[:10]}"


@pytest.mark.parametrize("slug", CITIES)
def test_every_letter_renders_its_diacritics_into_the_pdf(app, people, make_application, slug):
    application = make_application("anna", slug)
    with app.test_request_context(), db.connection_context():
        User.update(display_name="Zoë Łukasik-Öztürk").where(User.username == "anna").execute()
        application = Application.get_by_id(application.id)
        templates = rendering.templates_for(slug)
        assert {t.language for t in templates} >= set(registry().get(slug).languages[:1])
        for template in templates:
            html = issuing.render(application, template, for_pdf=True)
            assert_pdf_keeps_the_words(template, html, "Zoë Łukasik-Öztürk")


@pytest.mark.parametrize("slug", CITIES)
def test_every_guest_letter_renders_its_diacritics_into_the_pdf(app, people, slug):
    with app.test_request_context(), db.connection_context():
        language = registry().get(slug).languages[0]
        start = date(2027, 6, 7)
        trainee = inbound(
            slug,
            "Zoë",
            start,
            last_name="Łukasik-Öztürk",
            home_administration="Administração municipal",
            training="Aprendiz de administração",
            letter_language=language,
            mentor="Jörg Müller",
        )
        department = Department.create(name="Bürgerbüro und Straßenverkehr")
        RotationWeek.create(trainee=trainee, week_start=start, department=department)
        templates = letters.templates(trainee)
        kinds = ("welcome", "programme", "certificate")
        assert {(t.kind, t.language) for t in templates} == {
            (k, lang) for k in kinds for lang in {language, "de"}
        }
        for template in templates:
            html = letters.render(trainee, template, people["hanna"], for_pdf=True)
            assert f'<html lang="{template.language}">' in html
            assert template.kind == "welcome" or "Bürgerbüro und Straßenverkehr" in html  # the rotation
            assert_pdf_keeps_the_words(template, html, "Zoë Łukasik-Öztürk")


def test_issue_keep_and_download(app, client, login, make_application):
    application = make_application("anna", "guarda")
    login("miguel")  # Guarda's admin
    page = client.get(f"/bewerbungen/{application.id}/briefe").text
    assert "Apresentação" in page or "introduction" in page
    preview = client.get(f"/bewerbungen/{application.id}/briefe/introduction/pt")
    assert (
        preview.status_code == 200
        and 'href="/static/letter.css"' in preview.text
        and "<style" not in preview.text
    )
    pdf = client.get(f"/bewerbungen/{application.id}/briefe/introduction/pt/pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.headers["Content-Disposition"].startswith("attachment")
    assert client.post(f"/bewerbungen/{application.id}/briefe/introduction/pt").status_code == 302
    with app.app_context(), db.connection_context():
        letter = IssuedLetter.get()
        assert (letter.kind, letter.language, letter.issued_by.username) == ("introduction", "pt", "miguel")
        assert AuditEvent.select().where(AuditEvent.action == "letter_issued").count() == 1
    download = client.get(f"/bewerbungen/{application.id}/briefe/ausgestellt/{letter.id}")
    assert download.data.startswith(b"%PDF") and len(download.data) == letter.size
    assert (
        download.headers["Content-Security-Policy"] == "default-src 'none'; frame-ancestors 'none'; sandbox"
    )
    client.post("/abmelden")
    login("anna")  # the trainee downloads what was issued, but does not issue or preview
    assert client.get(f"/bewerbungen/{application.id}/briefe/ausgestellt/{letter.id}").status_code == 200
    assert f"/briefe/ausgestellt/{letter.id}" in client.get(f"/bewerbungen/{application.id}").text
    assert client.get(f"/bewerbungen/{application.id}/briefe").status_code == 404


@pytest.mark.parametrize(
    "path",
    ["/briefe", "/briefe/introduction/fr", "/briefe/introduction/fr/pdf", "/briefe/ausgestellt/1"],
)
def test_another_citys_admin_gets_404(app, client, login, make_application, people, path):
    application = make_application("anna", "nogent")
    with app.test_request_context(), db.connection_context():
        issuing.issue(people["claire"], application, rendering.find_template("nogent", "introduction", "fr"))
    login("miguel")
    assert client.get(f"/bewerbungen/{application.id}{path}").status_code == 404
    assert client.post(f"/bewerbungen/{application.id}/briefe/introduction/fr").status_code == 404


def test_unknown_template_is_404(client, login, make_application):
    application = make_application("anna", "nogent")
    login("hanna")
    assert client.get(f"/bewerbungen/{application.id}/briefe/introduction/xx").status_code == 404


def test_issued_letter_goes_out_as_attachment(app, client, login, make_application):
    application = make_application("anna", "selcuk")
    with app.app_context(), db.connection_context():
        # the certificate is issued only for a completed stay (see test_experience.py)
        Application.update(status="completed").where(Application.id == application.id).execute()
    login("hanna")
    client.post(f"/bewerbungen/{application.id}/briefe/certificate/tr")
    with app.app_context(), db.connection_context():
        letter = IssuedLetter.get()
    url = f"/bewerbungen/{application.id}/briefe/ausgestellt/{letter.id}/senden"
    refused = client.post(url, data={"recipient": "keine adresse"})
    assert (
        "Bitte eine gültige E-Mail-Adresse angeben" in refused.text
        and 'value="keine adresse"' in refused.text
    )
    assert client.post(url, data={"recipient": "belediye@example.org"}).status_code == 302
    app.config["MAIL_BACKEND"] = "file"
    with app.app_context(), db.connection_context():
        from intranet.mail import notify

        assert notify.send_outbox(app).sent >= 1
        assert AuditEvent.select().where(AuditEvent.action == "letter_emailed").count() == 1
    sent = Path(app.instance_path, "mail").glob("*.eml")
    mails = [email.message_from_bytes(p.read_bytes(), policy=email.policy.default) for p in sent]
    mail = next(m for m in mails if m["To"] == "belediye@example.org")
    (attachment,) = list(mail.iter_attachments())
    assert attachment.get_filename() == f"certificate_tr_{application.id}.pdf"
    assert "Anna Azubi" in pdf_text(attachment.get_content())


def test_letters_carry_the_placement_and_the_city_admins_texts(app, people, make_application):
    application = make_application("anna", "boleslawiec")
    with app.test_request_context(), db.connection_context():
        family = HostFamily.create(
            city="boleslawiec",
            household="Rodzina Wójcik",
            address="ul. Sądowa 1",
            consent_date=date.today(),
            consent_scope="Aufnahme von Auszubildenden",
        )
        Placement.create(
            application=application.id,
            department="Wydział Promocji",
            mentor="Łucja Żak",
            host_family=family,
            arrival=application.start_date,
            departure=application.end_date,
        )
        key = "introduction/pl/note"
        overrides.set_letter_text(people["hanna"], "boleslawiec", key, "Prosimy o kontakt w razie pytań.")
        html = issuing.render(
            Application.get_by_id(application.id),
            rendering.find_template("boleslawiec", "introduction", "pl"),
        )
    assert "Łucja Żak" in html and "Wydział Promocji" in html and "Rodzina Wójcik" in html
    assert '<p class="note">Prosimy o kontakt w razie pytań.</p>' in html
