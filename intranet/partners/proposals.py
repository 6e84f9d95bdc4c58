"""The host administration's answers and Siegburg's decisions on them.

A placement answer either confirms the placement as it stands or proposes changes. It
names the placement version the partner saw: if Siegburg changed the placement since,
the answer is refused (the partner sees the new state and answers again), and a proposal
is only taken over while the placement is still the version it answered.
"""

from datetime import date

from flask_babel import gettext as _

from intranet.mail import notify
from intranet.models import Application, PartnerLink, PartnerProposal, Placement, utcnow
from intranet.outbound.workflow import TransitionRefused
from intranet.partners import mails
from intranet.placement import placing
from intranet.platform.audit import record
from intranet.platform.db import db
from intranet.reports import experience

#: what a placement answer may change (dates as ISO strings in the stored values); the travel is Siegburg's
PLACEMENT_FIELDS = tuple(name for name in placing.FIELDS if name != "travel_booked")
#: free text the city admin reads but that changes no field: a family the partner arranged, a note
NOTE_FIELDS = ("host_family", "note")
ASSESSMENT_FIELDS = ("mentor", "tasks", "skills", "assessment")


class ProposalRefused(ValueError):
    """An answer or decision that cannot be taken; the message is in the request's language."""


def placement_of(application: Application) -> Placement | None:
    """The stay's placement, if the trainee is placed."""
    return Placement.get_or_none(Placement.application == application.id)


def current_values(placement: Placement | None, application: Application) -> dict:
    """What the partner's form starts from: the placement, or the approved dates."""
    if placement is None:
        return {"arrival": application.start_date, "departure": application.end_date}
    return {name: getattr(placement, name) for name in PLACEMENT_FIELDS}


def stored(values: dict, fields: tuple[str, ...]) -> dict:
    """The form values to keep, dates as ISO strings (JSON)."""
    return {
        k: values[k].isoformat() if isinstance(values.get(k), date) else (values.get(k) or "") for k in fields
    }


def submit_placement(link: PartnerLink, values: dict, based_on: int, confirm: bool) -> PartnerProposal:
    """Store the host's answer on the placement: a confirmation or a proposal of changes."""
    application = link.application
    with db.atomic():
        placement = placement_of(application)
        version = placement.version if placement else 0
        if based_on != version:
            raise ProposalRefused(
                _(
                    "Siegburg hat die Vermittlung inzwischen geändert. Bitte prüfen Sie den neuen Stand; "
                    "Ihre Eingaben stehen noch im Formular."
                )
            )
        proposed = stored(values, PLACEMENT_FIELDS + NOTE_FIELDS)
        unchanged = placement is not None and proposed == {
            **stored(current_values(placement, application), PLACEMENT_FIELDS),
            **{k: "" for k in NOTE_FIELDS},
        }
        if confirm and placement is None:
            raise ProposalRefused(
                _("Es gibt noch keine Vermittlung zum Bestätigen; bitte schlagen Sie sie vor.")
            )
        confirmed = placement is not None and (confirm or unchanged)
        supersede(application, "placement")
        proposal = PartnerProposal.create(
            link=link.id,
            application=application.id,
            kind="placement",
            values={} if confirmed else proposed,
            changes=not confirmed,
            based_on=version,
            status="confirmed" if confirmed else "open",
        )
        if placement is not None:
            status = "confirmed" if confirmed else "proposed"
            Placement.update(host_status=status).where(Placement.id == placement.id).execute()
        answered(link)
        action = "partner_placement_confirmed" if confirmed else "partner_proposal_received"
        record(None, action, application, None, {"proposal": proposal.id, "link": link.id})
        notify.queue(action, application)
    return proposal


def submit_assessment(link: PartnerLink, values: dict, today: date) -> PartnerProposal:
    """Store the mentor's part of the certificate and the Europass data, once the stay has ended."""
    application = link.application
    if application.end_date >= today and application.status != "completed":
        raise ProposalRefused(_("Die Bewertung ist erst nach dem Ende des Aufenthalts möglich."))
    with db.atomic():
        supersede(application, "assessment")
        proposal = PartnerProposal.create(
            link=link.id,
            application=application.id,
            kind="assessment",
            values=stored(values, ASSESSMENT_FIELDS),
        )
        answered(link)
        record(
            None, "partner_assessment_received", application, None, {"proposal": proposal.id, "link": link.id}
        )
        notify.queue("partner_assessment_received", application)
    return proposal


