"""Security headers and cookie flags on every kind of response; the session rules test_auth leaves out."""

from datetime import timedelta

import pytest

from intranet.models import LoginSession, User, utcnow
from intranet.platform.db import db

from . import world as sweep
from .test_access_matrix import rules, url_of
from .world import enter, log_in

# the module's fixtures
module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture

HTTPS = "https://localhost"
HTMX = {"HX-Request": "true"}

#: kind of response → (role, endpoint, URL parameters, headers, expected status, expected content type)
KINDS = {
    "page": ("owner", "applications.detail", {}, {}, 200, "text/html"),
    "fragment": ("hr", "hr.index", {}, HTMX, 200, "text/html"),
    "document download": ("owner", "documents.download", {}, {}, 200, "application/pdf"),
    "letter PDF": ("hr", "letters.pdf", {"kind": "introduction"}, {}, 200, "application/pdf"),
    "issued letter": ("owner", "letters.download", {}, {}, 200, "application/pdf"),
    "letter preview": ("city", "letters.preview", {"kind": "introduction"}, {}, 200, "text/html"),
    "CSV export": ("hr", "hr_audit.export", {}, {}, 200, "text/csv"),
    "XLSX export": ("hr", "hr_costs.export", {"kind": "xlsx"}, {}, 200, "application/vnd.openxmlformats"),
    "404 page": ("other", "applications.detail", {}, {}, 404, "text/html"),
    "404 fragment": ("other_city", "hr.row", {}, HTMX, 404, "text/html"),
    "redirect": ("anon", "applications.index", {}, {}, 302, "text/html"),
    "login page": ("anon", "auth.login", {}, {}, 200, "text/html"),
}


def assert_strict_headers(response, what: str) -> None:
    """CSP without inline code or eval, no framing, no sniffing, no referrer to other sites, no caching."""
    csp = response.headers["Content-Security-Policy"]
    assert "unsafe-inline" not in csp and "unsafe-eval" not in csp, what
    assert "frame-ancestors 'none'" in csp, (what, csp)
    assert response.headers["X-Content-Type-Options"] == "nosniff", what
    assert response.headers["Referrer-Policy"] == "same-origin", what
    assert response.headers["Cache-Control"] == "no-store", what
    assert "HX-Request" in response.headers.get("Vary", ""), what


def assert_cookie_flags(response, what: str) -> None:
    """Every cookie the app sets: Secure (configured on), HttpOnly, SameSite=Lax."""
    for header in response.headers.getlist("Set-Cookie"):
        assert "Secure" in header and "HttpOnly" in header and "SameSite=Lax" in header, (what, header)


@pytest.mark.parametrize("kind", list(KINDS))
def test_every_kind_of_response_carries_the_headers(world, kind):
    enter(world)
    app = world["app"]
    app.config["SESSION_COOKIE_SECURE"] = True
    role, endpoint, params, headers, status, content_type = KINDS[kind]
    client = app.test_client()
    log_in(client, role)
    url = url_of(world, endpoint, rules(app)[endpoint], **params)
    response = client.get(url, headers=headers, base_url=HTTPS)
    assert response.status_code == status, (kind, response.status_code)
    assert response.headers["Content-Type"].startswith(content_type), (kind, response.headers["Content-Type"])
    assert_strict_headers(response, kind)
    if role != "anon":
        assert response.headers.getlist("Set-Cookie"), "a permanent session is refreshed on every response"
    assert_cookie_flags(response, kind)


def test_csrf_and_method_errors_carry_the_headers(world):
    enter(world)
    client = world["app"].test_client()
    client.csrf = False
    log_in(client, "owner")
    refused = client.post("/bewerbungen/neu", base_url=HTTPS)
    wrong_method = client.open("/bewerbungen/", method="DELETE", base_url=HTTPS)
    assert (refused.status_code, wrong_method.status_code) == (400, 405)
    for response in (refused, wrong_method):
        assert_strict_headers(response, response.status_code)
        assert_cookie_flags(response, response.status_code)


def test_static_files_are_not_sniffed_or_framed(world):
    enter(world)
    response = world["app"].test_client().get("/static/app.css")
    assert response.status_code == 200
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "frame-ancestors 'none'" in response.headers["Content-Security-Policy"]
    response.close()


def test_a_crash_is_a_german_500_page_with_the_headers(app, client, login):
    @app.get("/test-absturz")
    def crash():
        raise RuntimeError("geheimes Detail")

    app.config["PROPAGATE_EXCEPTIONS"] = False  # as in production: the handler answers, not pytest
    login("anna")
    for headers in ({}, HTMX):
        response = client.get("/test-absturz", headers=headers)
        assert response.status_code == 500
        assert "Etwas ist schiefgegangen" in response.text
        assert "geheimes Detail" not in response.text and "Traceback" not in response.text
        assert_strict_headers(response, "500")


def test_absolute_timeout_ends_an_active_session(app, client, login):
    login("anna")
    with app.app_context(), db.connection_context():
        hours = app.config["SESSION_ABSOLUTE_HOURS"]
        LoginSession.update(
            created_at=utcnow() - timedelta(hours=hours, minutes=1), last_seen_at=utcnow()
        ).execute()
    response = client.get("/bewerbungen/")
    assert response.status_code == 302 and "/anmelden" in response.location
    with app.app_context(), db.connection_context():
        assert LoginSession.select().count() == 0


def test_a_session_within_both_limits_stays(app, client, login):
    login("anna")
    with app.app_context(), db.connection_context():
        idle = app.config["SESSION_IDLE_MINUTES"] - 1
        LoginSession.update(
            created_at=utcnow() - timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS"] - 1),
            last_seen_at=utcnow() - timedelta(minutes=idle),
        ).execute()
    assert client.get("/bewerbungen/").status_code == 200


def test_deactivation_by_an_admin_ends_every_session_for_good(app, client, login, people):
    login("anna")
    cookie = client.get_cookie("session").value
    admin = app.test_client()
    admin.post("/anmelden", data={"username": "root", "password": sweep.PASSWORD})
    assert admin.post(f"/admin/benutzer/{people['anna'].id}/deaktivieren").status_code == 302
    with app.app_context(), db.connection_context():
        assert LoginSession.select().where(LoginSession.user == people["anna"].id).count() == 0
    assert client.get("/bewerbungen/").status_code == 302
    # reactivated, the old cookie still opens nothing: the session row is gone
    admin.post(f"/admin/benutzer/{people['anna'].id}/aktivieren")
    replay = app.test_client()
    replay.set_cookie("session", cookie)
    assert replay.get("/bewerbungen/").status_code == 302


def test_a_locked_account_stays_locked_for_the_right_password_and_opens_after_the_lock(app, client, people):
    for _ in range(app.config["LOGIN_MAX_FAILURES"]):
        client.post("/anmelden", data={"username": "anna", "password": "falsch"})
    assert client.post("/anmelden", data={"username": "anna", "password": sweep.PASSWORD}).status_code == 401

    with app.app_context(), db.connection_context():
        User.update(locked_until=utcnow() - timedelta(seconds=1)).where(User.username == "anna").execute()
    assert client.post("/anmelden", data={"username": "anna", "password": sweep.PASSWORD}).status_code == 302
