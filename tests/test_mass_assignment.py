"""Mass assignment: every form that changes an object stores its own fields and nothing else.

Each probe posts a valid form (the change must land, else the probe proves nothing) plus fields
an attacker would add — status, city, budget figures, owners, ids, roles — and compares the
watched columns before and after. Application (own draft) creation is covered in test_applications.
"""

from datetime import timedelta

import pytest

from intranet.models import (
    Application,
    BudgetAccount,
    CityOverride,
    CostBooking,
    HostFamily,
    InboundTrainee,
    Placement,
    Question,
    User,
    UserRole,
)
from intranet.models.people import CityScope
from intranet.platform.db import db

from . import world as sweep
from .test_access_matrix import rules, url_of
from .test_hostfamilies import FAMILY
from .world import enter, log_in

# the module's fixtures
module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture


def tamper(ids: dict, **legit) -> dict:
    """Fields no form offers, pointing at somebody else's objects; ``legit`` wins for a form's own."""
    ben, draft = str(ids["ben"]), str(ids["draft"])
    forged = {
        "status": "approved",
        "city": "guarda",
        "slug": "guarda",
        "budget": "999999",
        "cost_estimate": "1",
        "user_id": ben,
        "user": ben,
        "applicant_id": ben,
        "applicant": ben,
        "application_id": draft,
        "application": draft,
        "id": "999",
        "roles": "admin",
        "active": "0",
        "username": "mallory",
        "password_hash": "x",
        "training_confirmed": "y",
        "amount_cents": "1",
        "reserved_cents": "1",
        "spent_cents": "1",
        "number": "000000",
        "year": "1999",
        "placed_by": ben,
        "updated_by": ben,
        "booked_by": ben,
        "created_by": ben,
        "created_at": "2000-01-01",
    }
    return {**forged, **legit}


def columns(model, key: str, *names: str):
    """A reader of the watched columns of the world's object ``key``."""
    return lambda ids: (
        model.select(*(getattr(model, n) for n in names)).where(model.id == ids[key]).dicts().get()
    )


def everybody(ids) -> dict:
    """Accounts, roles and city scopes of every user."""
    users = list(User.select(User.id, User.username, User.active, User.password_hash, User.email).dicts())
    roles = sorted((r.user_id, r.role) for r in UserRole.select())
    scopes = sorted((s.user_id, s.city) for s in CityScope.select())
    return {"users": users, "roles": roles, "scopes": scopes}


def draft_form(ids) -> dict:
    draft = Application.get_by_id(ids["draft"])
    values = {
        "city": "nogent",
        "start_date": draft.start_date.isoformat(),
        "end_date": draft.end_date.isoformat(),
        "motivation": "Geändert.",
        "training_track": "VFA",
        "training_year": "2",
        "date_of_birth": "2004-03-01",
        "version": str(draft.version),
        "action": "save",
    }
    return tamper(ids, **values)


def placement_form(ids) -> dict:
    application = Application.get_by_id(ids["application"])
    values = {
        "department": "Standesamt",
        "mentor": "Zoé Lefèvre",
        "host_family": str(ids["family"]),
        "arrival": str(application.start_date - timedelta(days=1)),
        "departure": str(application.end_date),
    }
    return tamper(ids, **values)


def budget_form(ids) -> dict:
    account = BudgetAccount.get_by_id(ids["account"])
    values = {"name": "Praktika Partnerstädte", "amount": "1.234,00", "seen_cents": str(account.amount_cents)}
    return tamper(ids, **values)


def trainee_form(ids) -> dict:
    ben = User.get_by_id(ids["ben"])
    seen = {"seen_track": ben.training_track, "seen_year": str(ben.training_year)}
    return tamper(ids, track="SIA", year="3", seen_confirmed="1" if ben.training_confirmed else "", **seen)


def guest_form(ids) -> dict:
    guest = InboundTrainee.get_by_id(ids["trainee"])
    values = {
        name: getattr(guest, name)
        for name in ("first_name", "last_name", "email", "home_administration", "training_track")
    }
    days = {
        name: getattr(guest, name).isoformat() for name in ("start_date", "end_date", "arrival", "departure")
    }
    values |= {
        "city": guest.city,
        "training": "Attaché territorial",
        "training_year": str(guest.training_year),
        "languages-0-language": "fr",
        "languages-0-level": "C2",
        "letter_language": guest.letter_language,
        "host_family": str(ids["family"]),  # HR's choice alone: a city admin's is ignored
        "version": str(guest.version),
        "action": "save",
    }
    return tamper(ids, **values, **days)


