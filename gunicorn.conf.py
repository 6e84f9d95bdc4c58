"""gunicorn settings for production: ``gunicorn -c gunicorn.conf.py`` (see docs/deployment.md).

The app's own settings come from INTRANET_* variables and instance/config.py as always;
only the server is configured here. Values can be overridden by environment variables.
"""

import multiprocessing
import os

wsgi_app = "intranet:create_app()"

#: nginx runs on the same host and forwards to this address; never bind to all interfaces.
bind = os.environ.get("INTRANET_BIND", "127.0.0.1:8000")
#: sync workers: the app does short database work per request. WEB_CONCURRENCY overrides.
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "sync"
timeout = 60
graceful_timeout = 30
#: recycle workers now and then so that a slow leak cannot grow without bound
max_requests = 2000
max_requests_jitter = 200

#: X-Forwarded-Proto from nginx on this host decides https for url_for and Secure cookies.
forwarded_allow_ips = os.environ.get("INTRANET_FORWARDED_ALLOW_IPS", "127.0.0.1")

#: No access log: it would record IP addresses and query strings (search terms). The app
#: logs one line per request itself, with request id and user id (intranet/logs.py).
accesslog = None
errorlog = "-"
loglevel = os.environ.get("INTRANET_GUNICORN_LOGLEVEL", "info")


def on_starting(server):
    """One PDF renderer for all workers (intranet/platform/pdfworker.py): the workers forked later find
    its socket in the environment and do not load WeasyPrint themselves."""
    from intranet.platform import pdfworker

    server.pdf_renderer = pdfworker.start()
    os.environ[pdfworker.ADDRESS] = server.pdf_renderer[1]


def on_exit(server):
    from intranet.platform import pdfworker

    pdfworker.stop(*server.pdf_renderer)
