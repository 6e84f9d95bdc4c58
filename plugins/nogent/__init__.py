"""Nogent-sur-Marne (France), partner city of Siegburg since 1964.

This plugin adds what is special about Nogent: French in the form and a language hint,
the Mairie and the German mission as contacts, letters in French and German, and a cost
estimate for the train journey to Paris. Shared rules (duration, public holidays, EHIC,
A1 certificate, 112, Siegburg's partnership office) come from the core.
Values marked "bitte prüfen" are unconfirmed defaults for the city admin to check.
"""

from intranet.hookspecs import PartnerCity, hookimpl

from .. import common

# ---------------------------------------------------------------- data (maintained by the city admin)

CITY = PartnerCity(
    slug="nogent",
    name_de="Nogent-sur-Marne",
    name_local="Nogent-sur-Marne",
    country="FR",
    country_de="Frankreich",
    region="Val-de-Marne (94), Île-de-France",
    languages=("fr", "de"),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Paris",
    partner_since="1964",
    short_label="FR",
    unverified=(
        "Kein stadteigener Feiertag in Nogent-sur-Marne gefunden",
        "Bahnverbindung Köln – Paris (Fahrzeit und Preis)",
        "Deutsche Botschaft Paris als zuständige Auslandsvertretung",
        "Einreise mit Personalausweis (EU-Freizügigkeit) nicht aus einer Primärquelle belegt",
    ),
    #: German names of the holidays the library names only in English
    holiday_names_de=(
        ("Armistice Day", "Waffenstillstand 1918"),
        ("National Day", "Nationalfeiertag"),
        ("Victory Day", "Tag des Sieges 1945"),
    ),
    coordinates=(48.837, 2.4833),  # town centre (WGS 84), for the Erasmus+ distance band
)

LANGUAGE = "Französisch"

ADMINISTRATION = common.placeholder_contact(
    "administration",
    "Mairie de Nogent-sur-Marne – Hôtel de Ville",
    "Ansprechperson für Städtepartnerschaften (relations internationales / jumelage) – Name bitte eintragen",
    "Place Roland Nungesser, 94130 Nogent-sur-Marne, France",
    "+33",
    "Leitung der Verwaltung: le Maire.",
)
#: address from the article on the embassy (de.wikipedia.org/wiki/Deutsche_Botschaft_Paris, read 2026-12)
MISSION = common.mission(
    "Deutsche Botschaft Paris",
    CITY.name_de,
    "+33",
    source="de.wikipedia.org/wiki/Deutsche_Botschaft_Paris",
    address="Rechts- und Konsularreferat: 28 Rue Marbeau, 75116 Paris "
    "(Kanzlei: 13/15 Avenue Franklin D. Roosevelt, 75008 Paris)",
)

#: rough defaults in euro – bitte prüfen; HR configures the real rates later
COSTS = common.CostRates(
    travel=(
        ("Bahn Siegburg/Bonn – Köln – Paris (ICE/TGV, hin und zurück)", 220),
        ("Nahverkehr Paris – Nogent-sur-Marne (RER A/E, Wochenkarten)", 70),
    ),
    insurance=common.EU_HEALTH,
    host_family_per_night=25,
)

RULES = [
    common.language_rule(LANGUAGE),
    "Pfingstmontag kann in Frankreich als „journée de solidarité“ ein Arbeitstag sein – "
    "bitte mit der Mairie klären.",
]

# ---------------------------------------------------------------- hooks


@hookimpl
def partner_city():
    """Nogent-sur-Marne."""
    return CITY


@hookimpl
def rule_summaries(city):
    """Nogent's own rules in plain German."""
    return RULES


@hookimpl
def application_fields(city):
    """French level and English as a working language (both optional in the form)."""
    return [common.language_level("french_level", LANGUAGE, "fr"), common.english_level()]


@hookimpl
def required_documents(city, application):
    """An optional French certificate; everything else comes from the core."""
    return [common.language_certificate(LANGUAGE)]


@hookimpl
def check_application(city, application):
    """A hint when the French level lies below A2."""
    return common.language_warning(application, "french_level", LANGUAGE, city.name_de)


@hookimpl
def contacts(city):
    """The Mairie and the German embassy (placeholders, bitte prüfen)."""
    return [ADMINISTRATION, MISSION]


@hookimpl
def letter_templates(city):
    """Letters in French and German."""
    return common.standard_letters(city.slug, "fr") + common.inbound_letters(city.slug, "fr")


@hookimpl
def cost_estimate(city, application):
    """Train to Paris, RER to Nogent, host family."""
    return common.cost_items(application, COSTS)
