"""The plugin contract: registry, per-city calls, start-up failures, documented hooks."""

import inspect
import zoneinfo
from importlib.metadata import entry_points

import pytest
from wtforms import StringField

from intranet import create_app, hookimpl, hookspecs, workflow
from intranet.cities import PluginError
from intranet.db import db
from intranet.hookspecs import (
    Contact,
    CostItem,
    DocumentRequirement,
    FieldSpec,
    Finding,
    LetterTemplate,
    PartnerCity,
)
from intranet.models import Application, AuditEvent

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
    """A whole city plugin that lives only in the test suite."""

    @hookimpl
    def partner_city(self):
        return SEVENTH

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
        return [DocumentRequirement("ehic", "EHIC")] if city.eu else []


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
    assert set(seventh_docs) == {"cv", "motivation_letter", "release", "ehic", "irish_form"}
    assert "irish_form" not in nogent_docs and "ehic" in nogent_docs
    assert cities.call("nogent", "contacts") == []
    assert cities.call("musterstadt", "contacts")[0].name == "Rathaus Musterstadt"
    assert cities.call("musterstadt", "letter_templates")[0].language == "en"
    assert sum(i.amount for i in cities.call("musterstadt", "cost_estimate", application=blank)) == 300.0


def test_seventh_city_appears_in_the_form_without_core_change(tmp_path, password_hash):
    app = make_app(tmp_path, SeventhCity())
    from .conftest import CSRFClient

    app.test_client_class = CSRFClient
    with app.app_context(), db.connection_context():
        from intranet import migrate
        from intranet.users import create_user

        migrate.upgrade()
        user = create_user("eva", "Eva", "eva@example.org", password="pw-eva-123")
    client = app.test_client()
    client.post("/anmelden", data={"username": "eva", "password": "pw-eva-123"})
    page = client.post("/bewerbungen/neu", data={"city": "musterstadt", "action": "refresh"}).text
    assert "Musterstadt (Irland)" in page
    assert "Englischkenntnisse" in page and "Irisches Formular" in page
    assert user.username == "eva"


def test_veto_in_on_status_change_rolls_back(tmp_path):
    app = make_app(tmp_path, SeventhCity())
    from intranet import migrate
    from intranet.users import create_user

    from .conftest import future_period

    with app.test_request_context(), db.connection_context():
        migrate.upgrade()
        trainee = create_user("t", "T", "t@example.org")
        hr = create_user("h", "H", "h@example.org", roles=("hr",))
        start, end = future_period()
        application = workflow.create_draft(trainee, "musterstadt", start, end, "veto", {})
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
    from intranet import migrate
    from intranet.users import create_user

    from .conftest import future_period

    app = make_app(tmp_path, SeventhCity())
    pm, cities = app.extensions["plugin_manager"], app.extensions["cities"]
    called = set()
    undo = pm.add_hookcall_monitoring(lambda name, impls, kwargs: called.add(name), lambda *a: None)
    with app.test_request_context(), db.connection_context():
        migrate.upgrade()
        trainee = create_user("t", "T", "t@example.org")
        hr = create_user("h", "H", "h@example.org", roles=("hr",))
        start, end = future_period()
        application = workflow.create_draft(trainee, "musterstadt", start, end, "", {})
        from intranet.forms import application_form

        application_form("musterstadt")
        cities.call("musterstadt", "required_documents", application=application)
        workflow.decide(hr, workflow.submit(trainee, application), "approve")
        cities.call("musterstadt", "contacts")
        cities.call("musterstadt", "letter_templates")
        cities.call("musterstadt", "cost_estimate", application=application)
    undo()
    assert cities.get("musterstadt") == SEVENTH  # partner_city ran at start-up
    assert called | {"partner_city"} == set(HOOKS)
