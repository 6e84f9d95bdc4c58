"""The host administration's link: scope, storage, expiry, revocation, throttling, proposals, reminders."""

import email
import logging
import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from flask_babel import force_locale, gettext

from intranet.demo import attach_documents
from intranet.mail import notify
from intranet.models import (
    Application,
    AuditEvent,
    OutboxMessage,
    PartnerLink,
    PartnerProposal,
    Placement,
    utcnow,
)
from intranet.outbound import workflow
from intranet.partners import links, proposals, reminders
from intranet.placement import placing
from intranet.platform import tokens
from intranet.platform.db import db
from intranet.privacy import personexport

from .conftest import create_people, future_period, new_app
from .test_hostfamilies import run, switch
from .test_placement import approved, family


def placed(app, make_application, people, username="anna", city="nogent", **changes):
    """An approved stay placed with a family of its city."""
    application = approved(app, make_application, people, username, city)
    chosen = family(app, people, application, f"Familie {username}", city=city)
    values = {
        "department": "Service de l'état civil",
        "mentor": "Zoé Lefèvre",
        "host_family": str(chosen.id),
        "arrival": application.start_date,
        "departure": application.end_date,
        "travel_booked": False,
        **changes,
    }
    run(app, placing.place, people["claire" if city == "nogent" else "miguel"], application, values)
    return run(app, Application.get_by_id, application.id)


def issued(app, people, application, user="claire", language="fr"):
    """A link for ``application``, issued as Siegburg does it; returns (link, token)."""

    def issue():
        return links.issue(people[user], application, "Sophie Bernard", "sophie@nogent.example", language)

    return run(app, issue)


def page(client, token, language=""):
    return client.get(f"/partner/{token}/{language + '/' if language else ''}")


def answer_form(application, **changes) -> dict:
    values = {
        "department": "Service de l'état civil",
        "mentor": "Zoé Lefèvre",
        "mentor_role": "",
        "mentor_email": "",
        "working_hours": "",
        "meeting_point": "",
        "meeting_time": "",
        "arrival": str(application.start_date),
        "departure": str(application.end_date),
        "host_family": "",
        "note": "",
        "version": "1",
    }
    return {**values, **changes}


def translated(app, language: str, message: str, **values) -> str:
    with app.test_request_context(), force_locale(language):
        return gettext(message, **values)


@pytest.fixture
def as_user(client, login):
    def do(username):
        return switch(client, login, username)

    return do


def test_a_token_opens_its_own_stay_and_nothing_else(app, client, as_user, make_application, people):
    nogent = placed(app, make_application, people)
    guarda = placed(app, make_application, people, "ben", "guarda")
    _link, nogent_token = issued(app, people, nogent)
    guarda_link, guarda_token = issued(app, people, guarda, "miguel", "pt")
    own = page(client, nogent_token)
    assert own.status_code == 200 and '<html lang="fr">' in own.text
    assert "Anna" in own.text and "Ben" not in own.text and "Guarda" not in own.text
    # the other stay's token shows the other stay; a token posting into another stay changes nothing there
    assert "Ben" in page(client, guarda_token).text
    client.post(f"/partner/{nogent_token}/fr/vermittlung", data=answer_form(nogent, mentor="Autre"))
    assert (
        run(app, lambda: PartnerProposal.select().where(PartnerProposal.application == guarda.id).count())
        == 0
    )
    # no documents, no other people's data, no staff navigation
    assert "Meine Bewerbungen" not in own.text and ".pdf" not in own.text
    # Siegburg's side: a link or answer id of another stay under this stay's address is a 404
    as_user("claire")
    base = f"/stadtverwaltung/nogent/bewerbungen/{nogent.id}/gastverwaltung"
    assert client.post(f"{base}/links/{guarda_link.id}/widerrufen").status_code == 404
    assert run(app, PartnerLink.get_by_id, guarda_link.id).revoked_at is None


