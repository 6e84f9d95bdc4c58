"""Selçuk's host administration in Debian's chromium: its link in Turkish, a proposal by keyboard,
Siegburg takes it over, the trainee sees it; the partner pages in every language with axe-core, and
without JavaScript."""

from datetime import timedelta

import pytest
from flask_babel import force_locale, gettext
from playwright.sync_api import expect

from intranet.hostfamilies import households
from intranet.models import User
from intranet.outbound import workflow
from intranet.partners import links
from intranet.people.users import create_user
from intranet.placement import placing
from intranet.platform.db import db

from .browser import TIMEOUT_MS, assert_accessible, browser_page, chromium, goto, live_url, log_in, log_out
from .test_hostfamilies import FAMILY

__all__ = ["browser_page", "chromium", "live_url"]


def selcuk_stay(app, make_application, people, password_hash):
    """Anna's stay in Selçuk, placed; its city admin; a Turkish link for the Belediye: (stay, token)."""
    application = make_application("anna", "selcuk")
    hanna = people["hanna"]
    with app.test_request_context(), db.connection_context():
        admin = create_user("murat", "Murat Keskin", "murat@example.org", ("city_admin",), ("selcuk",))
        User.update(password_hash=password_hash).where(User.id == admin.id).execute()
        application = workflow.decide(hanna, application, "approve")
        family = households.create(
            admin, "selcuk", {**FAMILY, "household": "Aile Demir", "languages": ["tr"]}
        )
        start, end = application.start_date, application.end_date
        households.add_window(admin, family, start - timedelta(days=3), end + timedelta(days=3))
        values = {
            "department": "Yazı İşleri Müdürlüğü",
            "mentor": "Ayşe Demir",
            "host_family": str(family.id),
        }
        placing.place(
            admin, application, {**values, "arrival": start, "departure": end, "travel_booked": False}
        )
        _link, token = links.issue(admin, application, "Elif Kaya", "elif@selcuk.example", "tr")
    return application, token


def issue_link(app, application, language: str) -> str:
    """Another link to the same stay, in ``language``; returns its token."""
    with app.test_request_context(), db.connection_context():
        admin = User.get(User.username == "murat")
        return links.issue(admin, application, "Elif Kaya", "elif@selcuk.example", language)[1]


def turkish(app, message: str, **values) -> str:
    with app.test_request_context(), force_locale("tr"):
        return gettext(message, **values)


@pytest.mark.browser
def test_selcuk_proposes_in_turkish_siegburg_takes_it_over(
    app, chromium, live_url, browser_page, make_application, people, password_hash
):
    application, token = selcuk_stay(app, make_application, people, password_hash)
    start = application.start_date + timedelta(days=1)
    partner = chromium.new_context(locale="tr-TR", base_url=live_url)
    partner.set_default_timeout(TIMEOUT_MS)
    page = partner.new_page()
    try:
        goto(page, f"/partner/{token}/")
        assert page.locator("html").get_attribute("lang") == "tr"
        heading = turkish(app, "Praktikum aus Siegburg: %(trainee)s", trainee="Anna Azubi")
        expect(page.get_by_role("heading", level=1)).to_have_text(heading)
        expect(page.get_by_role("link", name="Türkçe")).to_have_attribute("aria-current", "page")
        # by keyboard: the mentor's name, then another first day, then the button
        mentor = page.locator("#mentor")
        mentor.focus()
        page.keyboard.press("Control+A")
        page.keyboard.type("Elif Kaya")
        page.keyboard.press("Tab")
        expect(page.get_by_label(turkish(app, "Funktion der betreuenden Person"))).to_be_focused()
        page.keyboard.type("Müdür Yardımcısı")
        page.locator("#arrival").fill(str(start))
        page.get_by_role("button", name=turkish(app, "Änderungen vorschlagen")).press("Enter")
        answers = page.get_by_role("region", name=turkish(app, "Ihre bisherigen Antworten"))
        expect(answers).to_contain_text(turkish(app, "Siegburg hat noch nicht entschieden."))
        assert_accessible(page)
        # every language the switcher offers is a page of its own, axe-clean
        for name in ("English", "Deutsch"):
            page.get_by_role("link", name=name).click()
            expect(page.get_by_role("link", name=name)).to_have_attribute("aria-current", "page")
            assert_accessible(page)
        # the other four partner languages: a link of their own (as for a stay in their city)
        for language in ("fr", "pt", "pl", "el"):
            goto(page, f"/partner/{issue_link(app, application, language)}/")
            assert page.locator("html").get_attribute("lang") == language
            with app.test_request_context(), force_locale(language):
                expected = gettext("Praktikum aus Siegburg: %(trainee)s", trainee="Anna Azubi")
            expect(page.get_by_role("heading", level=1)).to_have_text(expected)
        goto(page, "/partner/" + "x" * 43 + "/")
        expect(page.get_by_role("heading", level=1)).to_have_text(
            turkish(app, "Dieser Link öffnet nichts mehr")
        )
    finally:
        partner.close()

    staff = browser_page
    log_in(staff, "murat")
    goto(staff, f"/stadtverwaltung/selcuk/bewerbungen/{application.id}/gastverwaltung")
    proposal = staff.get_by_role("region", name="Antworten der Gastverwaltung")
    expect(proposal).to_contain_text("Elif Kaya")
    expect(proposal).to_contain_text("bisher: Ayşe Demir")
    staff.get_by_role("button", name="Übernehmen", exact=True).press("Enter")
    expect(staff.locator("#flash")).to_contain_text("Übernommen")
    expect(staff.locator("#host-status")).to_have_text("Gastverwaltung hat bestätigt")
    assert_accessible(staff)
    log_out(staff)

    log_in(staff, "anna")
    goto(staff, f"/bewerbungen/{application.id}")
    placement = staff.get_by_role("region", name="Ihr Einsatz in der Partnerstadt")
    expect(placement).to_contain_text("Elif Kaya, Müdür Yardımcısı")
    expect(placement).to_contain_text(f"{start:%d.%m.%Y}")


@pytest.mark.browser
def test_the_partner_answers_without_javascript(
    app, chromium, live_url, make_application, people, password_hash
):
    application, token = selcuk_stay(app, make_application, people, password_hash)
    context = chromium.new_context(java_script_enabled=False, base_url=live_url)
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    try:
        page.goto(f"/partner/{token}/")
        # the switcher is made of links: English and back to Turkish without a script
        page.get_by_role("link", name="English").click()
        assert page.locator("html").get_attribute("lang") == "en"
        page.get_by_role("link", name="Türkçe").click()
        page.locator("#mentor").fill("")
        page.get_by_label(turkish(app, "Nachricht an Siegburg")).fill("Teşekkürler")
        page.get_by_role("button", name=turkish(app, "Vermittlung so bestätigen")).click()
        expect(page.locator("#mentor-error")).to_have_text(
            turkish(app, "Bitte die betreuende Person angeben.")
        )
        expect(page.get_by_label(turkish(app, "Nachricht an Siegburg"))).to_have_value("Teşekkürler")
        page.locator("#mentor").fill("Ayşe Demir")
        page.get_by_role("button", name=turkish(app, "Vermittlung so bestätigen")).click()
        answers = page.get_by_role("region", name=turkish(app, "Ihre bisherigen Antworten"))
        expect(answers).to_contain_text(turkish(app, "Vermittlung bestätigt"))
    finally:
        context.close()
