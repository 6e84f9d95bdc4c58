"""HR registers a guest by keyboard in chromium: live checks, rotation by proposal, axe-core clean."""

import pytest
from playwright.sync_api import expect

from intranet.inbound import siegburg
from intranet.platform.db import db

from .browser import (
    assert_accessible,
    assert_no_reload,
    browser_page,
    chromium,
    goto,
    live_url,
    log_in,
    set_marker,
)

__all__ = ["browser_page", "chromium", "live_url"]


def type_into(page, label: str, text: str) -> None:
    """Focus a field by its label and type like a person."""
    page.get_by_label(label, exact=True).focus()
    page.keyboard.type(text)


@pytest.mark.browser
def test_hr_registers_a_guest_with_live_checks_and_plans_the_rotation(app, browser_page, people):
    with app.test_request_context(), db.connection_context():
        for name in ("Bürgerbüro", "Ordnungsamt", "Kämmerei"):
            siegburg.save_department(people["hanna"], None, {"name": name, "capacity": 1, "active": True})
    page = browser_page
    log_in(page, "hanna")
    page.get_by_role("link", name="Gäste in Siegburg").click()
    expect(page.locator(".empty")).to_contain_text("Keine Gäste")
    assert_accessible(page)
    page.get_by_role("link", name="Gast anmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Gast anmelden")
    assert_accessible(page)

    page.get_by_label("Partnerstadt").select_option("nogent")
    type_into(page, "Vorname *", "Lucie")
    page.keyboard.press("Tab")
    page.keyboard.type("Fontaine")
    type_into(page, "Heimatverwaltung *", "Mairie de Nogent-sur-Marne")
    page.keyboard.press("Tab")
    page.keyboard.type("Rédacteur territorial")
    page.locator("#languages-0-language").select_option("fr")
    page.locator("#languages-0-level").select_option("C2")
    page.get_by_label("Sprache der Briefe (neben Deutsch)").select_option("fr")
    set_marker(page)
    page.get_by_label("Erster Tag in der Verwaltung").fill("2027-05-18")
    page.get_by_label("Letzter Tag in der Verwaltung").fill("2027-05-27")
    expect(page.locator("#end_date-checks")).to_contain_text("Der Aufenthalt dauert 10 Tage")
    page.get_by_label("Letzter Tag in der Verwaltung").fill("2027-06-04")
    expect(page.locator("#end_date-checks")).to_be_empty()
    expect(page.locator("#general-checks")).to_contain_text("Fronleichnam")
    expect(page.locator("#general-checks")).to_contain_text("13 Arbeitstage")
    page.get_by_label("Anreise").fill("2027-05-19")
    expect(page.locator("#arrival-checks")).to_contain_text("spätestens am ersten Tag")
    assert_accessible(page)
    page.get_by_label("Anreise").fill("2027-05-17")
    expect(page.locator("#arrival-checks")).to_be_empty()
    page.get_by_label("Abreise").fill("2027-06-05")
    assert_no_reload(page)
    type_into(page, "Mentorin oder Mentor in Siegburg", "Frau Weber")
    page.get_by_role("button", name="Speichern", exact=True).press("Enter")

    expect(page.locator("#flash")).to_contain_text("Gast Lucie Fontaine gespeichert")
    expect(page.get_by_role("heading", level=1)).to_have_text("Lucie Fontaine")
    expect(page.locator(".findings")).to_contain_text("Fronleichnam")
    assert_accessible(page)
    set_marker(page)
    page.get_by_role("button", name="Vorschlag für die offenen Wochen übernehmen").press("Enter")
    expect(page.locator("#rotation-status")).to_have_text("3 Wochen nach Vorschlag geplant.")
    expect(page.locator("#rotation tbody")).not_to_contain_text("Vorschlag")
    assert_no_reload(page)
    assert_accessible(page)

    goto(page, "/gaeste/")
    expect(page.get_by_role("link", name="Lucie Fontaine")).to_be_visible()
    for path in (
        "/personal/siegburg/abteilungen",
        "/personal/siegburg/schliesstage",
        "/stadtverwaltung/siegburg/gastfamilien/",
    ):
        goto(page, path)