def test_only_the_hash_is_stored_and_the_mail_carries_the_link(
    app, client, as_user, make_application, people
):
    application = placed(app, make_application, people)
    as_user("claire")
    base = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/gastverwaltung"
    response = client.post(
        f"{base}/links",
        data={"contact_name": "Sophie Bernard", "contact_email": "sophie@nogent.example", "language": "fr"},
    )
    assert response.status_code == 303
    link = run(app, PartnerLink.get)
    with app.app_context():
        token = links.token_of(link)
    assert len(token) >= 22  # at least 128 bits, URL-safe base64
    assert link.token_hash == tokens.token_hash(token) and token not in str(link.__data__)
    mail = run(app, OutboxMessage.get, OutboxMessage.partner_link == link.id)
    assert mail.recipient == "sophie@nogent.example" and token not in mail.body
    assert notify.PARTNER_URL_MARKER in mail.body and mail.letter is not None
    audit = run(app, lambda: " ".join(str(e.after) for e in AuditEvent.select()))
    assert token not in audit and "sophie@" not in audit
    # when sent, the body carries the address, and the introduction letter in French is attached
    with app.app_context(), db.connection_context():
        notify.send_outbox(app)
    [sent] = [p for p in Path(app.instance_path, "mail").glob("*.eml") if "sophie" in p.read_text()]
    message = email.message_from_bytes(sent.read_bytes(), policy=email.policy.default)
    body = message.get_body(("plain",)).get_content()
    assert f"/partner/{token}/" in body and "Sophie Bernard" in body
    [pdf] = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert pdf.get_filename().startswith("introduction_fr_")
    assert run(app, OutboxMessage.get_by_id, mail.id).body == mail.body  # the stored body keeps the marker


def test_expired_revoked_withdrawn_and_unknown_links_answer_404_in_the_partners_language(
    app, client, as_user, make_application, people
):
    application = placed(app, make_application, people)
    link, token = issued(app, people, application)
    run(app, lambda: PartnerLink.update(expires_on=date.today() - timedelta(days=1)).execute())
    expired = client.get(f"/partner/{token}/", headers={"Accept-Language": "fr-FR,fr;q=0.9"})
    assert expired.status_code == 404 and '<html lang="fr">' in expired.text
    assert (
        translated(app, "fr", "Dieser Link öffnet nichts mehr") in expired.text and "Anna" not in expired.text
    )
    run(app, lambda: PartnerLink.update(expires_on=date.today()).execute())
    assert page(client, token).status_code == 200  # the last day still opens
    as_user("claire")
    base = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/gastverwaltung"
    assert client.post(f"{base}/links/{link.id}/widerrufen").status_code == 303
    again = client.post(f"{base}/links/{link.id}/widerrufen")
    assert again.status_code == 409 and "bereits widerrufen" in again.text
    assert page(client, token).status_code == 404
    # a withdrawn stay closes its links too
    other = approved(app, make_application, people, "ben")
    _link, other_token = issued(app, people, other)
    run(app, workflow.transition, people["ben"], run(app, Application.get_by_id, other.id), "withdraw")
    assert page(client, other_token).status_code == 404
    unknown = client.get("/partner/" + "A" * 43 + "/", headers={"Accept-Language": "tr"})
    assert unknown.status_code == 404 and '<html lang="tr">' in unknown.text
    actions = run(
        app, lambda: [e.action for e in AuditEvent.select().where(AuditEvent.action.startswith("partner"))]
    )
    assert "partner_link_issued" in actions and "partner_link_revoked" in actions


def test_guessing_is_throttled_per_client(app, client, make_application, people):
    application = placed(app, make_application, people)
    _link, token = issued(app, people, application)
    app.config["PARTNER_LINK_MAX_MISSES"] = 3
    for n in range(3):
        assert client.get(f"/partner/guess{n}/").status_code == 404
    assert page(client, token).status_code == 429  # even the right token, until the quarter hour is over
    other = app.test_client()
    assert other.get(f"/partner/{token}/", environ_base={"REMOTE_ADDR": "10.1.2.3"}).status_code == 200


