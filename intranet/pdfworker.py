"""PDFs are made by a child process of each web worker, started on the first PDF and kept.

WeasyPrint brings fontTools, pango and the fonts: about 35 MB that would otherwise stay in
every web worker for good (QUALITY.md: a worker under 120 MB). In the child they cost that
once per worker without Flask and the app; a render that hangs is killed after
``TIMEOUT`` instead of blocking the worker. The child ends when its worker ends (its end
of the pipe closes).
"""

import multiprocessing
import os
import threading

#: seconds a single PDF may take before the child is killed
TIMEOUT = 60

_lock = threading.Lock()  # the threaded development server shares one child between threads
_child = None  # (pid of the process that started it, Process, Connection)


class RenderError(RuntimeError):
    """The child could not make the PDF (it failed, hung or died)."""


def render(html: str, stylesheet: str) -> bytes:
    """``html`` as PDF, styled by the CSS file at path ``stylesheet``."""
    with _lock:
        connection = _connection()
        try:
            connection.send((html, stylesheet))
            if not connection.poll(TIMEOUT):
                raise RenderError(f"no PDF after {TIMEOUT} s")
            done, result = connection.recv()
        except (OSError, EOFError, RenderError) as error:
            _stop()  # the next PDF gets a fresh child
            raise RenderError(str(error) or type(error).__name__) from error
    if not done:
        raise RenderError(result)
    return result


def _connection():
    """The pipe to this process's child, starting one if there is none (or it belongs to a parent
    this process was forked from: that pipe is not ours to use)."""
    global _child
    if _child is None or _child[0] != os.getpid() or not _child[1].is_alive():
        context = multiprocessing.get_context("spawn")  # a fresh interpreter: no app, no database
        ours, theirs = context.Pipe()
        process = context.Process(target=serve, args=(theirs,), name="intranet-pdf", daemon=True)
        process.start()
        theirs.close()
        _child = (os.getpid(), process, ours)
    return _child[2]


def _stop() -> None:
    global _child
    if _child is not None and _child[0] == os.getpid():
        _child[1].kill()
        _child[1].join()
        _child[2].close()
    _child = None


def serve(connection) -> None:
    """The child: answer (html, stylesheet) with (True, pdf) or (False, message) until the pipe closes."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    class NoFetching(URLFetcher):
        def fetch(self, url, headers=None):
            raise ValueError(f"PDFs load no external resources: {url}")

    while True:
        try:
            html, stylesheet = connection.recv()
        except EOFError:
            return
        try:
            pdf = HTML(string=html, url_fetcher=NoFetching()).write_pdf(
                stylesheets=[CSS(filename=stylesheet)]
            )
        except Exception as error:  # reported to the worker, which raises it there
            connection.send((False, f"{type(error).__name__}: {error}"))
        else:
            connection.send((True, pdf))
