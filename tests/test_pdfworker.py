"""PDFs come from a renderer process: WeasyPrint never loads into a web worker, failures are contained,
and under gunicorn all workers share one renderer."""

import os
import re
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from intranet.platform import pdfworker

from .live_server import log_in
from .test_health import ROOT, _free_port, _get_json

SHEET = str(Path(pdfworker.__file__).parent.parent / "static" / "letter.css")
LETTER = (
    "<html lang='de'><body><h1>Einladung</h1>"
    "<p>Grüße aus Siegburg – Bolesławiec, Selçuk, Ορεστιάδα</p></body></html>"
)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def renderer():
    """A renderer of the test's own, cut off after half a second."""
    process, address = pdfworker.start(timeout=0.5)
    yield process, address
    pdfworker.stop(process, address)
    assert not Path(address).parent.exists()


def test_a_process_renders_without_importing_weasyprint():
    """A fresh interpreter gets a PDF and still has no WeasyPrint of its own (the memory bar)."""
    code = (
        "import sys; from intranet.platform import pdfworker; "
        f"pdf = pdfworker.render({LETTER!r}, {SHEET!r}); "
        "print(pdf[:5].decode(), any(m.split('.')[0] in ('weasyprint', 'fontTools') for m in sys.modules))"
    )
    environment = {k: v for k, v in os.environ.items() if k != pdfworker.ADDRESS}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, env=environment
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["%PDF-", "False"]


def test_renders_through_the_servers_renderer(renderer, monkeypatch, tmp_path):
    monkeypatch.setenv(pdfworker.ADDRESS, renderer[1])
    pdf = pdfworker.render(LETTER, SHEET)
    assert "Grüße aus Siegburg – Bolesławiec, Selçuk, Ορεστιάδα" in pdf_text(pdf, tmp_path)
    assert renderer[0].poll() is None


def test_a_failed_render_is_reported_and_the_renderer_carries_on(renderer, monkeypatch):
    monkeypatch.setenv(pdfworker.ADDRESS, renderer[1])
    with pytest.raises(pdfworker.RenderError, match="No such file"):
        pdfworker.render(LETTER, "/nonexistent/letter.css")
    assert pdfworker.render(LETTER, SHEET).startswith(b"%PDF-")


def test_a_render_that_takes_too_long_is_cut_off(renderer, monkeypatch):
    monkeypatch.setenv(pdfworker.ADDRESS, renderer[1])
    long_letter = "<html><body>" + "<table><tr><td>Zeile</td></tr></table>" * 20_000 + "</body></html>"
    with pytest.raises(pdfworker.RenderError, match="nach 0.5 s abgebrochen"):
        pdfworker.render(long_letter, SHEET)
    assert pdfworker.render(LETTER, SHEET).startswith(b"%PDF-")


def test_without_the_servers_renderer_a_process_starts_its_own(renderer, monkeypatch):
    monkeypatch.setenv(pdfworker.ADDRESS, renderer[1])
    pdfworker.stop(*renderer)  # gone, e.g. killed
    assert pdfworker.render(LETTER, SHEET).startswith(b"%PDF-")
    own = pdfworker._own[1]
    assert own.poll() is None and own.pid != renderer[0].pid


def test_a_renderer_ends_with_the_process_that_started_it():
    code = "from intranet.platform import pdfworker; p, a = pdfworker.start(); print(p.pid, a, flush=True)"
    pid, address = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    ).stdout.split()
    deadline = time.monotonic() + 10
    while Path(f"/proc/{pid}").exists() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not Path(f"/proc/{pid}").exists() or "Z" in Path(f"/proc/{pid}/stat").read_text().split()[2]
    assert not Path(address).parent.exists()


def test_gunicorn_workers_share_one_renderer_and_stay_without_weasyprint(tmp_path):
    """Two workers make PDFs at the same time: one renderer beside them has pango loaded, no worker has."""
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    env = {
        **{k: v for k, v in os.environ.items() if k != pdfworker.ADDRESS},
        "INTRANET_BIND": f"127.0.0.1:{port}",
        "WEB_CONCURRENCY": "2",
        "INTRANET_SECRET_KEY": "p" * 40,
        "INTRANET_INSTANCE_PATH": str(tmp_path),
        "INTRANET_SESSION_COOKIE_SECURE": "false",
    }
    flask = [Path(sys.executable).parent / "flask", "--app", "intranet"]
    for command in (["db", "upgrade"], ["demo"]):
        subprocess.run([*flask, *command], env=env, check=True, capture_output=True)
    server = subprocess.Popen(
        [Path(sys.executable).parent / "gunicorn", "-c", ROOT / "gunicorn.conf.py"], env=env
    )
    try:
        _get_json(base + "/health", time.monotonic() + 30, server)
        cookie, _ = log_in(base, "personal", "demo")
        inbox = _get(base + "/personal/?status=all", cookie).decode()
        ids = re.findall(r'<tr id="application-(\d+)"', inbox)[:4]
        with ThreadPoolExecutor(8) as pool:
            pdfs = list(
                pool.map(
                    lambda n: _get(f"{base}/bewerbungen/{n}/briefe/introduction/de/pdf", cookie), ids * 2
                )
            )
        assert len(pdfs) == 8 and all(pdf.startswith(b"%PDF-") for pdf in pdfs)
        children = _children(server.pid)
        renderers = [pid for pid in children if "intranet.platform.pdfworker" in _cmdline(pid)]
        workers = [pid for pid in children if pid not in renderers]
        assert len(renderers) == 1 and len(workers) == 2
        assert "libpango" in Path(f"/proc/{renderers[0]}/maps").read_text()
        for worker in workers:
            assert "libpango" not in Path(f"/proc/{worker}/maps").read_text()
            assert _children(worker) == []
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not Path(f"/proc/{renderers[0]}").exists()


def _get(url: str, cookie: str) -> bytes:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request, timeout=60) as response:
        return response.read()


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _cmdline(pid: int) -> str:
    return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