def test_behind_a_trusted_proxy_the_throttle_counts_per_forwarded_client(
    database_url, tmp_path, password_hash
):
    app = new_app(database_url, tmp_path / "proxy", TRUSTED_PROXIES=1, PARTNER_LINK_MAX_MISSES=2)
    people = create_people(app, password_hash)
    start, end = future_period()
    with app.test_request_context(), db.connection_context():
        application = workflow.create_draft(people["anna"], "nogent", start, end, "Neugierig.", {})
        attach_documents(people["anna"], application)
        application = workflow.decide(
            people["hanna"], workflow.submit(people["anna"], application), "approve"
        )
        _link, token = links.issue(
            people["hanna"], application, "Sophie Bernard", "sophie@nogent.example", "fr"
        )
    client = app.test_client()
    guesser, partner = {"X-Forwarded-For": "203.0.113.9"}, {"X-Forwarded-For": "198.51.100.7"}
    for n in range(2):
        assert client.get(f"/partner/guess{n}/", headers=guesser).status_code == 404
    assert client.get(f"/partner/{token}/", headers=guesser).status_code == 429
    # the same proxy connection, another client behind it: not blocked by the guesser
    assert client.get(f"/partner/{token}/", headers=partner).status_code == 200


def test_the_token_stays_out_of_the_request_log(app, client, make_application, people, caplog):
    application = placed(app, make_application, people)
    _link, token = issued(app, people, application)
    with caplog.at_level(logging.INFO, logger="intranet.request"):
        assert page(client, token, "en").status_code == 200
    lines = [r.getMessage() for r in caplog.records if r.name == "intranet.request"]
    assert (
        lines and all(token not in line for line in lines) and any("/partner/…/en/" in line for line in lines)
    )


def test_a_proposal_is_accepted_into_the_placement(app, client, as_user, make_application, people):
    application = placed(app, make_application, people)
    link, token = issued(app, people, application)
    start = application.start_date + timedelta(days=1)
    note = "<script>alert('x')</script> Bitte früher kommen"
    changes = {
        "mentor": "Hélène Roux",
        "mentor_role": "Cheffe de service",
        "arrival": str(start),
        "note": note,
    }
    response = client.post(f"/partner/{token}/fr/vermittlung", data=answer_form(application, **changes))
    assert response.status_code == 303 and response.headers["Location"].endswith("/fr/#antworten")
    proposal = run(app, PartnerProposal.get)
    assert proposal.status == "open" and proposal.values["mentor"] == "Hélène Roux" and proposal.based_on == 1
    assert run(app, Placement.get).host_status == "proposed"
    assert run(
        app, OutboxMessage.get, OutboxMessage.subject.contains("schlägt Änderungen vor")
    ).recipient == ("claire@example.org")
    as_user("claire")
    base = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/gastverwaltung"
    staff = client.get(base).text
    assert "Hélène Roux" in staff and "&lt;script&gt;" in staff and "<script>alert" not in staff
    assert "bisher: Zoé Lefèvre" in staff
    assert client.post(f"{base}/antworten/{proposal.id}/uebernehmen").status_code == 303
    stored = run(app, Placement.get)
    assert (stored.mentor, stored.mentor_role, stored.arrival) == ("Hélène Roux", "Cheffe de service", start)
    assert stored.version == 2 and stored.host_status == "confirmed"
    assert run(app, PartnerProposal.get_by_id, proposal.id).status == "accepted"
    second = client.post(f"{base}/antworten/{proposal.id}/uebernehmen")
    assert second.status_code == 409 and "bereits entschieden" in second.text
    actions = run(app, lambda: [e.action for e in AuditEvent.select().order_by(AuditEvent.id)])
    assert actions[-2:] == ["placement_changed", "partner_proposal_accepted"]
    trainee_mail = run(app, OutboxMessage.get, OutboxMessage.subject.contains("Vermittlung wurde geändert"))
    assert trainee_mail.recipient == "anna@example.org"
    partner_mail = run(
        app, lambda: OutboxMessage.select().where(OutboxMessage.partner_link == link.id).count()
    )
    assert partner_mail == 1  # the answer (links issued through the domain function send no invitation)
    as_user("anna")
    detail = client.get(f"/bewerbungen/{application.id}").text
    assert "Hélène Roux" in detail and "Cheffe de service" in detail
    exported = run(app, personexport.user_data, people["anna"], {})
    assert "Hélène Roux" in str(exported["applications"])  # the host's answers are Anna's data too
    unconfirmed = approved(app, make_application, people, "ben")
    as_user("hanna")
    inbox = client.get("/personal/?status=approved&host=confirmed").text
    assert f'/bewerbungen/{application.id}"' in inbox and f'/bewerbungen/{unconfirmed.id}"' not in inbox
    assert f'/bewerbungen/{unconfirmed.id}"' in client.get("/personal/?status=approved").text


