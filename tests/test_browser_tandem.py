"""HR in Debian's chromium: pick a guest's best tandem suggestion by keyboard, record the host-family swap;
axe-core in every state."""

from datetime import date

import pytest
from playwright.sync_api import expect

from .browser import assert_accessible, browser_page, chromium, goto, live_url, log_in
from .exchangedata import guest, run, stay

__all__ = ["browser_page", "chromium", "live_url"]

YEAR = date.today().year + 1


@pytest.mark.browser
def test_hr_forms_a_tandem_from_the_top_suggestion_by_keyboard(app, browser_page, people):
    run(app, stay, people["ben"], "nogent", date(YEAR, 9, 7), date(YEAR, 9, 20))  # other track: second
    run(app, stay, people["anna"], "nogent", date(YEAR, 5, 4), date(YEAR, 5, 17))
    inbound = run(app, guest, "nogent", date(YEAR, 6, 1), date(YEAR, 6, 12))
    page = browser_page
    log_in(page, "hanna")
    goto(page, f"/tandems/gast/{inbound.id}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Tandem für Léa Martin")
    assert_accessible(page)

    top = page.get_by_role("button", name="Wählen: Anna Azubi")
    top.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Tandem mit Anna Azubi bilden")).to_be_visible()
    assert_accessible(page)

    page.get_by_label("Gastfamilien-Tausch").focus()
    page.keyboard.press("Space")
    page.get_by_label("Haushalt").fill("Familie Azubi")
    page.get_by_label("Anschrift").fill("Holzgasse 1, 53721 Siegburg")
    page.get_by_label("Einwilligung erteilt am").fill(f"{YEAR - 1}-11-02")
    page.get_by_role("button", name="Tandem bilden").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("wozu der Haushalt eingewilligt")
    expect(page.get_by_label("Haushalt")).to_have_value("Familie Azubi")
    assert_accessible(page)

    page.get_by_label("Umfang der Einwilligung").fill("Aufnahme des Gastes, Speicherung der Daten")
    page.get_by_role("button", name="Tandem bilden").press("Enter")
    region = page.locator("#tandem-region")
    expect(region).to_contain_text("Léa Martin bildet ein Tandem mit Anna Azubi")
    expect(region).to_contain_text("Gastfamilien-Tausch: Der Gast wohnt im Haushalt von Anna Azubi")
    assert_accessible(page)

    goto(page, "/tandems/")
    expect(page.get_by_role("table")).to_contain_text("Léa Martin")
    assert_accessible(page)
