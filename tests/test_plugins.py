"""The plugin contract: registry, per-city calls, start-up failures, documented hooks."""

import inspect
import zoneinfo
from datetime import date
from importlib.metadata import entry_points
from pathlib import Path

import pytest
from wtforms import StringField

from intranet import create_app, hookspecs
from intranet.cities.registry import PluginError
from intranet.cities.workdays import days_between, library_holidays
from intranet.demo import attach_documents
from intranet.hookspecs import (
    Contact,
    CostItem,
    DocumentRequirement,
    FieldSpec,
    Finding,
    Holiday,
    LetterTemplate,
    PartnerCity,
    hookimpl,
)
from intranet.letters.rendering import ldate, render_letter, sample_context
from intranet.models import Application, AuditEvent, User
from intranet.outbound import cityinfo, workflow
from intranet.placement import plugincheck
from intranet.platform.db import db

CITY_SLUGS = sorted(ep.name for ep in entry_points(group="intranet"))
HOOKS = [name for name, _ in inspect.getmembers(hookspecs, inspect.isfunction) if hasattr(_, "intranet_spec")]

SEVENTH = PartnerCity(
    slug="musterstadt",
    name_de="Musterstadt",
    name_local="Muster Town",
    country="IE",
    country_de="Irland",
    region="Test",
    languages=("en", "de"),
    eu=True,
    schengen=False,
    currency="EUR",
    timezone="Europe/Dublin",
    partner_since="2030",
    short_label="IE",
)


class SeventhCity:
    """A whole city plugin that lives only in the test suite, letters in ``tests/musterstadt/templates``."""

    __file__ = str(Path(__file__).parent / "musterstadt" / "plugin.py")

    @hookimpl
    def partner_city(self):
        return SEVENTH

    @hookimpl
    def public_holidays(self, city, start, end):
        local = [
            Holiday(day, "Musterstadt-Tag")
            for day in days_between(start, end)
            if (day.month, day.day) == (6, 6)
        ]
        return sorted(library_holidays(city, start, end) + local, key=lambda h: h.day)

    @hookimpl
    def rule_summaries(self, city):
        return ["In Musterstadt gilt: Regenschirm mitbringen."]

    @hookimpl
    def application_fields(self, city):
        return [FieldSpec("english_level", StringField("Englischkenntnisse"))]

    @hookimpl
    def required_documents(self, city, application):
        return [DocumentRequirement("irish_form", "Irisches Formular")]

    @hookimpl
    def check_application(self, city, application):
        return [Finding("warning", "In Musterstadt regnet es oft.", None, "rain")]

    @hookimpl
    def contacts(self, city):
        return [Contact("administration", "Rathaus Musterstadt")]

    @hookimpl
    def letter_templates(self, city):
        return [LetterTemplate("introduction", "en", "musterstadt/introduction_en.html")]

    @hookimpl
    def cost_estimate(self, city, application):
        return [CostItem("travel", "Flug", 300.0)]

    @hookimpl
    def on_status_change(self, city, application, old, new):
        if new == "approved" and application.motivation == "veto":
            raise workflow.TransitionRefused("Musterstadt lehnt ab.")


class EveryCity:
    """A cross-cutting plugin (no partner_city): answers for all cities."""

    @hookimpl
    def required_documents(self, city, application):
        return [DocumentRequirement("photo", "Passfoto")] if city.eu else []


def make_app(tmp_path, *plugins):
    return create_app({"TESTING": True, "EXTRA_PLUGINS": plugins, "INSTANCE_PATH": str(tmp_path)})


def test_six_cities_with_correct_names(app):
    cities = app.extensions["cities"]
    assert [c.slug for c in cities] == ["boleslawiec", "guarda", "nogent", "orestiada", "selcuk", "werder"]
    assert cities.get("boleslawiec").name_de == "Bolesławiec"
    assert cities.get("selcuk").name_local == "Selçuk"
    assert cities.get("orestiada").name_local == "Ορεστιάδα"


@pytest.mark.parametrize("slug", CITY_SLUGS)
def test_city_contract(app, slug):
    city = app.extensions["cities"].get(slug)
    assert isinstance(city, PartnerCity) and city.slug == slug
    assert len(city.country) == 2 and city.country.isupper()
    assert city.languages and all(len(lang) == 2 for lang in city.languages)
    assert len(city.currency) == 3
    zoneinfo.ZoneInfo(city.timezone)
    assert city.partner_since and city.name_de and city.name_local and city.short_label
    module = app.extensions["cities"].plugin(slug)
    assert module.__name__ == f"intranet_cities.{slug}"
    assert module.__doc__, "every plugin says which city it is"


