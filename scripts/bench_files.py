"""Upload and download of a 5 MB document through gunicorn, once per storage backend.

Each backend gets a small fresh instance, uploads and downloads each a fresh server with one
worker. After one transfer to warm the worker up (imports, templates, the first connection),
its peak resident set (VmHWM) is reset, so the peak reported is that of the measured
transfers alone. Requests are sequential: the measure is the time of one transfer and what
it costs a worker, not throughput.
"""

import http.client
import os
import re
import secrets
import statistics
import subprocess
import time
from datetime import date, timedelta
from pathlib import Path

import bench_load
import bench_probe
import bench_seed

from intranet import create_app
from intranet.models import Application, Document, User
from intranet.outbound import workflow
from intranet.platform import storage
from intranet.platform.db import db

ROOT = Path(__file__).resolve().parent.parent
#: 5 MB, just under DOCUMENT_MAX_BYTES (5 MiB); no byte sequence the PDF check refuses
SIZE = 5_000_000
DOCUMENT = b"%PDF-1.7\n%" + b"0123456789abcdef\n" * ((SIZE - 17) // 17) + b"%%EOF\n"
BOUNDARY = "bench" + "x" * 20


def run(workdir: Path, rounds: int, postgresql: str = "") -> dict:
    """Both backends on SQLite in the same run, and the database backend on an empty PostgreSQL
    database if ``postgresql`` is its URL: label → upload and download figures."""
    results = {f"{b} (SQLite)": measure(workdir / f"files-{b}", b, rounds) for b in storage.BACKENDS}
    if postgresql:
        results["database (PostgreSQL)"] = measure(workdir / "files-pg", "database", rounds, postgresql)
    return results


def measure(instance: Path, backend: str, rounds: int, database_url: str = "") -> dict:
    """Seed a draft for the benchmark trainee, then time ``rounds`` uploads and downloads."""
    print(f"== 5 MB file, {backend} backend {database_url}", flush=True)
    env = {
        **os.environ,
        "INTRANET_INSTANCE_PATH": str(instance),
        "INTRANET_SECRET_KEY": secrets.token_hex(32),
        "INTRANET_SESSION_COOKIE_SECURE": "false",
        "INTRANET_STORAGE_BACKEND": backend,
        "INTRANET_DATABASE_URL": database_url,
    }
    flask = ROOT / ".venv" / "bin" / "flask"
    subprocess.run(
        [str(flask), "--app", "intranet", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    config = {
        "SECRET_KEY": env["INTRANET_SECRET_KEY"],
        "INSTANCE_PATH": str(instance),
        "LOG_LEVEL": "WARNING",
    }
    config |= {"SESSION_COOKIE_SECURE": False, "STORAGE_BACKEND": backend, "DATABASE_URL": database_url}
    app = create_app(config)
    with app.test_request_context(), db.connection_context():
        bench_seed.seed(10)
        trainee = User.get(User.username == bench_seed.TRAINEE)
        start = date.today() + timedelta(weeks=10)
        draft = workflow.create_draft(trainee, "nogent", start, start + timedelta(days=13), "Benchmark.", {})
    session = bench_probe.Session(app, bench_seed.TRAINEE)
    uploads = phase(env, rounds, lambda port: upload(port, session, draft))
    with app.app_context(), db.connection_context():
        document = Document.get(Document.application == draft)
    path = f"/bewerbungen/{draft.id}/unterlagen/{document.id}"
    downloads = phase(env, rounds, lambda port: download(port, session, path))
    db.close()
    return {"upload": uploads, "download": downloads}


def phase(env: dict, rounds: int, transfer) -> dict:
    """A fresh one-worker server: one warm-up transfer, then ``rounds`` measured ones."""
    with bench_load.serve(env, workers=1) as (port, server):
        transfer(port)
        bench_load.reset_peak_rss(server.pid)
        before = bench_load.worker_rss(server.pid)
        times = [transfer(port) for _ in range(rounds)]
        return {
            "p50_s": statistics.median(times),
            "max_s": max(times),
            "rounds": rounds,
            "rss_before": before,
            "peak_rss": bench_load.worker_peak_rss(server.pid),
        }


def upload(port: int, session, draft: Application) -> float:
    """One htmx upload of the document; returns seconds, fails on anything but a stored file."""
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="lebenslauf.pdf"\r\n'
        "Content-Type: application/pdf\r\n\r\n"
    ).encode()
    body = head + DOCUMENT + f"\r\n--{BOUNDARY}--\r\n".encode()
    headers = {
        "Cookie": session.cookie,
        "X-CSRFToken": session.csrf,
        "HX-Request": "true",
        "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
    }
    started = time.perf_counter()
    status, text = request(port, "POST", f"/bewerbungen/{draft.id}/unterlagen/cv", body, headers)
    elapsed = time.perf_counter() - started
    assert status == 200 and re.search(rb"wurde gespeichert", text), (status, text[:300])
    return elapsed


def download(port: int, session, path: str) -> float:
    """One download of the document, the whole body read; returns seconds."""
    started = time.perf_counter()
    status, data = request(port, "GET", path, None, {"Cookie": session.cookie})
    elapsed = time.perf_counter() - started
    assert status == 200 and data == DOCUMENT, (status, len(data))
    return elapsed


def request(port: int, method: str, path: str, body: bytes | None, headers: dict) -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()
