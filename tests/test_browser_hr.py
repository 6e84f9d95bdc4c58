"""HR in Debian's chromium, keyboard only: approve by one click, the budget widget follows;
reject with a reason typed into the inline form. axe-core after every htmx swap."""

import pytest
from babel.numbers import format_currency
from playwright.sync_api import expect

from intranet.models import Application
from intranet.platform.db import db

from .browser import (
    assert_accessible,
    assert_no_reload,
    browser_page,
    chromium,
    live_url,
    log_in,
    set_marker,
)
from .hrdata import account, set_budget

__all__ = ["browser_page", "chromium", "live_url"]  # fixtures shared with the trainee's browser test


FOCUSED_NAME = """() => {
  const e = document.activeElement;
  return e.getAttribute("aria-label") || e.textContent.trim();
}"""


def tab_to(page, name: str, limit: int = 80):
    """Press Tab until the focused element is called ``name`` (its aria-label or text)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(FOCUSED_NAME) == name:
            return
    raise AssertionError(f"{name!r} not reached by Tab")


@pytest.mark.browser
def test_hr_decides_by_keyboard_and_the_budget_follows(app, browser_page, make_application):
    first = make_application("anna", "nogent", weeks=8)
    second = make_application("ben", "guarda", weeks=9)
    with app.app_context(), db.connection_context():
        year = first.start_date.year
        set_budget(5000, year=year)
        estimate = Application.get_by_id(first.id).cost_estimate
        widget_row = f"#account-{account(year).id}"
    page = browser_page
    log_in(page, "hanna")
    page.goto("/personal/")
    assert_accessible(page)
    reserved = page.locator(f"{widget_row} [data-figure=reserved]")
    expect(reserved).to_have_text("0,00\xa0€")
    set_marker(page)

    tab_to(page, f"Genehmigen: Anna Azubi, Bewerbung {first.id}")
    page.keyboard.press("Enter")
    row = page.locator(f"#application-{first.id}")
    expect(row).to_contain_text("genehmigt")
    expect(page.locator("#live")).to_have_text(f"Bewerbung Nr. {first.id} genehmigt.")
    expect(reserved).to_have_text(format_currency(estimate, "EUR", locale="de_DE"))
    expect(page.locator(f"{widget_row} [data-figure=remaining]")).not_to_have_text("5.000,00\xa0€")
    assert_no_reload(page)
    assert_accessible(page)

    tab_to(page, f"Ablehnen: Ben Berger, Bewerbung {second.id}")
    page.keyboard.press("Enter")
    reason = page.get_by_label("Begründung der Ablehnung (wird der/dem Auszubildenden mitgeteilt)")
    expect(reason).to_be_focused()
    assert_accessible(page)
    page.keyboard.type("Für diesen Zeitraum sind alle Plätze vergeben.")
    page.keyboard.press("Tab")
    expect(page.locator(f"#application-{second.id}").get_by_role("button", name="Ablehnen")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(f"#application-{second.id}")).to_contain_text("abgelehnt")
    expect(page.locator("span[data-status=rejected]")).to_have_text("1")
    assert_no_reload(page)
    assert_accessible(page)


@pytest.mark.browser
def test_filters_keep_the_url_and_over_budget_form_is_accessible(app, browser_page, make_application):
    application = make_application("anna", "guarda", weeks=8)
    with app.app_context(), db.connection_context():
        set_budget(1, year=application.start_date.year)
    page = browser_page
    log_in(page, "hanna")
    page.goto("/personal/")
    set_marker(page)
    page.get_by_label("Partnerstadt").select_option(label="Guarda")
    expect(page).to_have_url("/personal/?status=open&city=guarda&year=&training_year=&track=&host=&q=")
    expect(page.locator(f"#application-{application.id}")).to_be_visible()
    page.locator(f"#application-{application.id}").get_by_role("button", name="Genehmigen").click()
    expect(page.locator(f"#application-{application.id}")).to_contain_text("Das Budget reicht nicht")
    expect(page.get_by_role("button", name="Trotzdem genehmigen")).to_be_visible()
    assert_no_reload(page)
    assert_accessible(page)
    for path in (
        "/personal/auszubildende/",
        "/personal/budget/",
        "/personal/buchungen/",
        "/personal/protokoll/",
    ):
        page.goto(path)
        assert_accessible(page)
