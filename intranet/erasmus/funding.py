"""Per stay: is it eligible for Erasmus+ (KA1, VET learners) and why not, and what would it bring.

Rules of a short-term project for VET learner mobility as the Programme Guide states them
(section "Short-term projects", quoted by accesseurope.ie): a learner's stay lasts 10 days or
more, the receiving country is one of the programme's (Germany is the sending country: a stay in
Werder is domestic), a project has at most 30 participants and runs 6 to 18 months.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from intranet.cities.registry import registry
from intranet.erasmus import distance, rates
from intranet.models import Application, User

MIN_DAYS = 10
MAX_DAYS = 365  #: ErasmusPro's longest stay; longer stays are no learner mobility
MAX_PARTICIPANTS = 30
PROJECT_MONTHS = (6, 18)
SENDING_COUNTRY = "DE"
#: stays that count for a call year's project: submitted and not refused or withdrawn
COUNTED = ("submitted", "waitlisted", "approved", "placed", "completed")


@dataclass
class Item:
    """One line of the grant."""

    key: str  #: "travel", "individual", "organisational"
    label: str  #: German
    amount: Decimal


@dataclass
class Funding:
    """Eligibility and grant of one stay."""

    eligible: bool
    reasons: list[str]  #: German: why not (empty if eligible)
    km: float | None
    band: str | None
    group: int | None
    items: list[Item] = field(default_factory=list)
    estimate: Decimal | None = None  #: the city's own cost estimate

    @property
    def total(self) -> Decimal:
        """The grant, all items."""
        return sum((item.amount for item in self.items), Decimal("0.00"))

    @property
    def own_share(self) -> Decimal | None:
        """What Sachkonto 549904 still carries: the estimate less the grant, never below 0."""
        if self.estimate is None:
            return None
        return max(Decimal(self.estimate) - self.total, Decimal("0.00"))


def reasons_against(city, application: Application) -> list[str]:
    """German reasons why the stay is not eligible; empty if it is."""
    reasons = []
    if city.country == SENDING_COUNTRY:
        reasons.append(f"{city.name_de} liegt in Deutschland: Inlandsaufenthalte fördert Erasmus+ nicht.")
    elif rates.group_of(city.country) is None:
        reasons.append(
            f"{city.country_de} gehört zu keiner Ländergruppe der Lernendenmobilität (bitte prüfen)."
        )
    days = application.days if application.start_date and application.end_date else 0
    if days < MIN_DAYS:
        reasons.append(f"Der Aufenthalt dauert {days} Tage, gefördert werden Lernende ab {MIN_DAYS} Tagen.")
    elif days > MAX_DAYS:
        reasons.append(
            f"Der Aufenthalt dauert {days} Tage, länger als {MAX_DAYS} Tage fördert Erasmus+ nicht."
        )
    if not (application.training_track or application.applicant.training_track):
        reasons.append("Keine Ausbildung erfasst: gefördert werden Lernende in der Berufsausbildung.")
    return reasons


def euro(value) -> Decimal:
    """An amount rounded to cents."""
    return Decimal(str(value)).quantize(Decimal("0.01"))


def grant_items(city, application: Application, green: bool, figures: dict) -> list[Item]:
    """The grant by item: travel by band, individual support per day (with travel days), organisation."""
    band = distance.band(city)
    items = []
    travel = figures.get(f"travel_{'green' if green else 'standard'}/{band}") if band else None
    if travel is None and green and band:
        travel = figures.get(f"travel_standard/{band}")  # no green rate in this band: the standard one
    if travel is not None:
        items.append(Item("travel", f"Reisekosten, Entfernungsband {band} km", euro(travel)))
    rate = figures[f"individual/{rates.group_of(city.country)}"]
    days = application.days + int(figures[f"travel_days/{'green' if green else 'standard'}"])
    label = (
        f"Individuelle Unterstützung: {days} Tage (davon {days - application.days} Reisetage) × {rate:.2f} €"
    )
    items.append(Item("individual", label.replace(".", ","), euro(rate * days)))
    items.append(Item("organisational", "Organisatorische Unterstützung", euro(figures["organisational"])))
    return items


def funding_of(application: Application, green: bool = False, figures: dict | None = None) -> Funding:
    """Eligibility and, if eligible, the grant of the stay under the table of its call year.

    ``figures`` (``rates.amounts`` of the call year) saves the query when many stays are summed.
    """
    city = registry().get(application.city)
    if city is None:
        return Funding(False, ["Diese Partnerstadt ist nicht (mehr) installiert."], None, None, None)
    km = distance.from_siegburg(city)
    reasons = reasons_against(city, application)
    result = Funding(
        not reasons,
        reasons,
        km,
        distance.band(city),
        rates.group_of(city.country),
        estimate=application.cost_estimate,
    )
    if not reasons:
        result.items = grant_items(city, application, green, figures or rates.amounts(call_year(application)))
    return result


def call_year(application: Application) -> int:
    """The call year whose short-term project would fund the stay: the year it starts."""
    return application.start_date.year


@dataclass
class Project:
    """What a short-term project of one call year would bring for the stays starting in it."""

    year: int
    rows: list  #: (application, Funding) of every counted stay, eligible or not
    problems: list[str]  #: German: project limits not met

    @property
    def eligible(self) -> list:
        """The (application, Funding) pairs that count."""
        return [(a, f) for a, f in self.rows if f.eligible]

    @property
    def total(self) -> Decimal:
        """The grant of all eligible stays."""
        return sum((f.total for _, f in self.eligible), Decimal("0.00"))

    @property
    def estimate(self) -> Decimal:
        """The cities' estimates of the eligible stays."""
        return sum((Decimal(f.estimate or 0) for _, f in self.eligible), Decimal("0.00"))

    @property
    def own_share(self) -> Decimal:
        """What Sachkonto 549904 still carries for the eligible stays."""
        return sum((f.own_share or Decimal("0.00") for _, f in self.eligible), Decimal("0.00"))


def months_between(start: date, end: date) -> int:
    """Calendar months from ``start`` to ``end``, a begun month counted."""
    return (end.year - start.year) * 12 + end.month - start.month + 1


def project(year: int) -> Project:
    """The call year's stays with their funding, and the limits of a short-term project checked."""
    query = (
        Application.select(Application, User)
        .join(User)
        .where(Application.status.in_(COUNTED) & (Application.start_date.year == year))
        .order_by(Application.start_date, Application.id)
    )
    figures = rates.amounts(year)  # one query for all stays, not one per stay
    rows = [(application, funding_of(application, figures=figures)) for application in query]
    problems = []
    eligible = [a for a, f in rows if f.eligible]
    if len(eligible) > MAX_PARTICIPANTS:
        problems.append(
            f"{len(eligible)} förderfähige Aufenthalte: ein Kurzzeitprojekt hat höchstens "
            f"{MAX_PARTICIPANTS} Teilnehmende."
        )
    if eligible:
        span = months_between(min(a.start_date for a in eligible), max(a.end_date for a in eligible))
        if span > PROJECT_MONTHS[1]:
            problems.append(
                f"Die Aufenthalte erstrecken sich über {span} Monate, ein Kurzzeitprojekt dauert "
                f"höchstens {PROJECT_MONTHS[1]} Monate."
            )
    return Project(year, rows, problems)
