"""Fixtures: app on SQLite and on a real PostgreSQL server, clients with CSRF, users per role."""

import re
import shutil
import uuid
from datetime import date, timedelta
from pathlib import Path

import holidays
import pytest
from flask.testing import FlaskClient

from intranet import create_app
from intranet.models import BudgetAccount, User
from intranet.people.passwords import hash_password
from intranet.people.users import create_user
from intranet.platform import migrate
from intranet.platform.db import db, disconnect, open_database

from .pg import PostgresServer

PASSWORD = "geheim-123"
#: amount of each seeded budget account in the tests (100 000 €)
TEST_BUDGET_CENTS = 10_000_000

#: role fixtures: username → (display name, roles, city scopes, profile)
PEOPLE = {
    "anna": (
        "Anna Azubi",
        ("employee",),
        (),
        {"training_track": "VFA", "training_year": 2, "date_of_birth": date(2004, 3, 1)},
    ),
    "ben": (
        "Ben Berger",
        ("employee",),
        (),
        {"training_track": "SIA", "training_year": 1, "date_of_birth": date(2005, 7, 9)},
    ),
    "hanna": ("Hanna Personal", ("hr",), (), {}),
    "claire": ("Claire Nogent", ("city_admin",), ("nogent",), {}),
    "miguel": ("Miguel Guarda", ("city_admin",), ("guarda",), {}),
    "root": ("Rita Admin", ("admin",), (), {}),
}


class CSRFClient(FlaskClient):
    """A test client that sends the session's CSRF token with every POST, like htmx does."""

    csrf = True

    def open(self, *args, **kwargs):
        if self.csrf and kwargs.get("method", "GET") == "POST":
            headers = dict(kwargs.pop("headers", None) or {})
            headers.setdefault("X-CSRFToken", self.csrf_token())
            kwargs["headers"] = headers
        return super().open(*args, **kwargs)

    def csrf_token(self) -> str:
        page = super().open("/anmelden", method="GET", follow_redirects=True)
        match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text)
        assert match, "no CSRF token on the login page"
        return match.group(1)


@pytest.fixture(scope="session")
def password_hash():
    """One argon2 hash for all test users: hashing per test would dominate the run time."""
    return hash_password(PASSWORD)


@pytest.fixture(scope="session")
def postgres():
    """A throwaway PostgreSQL cluster on 127.0.0.1 with a migrated template database."""
    server = PostgresServer()
    try:
        server.start()
        server.create_database("intranet_template")
        database = open_database(server.url("intranet_template"))
        db.initialize(database)
        with db.connection_context():
            migrate.upgrade()
        database.close()
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request, tmp_path):
    """Every app test runs once on SQLite and once on PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'test.sqlite3'}"
        return
    server = request.getfixturevalue("postgres")
    name = "t_" + uuid.uuid4().hex[:16]
    server.create_database(name, template="intranet_template")
    yield server.url(name)
    disconnect()
    server.drop_database(name)


def fund_budget() -> None:
    """Give the seeded Sachkonto 549904 (0 € after the migration) enough for the tests' approvals."""
    BudgetAccount.update(amount_cents=TEST_BUDGET_CENTS).execute()


def new_app(database_url: str, instance_path: Path, **config):
    """An app for tests on a migrated database with a funded budget; ``config`` adds settings."""
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-" + "x" * 40,
            "DATABASE_URL": database_url,
            "SESSION_COOKIE_SECURE": False,
            "INSTANCE_PATH": str(instance_path),
            **config,
        }
    )
    app.test_client_class = CSRFClient
    with app.app_context(), db.connection_context():
        migrate.upgrade()
        fund_budget()
    return app


@pytest.fixture
def app(database_url, tmp_path):
    """A fresh app with a migrated database (SQLite migrates here, PostgreSQL is cloned)."""
    app = new_app(database_url, tmp_path)
    yield app
    disconnect()


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


@pytest.fixture
def people(app, password_hash):
    """Users for every role; returns username → User."""
    return create_people(app, password_hash)


def create_people(app, password_hash: str) -> dict:
    """Create PEOPLE with the test password; returns username → User."""
    created = {}
    with app.app_context(), db.connection_context():
        for username, (name, roles, cities, profile) in PEOPLE.items():
            user = create_user(username, name, f"{username}@example.org", roles, cities, **profile)
            User.update(password_hash=password_hash).where(User.id == user.id).execute()
            created[username] = User.get_by_id(user.id)
    return created


@pytest.fixture
def login(client, people):
    """Log the test client in as one of PEOPLE."""

    def do(username: str):
        response = client.post("/anmelden", data={"username": username, "password": PASSWORD})
        assert response.status_code == 302, response.text
        return people[username]

    return do


#: countries (and holiday subdivisions) of the partner cities, including the test suite's seventh
PARTNER_CALENDARS = (
    ("FR", None),
    ("PT", "09"),
    ("PL", None),
    ("TR", None),
    ("GR", None),
    ("DE", "BB"),
    ("IE", None),
)


def closed(day: date) -> bool:
    """A weekend day or a public holiday in any partner country."""
    return day.weekday() >= 5 or any(
        day in holidays.country_holidays(country, subdiv=subdiv, years=day.year)
        for country, subdiv in PARTNER_CALENDARS
    )


def future_period(weeks: int = 8, days: int = 14) -> tuple[date, date]:
    """A period some weeks ahead that starts and ends on a working day in every partner city."""
    today = date.today()
    start = today + timedelta(weeks=weeks, days=(7 - today.weekday()) % 7 or 7)
    while closed(start) or closed(start + timedelta(days=days - 1)):
        start += timedelta(days=1)
    return start, start + timedelta(days=days - 1)


@pytest.fixture
def make_application(app, people):
    """Create (and optionally submit) an application through the domain functions."""
    from intranet.demo import attach_documents
    from intranet.outbound import workflow

    def make(username="anna", city="nogent", status="submitted", weeks=8, days=14):
        start, end = future_period(weeks, days)
        with app.test_request_context(), db.connection_context():
            application = workflow.create_draft(people[username], city, start, end, "Neugierig.", {})
            if status != "draft":
                attach_documents(people[username], application)
                application = workflow.submit(people[username], application)
        return application

    return make


def pg_available() -> bool:
    return shutil.which("pg_ctl") is not None or Path("/usr/lib/postgresql").is_dir()


def pytest_sessionstart(session):
    # Nothing is skipped: without PostgreSQL the run fails loudly instead.
    if not pg_available():
        raise pytest.UsageError("PostgreSQL ist nicht installiert (apt-get install postgresql).")


@pytest.fixture(scope="module")
def city_app(tmp_path_factory):
    """One app on a migrated SQLite file for the whole module: these tests only read."""
    path = tmp_path_factory.mktemp("cities")
    app = create_app(
        {
            "TESTING": True,
            "SECRET_KEY": "test-" + "x" * 40,
            "DATABASE_URL": f"sqlite:///{path / 'test.sqlite3'}",
            "INSTANCE_PATH": str(path),
        }
    )
    with app.app_context(), db.connection_context():
        migrate.upgrade()
    return app


@pytest.fixture
def ctx(city_app):
    """A request context on the module's database; yields the city registry."""
    # the proxy is global: a test with the conftest ``app`` may have rebound it meanwhile
    disconnect()
    db.initialize(open_database(city_app.config["DATABASE_URL"]))
    with city_app.test_request_context(), db.connection_context():
        yield city_app.extensions["cities"]
