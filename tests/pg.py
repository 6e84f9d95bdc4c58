"""A throwaway PostgreSQL server for the tests (RECIPES.md): foreground child, fsync off."""

import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def _bindir() -> Path:
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name))
    if not versions:
        raise RuntimeError("PostgreSQL not installed: apt-get install -y postgresql")
    return versions[-1]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class PostgresServer:
    """initdb + postgres as the postgres user when running as root."""

    def __init__(self):
        self.bindir = _bindir()
        # not under pytest's tmp dirs: those are private to root, postgres must enter
        self.root = Path(tempfile.mkdtemp(prefix="intranet-pg-"))
        self.port = _free_port()
        self.process = None
        self._user = "postgres" if os.geteuid() == 0 else None

    def _cmd(self, *args) -> list[str]:
        return self.command(str(self.bindir / args[0]), *args[1:])

    def command(self, *args) -> list[str]:
        """A command line run as the server's user (postgres when the tests run as root)."""
        return ["runuser", "-u", self._user, "--", *args] if self._user else list(args)

    def start(self) -> None:
        if self._user:
            entry = pwd.getpwnam(self._user)
            os.chown(self.root, entry.pw_uid, entry.pw_gid)
        subprocess.run(
            self._cmd(
                "initdb",
                "-D",
                str(self.root / "data"),
                "-U",
                "postgres",
                "-A",
                "trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ),
            check=True,
            capture_output=True,
        )
        self._run()

    def _run(self) -> None:
        self.process = subprocess.Popen(
            self._cmd(
                "postgres",
                "-D",
                str(self.root / "data"),
                "-p",
                str(self.port),
                "-k",
                str(self.root),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "fsync=off",
                "-c",
                "synchronous_commit=off",
                "-c",
                "full_page_writes=off",
            ),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while (
            subprocess.run(
                [str(self.bindir / "pg_isready"), "-q", "-h", "127.0.0.1", "-p", str(self.port)]
            ).returncode
            != 0
        ):
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("PostgreSQL did not start")
            time.sleep(0.1)

    def _shutdown(self) -> None:
        # "fast" ends the clients' sessions (SIGTERM, "smart", would wait for every pooled
        # connection of the test processes to be closed)
        subprocess.run(
            self._cmd("pg_ctl", "stop", "-D", str(self.root / "data"), "-m", "fast", "-w"),
            check=True,
            capture_output=True,
        )
        self.process.wait(timeout=30)

    def restart(self) -> None:
        """Stop the server (every client connection is cut) and start it again on the same port."""
        self._shutdown()
        self._run()

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def _psql(self, sql: str) -> None:
        subprocess.run(
            [
                str(self.bindir / "psql"),
                "-q",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.port),
                "-U",
                "postgres",
                "-d",
                "postgres",
                "-v",
                "ON_ERROR_STOP=1",
                "-c",
                sql,
            ],
            check=True,
            capture_output=True,
        )

    def create_database(self, name: str, template: str | None = None) -> None:
        self._psql(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))

    def drop_database(self, name: str) -> None:
        self._psql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def stop(self) -> None:
        if self.process is not None:
            self._shutdown()
        shutil.rmtree(self.root, ignore_errors=True)
