"""Guests in Siegburg: scope, Siegburg's checks, rotation capacity, versions, audit rows."""

from datetime import date, timedelta

import pytest

from intranet.hostfamilies import households
from intranet.inbound import guests, rotation, siegburg
from intranet.models import AuditEvent, Department, InboundTrainee, OfficeClosure, RotationWeek
from intranet.platform.db import db

#: a stay over Fronleichnam (Thursday, 27 May 2027), Monday to Friday, three weeks
GUEST = {
    "city": "nogent",
    "first_name": "Lucie",
    "last_name": "Fontaine",
    "email": "lucie@example.org",
    "home_administration": "Mairie de Nogent-sur-Marne",
    "training": "Rédacteur territorial",
    "training_track": "SIA",
    "training_year": "2",
    "languages-0-language": "fr",
    "languages-0-level": "C2",
    "languages-1-language": "de",
    "languages-1-level": "B1",
    "letter_language": "fr",
    "start_date": "2027-05-18",
    "end_date": "2027-06-04",
    "arrival": "2027-05-17",
    "departure": "2027-06-05",
    "mentor": "Frau Weber, Bürgerbüro",
}


def run(app, fn, *args, **kwargs):
    with app.test_request_context(), db.connection_context():
        return fn(*args, **kwargs)


def values(**changes) -> dict:
    """The guest as the domain takes it."""
    base = {k: v for k, v in GUEST.items() if not k.startswith("languages")}
    base |= {
        "training_year": 2,
        "languages": [{"code": "fr", "level": "C2"}],
        **{k: date.fromisoformat(base[k]) for k in ("start_date", "end_date", "arrival", "departure")},
    }
    return base | changes


def register(app, user, **changes) -> InboundTrainee:
    return run(app, guests.register, user, values(**changes))


def departments(app, user, *capacities) -> list[Department]:
    names = ("Bürgerbüro", "Ordnungsamt", "Kämmerei", "Stadtplanung")
    return [
        run(app, siegburg.save_department, user, None, {"name": name, "capacity": n, "active": True})
        for name, n in zip(names, capacities, strict=False)
    ]


def audit_count(app, action: str) -> int:
    return run(app, lambda: AuditEvent.select().where(AuditEvent.action == action).count())


def test_checks_name_holidays_closures_and_errors(app, people):
    found = run(app, guests.check, values())
    closed = next(f for f in found if f.code == "closed")
    assert (
        closed.severity == "warning" and "Fronleichnam" in closed.message and "27.05.2027" in closed.message
    )
    assert next(f for f in found if f.code == "working_days").message.startswith("13 Arbeitstage")
    assert not [f for f in found if f.severity == "error"]

    short = run(app, guests.check, values(end_date=date(2027, 5, 27)))
    assert [(f.code, f.field) for f in short if f.severity == "error"] == [("duration", "end_date")]
    assert "10 Tage" in next(f.message for f in short if f.code == "duration")

    run(app, siegburg.add_closure, people["hanna"], date(2027, 9, 10), date(2027, 9, 10), "Betriebsausflug")
    autumn = values(
        start_date=date(2027, 9, 6),
        end_date=date(2027, 9, 17),
        arrival=date(2027, 9, 5),
        departure=date(2027, 9, 18),
    )
    found = run(app, guests.check, autumn)
    assert "Betriebsausflug" in next(f.message for f in found if f.code == "closed")

    wrong = run(
        app,
        guests.check,
        values(arrival=date(2027, 5, 19), departure=date(2027, 6, 3), letter_language="pt"),
    )
    assert {f.code for f in wrong if f.severity == "error"} == {"arrival", "departure", "letter_language"}


def test_form_refuses_ten_days_and_keeps_the_input(client, login):
    login("claire")
    response = client.post("/gaeste/neu", data={**GUEST, "end_date": "2027-05-27", "action": "save"})
    assert response.status_code == 422
    assert "erlaubt sind 14 bis 21 Tage" in response.text and 'value="Fontaine"' in response.text
    assert InboundTrainee.select().count() == 0


