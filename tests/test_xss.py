"""Hostile text in every free-text field is escaped in pages, htmx fragments, letters and e-mails.

Hypothesis writes hostile strings (markup, attribute breakers, script URLs, template syntax,
control characters, mixed with arbitrary unicode) into the stored fields, then the screens
that show them are rendered. The check is structural: the page parsed with hostile values
must contain no element and no attribute that the same page with harmless values lacks —
escaped text never adds markup. More than 10 000 examples in all (see ``PAGE_EXAMPLES``); run
on SQLite only, escaping does not depend on the database.
"""

import subprocess
from collections import Counter
from datetime import timedelta
from email import message_from_bytes, policy
from html.parser import HTMLParser

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from intranet.cities import overrides
from intranet.hookspecs import LetterTemplate
from intranet.letters import issuing, rendering
from intranet.mail import delivery, notify
from intranet.models import (
    Application,
    AuditEvent,
    CityOverride,
    Department,
    ExperienceReport,
    HostFamily,
    InboundTrainee,
    OfficeClosure,
    Placement,
    Question,
    RotationWeek,
    Tandem,
    User,
    utcnow,
)
from intranet.platform.db import db
from intranet.reports.experience import GOALS

pytestmark = pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)

#: examples per kind of check, 11 100 in all (eight page checks, letters, mails): pages and
#: fragments through the test client are the slowest; letters and mails need no request
PAGE_EXAMPLES = 700
LETTER_EXAMPLES = 2500
MAIL_EXAMPLES = 3000

#: the harmless value; every screen checked must show it somewhere
MARKER = "harmlos-7f3a"

PAYLOADS = (
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg/onload=alert(1)>",
    '<a href="javascript:alert(1)">klick</a>',
    "</textarea><script>alert(1)</script>",
    "</title><iframe src=//example.org>",
    '" hx-get="/admin/" hx-trigger="load',
    "{{ 7*7 }}{% raw %}",
    "<style>body{display:none}</style>",
    "<!-- --><b>fett</b>",
    "&lt;script&gt;",
    "\u202e<marquee>",
)
around = st.text(max_size=20)
hostile = st.one_of(
    st.sampled_from(PAYLOADS),
    st.builds(
        lambda *parts: "".join(parts), st.text(max_size=20), st.sampled_from(PAYLOADS), st.text(max_size=20)
    ),
).filter(lambda s: s.strip() and "\x00" not in s)


