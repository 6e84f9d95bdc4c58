"""The app built as a wheel, installed into a fresh virtual environment outside the checkout,
migrates, passes its plugin check and serves pages, htmx and static files with gunicorn."""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
#: what the wheel is built from; tests, caches and local state stay behind
SOURCE_IGNORE = shutil.ignore_patterns(
    ".git", ".venv", "build", "dist", "*.egg-info", "instance", "__pycache__", "tests", "test-results"
)


def run(*args, **kwargs) -> subprocess.CompletedProcess:
    """Run a command, failing the test with its output."""
    result = subprocess.run([str(a) for a in args], capture_output=True, text=True, check=False, **kwargs)
    assert result.returncode == 0, f"{args}\n{result.stdout}\n{result.stderr}"
    return result


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """The wheel, built once from a clean copy (a stale build/ folder cannot leak into it)."""
    workdir = tmp_path_factory.mktemp("wheel")
    source = workdir / "source"
    shutil.copytree(ROOT, source, ignore=SOURCE_IGNORE)
    run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", workdir / "dist", cwd=source)
    (built,) = (workdir / "dist").glob("*.whl")
    return built


@pytest.fixture(scope="session")
def venv(wheel, tmp_path_factory) -> Path:
    """A fresh virtual environment with the wheel and its dependencies (registry or pip cache)."""
    path = tmp_path_factory.mktemp("venv")
    run(sys.executable, "-m", "venv", path)
    run(path / "bin" / "pip", "install", "--quiet", "--disable-pip-version-check", wheel)
    return path


@pytest.fixture
def env(tmp_path) -> dict:
    """Production-like settings; no PYTHONPATH, so only the installed package is importable."""
    clean = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    return clean | {"INTRANET_SECRET_KEY": "w" * 40, "INTRANET_INSTANCE_PATH": str(tmp_path / "instance")}


def fetch(url: str, deadline: float, server: subprocess.Popen) -> tuple[int, str]:
    """GET a URL, waiting for the server to come up."""
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as exc:
            with exc:
                return exc.code, exc.read().decode()
        except urllib.error.URLError:
            if time.monotonic() > deadline or server.poll() is not None:
                raise
            time.sleep(0.1)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_installed_wheel_migrates_checks_plugins_and_serves(venv, env, tmp_path):
    bindir = venv / "bin"
    where = run(bindir / "python", "-c", "import intranet; print(intranet.__file__)", cwd=tmp_path).stdout
    assert where.startswith(str(venv)) and not where.startswith(str(ROOT))

    upgrade = run(bindir / "flask", "--app", "intranet", "db", "upgrade", cwd=tmp_path, env=env).stdout
    assert "angewendet: 0001_initial" in upgrade
    # renders every letter template of every city: plugin templates and letters/base.html are packaged
    check = run(bindir / "flask", "--app", "intranet", "plugins", "check", cwd=tmp_path, env=env).stdout
    assert "Alle Plugins halten den Vertrag ein" in check

    port = free_port()
    # the production settings, as copied to /etc (docs/deployment.md); the app comes from the wheel
    server = subprocess.Popen(
        [bindir / "gunicorn", "-c", ROOT / "gunicorn.conf.py"],
        cwd=tmp_path,
        env=env | {"INTRANET_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base, deadline = f"http://127.0.0.1:{port}", time.monotonic() + 30
    try:
        pages = {path: fetch(base + path, deadline, server) for path in PAGES}
    finally:
        server.terminate()
        server.wait(timeout=30)
    for path, expected in PAGES.items():
        status, body = pages[path]
        assert status == 200 and expected in body, path


#: path → a piece of the answer that proves the packaged file was served
PAGES = {
    "/anmelden": 'src="/htmx/static/htmx.min.js"',
    "/htmx/static/htmx.min.js": "htmx",
    "/static/app.js": "htmx:afterSwap",
    "/static/app.css": "skip-link",
    "/health": '"cities":["boleslawiec","guarda","nogent","orestiada","selcuk","werder"]',
}
