"""Route × role for every HR page and fragment: HR only; everybody else 404, anonymous to the login."""

import pytest

from intranet.models import Application, BudgetAccount
from intranet.platform.db import db

from .hrdata import submitted

ROLES = ["anonymous", "anna", "ben", "claire", "miguel", "root", "hanna"]
GET = [
    "/personal/",
    "/personal/?fragment=budget",
    "/personal/{id}",
    "/personal/{id}/reject",
    "/personal/{id}/kosten",
    "/personal/auszubildende/",
    "/personal/budget/",
    "/personal/buchungen/",
    "/personal/buchungen.csv",
    "/personal/buchungen.xlsx",
    "/personal/protokoll/",
    "/personal/protokoll.csv",
]
POST = [
    ("/personal/{id}/approve", {}),
    ("/personal/{id}/reject", {"reason": "Nein."}),
    ("/personal/{id}/kosten", {"category": "travel", "amount": "5"}),
    ("/personal/auszubildende/{anna}", {"track": "SIA", "year": "3"}),
    ("/personal/budget/", {"number": "549905", "year": "2031", "name": "X", "amount": "1"}),
]


@pytest.fixture
def target(app, people):
    """An application of Anna's to Nogent (claire's city, not miguel's)."""
    with app.test_request_context(), db.connection_context():
        application = submitted(people["anna"], city="nogent")
    return {"id": application.id, "anna": people["anna"].id}


def as_role(client, login, role):
    if role != "anonymous":
        login(role)


@pytest.mark.parametrize("role", ROLES)
def test_hr_pages_are_hr_only(client, login, target, role):
    as_role(client, login, role)
    for path in GET:
        response = client.get(path.format(**target), headers={"HX-Request": "true"} if "{id}" in path else {})
        expected = {"anonymous": (302, 401), "hanna": (200,)}.get(role, (404,))
        assert response.status_code in expected, (role, path, response.status_code)


@pytest.mark.parametrize("role", [r for r in ROLES if r != "hanna"])
def test_no_one_else_changes_anything(app, client, login, target, role):
    as_role(client, login, role)
    for path, data in POST:
        response = client.post(path.format(**target), data={**data, "status": "approved", "budget": "1"})
        assert response.status_code in (302, 401, 404), (role, path, response.status_code)
        assert response.status_code != 302 or "/anmelden" in response.headers["Location"]
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(target["id"]).status == "submitted"
        assert BudgetAccount.select().count() == 2
