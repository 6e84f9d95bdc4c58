"""User administration: who may use it, search, roles and city scopes, deactivation ending sessions."""

import re

import pytest
from playwright.sync_api import expect

from intranet.models import AuditEvent, LoginSession, User
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
from .conftest import PASSWORD, CSRFClient

__all__ = ["browser_page", "chromium", "live_url"]  # fixtures of the browser test


def user_id(people, name):
    return people[name].id


#: route (method, path with {claire}) → expected status for anonymous / non-admins / admin
ROUTES = [
    ("GET", "/admin/benutzer/", 200),
    ("GET", "/admin/benutzer/{claire}", 200),
    ("POST", "/admin/benutzer/{claire}/zugriff", 302),
    ("POST", "/admin/benutzer/{claire}/deaktivieren", 302),
    ("POST", "/admin/benutzer/{claire}/aktivieren", 302),
]
ROLES_DATA = {"roles": ["city_admin"], "cities": ["nogent"]}


@pytest.mark.parametrize("method, path, admin_status", ROUTES)
@pytest.mark.parametrize("who", [None, "anna", "hanna", "claire", "root"])
def test_only_admins_reach_the_user_administration(client, login, people, who, method, path, admin_status):
    if who:
        login(who)
    url = path.format(claire=people["claire"].id)
    response = client.open(url, method=method, data=ROLES_DATA if method == "POST" else None)
    expected = {None: 302, "root": admin_status}.get(who, 404)
    assert response.status_code == expected
    if who is None:
        assert "/anmelden" in response.location


def test_unknown_user_is_404_and_get_changes_nothing(client, login, people):
    login("root")
    assert client.get("/admin/benutzer/99999").status_code == 404
    assert client.post("/admin/benutzer/99999/deaktivieren").status_code == 404
    assert client.get(f"/admin/benutzer/{people['claire'].id}/deaktivieren").status_code == 405


def test_nav_link_only_for_admins(client, login):
    login("hanna")
    assert "/admin/benutzer/" not in client.get("/personal/").text
    client.post("/abmelden")
    login("root")
    assert 'href="/admin/benutzer/"' in client.get("/bewerbungen/").text


def names(html: str) -> list[str]:
    return re.findall(r'<td><a href="/admin/benutzer/\d+">([^<]+)</a></td>', html)


def test_search_by_name_role_and_state(app, client, login, people):
    login("root")
    assert names(client.get("/admin/benutzer/").text) == sorted(u.display_name for u in people.values())
    assert names(client.get("/admin/benutzer/?q=CLAI").text) == ["Claire Nogent"]
    assert names(client.get("/admin/benutzer/?q=ben@example").text) == ["Ben Berger"]
    assert names(client.get("/admin/benutzer/?role=city_admin").text) == ["Claire Nogent", "Miguel Guarda"]
    with app.app_context(), db.connection_context():
        User.update(active=False).where(User.username == "ben").execute()
    assert names(client.get("/admin/benutzer/?state=inactive").text) == ["Ben Berger"]
    empty = client.get("/admin/benutzer/?q=niemand&role=kaiser&state=x&page=abc")
    assert empty.status_code == 200 and "Kein Konto passt zu dieser Suche." in empty.text


def test_search_with_htmx_swaps_only_the_results_and_pages(app, client, login, people):
    app.config["PAGE_SIZE"] = 2
    login("root")
    fragment = client.get("/admin/benutzer/?page=2", headers={"HX-Request": "true"})
    assert fragment.text.lstrip().startswith('<div id="results"') and "<html" not in fragment.text
    assert names(fragment.text) == ["Claire Nogent", "Hanna Personal"]
    assert "Seite 2 von 3" in fragment.text
    assert 'href="/admin/benutzer/?page=3" data-hx-get="/admin/benutzer/?page=3"' in fragment.text
    assert "Vary" in fragment.headers and "HX-Request" in fragment.headers["Vary"]


def audit_rows(app, user, action):
    with app.app_context(), db.connection_context():
        query = AuditEvent.select().where(
            (AuditEvent.object_type == "user")
            & (AuditEvent.object_id == user.id)
            & (AuditEvent.action == action)
        )
        return [(row.actor_id, row.before, row.after) for row in query]


def second_client(app, username) -> CSRFClient:
    """Another browser in which ``username`` is logged in."""
    other = app.test_client()
    assert other.post("/anmelden", data={"username": username, "password": PASSWORD}).status_code == 302
    return other


def test_roles_and_cities_change_with_one_audit_row_and_end_the_sessions(app, client, login, people):
    claire = people["claire"]
    her_browser = second_client(app, "claire")
    root = login("root")
    data = {"roles": ["city_admin"], "cities": ["nogent", "guarda"], "active": "0", "username": "x"}
    response = client.post(f"/admin/benutzer/{claire.id}/zugriff", data=data)
    assert response.status_code == 302
    assert "Rollen gespeichert." in client.get(response.location).text
    with app.app_context(), db.connection_context():
        fresh = User.get_by_id(claire.id)
        assert (fresh.roles, fresh.city_scopes) == ({"city_admin"}, {"guarda", "nogent"})
        assert fresh.active and fresh.username == "claire"  # nothing else was assigned
    assert audit_rows(app, claire, "user_roles_changed") == [
        (
            root.id,
            {"roles": ["city_admin"], "cities": ["nogent"]},
            {"roles": ["city_admin"], "cities": ["guarda", "nogent"]},
        )
    ]
    assert her_browser.get("/bewerbungen/").status_code == 302  # logged out: new rights apply now
    again = client.post(f"/admin/benutzer/{claire.id}/zugriff", data=data)
    assert "Keine Änderung." in client.get(again.location).text
    assert len(audit_rows(app, claire, "user_roles_changed")) == 1


