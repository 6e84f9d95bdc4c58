"""Guarda (Portugal), partner city of Siegburg since 1985.

This plugin adds what is special about Guarda: Portuguese in the form and a language hint,
Guarda's municipal holiday (27 November, through ``holiday_subdiv`` "09" of the
``holidays`` library), a Carnaval hint, the Câmara Municipal and the German mission as
contacts, letters in Portuguese and German, and a cost estimate for flight plus train.
Shared rules (duration, public holidays, EHIC, A1 certificate, 112, Siegburg's partnership
office) come from the core. Values marked "bitte prüfen" are unconfirmed defaults.
"""

from datetime import date

from intranet.hookspecs import PartnerCity, hookimpl

from .. import common

# ---------------------------------------------------------------- data (maintained by the city admin)

CITY = PartnerCity(
    slug="guarda",
    name_de="Guarda",
    name_local="Guarda",
    country="PT",
    country_de="Portugal",
    region="Distrito da Guarda, Região Centro (Beiras e Serra da Estrela)",
    languages=("pt", "de"),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Lisbon",
    partner_since="1985",
    short_label="PT",
    holiday_subdiv="09",  # district of Guarda: adds the Dia da Cidade on 27 November
    unverified=(
        "Carnaval (Faschingsdienstag) als dienstfreier Tag im öffentlichen Dienst (tolerância de ponto)",
        "Anreise ab Porto oder Lissabon mit Zug oder Bus",
        "Genaue Anschrift der Câmara Municipal da Guarda",
        "Deutsche Botschaft Lissabon als zuständige Auslandsvertretung",
        "Einreise mit Personalausweis (EU-Freizügigkeit) nicht aus einer Primärquelle belegt",
    ),
    #: German names of the holidays the library names only in English
    holiday_names_de=(
        ("Freedom Day", "Tag der Freiheit"),
        ("Day of Portugal, Camões, and the Portuguese Communities", "Tag Portugals"),
        ("Municipal Holiday of Guarda", "Stadtfeiertag von Guarda"),
        ("Republic Day", "Tag der Republik"),
        ("Restoration of Independence Day", "Tag der Wiederherstellung der Unabhängigkeit"),
    ),
    coordinates=(40.5373, -7.2676),  # town centre (WGS 84), for the Erasmus+ distance band
)

LANGUAGE = "Portugiesisch"

#: Carnaval Tuesday (Easter Sunday − 47 days): no national holiday, often a day off – bitte prüfen
CARNAVAL = common.LocalEvent(
    "dem Faschingsdienstag (Carnaval)",
    {
        2026: (date(2026, 2, 17), date(2026, 2, 17)),
        2027: (date(2027, 2, 9), date(2027, 2, 9)),
        2028: (date(2028, 2, 29), date(2028, 2, 29)),
    },
)

ADMINISTRATION = common.placeholder_contact(
    "administration",
    "Câmara Municipal da Guarda (Município da Guarda, Paços do Concelho)",
    "Ansprechperson für Städtepartnerschaften (relações internacionais / geminações) – Name bitte eintragen",
    "Paços do Concelho, Guarda, Portugal (genaue Anschrift bitte ergänzen)",
    "+351",
    "Leitung der Verwaltung: Presidente da Câmara.",
)
#: address from the article on the embassy (de.wikipedia.org/wiki/Deutsche_Botschaft_Lissabon, read 2026-12)
MISSION = common.mission(
    "Deutsche Botschaft Lissabon",
    CITY.name_de,
    "+351",
    source="de.wikipedia.org/wiki/Deutsche_Botschaft_Lissabon",
    address="Campo dos Mártires da Pátria 38, 1169-043 Lisboa",
)

#: rough defaults in euro – bitte prüfen; HR configures the real rates later
COSTS = common.CostRates(
    travel=(
        common.AIRPORT_FEEDER,
        ("Flug Köln/Bonn oder Düsseldorf – Porto (OPO) oder Lissabon (LIS), hin und zurück", 260),
        ("Zug oder Bus Porto/Lissabon – Guarda (hin und zurück)", 50),
    ),
    insurance=common.EU_HEALTH,
    host_family_per_night=20,
)

RULES = [
    common.language_rule(LANGUAGE),
    "Am 27. November (Dia da Cidade) arbeitet die Stadtverwaltung Guarda nicht.",
    "Faschingsdienstag (Carnaval) ist kein gesetzlicher Feiertag, im öffentlichen Dienst aber oft "
    "dienstfrei – bitte prüfen.",
    "Portugal liegt eine Stunde hinter der deutschen Zeit.",
]

# ---------------------------------------------------------------- hooks


@hookimpl
def partner_city():
    """Guarda."""
    return CITY


@hookimpl
def rule_summaries(city):
    """Guarda's own rules in plain German."""
    return RULES


@hookimpl
def application_fields(city):
    """Portuguese level and English as a working language (both optional in the form)."""
    return [common.language_level("portuguese_level", LANGUAGE, "pt"), common.english_level()]


@hookimpl
def required_documents(city, application):
    """An optional Portuguese certificate; everything else comes from the core."""
    return [common.language_certificate(LANGUAGE)]


@hookimpl
def check_application(city, application):
    """Language hint below A2 and a hint when the stay includes Carnaval."""
    consequence = "Die Verwaltung ist an diesem Tag oft geschlossen (tolerância de ponto, bitte prüfen)."
    return [
        *common.language_warning(application, "portuguese_level", LANGUAGE, city.name_de),
        *common.event_warning(application, CARNAVAL, consequence, "carnaval"),
    ]


@hookimpl
def contacts(city):
    """The Câmara Municipal and the German embassy (placeholders, bitte prüfen)."""
    return [ADMINISTRATION, MISSION]


@hookimpl
def letter_templates(city):
    """Letters in Portuguese and German."""
    return common.standard_letters(city.slug, "pt") + common.inbound_letters(city.slug, "pt")


@hookimpl
def cost_estimate(city, application):
    """Flight to Porto or Lisbon, onward by train or bus, host family."""
    return common.cost_items(application, COSTS)
