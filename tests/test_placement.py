"""Matching host families to a stay and placing an approved trainee: scope, ranking, status, mail."""

from datetime import timedelta

import pytest

from intranet.hostfamilies import households
from intranet.models import Application, AuditEvent, OutboxMessage, Placement, UserLanguage
from intranet.outbound import workflow
from intranet.placement import placing
from intranet.platform.db import db

from .test_hostfamilies import FAMILY, run, switch


def approved(app, make_application, people, username="anna", city="nogent"):
    application = make_application(username, city)
    return run(app, workflow.decide, people["hanna"], application, "approve")


def family(app, people, application, name, languages=("fr",), capacity=1, covers=True, city="nogent"):
    """A family available around (or only partly during) the stay."""
    admin = people["claire" if city == "nogent" else "miguel"]
    created = run(
        app,
        households.create,
        admin,
        city,
        {**FAMILY, "household": name, "languages": list(languages), "capacity": capacity},
    )
    end = application.end_date + timedelta(days=5) if covers else application.start_date + timedelta(days=3)
    run(app, households.add_window, admin, created, application.start_date - timedelta(days=5), end)
    return created


def form(application, family_id, **changes) -> dict:
    values = {
        "department": "Service de l'état civil",
        "mentor": "Zoé Lefèvre",
        "host_family": str(family_id),
        "arrival": str(application.start_date - timedelta(days=1)),
        "departure": str(application.end_date + timedelta(days=1)),
        "travel_booked": "y",
    }
    return {**values, **changes}


def test_suggestions_rank_cover_then_language_then_free_places(app, make_application, people):
    application = approved(app, make_application, people)
    run(app, UserLanguage.create, user=people["anna"], language="fr", level="B1")
    partial = family(app, people, application, "A Teilzeit", covers=False)
    german = family(app, people, application, "B Deutsch", languages=("de",))
    french = family(app, people, application, "C Französisch", languages=("fr", "de"))
    roomy = family(app, people, application, "D Französisch groß", languages=("fr", "de"), capacity=3)
    fresh = run(app, Application.get_by_id, application.id)
    ranked = run(app, households.suggestions, fresh)
    assert [s.family.id for s in ranked] == [roomy.id, french.id, german.id, partial.id]
    assert ranked[0].shared == ("fr", "de") and ranked[0].free == 3 and not ranked[-1].covers


def test_a_placed_stay_takes_the_familys_place(app, make_application, people):
    first = approved(app, make_application, people)
    only = family(app, people, first, "Famille Seule")
    run(
        app,
        placing.place,
        people["claire"],
        first,
        form(first, only.id)
        | {
            "arrival": first.start_date,
            "departure": first.end_date,
            "travel_booked": False,
        },
    )
    second = approved(app, make_application, people, "ben")
    ranked = run(app, households.suggestions, run(app, Application.get_by_id, second.id))
    assert ranked[0].free == 0 and not ranked[0].fits
    values = {**form(second, only.id), "arrival": second.start_date, "departure": second.end_date}
    with pytest.raises(workflow.TransitionRefused, match="keinen freien Platz"):
        run(app, placing.place, people["claire"], second, values)
    assert run(app, Application.get_by_id, second.id).status == "approved"


def test_place_through_the_form(app, client, login, make_application, people):
    application = approved(app, make_application, people)
    chosen = family(app, people, application, "Famille Martin")
    login("claire")
    url = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/vermittlung"
    page = client.get(url)
    assert "Famille Martin" in page.text and "verfügbar im ganzen Zeitraum" in page.text
    response = client.post(url, data=form(application, chosen.id))
    assert response.status_code == 302
    fresh = run(app, Application.get_by_id, application.id)
    assert fresh.status == "placed"
    stored = run(app, Placement.get, Placement.application == application.id)
    assert (stored.host_family_id, stored.travel_booked, stored.mentor) == (chosen.id, True, "Zoé Lefèvre")
    event = run(app, AuditEvent.get, AuditEvent.action == "application_placed")
    assert event.after["status"] == "placed" and event.after["placement"]["host_family"] == chosen.id
    assert "Famille Martin" not in str(event.after)
    mail = run(app, OutboxMessage.get, OutboxMessage.subject.contains("Gastfamilie stehen fest"))
    assert mail.recipient == "anna@example.org"
    dashboard = client.get("/stadtverwaltung/nogent/").text
    assert "Kommende Aufenthalte" in dashboard and "Service de l&#39;état civil" in dashboard


def test_change_after_placement_and_errors_keep_input(app, client, login, make_application, people):
    application = approved(app, make_application, people)
    chosen = family(app, people, application, "Famille Martin")
    login("claire")
    url = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/vermittlung"
    bad = client.post(url, data=form(application, chosen.id, mentor="", departure="2001-01-01"))
    assert bad.status_code == 422
    assert "Bitte die betreuende Person angeben." in bad.text and "nicht vor dem Beginn" in bad.text
    assert "Service de l&#39;état civil" in bad.text
    client.post(url, data=form(application, chosen.id, travel_booked=""))
    assert client.post(url, data=form(application, chosen.id)).status_code == 302
    assert run(app, Placement.get).travel_booked is True
    actions = run(app, lambda: [e.action for e in AuditEvent.select().order_by(AuditEvent.id)])
    assert actions[-2:] == ["application_placed", "placement_changed"]


def test_foreign_family_is_refused(app, client, login, make_application, people):
    application = approved(app, make_application, people)
    guarda_app = approved(app, make_application, people, "ben", "guarda")
    foreign = family(app, people, guarda_app, "Família Silva", city="guarda")
    login("claire")
    url = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/vermittlung"
    response = client.post(url, data=form(application, foreign.id))
    assert response.status_code == 409 and "gibt es in dieser Partnerstadt nicht" in response.text
    assert run(app, Application.get_by_id, application.id).status == "approved"


def test_scope_guarda_admin_gets_404(app, client, login, make_application, people):
    application = approved(app, make_application, people)
    chosen = family(app, people, application, "Famille Martin")
    url = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/vermittlung"
    for user in ("miguel", "anna", "root"):
        switch(client, login, user)
        assert client.get(url).status_code == 404, user
        assert client.post(url, data=form(application, chosen.id)).status_code == 404, user
        assert client.get("/stadtverwaltung/nogent/").status_code == 404, user
        # nor through his own city's URL
        assert client.get(url.replace("nogent", "guarda")).status_code == 404, user
    with pytest.raises(workflow.TransitionRefused):
        run(app, placing.place, people["miguel"], application, form(application, chosen.id))
    assert run(app, Application.get_by_id, application.id).status == "approved"


def test_only_approved_applications_can_be_placed(app, client, login, make_application, people):
    submitted = make_application()
    login("claire")
    assert client.get(f"/stadtverwaltung/nogent/bewerbungen/{submitted.id}/vermittlung").status_code == 404


def test_city_index_and_dashboard(app, client, login, make_application, people):
    application = approved(app, make_application, people)
    login("claire")
    assert client.get("/stadtverwaltung/").headers["Location"].endswith("/stadtverwaltung/nogent/")
    page = client.get("/stadtverwaltung/nogent/").text
    assert "Genehmigt, wartet auf Vermittlung" in page and "Anna Azubi" in page
    assert f"/bewerbungen/{application.id}/vermittlung" in page
    switch(client, login, "hanna")
    assert "Bolesławiec" in client.get("/stadtverwaltung/").text
    with app.app_context(), db.connection_context():
        assert Application.get_by_id(application.id).status == "approved"
