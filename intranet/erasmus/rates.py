"""The Erasmus+ unit costs of KA1 VET learner mobility, one sourced table per call year.

Every figure carries its source (Programme Guide URL and section, or the page that quoted it);
figures that could not be confirmed for the call year say "bitte prüfen". HR corrects a figure
at run time: the correction is kept as a ``CityOverride`` under the pseudo-city ``erasmus``
(kind ``erasmus_rate``, key ``<year>/<figure>``), audited, and "reset" restores the default.
"""

from dataclasses import dataclass, replace

from flask_babel import gettext as _

from intranet.cities import overrides
from intranet.platform.money import AmountInvalid, parse_euro

GUIDE = "https://erasmus-plus.ec.europa.eu/programme-guide/part-b/key-action-1/mobility-vet"
OVERRIDE_CITY = "erasmus"
OVERRIDE_KIND = "erasmus_rate"

#: one-way great-circle km: (lowest, highest or None, key)
BANDS = (
    (10, 99, "10-99"),
    (100, 499, "100-499"),
    (500, 1999, "500-1999"),
    (2000, 2999, "2000-2999"),
    (3000, 3999, "3000-3999"),
    (4000, 7999, "4000-7999"),
    (8000, None, "8000+"),
)

#: receiving-country groups for individual support (ISO 3166-1 alpha-2) – composition as quoted
#: by uni-marburg.de (Erasmus+ Ländergruppen) and lawinsider.com; bitte prüfen for the call year
COUNTRY_GROUPS = {
    1: ("DK", "FI", "IS", "IE", "LI", "LU", "NO", "SE"),
    2: ("AT", "BE", "DE", "FR", "IT", "GR", "ES", "CY", "NL", "MT", "PT"),
    3: ("BG", "HR", "CZ", "EE", "LV", "LT", "HU", "PL", "RO", "RS", "SK", "SI", "MK", "TR"),
}
GROUPS_SOURCE = (
    "https://www.uni-marburg.de/de/international/ins-ausland/studierende/finanzierung/erasmus-europa"
)

TRAVEL_SOURCE = "https://erasmus.gidatarim.edu.tr/pages/sure-hibe-hesap-personel"
GREEN_SOURCE = (
    "https://www.ru.nl/radboudinternational/english/staff/staff-mobility/erasmus-green-travel-support/"
)
DAYS_SOURCE = "https://wikis.ec.europa.eu/x/UINTC"
INCLUSION_SOURCE = (
    "https://wikis.ec.europa.eu/pages/diffpagesbyversion.action?pageId=177047363"
    "&selectedPageVersions=1&selectedPageVersions=2"
)


@dataclass(frozen=True)
class Figure:
    """One unit cost of the table: euro (or days), where it comes from, whether it is confirmed."""

    key: str  #: e.g. "travel_standard/500-1999"
    label: str  #: German
    amount: float
    source: str  #: URL
    section: str  #: where on that page, e.g. "Funding rules – Travel"
    confirmed: bool = False  #: False shows "bitte prüfen"
    overridden: bool = False  #: True when HR set the value at run time


def _travel(year_note: str) -> list[Figure]:
    standard = dict(zip((b[2] for b in BANDS), (23, 180, 275, 360, 530, 820, 1500), strict=True))
    green = {"100-499": 210, "500-1999": 320, "2000-2999": 410, "3000-3999": 610}
    rows = [
        Figure(
            f"travel_standard/{band}",
            f"Reise (Standard), {band} km",
            amount,
            TRAVEL_SOURCE,
            f"Travel, standard travel – {year_note}",
        )
        for band, amount in standard.items()
    ]
    rows += [
        Figure(
            f"travel_green/{band}",
            f"Reise (umweltfreundlich), {band} km",
            amount,
            GREEN_SOURCE,
            f"Green travel support – {year_note}",
        )
        for band, amount in green.items()
    ]
    return rows


