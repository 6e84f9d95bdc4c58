"""Secret-key guard, CSRF protection and the security headers on every response."""

from flask import Flask, request
from flask_wtf.csrf import CSRFProtect
from werkzeug.middleware.proxy_fix import ProxyFix

from intranet.platform.config import DEV_SECRET_KEY

csrf = CSRFProtect()

CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "connect-src 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
        "base-uri 'none'",
        "object-src 'none'",
    ]
)


class InsecureConfiguration(RuntimeError):
    """The app would run in production with the development secret key."""


def check_secret_key(app: Flask) -> None:
    """Refuse to start outside development/demo/tests without a real SECRET_KEY."""
    relaxed = app.debug or app.testing or app.config.get("DEMO")
    key = app.config.get("SECRET_KEY")
    if not relaxed and (not key or key == DEV_SECRET_KEY or len(key) < 32):
        raise InsecureConfiguration(
            "Kein sicherer SECRET_KEY gesetzt. Bitte INTRANET_SECRET_KEY (mindestens 32 Zeichen, "
            "zufällig) setzen, z. B. mit: python -c 'import secrets; print(secrets.token_hex(32))'\n"
            "No secure SECRET_KEY configured: set INTRANET_SECRET_KEY (32+ random characters)."
        )


def _headers(response):
    h = response.headers
    h.setdefault("Content-Security-Policy", CSP)
    h.setdefault("X-Content-Type-Options", "nosniff")
    h.setdefault("Referrer-Policy", "same-origin")
    h.setdefault("X-Frame-Options", "DENY")
    if not request.path.startswith("/static/"):
        # Pages carry personal data: never cache them, and they differ for htmx.
        h["Cache-Control"] = "no-store"
        response.vary.add("HX-Request")
    return response


def init_app(app: Flask) -> None:
    """Enable CSRF on every state change, add the headers, trust the configured reverse proxies."""
    csrf.init_app(app)
    app.after_request(_headers)
    proxies = int(app.config["TRUSTED_PROXIES"])
    if proxies > 0:
        # the client's address from X-Forwarded-For, as far as that many proxies vouch for it
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies)
