"""The calendar of stays: who sees which stays, the month grid, and the iCalendar feeds with their tokens."""

import re
from datetime import date, timedelta

import pytest
from icalendar import Calendar

from intranet.models import (
    Application,
    AuditEvent,
    CityScope,
    FeedToken,
    HostFamily,
    InboundTrainee,
    Placement,
    User,
)
from intranet.platform.db import db
from intranet.reports import feeds, stays

MARCH = date(2027, 3, 1)


def outbound(people, username, city, start, days=14, status="approved"):
    """An application row in ``status`` (the workflow is tested elsewhere)."""
    return Application.create(
        applicant=people[username],
        city=city,
        start_date=start,
        end_date=start + timedelta(days=days - 1),
        status=status,
    )


def inbound(city, first_name, start, days=14, status="planned", **fields):
    """A partner trainee row in Siegburg; ``fields`` replace the defaults."""
    values = {
        "last_name": "Gast",
        "home_administration": "Partnerverwaltung",
        "training": "Verwaltung",
        "letter_language": "de",
        "arrival": start - timedelta(days=1),
        "departure": start + timedelta(days=days),
    }
    end = start + timedelta(days=days - 1)
    return InboundTrainee.create(
        city=city,
        first_name=first_name,
        start_date=start,
        end_date=end,
        status=status,
        **{**values, **fields},
    )


@pytest.fixture
def seeded(app, people):
    """Anna in Nogent (placed, with a host family), Ben in Guarda, guests from both cities, in March 2027."""
    with app.test_request_context(), db.connection_context():
        anna = outbound(people, "anna", "nogent", date(2027, 3, 8), status="placed")
        family = HostFamily.create(
            city="nogent",
            household="Famille Dubois",
            address="12 rue des Tilleuls",
            phone="+33 1 23 45 67 89",
            consent_date=date(2026, 1, 1),
            consent_scope="Aufnahme",
        )
        Placement.create(
            application=anna,
            department="État civil",
            mentor="Zoé Lefèvre",
            host_family=family,
            arrival=anna.start_date,
            departure=anna.end_date,
        )
        ben = outbound(people, "ben", "guarda", date(2027, 3, 15))
        outbound(people, "ben", "guarda", date(2027, 3, 1), status="submitted")  # not decided: no stay
        lucie = inbound("nogent", "Lucie", date(2027, 3, 10))
        joao = inbound("guarda", "João", date(2027, 3, 22))
        inbound("guarda", "Rita", date(2027, 3, 3), status="cancelled")
    return {"anna": anna.id, "ben": ben.id, "lucie": lucie.id, "joao": joao.id}


def persons(user, city=None):
    found = stays.stays(stays.Scope.of(user), MARCH, date(2027, 3, 31), city)
    return [s.person for s in found]


def test_each_role_sees_its_stays(app, people, seeded):
    with app.test_request_context(), db.connection_context():
        assert persons(people["hanna"]) == ["Anna Azubi", "Lucie Gast", "Ben Berger", "João Gast"]
        assert persons(people["hanna"], "guarda") == ["Ben Berger", "João Gast"]
        assert persons(people["anna"]) == ["Anna Azubi"]
        assert persons(people["ben"]) == ["Ben Berger"]
        # Guarda's admin sees Guarda in both directions and nothing of Nogent
        assert persons(people["miguel"]) == ["Ben Berger", "João Gast"]
        assert persons(people["miguel"], "nogent") == []
        [anna] = stays.stays(stays.Scope.of(people["claire"]), MARCH, date(2027, 3, 9))
        assert (anna.where, anna.department, anna.kind) == ("Nogent-sur-Marne", "État civil", "outbound")


def test_stays_cost_two_queries(app, people, seeded):
    with app.test_request_context(), db.connection_context():
        for n in range(5):
            outbound(people, "anna", "selcuk", date(2027, 3, 1) + timedelta(days=n))
        scope = stays.Scope.of(people["hanna"])  # roles are loaded with the user, not per stay
        queries = []
        execute = db.obj.execute_sql
        db.obj.execute_sql = lambda sql, *a, **k: queries.append(sql) or execute(sql, *a, **k)
        try:
            found = stays.stays(scope, MARCH, date(2027, 3, 31))
        finally:
            db.obj.execute_sql = execute
        assert len(found) == 9 and len(queries) == 2
        assert {s.applicant_id for s in found if s.kind == "outbound"} == {
            people["anna"].id,
            people["ben"].id,
        }


def test_month_grid_of_march_2027():
    grid = stays.month_grid(MARCH)
    assert len(grid) == 5 and all(len(week) == 7 for week in grid)
    assert (grid[0][0], grid[-1][-1]) == (date(2027, 3, 1), date(2027, 4, 4))
    november = stays.month_grid(date(2026, 11, 1))  # starts on a Sunday: the grid on the Monday before
    assert (november[0][0], november[-1][-1]) == (date(2026, 10, 26), date(2026, 12, 6))
    lucie = stays.Stay(
        "inbound-1", "inbound", "Lucie", "nogent", "Nogent", "Siegburg", date(2027, 3, 10), date(2027, 3, 23)
    )
    filled = stays.fill(grid, [lucie])
    assert filled[1][1] == (date(2027, 3, 9), [])
    assert filled[1][2] == (date(2027, 3, 10), [lucie])


