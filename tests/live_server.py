"""Serve a Flask app with a real WSGI server on 127.0.0.1 for browser tests."""

import http.cookiejar
import re
import threading
import urllib.parse
import urllib.request
from contextlib import contextmanager

from werkzeug.serving import WSGIRequestHandler, make_server


class QuietHandler(WSGIRequestHandler):
    """No access log per request (werkzeug would otherwise install a stderr handler)."""

    def log_request(self, code="-", size="-"):
        pass


class ErrorRecorder:
    """WSGI middleware that remembers every exception the app raised while serving."""

    def __init__(self, app):
        self.app = app
        self.errors: list[BaseException] = []

    def __call__(self, environ, start_response):
        try:
            return self.app(environ, start_response)
        except BaseException as exc:
            self.errors.append(exc)
            raise


@contextmanager
def live_server(app):
    """Yield the base URL of ``app`` served by werkzeug on a free port; stop it afterwards.

    Exceptions raised by the app while serving fail the test at the end (the browser
    only sees a 500 page).
    """
    recorder = ErrorRecorder(app)
    # port 0: the kernel picks a free port, no race between choosing and binding
    server = make_server("127.0.0.1", 0, recorder, threaded=True, request_handler=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, name="live-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)
        server.server_close()
    if recorder.errors:
        raise AssertionError(
            f"the app raised while serving the browser: {recorder.errors!r}"
        ) from recorder.errors[0]


def log_in(base: str, username: str, password: str) -> tuple[str, str]:
    """Log in through HTTP; returns the Cookie header and the CSRF token of that session."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    page = opener.open(base + "/anmelden").read().decode()
    token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page).group(1)
    form = {"username": username, "password": password, "csrf_token": token}
    page = opener.open(base + "/anmelden", data=urllib.parse.urlencode(form).encode()).read().decode()
    token = re.search(r'"X-CSRFToken": "([^"]+)"', page).group(1)
    return "; ".join(f"{c.name}={c.value}" for c in jar), token
