"""HR reads the committee report in Debian's chromium: reached from the HR menu, another year chosen by
keyboard, axe-core clean on the report, the empty year and the printed page."""

import pytest
from playwright.sync_api import expect

from .browser import assert_accessible, browser_page, chromium, goto, live_url, log_in
from .committeedata import YEAR, seed
from .exchangedata import run

__all__ = ["browser_page", "chromium", "live_url"]


@pytest.mark.browser
def test_hr_reads_and_prints_the_committee_report(app, people, browser_page):
    run(app, seed, people)
    page = browser_page
    log_in(page, "hanna")
    goto(page, "/personal/")
    page.get_by_role("navigation", name="Personalamt").get_by_role("link", name="Ausschussbericht").click()
    expect(page.get_by_role("link", name="Ausschussbericht")).to_have_attribute("aria-current", "page")

    year = page.get_by_label("Berichtsjahr")
    year.fill(str(YEAR))
    year.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Bericht an den Ausschuss {YEAR}")
    chart = page.get_by_role("img", name="Entsandte Auszubildende nach Partnerstadt")
    expect(chart).to_be_visible()
    expect(page.locator("#table-austausch tfoot")).to_contain_text("68")
    assert_accessible(page)

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.locator("form.filters")).to_be_hidden()
    expect(chart).to_be_visible()
    assert_accessible(page)
    page.emulate_media(media="screen")

    year.fill("2044")
    year.press("Enter")
    expect(page.locator(".empty")).to_contain_text("Für 2044 gibt es keine Zahlen")
    assert_accessible(page)
