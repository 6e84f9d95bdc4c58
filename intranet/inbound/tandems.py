"""Tandems: a fixed pair of a Siegburg trainee's stay and a partner trainee of the same city.

The rules (see docs/decisions.md): same city, each side in at most one tandem, the Siegburg
stay approved, placed or completed, the guest not cancelled, and the two stays do not share a
day (the Siegburg trainee is at home to host or accompany the guest) but start in the same
calendar year (the year the reciprocity ledger counts them in). With the host-family swap the
Siegburg trainee's household becomes the guest's host family, with the household's consent.
"""

from datetime import date

from flask_babel import gettext as _
from peewee import IntegrityError

from intranet.cities.home import SLUG as SIEGBURG
from intranet.models import Application, HostAvailability, HostFamily, InboundTrainee, Tandem, UserLanguage
from intranet.platform.audit import record
from intranet.platform.db import db

#: Siegburg stays that may be paired: decided for, placed or done.
PAIRABLE = ("approved", "placed", "completed")
#: form fields of the host-family swap that the Siegburg household entry takes
SWAP_FIELDS = ("household", "address", "contact_name", "email", "phone")


class TandemRefused(Exception):
    """A pair that cannot be formed or changed; the message is German."""


def visible(user):
    """Tandems the user looks after: all for HR, those of their cities for city admins; newest first."""
    query = (
        Tandem.select(Tandem, Application, InboundTrainee)
        .join(Application)
        .switch(Tandem)
        .join(InboundTrainee)
        .order_by(InboundTrainee.start_date.desc(), Tandem.id.desc())
    )
    return query if user.has_role("hr") else query.where(InboundTrainee.city.in_(sorted(user.city_scopes)))


def overlap(a_start: date, a_end: date, b_start: date, b_end: date) -> bool:
    """True if the two periods share at least one day."""
    return a_start <= b_end and b_start <= a_end


def problems(outbound: Application, inbound: InboundTrainee) -> list[str]:
    """German reasons why the two stays cannot form a tandem; empty if they can."""
    found = []
    if outbound.city != inbound.city:
        found.append(_("Ein Tandem verbindet nur Auszubildende derselben Partnerstadt."))
    if outbound.status not in PAIRABLE:
        found.append(_("Der Aufenthalt aus Siegburg ist weder genehmigt noch vermittelt noch abgeschlossen."))
    if inbound.status == "cancelled":
        found.append(_("Der Aufenthalt des Gastes ist abgesagt."))
    if overlap(outbound.start_date, outbound.end_date, inbound.start_date, inbound.end_date):
        found.append(
            _("Die beiden Aufenthalte überschneiden sich: Wer Gastgeber ist, muss dann zu Hause sein.")
        )
    if outbound.start_date.year != inbound.start_date.year:
        found.append(_("Die beiden Aufenthalte müssen im selben Kalenderjahr beginnen."))
    if Tandem.select().where(Tandem.outbound == outbound.id).exists():
        found.append(_("Der Aufenthalt aus Siegburg gehört schon zu einem Tandem."))
    if Tandem.select().where(Tandem.inbound == inbound.id).exists():
        found.append(_("Der Gast gehört schon zu einem Tandem."))
    return found


def swap_problems(values: dict) -> list[str]:
    """German reasons why the household data of a host-family swap cannot be saved."""
    found = []
    if not (values.get("household") or "").strip():
        found.append(_("Bitte den Namen des Haushalts angeben."))
    if not (values.get("address") or "").strip():
        found.append(_("Bitte die Anschrift des Haushalts angeben."))
    consent = values.get("consent_date")
    if consent is None:
        found.append(_("Bitte das Datum der Einwilligung des Haushalts angeben."))
    elif consent > date.today():
        found.append(_("Das Datum der Einwilligung darf nicht in der Zukunft liegen."))
    if not (values.get("consent_scope") or "").strip():
        found.append(_("Bitte angeben, wozu der Haushalt eingewilligt hat."))
    return found


def _household(outbound: Application, inbound: InboundTrainee, values: dict) -> HostFamily:
    """The Siegburg trainee's household as a Siegburg host family, free for the guest's nights."""
    languages = [
        row.language for row in UserLanguage.select().where(UserLanguage.user == outbound.applicant_id)
    ]
    family = HostFamily.create(
        city=SIEGBURG,
        languages=languages,
        consent_date=values["consent_date"],
        consent_scope=values["consent_scope"].strip(),
        **{key: (values.get(key) or "").strip() for key in SWAP_FIELDS},
    )
    HostAvailability.create(family=family, start_date=inbound.arrival, end_date=inbound.departure)
    return family


def _consent(family: HostFamily | None) -> dict:
    """The tandem's swap columns: the household's consent, or no swap."""
    if family is None:
        return {"host_swap": False}
    return {
        "host_swap": True,
        "swap_consent_date": family.consent_date,
        "swap_consent_scope": family.consent_scope,
    }


def _facts(tandem: Tandem) -> dict:
    """What the audit trail keeps: the two stays, the city and the swap, no personal data."""
    return {
        "outbound": tandem.outbound_id,
        "inbound": tandem.inbound_id,
        "host_swap": tandem.host_swap,
        "swap_consent_date": str(tandem.swap_consent_date) if tandem.swap_consent_date else None,
    }


def create(user, outbound: Application, inbound: InboundTrainee, swap: dict | None = None) -> Tandem:
    """Pair the two stays (with the host-family swap if ``swap`` holds the household); one audit row."""
    found = problems(outbound, inbound) + (swap_problems(swap) if swap is not None else [])
    if found:
        raise TandemRefused(" ".join(found))
    try:
        with db.atomic():
            family = _household(outbound, inbound, swap) if swap is not None else None
            tandem = Tandem.create(outbound=outbound, inbound=inbound, created_by=user, **_consent(family))
            if family is not None:
                InboundTrainee.update(host_family=family).where(InboundTrainee.id == inbound.id).execute()
            record(user, "tandem_created", tandem, None, {**_facts(tandem), "city": inbound.city})
    except IntegrityError as exc:
        # a concurrent request paired one side first: the unique constraints decide
        raise TandemRefused(_("Einer der beiden gehört inzwischen schon zu einem Tandem.")) from exc
    return tandem


def dissolve(user, tandem: Tandem) -> None:
    """Dissolve a tandem; a host family set by the swap stays with the guest. One audit row."""
    with db.atomic():
        if Tandem.delete().where(Tandem.id == tandem.id).execute() == 0:
            raise TandemRefused(_("Dieses Tandem ist schon aufgelöst."))
        record(user, "tandem_dissolved", tandem, _facts(tandem), None)
