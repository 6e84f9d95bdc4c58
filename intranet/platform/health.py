"""``GET /health`` for monitoring: database, migrations, plugins, mail outbox.

No login and no personal data: only check names, states and counts. The answer comes
from a ``before_request`` hook registered ahead of the others, so it is JSON even when
the database is down or migrations are pending (the later hooks would answer 500/503
HTML for every other page).
"""

from datetime import timedelta
from importlib.metadata import entry_points

from flask import Flask, current_app, jsonify, request
from peewee import PeeweeException

from intranet.models import OutboxMessage, utcnow
from intranet.platform import migrate
from intranet.platform.db import db

PATH = "/health"


def check_database() -> dict:
    """The database answers a trivial query."""
    db.connect(reuse_if_open=True)
    db.execute_sql("SELECT 1")
    return {"ok": True}


def check_migrations() -> dict:
    """No migration is pending."""
    missing = migrate.pending()
    return {"ok": not missing, "pending": missing}


def check_plugins() -> dict:
    """Every installed city plugin is loaded, and there is at least one city."""
    pm = current_app.extensions["plugin_manager"]
    missing = sorted(ep.name for ep in entry_points(group="intranet") if pm.get_plugin(ep.name) is None)
    cities = sorted(city.slug for city in current_app.extensions["cities"])
    return {"ok": bool(cities) and not missing, "cities": cities, "not_loaded": missing}


def check_outbox() -> dict:
    """No mail has waited longer than HEALTH_OUTBOX_MAX_MINUTES past its due time."""
    limit = utcnow() - timedelta(minutes=current_app.config["HEALTH_OUTBOX_MAX_MINUTES"])
    pending = OutboxMessage.pending()
    overdue = pending.where(OutboxMessage.next_attempt_at < limit).count()
    failed = OutboxMessage.failed().count()
    return {"ok": overdue == 0, "pending": pending.count(), "overdue": overdue, "failed": failed}


#: name → (check, names of the checks it needs to have passed)
CHECKS = {
    "database": (check_database, ()),
    "migrations": (check_migrations, ("database",)),
    "plugins": (check_plugins, ()),
    "outbox": (check_outbox, ("database", "migrations")),
}


def run_checks() -> dict[str, dict]:
    """Run every check; one that needs a failed check is skipped (``ok`` None), not failed."""
    results: dict[str, dict] = {}
    for name, (check, needs) in CHECKS.items():
        if any(results[need]["ok"] is not True for need in needs):
            results[name] = {"ok": None, "skipped": True}
            continue
        try:
            results[name] = check()
        except PeeweeException as exc:
            results[name] = {"ok": False, "error": type(exc).__name__}
    return results


def _answer_health():
    if request.path != PATH or request.method not in ("GET", "HEAD"):
        return None
    results = run_checks()  # the connection is closed by the database's teardown
    failing = [name for name, result in results.items() if result["ok"] is False]
    if failing:
        current_app.logger.warning("Health check failing: %s", ", ".join(failing))
    healthy = all(result["ok"] for result in results.values())
    body = {"status": "ok" if healthy else "fail", "failing": failing, "checks": results}
    return jsonify(body), 200 if healthy else 503


def init_app(app: Flask) -> None:
    """Register the health answer; call before any hook that needs the database."""
    app.before_request(_answer_health)