def test_calendar_page_month_timeline_filter(client, login, seeded):
    login("hanna")
    page = client.get("/kalender/?monat=2027-03").text
    assert "März 2027" in page and "<caption" in page and 'scope="col"' in page
    assert "Anna Azubi" in page and "João Gast" in page and "aus Guarda" in page
    assert "Rita" not in page
    assert 'href="/kalender/?monat=2027-02&amp;ansicht=monat"' in page
    filtered = client.get(
        "/kalender/?monat=2027-03&stadt=guarda&ansicht=zeitachse", headers={"HX-Request": "true"}
    )
    assert "<html" not in filtered.text and 'id="calendar"' in filtered.text
    assert "Ben Berger" in filtered.text and "Anna Azubi" not in filtered.text
    assert filtered.text.count('class="tl-cell on"') == 14 + 10  # Ben 15.–28.3., João 22.–31.3.
    empty = client.get("/kalender/?monat=2027-07&stadt=nogent").text
    assert "keine Aufenthalte" in empty
    # broken input falls back to this month and all cities
    assert client.get("/kalender/?monat=2027-13&stadt=<x>&ansicht=../").status_code == 200


def test_employee_calendar_shows_only_own_stays(client, login, seeded):
    login("anna")
    page = client.get("/kalender/?monat=2027-03").text
    assert "Anna Azubi" in page and "Ben Berger" not in page and "Lucie" not in page


def new_feed(client, scope: str) -> str:
    """Create a feed address through the page; returns the token from the URL shown once."""
    response = client.post("/kalender/abonnements", data={"scope": scope})
    assert response.status_code == 200, response.text
    return re.search(r"/kalender/feed/([A-Za-z0-9_-]+)\.ics", response.text).group(1)


def test_own_feed_parses_back(app, client, login, seeded):
    login("anna")
    token = new_feed(client, "own")
    assert len(token) >= 43
    client.post("/abmelden")
    response = client.get(f"/kalender/feed/{token}.ics")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "text/calendar; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    calendar = Calendar.from_ical(response.data)
    events = calendar.walk("VEVENT")
    [event] = [e for e in events if e.get("dtstart").dt == date(2027, 3, 8)]
    assert len(events) == 1
    assert event.get("dtend").dt == date(2027, 3, 22)  # exclusive end: the day after the 21st
    assert str(event.get("summary")) == "Anna Azubi in Nogent-sur-Marne"
    assert str(event.get("uid")) == f"application-{seeded['anna']}@{feeds.UID_DOMAIN}"
    again = Calendar.from_ical(client.get(f"/kalender/feed/{token}.ics").data)
    assert [str(e.get("uid")) for e in again.walk("VEVENT")] == [str(event.get("uid"))]
    text = response.data.decode()
    assert "Tilleuls" not in text and "+33" not in text and "Lefèvre" not in text
    with app.app_context(), db.connection_context():
        row = FeedToken.get()
        assert row.token_hash == feeds.token_hash(token) and token not in row.token_hash
        audit = AuditEvent.get(AuditEvent.action == "feed_token_created")
        assert token not in str(audit.after) and audit.after == {"scope": "own"}


def test_city_feed_for_its_admins_only(app, client, login, seeded, people):
    login("miguel")
    refused = client.post("/kalender/abonnements", data={"scope": "nogent"})
    assert refused.status_code == 422 and "Bitte einen Kalender aus der Liste wählen." in refused.text
    token = new_feed(client, "guarda")
    summaries = {
        str(e.get("summary"))
        for e in Calendar.from_ical(client.get(f"/kalender/feed/{token}.ics").data).walk("VEVENT")
    }
    assert summaries == {"Ben Berger in Guarda", "João Gast (aus Guarda) in Siegburg"}
    # no longer Guarda's admin: the feed stops at once
    with app.app_context(), db.connection_context():
        CityScope.delete().where(CityScope.user == people["miguel"].id).execute()
    assert client.get(f"/kalender/feed/{token}.ics").status_code == 404


def test_revoked_unknown_and_deactivated_feeds_are_404(app, client, login, seeded, people):
    login("anna")
    token = new_feed(client, "own")
    second = new_feed(client, "own")
    assert client.get("/kalender/feed/unbekannt.ics").status_code == 404
    with app.app_context(), db.connection_context():
        row = FeedToken.get(FeedToken.token_hash == feeds.token_hash(token))
    page = client.get("/kalender/abonnements").text
    assert "Meine Aufenthalte" in page and token not in page and 'data-confirm="' in page
    assert client.post(f"/kalender/abonnements/{row.id}/widerrufen").status_code == 302
    assert client.get(f"/kalender/feed/{token}.ics").status_code == 404
    again = client.post(f"/kalender/abonnements/{row.id}/widerrufen", follow_redirects=True)
    assert "bereits widerrufen" in again.text
    assert client.get(f"/kalender/feed/{second}.ics").status_code == 200
    with app.app_context(), db.connection_context():
        assert AuditEvent.select().where(AuditEvent.action == "feed_token_revoked").count() == 1
        User.update(active=False).where(User.id == people["anna"].id).execute()
    assert client.get(f"/kalender/feed/{second}.ics").status_code == 404


def test_another_users_token_cannot_be_revoked(app, client, login, seeded):
    login("anna")
    new_feed(client, "own")
    with app.app_context(), db.connection_context():
        row = FeedToken.get()
    client.post("/abmelden")
    login("ben")
    assert client.post(f"/kalender/abonnements/{row.id}/widerrufen").status_code == 404
    assert (
        "Meine Aufenthalte" not in client.get("/kalender/abonnements").text.split("Ihre Kalender-Adressen")[1]
    )
    with app.app_context(), db.connection_context():
        assert FeedToken.get_by_id(row.id).revoked_at is None


def test_feed_routes_need_a_login_except_the_feed(client):
    assert client.get("/kalender/").status_code == 302
    assert client.get("/kalender/abonnements").status_code == 302
    assert client.post("/kalender/abonnements", data={"scope": "own"}).status_code == 302