def _table_2027() -> list[Figure]:
    note = "Beträge der Programmleitfäden 2021–2023, für den Aufruf 2027 nicht bestätigt"
    return [
        *_travel(note),
        Figure(
            "travel_days/standard",
            "Reisetage (Standardreise), höchstens",
            2,
            DAYS_SOURCE,
            "Funded travel days: up to 2 days (non-sustainable transport)",
            confirmed=True,
        ),
        Figure(
            "travel_days/green",
            "Reisetage (umweltfreundliche Reise), höchstens",
            6,
            DAYS_SOURCE,
            "Funded travel days: up to 6 days (sustainable transport)",
            confirmed=True,
        ),
        Figure(
            "individual/1",
            "Individuelle Unterstützung Lernende pro Tag, Ländergruppe 1",
            81,
            GUIDE,
            "Funding rules – Individual support (Satz der NA beim BIBB)",
        ),
        Figure(
            "individual/2",
            "Individuelle Unterstützung Lernende pro Tag, Ländergruppe 2",
            72,
            GUIDE,
            "Funding rules – Individual support (Satz der NA beim BIBB)",
        ),
        Figure(
            "individual/3",
            "Individuelle Unterstützung Lernende pro Tag, Ländergruppe 3",
            63,
            GUIDE,
            "Funding rules – Individual support (Satz der NA beim BIBB)",
        ),
        Figure(
            "organisational",
            "Organisatorische Unterstützung pro Teilnehmende",
            100,
            GUIDE,
            "Funding rules – Organisational support",
        ),
        Figure(
            "inclusion",
            "Inklusionsunterstützung pro Teilnehmende mit geringeren Chancen",
            125,
            INCLUSION_SOURCE,
            "Inclusion support for organisations, Programme Guide 2024 p. 68 (KA131)",
        ),
    ]


#: call year → the default table; a year without its own table uses the latest earlier one
TABLES = {2027: _table_2027}


def table_year(year: int) -> int:
    """The call year whose table applies to ``year`` (the latest table not after it, else the first)."""
    earlier = [y for y in TABLES if y <= year]
    return max(earlier) if earlier else min(TABLES)


def figures(year: int) -> list[Figure]:
    """The call year's figures with HR's corrections laid over the defaults."""
    base = table_year(year)
    changed = overrides.values(OVERRIDE_CITY, OVERRIDE_KIND)
    result = []
    for figure in TABLES[base]():
        key = f"{base}/{figure.key}"
        if key in changed:
            figure = replace(figure, amount=float(changed[key]), confirmed=True, overridden=True)
        result.append(figure)
    return result


def amounts(year: int) -> dict[str, float]:
    """The call year's figures as key → amount."""
    return {figure.key: figure.amount for figure in figures(year)}


def band_of(km: float) -> str | None:
    """The distance band of a one-way distance, None below 10 km."""
    for low, high, key in BANDS:
        if km >= low and (high is None or km < high + 1):
            return key
    return None


def group_of(country: str) -> int | None:
    """The receiving-country group of an ISO country code, None outside the programme countries."""
    return next((group for group, countries in COUNTRY_GROUPS.items() if country in countries), None)


class FigureRefused(ValueError):
    """A figure that cannot be saved; the message is German."""


def set_figure(user, year: int, key: str, amount: str):
    """HR corrects one figure of the call year's table (audited by ``overrides.set_value``)."""
    base = table_year(year)
    if key not in {figure.key for figure in TABLES[base]()}:
        raise FigureRefused(_("Diesen Fördersatz gibt es nicht."))
    try:
        value = round(float(parse_euro(amount)), 2)
    except AmountInvalid:
        value = -1.0
    if not 0 <= value <= 100_000:
        raise FigureRefused(_("Bitte einen Betrag zwischen 0 und 100.000 angeben, z. B. 275 oder 72,50."))
    return overrides.set_value(user, OVERRIDE_CITY, OVERRIDE_KIND, f"{base}/{key}", value)


def reset_figure(user, year: int, key: str) -> bool:
    """Back to the table's default; False if HR had not changed it."""
    return overrides.reset(user, OVERRIDE_CITY, OVERRIDE_KIND, f"{table_year(year)}/{key}")
