"""Login, logout, session replay, throttling, SSO header, CSRF."""

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from intranet.models import LoginSession, User, utcnow
from intranet.platform.db import db

from .conftest import PASSWORD


def test_login_and_logout(client, login):
    login("anna")
    assert client.get("/bewerbungen/").status_code == 200
    response = client.post("/abmelden")
    assert response.status_code == 302
    assert client.get("/bewerbungen/").status_code == 302  # back to the login page


def test_wrong_password_gives_german_message(client, people):
    response = client.post("/anmelden", data={"username": "anna", "password": "falsch"})
    assert response.status_code == 401
    assert "Benutzername oder Passwort ist falsch." in response.text
    assert 'value="anna"' in response.text  # the entered name is kept


def test_unknown_user_same_message(client, people):
    response = client.post("/anmelden", data={"username": "niemand", "password": "x"})
    assert response.status_code == 401
    assert "Benutzername oder Passwort ist falsch." in response.text


def test_replayed_session_cookie_is_rejected_after_logout(app, client, login):
    login("anna")
    cookie = client.get_cookie("session").value
    client.post("/abmelden")
    replay = app.test_client()
    replay.set_cookie("session", cookie)
    response = replay.get("/bewerbungen/")
    assert response.status_code == 302 and "/anmelden" in response.location


def test_login_starts_a_new_session(client, people):
    client.get("/anmelden")
    before = client.get_cookie("session").value
    client.post("/anmelden", data={"username": "anna", "password": PASSWORD})
    assert client.get_cookie("session").value != before


def test_session_cookie_flags(app, people):
    app.config["SESSION_COOKIE_SECURE"] = True
    client = app.test_client()
    response = client.post(
        "/anmelden", data={"username": "anna", "password": PASSWORD}, base_url="https://localhost"
    )
    header = response.headers["Set-Cookie"]
    assert "HttpOnly" in header and "Secure" in header and "SameSite=Lax" in header


def test_lockout_after_repeated_failures(app, client, people):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/anmelden", data={"username": "anna", "password": "falsch"})
    response = client.post("/anmelden", data={"username": "anna", "password": PASSWORD})
    assert response.status_code == 401
    assert "Zu viele Fehlversuche" in response.text


def test_idle_timeout_ends_session(app, client, login):
    login("anna")
    with app.app_context(), db.connection_context():
        LoginSession.update(last_seen_at=utcnow() - timedelta(hours=1)).execute()
    assert client.get("/bewerbungen/").status_code == 302


def test_deactivated_user_loses_session(app, client, login):
    user = login("anna")
    with app.app_context(), db.connection_context():
        User.update(active=False).where(User.id == user.id).execute()
    assert client.get("/bewerbungen/").status_code == 302


def test_missing_csrf_token_is_rejected(app, client, login):
    login("anna")
    client.csrf = False
    response = client.post("/bewerbungen/neu", data={"city": "nogent", "action": "save"})
    assert response.status_code == 400
    assert "Sicherheitstoken" in response.text


def test_login_form_without_csrf_is_rejected(app, people):
    client = app.test_client()
    client.csrf = False
    response = client.post("/anmelden", data={"username": "anna", "password": PASSWORD})
    assert response.status_code == 400


def test_sso_header_ignored_when_disabled(client, people):
    response = client.get("/bewerbungen/", headers={"X-Remote-User": "anna"})
    assert response.status_code == 302


def test_sso_header_logs_in_known_user_when_enabled(app, client, people):
    app.config["SSO_ENABLED"] = True
    response = client.get("/bewerbungen/", headers={"X-Remote-User": "anna"})
    assert response.status_code == 200
    assert "Anna Azubi" in response.text
    # the proxy vouches for someone else: anna's session ends, the newcomer gets an account
    other = client.get("/bewerbungen/", headers={"X-Remote-User": "unbekannt"})
    assert other.status_code == 200 and "Anna Azubi" not in other.text


def test_open_redirect_is_refused(client, people):
    response = client.post("/anmelden?next=//evil.example/", data={"username": "anna", "password": PASSWORD})
    assert response.location == "/"


def test_expired_session_tells_htmx_to_load_login_page(client, people):
    response = client.get("/personal/?fragment=counts", headers={"HX-Request": "true"})
    assert response.status_code == 401
    assert response.headers["HX-Redirect"].startswith("/anmelden")


def test_backslash_redirect_is_refused(client, people):
    response = client.post(
        "/anmelden?next=/%5Cevil.example/", data={"username": "anna", "password": PASSWORD}
    )
    assert response.location == "/"


@pytest.mark.parametrize(
    ("path", "next_path"), [("/", "/"), ("/personal/?status=all", "/personal/?status=all")]
)
def test_the_login_redirect_keeps_the_path_without_a_stray_question_mark(client, path, next_path):
    response = client.get(path)
    assert response.status_code == 302
    assert parse_qs(urlsplit(response.headers["Location"]).query)["next"] == [next_path]
