"""Letters for a guest from a partner city: listed for HR and that city's admins only, HTML and PDF."""

from datetime import date

import pytest

from intranet.models import HostFamily, InboundTrainee
from intranet.platform.db import db

from .test_calendar import inbound


@pytest.fixture
def guest(app, people):
    """Lucie from Nogent (letters in French), with a Siegburg host family chosen by HR."""
    with app.test_request_context(), db.connection_context():
        trainee = inbound("nogent", "Lucie", date(2027, 3, 8))
        family = HostFamily.create(
            city="siegburg",
            household="Familie Schäfer",
            address="Holzgasse 7, 53721 Siegburg",
            consent_date=date(2026, 1, 1),
            consent_scope="Aufnahme von Gästen",
        )
        InboundTrainee.update(letter_language="fr", host_family=family).where(
            InboundTrainee.id == trainee.id
        ).execute()
    return trainee.id


def test_hr_lists_previews_and_downloads_the_letters(client, login, guest):
    login("hanna")
    page = client.get(f"/gaeste/{guest}/briefe").text
    for kind in ("welcome", "programme", "certificate"):
        for language in ("fr", "de"):
            assert f"/gaeste/{guest}/briefe/{kind}/{language}/pdf" in page
    assert "(Französisch)" in page and "bitte prüfen" in page
    preview = client.get(f"/gaeste/{guest}/briefe/programme/fr")
    assert preview.status_code == 200 and '<html lang="fr">' in preview.text
    assert "Holzgasse 7" in preview.text and preview.headers["Cache-Control"] == "no-store"
    pdf = client.get(f"/gaeste/{guest}/briefe/certificate/de/pdf")
    assert pdf.data.startswith(b"%PDF") and pdf.headers["Content-Disposition"].startswith("attachment")


def test_city_admin_gets_the_letters_without_the_host_family(client, login, guest):
    login("claire")
    welcome = client.get(f"/gaeste/{guest}/briefe/welcome/de")
    assert welcome.status_code == 200 and "Lucie Gast" in welcome.text
    assert "Holzgasse" not in welcome.text and "Schäfer" not in welcome.text


@pytest.mark.parametrize("username", ["miguel", "anna", "root"])
@pytest.mark.parametrize("path", ["", "/welcome/fr", "/welcome/fr/pdf"])
def test_everybody_else_gets_404(client, login, guest, username, path):
    login(username)
    assert client.get(f"/gaeste/{guest}/briefe{path}").status_code == 404


@pytest.mark.parametrize("path", ["/welcome/pt", "/introduction/fr", "/certificate/xx/pdf"])
def test_letters_outside_the_guests_languages_are_404(client, login, guest, path):
    login("hanna")
    assert client.get(f"/gaeste/{guest}/briefe{path}").status_code == 404


def test_guest_letters_stay_off_the_applications_letters_page(client, login, make_application):
    application = make_application("anna", "nogent")
    login("hanna")
    page = client.get(f"/bewerbungen/{application.id}/briefe").text
    assert "Vorstellungsschreiben" in page and "Einladung und Willkommen" not in page
    assert client.get(f"/bewerbungen/{application.id}/briefe/welcome/fr").status_code == 404
