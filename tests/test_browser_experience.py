"""The experience report in Debian's chromium: the trainee writes and submits it by keyboard, HR accepts it;
axe-core on every state (form, errors, report, HR list, Europass data)."""

import pytest
from playwright.sync_api import expect

from intranet.reports.experience import GOALS

from .browser import assert_accessible, browser_page, chromium, goto, live_url, log_in, log_out
from .experiencedata import TEXT, ended_stay

__all__ = ["browser_page", "chromium", "live_url"]


@pytest.mark.browser
def test_trainee_writes_the_report_by_keyboard_and_hr_accepts(app, browser_page, people):
    application = ended_stay(app, people["anna"], "nogent")
    page = browser_page
    log_in(page, "anna")
    goto(page, "/bewerbungen/")
    page.get_by_role("link", name="Erfahrungsbericht schreiben").press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Erfahrungsbericht: Nogent-sur-Marne")
    assert_accessible(page)

    page.locator("#rating-administration-1").focus()
    for steps, (key, _label) in enumerate(GOALS, start=1):
        page.keyboard.press("Space")  # the group's first button, then move up the scale
        for _ in range(steps):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")
        page.keyboard.type(f"{TEXT} ({key})")
        page.keyboard.press("Tab")
    expect(page.locator("#summary")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Bericht einreichen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#summary-error")).to_contain_text("mindestens 50 Zeichen")
    expect(page.locator("#rating-host_family-5")).to_be_checked()  # kept through the error round
    assert_accessible(page)

    page.get_by_role("link", name="Bitte fassen Sie Ihren Aufenthalt").press("Enter")
    page.locator("#summary").focus()
    page.keyboard.type("Ein gelungener Austausch, den ich allen Auszubildenden sehr empfehle.")
    page.get_by_role("button", name="Bericht einreichen").press("Enter")
    expect(page.locator("#flash")).to_contain_text("Bericht eingereicht")
    expect(page.locator("#report-status")).to_have_text("eingereicht, wartet auf Prüfung")
    assert_accessible(page)
    log_out(page)

    log_in(page, "hanna")
    goto(page, "/personal/berichte")
    page.get_by_role("link", name="Anna Azubi").click()
    page.get_by_role("button", name="Bericht annehmen und Aufenthalt abschließen").press("Enter")
    expect(page.locator("#flash")).to_contain_text("Teilnahmebescheinigung ausgestellt")
    expect(page.locator("#report-status")).to_have_text("angenommen")
    assert_accessible(page)
    goto(page, f"/bewerbungen/{application.id}")
    expect(page.get_by_role("link", name="Attestation de stage / Teilnahmebescheinigung")).to_be_visible()
    page.get_by_role("link", name="Daten für den Europass Mobilität").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Europass Mobilität")
    assert_accessible(page)
    goto(page, "/personal/berichte")
    expect(page.get_by_text("Keine Berichte warten auf Prüfung.")).to_be_visible()
