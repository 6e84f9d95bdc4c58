"""Access control on every route: endpoint × method × role → expected status, derived from app.url_map.

HOW TO ADD YOUR ROUTE (every endpoint of ``app.url_map`` needs exactly one entry in MATRIX,
else ``test_every_endpoint_has_an_entry`` fails and names it):

    "blueprint.view": route(get=CITY_STAFF, post="login 404 404 302 302 404 404", slug="nogent"),

- ``get`` / ``post``: one expectation per method the rule accepts (no more, no fewer). An
  expectation is seven tokens in the role order of ``world.ROLES``:

      anon  owner  other  hr  city  other_city  admin

  anon = not logged in; owner = anna, whose objects the world holds; other = ben, another
  employee; hr = hanna; city = claire, admin of Nogent (the world's city); other_city = miguel,
  admin of Guarda; admin = root. A token is a status code, or ``login`` for the redirect to
  the login page (401 with HX-Redirect when htmx asks). Shortcuts: ANYONE, STAFF_ONLY … below.
- POSTs carry a valid CSRF token and an empty form. Every request is rolled back afterwards
  (world.pristine), so a POST that deletes or decides does not disturb the next case.
- ``htmx=True``: the GET is sent a second time as an htmx request; it must give the same
  status (anonymous: 401). ``htmx="…"``: the htmx request expects these tokens instead.
- URL parameters come from the world (``world.build``): application_id = Anna's placed Nogent
  application, document_id, letter_id, question_id, family_id, window_id, account_id,
  user_id = Anna, slug = nogent, trainee_id (Lucie from Nogent, in Siegburg), department_id,
  tandem_id (Anna + Lucie). Override one per entry as keyword; a value naming a world object
  (``application_id="draft"``) becomes its id, anything else is used as it is
  (``kind="sperrzeiten"``). Need an object of your own? Add it to the dict ``world.build``
  returns (additive edit). Objects outside a role's scope must answer 404, never 403.
"""

import pytest

from . import world as sweep
from .world import ROLES, enter, keep_connection, log_in, pristine

# the module's fixtures
module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture

#: rules the table does not cover: static files, served to everybody without personal data
SKIPPED = {"static", "htmx.static"}

ANYONE = "login 200 200 200 200 200 200"
OWNER_ONLY = "login 200 404 404 404 404 404"
#: the owner, HR and the admins of the application's city
VIEWERS = "login 200 404 200 200 404 404"
#: HR and the admins of the city
CITY_STAFF = "login 404 404 200 200 404 404"
HR_ONLY = "login 404 404 200 404 404 404"
ADMIN_ONLY = "login 404 404 404 404 404 200"


def route(get: str | None = None, post: str | None = None, htmx: bool | str = False, **params) -> dict:
    """One entry of the matrix."""
    expected = {m: e for m, e in (("GET", get), ("POST", post)) if e is not None}
    return {"expected": expected, "htmx": htmx, "params": params}


