"""The benchmark's results as tables: printed, written into docs/benchmarks.md and as JSON.

Only the part between the two markers in docs/benchmarks.md is replaced, so the hand-written
notes around it (profiles, before/after of fixes) stay.
"""

import json
from pathlib import Path

START, END = "<!-- bench:start -->", "<!-- bench:end -->"
#: p95 targets of QUALITY.md in milliseconds, by kind of interaction
P95_MS = {"htmx": 50, "page": 100, "pdf": 1000}
RSS_MB, START_S = 120, 1.5


def checks(row: dict) -> list[str]:
    """What one interaction misses of its targets (empty: all met)."""
    missed = []
    if row["p95_us"] / 1000 >= P95_MS[row["kind"]]:
        missed.append("p95")
    if row["kind"] == "htmx" and row["bytes"] * 10 > row["page_bytes"]:
        missed.append("bytes > page/10")
    if row.get("non_2xx") or row.get("refused") or row["status"] != 200:
        missed.append("errors")
    return missed


def size_table(result: dict) -> list[str]:
    """Markdown table of one database size."""
    ceiling = result["ceiling"]["rps"]
    lines = [
        "| Interaction | req/s | p50 ms | p95 ms | SQL queries | bytes | × ceiling | targets |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
        f"| Ceiling: bare Flask hello | {ceiling:.0f} | {result['ceiling']['p50_us'] / 1000:.1f} | "
        f"{result['ceiling']['p95_us'] / 1000:.1f} | – | – | 1.00 | |",
    ]
    for row in result["interactions"]:
        missed = checks(row)
        ratio = f"{row['rps'] / ceiling:.3f}" if row.get("rps") else "–"
        rps = f"{row['rps']:.0f}" if row.get("rps") else "seq."
        lines.append(
            f"| {row['label']} | {rps} | {row['p50_us'] / 1000:.1f} | {row['p95_us'] / 1000:.1f} | "
            f"{row['queries']} | {row['bytes']:,} | {ratio} | {'✗ ' + ', '.join(missed) if missed else '✓'} |"
        )
    rss, start = result["worker_rss"] / 2**20, result["app_start_s"]
    before_pdf = max(r["worker_rss"] for r in result["interactions"] if r["kind"] != "pdf") / 2**20
    renderer = result["renderer_rss"] / 2**20
    lines += [
        "",
        f"Worker RSS after the run (max of {result['workers']}): {rss:.0f} MB {mark(rss < RSS_MB)}, "
        f"before the first letter PDF {before_pdf:.0f} MB; "
        f"the server's PDF renderer (WeasyPrint, one for all workers): {renderer:.0f} MB · "
        f"app start with all plugins (median of 5): {start:.2f} s {mark(start < START_S)} · "
        f"seeding: {result['seed_s']:.0f} s ({', '.join(f'{k} {v:,}' for k, v in result['rows'].items())})",
    ]
    return lines


def mark(ok: bool) -> str:
    return "✓" if ok else "✗"


def queries_table(results: dict) -> list[str]:
    """SQL queries per request at every size: constant means no N+1."""
    sizes = list(results)
    lines = ["| Interaction | " + " | ".join(f"{int(s):,}" for s in sizes) + " | constant |"]
    lines.append("|---|" + "---:|" * len(sizes) + "---|")
    for index, row in enumerate(results[sizes[0]]["interactions"]):
        counts = [results[s]["interactions"][index]["queries"] for s in sizes]
        lines.append(
            f"| {row['label']} | " + " | ".join(map(str, counts)) + f" | {mark(len(set(counts)) == 1)} |"
        )
    return lines


def markdown(report: dict) -> str:
    """The generated part of docs/benchmarks.md."""
    meta = report["meta"]
    lines = [
        START,
        f"Run of {meta['date']} with `{meta['command']}` on {meta['cpus']} × {meta['cpu']}; "
        f"load average {meta['load_before']} before, {meta['load_after']} after. {meta['note']}",
        "",
        f"{meta['seconds']} s of wrk per interaction, {meta['connections']} connections, one wrk thread; "
        f"letter PDF: {meta['pdf_requests']} sequential requests.",
    ]
    for size, result in report["sizes"].items():
        lines += ["", f"### {int(size):,} applications", "", *size_table(result)]
    lines += ["", "### SQL queries per request", "", *queries_table(report["sizes"])]
    if "files" in report:
        lines += [
            "",
            "### Upload and download of a 5 MB document, per storage backend",
            "",
            *files_table(report),
        ]
    return "\n".join([*lines, END]) + "\n"


def files_table(report: dict) -> list[str]:
    """Time and worker memory of one 5 MB transfer with each backend (scripts/bench_files.py)."""
    rounds = next(iter(report["files"].values()))["upload"]["rounds"]
    lines = [
        f"{rounds} sequential transfers after a warm-up, one gunicorn worker; "
        "peak = VmHWM of the worker during the measured transfers.",
        "",
        "| Backend | Transfer | p50 ms | slowest ms | worker RSS before | peak worker RSS |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for backend, result in report["files"].items():
        for transfer in ("upload", "download"):
            row = result[transfer]
            lines.append(
                f"| {backend} | {transfer} | {row['p50_s'] * 1000:.0f} | {row['max_s'] * 1000:.0f} | "
                f"{row['rss_before'] / 2**20:.0f} MB | {row['peak_rss'] / 2**20:.0f} MB |"
            )
    return lines


def write(report: dict, json_path: Path, markdown_path: Path) -> str:
    """Write the JSON and the generated part of the Markdown file; returns the Markdown part."""
    json_path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")
    part = markdown(report)
    text = markdown_path.read_text() if markdown_path.exists() else f"# Benchmarks\n\n{START}\n{END}\n"
    before, _, rest = text.partition(START)
    after = rest.partition(END)[2]
    markdown_path.write_text(before + part.rstrip("\n") + after)
    return part
