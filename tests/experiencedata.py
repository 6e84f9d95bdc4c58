"""Test data for experience reports and Europass: a placed stay that has ended, a complete report."""

from datetime import date, timedelta

from intranet.models import Application, Placement, User
from intranet.platform.db import db
from intranet.reports.experience import GOALS, MIN_TEXT

from .exchangedata import stay

#: a text long enough for submission, with letters beyond ASCII
TEXT = "Die Abteilung arbeitet eng mit den Bürgerinnen und Bürgern zusammen; sehr lehrreich. " * 2
assert len(TEXT) >= MIN_TEXT


def ended_stay(app, trainee: User, city: str, days_ago: int = 7, status: str = "placed") -> Application:
    """A placed stay in ``city`` that ended ``days_ago`` days ago (the city rules are tested elsewhere)."""
    end = date.today() - timedelta(days=days_ago)
    start = end - timedelta(days=13)
    with app.test_request_context(), db.connection_context():
        application = stay(trainee, city, start, end, status)
        Placement.create(
            application=application,
            department="Service de l'état civil",
            mentor="Zoé Lefèvre",
            arrival=start,
            departure=end,
        )
    return application


def report_form(**overrides) -> dict:
    """A complete report as the form posts it; ``overrides`` replace or add fields."""
    form = {f"rating-{key}": str(n) for n, (key, _label) in enumerate(GOALS, start=2)}
    form |= {f"text-{key}": f"{TEXT} ({key})" for key, _label in GOALS}
    form |= {
        "summary": "Ich empfehle den Austausch allen Auszubildenden, besonders wegen der Kontakte.",
        "version": "0",
        "action": "submit",
    }
    return form | overrides