def supersede(application: Application, kind: str) -> None:
    """Older open answers of the same kind give way to the new one."""
    PartnerProposal.update(status="superseded").where(
        (PartnerProposal.application == application.id)
        & (PartnerProposal.kind == kind)
        & (PartnerProposal.status == "open")
    ).execute()


def answered(link: PartnerLink) -> None:
    """The link has an answer: no more reminders."""
    PartnerLink.update(answered_at=utcnow()).where(PartnerLink.id == link.id).execute()


def open_proposal(proposal: PartnerProposal) -> PartnerProposal:
    """The proposal, refused unless it still waits for a decision (a second click, another admin)."""
    fresh = PartnerProposal.get_by_id(proposal.id)
    if fresh.status != "open":
        raise ProposalRefused(_("Über diesen Vorschlag ist bereits entschieden."))
    return fresh


def decide(proposal: PartnerProposal, user, status: str, reply: str = "") -> None:
    """Mark an open proposal decided, once (a concurrent decision loses)."""
    changed = (
        PartnerProposal.update(status=status, reply=reply, decided_by=user.id, decided_at=utcnow())
        .where((PartnerProposal.id == proposal.id) & (PartnerProposal.status == "open"))
        .execute()
    )
    if changed != 1:
        raise ProposalRefused(_("Über diesen Vorschlag ist bereits entschieden."))


def accept(user, proposal: PartnerProposal) -> None:
    """Take the proposal over: the placement changes (audited), the trainee and the partner are mailed;
    an assessment goes into the Europass data and a new certificate."""
    with db.atomic():
        proposal = open_proposal(proposal)
        application = proposal.application
        if proposal.kind == "assessment":
            decide(proposal, user, "accepted")
            record(user, "partner_assessment_accepted", application, None, {"proposal": proposal.id})
            if application.status == "completed":  # the certificate issued at completion lacked it
                experience.certificate(user, application)
            return
        placement = placement_of(application)
        if placement is None or application.status != "placed":
            raise ProposalRefused(
                _("Übernehmen geht erst nach der Vermittlung: Bitte vermitteln Sie zuerst eine Gastfamilie.")
            )
        if placement.version != proposal.based_on:
            raise ProposalRefused(
                _(
                    "Die Vermittlung wurde nach diesem Vorschlag geändert. Bitte antworten Sie der "
                    "Gastverwaltung, statt den Vorschlag zu übernehmen."
                )
            )
        values = {name: getattr(placement, name) for name in placing.FIELDS}
        values["host_family"] = str(placement.host_family_id or "")
        for name in PLACEMENT_FIELDS:
            text = proposal.values.get(name, "")
            values[name] = date.fromisoformat(text) if name in ("arrival", "departure") else text
        try:
            placing.change(user, application, values)
        except TransitionRefused as exc:
            raise ProposalRefused(str(exc)) from exc
        Placement.update(host_status="confirmed").where(Placement.application == application.id).execute()
        decide(proposal, user, "accepted")
        record(user, "partner_proposal_accepted", application, None, {"proposal": proposal.id})
        notify.queue("partner_proposal_accepted", application)
        mails.answer(proposal.link, accepted=True)


def answer(user, proposal: PartnerProposal, reply: str) -> None:
    """Reply to the proposal instead of taking it over; the partner gets the reply by e-mail."""
    reply = reply.strip()
    if not reply:
        raise ProposalRefused(_("Bitte schreiben Sie eine Antwort an die Gastverwaltung."))
    with db.atomic():
        proposal = open_proposal(proposal)
        decide(proposal, user, "answered", reply)
        if proposal.kind == "placement":
            Placement.update(host_status="answered").where(
                Placement.application == proposal.application_id
            ).execute()
        record(user, "partner_proposal_answered", proposal.application, None, {"proposal": proposal.id})
        mails.answer(proposal.link, reply=reply)


def of_application(application: Application):
    """The stay's answers, newest first, without those that gave way to a newer one."""
    return (
        PartnerProposal.select()
        .where((PartnerProposal.application == application.id) & (PartnerProposal.status != "superseded"))
        .order_by(PartnerProposal.id.desc())
    )
