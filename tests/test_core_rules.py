"""The core rules every city shares, on fake cities that add no rules of their own.

Dates are concrete days in 2027 (written in November 2026); the core also requires a start in
the future, so each test asserts only the findings it is about.
"""

from dataclasses import replace
from datetime import date

import pytest

from intranet import create_app
from intranet.cities.registry import registry
from intranet.cities.workdays import is_working_day, library_holidays, working_days
from intranet.hookspecs import PartnerCity, hookimpl
from intranet.models import Application, BlockedPeriod, CapacityWindow, User
from intranet.platform import migrate
from intranet.platform.db import db

PORTUGAL = PartnerCity(
    slug="testguarda",
    name_de="Testguarda",
    name_local="Testguarda",
    country="PT",
    country_de="Portugal",
    region="Distrito da Guarda",
    languages=("pt", "de"),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Lisbon",
    partner_since="2027",
    short_label="TG",
    holiday_subdiv="09",
)
TURKEY = replace(
    PORTUGAL,
    slug="testselcuk",
    name_de="Testselçuk",
    country="TR",
    languages=("tr", "de"),
    eu=False,
    schengen=False,
    currency="TRY",
    timezone="Europe/Istanbul",
    holiday_subdiv=None,
)
GERMANY = replace(PORTUGAL, slug="testwerder", name_de="Testwerder", country="DE", holiday_subdiv="BB")


class FakeCity:
    """A city plugin with nothing but its identity: every finding below comes from the core."""

    def __init__(self, city: PartnerCity):
        self.city = city

    @hookimpl
    def partner_city(self):
        return self.city


@pytest.fixture
def rules_app(database_url, tmp_path):
    """An app with the three fake cities on a migrated database (SQLite and PostgreSQL)."""
    plugins = tuple(FakeCity(c) for c in (PORTUGAL, TURKEY, GERMANY))
    app = create_app(
        {
            "TESTING": True,
            "DATABASE_URL": database_url,
            "INSTANCE_PATH": str(tmp_path),
            "EXTRA_PLUGINS": plugins,
        }
    )
    with app.app_context(), db.connection_context():
        migrate.upgrade()
        yield app


def trainee(born=date(2000, 1, 1), year=2) -> User:
    return User(display_name="Tina Test", training_year=year, date_of_birth=born)


def stay(start, end, city=PORTUGAL, **person) -> Application:
    return Application(applicant=trainee(**person), city=city.slug, start_date=start, end_date=end)


def findings(application, code=None):
    found = registry().call(application.city, "check_application", application=application)
    return [f for f in found if code is None or f.code == code]


def documents(application):
    return [d.key for d in registry().call(application.city, "required_documents", application=application)]


@pytest.mark.parametrize(
    ("start", "end", "too_long_or_short"),
    [
        (date(2027, 3, 1), date(2027, 3, 10), True),  # 10 days
        (date(2027, 3, 1), date(2027, 3, 22), True),  # 22 days
        (date(2027, 3, 2), date(2027, 3, 15), False),  # 14 days
        (date(2027, 3, 3), date(2027, 3, 23), False),  # 21 days
    ],
)
def test_two_to_three_weeks(rules_app, start, end, too_long_or_short):
    errors = findings(stay(start, end), "duration")
    assert bool(errors) is too_long_or_short
    if errors:
        assert errors[0].severity == "error" and errors[0].field == "end_date"
        assert f"dauert {(end - start).days + 1} Tage; erlaubt sind 14 bis 21 Tage" in errors[0].message


def test_start_in_the_past(rules_app):
    [error] = findings(stay(date(2025, 3, 3), date(2025, 3, 21)), "past")
    assert error.field == "start_date"


def test_start_on_a_saturday_is_an_error(rules_app):
    [error] = findings(stay(date(2027, 3, 6), date(2027, 3, 19)), "working_day")
    assert (error.severity, error.field) == ("error", "start_date")
    assert "Sa., 06.03.2027 ist ein Samstag" in error.message


def test_end_on_a_holiday_is_an_error(rules_app):
    [error] = findings(stay(date(2027, 11, 22), date(2027, 12, 8)), "working_day")
    assert error.field == "end_date" and "Feiertag: Mariä Empfängnis (Imaculada Conceição)" in error.message


def test_stay_across_27_november_in_guarda_warns_of_each_holiday(rules_app):
    application = stay(date(2027, 11, 22), date(2027, 12, 10))
    assert findings(application, "working_day") == []
    [warning] = findings(application, "holidays")
    assert (warning.severity, warning.field) == ("warning", "start_date")
    for day in (
        "Sa., 27.11.2027: Dia do Município da Guarda",
        "Mi., 01.12.2027: Restauração da Independência",
    ):
        assert day in warning.message
    assert "Mi., 08.12.2027: Mariä Empfängnis (Imaculada Conceição)" in warning.message


def test_estimated_and_half_day_holidays_are_named(rules_app):
    application = stay(date(2040, 12, 5), date(2040, 12, 21), city=TURKEY)
    [warning] = findings(application, "holidays")
    assert (
        "Do., 13.12.2040: Kurban Bayramı (saat 13.00'ten) (geschätzt) – halber Arbeitstag" in warning.message
    )
    assert "Fr., 14.12.2040: Kurban Bayramı (geschätzt);" in warning.message


def test_library_holidays_in_the_city_language_with_flags():
    found = {h.day: h for h in library_holidays(TURKEY, date(2040, 12, 1), date(2040, 12, 31))}
    assert found[date(2040, 12, 14)].name == "Kurban Bayramı" and found[date(2040, 12, 14)].estimated
    assert found[date(2040, 12, 13)].half_day and not found[date(2040, 12, 14)].half_day
    [municipal] = library_holidays(PORTUGAL, date(2027, 11, 27), date(2027, 11, 27))
    assert municipal.name == "Dia do Município da Guarda"


