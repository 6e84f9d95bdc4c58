"""Data protection pages in Debian's chromium: search as you type (htmx), the processing record, Meine Daten;
axe-core on each."""

import pytest
from playwright.sync_api import expect

from .browser import assert_accessible, browser_page, chromium, goto, live_url, log_in, log_out

__all__ = ["browser_page", "chromium", "live_url"]


@pytest.mark.browser
def test_hr_searches_a_person_reads_the_record_and_a_trainee_downloads_her_data(browser_page):
    page = browser_page
    log_in(page, "hanna")
    page.get_by_role("link", name="Datenschutz").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Datenschutz")
    page.wait_for_load_state()  # htmx (deferred) listens for input only once the page has loaded
    page.get_by_label("Name, Benutzername oder E-Mail").press_sequentially("Berg")
    expect(page.locator("#results")).to_contain_text("Ben Berger (ben)")
    assert_accessible(page)
    goto(page, "/datenschutz/verzeichnis")
    expect(page.locator("#recipient-selcuk")).to_contain_text("Drittland ohne Angemessenheitsbeschluss")
    log_out(page)
    log_in(page, "anna")
    page.get_by_role("link", name="Meine Daten").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("button", name="Meine Daten herunterladen").click()
    assert download.value.suggested_filename.startswith("meine-daten-")
