"""In chromium: the HTMX application form with live checks, and the same flow with JavaScript off.

Selçuk is picked → its passport fields and documents appear; 10 days → the duration error
appears next to the dates; fixed, saved, documents uploaded, submitted → status page.
axe-core runs in every state (without JavaScript on a copy of the page's DOM).
"""

from datetime import timedelta
from pathlib import Path

import pytest
from playwright.sync_api import expect

import intranet

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
from .conftest import future_period

__all__ = ["browser_page", "chromium", "live_url"]  # fixtures used here

SELCUK_DOCUMENTS = ["cv", "motivation_letter", "release", "private_health_insurance", "id_document_copy"]


def fill_stay(page, start, end):
    page.get_by_label("Beginn des Aufenthalts").fill(start.isoformat())
    page.get_by_label("Ende des Aufenthalts").fill(end.isoformat())


def fill_selcuk(page, end):
    page.get_by_label("Ausweisdokument für die Einreise").select_option(label="Reisepass")
    page.get_by_label("Nummer des Ausweisdokuments").fill("U1234567")
    page.get_by_label("Ausweisdokument gültig bis").fill((end + timedelta(days=400)).isoformat())
    page.get_by_label("Türkischkenntnisse").select_option("A2")
    page.get_by_label("Motivation").fill("Ich möchte die Stadtverwaltung von Selçuk kennenlernen.")


def upload_documents(page, pdf, check):
    for key in SELCUK_DOCUMENTS:
        item = page.locator(f"#document-{key}")
        item.locator("input[type=file]").set_input_files(pdf)
        item.get_by_role("button", name="Hochladen").click()
        expect(item.get_by_role("link", name=pdf.name)).to_be_visible()
    check(page)


def submit_and_see_status(page, check):
    expect(page.locator("#before-submit-title")).to_be_visible()
    page.get_by_role("button", name="Einreichen", exact=True).click()
    expect(page.locator("#status")).to_have_text("eingereicht")
    expect(page.locator("#flash")).to_contain_text("Bewerbung eingereicht")
    check(page)


@pytest.fixture
def pdf(tmp_path):
    path = tmp_path / "nachweis.pdf"
    path.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    return path


@pytest.mark.browser
def test_apply_with_live_checks(browser_page, pdf):
    page = browser_page
    start, end = future_period(weeks=10, days=14)
    log_in(page, "anna")
    goto(page, "/bewerbungen/neu")
    set_marker(page)

    page.get_by_role("combobox", name="Partnerstadt").select_option(label="Selçuk (Türkei)")
    panel = page.locator("#city-panel")
    expect(panel.get_by_label("Ausweisdokument für die Einreise")).to_be_visible()
    expect(panel.get_by_label("Ausweisdokument gültig bis")).to_be_visible()
    expect(panel).to_contain_text("Kopie von Reisepass oder Personalausweis")
    assert_no_reload(page)
    assert_accessible(page)

    fill_stay(page, start, start + timedelta(days=9))
    checks = page.locator("#end_date-checks")
    expect(checks).to_contain_text("Der Aufenthalt dauert 10 Tage; erlaubt sind 14 bis 21 Tage")
    expect(page.get_by_label("Ende des Aufenthalts")).to_be_focused()  # the check did not steal focus
    assert_no_reload(page)
    assert_accessible(page)

    fill_stay(page, start, end)
    expect(checks).not_to_contain_text("Der Aufenthalt dauert")
    fill_selcuk(page, end)
    assert_no_reload(page)
    assert_accessible(page)

    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.locator("#status")).to_have_text("Entwurf")
    expect(page.locator("#before-submit-title")).to_be_visible()
    expect(page.get_by_role("link", name="Unterlage fehlt: Lebenslauf")).to_be_visible()
    assert_accessible(page)
    upload_documents(page, pdf, assert_accessible)
    submit_and_see_status(page, assert_accessible)


@pytest.fixture
def no_js_page(chromium, live_url):
    """A browser context with JavaScript disabled, and a checker page that runs axe on its DOM."""
    context = chromium.new_context(locale="de-DE", base_url=live_url, java_script_enabled=False)
    checker_context = chromium.new_context(locale="de-DE")
    page, checker = context.new_page(), checker_context.new_page()
    # the copy gets the real stylesheet (colour contrast) but never touches the server
    css = Path(intranet.__file__).parent / "static" / "app.css"
    checker.route("**/*.css", lambda route: route.fulfill(path=css, content_type="text/css"))
    checker.route("**/*.js", lambda route: route.abort())

    def check(current):
        # axe needs JavaScript: run it on a copy of the no-JS page, styles loaded from the server
        checker.set_content(current.content().replace("<head>", f'<head><base href="{live_url}/">', 1))
        assert_accessible(checker)

    try:
        yield page, check
    finally:
        context.close()
        checker_context.close()