MATRIX = {
    "main.index": route(get="login 302 302 302 302 302 302"),
    "main.language": route(post="302 302 302 302 302 302 302"),
    # a logged-in user is sent on to the start page
    "auth.login": route(get="200 302 302 302 302 302 302", post="200 302 302 302 302 302 302"),
    "auth.logout": route(post="302 302 302 302 302 302 302"),
    "applications.index": route(get=ANYONE),
    "applications.create": route(get=ANYONE, post=ANYONE, htmx=True),
    "applications.detail": route(get=VIEWERS),
    "applications.update": route(get=OWNER_ONLY, post=OWNER_ONLY, application_id="draft"),
    "applications.submit": route(post="login 302 404 404 404 404 404", application_id="draft"),
    "applications.withdraw": route(get=OWNER_ONLY, post="login 302 404 404 404 404 404"),
    "documents.download": route(get=VIEWERS),
    "documents.upload": route(post="login 303 404 404 404 404 404", kind="cv"),
    "documents.delete": route(post="login 303 404 404 404 404 404", kind="cv"),
    "questions.create": route(post="login 404 404 302 404 404 404"),
    "questions.update": route(post="login 302 404 404 404 404 404"),
    "letters.index": route(get=CITY_STAFF),
    "letters.preview": route(get=CITY_STAFF, kind="introduction"),
    "letters.pdf": route(get=CITY_STAFF, kind="introduction"),
    "letters.create": route(post="login 404 404 302 302 404 404", kind="introduction"),
    "letters.send": route(post="login 404 404 200 200 404 404"),
    "letters.download": route(get=VIEWERS),
    # the world's stay lies ahead: the owner is told to wait (200), and no report exists to review
    "experience.detail": route(get=VIEWERS),
    "experience.update": route(post="login 200 404 404 404 404 404"),
    "experience.request_changes": route(post="login 404 404 404 404 404 404"),
    "experience.accept": route(post="login 404 404 404 404 404 404"),
    "experience.index": route(get=HR_ONLY),
    # the Europass data exist only for completed stays; the world's stay is placed (tests/test_europass.py)
    "europass.detail": route(get="login 404 404 404 404 404 404"),
    "europass.data": route(get="login 404 404 404 404 404 404"),
    "europass.workbook": route(get="login 404 404 404 404 404 404"),
    "hr.index": route(get=HR_ONLY, htmx=True),
    "hr.row": route(get="login 404 404 302 404 404 404", htmx=HR_ONLY),
    "hr.ask": route(get=HR_ONLY, decision="reject"),
    "hr.decide": route(post="login 404 404 302 404 404 404", decision="approve"),
    "hr_audit.index": route(get=HR_ONLY, htmx=True),
    "hr_audit.export": route(get=HR_ONLY),
    "hr_budget.index": route(get=HR_ONLY),
    "hr_budget.create": route(post="login 404 404 422 404 404 404"),
    "hr_budget.update": route(post="login 404 404 422 404 404 404"),
    "hr_costs.costs": route(get=HR_ONLY),
    "hr_erasmus.index": route(get=HR_ONLY, htmx=True),
    "hr_erasmus.application": route(get=HR_ONLY, htmx=True),
    # an empty form: no such figure or setting (422), nothing to reset (302)
    "hr_erasmus.update_figure": route(post="login 404 404 422 404 404 404"),
    "hr_erasmus.reset_figure": route(post="login 404 404 302 404 404 404"),
    "hr_erasmus.update_setting": route(post="login 404 404 422 404 404 404"),
    # the world has no OIDs yet: the module's file is refused, HR's XLSX is not
    "hr_erasmus.export": route(get="login 404 404 422 404 404 404"),
    "hr_erasmus.export_xlsx": route(get=HR_ONLY),
    "hr_costs.book": route(post="login 404 404 422 404 404 404"),
    "hr_costs.bookings": route(get=HR_ONLY, htmx=True),
    "hr_costs.export": route(get=HR_ONLY, kind="xlsx"),
    "hr_committee.index": route(get=HR_ONLY),
    "hr_committee.export": route(get=HR_ONLY, kind="csv"),
    "hr_trainees.index": route(get=HR_ONLY, htmx=True),
    "hr_trainees.update": route(post="login 404 404 302 404 404 404"),
    "cities.index": route(get=ANYONE),
    "cities.detail": route(get=ANYONE),
    "cityadmin.index": route(get="login 404 404 200 302 302 404"),
    "cityadmin.dashboard": route(get=CITY_STAFF),
    "cityadmin.place": route(get=CITY_STAFF, post="login 404 404 422 422 404 404"),
    "cityadmin.plugin": route(get=CITY_STAFF),
    "cityadmin.preview": route(get=CITY_STAFF, kind="introduction"),
    "citydata.index": route(get=CITY_STAFF),
    "citydata.update": route(post="login 404 404 422 422 404 404", kind="cost"),
    "citydata.reset": route(post="login 404 404 302 302 404 404", kind="cost"),
    "citydata.add_period": route(post="login 404 404 422 422 404 404", kind="sperrzeiten"),
    "citydata.remove_period": route(
        post="login 404 404 302 302 404 404", kind="sperrzeiten", period_id="blocked"
    ),
    "hostfamilies.index": route(get=CITY_STAFF),
    "hostfamilies.create": route(get=CITY_STAFF, post="login 404 404 422 422 404 404"),
    "hostfamilies.detail": route(get=CITY_STAFF, post="login 404 404 422 422 404 404"),
    "hostfamilies.delete": route(get=CITY_STAFF, post="login 404 404 302 302 404 404"),
    "hostfamilies.add_window": route(post="login 404 404 422 422 404 404"),
    "hostfamilies.remove_window": route(post="login 404 404 302 302 404 404"),
    "admin.index": route(get=ADMIN_ONLY, htmx=True),
    "admin.detail": route(get=ADMIN_ONLY),
    "admin.update": route(post="login 404 404 404 404 404 422"),
    "admin.activation": route(post="login 404 404 404 404 404 302", action="deaktivieren"),
    "privacy.index": route(get="login 404 404 200 404 404 200", htmx=True),
    "privacy.record": route(get="login 404 404 200 404 404 200"),
    "privacy.export": route(post="login 404 404 200 404 404 200", kind="user", record_id="anna"),
    "privacy.mine": route(get=ANYONE),
    "privacy.mine_export": route(post=ANYONE),
    # guests in Siegburg: HR and the admins of the guest's city; the list and the form for every city admin
    "inbound.index": route(get="login 404 404 200 200 200 404"),
    "inbound.create": route(get="login 404 404 200 200 200 404", post="login 404 404 200 200 200 404"),
    "inbound.detail": route(get=CITY_STAFF),
    "inbound.update": route(get=CITY_STAFF, post="login 404 404 200 200 404 404"),
    "inbound.plan_week": route(post="login 404 404 422 422 404 404"),
    "inbound.cancel": route(get=CITY_STAFF, post="login 404 404 302 302 404 404"),
    "siegburg.departments": route(get=HR_ONLY, post="login 404 404 422 404 404 404"),
    "siegburg.department": route(get=HR_ONLY, post="login 404 404 422 404 404 404"),
    "siegburg.closures": route(get=HR_ONLY, post="login 404 404 422 404 404 404"),
    "siegburg.delete_closure": route(get=HR_ONLY, post="login 404 404 302 404 404 404", closure_id="closure"),
    # tandems: HR and the guest's city admins; the list answers every city admin with their cities
    "tandems.index": route(get="login 404 404 200 200 200 404"),
    "tandems.guest": route(get=CITY_STAFF, htmx=True),
    "tandems.pair": route(post="login 404 404 422 422 404 404"),
    "tandems.stay": route(get=CITY_STAFF),
    "tandems.dissolve": route(get=CITY_STAFF, post="login 404 404 302 302 404 404"),
    "calendar.index": route(get=ANYONE, htmx=True),
    "calendar.tokens": route(get=ANYONE),
    # an empty form names no calendar
    "calendar.create_token": route(post="login 422 422 422 422 422 422"),
    "calendar.revoke": route(post="login 302 404 404 404 404 404", token_id="token"),
    # token-authenticated, no login: an unknown token is 404 for everybody
    "calendar.feed": route(get="404 404 404 404 404 404 404", token="unbekannt"),
    # the host administration's link: no login, the token in the path is the key (anyone holding it)
    "partner.page": route(get="200 200 200 200 200 200 200", token="partner_token"),
    "partner.page_in": route(get="200 200 200 200 200 200 200", token="partner_token", language="de"),
    "partner.answer": route(post="422 422 422 422 422 422 422", token="partner_token", language="de"),
    "partner.assessment": route(post="422 422 422 422 422 422 422", token="partner_token", language="de"),
    "partnerlinks.stay": route(get=CITY_STAFF),
    "partnerlinks.issue": route(post="login 404 404 422 422 404 404"),
    "partnerlinks.revoke": route(post="login 404 404 303 303 404 404", link_id="partner_link"),
    "partnerlinks.accept": route(post="login 404 404 303 303 404 404", proposal_id="proposal"),
    "partnerlinks.reply": route(post="login 404 404 422 422 404 404", proposal_id="proposal"),
    "inbound_letters.index": route(get=CITY_STAFF),
    "inbound_letters.preview": route(get=CITY_STAFF, kind="welcome"),
    "inbound_letters.pdf": route(get=CITY_STAFF, kind="certificate"),
}


