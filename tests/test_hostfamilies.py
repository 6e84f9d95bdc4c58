"""Host-family register: scope (HR and the city admins), entry with consent, changes, deletion on request."""

from datetime import date, timedelta

import pytest

from intranet.hostfamilies import households
from intranet.models import AuditEvent, HostAvailability, HostFamily
from intranet.platform.db import db

FAMILY = {
    "household": "Famille Dubois-Œuvray",
    "address": "3 rue des Jardins, 94130 Nogent-sur-Marne",
    "contact_name": "Hélène Dubois",
    "email": "helene@example.org",
    "phone": "+33 1 23 45 67 89",
    "languages": ["fr", "de"],
    "capacity": 1,
    "rooms": 1,
    "notes": "Ein Hund, vegetarische Küche möglich, Nichtraucher",
    "consent_date": date(2026, 1, 15),
    "consent_scope": "Speicherung und Weitergabe an Praktikantinnen und Praktikanten",
}


def run(app, fn, *args, **kwargs):
    with app.test_request_context(), db.connection_context():
        return fn(*args, **kwargs)


def add_family(app, user, city="nogent", **changes):
    return run(app, households.create, user, city, {**FAMILY, **changes})


def form(**changes) -> dict:
    return {**FAMILY, "consent_date": "2026-01-15", **changes}


def switch(client, login, user):
    """Log out whoever is logged in, then log in as ``user``."""
    client.post("/abmelden")
    return login(user)


def test_scope_404_for_other_city_admin_and_employees(app, client, login, people):
    family = add_family(app, people["claire"])
    base = f"/stadtverwaltung/nogent/gastfamilien/{family.id}"
    for user in ("miguel", "anna", "root"):
        switch(client, login, user)
        assert client.get("/stadtverwaltung/nogent/gastfamilien/").status_code == 404, user
        assert client.get(base).status_code == 404, user
        assert client.post(base, data=form(household="X")).status_code == 404, user
        assert client.post(base + "/loeschen").status_code == 404, user
    # the family is not reachable through another city's URL either
    switch(client, login, "miguel")
    assert client.get(f"/stadtverwaltung/guarda/gastfamilien/{family.id}").status_code == 404
    for user in ("claire", "hanna"):
        switch(client, login, user)
        assert "Dubois-Œuvray" in client.get(base).text, user
    assert run(app, HostFamily.get_by_id, family.id).household == FAMILY["household"]


def test_anonymous_is_sent_to_login(client):
    assert client.get("/stadtverwaltung/nogent/gastfamilien/").status_code == 302


def test_create_with_consent_through_the_form(app, client, login):
    login("claire")
    response = client.post("/stadtverwaltung/nogent/gastfamilien/neu", data=form())
    assert response.status_code == 302
    family = run(app, HostFamily.get, HostFamily.household == FAMILY["household"])
    assert (family.city, family.languages, family.consent_date) == ("nogent", ["fr", "de"], date(2026, 1, 15))
    event = run(app, AuditEvent.get, AuditEvent.action == "host_family_created")
    assert event.after["capacity"] == 1 and "Dubois" not in str(event.after)
    listing = client.get("/stadtverwaltung/nogent/gastfamilien/").text
    assert "Dubois-Œuvray" in listing and "FR, DE" in listing


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"household": ""}, "Bitte den Namen des Haushalts angeben."),
        ({"consent_date": ""}, "Bitte ein gültiges Datum angeben"),
        ({"consent_date": "gestern"}, "Bitte ein gültiges Datum angeben"),
        ({"consent_date": str(date.today() + timedelta(days=3))}, "nicht in der Zukunft"),
        ({"consent_scope": ""}, "wozu die Familie eingewilligt hat"),
        ({"capacity": "viele"}, "Plätze"),
        ({"capacity": "0"}, "von 1 bis 10"),
        ({"email": "kein-at"}, "gültige E-Mail-Adresse"),
    ],
)
def test_bad_input_is_explained_and_kept(app, client, login, changes, message):
    login("claire")
    response = client.post("/stadtverwaltung/nogent/gastfamilien/neu", data=form(**changes))
    assert response.status_code == 422
    assert message in response.text
    assert "helene@example.org" in response.text or changes.get("email")
    assert run(app, HostFamily.select().count) == 0


def test_change_is_audited_without_personal_data(app, client, login, people):
    family = add_family(app, people["claire"])
    login("claire")
    response = client.post(
        f"/stadtverwaltung/nogent/gastfamilien/{family.id}", data=form(phone="+33 9 99", capacity="2")
    )
    assert response.status_code == 302
    fresh = run(app, HostFamily.get_by_id, family.id)
    assert (fresh.phone, fresh.capacity) == ("+33 9 99", 2)
    event = run(app, AuditEvent.get, AuditEvent.action == "host_family_changed")
    assert event.after["changed"] == ["capacity", "phone"] and "+33" not in str(event.after)


def test_availability_windows(app, client, login, people):
    family = add_family(app, people["claire"])
    login("claire")
    url = f"/stadtverwaltung/nogent/gastfamilien/{family.id}/zeitraeume"
    bad = client.post(url, data={"start_date": "2027-06-10", "end_date": "2027-06-01"})
    assert bad.status_code == 422 and "nicht vor dem Beginn" in bad.text
    assert client.post(url, data={"start_date": "2027-06-01", "end_date": "2027-06-30"}).status_code == 302
    window = run(app, HostAvailability.get)
    assert "01.06.2027 – 30.06.2027" in client.get(f"/stadtverwaltung/nogent/gastfamilien/{family.id}").text
    assert client.post(f"{url}/{window.id}/entfernen").status_code == 302
    assert run(app, HostAvailability.select().count) == 0
    actions = run(app, lambda: [e.action for e in AuditEvent.select().order_by(AuditEvent.id)])
    assert actions[-2:] == ["host_availability_added", "host_availability_removed"]


def test_delete_on_request_removes_personal_data(app, client, login, people):
    family = add_family(app, people["claire"])
    run(app, households.add_window, people["claire"], family, date(2027, 6, 1), date(2027, 6, 30))
    login("hanna")
    confirm = client.get(f"/stadtverwaltung/nogent/gastfamilien/{family.id}/loeschen")
    assert "Endgültig löschen" in confirm.text
    assert client.post(f"/stadtverwaltung/nogent/gastfamilien/{family.id}/loeschen").status_code == 302
    assert run(app, HostFamily.select().count) == 0
    assert run(app, HostAvailability.select().count) == 0
    trail = run(app, lambda: " ".join(str((e.before, e.after, e.reason)) for e in AuditEvent.select()))
    for personal in ("Dubois", "Hélène", "rue des Jardins", "helene@", "Hund"):
        assert personal not in trail
    event = run(app, AuditEvent.get, AuditEvent.action == "host_family_deleted")
    assert event.object_id == family.id and event.reason == "Löschung auf Antrag"


def test_delete_needs_post(app, client, login, people):
    family = add_family(app, people["claire"])
    login("claire")
    client.get(f"/stadtverwaltung/nogent/gastfamilien/{family.id}/loeschen")
    assert run(app, HostFamily.select().count) == 1