def test_live_check_answers_only_the_regions(client, login):
    login("hanna")
    response = client.post("/gaeste/neu", data={**GUEST, "action": "check"}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert 'data-hx-swap-oob="innerHTML"' in response.text and "Fronleichnam" in response.text
    assert "<form" not in response.text
    assert InboundTrainee.select().count() == 0


def test_scope_other_cities_admin_and_employees_get_404(client, login, app, people):
    login("claire")
    response = client.post(
        "/gaeste/neu", data={**GUEST, "action": "save", "status": "cancelled", "version": "7"}
    )
    assert response.status_code == 302
    guest = InboundTrainee.get()
    assert (guest.status, guest.version, guest.created_by_id) == ("planned", 1, people["claire"].id)
    assert guest.host_family is None  # only HR picks the Siegburg host family
    client.post("/abmelden")
    login("miguel")
    for path in (f"/gaeste/{guest.id}", f"/gaeste/{guest.id}/bearbeiten", f"/gaeste/{guest.id}/absagen"):
        assert client.get(path).status_code == 404
    assert client.post(f"/gaeste/{guest.id}/absagen").status_code == 404
    assert client.post(f"/gaeste/{guest.id}/rotation", data={"action": "propose"}).status_code == 404
    assert "Fontaine" not in client.get("/gaeste/").text
    guarda = client.post("/gaeste/neu", data={**GUEST, "action": "save"})
    assert guarda.status_code == 422 and "Bitte eine Partnerstadt wählen" in guarda.text
    client.post("/abmelden")
    login("anna")
    assert client.get("/gaeste/").status_code == 404
    assert client.get(f"/gaeste/{guest.id}").status_code == 404
    assert InboundTrainee.get_by_id(guest.id).status == "planned"


def test_rotation_refuses_a_full_department(app, people, client, login):
    hr = people["hanna"]
    (office,) = departments(app, hr, 1)
    first, second = register(app, hr), register(app, hr, first_name="Camille")
    week = date(2027, 5, 24)
    run(app, rotation.set_week, hr, first, week, office)
    with pytest.raises(rotation.RotationRefused, match="„Bürgerbüro“ ist in der Woche ab Mo., 24.05.2027"):
        run(app, rotation.set_week, hr, second, week, office)
    login("hanna")
    response = client.post(
        f"/gaeste/{second.id}/rotation", data={"week": "2027-05-24", "department": office.id}
    )
    assert response.status_code == 422 and "schon voll belegt" in response.text
    assert RotationWeek.select().where(RotationWeek.trainee == second).count() == 0
    assert audit_count(app, "rotation_week_set") == 1


def test_proposal_takes_a_different_free_department_each_week(app, people):
    hr = people["hanna"]
    offices = departments(app, hr, 1, 1, 1)
    other = register(app, hr, first_name="Camille")
    run(app, rotation.set_week, hr, other, date(2027, 5, 17), offices[0])
    guest = register(app, hr)
    assert run(app, rotation.apply_proposal, hr, guest) == 3
    planned = {
        row.week_start: row.department_id
        for row in RotationWeek.select().where(RotationWeek.trainee == guest)
    }
    assert sorted(planned) == [date(2027, 5, 17), date(2027, 5, 24), date(2027, 5, 31)]
    assert len(set(planned.values())) == 3 and planned[date(2027, 5, 17)] != offices[0].id
    assert audit_count(app, "rotation_proposed") == 1


def test_version_conflict_keeps_the_typed_input(app, people, client, login):
    guest = register(app, people["hanna"])
    run(app, guests.update, people["claire"], guest, 1, values(mentor="Herr Klein"))
    with pytest.raises(guests.StaleGuest):
        run(app, guests.update, people["hanna"], guest, 1, values(mentor="Frau Roth"))
    login("hanna")
    response = client.post(
        f"/gaeste/{guest.id}/bearbeiten",
        data={**GUEST, "mentor": "Frau Roth", "version": "1", "action": "save"},
    )
    assert response.status_code == 422
    assert "inzwischen geändert" in response.text and 'value="Frau Roth"' in response.text
    assert InboundTrainee.get_by_id(guest.id).mentor == "Herr Klein"


def test_exactly_one_audit_row_per_change_and_cancel_frees_the_weeks(app, people, client, login):
    hr = people["hanna"]
    (office,) = departments(app, hr, 1)
    guest = register(app, hr)
    run(app, rotation.set_week, hr, guest, date(2027, 5, 24), office)
    guest = run(app, guests.update, hr, guest, 1, values(mentor="Herr Klein"))
    run(app, guests.update, hr, guest, guest.version, values(mentor="Herr Klein"))  # nothing changed
    login("hanna")
    assert "Aufenthalt von Lucie Fontaine absagen?" in client.get(f"/gaeste/{guest.id}/absagen").text
    assert client.post(f"/gaeste/{guest.id}/absagen").status_code == 302
    assert client.post(f"/gaeste/{guest.id}/absagen").status_code == 302  # already cancelled: a message
    actions = [e.action for e in AuditEvent.select().where(AuditEvent.object_type == "inboundtrainee")]
    assert actions == ["inbound_registered", "rotation_week_set", "inbound_changed", "inbound_cancelled"]
    assert InboundTrainee.get_by_id(guest.id).status == "cancelled"
    assert RotationWeek.select().count() == 0
    other = register(app, hr, first_name="Camille")
    run(app, rotation.set_week, hr, other, date(2027, 5, 24), office)  # the place is free again


def test_date_change_frees_weeks_outside_the_new_stay(app, people):
    hr = people["hanna"]
    (office,) = departments(app, hr, 2)
    guest = register(app, hr)
    run(app, rotation.set_week, hr, guest, date(2027, 5, 17), office)
    run(app, rotation.set_week, hr, guest, date(2027, 5, 24), office)
    later = values(start_date=date(2027, 5, 24), end_date=date(2027, 6, 11), departure=date(2027, 6, 12))
    run(app, guests.update, hr, guest, 1, later)
    assert [row.week_start for row in RotationWeek.select()] == [date(2027, 5, 24)]
    changed = AuditEvent.get(AuditEvent.action == "inbound_changed")
    assert changed.after["weeks_removed"] == ["2027-05-17"]


def test_siegburg_host_family_only_for_hr_and_only_when_free(app, people, client, login):
    hr = people["hanna"]
    family = run(
        app,
        households.create,
        hr,
        "siegburg",
        {
            "household": "Familie Schäfer",
            "address": "Holzgasse 1, 53721 Siegburg",
            "contact_name": "Jana Schäfer",
            "email": "",
            "phone": "",
            "languages": ["de", "fr"],
            "capacity": 1,
            "rooms": 1,
            "notes": "",
            "consent_date": date(2026, 3, 1),
            "consent_scope": "Aufnahme von Gästen der Partnerstädte",
        },
    )
    register(app, hr, host_family=family.id)
    found = run(app, guests.check, values(host_family=family.id))
    assert any(f.code == "family_full" and "Familie Schäfer" in f.message for f in found)
    login("hanna")
    assert client.get("/stadtverwaltung/siegburg/gastfamilien/").status_code == 200
    page = client.post("/gaeste/neu", data={**GUEST, "action": "check"}).text
    assert "Familie Schäfer – kein freier Platz" in page
    client.post("/abmelden")
    login("claire")
    assert client.get("/stadtverwaltung/siegburg/gastfamilien/").status_code == 404
    assert client.get(f"/stadtverwaltung/siegburg/gastfamilien/{family.id}").status_code == 404
    assert "Familie Schäfer" not in client.get("/gaeste/neu").text


def test_hr_keeps_departments_and_closures(app, people, client, login):
    login("hanna")
    assert (
        client.post(
            "/personal/siegburg/abteilungen", data={"name": "Bürgerbüro", "capacity": "2", "active": "y"}
        ).status_code
        == 302
    )
    again = client.post("/personal/siegburg/abteilungen", data={"name": "Bürgerbüro", "capacity": "1"})
    assert again.status_code == 422 and "gibt es schon" in again.text
    office = Department.get()
    assert (
        client.post(
            f"/personal/siegburg/abteilungen/{office.id}", data={"name": "Bürgerbüro", "capacity": "3"}
        ).status_code
        == 302
    )
    assert (Department.get_by_id(office.id).capacity, Department.get_by_id(office.id).active) == (3, False)
    bad = client.post(
        "/personal/siegburg/schliesstage",
        data={"start_date": "2030-02-12", "end_date": "2030-02-11", "reason": "X"},
    )
    assert bad.status_code == 422 and "Das Ende darf nicht vor dem Beginn liegen." in bad.text
    data = {"start_date": "2030-02-11", "end_date": "2030-02-11", "reason": "Rosenmontag"}
    assert client.post("/personal/siegburg/schliesstage", data=data).status_code == 302
    closure = OfficeClosure.get()
    assert (
        "„Rosenmontag“ entfernen?"
        in client.get(f"/personal/siegburg/schliesstage/{closure.id}/loeschen").text
    )
    assert client.post(f"/personal/siegburg/schliesstage/{closure.id}/loeschen").status_code == 302
    assert OfficeClosure.select().count() == 0
    actions = [
        e.action
        for e in AuditEvent.select().order_by(AuditEvent.id)
        if e.object_type in ("department", "officeclosure")
    ]
    assert actions == [
        "department_created",
        "department_changed",
        "office_closure_created",
        "office_closure_deleted",
    ]
    client.post("/abmelden")
    login("claire")
    assert client.get("/personal/siegburg/abteilungen").status_code == 404


def test_demo_guests_have_a_full_rotation(app, people):
    from intranet import demo

    run(app, demo.seed_guests, people["hanna"])
    seeded = list(InboundTrainee.select().order_by(InboundTrainee.id))
    assert [(g.city, g.days) for g in seeded] == [("nogent", 19), ("boleslawiec", 14)]
    for guest in seeded:
        assert not [
            f for f in run(app, guests.check, guests.values_of(guest), guest.id) if f.severity == "error"
        ]
        weeks = [row.department_id for row in guest.rotation]
        assert len(weeks) == 3 and len(set(weeks)) == 3


def test_list_filters_by_city_and_year_within_the_scope(app, people, client, login):
    hr = people["hanna"]
    register(app, hr)
    register(app, hr, city="boleslawiec", first_name="Katarzyna", last_name="Nowak", letter_language="pl")
    login("hanna")
    assert "2 Gäste" in client.get("/gaeste/").text
    only = client.get("/gaeste/?city=boleslawiec&year=2027").text
    assert "Nowak" in only and "Fontaine" not in only
    assert "Keine Gäste für diese Auswahl" in client.get("/gaeste/?year=2030").text
    assert "abgereist" not in client.get("/gaeste/").text
    with app.app_context(), db.connection_context():  # a stay that is over is no longer "geplant"
        InboundTrainee.update(departure=date.today() - timedelta(days=1)).where(
            InboundTrainee.last_name == "Nowak"
        ).execute()
    assert "abgereist" in client.get("/gaeste/").text
    client.post("/abmelden")
    login("claire")
    page = client.get("/gaeste/?city=boleslawiec").text  # a city outside the scope is ignored
    assert "Fontaine" in page and "Nowak" not in page
