"""Werder (Havel), Brandenburg: ties since 1990, formal partnership signed October 2025.

The only partner city in Germany: no extra fields, documents or language rules. This
plugin adds Brandenburg's public holidays (``holiday_subdiv`` "BB"), a hint for the
Baumblütenfest, the Stadtverwaltung as contact, all four letters in German, and a cost
estimate for the train journey. Shared rules (duration, public holidays, 112, Siegburg's
partnership office) come from the core. Values marked "bitte prüfen" are unconfirmed defaults.
"""

from intranet.hookspecs import PartnerCity, hookimpl

from .. import common

# ---------------------------------------------------------------- data (maintained by the city admin)

CITY = PartnerCity(
    slug="werder",
    name_de="Werder (Havel)",
    name_local="Werder (Havel)",
    country="DE",
    country_de="Deutschland",
    region="Landkreis Potsdam-Mittelmark, Brandenburg",
    languages=("de",),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Berlin",
    partner_since="2025 (Partnerschaftsvertrag im Oktober 2025), Verbindungen seit 1990",
    short_label="BB",
    holiday_subdiv="BB",  # Brandenburg: Reformationstag, no Fronleichnam or Allerheiligen
    unverified=("Genaue Termine des Baumblütenfests",),
    coordinates=(52.3786, 12.9347),  # town centre (WGS 84), for the Erasmus+ distance band
)

#: Baumblütenfest, late April / early May; the window is a default – bitte prüfen each year
BLOSSOM_FESTIVAL = common.LocalEvent("dem Baumblütenfest", {}, window=((4, 24), (5, 3)))

ADMINISTRATION = common.placeholder_contact(
    "administration",
    "Stadtverwaltung Werder (Havel)",
    "Ansprechperson für die Städtepartnerschaft – Name bitte eintragen",
    "Eisenbahnstraße 13–14, 14542 Werder (Havel)",
    "+49",
    "Leitung der Verwaltung: Bürgermeisterin.",
)

#: rough defaults in euro – bitte prüfen; HR configures the real rates later
COSTS = common.CostRates(
    travel=(
        ("Bahn Siegburg/Bonn – Berlin (ICE, hin und zurück)", 180),
        ("Regionalbahn Berlin – Werder (Havel), VBB-Tarif (hin und zurück)", 15),
    ),
    host_family_per_night=20,
)

RULES = [
    "Brandenburg feiert den Reformationstag (31. Oktober), aber nicht Fronleichnam und Allerheiligen.",
    "Ende April/Anfang Mai ist Baumblütenfest: Werder ist dann sehr voll (Termine bitte prüfen).",
]

# ---------------------------------------------------------------- hooks


@hookimpl
def partner_city():
    """Werder (Havel)."""
    return CITY


@hookimpl
def rule_summaries(city):
    """Werder's own rules in plain German."""
    return RULES


@hookimpl
def check_application(city, application):
    """A hint when the stay overlaps the Baumblütenfest."""
    crowded = "Die Stadt ist dann sehr voll; Anreise und Unterkunft bitte früh planen."
    return common.event_warning(application, BLOSSOM_FESTIVAL, crowded, "blossom_festival")


@hookimpl
def contacts(city):
    """The Stadtverwaltung (placeholders, bitte prüfen); no mission inside Germany."""
    return [ADMINISTRATION]


@hookimpl
def letter_templates(city):
    """All letters in German: the four for stays in Werder, the three for its trainees in Siegburg."""
    return common.standard_letters(city.slug, "de") + common.inbound_letters(city.slug, "de")


@hookimpl
def cost_estimate(city, application):
    """ICE to Berlin, regional train to Werder, host family."""
    return common.cost_items(application, COSTS)
