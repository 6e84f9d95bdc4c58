"""/health for monitoring: the checks, their failures, no personal data; gunicorn serves it."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from datetime import timedelta
from pathlib import Path

import pytest

from intranet import create_app
from intranet.models import OutboxMessage, utcnow
from intranet.platform.db import db

ROOT = Path(__file__).resolve().parent.parent


def test_healthy_instance_answers_200_without_login(client, people):
    response = client.get("/health")
    assert response.status_code == 200
    body = response.get_json()
    assert body["status"] == "ok" and body["failing"] == []
    assert set(body["checks"]) == {"database", "migrations", "plugins", "outbox"}
    assert "nogent" in body["checks"]["plugins"]["cities"]
    assert response.headers["Cache-Control"] == "no-store"


def test_pending_migration_is_named(app, client):
    with app.app_context(), db.connection_context():
        db.execute_sql("DELETE FROM schema_migration WHERE name = '0003_outbox'")
    response = client.get("/health")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failing"] == ["migrations"]
    assert body["checks"]["migrations"]["pending"] == ["0003_outbox"]
    assert body["checks"]["outbox"] == {"ok": None, "skipped": True}


def test_overdue_mail_fails_the_outbox_check_without_the_address(app, client, people):
    with app.app_context(), db.connection_context():
        OutboxMessage.create(recipient="anna@example.org", user=people["anna"], subject="Hallo", body="x")
    assert client.get("/health").status_code == 200  # due now: the next `mail send` takes it
    with app.app_context(), db.connection_context():
        OutboxMessage.update(next_attempt_at=utcnow() - timedelta(hours=2)).execute()
    response = client.get("/health")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failing"] == ["outbox"]
    assert body["checks"]["outbox"] == {"ok": False, "pending": 1, "overdue": 1, "failed": 0}
    assert "anna" not in response.text


@pytest.mark.parametrize(
    "url", ["sqlite:////nonexistent-dir/intranet.sqlite3", "postgresql://postgres@127.0.0.1:9/intranet"]
)
def test_unreachable_database_is_a_503_not_a_500(url, tmp_path):
    app = create_app(
        {"TESTING": True, "SECRET_KEY": "t" * 40, "DATABASE_URL": url, "INSTANCE_PATH": str(tmp_path)}
    )
    response = app.test_client().get("/health")
    assert response.status_code == 503
    body = response.get_json()
    assert body["failing"] == ["database"]
    assert body["checks"]["migrations"]["skipped"] is True
    assert body["checks"]["plugins"]["ok"] is True


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get_json(url: str, deadline: float, server: subprocess.Popen) -> tuple[int, dict]:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, json.load(response)
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, json.load(exc)
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.1)


def test_gunicorn_with_the_production_config_serves_health_and_json_logs(tmp_path):
    port = _free_port()
    env = {
        **os.environ,
        "INTRANET_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "1",
        "INTRANET_SECRET_KEY": "p" * 40,
        "INTRANET_INSTANCE_PATH": str(tmp_path),
        "INTRANET_LOG_JSON": "true",
    }
    bindir = Path(sys.executable).parent
    subprocess.run(
        [bindir / "flask", "--app", "intranet", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    with (tmp_path / "gunicorn.log").open("w+") as log:
        server = subprocess.Popen(
            [bindir / "gunicorn", "-c", ROOT / "gunicorn.conf.py"],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            status, body = _get_json(f"http://127.0.0.1:{port}/health", time.monotonic() + 30, server)
        finally:
            server.terminate()
            server.wait(timeout=30)
        log.seek(0)
        lines = [json.loads(line) for line in log if line.startswith("{")]
    assert (status, body["status"]) == (200, "ok")
    request_line = next(line for line in lines if line["logger"] == "intranet.request")
    assert request_line["message"].startswith("GET /health 200")
    assert len(request_line["request_id"]) == 32


def _demo_command(*variables: str) -> str:
    """The command ``make demo`` serves the app with (its last line)."""
    # --no-print-directory: under ``make test`` a nested make would add "Leaving directory" lines
    command = ["make", "--no-print-directory", "-n", "demo", *variables]
    dry_run = subprocess.run(command, cwd=ROOT, check=True, capture_output=True, text=True)
    return dry_run.stdout.splitlines()[-1]


def test_make_demo_serves_with_gunicorn_on_port_5000(tmp_path):
    serve = _demo_command()
    assert "gunicorn -c gunicorn.conf.py" in serve and "INTRANET_BIND=127.0.0.1:5000" in serve
    assert "flask" not in serve  # not Flask's development server
    # the same command, on a free port and in an empty instance: the demo's login page
    port = _free_port()
    serve = _demo_command(f"DEMO_BIND=127.0.0.1:{port}")
    bindir = str(Path(sys.executable).parent)
    env = {**os.environ, "INTRANET_INSTANCE_PATH": str(tmp_path), "PATH": f"{bindir}:{os.environ['PATH']}"}
    upgrade = ["flask", "--app", "intranet", "db", "upgrade"]
    subprocess.run(upgrade, env={**env, "INTRANET_DEMO": "true"}, check=True, capture_output=True)
    with (tmp_path / "demo.log").open("w+") as log:
        # a session of its own: the shell and gunicorn's master and workers end together
        server = subprocess.Popen(
            ["bash", "-c", serve],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            status, _ = _get_json(f"http://127.0.0.1:{port}/health", time.monotonic() + 30, server)
            page = urllib.request.urlopen(f"http://127.0.0.1:{port}/anmelden", timeout=10).read().decode()
        finally:
            os.killpg(server.pid, signal.SIGTERM)
            server.wait(timeout=30)
        log.seek(0)
        output = log.read()
    assert status == 200 and "Demo-Betrieb" in page
    assert "development server" not in output and f"Listening at: http://127.0.0.1:{port}" in output
