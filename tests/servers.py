"""App servers for multi-host tests: gunicorn with the production config, one per port, each in a
process group of its own (master, workers and PDF renderer end together)."""

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from .pg import _free_port

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


class AppServer:
    """``gunicorn -c gunicorn.conf.py`` on a free port with the given INTRANET_* settings."""

    def __init__(self, name: str, settings: dict[str, str], log_dir: Path):
        self.name = name
        self.port = _free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.env = {
            **os.environ,
            **settings,
            "INTRANET_BIND": f"127.0.0.1:{self.port}",
            "WEB_CONCURRENCY": "2",
        }
        self.log = log_dir / f"{name}.log"
        self.process = None

    def start(self) -> None:
        with self.log.open("a") as log:
            self.process = subprocess.Popen(
                [BIN / "gunicorn", "-c", ROOT / "gunicorn.conf.py"],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(self.base + "/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                pass
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError(f"server {self.name} did not start: {self.log.read_text()[-2000:]}")
            time.sleep(0.1)

    def command(self, *args: str, env: dict[str, str] | None = None) -> subprocess.Popen:
        """``flask --app intranet ARGS`` on this host (its settings and ``env``), started, not waited for."""
        return subprocess.Popen(
            [BIN / "flask", "--app", "intranet", *args],
            env={**self.env, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )

    def kill(self) -> None:
        """kill -9 of master, workers and renderer: no graceful shutdown, nothing cleaned up."""
        os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait(timeout=30)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
