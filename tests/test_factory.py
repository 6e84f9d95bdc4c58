"""App factory, configuration, secret-key guard, schema guard, security headers."""

import gc
import sys

import pytest

from intranet import create_app
from intranet.platform.security import InsecureConfiguration


def test_refuses_to_start_without_real_secret_key(monkeypatch, tmp_path):
    monkeypatch.setenv("INTRANET_INSTANCE_PATH", str(tmp_path))
    monkeypatch.delenv("INTRANET_DEMO", raising=False)
    monkeypatch.delenv("INTRANET_SECRET_KEY", raising=False)
    with pytest.raises(InsecureConfiguration, match="SECRET_KEY"):
        create_app()


def test_environment_overrides_defaults(monkeypatch, tmp_path):
    monkeypatch.setenv("INTRANET_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("INTRANET_SECRET_KEY", "k" * 40)
    monkeypatch.setenv("INTRANET_PAGE_SIZE", "7")
    app = create_app()
    assert app.config["SECRET_KEY"] == "k" * 40
    assert app.config["PAGE_SIZE"] == 7
    assert app.config["DATABASE_URL"] == ""


def test_instance_file_is_read_before_environment(monkeypatch, tmp_path):
    (tmp_path / "config.py").write_text("SECRET_KEY = 'f' * 40\nPAGE_SIZE = 3\n")
    monkeypatch.setenv("INTRANET_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("INTRANET_PAGE_SIZE", "9")
    app = create_app()
    assert app.config["SECRET_KEY"] == "f" * 40
    assert app.config["PAGE_SIZE"] == 9


def test_demo_mode_allows_development_key(monkeypatch, tmp_path):
    monkeypatch.setenv("INTRANET_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("INTRANET_DEMO", "true")
    assert create_app().config["DEMO"] is True


def test_default_database_is_sqlite_in_instance_folder(monkeypatch, tmp_path):
    from intranet.platform.db import database_url

    monkeypatch.setenv("INTRANET_INSTANCE_PATH", str(tmp_path))
    monkeypatch.setenv("INTRANET_DEMO", "true")
    app = create_app()
    assert database_url(app) == f"sqlite:///{tmp_path}/intranet.sqlite3"


def _assert_refuses_outdated_schema(url, tmp_path):
    app = create_app({"TESTING": True, "DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path)})
    response = app.test_client().get("/anmelden")
    assert response.status_code == 503
    assert "flask --app intranet db upgrade" in response.text
    assert "0001_initial" in response.text


def test_outdated_schema_is_refused_on_sqlite(tmp_path):
    _assert_refuses_outdated_schema(f"sqlite:///{tmp_path / 'empty.sqlite3'}", tmp_path)


def test_outdated_schema_is_refused_on_postgresql(postgres, tmp_path):
    postgres.create_database("empty_schema")
    try:
        _assert_refuses_outdated_schema(postgres.url("empty_schema"), tmp_path)
    finally:
        from intranet.platform.db import db

        db.close()
        postgres.drop_database("empty_schema")


def test_security_headers_on_pages_and_errors(client):
    for path, status in (("/anmelden", 200), ("/gibt-es-nicht", 404)):
        response = client.get(path)
        assert response.status_code == status
        csp = response.headers["Content-Security-Policy"]
        assert "unsafe-inline" not in csp and "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert response.headers["X-Content-Type-Options"] == "nosniff"
        assert response.headers["Referrer-Policy"] == "same-origin"
        assert response.headers["Cache-Control"] == "no-store"
        assert "HX-Request" in response.headers["Vary"]


def test_error_page_is_german_without_traceback(client):
    response = client.get("/gibt-es-nicht")
    assert "Nicht gefunden" in response.text
    assert "Traceback" not in response.text


def test_htmx_is_served_by_the_app(client):
    with client.get("/htmx/static/htmx.min.js") as response:
        assert response.status_code == 200
        assert b"htmx" in response.data[:200]
        assert "nosniff" == response.headers["X-Content-Type-Options"]
    page = client.get("/anmelden").text
    assert "/htmx/static/htmx.min.js" in page and "https://" not in page.split("<body")[0]
    assert '"allowScriptTags": false' in page and '"allowEval": false' in page
    assert '"historyCacheSize": 0' in page


def test_demo_command_seeds_every_role_and_status(app, runner):
    from intranet.models import Application, User
    from intranet.platform.db import db

    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    assert "Passwort 'demo'" in result.output and "Niemals in einer echten Umgebung" in result.output
    with app.app_context(), db.connection_context():
        statuses = sorted(a.status for a in Application.select())
        # placed: a stay that is over, its experience report waiting for HR, and one in Selçuk ahead
        assert statuses == [
            "approved",
            *["completed"] * 2,
            *["draft"] * 2,
            *["placed"] * 2,
            *["submitted"] * 3,
        ]
        roles = {r.role for u in User.select() for r in u.role_rows}
        assert roles == {"employee", "hr", "city_admin", "admin"}
    again = runner.invoke(args=["demo"])
    assert again.exit_code == 0 and "bereits vorhanden" in again.output


def test_a_304_for_a_static_file_leaves_no_file_open(client, monkeypatch):
    first = client.get("/static/app.css")
    first.close()
    unraisable = []
    monkeypatch.setattr(sys, "unraisablehook", unraisable.append)
    again = client.get("/static/app.css", headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304
    del again
    gc.collect()
    assert [str(u.exc_value) for u in unraisable] == []
