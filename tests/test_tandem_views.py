"""Tandem pages: scope, the two-step pairing with and without htmx, the swap form, the list, dissolving."""

from datetime import date

from intranet.models import AuditEvent, HostFamily, InboundTrainee, Tandem

from .exchangedata import guest, run, stay
from .test_hostfamilies import switch

YEAR = date.today().year + 1


def seed(app, people):
    outbound = run(app, stay, people["anna"], "nogent", date(YEAR, 5, 4), date(YEAR, 5, 17))
    inbound = run(app, guest, "nogent", date(YEAR, 6, 1), date(YEAR, 6, 12))
    return outbound, inbound


def swap_form(outbound, **changes):
    values = {
        "outbound": str(outbound.id),
        "confirm": "1",
        "host_swap": "y",
        "household": "Familie Azubi",
        "address": "Holzgasse 1, 53721 Siegburg",
        "contact_name": "Petra Azubi",
        "consent_date": f"{YEAR - 1}-11-02",
        "consent_scope": "Aufnahme des Gastes",
    }
    return {**values, **changes}


def tandem_count(app) -> int:
    return run(app, Tandem.select().count)


def test_outsiders_get_404_everywhere(app, client, login, people):
    outbound, inbound = seed(app, people)
    tandem_id = run(app, lambda: Tandem.create(outbound=outbound, inbound=inbound).id)
    for user in ("miguel", "anna", "root"):
        switch(client, login, user)
        assert client.get(f"/tandems/gast/{inbound.id}").status_code == 404, user
        assert (
            client.post(f"/tandems/gast/{inbound.id}/paar", data={"outbound": outbound.id}).status_code == 404
        )
        assert client.get(f"/tandems/bewerbung/{outbound.id}").status_code == 404, user
        assert client.get(f"/tandems/{tandem_id}/aufloesen").status_code == 404, user
        assert client.post(f"/tandems/{tandem_id}/aufloesen").status_code == 404, user
    assert tandem_count(app) == 1
    switch(client, login, "miguel")
    assert "Noch kein Tandem gebildet" in client.get("/tandems/").text
    switch(client, login, "anna")
    assert client.get("/tandems/").status_code == 404


def test_pairing_in_two_steps_without_javascript(app, client, login, people):
    outbound, inbound = seed(app, people)
    login("claire")
    page = client.get(f"/tandems/gast/{inbound.id}").text
    assert f'name="outbound" value="{outbound.id}"' in page and "gleiche Ausbildung (VFA)" in page
    step = client.post(f"/tandems/gast/{inbound.id}/paar", data={"outbound": outbound.id})
    assert step.status_code == 200 and "Tandem mit Anna Azubi bilden" in step.text
    assert "Gastfamilien-Tausch" not in step.text  # Siegburg's host families are HR's
    assert tandem_count(app) == 0
    done = client.post(f"/tandems/gast/{inbound.id}/paar", data=swap_form(outbound), follow_redirects=True)
    assert "Tandem gebildet: Anna Azubi und Léa Martin." in done.text
    assert "bildet ein Tandem mit Anna Azubi" in done.text
    tandem = run(app, Tandem.get)
    assert not tandem.host_swap and run(app, HostFamily.select().count) == 0
    listing = client.get("/tandems/").text
    assert "1 Tandem" in listing and "Léa Martin" in listing


def test_htmx_swaps_the_region_and_hr_records_the_swap(app, client, login, people):
    outbound, inbound = seed(app, people)
    login("hanna")
    headers = {"HX-Request": "true"}
    step = client.post(f"/tandems/gast/{inbound.id}/paar", data={"outbound": outbound.id}, headers=headers)
    assert step.text.lstrip().startswith('<div id="tandem-region"') and "Haushalt" in step.text
    missing = client.post(
        f"/tandems/gast/{inbound.id}/paar", data=swap_form(outbound, consent_scope=""), headers=headers
    )
    assert missing.status_code == 200 and 'role="alert"' in missing.text
    assert "wozu der Haushalt eingewilligt" in missing.text
    plain = client.post(f"/tandems/gast/{inbound.id}/paar", data=swap_form(outbound, consent_scope=""))
    assert plain.status_code == 409 and 'value="Familie Azubi"' in plain.text
    assert 'value="Familie Azubi"' in missing.text and tandem_count(app) == 0
    done = client.post(f"/tandems/gast/{inbound.id}/paar", data=swap_form(outbound), headers=headers)
    assert (
        done.status_code == 200
        and "Gastfamilien-Tausch: Der Gast wohnt im Haushalt von Anna Azubi" in done.text
    )
    family = run(app, HostFamily.get)
    assert (
        family.city == "siegburg"
        and run(app, InboundTrainee.get_by_id, inbound.id).host_family_id == family.id
    )


def test_a_stay_of_another_city_is_not_offered(app, client, login, people):
    outbound, inbound = seed(app, people)
    elsewhere = run(app, stay, people["ben"], "guarda", date(YEAR, 9, 7), date(YEAR, 9, 20))
    login("hanna")
    response = client.post(
        f"/tandems/gast/{inbound.id}/paar", data={"outbound": elsewhere.id, "confirm": "1"}
    )
    assert response.status_code == 422 and "einen der vorgeschlagenen Aufenthalte" in response.text
    assert tandem_count(app) == 0


def test_suggestions_for_a_siegburg_stay_and_dissolving(app, client, login, people):
    outbound, inbound = seed(app, people)
    login("hanna")
    page = client.get(f"/tandems/bewerbung/{outbound.id}").text
    assert "Léa Martin" in page and f'action="/tandems/gast/{inbound.id}/paar"' in page
    client.post(f"/tandems/gast/{inbound.id}/paar", data={"outbound": outbound.id, "confirm": "1"})
    tandem = run(app, Tandem.get)
    assert "Bildet ein Tandem mit Léa Martin" in client.get(f"/tandems/bewerbung/{outbound.id}").text
    confirm = client.get(f"/tandems/{tandem.id}/aufloesen")
    assert "wird aufgelöst" in confirm.text and tandem_count(app) == 1
    done = client.post(f"/tandems/{tandem.id}/aufloesen", follow_redirects=True)
    assert "Tandem aufgelöst." in done.text and tandem_count(app) == 0
    actions = run(
        app, lambda: [e.action for e in AuditEvent.select().where(AuditEvent.object_type == "tandem")]
    )
    assert actions == ["tandem_created", "tandem_dissolved"]
