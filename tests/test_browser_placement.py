"""The city admin in Debian's chromium: enter a host family, match and place a trainee by keyboard; axe-core
on every city-admin page."""

from datetime import timedelta

import pytest
from playwright.sync_api import expect

from intranet.outbound import workflow
from intranet.platform.db import db

from .browser import assert_accessible, browser_page, chromium, goto, live_url, log_in

__all__ = ["browser_page", "chromium", "live_url"]  # fixtures shared with the trainee's browser test


@pytest.mark.browser
def test_city_admin_enters_a_family_and_places_a_trainee(app, browser_page, make_application, people):
    application = make_application("anna", "nogent")
    with app.test_request_context(), db.connection_context():
        application = workflow.decide(people["hanna"], application, "approve")
    page = browser_page
    log_in(page, "claire")
    goto(page, "/stadtverwaltung/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Stadtverwaltung Nogent-sur-Marne")

    goto(page, "/stadtverwaltung/nogent/gastfamilien/neu")
    page.get_by_label("Haushalt").fill("Famille Lefèvre-Çelik")
    page.get_by_label("Französisch").check()
    page.get_by_label("Einwilligung erteilt am").fill("2026-01-15")
    page.get_by_label("Umfang der Einwilligung").fill("Speicherung und Weitergabe an Praktikanten")
    page.get_by_role("button", name="Eintragen").click()
    expect(page.locator("#flash")).to_contain_text("eingetragen")
    assert_accessible(page)
    page.locator("#start_date").fill(str(application.start_date - timedelta(days=7)))
    page.locator("#end_date").fill(str(application.end_date + timedelta(days=7)))
    page.get_by_role("button", name="Zeitraum hinzufügen").click()
    expect(page.locator("#flash")).to_contain_text("Zeitraum hinzugefügt")
    assert_accessible(page)

    goto(page, "/stadtverwaltung/nogent/")
    page.get_by_role("link", name="Anna Azubi", exact=False).first.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Vermittlung: Anna Azubi")
    assert_accessible(page)
    family = page.get_by_label("Famille Lefèvre-Çelik")
    family.focus()
    page.keyboard.press("Space")
    expect(family).to_be_checked()
    page.keyboard.press("Tab")
    page.keyboard.type("Service de l'état civil")
    page.keyboard.press("Tab")
    page.keyboard.type("Zoé Lefèvre")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Funktion der betreuenden Person")).to_be_focused()
    page.keyboard.type("Cheffe de service")
    page.keyboard.press("Tab")
    expect(page.get_by_label("E-Mail der betreuenden Person")).to_be_focused()
    # the dates are the stay's already; Tab would walk through their day, month and year segments
    page.get_by_label("Reise ist gebucht").focus()
    page.keyboard.press("Space")
    expect(page.get_by_label("Reise ist gebucht")).to_be_checked()
    page.get_by_role("button", name="Vermitteln und benachrichtigen").press("Enter")
    expect(page.locator("#flash")).to_contain_text("Vermittelt: Anna Azubi")
    expect(page.get_by_role("region", name="Kommende Aufenthalte")).to_contain_text("Service de l'état civil")
    assert_accessible(page)

    for path in ("daten/", "plugin", "gastfamilien/"):
        goto(page, "/stadtverwaltung/nogent/" + path)