#: name → (role, endpoint, URL parameters, form, readers of what must not change, proof the change landed)
PROBES = {
    "draft": (
        "owner",
        "applications.update",
        {"application_id": "draft"},
        draft_form,
        [
            columns(Application, "draft", "status", "city", "applicant", "cost_estimate", "submitted_at"),
            everybody,
        ],
        lambda ids: Application.get_by_id(ids["draft"]).motivation == "Geändert.",
    ),
    "host family": (
        "city",
        "hostfamilies.detail",
        {},
        lambda ids: tamper(ids, **{**FAMILY, "consent_date": "2026-01-15", "notes": "Eine Katze"}),
        [columns(HostFamily, "family", "city", "created_at"), lambda ids: HostFamily.select().count()],
        lambda ids: HostFamily.get_by_id(ids["family"]).notes == "Eine Katze",
    ),
    "placement": (
        "city",
        "cityadmin.place",
        {},
        placement_form,
        [
            columns(Application, "application", "status", "city", "applicant"),
            lambda ids: Placement.select(Placement.application, Placement.placed_by).dicts()[:],
        ],
        lambda ids: Placement.get(Placement.application == ids["application"]).department == "Standesamt",
    ),
    "override": (
        "city",
        "citydata.update",
        {"kind": "cost"},
        lambda ids: tamper(ids, key="travel", amount="123,45"),
        [lambda ids: CityOverride.select().where(CityOverride.city != "nogent").count()],
        lambda ids: (
            CityOverride.get(CityOverride.city == "nogent", CityOverride.key == "travel").updated_by_id
            == ids["claire"]
        ),
    ),
    "budget account": (
        "hr",
        "hr_budget.update",
        {},
        budget_form,
        [columns(BudgetAccount, "account", "number", "year", "reserved_cents", "spent_cents")],
        lambda ids: BudgetAccount.get_by_id(ids["account"]).name == "Praktika Partnerstädte",
    ),
    "cost booking": (
        "hr",
        "hr_costs.book",
        {},
        lambda ids: tamper(ids, category="travel", amount="10,00", note="Bahn"),
        [
            columns(Application, "draft", "status"),
            lambda ids: CostBooking.select().where(CostBooking.application == ids["draft"]).count(),
        ],
        lambda ids: CostBooking.get_or_none(
            CostBooking.application == ids["application"], CostBooking.note == "Bahn"
        ),
    ),
    "access": (
        "admin",
        "admin.update",
        {"user_id": "ben"},
        lambda ids: tamper(ids, roles=["employee", "hr"]),
        [
            columns(User, "ben", "username", "active", "password_hash", "email"),
            columns(User, "anna", "active"),
        ],
        lambda ids: UserRole.get_or_none(UserRole.user == ids["ben"], UserRole.role == "hr"),
    ),
    "training": (
        "hr",
        "hr_trainees.update",
        {"user_id": "ben"},
        trainee_form,
        [
            columns(User, "ben", "username", "active", "password_hash", "email"),
            lambda ids: sorted((r.user_id, r.role) for r in UserRole.select()),
        ],
        lambda ids: User.get_by_id(ids["ben"]).training_year == 3,
    ),
    "guest": (
        "city",
        "inbound.update",
        {},
        guest_form,
        [columns(InboundTrainee, "trainee", "status", "city", "created_by", "created_at", "host_family")],
        lambda ids: InboundTrainee.get_by_id(ids["trainee"]).training == "Attaché territorial",
    ),
    "answer": (
        "owner",
        "questions.update",
        {},
        lambda ids: tamper(ids, answer="Ankunft am Sonntag."),
        [columns(Question, "question", "application", "text"), everybody],
        lambda ids: Question.get_by_id(ids["question"]).answer == "Ankunft am Sonntag.",
    ),
}


@pytest.mark.parametrize("name", list(PROBES))
def test_only_the_forms_fields_are_stored(world, name):
    enter(world)
    role, endpoint, params, make_form, watched, landed = PROBES[name]
    ids = world["ids"]
    client = world["app"].test_client()
    log_in(client, role)
    with db.connection_context():
        data = make_form(ids)
        before = [read(ids) for read in watched]
    url = url_of(world, endpoint, rules(world["app"])[endpoint], **params)
    response = client.post(url, data=data)
    assert response.status_code in (302, 303), (name, response.status_code, response.text[:2000])
    with db.connection_context():
        assert landed(ids), name
        assert [read(ids) for read in watched] == before, name


@pytest.mark.parametrize("forged", ["+7", "-1", "x"])
def test_a_forged_version_saves_nothing(world, forged):
    enter(world)
    ids = world["ids"]
    client = world["app"].test_client()
    log_in(client, "owner")
    with db.connection_context():
        stored = Application.get_by_id(ids["draft"])
        version = {"+7": str(stored.version + 7), "-1": str(stored.version - 1), "x": "x"}[forged]
        data = {**draft_form(ids), "motivation": "Überschrieben.", "version": version}
    response = client.post(
        url_of(
            world, "applications.update", rules(world["app"])["applications.update"], application_id="draft"
        ),
        data=data,
    )
    assert response.status_code == 200 and "inzwischen an anderer Stelle geändert" in response.text
    assert "Überschrieben." in response.text  # what was typed stays in the form
    with db.connection_context():
        after = Application.get_by_id(ids["draft"])
        assert (after.motivation, after.version) == (stored.motivation, stored.version)