def test_working_days(rules_app):
    assert len(working_days(PORTUGAL, date(2027, 11, 22), date(2027, 12, 10))) == 13  # 15 weekdays − 2
    assert not is_working_day(PORTUGAL, date(2027, 12, 1))
    assert is_working_day(TURKEY, date(2040, 12, 13))  # the half day before Bayram still counts
    assert not is_working_day(GERMANY, date(2028, 10, 31))  # Reformationstag, a Tuesday, in Brandenburg
    assert is_working_day(PORTUGAL, date(2028, 10, 31))


def test_seventeen_year_old_needs_consent_and_gets_youth_protection_hints(rules_app):
    application = stay(date(2027, 3, 2), date(2027, 3, 15), born=date(2010, 1, 10))
    [warning] = findings(application, "minor")
    assert warning.severity == "warning" and "17 Jahre" in warning.message
    assert "höchstens 8 Stunden am Tag" in warning.message and "Fünf-Tage-Woche" in warning.message
    assert "custodians_consent" in documents(application)
    assert findings(application, "too_young") == []


def test_fifteen_year_old_is_refused(rules_app):
    application = stay(date(2027, 3, 2), date(2027, 3, 15), born=date(2011, 6, 1))
    [error] = findings(application, "too_young")
    assert error.severity == "error" and "15 Jahre" in error.message


def test_sixteenth_birthday_on_the_first_day_is_enough(rules_app):
    application = stay(date(2027, 3, 2), date(2027, 3, 15), born=date(2011, 3, 2))
    assert findings(application, "too_young") == [] and findings(application, "minor")


def test_adults_need_no_consent(rules_app):
    assert "custodians_consent" not in documents(stay(date(2027, 3, 2), date(2027, 3, 15)))


def test_second_training_year_hint_is_only_a_warning(rules_app):
    [hint] = findings(stay(date(2027, 3, 2), date(2027, 3, 15), year=1), "training_year")
    assert hint.severity == "warning"
    assert "Vorrang haben Auszubildende im 2. Ausbildungsjahr; die Entscheidung trifft das Personalamt." in (
        hint.message
    )
    assert findings(stay(date(2027, 3, 2), date(2027, 3, 15), year=2), "training_year") == []


def test_blocked_period_is_an_error_with_its_reason(rules_app):
    BlockedPeriod.create(
        city="testguarda", start_date=date(2027, 3, 10), end_date=date(2027, 3, 12), reason="Wahl"
    )
    [error] = findings(stay(date(2027, 3, 2), date(2027, 3, 15)), "blocked_period")
    assert error.severity == "error" and error.message.endswith(
        "keine Praktikantinnen und Praktikanten auf: Wahl"
    )
    assert findings(stay(date(2027, 3, 16), date(2027, 3, 31)), "blocked_period") == []
    assert findings(stay(date(2027, 3, 2), date(2027, 3, 15), city=TURKEY), "blocked_period") == []


def test_full_capacity_is_an_error(rules_app):
    CapacityWindow.create(
        city="testguarda", start_date=date(2027, 3, 1), end_date=date(2027, 3, 31), places=1
    )
    other = User.create(username="o", email="o@example.org", display_name="O")
    taken = Application.create(
        applicant=other,
        city="testguarda",
        start_date=date(2027, 3, 8),
        end_date=date(2027, 3, 24),
        status="draft",
    )
    application = stay(date(2027, 3, 2), date(2027, 3, 15))
    assert findings(application, "capacity") == []  # a draft holds no place
    Application.update(status="submitted").where(Application.id == taken.id).execute()
    [error] = findings(application, "capacity")
    assert error.severity == "error" and "einen Platz" in error.message
    assert findings(Application.get_by_id(taken.id), "capacity") == []  # not counted against itself
    assert findings(stay(date(2027, 4, 5), date(2027, 4, 20)), "capacity") == []


def test_eu_abroad_needs_ehic_and_a1(rules_app):
    assert {"ehic", "a1_certificate"} <= set(documents(stay(date(2027, 3, 2), date(2027, 3, 15))))
    assert "ehic" not in documents(stay(date(2027, 3, 2), date(2027, 3, 15), city=TURKEY))
    assert "a1_certificate" not in documents(stay(date(2027, 3, 2), date(2027, 3, 15), city=GERMANY))
    blank = registry().call("testguarda", "required_documents", application=Application())
    assert "Sie beantragen sie nicht selbst" in {d.key: d for d in blank}["a1_certificate"].help


def test_every_city_gets_the_partnership_office_and_112(rules_app):
    for city in (PORTUGAL, TURKEY, GERMANY):
        contacts = {c.kind: c for c in registry().call(city.slug, "contacts")}
        assert contacts["partnership_office"].address == "Nogenter Platz 10, 53721 Siegburg"
        assert not contacts["partnership_office"].verified
        assert contacts["emergency"].phone == "112"
    assert "2021" in {c.kind: c for c in registry().call("testselcuk", "contacts")}["emergency"].note


def test_rule_summaries_describe_the_core_rules(rules_app):
    text = " ".join(registry().call("testguarda", "rule_summaries"))
    for part in (
        "zwei bis drei Wochen",
        "Arbeitstagen",
        "geschätzt",
        "16 Jahren",
        "Jugendarbeitsschutzgesetz",
        "2. Ausbildungsjahr",
        "EHIC",
        "A1-Bescheinigung",
        "sperrt",
        "112",
    ):
        assert part in text
    assert "EHIC" not in " ".join(registry().call("testselcuk", "rule_summaries"))
