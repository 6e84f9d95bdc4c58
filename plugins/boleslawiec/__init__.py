"""Bolesławiec (Poland), partner city of Siegburg since 1992 (Patenschaft for Bunzlau since 1953).

This plugin adds what is special about Bolesławiec: Polish in the form and a language hint,
a housing warning for the ceramics festival in August, a hint on substitute days off for
public holidays on a Saturday, the Urząd Miasta and the German consulate general as
contacts, letters in Polish and German, and a cost estimate for the train journey.
Shared rules (duration, public holidays, EHIC, A1 certificate, 112, Siegburg's partnership
office) come from the core. Values marked "bitte prüfen" are unconfirmed defaults.
"""

from datetime import date

from intranet.cities.workdays import german_date
from intranet.hookspecs import Finding, PartnerCity, hookimpl

from .. import common

# ---------------------------------------------------------------- data (maintained by the city admin)

CITY = PartnerCity(
    slug="boleslawiec",
    name_de="Bolesławiec",
    name_local="Bolesławiec",
    country="PL",
    country_de="Polen",
    region="Powiat bolesławiecki, województwo dolnośląskie",
    languages=("pl", "de"),
    eu=True,
    schengen=True,
    currency="PLN",
    timezone="Europe/Warsaw",
    partner_since="1992 (Vertrag vom 17.10.1992; Patenschaft für Bunzlau seit 1953)",
    short_label="PL",
    unverified=(
        "Termine des Keramikfests (Święto Ceramiki) außer 2024",
        "Ersatz-Freier Tag für Feiertage an einem Samstag: welchen Tag die Stadtverwaltung festlegt",
        "Nächste Flughäfen Wrocław und Dresden",
        "Deutsches Generalkonsulat Breslau als zuständige Auslandsvertretung",
        "Einreise mit Personalausweis (EU-Freizügigkeit) nicht aus einer Primärquelle belegt",
    ),
    coordinates=(51.2625, 15.5697),  # town centre (WGS 84), for the Erasmus+ distance band
)

LANGUAGE = "Polnisch"

#: Święto Ceramiki: 14–18 Aug 2024 is sourced; other years use the window 10–25 Aug – bitte prüfen
CERAMICS_FESTIVAL = common.LocalEvent(
    "dem Keramikfest (Święto Ceramiki)",
    {2024: (date(2024, 8, 14), date(2024, 8, 18))},
    window=((8, 10), (8, 25)),
)

#: public holidays on a Saturday; the Urząd gives another day off for each (art. 130 § 2 Kodeks pracy)
SATURDAY_HOLIDAYS = (date(2026, 8, 15), date(2026, 12, 26), date(2027, 5, 1), date(2027, 12, 25))

ADMINISTRATION = common.placeholder_contact(
    "administration",
    "Urząd Miasta Bolesławiec",
    "Ansprechperson für Städtepartnerschaften (współpraca z miastami partnerskimi) – Name bitte eintragen",
    "Rynek 41, 59-700 Bolesławiec, Polska",
    "+48",
    "Leitung der Verwaltung: Prezydent Miasta.",
)
MISSION = common.mission(
    "Deutsches Generalkonsulat Breslau (Wrocław)",
    CITY.name_de,
    "+48",
    source="polen.diplo.de",
)

#: rough defaults in euro – bitte prüfen; HR configures the real rates later
COSTS = common.CostRates(
    travel=(
        ("Bahn Siegburg/Bonn – Dresden – Görlitz – Bolesławiec, hin/zurück (oder Flug nach Wrocław)", 200),
        ("Nahverkehr vor Ort", 20),
    ),
    insurance=common.EU_HEALTH,
    host_family_per_night=18,
)

RULES = [
    common.language_rule(LANGUAGE),
    "Mitte/Ende August findet das Keramikfest (Święto Ceramiki) statt; Unterkünfte sind dann "
    "ausgebucht (Termine bitte prüfen).",
    "Fällt ein Feiertag auf einen Samstag, gibt die Stadtverwaltung dafür einen anderen Tag frei.",
    "In Polen wird mit Złoty (PLN) bezahlt, nicht mit Euro.",
]

# ---------------------------------------------------------------- hooks


@hookimpl
def partner_city():
    """Bolesławiec."""
    return CITY


@hookimpl
def rule_summaries(city):
    """Bolesławiec's own rules in plain German."""
    return RULES


@hookimpl
def application_fields(city):
    """Polish level and English as a working language (both optional in the form)."""
    return [common.language_level("polish_level", LANGUAGE, "pl"), common.english_level()]


@hookimpl
def required_documents(city, application):
    """An optional Polish certificate; everything else comes from the core."""
    return [common.language_certificate(LANGUAGE)]


@hookimpl
def check_application(city, application):
    """Language hint below A2, ceramics festival, substitute days off."""
    housing = (
        "Hotels und Unterkünfte sind dann ausgebucht: bitte die Unterbringung in der Gastfamilie "
        "früh fest zusagen lassen."
    )
    return [
        *common.language_warning(application, "polish_level", LANGUAGE, city.name_de),
        *common.event_warning(application, CERAMICS_FESTIVAL, housing, "ceramics_festival"),
        *substitute_days(application),
    ]


def substitute_days(application):
    """A hint for each Saturday holiday in a month of the stay: the substitute day may fall into it."""
    start, end = application.start_date, application.end_date
    if not start or not end:
        return []
    months = {(start.year, start.month), (end.year, end.month)}
    return [
        Finding(
            "warning",
            f"Der Feiertag am {german_date(day)} fällt auf einen Samstag. Die Stadtverwaltung gibt "
            "dafür einen anderen Tag frei, den sie selbst festlegt – bitte prüfen, ob er in Ihren "
            "Aufenthalt fällt.",
            "start_date",
            "substitute_day",
        )
        for day in SATURDAY_HOLIDAYS
        if (day.year, day.month) in months
    ]


@hookimpl
def contacts(city):
    """The Urząd Miasta and the German consulate general (placeholders, bitte prüfen)."""
    return [ADMINISTRATION, MISSION]


@hookimpl
def letter_templates(city):
    """Letters in Polish and German."""
    return common.standard_letters(city.slug, "pl") + common.inbound_letters(city.slug, "pl")


@hookimpl
def cost_estimate(city, application):
    """Train via Dresden and Görlitz, host family."""
    return common.cost_items(application, COSTS)
