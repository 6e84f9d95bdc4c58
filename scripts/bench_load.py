"""Load: gunicorn as a child process, wrk with a Lua script per interaction, sequential PDF timings.

wrk's ``done`` hook prints one JSON line with the request count and latency percentiles; the
approve click walks a pool of submitted applications and reverts each approval on its next
turn, so a run of any length finds a fresh decision to make and the budget stays as seeded.
"""

import http.client
import json
import os
import socket
import statistics
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from bench_probe import Interaction

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
#: two sync workers on two cores; recycling off, so a short run measures no worker restarts
WORKERS = 2
LUA_DONE = """
threads = {}
function setup(thread) table.insert(threads, thread) end
function done(summary, latency, requests)
  local refused = 0
  for _, t in ipairs(threads) do refused = refused + (t:get("refused") or 0) end
  io.write(string.format(
    '{"requests": %d, "duration_us": %d, "read_bytes": %d, "non_2xx": %d, '
    .. '"socket_errors": %d, "refused": %d, "p50_us": %d, "p95_us": %d, "p99_us": %d}\\n',
    summary.requests, summary.duration, summary.bytes, summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout, refused,
    latency:percentile(50), latency:percentile(95), latency:percentile(99)))
end
"""
LUA_APPROVE = """
local ids = {%(ids)s}
local approved = {}
local turn = 0
local checked = false
refused = 0
function request()
  -- wrk calls request() once to check the script and never sends that one: it must not toggle
  if not checked then checked = true; return wrk.format("GET", "/health") end
  turn = turn %% #ids + 1
  local id = ids[turn]
  local path, body = "/personal/" .. id .. "/approve", "reason="
  if approved[id] then path, body = "/personal/" .. id .. "/revert", "reason=Benchmark" end
  approved[id] = not approved[id]
  return wrk.format("POST", path, headers, body)
end
function response(status, hdrs, body)
  if string.find(body, "Nicht m", 1, true) or string.find(body, "Budget reicht nicht", 1, true) then
    refused = refused + 1
  end
end
"""


def free_port() -> int:
    """A port on 127.0.0.1 nobody listens on right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def serve(env: dict, app: str | None = None, workers: int = WORKERS):
    """gunicorn with gunicorn.conf.py (``app`` replaces its wsgi_app) on a free port: (port, process)."""
    port = free_port()
    env = {**env, "INTRANET_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": str(workers)}
    env["INTRANET_GUNICORN_LOGLEVEL"] = "warning"
    command = [str(GUNICORN), "-c", str(ROOT / "gunicorn.conf.py"), "--max-requests", "0"]
    command += ["--pythonpath", str(ROOT / "scripts"), *([app] if app else [])]
    # the server's own log stays with the instance folder, which the run removes at the end
    log = open(Path(env["INTRANET_INSTANCE_PATH"]) / f"gunicorn-{port}.log", "w")  # noqa: SIM115
    process = subprocess.Popen(command, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
    try:
        wait_until_up(port, process, "/" if app else "/health")
        yield port, process
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()


def wait_until_up(port: int, process: subprocess.Popen, path: str, timeout: float = 30) -> None:
    """Poll ``path`` until the server answers, then warm both workers up with a second of wrk."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {process.returncode}")
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            connection.request("GET", path)
            if connection.getresponse().status == 200:
                subprocess.run(
                    ["wrk", "-t1", "-c4", "-d1s", f"http://127.0.0.1:{port}{path}"], capture_output=True
                )
                return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError("gunicorn did not start")


def lua_script(interaction: Interaction | None, cookie: str, csrf: str, pool: list[int]) -> str:
    """The wrk script of one interaction (None: the ceiling's plain GET)."""
    if interaction is None:
        return LUA_DONE
    headers = {**interaction.headers, "Cookie": cookie, "X-CSRFToken": csrf}
    if interaction.method == "POST":
        headers["Content-Type"] = "application/x-www-form-urlencoded"
    setup = "headers = {" + ", ".join(f"[{lua(k)}] = {lua(v)}" for k, v in headers.items()) + "}\n"
    if interaction.key == "approve":
        return setup + LUA_APPROVE % {"ids": ", ".join(map(str, pool))} + LUA_DONE
    setup += f"wrk.method = {lua(interaction.method)}\nwrk.path = {lua(interaction.path)}\n"
    setup += f"wrk.body = {lua(interaction.body)}\nwrk.headers = headers\n"
    return setup + LUA_DONE


def lua(text: str) -> str:
    """A Lua string literal (the values are ASCII: paths, cookies, tokens, url-encoded forms)."""
    assert text.isascii(), text
    return json.dumps(text)


def drive(port: int, script: str, seconds: int, connections: int) -> dict:
    """Run wrk against the server for ``seconds``; returns the JSON of the script's ``done``."""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
        fh.write(script)
    try:
        command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s", "--latency"]
        url = f"http://127.0.0.1:{port}/"
        out = subprocess.run(
            [*command, "-s", fh.name, url], capture_output=True, text=True, timeout=seconds + 60
        )
    finally:
        os.unlink(fh.name)
    result = json.loads(out.stdout.strip().splitlines()[-1])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def timed_requests(port: int, path: str, cookie: str, count: int) -> dict:
    """``count`` sequential GETs (after one warm-up): p50/p95 in microseconds, bytes, status."""
    times, size, status = [], 0, 0
    for _ in range(count + 1):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        started = time.perf_counter()
        connection.request("GET", path, headers={"Cookie": cookie})
        response = connection.getresponse()
        size, status = len(response.read()), response.status
        times.append((time.perf_counter() - started) * 1e6)
        connection.close()
    times = sorted(times[1:])
    p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
    return {
        "requests": count,
        "p50_us": statistics.median(times),
        "p95_us": p95,
        "status": status,
        "read_bytes": size,
    }


def worker_rss(master: int) -> int:
    """Largest resident set of the server's workers, in bytes."""
    return max(_rss(pid) for pid in _children(master) if not _is_renderer(pid))


def worker_peak_rss(master: int) -> int:
    """Largest peak resident set (VmHWM) of the server's workers since the last reset, in bytes."""
    return max(_rss(pid, "VmHWM") for pid in _children(master) if not _is_renderer(pid))


def reset_peak_rss(master: int) -> None:
    """Start the workers' VmHWM afresh from their current resident set (Linux ≥ 4.0)."""
    for pid in _children(master):
        if not _is_renderer(pid):
            Path(f"/proc/{pid}/clear_refs").write_text("5")


def renderer_rss(master: int) -> int:
    """Resident set of the server's PDF renderer (intranet/platform/pdfworker.py), in bytes."""
    return sum(_rss(pid) for pid in _children(master) if _is_renderer(pid))


def _is_renderer(pid: int) -> bool:
    return b"intranet.platform.pdfworker" in Path(f"/proc/{pid}/cmdline").read_bytes()


def _children(pid: int) -> list[int]:
    return [int(child) for child in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()]


def _rss(pid: int, key: str = "VmRSS") -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{key}:"):
            return int(line.split()[1]) * 1024
    return 0
