"""The city's run-time data: overrides reach the city page and estimates, audited, reset; periods."""

from intranet.cities import overrides
from intranet.cities.registry import registry
from intranet.models import AuditEvent, BlockedPeriod, CapacityWindow, CityOverride
from intranet.platform.db import db

from .test_hostfamilies import run, switch

DATA = "/stadtverwaltung/nogent/daten"
MAIRIE = "administration|Mairie de Nogent-sur-Marne – Hôtel de Ville"


def actions(app) -> list[str]:
    return run(app, lambda: [e.action for e in AuditEvent.select().order_by(AuditEvent.id)])


def test_contact_correction_reaches_the_city_page_and_resets(app, client, login):
    login("claire")
    assert "Mairie de Nogent-sur-Marne" in client.get(DATA + "/").text
    fields = {"key": MAIRIE, "name": "Mairie de Nogent – Service jumelage", "email": "jumelage@example.fr"}
    assert client.post(DATA + "/contact", data=fields).status_code == 302
    page = client.get("/staedte/nogent").text
    assert "Service jumelage" in page and "jumelage@example.fr" in page
    assert client.post(DATA + "/contact/zuruecksetzen", data={"key": MAIRIE}).status_code == 302
    assert "Service jumelage" not in client.get("/staedte/nogent").text
    assert actions(app)[-2:] == ["override_set", "override_reset"]
    assert run(app, CityOverride.select().count) == 0


def test_bad_values_are_refused_and_kept(app, client, login):
    login("claire")
    missing = client.post(DATA + "/contact", data={"key": MAIRIE, "name": "", "email": "typed@example.fr"})
    assert missing.status_code == 422 and "Bitte einen Namen" in missing.text
    assert "typed@example.fr" in missing.text
    unknown = client.post(DATA + "/contact", data={"key": "x|y", "name": "Z"})
    assert unknown.status_code == 422 and "gibt es im Plugin nicht" in unknown.text
    cost = client.post(DATA + "/cost", data={"key": "travel", "amount": "viel"})
    assert cost.status_code == 422 and "zwischen 0 und 100.000" in cost.text and 'value="viel"' in cost.text
    assert client.post(DATA + "/nonsense", data={"key": "a"}).status_code == 404
    assert run(app, CityOverride.select().count) == 0


def test_cost_rates_change_the_estimate(app, client, login, make_application):
    application = make_application(status="draft")
    login("claire")
    client.post(DATA + "/cost", data={"key": "travel", "amount": "400,00"})
    client.post(DATA + "/cost", data={"key": "host_family_per_night", "amount": "12.50"})  # decimal point too
    with app.test_request_context(), db.connection_context():
        estimate = registry().call("nogent", "cost_estimate", application=application)
        items = {i.category: i.amount for i in estimate}
    nights = application.days - 1
    assert items["travel"] == 400.0 and items["host_family"] == nights * 12.5


def test_letter_texts_for_the_letters(app, client, login):
    login("claire")
    key = "introduction/fr/note"
    text = "Nous vous remercions de votre accueil chaleureux – à bientôt à Nogent!"
    assert client.post(DATA + "/letter_text", data={"key": key, "text": text}).status_code == 302
    assert run(app, overrides.letter_texts, "nogent") == {"introduction": {"fr": {"note": text}}}
    assert client.post(DATA + "/letter_text", data={"key": "x/y/z", "text": "a"}).status_code == 422
    assert run(app, overrides.letter_texts, "guarda") == {}


def test_blocked_periods_and_capacity(app, client, login):
    login("claire")
    reversed_dates = {"start": "2027-05-10", "end": "2027-05-01", "reason": "x"}
    bad = client.post(DATA + "/zeitraum/sperrzeiten", data=reversed_dates)
    assert bad.status_code == 422 and "nicht vor dem Beginn" in bad.text
    data = {"start": "2027-05-01", "end": "2027-05-10", "reason": "Kommunalwahl"}
    assert client.post(DATA + "/zeitraum/sperrzeiten", data=data).status_code == 302
    places = {"start": "2027-06-01", "end": "2027-06-30", "places": "2"}
    assert client.post(DATA + "/zeitraum/kapazitaet", data=places).status_code == 302
    assert "Kommunalwahl" in client.get("/stadtverwaltung/nogent/").text
    period = run(app, BlockedPeriod.get)
    assert (period.city, period.reason) == ("nogent", "Kommunalwahl")
    assert run(app, CapacityWindow.get).places == 2
    assert client.post(f"{DATA}/zeitraum/sperrzeiten/{period.id}/entfernen").status_code == 302
    assert run(app, BlockedPeriod.select().count) == 0
    assert actions(app)[-3:] == [
        "blocked_period_created",
        "capacity_window_created",
        "blocked_period_deleted",
    ]


def test_scope_other_city_admin_gets_404(app, client, login, people):
    login("claire")
    client.post(
        DATA + "/zeitraum/sperrzeiten", data={"start": "2027-05-01", "end": "2027-05-02", "reason": "Fest"}
    )
    period = run(app, BlockedPeriod.get)
    for user in ("miguel", "anna"):
        switch(client, login, user)
        assert client.get(DATA + "/").status_code == 404
        assert client.post(DATA + "/cost", data={"key": "travel", "amount": "1"}).status_code == 404
        assert client.post(f"{DATA}/zeitraum/sperrzeiten/{period.id}/entfernen").status_code == 404
    # Guarda's admin cannot reach Nogent's period through Guarda's URL either
    switch(client, login, "miguel")
    url = f"/stadtverwaltung/guarda/daten/zeitraum/sperrzeiten/{period.id}/entfernen"
    assert client.post(url).status_code == 404
    assert run(app, BlockedPeriod.select().count) == 1 and run(app, CityOverride.select().count) == 0


def test_plugin_at_work_shows_what_the_plugin_supplies(app, client, login):
    login("claire")
    client.post(DATA + "/contact", data={"key": MAIRIE, "name": "Geändert durch Claire"})
    page = client.get("/stadtverwaltung/nogent/plugin")
    assert page.status_code == 200
    text = page.text
    assert "Keine Probleme gefunden" in text and "Französischkenntnisse" in text
    assert (
        "Mairie de Nogent-sur-Marne" in text and "Geändert durch Claire" not in text
    )  # the plugin's own data
    for language in ("fr", "de"):
        assert f"/stadtverwaltung/nogent/plugin/vorschau/introduction/{language}" in text
    preview = client.get("/stadtverwaltung/nogent/plugin/vorschau/introduction/fr")
    assert (
        preview.status_code == 200
        and '<html lang="fr">' in preview.text
        and "Madame, Monsieur" in preview.text
    )
    assert client.get("/stadtverwaltung/nogent/plugin/vorschau/introduction/el").status_code == 404
    switch(client, login, "miguel")
    assert client.get("/stadtverwaltung/nogent/plugin").status_code == 404
    assert client.get("/stadtverwaltung/nogent/plugin/vorschau/introduction/fr").status_code == 404
    assert client.get("/stadtverwaltung/guarda/plugin/vorschau/introduction/pt").status_code == 200
