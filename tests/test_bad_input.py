"""Bad input of every kind against every POST endpoint: a German answer, never a 5xx, nothing half-written.

Hypothesis fills each endpoint's real field names (read from the forms and htmx controls of the
pages that post to it, plus a few names a forger would try) with values of the wrong type and
shape: broken dates, numbers that are no numbers, blank and whitespace, long strings, unicode with
right-to-left marks, combining characters and emoji, repeated keys. Each request is sent as a role
that may use the endpoint and rolled back afterwards (``world.pristine``); before the rollback the
row counts of all tables are compared when the answer is an error. One body over the size limit per
blueprint must give the German "zu groß" page. SQLite only: the checks are the app's, not the database's.
"""

import re
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from werkzeug.datastructures import MultiDict

from intranet.platform.db import db

from . import world as sweep
from .world import enter, keep_connection, log_in, pristine

module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture
pytestmark = pytest.mark.parametrize("module_app", ["sqlite"], indirect=True, scope="module")

#: examples per POST endpoint (48 endpoints: about 3 800 in all)
EXAMPLES = 80
#: roles tried in this order; the first one the endpoint does not turn away is used
ROLE_ORDER = ("owner", "hr", "city", "admin", "other")
#: names a forger adds to a form
EXTRA_NAMES = ("status", "city", "id", "amount", "start_date", "version")
#: fields the pages send from htmx values or only in states the world lacks
MORE_NAMES = {
    "hr.decide": ("reason", "override"),
    "tandems.pair": ("outbound", "host_swap", "household", "address", "email", "confirm"),
    "experience.update": ("rating-work", "text-work", "summary", "action"),
    "experience.request_changes": ("hr_comment",),
    "documents.upload": ("file",),
}
#: a German sentence has at least one of these words
GERMAN = re.compile(
    r"\b(bitte|nicht|kein\w*|ist|sind|muss|fehlt|ungültig\w*|gibt|bereits|höchstens|mindestens|zeichen|"
    r"wählen|erlaubt|zu groß|der|die|das|den|dem|ein\w*|und|oder|zu|für|mit|von|im|am)\b",
    re.IGNORECASE,
)
TOO_LARGE = 10 * 1024 * 1024 + 1

BROKEN = (
    "2026-02-30", "31.12.", "2026-13-01", "0000-00-00", "1e309", "-0", "NaN", "inf", "-1",
    "99999999999999999999999", "0x1F", "", " ", "\t\n", "true", "null", "[]", "{}", "None",
    "\u200fשלום\u200e", "e\u0301\u0301\u0301", "👩‍👩‍👧‍👦🇩🇪", "\u202etxt.exe", "Ω≈ç√∫", "ǅ" * 3,
)  # fmt: skip
value = st.one_of(
    st.sampled_from(BROKEN),
    st.text(max_size=40),
    st.integers().map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(str),
    st.dates().map(lambda d: d.strftime("%d.%m.%Y")),
    st.sampled_from(("x" * 70_000, "ü" * 20_000, "😀" * 10_000)),
)


class Controls(HTMLParser):
    """action URL → field names of the forms and htmx controls of one page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: dict[str, set] = {}
        self.action = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        target = attrs.get("data-hx-post") or (attrs.get("action") if tag == "form" else None)
        if target:
            self.found.setdefault(target, set())
            if tag == "form":
                self.action = target
        if tag in ("input", "select", "textarea", "button") and attrs.get("name") and self.action:
            self.found[self.action].add(attrs["name"])

    def handle_endtag(self, tag):
        if tag == "form":
            self.action = None


class Messages(HTMLParser):
    """The text of a page's error messages (field errors, error flashes, alerts) or else of its main part."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.depth, self.errors, self.main, self.in_main = 0, [], [], False
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.in_main = self.in_main or tag == "main"
        if self.depth or "error" in (attrs.get("class") or "") or attrs.get("role") == "alert":
            self.depth += 1

    def handle_endtag(self, tag):
        self.depth = max(self.depth - 1, 0)

    def handle_data(self, data):
        (self.errors if self.depth else self.main if self.in_main else []).append(data)

    def text(self) -> str:
        """The messages, or the main part's text when there are none."""
        return " ".join("".join(self.errors or self.main).split())


def field_names(world, clients) -> dict:
    """POST URL → names of the fields the app's own pages send to it."""
    controls = Controls()
    rules = [
        r for r in world["app"].url_map.iter_rules() if "GET" in r.methods and "static" not in r.endpoint
    ]
    for client in clients.values():
        for rule in rules:
            response = client.get(sweep.url_of_rule(world, rule, **sweep.PARAMS.get(rule.endpoint, {})))
            if response.status_code == 200 and response.mimetype == "text/html":
                controls.feed(response.text)
    return controls.found


#: not form endpoints: the login (throttled, tested in test_auth.py) and the session's end
UNPROBED = {"auth.login", "auth.logout"}