def rules(app) -> dict:
    """endpoint → rule, for every rule the matrix must cover."""
    found = {}
    for rule in app.url_map.iter_rules():
        if rule.endpoint not in SKIPPED:
            assert rule.endpoint not in found, (
                f"two rules for {rule.endpoint}: give them endpoints of their own"
            )
            found[rule.endpoint] = rule
    return found


def url_of(world, endpoint: str, rule, **params) -> str:
    """The endpoint's URL with every parameter filled from ``params``, the entry or the world."""
    return sweep.url_of_rule(world, rule, **{**MATRIX[endpoint]["params"], **params})


def matches(token: str, response, htmx: bool) -> bool:
    """Does the response give what the token expects?"""
    if token != "login":
        return response.status_code == int(token)
    if htmx:
        return response.status_code == 401 and "/anmelden" in response.headers.get("HX-Redirect", "")
    return response.status_code == 302 and "/anmelden" in response.headers["Location"]


def test_every_endpoint_has_an_entry(world):
    app_rules = rules(world["app"])
    missing, stale = sorted(set(app_rules) - set(MATRIX)), sorted(set(MATRIX) - set(app_rules))
    assert not missing, f"endpoints without a MATRIX entry: {missing}"
    assert not stale, f"MATRIX entries without an endpoint: {stale}"
    for endpoint, rule in app_rules.items():
        methods = set(rule.methods) - {"HEAD", "OPTIONS"}
        assert methods == set(MATRIX[endpoint]["expected"]), (endpoint, sorted(methods))


