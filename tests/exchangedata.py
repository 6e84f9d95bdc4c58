"""Test data for tandems and the ledger: outbound stays and partner trainees with given dates."""

from datetime import date

from intranet.models import Application, InboundTrainee, utcnow
from intranet.platform.db import db


def run(app, fn, *args, **kwargs):
    """Call ``fn`` inside a request context with an open connection."""
    with app.test_request_context(), db.connection_context():
        return fn(*args, **kwargs)


def stay(trainee, city, start: date, end: date, status="approved") -> Application:
    """An outbound application of ``trainee`` in ``status`` (the city rules are tested elsewhere)."""
    return Application.create(
        applicant=trainee,
        city=city,
        start_date=start,
        end_date=end,
        status=status,
        training_track=trainee.training_track,
        training_year=trainee.training_year,
        submitted_at=utcnow(),
    )


def guest(city, start: date, end: date, status="planned", **fields) -> InboundTrainee:
    """A partner trainee staying in Siegburg from ``start`` to ``end``."""
    values = {
        "first_name": "Léa",
        "last_name": "Martin",
        "home_administration": "Mairie",
        "training": "Rédacteur territorial",
        "training_track": "VFA",
        "languages": [{"code": "fr", "level": "C2"}, {"code": "de", "level": "B1"}],
        "letter_language": "fr",
        **fields,
    }
    return InboundTrainee.create(
        city=city, start_date=start, end_date=end, arrival=start, departure=end, status=status, **values
    )
