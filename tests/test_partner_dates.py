"""The issue's concrete cases against the real city plugins: holidays, durations, minors."""

from datetime import date

import pytest

from intranet.models import User

from .test_city_rules import SLUGS, findings, stay


def holiday_warning(cities, application) -> str:
    [warning] = findings(cities, application, "holidays")
    assert warning.severity == "warning"
    return warning.message


def test_orestiada_across_greek_orthodox_easter_2027(ctx):
    message = holiday_warning(ctx, stay("orestiada", date(2027, 4, 26), date(2027, 5, 10)))
    assert "30.04.2027" in message and "Μεγάλη Παρασκευή" in message
    assert "03.05.2027" in message


def test_selcuk_across_kurban_bayrami_2026(ctx):
    message = holiday_warning(ctx, stay("selcuk", date(2026, 5, 18), date(2026, 6, 5)))
    for day in ("27.05.2026", "28.05.2026", "29.05.2026"):
        assert day in message
    assert "Kurban Bayramı" in message


def test_guarda_across_its_municipal_holiday(ctx):
    application = stay("guarda", date(2027, 11, 22), date(2027, 12, 6))
    message = holiday_warning(ctx, application)
    assert "27.11.2027" in message and "Guarda" in message
    assert not [f for f in findings(ctx, application) if f.severity == "error"]


@pytest.mark.parametrize("slug", SLUGS)
@pytest.mark.parametrize("days", [10, 22])
def test_ten_and_twenty_two_days_are_refused_everywhere(ctx, slug, days):
    start = date(2027, 9, 6)
    application = stay(slug, start, date.fromordinal(start.toordinal() + days - 1))
    [error] = findings(ctx, application, "duration")
    assert error.severity == "error" and f"{days} Tage" in error.message and error.field == "end_date"


@pytest.mark.parametrize("slug", SLUGS)
def test_seventeen_year_old_without_consent(ctx, slug):
    minor = User(display_name="Mia", training_year=2, date_of_birth=date(2010, 1, 15))
    application = stay(slug, date(2027, 9, 6), date(2027, 9, 20))
    application.applicant = minor
    [error] = findings(ctx, application, "custodians")
    assert error.field == "extra_custodians"
    assert findings(ctx, application, "minor")[0].severity == "warning"
    documents = ctx.call(slug, "required_documents", application=application)
    assert "custodians_consent" in [d.key for d in documents]
    application.extra = {"custodians": "Eva und Olaf Berg", "custodians_phone": "+49 2241 1234"}
    assert findings(ctx, application, "custodians") == []
