"""The calendar in Debian's chromium: month grid, city filter swapped by htmx, timeline, feed addresses;
axe-core on every state."""

import re

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
    set_marker,
)
from .test_calendar import seeded

__all__ = ["browser_page", "chromium", "live_url", "seeded"]


@pytest.mark.browser
def test_hr_filters_the_calendar_by_city_and_subscribes(browser_page, seeded):
    page = browser_page
    log_in(page, "hanna")
    goto(page, "/kalender/?monat=2027-03")
    expect(page.get_by_role("heading", level=2, name="März 2027")).to_be_visible()
    calendar = page.locator("#calendar")
    expect(calendar).to_contain_text("Anna Azubi")
    expect(calendar).to_contain_text("João Gast")

    set_marker(page)
    page.get_by_label("Partnerstadt").select_option("guarda")
    expect(calendar).not_to_contain_text("Anna Azubi")
    expect(calendar).to_contain_text("Ben Berger")
    expect(page.get_by_role("status").filter(has_text="Aufenthalte")).to_contain_text("2 Aufenthalte")
    assert_no_reload(page)
    assert "stadt=guarda" in page.url
    assert_accessible(page)

    page.get_by_label("Ansicht").select_option("zeitachse")
    expect(page.get_by_role("columnheader", name="Zeitraum")).to_be_visible()
    expect(page.get_by_role("rowheader", name="João Gast")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Folgemonat").click()
    expect(page.get_by_role("heading", level=2, name="April 2027")).to_be_visible()
    expect(page.get_by_label("Partnerstadt")).to_have_value("guarda")
    assert_accessible(page)

    page.get_by_role("link", name="Kalender abonnieren").click()
    page.locator("#scope").select_option(label="Alle Aufenthalte: Guarda")
    page.get_by_role("button", name="Adresse erstellen").click()
    expect(page.get_by_role("textbox", name="Kalender-Adresse")).to_have_value(
        re.compile(r"/kalender/feed/[A-Za-z0-9_-]{43}\.ics$")
    )
    assert_accessible(page)
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Widerrufen").click()
    expect(page.locator("#flash")).to_contain_text("widerrufen")
    assert_accessible(page)