@pytest.mark.browser
def test_apply_without_javascript(no_js_page, pdf):
    page, check = no_js_page
    start, end = future_period(weeks=12, days=14)
    page.goto("/anmelden")
    page.get_by_label("Benutzername").fill("anna")
    page.get_by_label("Passwort").fill("geheim-123")
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.goto("/bewerbungen/neu")
    check(page)

    page.get_by_role("combobox", name="Partnerstadt").select_option(label="Selçuk (Türkei)")
    fill_stay(page, start, start + timedelta(days=9))
    page.get_by_role("button", name="Stadt übernehmen und Angaben prüfen").click()
    expect(page.locator("#city-panel").get_by_label("Ausweisdokument für die Einreise")).to_be_visible()
    expect(page.locator("#end_date-checks")).to_contain_text("Der Aufenthalt dauert 10 Tage")
    expect(page.get_by_label("Beginn des Aufenthalts")).to_have_value(start.isoformat())
    check(page)

    fill_stay(page, start, end)
    fill_selcuk(page, end)
    page.get_by_role("button", name="Stadt übernehmen und Angaben prüfen").click()
    expect(page.locator("#end_date-checks")).not_to_contain_text("Der Aufenthalt dauert")
    page.get_by_role("button", name="Als Entwurf speichern").click()
    expect(page.locator("#status")).to_have_text("Entwurf")
    check(page)
    upload_documents(page, pdf, check)
    submit_and_see_status(page, check)

    page.get_by_role("link", name="Zurückziehen …").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("zurückziehen?")
    check(page)
    page.get_by_role("button", name="Ja, zurückziehen").click()
    expect(page.locator("#status")).to_have_text("zurückgezogen")


def type_date(page, field, day):
    """Type a date into a focused date field digit by digit, in the segment order the browser shows."""
    for order in ("%m%d%Y", "%d%m%Y", "%Y%m%d"):  # the order follows chromium's own locale, not the page's
        field.focus()
        page.keyboard.type(day.strftime(order))
        if field.input_value() == day.isoformat():
            return
    raise AssertionError(f"could not type {day} into {field}")


@pytest.mark.browser
def test_apply_by_keyboard_alone(browser_page, pdf):
    page = browser_page
    start, end = future_period(weeks=14, days=14)
    log_in(page, "anna")
    goto(page, "/bewerbungen/neu")
    city = page.get_by_role("combobox", name="Partnerstadt")
    city.focus()
    page.keyboard.type("Nogent")  # a closed select picks the option whose label starts so
    expect(page.locator("#city-panel").get_by_label("Französischkenntnisse")).to_be_visible()
    expect(city).to_be_focused()  # the swap of the city's panel leaves the focus where it was
    page.keyboard.press("Tab")
    expect(page.get_by_label("Beginn des Aufenthalts")).to_be_focused()
    type_date(page, page.get_by_label("Beginn des Aufenthalts"), start)
    type_date(page, page.get_by_label("Ende des Aufenthalts"), end)
    page.get_by_label("Motivation").focus()
    page.keyboard.type("Ich möchte das Standesamt in Nogent-sur-Marne kennenlernen.")
    page.get_by_label("Französischkenntnisse").focus()
    page.keyboard.type("B1")
    page.get_by_role("button", name="Als Entwurf speichern").press("Enter")
    expect(page.locator("#status")).to_have_text("Entwurf")
    assert_accessible(page)

    items = page.locator("#checklist li:has(input[type=file])").all()
    assert items, "no document to upload"
    for item in items:
        with page.expect_file_chooser() as chooser:
            item.locator("input[type=file]").press("Space")  # opens the file dialog, as a keyboard user does
        chooser.value.set_files(pdf)
        item.get_by_role("button", name="Hochladen").press("Enter")
        expect(item.get_by_role("link", name=pdf.name)).to_be_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Einreichen", exact=True).press("Enter")
    expect(page.locator("#status")).to_have_text("eingereicht")
    assert_accessible(page)
