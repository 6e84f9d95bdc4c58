"""Orestiada (Greece), partner city of Siegburg since 1994 (some sources: 1995).

This plugin adds what is special about Orestiada: Greek in the form and a language hint,
a hint on the 1 May 2027 holiday (it falls on Orthodox Holy Saturday), the Δήμος and the
German consulate general as contacts, letters in Greek and German, and a cost estimate
for flight plus bus or train. Shared rules (duration, public holidays including Orthodox
Easter, EHIC, A1 certificate, 112, Siegburg's partnership office) come from the core.
Values marked "bitte prüfen" are unconfirmed defaults for the city admin to check.
"""

from datetime import date

from intranet.cities.workdays import library_holidays
from intranet.hookspecs import PartnerCity, hookimpl

from .. import common

# ---------------------------------------------------------------- data (maintained by the city admin)

CITY = PartnerCity(
    slug="orestiada",
    name_de="Orestiada",
    name_local="Ορεστιάδα",
    country="GR",
    country_de="Griechenland",
    region="Π.Ε. Έβρου, Περιφέρεια Ανατολικής Μακεδονίας και Θράκης",
    languages=("el", "de"),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Athens",
    partner_since="1994 laut Stadt und Partnerschaftsverein, 1995 laut General-Anzeiger – "
    "Quellen widersprechen sich",
    short_label="GR",
    unverified=(
        "Gründungsjahr der Partnerschaft (1994 oder 1995)",
        "Lokaler Feiertag der Stadt Orestiada",
        "Verlegung des Maifeiertags 2027 (1. Mai = Karsamstag)",
        "Anreise über Thessaloniki oder Alexandroupoli mit Bus oder Bahn",
        "Deutsches Generalkonsulat Thessaloniki als zuständige Auslandsvertretung",
        "Einreise mit Personalausweis (EU-Freizügigkeit) nicht aus einer Primärquelle belegt",
    ),
    #: German names of the holidays the library names only in English
    holiday_names_de=(
        ("Independence Day", "Unabhängigkeitstag"),
        ("Ohi Day", "Ochi-Tag"),
        ("Green Monday", "Reiner Montag"),
        ("Dormition of the Mother of God", "Mariä Entschlafung"),
        ("Glorifying Mother of God", "Synaxis der Gottesmutter"),
    ),
    coordinates=(41.5033, 26.5314),  # town centre (WGS 84), for the Erasmus+ distance band
)

LANGUAGE = "Griechisch"

#: 1 May 2027 is Holy Saturday; the ``holidays`` library moves the day off to 4 May – bitte prüfen
MAY_DAY_2027 = common.LocalEvent("dem Maifeiertag 2027", {2027: (date(2027, 5, 1), date(2027, 5, 4))})

#: the library moves May Day 2027 (Holy Saturday) to Tuesday 4 May; no official source confirms it yet
UNCONFIRMED_HOLIDAYS = {
    date(2027, 5, 4): "die Verlegung des Maifeiertags 2027 (der 1. Mai ist Karsamstag) ist nicht bestätigt",
}

ADMINISTRATION = common.placeholder_contact(
    "administration",
    "Δήμος Ορεστιάδας (Stadtverwaltung Orestiada)",
    "Ansprechperson für Städtepartnerschaften (αδελφοποιήσεις) – Name bitte eintragen",
    "Νέα Ορεστιάδα, Π.Ε. Έβρου, Ελλάδα (genaue Anschrift bitte ergänzen)",
    "+30",
    "Leitung der Verwaltung: Δήμαρχος (Bürgermeister/in).",
)
MISSION = common.mission(
    "Deutsches Generalkonsulat Thessaloniki",
    CITY.name_de,
    "+30",
    source="griechenland.diplo.de",
)

#: rough defaults in euro – bitte prüfen; HR configures the real rates later
COSTS = common.CostRates(
    travel=(
        common.AIRPORT_FEEDER,
        ("Flug Köln/Bonn oder Düsseldorf – Thessaloniki (SKG) oder Alexandroupoli (AXD), hin/zurück", 300),
        ("Bus oder Bahn Thessaloniki/Alexandroupoli – Orestiada (hin und zurück)", 70),
    ),
    insurance=common.EU_HEALTH,
    host_family_per_night=18,
)

RULES = [
    common.language_rule(LANGUAGE),
    "Ostern wird nach dem orthodoxen Kalender gefeiert; Karfreitag und Ostermontag sind Feiertage.",
    "Der 1. Mai 2027 fällt auf Karsamstag; ob der Feiertag verlegt wird, bitte prüfen.",
    "Griechenland liegt eine Stunde vor der deutschen Zeit.",
]

# ---------------------------------------------------------------- hooks


@hookimpl
def partner_city():
    """Orestiada."""
    return CITY


@hookimpl
def public_holidays(city, start, end):
    """The library's Greek holidays; a moved day that no source confirms counts only as possible."""
    return common.mark_uncertain(library_holidays(city, start, end), UNCONFIRMED_HOLIDAYS)


@hookimpl
def rule_summaries(city):
    """Orestiada's own rules in plain German."""
    return RULES


@hookimpl
def application_fields(city):
    """Greek level and English as a working language (both optional in the form)."""
    return [common.language_level("greek_level", LANGUAGE, "el"), common.english_level()]


@hookimpl
def required_documents(city, application):
    """An optional Greek certificate; everything else comes from the core."""
    return [common.language_certificate(LANGUAGE)]


@hookimpl
def check_application(city, application):
    """Language hint below A2 and the moved May Day 2027."""
    moved = (
        "Ob und auf welchen Tag der Feiertag verlegt wird, ist nicht bestätigt – "
        "bitte mit der Stadtverwaltung Orestiada klären."
    )
    return [
        *common.language_warning(application, "greek_level", LANGUAGE, city.name_de),
        *common.event_warning(application, MAY_DAY_2027, moved, "may_day_2027"),
    ]


@hookimpl
def contacts(city):
    """The Δήμος and the German consulate general (placeholders, bitte prüfen)."""
    return [ADMINISTRATION, MISSION]


@hookimpl
def letter_templates(city):
    """Letters in Greek and German."""
    return common.standard_letters(city.slug, "el") + common.inbound_letters(city.slug, "el")


@hookimpl
def cost_estimate(city, application):
    """Flight to Thessaloniki or Alexandroupoli, bus or train to Orestiada, host family."""
    return common.cost_items(application, COSTS)
