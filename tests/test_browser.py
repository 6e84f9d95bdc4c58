"""End to end in Debian's chromium: HR approves a trainee's application, she sees it; documents.

Runs against a real WSGI server on 127.0.0.1, once per database (the ``app`` fixture),
with an axe-core check on every page and after every htmx swap.
"""

import pytest
from playwright.sync_api import expect

from .browser import (
    assert_accessible,
    assert_no_reload,
    browser_page,
    chromium,
    goto,
    live_url,
    log_in,
    log_out,
    set_marker,
)

__all__ = ["browser_page", "chromium", "live_url"]  # fixtures used here


@pytest.mark.browser
def test_apply_approve_and_see_decision(browser_page, make_application):
    page = browser_page
    application_id = make_application("anna", "guarda").id  # the form itself: test_browser_apply.py

    # Anna finds her submitted application.
    log_in(page, "anna")
    page.get_by_role("navigation").get_by_role("link", name="Meine Bewerbungen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meine Bewerbungen")
    assert_accessible(page)
    page.get_by_role("link", name=f"Bewerbung {application_id}", exact=True).click()
    expect(page.locator("#status")).to_have_text("eingereicht")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Guarda")
    assert_accessible(page)
    application_url = page.url
    log_out(page)

    # Hanna approves it in the HR inbox with one click (htmx row swap).
    log_in(page, "hanna")
    expect(page.get_by_role("heading", level=1)).to_have_text("Eingang Personalamt")
    row = page.locator(f"#application-{application_id}")
    expect(row).to_contain_text("Anna Azubi")
    expect(row).to_contain_text("Guarda")
    expect(row).to_contain_text("eingereicht")
    approved = page.locator("span[data-status=approved]")
    approved_before = int(approved.inner_text())

    set_marker(page)
    row.get_by_role("button", name="Genehmigen").click()
    expect(row).to_contain_text("genehmigt")
    expect(row.get_by_role("button")).to_have_count(0)
    expect(approved).to_have_text(str(approved_before + 1))
    expect(page.locator("#live")).to_have_text(f"Bewerbung Nr. {application_id} genehmigt.")
    assert_no_reload(page)
    assert_accessible(page)
    log_out(page)

    # Anna sees the decision.
    log_in(page, "anna")
    page.get_by_role("link", name=f"Bewerbung {application_id}", exact=True).click()
    expect(page).to_have_url(application_url)
    expect(page.locator("#status")).to_have_text("genehmigt")
    assert_accessible(page)

    # She reads about Guarda on its city page.
    page.get_by_role("navigation").get_by_role("link", name="Partnerstädte").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Partnerstädte")
    assert_accessible(page)
    page.get_by_role("link", name="Guarda", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Guarda")
    holidays = page.get_by_role("table", name="Feiertage in Guarda")
    expect(holidays).to_contain_text("Dia do Município da Guarda")
    assert_accessible(page)


@pytest.mark.browser
def test_documents_checklist_with_htmx(browser_page, make_application, tmp_path):
    application = make_application(status="draft")
    cv = tmp_path / "Lebenslauf Jürgen.pdf"
    cv.write_bytes(b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n%%EOF\n")
    fake = tmp_path / "bild.pdf"
    fake.write_bytes(b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')
    page = browser_page
    log_in(page, "anna")
    goto(page, f"/bewerbungen/{application.id}")
    status = page.locator("#documents-status")
    item = page.locator("#document-cv")
    set_marker(page)

    item.get_by_label("Datei auswählen (Lebenslauf)", exact=True).set_input_files(cv)
    item.get_by_role("button", name="Hochladen (Lebenslauf)", exact=True).click()
    expect(status).to_have_text("„Lebenslauf Jürgen.pdf“ wurde gespeichert.")
    expect(item.get_by_role("link", name="Lebenslauf Jürgen.pdf")).to_be_visible()
    assert_no_reload(page)
    assert_accessible(page)

    item.get_by_label("Datei ersetzen (Lebenslauf)", exact=True).set_input_files(fake)
    item.get_by_role("button", name="Ersetzen (Lebenslauf)", exact=True).click()
    expect(status).to_contain_text("kein erlaubtes Format")
    expect(item.get_by_role("link", name="Lebenslauf Jürgen.pdf")).to_be_visible()
    assert_accessible(page)

    page.once("dialog", lambda dialog: dialog.accept())
    item.get_by_role("button", name="Löschen (Lebenslauf)", exact=True).click()
    expect(status).to_have_text("„Lebenslauf Jürgen.pdf“ wurde gelöscht.")
    expect(item).to_contain_text("Noch nicht hochgeladen.")
    assert_no_reload(page)
    assert_accessible(page)


@pytest.mark.browser
def test_the_app_serves_its_icon_and_keeps_the_footer_at_the_bottom(browser_page):
    page = browser_page
    goto(page, "/anmelden")  # a short page
    icon = page.evaluate("document.querySelector('link[rel=icon]')?.href")
    assert icon, "no icon: the browser asks for /favicon.ico and logs a 404"
    response = page.request.get(icon)
    assert response.status == 200 and response.headers["content-type"].startswith("image/svg+xml")
    footer = page.locator("footer").bounding_box()
    assert abs(footer["y"] + footer["height"] - page.viewport_size["height"]) <= 1, footer
