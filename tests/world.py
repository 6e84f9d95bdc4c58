"""One object of every kind, an app per database for a whole test module, and requests that leave no trace.

The security sweeps (access matrix, CSRF, mass assignment) send hundreds of requests against the
same objects. Building the world once per module and database keeps them fast; a request sent
through ``pristine`` is rolled back and its session cookie restored, so the next one sees the
world exactly as it was built.
"""

import uuid
from datetime import timedelta

import pytest
from flask import url_for

from intranet.cities.registry import registry
from intranet.demo import attach_documents
from intranet.hostfamilies import households
from intranet.letters import issuing
from intranet.models import (
    BlockedPeriod,
    BudgetAccount,
    CapacityWindow,
    Department,
    Document,
    FeedToken,
    InboundTrainee,
    IssuedLetter,
    OfficeClosure,
    Tandem,
)
from intranet.outbound import questions, workflow
from intranet.partners import links, proposals
from intranet.placement import placing
from intranet.platform.db import db, disconnect

from .conftest import PASSWORD, create_people, future_period, new_app
from .test_hostfamilies import FAMILY

#: role in the tables → the test user playing it (None: not logged in)
ROLES = {
    "anon": None,
    "owner": "anna",
    "other": "ben",
    "hr": "hanna",
    "city": "claire",
    "other_city": "miguel",
    "admin": "root",
}


#: URL parameter → the world object (or literal value) it is filled with unless a test says otherwise
DEFAULTS = {
    "application_id": "application",
    "document_id": "document",
    "letter_id": "letter",
    "question_id": "question",
    "family_id": "family",
    "window_id": "window",
    "account_id": "account",
    "trainee_id": "trainee",
    "department_id": "department",
    "tandem_id": "tandem",
    "user_id": "anna",
    "slug": "nogent",
    "language": "fr",
}


#: per endpoint, the parameters DEFAULTS do not give, for the sweeps that walk the url_map
PARAMS = {
    "applications.update": {"application_id": "draft"},
    "applications.submit": {"application_id": "draft"},
    "hr.ask": {"decision": "reject"},
    "hr.decide": {"decision": "approve"},
    "letters.preview": {"kind": "introduction"},
    "letters.pdf": {"kind": "introduction"},
    "letters.create": {"kind": "introduction"},
    "documents.upload": {"kind": "cv"},
    "documents.delete": {"kind": "cv"},
    "citydata.update": {"kind": "cost"},
    "citydata.reset": {"kind": "cost"},
    "citydata.add_period": {"kind": "sperrzeiten"},
    "citydata.remove_period": {"kind": "sperrzeiten", "period_id": "blocked"},
    "cityadmin.preview": {"kind": "introduction"},
    "admin.activation": {"action": "deaktivieren"},
    "privacy.export": {"kind": "user", "record_id": "anna"},
    "inbound_letters.preview": {"kind": "welcome"},
    "inbound_letters.pdf": {"kind": "certificate"},
    "hr_costs.export": {"kind": "xlsx"},
    "hr_committee.export": {"kind": "pdf"},
    "siegburg.delete_closure": {"closure_id": "closure"},
    "calendar.revoke": {"token_id": "token"},
    "calendar.feed": {"token": "unbekannt"},
    # the host administration's pages, through a live link of the world's stay (German: Werder's
    # language, offered for every city, so the sweeps read the same messages as on staff pages)
    "partner.page": {"token": "partner_token"},
    "partner.page_in": {"token": "partner_token", "language": "de"},
    "partner.answer": {"token": "partner_token", "language": "de"},
    "partner.assessment": {"token": "partner_token", "language": "de"},
    "partnerlinks.revoke": {"link_id": "partner_link"},
    "partnerlinks.accept": {"proposal_id": "proposal"},
    "partnerlinks.reply": {"proposal_id": "proposal"},
}


def url_of_rule(world, rule, **params) -> str:
    """The rule's URL with every parameter filled from ``params`` or DEFAULTS (world names become ids)."""
    given = {**DEFAULTS, **params}
    missing = sorted(set(rule.arguments) - set(given))
    assert not missing, f"{rule.endpoint}: give a value for {missing}"
    values = {name: world["ids"].get(given[name], given[name]) for name in rule.arguments}
    with world["app"].test_request_context():
        return url_for(rule.endpoint, **values)


@pytest.fixture(name="module_app", scope="module", params=["sqlite", "postgresql"])
def module_app_fixture(request, tmp_path_factory):
    """An app on SQLite or PostgreSQL for the whole module."""
    path = tmp_path_factory.mktemp("world")
    if request.param == "sqlite":
        yield new_app(f"sqlite:///{path / 'test.sqlite3'}", path)
        return
    server = request.getfixturevalue("postgres")
    name = "w_" + uuid.uuid4().hex[:16]
    server.create_database(name, template="intranet_template")
    app = new_app(server.url(name), path)
    yield app
    disconnect()
    server.drop_database(name)


