"""Tandem rules, ranked suggestions, the host-family swap and dissolving, on both databases."""

from datetime import date

import pytest

from intranet.inbound import matching, tandems
from intranet.models import AuditEvent, HostFamily, InboundTrainee, Tandem, UserLanguage
from intranet.people.users import create_user

from .exchangedata import guest, run, stay

YEAR = date.today().year + 1
SWAP = {
    "household": "Familie Azubi",
    "address": "Holzgasse 1, 53721 Siegburg",
    "contact_name": "Petra Azubi",
    "email": "petra@example.org",
    "phone": "02241 12345",
    "consent_date": date(YEAR - 1, 11, 2),
    "consent_scope": "Aufnahme eines Gastes und Weitergabe an das Personalamt",
}


@pytest.fixture
def pair(app, people):
    """Anna's approved stay in Nogent in May and a guest from Nogent in June of the same year."""
    outbound = run(app, stay, people["anna"], "nogent", date(YEAR, 5, 4), date(YEAR, 5, 17))
    inbound = run(app, guest, "nogent", date(YEAR, 6, 1), date(YEAR, 6, 12))
    return outbound, inbound


def refused(app, user, outbound, inbound, swap=None) -> str:
    with pytest.raises(tandems.TandemRefused) as info:
        run(app, tandems.create, user, outbound, inbound, swap)
    return str(info.value)


def tandem_events() -> int:
    return AuditEvent.select().where(AuditEvent.object_type == "tandem").count()


def counts(app):
    return run(app, lambda: (Tandem.select().count(), HostFamily.select().count(), tandem_events()))


def test_same_city_open_stays_apart_and_in_one_year(app, people, pair):
    hanna, anna = people["hanna"], people["anna"]
    outbound, inbound = pair
    elsewhere = run(app, guest, "guarda", date(YEAR, 6, 1), date(YEAR, 6, 12))
    assert "derselben Partnerstadt" in refused(app, hanna, outbound, elsewhere)
    overlapping = run(app, guest, "nogent", date(YEAR, 5, 11), date(YEAR, 5, 24))
    assert "überschneiden sich" in refused(app, hanna, outbound, overlapping)
    cancelled = run(app, guest, "nogent", date(YEAR, 7, 1), date(YEAR, 7, 14), status="cancelled")
    assert "abgesagt" in refused(app, hanna, outbound, cancelled)
    next_year = run(app, guest, "nogent", date(YEAR + 1, 1, 5), date(YEAR + 1, 1, 18))
    assert "selben Kalenderjahr" in refused(app, hanna, outbound, next_year)
    submitted = run(app, stay, anna, "nogent", date(YEAR, 9, 7), date(YEAR, 9, 20), "submitted")
    assert "weder genehmigt" in refused(app, hanna, submitted, inbound)
    assert counts(app)[0] == 0


def test_no_double_pairing_on_either_side(app, people, pair):
    hanna = people["hanna"]
    outbound, inbound = pair
    tandem = run(app, tandems.create, hanna, outbound, inbound)
    assert (tandem.outbound_id, tandem.inbound_id, tandem.host_swap) == (outbound.id, inbound.id, False)
    other_guest = run(app, guest, "nogent", date(YEAR, 8, 3), date(YEAR, 8, 14))
    assert "Siegburg gehört schon zu einem Tandem" in refused(app, hanna, outbound, other_guest)
    other_stay = run(app, stay, people["ben"], "nogent", date(YEAR, 9, 7), date(YEAR, 9, 20), "placed")
    assert "Gast gehört schon zu einem Tandem" in refused(app, hanna, other_stay, inbound)
    audit = run(app, lambda: list(AuditEvent.select().where(AuditEvent.action == "tandem_created")))
    assert len(audit) == 1 and audit[0].object_id == tandem.id and audit[0].after["city"] == "nogent"


def test_a_concurrent_pairing_meets_the_unique_constraint(app, people, pair, monkeypatch):
    outbound, inbound = pair
    run(app, tandems.create, people["hanna"], outbound, inbound)
    before = counts(app)
    # the second request checked before the first one committed
    monkeypatch.setattr(tandems, "problems", lambda *args: [])
    other_stay = run(app, stay, people["ben"], "nogent", date(YEAR, 9, 7), date(YEAR, 9, 20), "placed")
    assert "inzwischen schon zu einem Tandem" in refused(app, people["hanna"], other_stay, inbound, SWAP)
    assert counts(app) == before


def test_host_swap_records_consent_and_assigns_the_household(app, people, pair):
    outbound, inbound = pair
    run(app, UserLanguage.create, user=people["anna"], language="fr", level="B1")
    tandem = run(app, tandems.create, people["hanna"], outbound, inbound, SWAP)
    family = run(app, HostFamily.get, HostFamily.city == "siegburg")
    assert (family.household, family.address, family.contact_name) == (
        "Familie Azubi",
        "Holzgasse 1, 53721 Siegburg",
        "Petra Azubi",
    )
    assert family.languages == ["fr"] and family.consent_date == SWAP["consent_date"]
    assert run(app, InboundTrainee.get_by_id, inbound.id).host_family_id == family.id
    assert tandem.host_swap and tandem.swap_consent_date == SWAP["consent_date"]
    assert tandem.swap_consent_scope == SWAP["consent_scope"]
    assert counts(app) == (1, 1, 1)