@pytest.mark.parametrize(
    "data, message",
    [
        ({"cities": ["nogent"]}, "Bitte mindestens eine Rolle wählen."),
        (
            {"roles": ["hr"], "cities": ["nogent"]},
            "Städte können nur der Rolle city_admin zugeordnet werden.",
        ),
        ({"roles": ["kaiser"]}, "Diese Auswahl gibt es nicht: kaiser"),
        ({"roles": ["city_admin"], "cities": ["atlantis"]}, "Diese Auswahl gibt es nicht: atlantis"),
    ],
)
def test_invalid_roles_keep_the_input_and_change_nothing(app, client, login, people, data, message):
    claire = people["claire"]
    login("root")
    response = client.post(f"/admin/benutzer/{claire.id}/zugriff", data=data)
    assert response.status_code == 422
    assert message in response.text
    if data.get("roles") == ["hr"]:
        assert re.search(r'<input checked id="roles-1"[^>]*value="hr"', response.text)  # typed input kept
    assert audit_rows(app, claire, "user_roles_changed") == []
    with app.app_context(), db.connection_context():
        assert User.get_by_id(claire.id).roles == {"city_admin"}


def test_changes_need_the_csrf_token(app, people, login):
    login("root")  # the people exist; a client without the token tries
    bare = app.test_client()
    bare.csrf = False
    bare.post(
        "/anmelden",
        data={"username": "root", "password": PASSWORD},
        headers={"X-CSRFToken": bare.csrf_token()},
    )
    response = bare.post(f"/admin/benutzer/{people['claire'].id}/deaktivieren")
    assert response.status_code == 400
    with app.app_context(), db.connection_context():
        assert User.get_by_id(people["claire"].id).active


def test_deactivation_ends_every_session_and_reactivation_allows_login(app, client, login, people):
    claire = people["claire"]
    browsers = [second_client(app, "claire"), second_client(app, "claire")]
    root = login("root")
    response = client.post(f"/admin/benutzer/{claire.id}/deaktivieren")
    assert "Claire Nogent ist deaktiviert; alle Sitzungen sind beendet." in client.get(response.location).text
    for browser in browsers:
        assert browser.get("/bewerbungen/").status_code == 302
    with app.app_context(), db.connection_context():
        assert LoginSession.select().where(LoginSession.user == claire.id).count() == 0
    refused = app.test_client().post("/anmelden", data={"username": "claire", "password": PASSWORD})
    assert refused.status_code == 401
    assert audit_rows(app, claire, "user_deactivated") == [(root.id, {"active": True}, {"active": False})]

    client.post(f"/admin/benutzer/{claire.id}/aktivieren")
    assert audit_rows(app, claire, "user_activated") == [(root.id, {"active": False}, {"active": True})]
    second_client(app, "claire")


def test_admins_cannot_lock_themselves_out(app, client, login, people):
    root = login("root")
    response = client.post(f"/admin/benutzer/{root.id}/deaktivieren", follow_redirects=True)
    assert "Sie können sich nicht selbst deaktivieren." in response.text
    response = client.post(f"/admin/benutzer/{root.id}/zugriff", data={"roles": ["hr"]})
    assert response.status_code == 422
    assert "Ihre eigene Rolle Administration können Sie nicht entfernen." in response.text
    with app.app_context(), db.connection_context():
        fresh = User.get_by_id(root.id)
        assert fresh.active and fresh.roles == {"admin"}
    assert audit_rows(app, root, "user_deactivated") == []


def test_detail_page_shows_the_history(client, login, people):
    login("root")
    client.post(f"/admin/benutzer/{people['miguel'].id}/deaktivieren")
    page = client.get(f"/admin/benutzer/{people['miguel'].id}").text
    assert "Benutzer angelegt" in page and "Benutzer deaktiviert" in page and "Rita Admin" in page
    assert "Rollen: Stadt-Administration; Partnerstädte: Guarda" in page
    assert "Konto wieder aktivieren" in page


@pytest.mark.browser
def test_admin_pages_in_the_browser_by_keyboard_and_accessible(browser_page):
    page = browser_page
    log_in(page, "root")
    page.get_by_role("navigation").get_by_role("link", name="Benutzerverwaltung").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Benutzerverwaltung")
    assert_accessible(page)

    set_marker(page)  # the search swaps the list through htmx
    page.get_by_label("Name, Benutzername oder E-Mail").fill("clai")
    page.keyboard.press("Enter")
    expect(page.locator("#results")).to_contain_text("1 Konto")
    assert_no_reload(page)
    assert_accessible(page)

    page.get_by_role("link", name="Claire Nogent").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Claire Nogent")
    assert_accessible(page)
    page.get_by_role("checkbox", name="Guarda").check()
    page.get_by_role("button", name="Rollen speichern").click()
    expect(page.locator("#flash")).to_have_text("Rollen gespeichert.")
    expect(page.get_by_role("checkbox", name="Guarda")).to_be_checked()
    assert_accessible(page)

    page.get_by_role("checkbox", name="Stadt-Administration").uncheck()
    page.get_by_role("button", name="Rollen speichern").click()
    expect(page.get_by_role("alert")).to_contain_text("Bitte mindestens eine Rolle wählen.")
    expect(page.get_by_role("checkbox", name="Guarda")).to_be_checked()  # the input is kept
    assert_accessible(page)

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Konto deaktivieren").focus()
    page.keyboard.press("Enter")
    expect(page.locator("#flash")).to_contain_text("Claire Nogent ist deaktiviert")
    expect(page.get_by_role("button", name="Konto wieder aktivieren")).to_be_visible()
    assert_accessible(page)
