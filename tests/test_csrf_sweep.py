"""CSRF on every state-changing rule and no state change through GET, both derived from app.url_map.

Unlike the access matrix these requests are not rolled back: what a request would have changed
stays in the database, and the database is compared table by table, row by row, after each one.
"""

import pytest

from intranet.platform.db import db

from . import world as sweep
from .test_access_matrix import MATRIX, rules, url_of
from .world import ROLES, enter, log_in

# the module's fixtures
module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture

CHANGING = {"POST", "PUT", "PATCH", "DELETE"}
#: columns the app writes on a read, on purpose: the login session's last activity (auth._load_user,
#: at most once a minute) drives the idle timeout; reading must keep a session alive.
BOOKKEEPING = {
    ("loginsession", "last_seen_at"),
    ("login_session", "last_seen_at"),
    ("partner_link", "last_used_at"),
}
#: audit rows a read writes on purpose: every use of a partner link is audited (issue 18)
READ_AUDITS = ("partner_link_used",)


def table_rows(table: str) -> list[str]:
    """Every row of a table without the bookkeeping columns, in a stable order."""
    cursor = db.execute_sql(f'SELECT * FROM "{table}"')  # table names come from the database itself
    names = [column[0] for column in cursor.description]
    keep = [i for i, name in enumerate(names) if (table, name) not in BOOKKEEPING]
    rows = cursor.fetchall()
    if table == "audit_event":
        action = names.index("action")
        rows = [row for row in rows if row[action] not in READ_AUDITS]
    return sorted(repr(tuple(row[i] for i in keep)) for row in rows)


def snapshot() -> dict[str, list[str]]:
    """The content of every table."""
    with db.connection_context():
        return {table: table_rows(table) for table in db.get_tables()}


def changed(before: dict, after: dict) -> list[str]:
    """Names of the tables whose content differs."""
    return sorted(t for t in before.keys() | after.keys() if before.get(t) != after.get(t))


def covered(app) -> dict:
    """endpoint → rule of the rules with an entry in the access matrix (whose test fails for the rest)."""
    return {endpoint: rule for endpoint, rule in rules(app).items() if endpoint in MATRIX}


def changing_rules(app) -> list[tuple[str, str, str]]:
    """(endpoint, method, rule) of every rule that accepts a state-changing method."""
    return [
        (endpoint, method, rule)
        for endpoint, rule in covered(app).items()
        for method in sorted(CHANGING & rule.methods)
    ]


@pytest.mark.parametrize("role", list(ROLES))
def test_state_changes_need_the_csrf_token(world, role):
    enter(world)
    client = world["app"].test_client()
    client.csrf = False
    log_in(client, role)
    before = snapshot()
    found = changing_rules(world["app"])
    assert found
    for endpoint, method, rule in found:
        url = url_of(world, endpoint, rule)
        response = client.open(url, method=method, data={"status": "approved"})
        assert response.status_code == 400, (endpoint, response.status_code)
        assert "Sicherheitstoken fehlt" in response.text, endpoint
        assert "Traceback" not in response.text
        after = snapshot()
        assert not changed(before, after), (endpoint, changed(before, after))


def test_a_token_of_another_session_is_refused(world):
    enter(world)
    stranger, client = world["app"].test_client(), world["app"].test_client()
    client.csrf = False
    foreign = stranger.csrf_token()
    log_in(client, "hr")
    before = snapshot()
    url = url_of(world, "hr.decide", rules(world["app"])["hr.decide"])
    response = client.post(url, headers={"X-CSRFToken": foreign})
    assert response.status_code == 400 and "Sicherheitstoken" in response.text
    assert not changed(before, snapshot())


def get_cases(world):
    """(endpoint, url, headers) of every GET, also as htmx request where the URL serves a fragment."""
    for endpoint, rule in covered(world["app"]).items():
        if "GET" in rule.methods:
            url = url_of(world, endpoint, rule)
            yield endpoint, url, {}
            if MATRIX[endpoint]["htmx"]:
                yield endpoint, url, {"HX-Request": "true"}


@pytest.mark.parametrize("role", list(ROLES))
def test_no_state_change_through_get(world, role):
    enter(world)
    client = world["app"].test_client()
    log_in(client, role)
    before = snapshot()
    for endpoint, url, headers in get_cases(world):
        response = client.get(url, headers=headers)
        assert response.status_code < 500, (endpoint, response.status_code)
        after = snapshot()
        assert not changed(before, after), (role, endpoint, changed(before, after))
