"""A PgBouncer in transaction mode in front of the test PostgreSQL server (foreground child)."""

import socket
import subprocess
import time

from .pg import PostgresServer, _free_port


class PgBouncer:
    """``pool_mode = transaction`` with one server connection per database: every transaction of
    every client runs on that connection, so state a client left in its session reaches the next."""

    def __init__(self, server: PostgresServer):
        self.server = server
        self.port = _free_port()
        self.process = None

    def start(self) -> None:
        # PgBouncer refuses to run as root: the files go where the postgres user reads them
        root = self.server.root
        (root / "pgbouncer-users.txt").write_text('"postgres" ""\n')
        (root / "pgbouncer.ini").write_text(
            "[databases]\n"
            f"* = host=127.0.0.1 port={self.server.port}\n"
            "[pgbouncer]\n"
            f"listen_addr = 127.0.0.1\nlisten_port = {self.port}\nunix_socket_dir =\n"
            f"auth_type = trust\nauth_file = {root / 'pgbouncer-users.txt'}\n"
            "pool_mode = transaction\ndefault_pool_size = 1\nmax_client_conn = 50\n"
        )
        self.process = subprocess.Popen(
            self.server.command("pgbouncer", str(root / "pgbouncer.ini")),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise RuntimeError("PgBouncer did not start") from None
                time.sleep(0.05)

    def url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
