"""PDFs are made by a renderer process, never in the web workers.

WeasyPrint brings fontTools, pango and the fonts: about 35 MB that a web worker would keep
for good after its first PDF (QUALITY.md: a worker under 120 MB), in every worker. Under
gunicorn the master starts one renderer for all workers (``gunicorn.conf.py``); workers find
it through the environment variable ``ADDRESS``. Any other process (development server,
tests, CLI) starts its own on its first PDF, and so does a worker whose server renderer is
gone (its socket refuses the connection). Requests come through a Unix socket in a private
directory, one per connection, answered one after the other; a render that takes longer
than ``TIMEOUT`` is cut off by an alarm in the renderer. A renderer ends when the process
that started it ends.
"""

import atexit
import os
import select
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from multiprocessing.connection import Connection

#: environment variable with the socket of the server's renderer (set by gunicorn.conf.py)
ADDRESS = "INTRANET_PDF_SOCKET"
#: seconds a single PDF may take
TIMEOUT = 60

_lock = threading.Lock()
_own = None  # (pid of the process that started it, Popen, socket path)


class RenderError(RuntimeError):
    """The renderer could not make the PDF (it failed, took too long or is gone)."""


def render(html: str, stylesheet: str) -> bytes:
    """``html`` as PDF, styled by the CSS file at path ``stylesheet``."""
    server = os.environ.get(ADDRESS)
    try:
        connection = _connect(server or _own_renderer())
    except OSError:  # the server's renderer is gone (use one of our own), or ours (start it again)
        connection = _connect(_own_renderer(restart=not server))
    with connection:
        try:
            connection.send((html, stylesheet))
            if not connection.poll(TIMEOUT + 10):
                raise RenderError(f"keine Antwort nach {TIMEOUT + 10} s")
            done, result = connection.recv()
        except (OSError, EOFError) as error:
            raise RenderError(f"{type(error).__name__}: {error}") from error
    if not done:
        raise RenderError(result)
    return result


def start(timeout: float = TIMEOUT) -> tuple[subprocess.Popen, str]:
    """Start a renderer for this process and the ones it forks later; returns it and its socket path.

    A plain subprocess, not multiprocessing: a gunicorn worker forked from the master would
    otherwise take the renderer for its own child and terminate it when the worker exits."""
    address = os.path.join(tempfile.mkdtemp(prefix="intranet-pdf-"), "socket")  # 0700: only we connect
    command = [sys.executable, "-m", __name__, address, str(os.getpid()), str(timeout)]
    # our own interpreter and module, no shell; the arguments are a path we made and numbers
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stdin=subprocess.DEVNULL)  # nosec B603
    ready, _, _ = select.select([process.stdout], [], [], 60)
    if not ready or process.stdout.readline() != b"ready\n":
        stop(process, address)
        raise RenderError("PDF-Renderer startet nicht")
    process.stdout.close()
    return process, address


def stop(process: subprocess.Popen, address: str) -> None:
    """End a renderer started by ``start`` and remove its socket."""
    process.terminate()
    process.wait()
    shutil.rmtree(os.path.dirname(address), ignore_errors=True)


def _own_renderer(restart: bool = False) -> str:
    """The socket of this process's own renderer, started on first use (or again if it ended)."""
    global _own
    with _lock:
        if restart or _own is None or _own[0] != os.getpid() or _own[1].poll() is not None:
            _stop_own()
            if _own is None:
                atexit.register(_stop_own)
            _own = (os.getpid(), *start())
        return _own[2]


def _stop_own() -> None:
    if _own is not None and _own[0] == os.getpid() and _own[1].poll() is None:
        stop(*_own[1:])


def _connect(address: str) -> Connection:
    client = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        client.connect(address)
    except OSError:
        client.close()
        raise
    return Connection(client.detach())


def serve(address: str, parent: int, timeout: float) -> None:
    """The renderer: answer (html, stylesheet) with (True, pdf) or (False, message), one at a time,
    as long as ``parent`` lives."""
    make_pdf = _pdf_maker(timeout)
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(address)
    listener.listen(64)
    listener.settimeout(1)  # wake up every second to notice that the parent is gone
    print("ready", flush=True)  # to the starter, which waits for this line
    try:
        while os.getppid() == parent:
            try:
                accepted, _ = listener.accept()
            except TimeoutError:
                continue
            accepted.settimeout(None)
            with Connection(accepted.detach()) as connection:
                _answer(connection, make_pdf)
    finally:
        listener.close()
        shutil.rmtree(os.path.dirname(address), ignore_errors=True)


def _answer(connection: Connection, make_pdf) -> None:
    try:
        html, stylesheet = connection.recv()
    except (EOFError, OSError):
        return
    try:
        connection.send(make_pdf(html, stylesheet))
    except OSError:  # the worker gave up waiting
        pass


class _TookTooLong(Exception):
    pass


def _alarm(signum, frame):
    raise _TookTooLong


def _pdf_maker(timeout: float):
    """A function (html, stylesheet) → (True, pdf) or (False, message), cut off after ``timeout`` s."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDFs load no external resources: {url}")

    signal.signal(signal.SIGALRM, _alarm)

    def make_pdf(html: str, stylesheet: str) -> tuple[bool, bytes | str]:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        try:
            pdf = HTML(string=html, url_fetcher=NoFetching()).write_pdf(
                stylesheets=[CSS(filename=stylesheet)]
            )
        except _TookTooLong:
            return False, f"PDF nach {timeout} s abgebrochen"
        except Exception as error:  # reported to the worker, which raises it there
            return False, f"{type(error).__name__}: {error}"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return True, pdf

    return make_pdf


if __name__ == "__main__":
    serve(sys.argv[1], int(sys.argv[2]), float(sys.argv[3]))
