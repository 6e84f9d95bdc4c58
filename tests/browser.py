"""Browser tests' shared parts: one chromium per module, the app on a live server, axe-core and helpers.

Test modules import the fixtures they use from here (``chromium``, ``live_url``, ``browser_page``).
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from .conftest import PASSWORD
from .live_server import live_server

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 10_000


@pytest.fixture(scope="module")
def chromium():
    """One chromium for the module (both database parametrisations share it)."""
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture
def live_url(app, people):
    """The app (with the test users) served on a free port."""
    with live_server(app) as url:
        yield url


@pytest.fixture
def browser_page(chromium, live_url):
    """A fresh German browser context per test, closed before the server stops."""
    context = chromium.new_context(locale="de-DE", base_url=live_url)
    context.set_default_timeout(TIMEOUT_MS)
    expect.set_options(timeout=TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()


def assert_accessible(page):
    """axe-core on the current DOM: no violations at all."""
    results = Axe().run(page)
    assert results.violations_count == 0, f"{page.url}\n{results.generate_report()}"


def goto(page, path):
    page.goto(path)
    assert_accessible(page)


def log_in(page, username):
    goto(page, "/anmelden")
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    expect(page.get_by_role("button", name="Abmelden")).to_be_visible()
    assert_accessible(page)


def log_out(page):
    page.get_by_role("button", name="Abmelden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Anmelden")
    expect(page.locator("#flash")).to_contain_text("abgemeldet")
    assert_accessible(page)


def set_marker(page):
    """A JS global that only survives as long as no full page load happens."""
    page.evaluate("window.__marker = 1")


def assert_no_reload(page):
    assert page.evaluate("window.__marker") == 1, "the page was reloaded instead of swapped by htmx"
