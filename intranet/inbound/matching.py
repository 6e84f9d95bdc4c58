"""Tandem suggestions: partners that fit the rules, ranked by training track, shared languages, date fit."""

from dataclasses import dataclass, field
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext

from intranet.inbound.tandems import PAIRABLE
from intranet.models import Application, InboundTrainee, Tandem, User, UserLanguage, shares_days
from intranet.people.profiles import LANGUAGES

#: suggestions shown at most; the rest fit worse
LIMIT = 10


@dataclass
class Suggestion:
    """A possible partner with what speaks for it, in German."""

    partner: Application | InboundTrainee
    same_track: bool
    shared: tuple[str, ...]
    gap: int  #: free days between the two stays
    reasons: list[str] = field(default_factory=list)


def _gap_of(outbound: Application, inbound: InboundTrainee) -> int:
    """Free days between a Siegburg stay and a guest's stay that share no day."""
    if outbound.end_date < inbound.start_date:
        return (inbound.start_date - outbound.end_date).days - 1
    return (outbound.start_date - inbound.end_date).days - 1


def _same_year_apart(model, start: date, end: date):
    """Condition: the row's stay starts in the year of ``start`` and shares no day with ``start``–``end``."""
    year = date(start.year, 1, 1), date(start.year, 12, 31)
    return model.start_date.between(*year) & ~shares_days(model, start, end)


def _rank(partner, track, mine: set[str], theirs: set[str], gap: int) -> Suggestion:
    """One suggestion with its German reasons."""
    same = track is not None and track == partner.training_track
    shared = tuple(sorted(mine & theirs))
    reasons = [_("gleiche Ausbildung (%(track)s)", track=track) if same else _("andere Ausbildung")]
    if shared:
        names = ", ".join(str(LANGUAGES.get(code, code)) for code in shared)
        reasons.append(_("gemeinsame Sprachen: %(languages)s", languages=names))
    else:
        reasons.append(_("keine gemeinsame Fremdsprache eingetragen"))
    reasons.append(ngettext("%(num)s freier Tag dazwischen", "%(num)s freie Tage dazwischen", gap))
    return Suggestion(partner, same, shared, gap, reasons)


def _best(suggestions: list[Suggestion]) -> list[Suggestion]:
    """Same track first, then more shared languages, then the closer stay."""
    suggestions.sort(key=lambda s: (not s.same_track, -len(s.shared), s.gap, s.partner.id))
    return suggestions[:LIMIT]


def _languages_of(user_ids) -> dict[int, set[str]]:
    """user id → language codes, in one query."""
    codes: dict[int, set[str]] = {}
    for row in UserLanguage.select().where(UserLanguage.user.in_(list(user_ids))):
        codes.setdefault(row.user_id, set()).add(row.language)
    return codes


def for_guest(inbound: InboundTrainee) -> list[Suggestion]:
    """Siegburg stays of the guest's city that could pair with the guest, best first."""
    stays = list(
        Application.select(Application, User)
        .join(User)
        .where(
            (Application.city == inbound.city)
            & Application.status.in_(PAIRABLE)
            & _same_year_apart(Application, inbound.start_date, inbound.end_date)
            & Application.id.not_in(Tandem.select(Tandem.outbound))
        )
    )
    spoken = _languages_of({a.applicant_id for a in stays})
    theirs = {entry["code"] for entry in inbound.languages}
    return _best(
        [
            _rank(a, inbound.training_track, theirs, spoken.get(a.applicant_id, set()), _gap_of(a, inbound))
            for a in stays
        ]
    )


def for_stay(outbound: Application) -> list[Suggestion]:
    """Guests from the stay's city that could pair with the Siegburg trainee, best first."""
    guests = InboundTrainee.select().where(
        (InboundTrainee.city == outbound.city)
        & (InboundTrainee.status != "cancelled")
        & _same_year_apart(InboundTrainee, outbound.start_date, outbound.end_date)
        & InboundTrainee.id.not_in(Tandem.select(Tandem.inbound))
    )
    mine = _languages_of([outbound.applicant_id]).get(outbound.applicant_id, set())
    return _best(
        [
            _rank(g, outbound.training_track, mine, {e["code"] for e in g.languages}, _gap_of(outbound, g))
            for g in guests
        ]
    )