def test_city_hooks_only_reach_their_own_city(tmp_path):
    app = make_app(tmp_path, SeventhCity(), EveryCity())
    cities = app.extensions["cities"]
    blank = Application(start_date=None, end_date=None)
    seventh_docs = [d.key for d in cities.call("musterstadt", "required_documents", application=blank)]
    nogent_docs = [d.key for d in cities.call("nogent", "required_documents", application=blank)]
    assert sorted(seventh_docs) == sorted(
        ["cv", "motivation_letter", "release", "ehic", "a1_certificate", "photo", "irish_form"]
    )
    assert "irish_form" not in nogent_docs and "photo" in nogent_docs
    assert "Rathaus Musterstadt" not in [c.name for c in cities.call("nogent", "contacts")]
    assert cities.call("musterstadt", "contacts")[0].name == "Rathaus Musterstadt"
    assert cities.call("musterstadt", "letter_templates")[0].language == "en"
    assert sum(i.amount for i in cities.call("musterstadt", "cost_estimate", application=blank)) == 300.0


@pytest.fixture
def seventh_client(tmp_path):
    """A client logged in to an app that knows the seventh city."""
    from intranet.people.users import create_user
    from intranet.platform import migrate

    from .conftest import CSRFClient

    app = make_app(tmp_path, SeventhCity())
    app.test_client_class = CSRFClient
    with app.app_context(), db.connection_context():
        migrate.upgrade()
        create_user("eva", "Eva", "eva@example.org", password="pw-eva-123")
    client = app.test_client()
    client.post("/anmelden", data={"username": "eva", "password": "pw-eva-123"})
    return client


def test_seventh_city_appears_in_the_form_without_core_change(seventh_client):
    page = seventh_client.post("/bewerbungen/neu", data={"city": "musterstadt", "action": "refresh"}).text
    assert "Musterstadt (Irland)" in page
    assert "Englischkenntnisse" in page and "Irisches Formular" in page
    assert "Regenschirm mitbringen" in page and "Rathaus Musterstadt" in page
    assert "Stadt Siegburg – Städtepartnerschaften" in page  # core contact


def test_seventh_city_appears_on_its_city_page(seventh_client):
    assert "Musterstadt" in seventh_client.get("/staedte/").text
    page = seventh_client.get("/staedte/musterstadt").text
    assert "<h1>Musterstadt" in page and "Regenschirm mitbringen" in page
    assert "Musterstadt-Tag" in page  # its own holiday, within the next twelve months
    assert "Irisches Formular" in page and "Rathaus Musterstadt" in page


def test_seventh_city_passes_the_checks_and_renders_its_letter(tmp_path):
    app = make_app(tmp_path, SeventhCity())
    with app.app_context():
        assert plugincheck.check_city(SEVENTH) == []
        letters = app.extensions["cities"].call("musterstadt", "letter_templates")
        # the core adds the Erasmus+ learning agreement for a city abroad (German only: no English texts)
        [letter] = [t for t in letters if t.kind != "learning_agreement"]
        assert [(t.kind, t.language) for t in letters if t not in (letter,)] == [("learning_agreement", "de")]
        context = sample_context(SEVENTH)
        html = render_letter(letter, {**context, "trainee": User(display_name="<b>Eva</b>")})
    start = context["application"].start_date
    assert html.startswith("<!doctype html>") and '<html lang="en">' in html
    assert "Dear colleagues" in html and ldate(start, "en") in html
    assert "&lt;b&gt;Eva&lt;/b&gt;" in html and "<b>Eva" not in html  # autoescaped
    assert "Nogenter Platz 10" in html  # the core letterhead


def test_a_city_plugin_decides_its_own_holidays(tmp_path):
    app = make_app(tmp_path, SeventhCity())
    cities = app.extensions["cities"]
    with app.app_context():
        seventh = cities.call(
            "musterstadt", "public_holidays", start=date(2027, 1, 1), end=date(2027, 12, 31)
        )
        nogent = cities.call("nogent", "public_holidays", start=date(2027, 1, 1), end=date(2027, 12, 31))
    assert Holiday(date(2027, 6, 6), "Musterstadt-Tag") in seventh
    assert date(2027, 3, 17) in [h.day for h in seventh]  # St Patrick's Day from the library
    assert "Musterstadt-Tag" not in [h.name for h in nogent]
    assert date(2027, 7, 14) in [h.day for h in nogent]  # the core default


def test_plugins_list_names_version_and_file(tmp_path):
    runner = make_app(tmp_path, SeventhCity()).test_cli_runner()
    output = runner.invoke(args=["plugins", "list"]).output
    assert "guarda       Guarda / Guarda  [pt, de]" in output
    assert "Version 0.1.0" in output and "plugins/guarda/__init__.py" in output
    assert "musterstadt  Musterstadt / Muster Town  [en, de]" in output and "test_plugins.py" in output