def test_a_proposal_never_overwrites_a_newer_change_by_siegburg(
    app, client, as_user, make_application, people
):
    application = placed(app, make_application, people)
    _link, token = issued(app, people, application)
    shown = page(client, token).text
    assert re.search(r'name="version"[^>]*value="1"', shown)
    # Siegburg changes the placement while the partner is still typing
    current = run(app, Placement.get)
    values = {k: getattr(current, k) for k in placing.FIELDS} | {"host_family": str(current.host_family_id)}
    run(app, placing.change, people["claire"], application, values | {"department": "Urbanisme"})
    late = client.post(
        f"/partner/{token}/fr/vermittlung", data=answer_form(application, mentor="Mentor tardif")
    )
    assert late.status_code == 409 and "Mentor tardif" in late.text and "Urbanisme" in late.text
    assert run(app, PartnerProposal.select().count) == 0
    # a proposal taken against version 2, then Siegburg changes again: taking it over is refused
    fresh = client.post(
        f"/partner/{token}/fr/vermittlung", data=answer_form(application, mentor="X", version="2")
    )
    assert fresh.status_code == 303
    run(app, placing.change, people["claire"], application, values | {"department": "État civil"})
    with pytest.raises(proposals.ProposalRefused, match="nach diesem Vorschlag geändert"):
        run(app, proposals.accept, people["claire"], run(app, PartnerProposal.get))
    assert run(app, Placement.get).mentor == "Zoé Lefèvre"


def test_confirming_bad_input_and_answering(app, client, as_user, make_application, people):
    application = placed(app, make_application, people)
    link, token = issued(app, people, application)
    bad = client.post(
        f"/partner/{token}/fr/vermittlung",
        data=answer_form(
            application, mentor="", mentor_email="kein-at", departure="2001-01-01", note="behalten"
        ),
    )
    assert bad.status_code == 422 and '<html lang="fr">' in bad.text and "behalten" in bad.text
    assert translated(app, "fr", "Bitte die betreuende Person angeben.") in bad.text
    assert run(app, PartnerProposal.select().count) == 0
    confirmed = client.post(
        f"/partner/{token}/fr/vermittlung", data=answer_form(application) | {"confirm": "1"}
    )
    assert confirmed.status_code == 303
    assert run(app, Placement.get).host_status == "confirmed"
    assert run(app, PartnerProposal.get).changes is False
    # a new proposal replaces an open one; Siegburg answers it instead of taking it over
    client.post(f"/partner/{token}/fr/vermittlung", data=answer_form(application, mentor="A"))
    client.post(f"/partner/{token}/fr/vermittlung", data=answer_form(application, mentor="B"))
    statuses = run(app, lambda: [p.status for p in PartnerProposal.select().order_by(PartnerProposal.id)])
    assert statuses == ["confirmed", "superseded", "open"]
    as_user("claire")
    proposal = run(app, PartnerProposal.get, PartnerProposal.status == "open")
    base = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/gastverwaltung"
    empty = client.post(f"{base}/antworten/{proposal.id}/antwort", data={f"answer{proposal.id}-reply": ""})
    assert empty.status_code == 422 and "Bitte schreiben Sie eine Antwort" in empty.text
    reply = "Leider nicht möglich <b>Grüße</b>"
    done = client.post(f"{base}/antworten/{proposal.id}/antwort", data={f"answer{proposal.id}-reply": reply})
    assert done.status_code == 303 and run(app, Placement.get).host_status == "answered"
    mail = run(app, OutboxMessage.get, OutboxMessage.partner_link == link.id)
    subject = translated(app, "fr", "Antwort aus Siegburg: Praktikum von %(trainee)s", trainee="Anna Azubi")
    assert reply in mail.body and mail.subject == subject
    shown = page(client, token).text
    assert "Leider nicht möglich &lt;b&gt;" in shown