def row_counts() -> dict:
    """table → number of rows, on the test's connection (inside its transaction)."""
    return {t: db.execute_sql(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in db.get_tables()}


def turned_away(response) -> bool:
    """The role may not use the endpoint (404, or sent to the login)."""
    return response.status_code in (401, 404) or "/anmelden" in response.headers.get("Location", "")


@pytest.fixture(name="bench", scope="module")
def bench_fixture(world):
    """Logged-in clients per role, the POST cases (endpoint, url, role) and the field names."""
    enter(world)
    keep_connection(world["app"])
    clients, tokens = {}, {}
    for role in ROLE_ORDER:
        clients[role] = world["app"].test_client()
        clients[role].csrf = False  # the session's token is sent explicitly
        tokens[role] = log_in(clients[role], role)
    names = field_names(world, clients)
    cases = []
    for rule in world["app"].url_map.iter_rules():
        if "POST" in rule.methods and rule.endpoint not in UNPROBED:
            url = sweep.url_of_rule(world, rule, **sweep.PARAMS.get(rule.endpoint, {}))
            # an endpoint nobody may use on the world's objects (a report that does not exist yet) is
            # probed as the owner: its 404 must hold whatever the form says
            allowed = (r for r in ROLE_ORDER if not turned_away(send(clients[r], tokens[r], url, {})[0]))
            role = next(allowed, "owner")
            cases.append((rule.endpoint, url, role))
    return {"clients": clients, "tokens": tokens, "cases": sorted(cases), "names": names}


def send(client, token, url, data, htmx=False):
    """POST ``data`` rolled back; returns (response, rows written although the answer is an error)."""
    before, written = row_counts(), {}

    def compare(response):
        if is_error(response):
            after = row_counts()
            written.update({t: after[t] - before[t] for t in after if after[t] != before[t]})

    headers = {"X-CSRFToken": token, **({"HX-Request": "true"} if htmx else {})}
    response = pristine(client, "POST", url, inspect=compare, data=data, headers=headers)
    return response, written


def is_error(response) -> bool:
    """A 4xx, or a page that shows an error (a form sent back with its messages)."""
    if 400 <= response.status_code < 500:
        return True
    return (
        response.status_code == 200
        and response.mimetype == "text/html"
        and ('class="error"' in response.text or "flash-error" in response.text)
    )


def problems(response, written) -> list[str]:
    """What is wrong with the answer to bad input."""
    found = []
    if response.status_code >= 500:
        found.append(f"{response.status_code}")
    message = Messages(response.get_data(as_text=True)).text() if is_error(response) else ""
    if is_error(response) and not GERMAN.search(message):
        found.append(f"{response.status_code} without a German message: {message[:300]!r}")
    if written:
        found.append(f"{response.status_code}, but rows written: {written}")
    return found


def form_data(names):
    """Hypothesis: a form with the names, each once or repeated, filled with bad values."""
    return st.lists(
        st.tuples(st.sampled_from(sorted(names)), st.lists(value, min_size=1, max_size=2)),
        max_size=len(names) + 2,
    ).map(lambda pairs: MultiDict([(name, v) for name, values in pairs for v in values]))


def test_every_post_endpoint_has_a_case(world, bench):
    probed = {endpoint for endpoint, _, _ in bench["cases"]}
    posts = {r.endpoint for r in world["app"].url_map.iter_rules() if "POST" in r.methods}
    assert posts - probed == UNPROBED


def fuzz(client, token: str, url: str, names: set) -> None:
    """Hypothesis' examples for one endpoint; raises AssertionError with the smallest failing form."""

    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    @given(data=form_data(names), htmx=st.booleans())
    def probe(data, htmx):
        try:
            response, written = send(client, token, url, data, htmx)
        except Exception as error:  # the test client re-raises what the app raised: a 500
            raise AssertionError(f"500: {error!r}") from error
        assert not problems(response, written), problems(response, written)

    probe()


def test_bad_form_data_gets_a_german_answer_and_writes_nothing(bench):
    failures = []
    for endpoint, url, role in bench["cases"]:
        # a wrong CSRF field would only ever test the CSRF check: the header carries the token
        names = (bench["names"].get(url, set()) - {"csrf_token"}) | {
            *EXTRA_NAMES,
            *MORE_NAMES.get(endpoint, ()),
        }
        try:
            fuzz(bench["clients"][role], bench["tokens"][role], url, names)
        except AssertionError as error:
            failures.append(f"{endpoint} as {role} ({url}): {error}")
    assert not failures, "\n\n".join(failures)


def test_a_stay_number_beyond_the_id_range_is_refused_in_german(world, bench):
    url = sweep.url_of_rule(world, rules_by_endpoint(world)["tandems.pair"])
    response, written = send(bench["clients"]["hr"], bench["tokens"]["hr"], url, {"outbound": "9" * 30})
    assert response.status_code == 422
    assert "Bitte einen der vorgeschlagenen Aufenthalte wählen." in response.text
    assert not written


def rules_by_endpoint(world) -> dict:
    """endpoint → rule of the world's app."""
    return {rule.endpoint: rule for rule in world["app"].url_map.iter_rules()}


def test_a_body_over_the_limit_gets_the_german_size_page(bench):
    families = {endpoint.split(".")[0]: (url, role) for endpoint, url, role in bench["cases"]}
    for family, (url, role) in sorted(families.items()):
        client, token = bench["clients"][role], bench["tokens"][role]
        response, written = send(client, token, url, {"motivation": "x" * TOO_LARGE})
        assert response.status_code == 413, (family, url, response.status_code)
        assert "zu groß" in response.text, (family, response.text[:300])
        assert not written
