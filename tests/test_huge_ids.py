"""Ids beyond the database's integer range in every numeric path parameter: 404, never a 500.

Every rule of the url_map with an ``int`` parameter is asked with each such parameter set to a
number SQLite cannot bind (``OverflowError``) or PostgreSQL cannot compare as ``bigint``, by a
role that may see the world's objects; the other parameters keep the world's values. The answer
is 404 (405 only where the URL is another rule's, the number read as a word). On SQLite and
PostgreSQL.
"""

import pytest
from werkzeug.exceptions import HTTPException
from werkzeug.routing import IntegerConverter

from . import world as sweep
from .world import enter, keep_connection, log_in, pristine

module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture

#: one past the signed 64-bit range, and a number far beyond it
HUGE_IDS = (2**63, 10**20)
#: roles whose scope holds the world's objects (the owner, HR, the city's admin, the admin)
ROLES = ("owner", "hr", "city", "admin")


def numeric_rules(app) -> list:
    """(rule, names of its int parameters) for every rule with at least one."""
    found = []
    for rule in app.url_map.iter_rules():
        names = [n for n, c in rule._converters.items() if isinstance(c, IntegerConverter)]
        if names:
            found.append((rule, names))
    return found


def another_rule_allows(app, url: str, method: str) -> bool:
    """A 405 is right when the URL is another rule's with the number as a word (``…/unterlagen/<kind>``)."""
    adapter = app.url_map.bind("localhost")
    other = "POST" if method == "GET" else "GET"
    try:
        adapter.match(url, method=other)
    except HTTPException:
        return False
    return True


def test_every_numeric_parameter_is_swept(world):
    # the sweep below would pass trivially if the rules had no int parameters left
    assert len(numeric_rules(world["app"])) > 40


@pytest.mark.parametrize("huge", HUGE_IDS)
def test_an_id_beyond_the_integer_range_answers_404(world, huge):
    enter(world)
    keep_connection(world["app"])
    failures = []
    for role in ROLES:
        client = world["app"].test_client()
        client.csrf = False
        token = log_in(client, role)
        for rule, names in numeric_rules(world["app"]):
            for name in names:
                params = {**sweep.PARAMS.get(rule.endpoint, {}), name: huge}
                url = sweep.url_of_rule(world, rule, **params)
                for method in sorted(rule.methods & {"GET", "POST"}):
                    try:
                        response = pristine(client, method, url, headers={"X-CSRFToken": token})
                    except Exception as error:  # the test client re-raises what the app raised
                        failures.append(f"{role} {method} {url}: {error!r}")
                        continue
                    if response.status_code != 404 and not another_rule_allows(world["app"], url, method):
                        failures.append(f"{role} {method} {url}: {response.status_code}")
    assert not failures, "\n".join(failures)