class Structure(HTMLParser):
    """Counts every start tag with its attribute names: what markup a page consists of."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.found: Counter = Counter()
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.found[(tag, tuple(sorted(name for name, _ in attrs)))] += 1
        for name, value in attrs:
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.found[("javascript-url", name)] += 1


def added_markup(hostile_html: str, harmless_html: str) -> Counter:
    """Elements and attributes present with hostile values that the harmless page lacks."""
    return Structure(hostile_html).found - Structure(harmless_html).found


def hypothesis_settings(examples: int = PAGE_EXAMPLES):
    """Many examples, no deadline (a shared machine), no example database in CI."""
    return settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


@pytest.fixture
def world(app, people, make_application):
    """A placed Nogent application of anna with a question, a reason, a host family and overrides."""
    application = make_application("anna")
    with app.test_request_context(), db.connection_context():
        Application.update(status="placed").where(Application.id == application.id).execute()
        family = HostFamily.create(
            city="nogent", household="x", consent_date=utcnow().date(), consent_scope="x", languages=["fr"]
        )
        Placement.create(
            application=application.id,
            department="x",
            mentor="x",
            host_family=family,
            arrival=application.start_date,
            departure=application.end_date,
        )
        question = Question.create(application=application.id, asked_by=people["hanna"], text="x", answer="x")
        event = AuditEvent.create(
            actor=people["hanna"],
            action="application_waitlisted",
            object_type="application",
            object_id=application.id,
            reason="x",
        )
        contact = overrides.contact_key(overrides.plugin_contacts("nogent")[0])
        CityOverride.create(city="nogent", kind="contact", key=contact, value={"name": "x", "role": "x"})
        guest = exchange(application)
    return {
        "application": application.id,
        "family": family.id,
        "question": question.id,
        "event": event.id,
        "guest": guest.id,
        "month": f"{guest.start_date:%Y-%m}",
    }


def exchange(application) -> InboundTrainee:
    """A guest from Nogent in Siegburg with a rotation week, a closure, a tandem and a report."""
    start = application.start_date
    guest = InboundTrainee.create(
        city="nogent",
        first_name="x",
        last_name="x",
        home_administration="x",
        training="x",
        letter_language="fr",
        start_date=start,
        end_date=start + timedelta(days=13),
        arrival=start,
        departure=start,
        languages=[{"code": "fr", "level": "C2"}],
    )
    department = Department.create(name="x", capacity=1)
    RotationWeek.create(trainee=guest, week_start=start, department=department)
    OfficeClosure.create(start_date=start, end_date=start, reason="x")
    Tandem.create(outbound=application.id, inbound=guest, host_swap=True, swap_consent_scope="x")
    ExperienceReport.create(application=application.id, status="submitted")
    return guest


def store(app, world, value: str) -> None:
    """Write ``value`` into every free-text field of the world."""
    with app.test_request_context(), db.connection_context(), db.atomic():
        Application.update(motivation=value, extra={"french_level": value}).where(
            Application.id == world["application"]
        ).execute()
        Placement.update(department=value, mentor=value).execute()
        HostFamily.update(
            household=value, address=value, contact_name=value, notes=value, consent_scope=value, phone=value
        ).where(HostFamily.id == world["family"]).execute()
        Question.update(text=value, answer=value).execute()
        # the model refuses updates (append-only); the test rewrites its row behind its back
        db.execute_sql("UPDATE audit_event SET reason = ? WHERE id = ?", (value, world["event"]))
        User.update(display_name=value).where(User.username == "anna").execute()
        CityOverride.update(value={"name": value, "role": value}).execute()
        InboundTrainee.update(
            first_name=value,
            last_name=value,
            home_administration=value,
            training=value,
            travel=value,
            mentor=value,
        ).execute()
        Department.update(name=value).execute()
        OfficeClosure.update(reason=value).execute()
        Tandem.update(swap_consent_scope=value).execute()
        texts = {key: value for key, _label in GOALS}
        ExperienceReport.update(texts=texts, summary=value, hr_comment=value).execute()


def check_pages(app, client, world, paths, headers=None) -> None:
    """Each path rendered with hostile values adds no markup over the harmless rendering.

    Every example renders one of the paths (hypothesis draws it), so a screen list of any
    length costs one request per example."""
    harmless = {}
    store(app, world, MARKER)
    for path in paths:
        harmless[path] = client.get(path, headers=headers).text
        assert MARKER in harmless[path], f"{path} shows none of the fields"

    @hypothesis_settings()
    @given(value=hostile, path=st.sampled_from(paths))
    def run(value, path):
        store(app, world, value)
        response = client.get(path, headers=headers)
        assert response.status_code == 200, path
        assert not added_markup(response.text, harmless[path]), (path, value)

    run()


def test_application_page_as_owner(app, client, login, world):
    login("anna")
    check_pages(app, client, world, [f"/bewerbungen/{world['application']}"])


def test_application_page_and_inbox_as_hr(app, client, login, world):
    login("hanna")
    check_pages(app, client, world, [f"/bewerbungen/{world['application']}", "/personal/?status=all"])


def test_inbox_fragments_and_reflected_search(app, client, login, world):
    login("hanna")
    check_pages(
        app,
        client,
        world,
        [f"/personal/{world['application']}", "/personal/?status=all"],
        headers={"HX-Request": "true", "HX-Target": "results"},
    )

    kinds = ({}, {"HX-Request": "true"})
    harmless = [client.get("/personal/", query_string={"q": "x"}, headers=h).text for h in kinds]

    @hypothesis_settings()
    @given(value=hostile)
    def search(value):
        for headers, page in zip(kinds, harmless, strict=True):
            response = client.get("/personal/", query_string={"q": value}, headers=headers)
            assert not added_markup(response.text, page), value

    search()


def test_host_family_page(app, client, login, world):
    login("claire")
    check_pages(app, client, world, [f"/stadtverwaltung/nogent/gastfamilien/{world['family']}"])


def test_audit_log_users_and_city_pages(app, client, login, world):
    login("root")
    check_pages(app, client, world, ["/admin/benutzer/"])
    client.post("/abmelden")
    login("hanna")
    check_pages(app, client, world, ["/personal/protokoll/", "/staedte/nogent"])


def test_guests_tandems_calendar_and_reports(app, client, login, world):
    login("hanna")
    guest, application = world["guest"], world["application"]
    paths = [
        "/gaeste/",
        f"/gaeste/{guest}",
        f"/gaeste/{guest}/briefe/programme/fr",
        "/tandems/",
        f"/tandems/gast/{guest}",
        f"/kalender/?monat={world['month']}&ansicht=zeitleiste",
        "/personal/siegburg/abteilungen",
        "/personal/siegburg/schliesstage",
        f"/bewerbungen/{application}/erfahrungsbericht",
        "/personal/berichte",
    ]
    check_pages(app, client, world, paths)


def test_letters_for_the_pdf(app, world):
    """The letter HTML that WeasyPrint turns into a PDF, with hostile placement and texts."""
    with app.test_request_context(), db.connection_context():
        template = rendering.find_template("nogent", "introduction", "fr")
        assert isinstance(template, LetterTemplate)

    def render() -> str:
        with app.test_request_context(), db.connection_context():
            return issuing.render(Application.get_by_id(world["application"]), template, for_pdf=True)

    store(app, world, "x")
    harmless = render()

    @hypothesis_settings(LETTER_EXAMPLES)
    @given(value=hostile)
    def run(value):
        store(app, world, value)
        assert not added_markup(render(), harmless), value

    run()
    store(app, world, "<b>fett</b> & <script>")
    with app.app_context():
        text = pdf_text(rendering.render_pdf(render()))
    assert "<b>fett</b> & <script>" in text


def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, via poppler's pdftotext."""
    result = subprocess.run(["pdftotext", "-", "-"], input=data, capture_output=True, check=True)
    return result.stdout.decode()


def test_mails_stay_plain_text_with_one_header_each(app, world):
    """Hostile names and reasons end up as text of a text/plain mail; no header is injected."""

    @hypothesis_settings(MAIL_EXAMPLES)
    @given(name=hostile, reason=hostile)
    def run(name, reason):
        with app.test_request_context(), db.connection_context():
            User.update(display_name=name).where(User.username == "anna").execute()
            application = Application.get_by_id(world["application"])
            with db.atomic() as transaction:
                messages = notify.queue("application_rejected", application, reason=reason)
                raw = [delivery.build(m, "intranet@example.org").as_bytes() for m in messages]
                transaction.rollback()
            assert raw
            for data in raw:
                mail = message_from_bytes(data, policy=policy.default)
                assert mail.get_content_type() == "text/plain"
                assert len(mail.get_all("Subject")) == 1 and len(mail.get_all("To")) == 1
                assert " ".join(reason.split()) in " ".join(mail.get_content().split())

    run()