def test_swap_without_consent_writes_nothing(app, people, pair):
    outbound, inbound = pair
    message = refused(
        app, people["hanna"], outbound, inbound, {**SWAP, "consent_date": None, "consent_scope": " "}
    )
    assert "Datum der Einwilligung" in message and "wozu der Haushalt eingewilligt" in message
    future = {**SWAP, "consent_date": date.today().replace(year=date.today().year + 1)}
    assert "nicht in der Zukunft" in refused(app, people["hanna"], outbound, inbound, future)
    assert counts(app) == (0, 0, 0)
    assert run(app, InboundTrainee.get_by_id, inbound.id).host_family_id is None


def test_dissolve_removes_the_pair_once(app, people, pair):
    tandem = run(app, tandems.create, people["hanna"], *pair)
    run(app, tandems.dissolve, people["claire"], tandem)
    assert counts(app)[0] == 0
    assert "schon aufgelöst" in str(
        pytest.raises(tandems.TandemRefused, run, app, tandems.dissolve, people["hanna"], tandem).value
    )
    events = AuditEvent.select().where(AuditEvent.object_type == "tandem").order_by(AuditEvent.id)
    actions = run(app, lambda: [e.action for e in events])
    assert actions == ["tandem_created", "tandem_dissolved"]


def test_suggestions_rank_track_then_languages_then_closeness(app, people):
    anna, ben = people["anna"], people["ben"]
    carla = run(
        app,
        create_user,
        "carla",
        "Carla Conrad",
        "carla@example.org",
        ("employee",),
        (),
        training_track="VFA",
    )
    for user, code in ((anna, "fr"), (ben, "fr"), (ben, "de")):
        run(app, UserLanguage.create, user=user, language=code, level="B1")
    inbound = run(app, guest, "nogent", date(YEAR, 6, 1), date(YEAR, 6, 12))
    close = run(app, stay, anna, "nogent", date(YEAR, 5, 4), date(YEAR, 5, 17))  # VFA, fr, 14 days apart
    far = run(app, stay, anna, "nogent", date(YEAR, 9, 7), date(YEAR, 9, 20))  # VFA, fr, 86 days apart
    silent = run(app, stay, carla, "nogent", date(YEAR, 7, 6), date(YEAR, 7, 17))  # VFA, no language
    other_track = run(app, stay, ben, "nogent", date(YEAR, 6, 15), date(YEAR, 6, 26), "placed")  # SIA, fr+de
    run(app, stay, anna, "nogent", date(YEAR, 5, 25), date(YEAR, 6, 5))  # overlaps
    run(app, stay, anna, "nogent", date(YEAR, 10, 5), date(YEAR, 10, 16), "submitted")
    run(app, stay, anna, "guarda", date(YEAR, 10, 5), date(YEAR, 10, 16))
    run(app, stay, anna, "nogent", date(YEAR - 1, 10, 5), date(YEAR - 1, 10, 16))
    taken = run(app, stay, ben, "nogent", date(YEAR, 11, 2), date(YEAR, 11, 13))
    run(
        app,
        tandems.create,
        people["hanna"],
        taken,
        run(app, guest, "nogent", date(YEAR, 3, 2), date(YEAR, 3, 13)),
    )
    ranked = run(app, matching.for_guest, run(app, InboundTrainee.get_by_id, inbound.id))
    assert [s.partner.id for s in ranked] == [close.id, far.id, silent.id, other_track.id]
    assert ranked[0].reasons == [
        "gleiche Ausbildung (VFA)",
        "gemeinsame Sprachen: Französisch",
        "14 freie Tage dazwischen",
    ]
    assert ranked[2].reasons[1] == "keine gemeinsame Fremdsprache eingetragen"
    assert (
        ranked[3].reasons[0] == "andere Ausbildung"
        and ranked[3].shared == ("de", "fr")
        and ranked[3].gap == 2
    )


def test_suggestions_for_a_siegburg_stay(app, people):
    run(app, UserLanguage.create, user=people["anna"], language="fr", level="B1")
    outbound = run(app, stay, people["anna"], "nogent", date(YEAR, 5, 4), date(YEAR, 5, 17))
    sia = run(app, guest, "nogent", date(YEAR, 6, 1), date(YEAR, 6, 12), training_track="SIA")
    vfa_far = run(app, guest, "nogent", date(YEAR, 10, 5), date(YEAR, 10, 16))
    vfa_close = run(app, guest, "nogent", date(YEAR, 3, 2), date(YEAR, 3, 13))
    run(app, guest, "nogent", date(YEAR, 5, 11), date(YEAR, 5, 22))  # overlaps
    run(app, guest, "nogent", date(YEAR, 7, 6), date(YEAR, 7, 17), status="cancelled")
    ranked = run(app, matching.for_stay, outbound)
    assert [s.partner.id for s in ranked] == [vfa_close.id, vfa_far.id, sia.id]
    assert ranked[0].gap == 51


def test_demo_pairs_the_guest_from_boleslawiec_with_host_swap(app, runner):
    result = runner.invoke(args=["demo"])
    assert result.exit_code == 0, result.output
    tandem = run(app, Tandem.get)
    assert tandem.host_swap and run(app, lambda: tandem.inbound.city) == "boleslawiec"
    assert run(app, lambda: tandem.inbound.host_family.household) == "Familie Brandt"