def cases(world, role: str):
    """(endpoint, method, url, htmx, expected token) for one role, in table order."""
    index = list(ROLES).index(role)
    app_rules = rules(world["app"])
    for endpoint, entry in MATRIX.items():
        if endpoint not in app_rules:
            continue  # reported by test_every_endpoint_has_an_entry
        url = url_of(world, endpoint, app_rules[endpoint])
        for method, expectation in entry["expected"].items():
            yield endpoint, method, url, False, token_of(endpoint, expectation, index)
            if method == "GET" and entry["htmx"]:
                htmx = expectation if entry["htmx"] is True else entry["htmx"]
                yield endpoint, method, url, True, token_of(endpoint, htmx, index)


def token_of(endpoint: str, expectation: str, index: int) -> str:
    """The role's token of an expectation."""
    tokens = expectation.split()
    assert len(tokens) == len(ROLES), f"{endpoint}: seven tokens, one per role: {expectation!r}"
    return tokens[index]


@pytest.mark.parametrize("role", list(ROLES))
def test_route_by_role(world, role):
    enter(world)
    keep_connection(world["app"])
    client = world["app"].test_client()
    client.csrf = False  # the token of the session is sent explicitly
    token = log_in(client, role)
    wrong = []
    for endpoint, method, url, htmx, expected in cases(world, role):
        headers = {"X-CSRFToken": token, **({"HX-Request": "true"} if htmx else {})}
        response = pristine(client, method, url, headers=headers)
        if not matches(expected, response, htmx):
            kind = f"{endpoint}, htmx" if htmx else endpoint
            wrong.append(f"{method} {url} ({kind}): {response.status_code}, expected {expected}")
    assert not wrong, f"{role}:\n" + "\n".join(wrong)
