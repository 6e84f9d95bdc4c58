"""axe-core over every page of the url_map for every role that may see it, plus the htmx states the
feature tests leave out (application form with errors after an htmx save, placement with a suggestion
chosen and errors shown).

The pages come from ``app.url_map`` filled with the objects of ``tests/world.py``; a role "may see" a
page when the app answers it 200 with HTML (tests/test_access_matrix.py proves those answers are the
intended ones). Downloads are told apart by their content type and listed in DOWNLOADS. SQLite only:
the pages render the same on PostgreSQL, which the rest of the suite covers.
"""

import pytest
from playwright.sync_api import expect

from . import world as sweep
from .browser import TIMEOUT_MS, assert_accessible, chromium, log_in
from .conftest import PASSWORD
from .live_server import live_server
from .world import ROLES, enter

__all__ = ["chromium"]  # fixture used here

module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture
pytestmark = [
    pytest.mark.browser,
    pytest.mark.parametrize("module_app", ["sqlite"], indirect=True, scope="module"),
]

#: GET endpoints that are files, not pages (told apart by content type), and the types they send
DOWNLOADS = {
    "documents.download": "application/pdf",
    "letters.pdf": "application/pdf",
    "letters.download": "application/pdf",
    "inbound_letters.pdf": "application/pdf",
    "hr_committee.export": "application/pdf",
    "hr_costs.export": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "hr_audit.export": "text/csv",
    "hr_erasmus.export_xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: GET endpoints that are no page of their own for any role in the world, and why
UNSEEN = {
    "main.index": "redirects to the role's start page",
    "hr_erasmus.export": "refused (422) while the world has no OIDs; read back in tests/test_erasmus.py",
    "hr.row": "an htmx row of the inbox; without htmx a redirect to the inbox",
    "europass.detail": "only for completed stays (tests/test_europass.py)",
    "europass.data": "JSON download of a completed stay",
    "europass.workbook": "XLSX download of a completed stay",
    "calendar.feed": "ICS download behind a secret token (tests/test_calendar.py)",
}
SKIPPED = {"static", "htmx.static"}


def get_rules(app):
    """endpoint → rule for every GET rule but static files."""
    return {
        rule.endpoint: rule
        for rule in app.url_map.iter_rules()
        if "GET" in rule.methods and rule.endpoint not in SKIPPED
    }


@pytest.fixture(name="survey", scope="module")
def survey_fixture(world):
    """role → [(endpoint, url)] of its HTML pages (answered 200), and endpoint → content type of downloads."""
    enter(world)
    pages, downloads = {role: [] for role in ROLES}, {}
    urls = {
        e: sweep.url_of_rule(world, r, **sweep.PARAMS.get(e, {})) for e, r in get_rules(world["app"]).items()
    }
    for role in ROLES:
        client = world["app"].test_client()
        sweep.log_in(client, role)
        for endpoint, url in urls.items():
            response = client.get(url)
            if response.status_code != 200:
                continue
            if response.mimetype == "text/html":
                pages[role].append((endpoint, url))
            else:
                downloads[endpoint] = response.mimetype
    return pages, downloads


@pytest.fixture(name="world_url", scope="module")
def world_url_fixture(world):
    """The world's app on a live server for the whole module."""
    enter(world)
    with live_server(world["app"]) as url:
        yield url


def test_every_get_endpoint_is_a_page_a_download_or_unseen(world, survey):
    pages, downloads = survey
    seen = {endpoint for found in pages.values() for endpoint, _ in found}
    assert downloads == DOWNLOADS
    assert set(get_rules(world["app"])) - seen - set(downloads) == set(UNSEEN)


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_the_role_is_accessible(chromium, world, survey, world_url, role):
    pages, _ = survey
    context = chromium.new_context(locale="de-DE", base_url=world_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    failures = []
    try:
        if ROLES[role]:
            log_in(page, ROLES[role])
        for endpoint, url in pages[role]:
            page.goto(url)
            try:
                assert_accessible(page)
            except AssertionError as error:
                failures.append(f"{endpoint}: {error}")
    finally:
        context.close()
    assert pages[role], f"{role} sees no page at all"
    assert not failures, "\n\n".join(failures)


def test_application_form_with_errors_after_an_htmx_save(chromium, world_url):
    page = role_page(chromium, world_url, "anna")
    page.goto("/bewerbungen/neu")
    page.get_by_role("combobox", name="Partnerstadt").select_option(label="Nogent-sur-Marne (Frankreich)")
    expect(page.locator("#city-panel")).to_contain_text("Nogent")
    page.get_by_label("Beginn des Aufenthalts").fill("2026-02-30")
    page.get_by_role("button", name="Als Entwurf speichern").press("Enter")
    expect(page.locator(".flash-error, .error").first).to_be_visible()
    assert_accessible(page)
    page.context.close()


def test_placement_with_a_suggestion_chosen_and_errors_shown(chromium, world, world_url):
    page = role_page(chromium, world_url, "claire")
    page.goto(sweep.url_of_rule(world, get_rules(world["app"])["cityadmin.place"]))
    family = page.locator(".suggestions input[type=radio]").first
    family.focus()
    page.keyboard.press("Space")
    expect(family).to_be_checked()
    assert_accessible(page)
    page.get_by_label("Abteilung").fill("")
    page.get_by_role("button", name="Vermittlung speichern").press("Enter")
    expect(page.get_by_role("alert").first).to_contain_text("Bitte prüfen Sie")
    assert_accessible(page)
    page.context.close()


def role_page(chromium, base_url, username):
    """A fresh context logged in as ``username``."""
    context = chromium.new_context(locale="de-DE", base_url=base_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    log_in(page, username)
    return page


#: the phone widths the header and the pages must fit without sideways scrolling
PHONE = {"width": 390, "height": 844}
NARROWEST = {"width": 320, "height": 640}


@pytest.mark.parametrize("role", list(ROLES))
def test_every_page_of_the_role_fits_a_phone(chromium, survey, world_url, role):
    pages, _ = survey
    context = chromium.new_context(locale="de-DE", base_url=world_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    widths = {}
    try:
        if ROLES[role]:
            log_in(page, ROLES[role])  # on a wide screen: the helper expects the logout button in sight
        page.set_viewport_size(PHONE)
        for _endpoint, url in pages[role]:
            page.goto(url)
            widths[url] = page.evaluate("document.documentElement.scrollWidth")
    finally:
        context.close()
    too_wide = {url: width for url, width in widths.items() if width > PHONE["width"]}
    assert widths and not too_wide, f"wider than {PHONE['width']} px: {too_wide}"


@pytest.mark.parametrize("viewport", [NARROWEST, PHONE], ids=["320", "390"])
def test_the_menu_folds_away_on_a_phone_without_javascript(chromium, world_url, viewport):
    context = chromium.new_context(
        locale="de-DE", base_url=world_url, viewport=viewport, java_script_enabled=False
    )
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        # HR has the most menu entries; logged in by hand: the axe helper needs JavaScript
        page.goto("/anmelden")
        page.get_by_label("Benutzername").fill("hanna")
        page.get_by_label("Passwort").fill(PASSWORD)
        page.get_by_role("button", name="Anmelden", exact=True).click()
        expect(page.get_by_role("heading", level=1)).not_to_have_text("Anmelden")
        inbox = page.get_by_role("link", name="Eingang Personalamt")
        expect(inbox).to_be_hidden()
        header = page.locator(".site-header").bounding_box()
        assert header["height"] <= 90, header
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        page.locator(".site-header summary").click()
        expect(inbox).to_be_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        inbox.click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Eingang")
    finally:
        context.close()


def test_the_menu_is_open_on_a_wide_screen(chromium, world_url):
    page = role_page(chromium, world_url, "hanna")
    expect(page.locator(".site-header summary")).to_be_hidden()
    expect(page.get_by_role("link", name="Eingang Personalamt")).to_be_visible()
    page.context.close()
