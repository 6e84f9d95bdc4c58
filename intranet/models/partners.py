"""The host administration's part: personal links per stay, its answers, and failed link lookups."""

from dataclasses import dataclass
from datetime import datetime

from peewee import BooleanField, CharField, DateField, DateTimeField, ForeignKeyField, IntegerField, TextField

from intranet.models.applications import Application
from intranet.models.base import BaseModel, JSONField, utcnow
from intranet.models.people import User


class PartnerLink(BaseModel):
    """A personal link for one contact of the host administration to one stay; only its SHA-256 is kept."""

    application = ForeignKeyField(Application, backref="partner_links", on_delete="CASCADE")
    contact_name = CharField(max_length=200)
    contact_email = CharField(max_length=254)
    #: the language the link opens in (the city's first language unless chosen otherwise)
    language = CharField(max_length=8)
    #: the token is derived from it and SECRET_KEY (platform.tokens); only the token's hash is kept
    nonce = CharField(max_length=32)
    token_hash = CharField(max_length=64, unique=True)
    #: the last day the link opens: the stay's end plus PARTNER_LINK_DAYS_AFTER_STAY
    expires_on = DateField()
    created_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    created_at = DateTimeField(default=utcnow)
    revoked_at = DateTimeField(null=True)
    last_used_at = DateTimeField(null=True)
    reminded_at = DateTimeField(null=True)
    answered_at = DateTimeField(null=True)


class PartnerProposal(BaseModel):
    """One answer of the host administration: the placement confirmed or changed, or the mentor's assessment.

    ``status``: "open" (waits for the city admin), "confirmed" (the placement as it stands),
    "accepted" (taken over by the city admin), "answered" (the city admin replied instead).
    """

    link = ForeignKeyField(PartnerLink, backref="proposals", on_delete="CASCADE")
    application = ForeignKeyField(Application, backref="partner_proposals", on_delete="CASCADE")
    #: "placement" or "assessment"
    kind = CharField(max_length=20)
    values = JSONField(default=dict)
    #: False: the host confirmed the placement without changes
    changes = BooleanField(default=True)
    #: the placement's version the partner saw; an older one than the current is refused
    based_on = IntegerField(default=0)
    status = CharField(max_length=20, default="open", index=True)
    reply = TextField(default="")
    created_at = DateTimeField(default=utcnow)
    decided_by = ForeignKeyField(User, null=True, on_delete="SET NULL")
    decided_at = DateTimeField(null=True)

    @classmethod
    def accepted_assessment(cls, application_id: int) -> dict:
        """The mentor's newest assessment that Siegburg took over (certificate, Europass); else {}."""
        accepted = (
            cls.select()
            .where(
                (cls.application == application_id) & (cls.kind == "assessment") & (cls.status == "accepted")
            )
            .order_by(cls.id.desc())
            .first()
        )
        return accepted.values if accepted else {}


class PartnerLinkMiss(BaseModel):
    """A request with an unknown, expired or revoked link, by a hash of the client address (throttling)."""

    client = CharField(max_length=64, index=True)
    at = DateTimeField(default=utcnow, index=True)


@dataclass(frozen=True)
class HostAnswer:
    """Where the host administration stands on one stay, for Siegburg's lists.

    ``state``: "waiting" (a link, no answer yet), "proposed" (changes wait for Siegburg),
    "answered" (Siegburg replied, the host's turn again), "confirmed" (agreed).
    """

    state: str
    #: the last reminder of an unanswered link, else None
    reminded_at: datetime | None = None


def host_answers(application_ids) -> dict[int, HostAnswer]:
    """The host administration's answer per stay that has a live link (two queries)."""
    ids = list(application_ids)
    if not ids:
        return {}
    links = PartnerLink.select().where(PartnerLink.application.in_(ids) & PartnerLink.revoked_at.is_null())
    reminded = {}
    for link in links:
        key = link.application_id
        reminded[key] = max(filter(None, (reminded.get(key), link.reminded_at)), default=None)
    latest = {}
    proposals = (
        PartnerProposal.select(PartnerProposal.application, PartnerProposal.status)
        .where(PartnerProposal.application.in_(list(reminded)) & (PartnerProposal.kind == "placement"))
        .where(PartnerProposal.status != "superseded")
        .order_by(PartnerProposal.id)
    )
    for proposal in proposals:
        latest[proposal.application_id] = proposal.status
    states = {"open": "proposed", "answered": "answered", "confirmed": "confirmed", "accepted": "confirmed"}
    return {
        key: HostAnswer(states[latest[key]]) if key in latest else HostAnswer("waiting", reminded[key])
        for key in reminded
    }