class BrokenCity:
    """A city plugin that breaks the contract in several ways at once."""

    @hookimpl
    def partner_city(self):
        return PartnerCity(**{**SEVENTH.__dict__, "slug": "kaputt", "timezone": "Mars/Olympus"})

    @hookimpl
    def required_documents(self, city, application):
        return [DocumentRequirement("form", "", formats=("docx",))]

    @hookimpl
    def check_application(self, city, application):
        return [Finding("info", "Nur zur Info.", "nirgendwo", "info")]

    @hookimpl
    def letter_templates(self, city):
        return [LetterTemplate("introduction", "fr", "kaputt/introduction_fr.html")]

    @hookimpl
    def cost_estimate(self, city, application):
        raise ValueError("kein Tarif")


def test_plugins_check_reports_every_problem_and_fails(tmp_path):
    result = make_app(tmp_path, BrokenCity()).test_cli_runner().invoke(args=["plugins", "check"])
    assert result.exit_code == 1
    kaputt = result.output.split("✘ kaputt")[1].split("\n✔")[0].split("\n✘")[0]
    for problem in (
        "unknown time zone: 'Mars/Olympus'",
        "form: ohne deutsche Bezeichnung",
        "formats ['docx']",
        "severity 'info'",
        "field 'nirgendwo' nicht im Formular",
        "language 'fr' nicht in",
        "kaputt/introduction_fr.html: Vorlage fehlt / template missing",
        "cost_estimate: Ausnahme / exception ValueError: kein Tarif",
    ):
        assert problem in kaputt
    assert "problem(s) found" in result.output


def test_installed_plugins_pass_the_check(runner):
    result = runner.invoke(args=["plugins", "check"])
    assert result.exit_code == 0, result.output
    assert result.output.count("✔") == len(CITY_SLUGS)


def musterstadt_draft(motivation: str):
    """Inside an app context: migrate, fund the budget, a trainee with a complete draft, and HR."""
    from intranet.people.users import create_user
    from intranet.platform import migrate

    from .conftest import fund_budget, future_period

    migrate.upgrade()
    fund_budget()
    trainee = create_user("t", "T", "t@example.org")
    hr = create_user("h", "H", "h@example.org", roles=("hr",))
    start, end = future_period()
    application = workflow.create_draft(trainee, "musterstadt", start, end, motivation, {})
    attach_documents(trainee, application)
    return trainee, hr, application


def test_veto_in_on_status_change_rolls_back(tmp_path):
    app = make_app(tmp_path, SeventhCity())
    with app.test_request_context(), db.connection_context():
        trainee, hr, application = musterstadt_draft("veto")
        application = workflow.submit(trainee, application)
        with pytest.raises(workflow.TransitionRefused, match="Musterstadt lehnt ab"):
            workflow.decide(hr, application, "approve")
        assert Application.get_by_id(application.id).status == "submitted"
        assert not AuditEvent.select().where(AuditEvent.action == "application_approved").exists()


def test_duplicate_city_slug_stops_start_up(tmp_path):
    class Impostor:
        @hookimpl
        def partner_city(self):
            return SEVENTH.__class__(**{**SEVENTH.__dict__, "slug": "nogent"})

    with pytest.raises(PluginError, match="doppelt"):
        make_app(tmp_path, Impostor())


def test_hook_without_spec_stops_start_up(tmp_path):
    class Typo:
        @hookimpl
        def required_document(self, city, application):  # missing "s"
            return []

    with pytest.raises(PluginError, match="required_document"):
        make_app(tmp_path, Typo())


@pytest.mark.parametrize("hook", HOOKS)
def test_every_hook_is_documented(hook):
    doc = getattr(hookspecs, hook).__doc__ or ""
    assert len(doc.split()) >= 10, f"{hook} needs a docstring: receives, returns, called when"
    assert "Called" in doc or "called" in doc


def test_every_hook_is_exercised(tmp_path):
    """Drive one application through the core and watch which hooks pluggy calls."""
    app = make_app(tmp_path, SeventhCity())
    pm, cities = app.extensions["plugin_manager"], app.extensions["cities"]
    called = set()
    undo = pm.add_hookcall_monitoring(lambda name, impls, kwargs: called.add(name), lambda *a: None)
    with app.test_request_context(), db.connection_context():
        trainee, hr, application = musterstadt_draft("")
        from intranet.outbound.forms import application_form

        application_form("musterstadt")
        cities.call("musterstadt", "required_documents", application=application)
        workflow.decide(hr, workflow.submit(trainee, application), "approve")
        cities.call("musterstadt", "contacts")
        cities.call("musterstadt", "letter_templates")
        cities.call("musterstadt", "cost_estimate", application=application)
        cityinfo.overview(cities.get("musterstadt"), date.today())
    undo()
    assert cities.get("musterstadt") == SEVENTH  # partner_city ran at start-up
    assert called | {"partner_city"} == set(HOOKS)