def test_staff_pages_are_for_hr_and_the_citys_admins_only(app, client, as_user, make_application, people):
    application = placed(app, make_application, people)
    submitted = make_application("ben")
    base = f"/stadtverwaltung/nogent/bewerbungen/{application.id}/gastverwaltung"
    for user in ("miguel", "anna", "root"):
        as_user(user)
        assert client.get(base).status_code == 404, user
        assert (
            client.post(f"{base}/links", data={"contact_name": "X", "contact_email": "x@y.fr"}).status_code
            == 404
        )
    as_user("hanna")
    assert client.get(base).status_code == 200
    assert client.get(f"/stadtverwaltung/nogent/bewerbungen/{submitted.id}/gastverwaltung").status_code == 404
    bad = client.post(
        f"{base}/links", data={"contact_name": "Sophie", "contact_email": "kaputt", "language": "fr"}
    )
    assert bad.status_code == 422 and "gültige E-Mail-Adresse" in bad.text and 'value="Sophie"' in bad.text
    assert run(app, PartnerLink.select().count) == 0
    as_user("claire")
    dashboard = client.get("/stadtverwaltung/nogent/").text
    assert "kein Partnerlink" in dashboard
    issued(app, people, application)
    assert "noch keine Antwort" in client.get("/stadtverwaltung/nogent/").text


def test_reminders_go_once_after_the_interval(app, runner, make_application, people):
    application = placed(app, make_application, people)
    link, _token = issued(app, people, application)
    assert run(app, reminders.remind_all, date.today()) == 0  # a fresh link waits
    week_ago = utcnow() - timedelta(days=8)
    run(app, lambda: PartnerLink.update(created_at=week_ago).execute())
    result = runner.invoke(args=["partners", "remind"])
    assert result.exit_code == 0 and "Erinnerungen in den Ausgang gelegt: 1" in result.output
    assert runner.invoke(args=["partners", "remind"]).output.strip().endswith(": 0")
    stored = run(app, PartnerLink.get_by_id, link.id)
    assert stored.reminded_at is not None
    # a second host that read the link before the first claimed it sends nothing
    assert run(app, reminders.claim, link, utcnow()) is False
    mail = run(app, OutboxMessage.get, OutboxMessage.partner_link == link.id)
    expected = translated(app, "fr", "Erinnerung: Praktikum aus Siegburg, %(trainee)s", trainee="Anna Azubi")
    assert mail.subject == expected
    # answered links are not reminded
    run(app, lambda: PartnerLink.update(reminded_at=week_ago, answered_at=utcnow()).execute())
    assert run(app, reminders.remind_all, date.today()) == 0


def test_the_assessment_after_the_stay(app, client, as_user, make_application, people):
    application = placed(app, make_application, people)
    _link, token = issued(app, people, application)
    assert "/bewertung" not in page(client, token).text  # no assessment form before the stay ended
    early = client.post(f"/partner/{token}/fr/bewertung", data={"mentor": "Zoé", "tasks": "Accueil"})
    assert early.status_code == 409
    past = {"start_date": date.today() - timedelta(days=20), "end_date": date.today() - timedelta(days=6)}
    run(app, lambda: Application.update(**past).where(Application.id == application.id).execute())
    assert "/bewertung" in page(client, token).text
    missing = client.post(f"/partner/{token}/fr/bewertung", data={"mentor": "Zoé", "tasks": ""})
    assert missing.status_code == 422 and 'value="Zoé"' in missing.text
    assert 'value="Service de l&#39;état civil"' in missing.text  # the answer form keeps the placement
    sent = client.post(
        f"/partner/{token}/fr/bewertung", data={"mentor": "Zoé", "tasks": "Accueil", "skills": "Écoute"}
    )
    assert sent.status_code == 303
    proposal = run(app, PartnerProposal.get, PartnerProposal.kind == "assessment")
    assert proposal.values["tasks"] == "Accueil"
    run(app, proposals.accept, people["claire"], proposal)
    assert run(app, PartnerProposal.get_by_id, proposal.id).status == "accepted"
