"""Benchmark: seed 1 000 and 100 000 applications, serve with gunicorn, drive the key interactions
with wrk next to a bare Flask ceiling, and report throughput, latency, SQL queries, bytes and memory;
then upload and download a 5 MB document with each storage backend.

    .venv/bin/python scripts/bench.py --json bench.json          (what ``make bench`` runs)
    .venv/bin/python scripts/bench.py --sizes 1000 --seconds 3 --json /tmp/b.json   (a quick run)
"""

import argparse
import os
import secrets
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import bench_files
import bench_load
import bench_probe
import bench_report
import bench_seed

from intranet import create_app
from intranet.platform.db import db

ROOT = Path(__file__).resolve().parent.parent
#: submitted applications the approve clicks cycle through (approve, then revert on the next turn)
APPROVE_POOL = 256


def main(argv: list[str] | None = None) -> None:
    """Parse the options, run every size, write and print the report."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", required=True, type=Path, help="where the results go as JSON")
    parser.add_argument("--markdown", type=Path, default=ROOT / "docs" / "benchmarks.md")
    parser.add_argument("--sizes", default="1000,100000", help="numbers of applications, comma-separated")
    parser.add_argument("--seconds", type=int, default=10, help="wrk duration per interaction")
    parser.add_argument("--connections", type=int, default=4)
    parser.add_argument("--pdf-requests", type=int, default=10)
    parser.add_argument("--file-rounds", type=int, default=5, help="5 MB uploads and downloads per backend")
    parser.add_argument(
        "--files-postgresql",
        default="",
        help="URL of an empty PostgreSQL database: the database backend there too",
    )
    parser.add_argument("--note", default="", help="the load situation of the machine, for the report")
    args = parser.parse_args(argv)
    report = {"meta": meta(args), "sizes": {}}
    with tempfile.TemporaryDirectory(prefix="bench-") as workdir:
        for size in (int(s) for s in args.sizes.split(",")):
            report["sizes"][str(size)] = run_size(size, Path(workdir) / f"n{size}", args)
        if args.file_rounds:
            report["files"] = bench_files.run(Path(workdir), args.file_rounds, args.files_postgresql)
    report["meta"]["load_after"] = load_average()
    print(bench_report.write(report, args.json, args.markdown))


def meta(args) -> dict:
    """Command, date and machine of the run."""
    cpu = next(
        (line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name")),
        "?",
    )
    command = "make bench" if os.environ.get("MAKELEVEL") else shlex.join(["scripts/bench.py", *sys.argv[1:]])
    return {
        "command": command,
        "date": datetime.now().strftime("%Y-%m-%d %H:%M"),
        "cpus": os.cpu_count(),
        "cpu": cpu,
        "load_before": load_average(),
        "note": args.note,
        "seconds": args.seconds,
        "connections": args.connections,
        "pdf_requests": args.pdf_requests,
    }


def load_average() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


def run_size(size: int, instance: Path, args) -> dict:
    """Seed a fresh instance, measure in-process, then under load; returns the size's results."""
    print(f"== {size:,} applications", flush=True)
    shutil.rmtree(instance, ignore_errors=True)
    env = {
        **os.environ,
        "INTRANET_INSTANCE_PATH": str(instance),
        "INTRANET_SECRET_KEY": secrets.token_hex(32),
        "INTRANET_SESSION_COOKIE_SECURE": "false",
    }
    flask = ROOT / ".venv" / "bin" / "flask"
    subprocess.run(
        [str(flask), "--app", "intranet", "db", "upgrade"], env=env, check=True, capture_output=True
    )
    app = create_app(
        {"SECRET_KEY": env["INTRANET_SECRET_KEY"], "INSTANCE_PATH": str(instance), "LOG_LEVEL": "WARNING"}
        | {"SESSION_COOKIE_SECURE": False}
    )
    started = time.perf_counter()
    with app.app_context(), db.connection_context():
        rows = bench_seed.seed(size)
        pool, probe_id, detail_id = bench_probe.targets(APPROVE_POOL)
    seed_s = time.perf_counter() - started
    print(f"   seeded in {seed_s:.0f} s: {rows}", flush=True)
    result = measure(app, env, bench_probe.interactions(probe_id, detail_id), pool, args)
    db.close()
    return {**result, "rows": rows, "seed_s": seed_s, "app_start_s": bench_probe.app_start(env)}


def measure(app, env: dict, interactions: list, pool: list[int], args) -> dict:
    """Queries and bytes in-process, then the ceiling and every interaction under load."""
    sessions = bench_probe.sessions(app)
    rows = []
    for interaction in interactions:
        status, queries, size = bench_probe.count_queries(sessions[interaction.user], interaction)
        page = (
            bench_probe.page_bytes(sessions[interaction.user], interaction.page) if interaction.page else size
        )
        rows.append({"key": interaction.key, "label": interaction.label, "kind": interaction.kind})
        rows[-1].update(status=status, queries=queries, bytes=size, page_bytes=page)
    with bench_load.serve(env, "bench_hello:app") as (port, _):
        ceiling = bench_load.drive(
            port, bench_load.lua_script(None, "", "", []), args.seconds, args.connections
        )
    print(f"   ceiling: {ceiling['rps']:.0f} req/s", flush=True)
    with bench_load.serve(env) as (port, server):
        for row, interaction in zip(rows, interactions, strict=True):
            row.update(load(port, interaction, sessions[interaction.user], pool, args))
            row["worker_rss"] = bench_load.worker_rss(server.pid)
            print(f"   {row['label']}: p95 {row['p95_us'] / 1000:.1f} ms", flush=True)
        rss, renderer = bench_load.worker_rss(server.pid), bench_load.renderer_rss(server.pid)
    return {
        "ceiling": ceiling,
        "interactions": rows,
        "worker_rss": rss,
        "renderer_rss": renderer,
        "workers": bench_load.WORKERS,
    }


def load(port: int, interaction, session, pool: list[int], args) -> dict:
    """wrk for the interaction, or sequential requests for the letter PDF."""
    if interaction.kind == "pdf":
        return bench_load.timed_requests(port, interaction.path, session.cookie, args.pdf_requests)
    script = bench_load.lua_script(interaction, session.cookie, session.csrf, pool)
    return bench_load.drive(port, script, args.seconds, args.connections)


if __name__ == "__main__":
    main()