@pytest.fixture(name="world", scope="module")
def world_fixture(module_app, password_hash):
    """The people and the objects every URL parameter points to: name (or username) → id."""
    people = create_people(module_app, password_hash)
    with module_app.test_request_context(), db.connection_context():
        objects = build(people) | {username: user.id for username, user in people.items()}
    return {"app": module_app, "people": people, "ids": objects, "database": db.obj}


def build(people) -> dict:
    """An approved and placed Nogent stay of Anna's with everything around it, and a second draft."""
    anna, hanna, claire = people["anna"], people["hanna"], people["claire"]
    start, end = future_period(weeks=8)
    application = workflow.create_draft(anna, "nogent", start, end, "Neugierig.", {})
    attach_documents(anna, application)
    application = workflow.submit(anna, application)
    question = questions.ask(hanna, application, "Bitte die Anreise bestätigen.")
    application = workflow.decide(hanna, application, "approve")
    family = households.create(claire, "nogent", FAMILY)
    window = households.add_window(claire, family, start - timedelta(days=5), end + timedelta(days=5))
    values = {"department": "État civil", "mentor": "Zoé Lefèvre", "host_family": str(family.id)}
    placing.place(claire, application, {**values, "arrival": start, "departure": end, "travel_booked": True})
    template = registry().call("nogent", "letter_templates")[0]
    letter = issuing.issue(hanna, application, template)
    link, token = links.issue(claire, application, "Sophie Bernard", "sophie@nogent.example", "fr")
    proposal = proposals.submit_placement(
        link, {**values, "mentor": "Hélène Roux", "arrival": start, "departure": end}, 1, confirm=False
    )
    draft_start, draft_end = future_period(weeks=30)
    draft = workflow.create_draft(anna, "nogent", draft_start, draft_end, "Noch ein Entwurf.", {})
    period = {"city": "nogent", "start_date": draft_end, "end_date": draft_end + timedelta(days=3)}
    guest = guest_from_nogent(hanna, start, end)
    return {
        "trainee": guest.id,
        "department": Department.create(name="Bürgerbüro", capacity=2).id,
        "closure": OfficeClosure.create(
            start_date=draft_end, end_date=draft_end, reason="Betriebsausflug"
        ).id,
        "tandem": Tandem.create(outbound=application, inbound=guest, created_by=hanna).id,
        "application": application.id,
        "draft": draft.id,
        "document": Document.get(Document.application == application.id).id,
        "letter": IssuedLetter.get(IssuedLetter.id == letter.id).id,
        "question": question.id,
        "family": family.id,
        "window": window.id,
        "blocked": BlockedPeriod.create(reason="Kommunalwahl", **period).id,
        "capacity": CapacityWindow.create(places=2, **period).id,
        "account": BudgetAccount.select().first().id,
        # a calendar address of Anna's (its secret is never needed: only revocation is routed by id)
        "token": FeedToken.create(user=anna, scope="own", token_hash="0" * 64).id,
        "partner_link": link.id,
        "partner_token": token,
        "proposal": proposal.id,
    }


def guest_from_nogent(hanna, start, end) -> InboundTrainee:
    """A trainee of Nogent's administration in Siegburg at the time Anna is in Nogent."""
    return InboundTrainee.create(
        city="nogent",
        first_name="Lucie",
        last_name="Moreau",
        email="lucie.moreau@example.org",
        home_administration="Mairie de Nogent-sur-Marne",
        training="Rédacteur territorial",
        training_track="VFA",
        training_year=2,
        letter_language="fr",
        start_date=start,
        end_date=end,
        arrival=start - timedelta(days=1),
        departure=end + timedelta(days=1),
        created_by=hanna,
    )


def enter(world) -> None:
    """Point the database proxy at this world's database (another module may have moved it)."""
    if db.obj is not world["database"]:
        disconnect()
        db.initialize(world["database"])


def keep_connection(app) -> None:
    """Let the test own the connection: the app must not close it between requests."""
    app.teardown_appcontext_funcs[:] = [
        f for f in app.teardown_appcontext_funcs if f.__module__ != "intranet.platform.db"
    ]


def log_in(client, role: str) -> str:
    """Log the client in as the role's user (committed); returns the session's CSRF token."""
    username = ROLES[role]
    if username:
        data = {"username": username, "password": PASSWORD}
        response = client.post("/anmelden", data=data, headers={"X-CSRFToken": client.csrf_token()})
        assert response.status_code == 302, (role, response.text[:500])
    return client.csrf_token()


def pristine(client, method: str, url: str, inspect=None, **kwargs):
    """Send one request whose database changes are rolled back and whose session cookie is restored.

    ``inspect(response)``, if given, runs before the rollback (it sees what the request wrote).
    """
    cookie = client.get_cookie("session")
    db.connect(reuse_if_open=True)
    with db.atomic() as transaction:
        response = client.open(url, method=method, **kwargs)
        if inspect:
            inspect(response)
        transaction.rollback()
    if cookie is None:
        client.delete_cookie("session")
    else:
        client.set_cookie("session", cookie.value)
    return response
