"""Selçuk (Türkiye), partner city of Siegburg since 1993 (some sources: 1994).

This plugin adds what is special about Selçuk, the only partner city outside the EU:
passport or ID card in the form and its validity check (at least six months after the
return), proof of private travel health insurance (the EHIC is not valid in Türkiye),
Turkish in the form and a language hint, a hint for the Efes festival in September, the
Belediye and the German consulate general as contacts, letters in Turkish and German, and
a cost estimate for flight plus train. Shared rules (duration, public holidays, 112,
Siegburg's partnership office) come from the core. Values marked "bitte prüfen" are
unconfirmed defaults for the city admin to check.
"""

from dataclasses import replace
from datetime import date

from wtforms import DateField, SelectField, StringField
from wtforms.validators import InputRequired, Length, Regexp

from intranet.cities.workdays import german_date, library_holidays
from intranet.hookspecs import DocumentRequirement, FieldSpec, Finding, PartnerCity, hookimpl

from .. import common

# ---------------------------------------------------------------- data (maintained by the city admin)

CITY = PartnerCity(
    slug="selcuk",
    name_de="Selçuk",
    name_local="Selçuk",
    country="TR",
    country_de="Türkei",
    region="İzmir ili (Selçuk ilçesi)",
    languages=("tr", "de"),
    eu=False,
    schengen=False,
    currency="TRY",
    timezone="Europe/Istanbul",
    partner_since="1993 laut Stadt Siegburg, 1994 laut General-Anzeiger – Quellen widersprechen sich",
    short_label="TR",
    unverified=(
        "Gründungsjahr der Partnerschaft (1993 oder 1994)",
        "Währungscode TRY",
        "Mindestgültigkeit von Pass/Ausweis: Quellen widersprechen sich, 6 Monate nach Rückkehr ist die "
        "sichere Regel",
        "Ob die Visumfreiheit (90 Tage) eine 2–3-wöchige Hospitation abdeckt (türkisches Konsulat fragen)",
        "Termine von Ramazan- und Kurban Bayramı ab 2027 (Diyanet-Bestätigung fehlt)",
        "Termine des Efes-Festivals außer 2022",
        "Deutsches Generalkonsulat Izmir als zuständige Auslandsvertretung",
        "Unfallversicherungsschutz der Auszubildenden in der Türkei – bei der Unfallkasse NRW erfragen",
    ),
    #: German names of the holidays the library names only in English
    holiday_names_de=(
        (
            "Commemoration of Atatürk, Youth and Sports Day",
            "Gedenktag für Atatürk, Tag der Jugend und des Sports",
        ),
        ("Democracy and National Unity Day", "Tag der Demokratie und der nationalen Einheit"),
        ("Eid al-Adha", "Opferfest"),
        ("Eid al-Fitr", "Fest des Fastenbrechens"),
        ("Labor and Solidarity Day", "Tag der Arbeit und der Solidarität"),
        ("National Sovereignty and Children's Day", "Tag der nationalen Souveränität und der Kinder"),
        ("Republic Day", "Tag der Republik"),
        ("Victory Day", "Tag des Sieges"),
    ),
    coordinates=(37.9508, 27.3686),  # town centre (WGS 84), for the Erasmus+ distance band
)

LANGUAGE = "Türkisch"

#: safe rule because the sources on minimum validity conflict – bitte prüfen
MIN_VALIDITY_MONTHS = 6

#: Ramazan and Kurban Bayramı after this year are estimates until Diyanet confirms them – bitte prüfen
BAYRAM_CONFIRMED_UNTIL = 2026
BAYRAMS = ("Ramazan Bayramı", "Kurban Bayramı")

ID_TYPES = [("passport", "Reisepass"), ("id_card", "Personalausweis")]

#: Efes festival: 6–8 Sept 2022 is sourced; other years use the window 1–10 Sept – bitte prüfen
EFES_FESTIVAL = common.LocalEvent(
    "dem Efes-Festival in Selçuk",
    {2022: (date(2022, 9, 6), date(2022, 9, 8))},
    window=((9, 1), (9, 10)),
)

ADMINISTRATION = common.placeholder_contact(
    "administration",
    "Selçuk Belediyesi (Belediye Başkanlığı)",
    "Ansprechperson für Städtepartnerschaften (kardeş şehir ilişkileri) – Name bitte eintragen",
    "Selçuk, İzmir, Türkiye (genaue Anschrift bitte ergänzen)",
    "+90",
    "Leitung der Verwaltung: Belediye Başkanı.",
)
MISSION = common.mission(
    "Deutsches Generalkonsulat Izmir",
    CITY.name_de,
    "+90",
    source="Chronik des Generalkonsulats Izmir",
)

#: rough defaults in euro – bitte prüfen; HR configures the real rates later
COSTS = common.CostRates(
    travel=(
        common.AIRPORT_FEEDER,
        ("Flug Köln/Bonn oder Düsseldorf – İzmir (ADB), hin und zurück", 320),
        ("Zug İzmir Flughafen – Selçuk (ca. 1 Stunde, hin und zurück)", 10),
    ),
    insurance=(
        "Private Auslandsreisekrankenversicherung",
        30,
        "Die EHIC gilt in der Türkei nicht.",
    ),
    host_family_per_night=15,
)

RULES = [
    "Reisepass oder Personalausweis müssen mindestens sechs Monate über die Rückkehr hinaus gültig "
    "sein (sichere Regel, bitte prüfen); ein vorläufiger Personalausweis wird nicht empfohlen.",
    "Die EHIC gilt in der Türkei nicht: eine private Auslandsreisekrankenversicherung ist nachzuweisen.",
    common.language_rule(LANGUAGE),
    "Anfang September feiert Selçuk das Efes-Festival, der 8. September ist Gedenktag der Stadt.",
    "Die Türkei liegt im Sommer eine, im Winter zwei Stunden vor der deutschen Zeit.",
]

# ---------------------------------------------------------------- hooks


@hookimpl
def partner_city():
    """Selçuk."""
    return CITY


@hookimpl
def rule_summaries(city):
    """Selçuk's own rules in plain German."""
    return RULES


@hookimpl
def public_holidays(city, start, end):
    """The library's Turkish holidays, religious ones after BAYRAM_CONFIRMED_UNTIL marked estimated."""
    return [estimated_bayram(holiday) for holiday in library_holidays(city, start, end)]


def estimated_bayram(holiday):
    """The holiday flagged ``estimated`` if it is a Bayram whose date Diyanet has not confirmed yet."""
    if holiday.day.year > BAYRAM_CONFIRMED_UNTIL and any(name in holiday.local_name for name in BAYRAMS):
        return replace(holiday, estimated=True)
    return holiday


@hookimpl
def application_fields(city):
    """Turkish and English level, type, number and expiry of the travel document."""
    return [
        common.language_level("turkish_level", LANGUAGE, "tr"),
        common.english_level(),
        FieldSpec(
            "id_document_type",
            SelectField(
                "Ausweisdokument für die Einreise",
                choices=common.options(ID_TYPES),
                validators=[InputRequired("Bitte wählen Sie Reisepass oder Personalausweis.")],
            ),
        ),
        FieldSpec(
            "id_document_number",
            StringField(
                "Nummer des Ausweisdokuments",
                validators=[
                    InputRequired("Bitte geben Sie die Nummer Ihres Reisepasses oder Personalausweises an."),
                    Length(max=20, message="Die Nummer ist zu lang (höchstens 20 Zeichen)."),
                    Regexp(r"^[A-Za-z0-9]+$", message="Bitte nur Buchstaben und Ziffern, ohne Leerzeichen."),
                ],
            ),
        ),
        FieldSpec(
            "id_document_expiry",
            DateField(
                "Ausweisdokument gültig bis",
                validators=[InputRequired("Bitte geben Sie an, bis wann das Dokument gültig ist.")],
                description="Mindestens sechs Monate nach dem Ende Ihres Aufenthalts.",
            ),
            help="Mindestens sechs Monate nach dem Ende Ihres Aufenthalts.",
        ),
    ]


@hookimpl
def required_documents(city, application):
    """Private health insurance, copy of the travel document, GKV certificate and language certificate."""
    return [
        DocumentRequirement(
            "private_health_insurance",
            "Nachweis einer privaten Auslandsreisekrankenversicherung",
            help="Die Europäische Krankenversicherungskarte (EHIC) gilt in der Türkei nicht. Bitte laden "
            "Sie die Police oder Versicherungsbestätigung hoch, die den ganzen Aufenthalt abdeckt.",
        ),
        DocumentRequirement(
            "id_document_copy",
            "Kopie von Reisepass oder Personalausweis",
            help="Seite mit Foto (beim Personalausweis Vorder- und Rückseite). Das Dokument muss mindestens "
            "sechs Monate nach Ihrer Rückkehr noch gültig sein; ein vorläufiger Personalausweis wird nicht "
            "empfohlen.",
        ),
        DocumentRequirement(
            "gkv_entitlement",
            "Anspruchsbescheinigung der gesetzlichen Krankenkasse",
            required=False,
            help="Für gesetzlich Versicherte: bei der Krankenkasse anfordern. Sie gilt nur für Notfälle "
            "und muss vor Ort bei der türkischen Sozialversicherung (SGK) angemeldet werden; sie ersetzt "
            "die private Reisekrankenversicherung nicht.",
        ),
        common.language_certificate(LANGUAGE),
    ]


@hookimpl
def check_application(city, application):
    """Document valid long enough, language hint below A2, Efes festival."""
    crowded = "Unterkünfte sind knapp, und Termine in der Verwaltung können sich verschieben."
    return [
        *document_validity(application),
        *common.language_warning(application, "turkish_level", LANGUAGE, city.name_de),
        *common.event_warning(application, EFES_FESTIVAL, crowded, "efes_festival"),
    ]


def document_validity(application):
    """Error when the travel document expires less than MIN_VALIDITY_MONTHS after the return."""
    end = application.end_date
    expiry = common.extra_date(application, "id_document_expiry")
    field = common.form_field("id_document_expiry")
    if not end:
        return []
    if expiry is None:
        message = "Bitte geben Sie im Feld „Ausweisdokument gültig bis“ das Ablaufdatum an."
        return [Finding("warning", message, field, "id_validity_missing")]
    needed = common.add_months(end, MIN_VALIDITY_MONTHS)
    if expiry >= needed:
        return []
    message = (
        f"Laut Feld „Ausweisdokument gültig bis“ läuft Ihr Dokument am {german_date(expiry)} ab. "
        f"Für Selçuk muss es mindestens {MIN_VALIDITY_MONTHS} Monate über Ihre Rückkehr hinaus gültig "
        f"sein, also bis zum {german_date(needed)} (sichere Regel, da die Angaben zur Mindestgültigkeit "
        "auseinandergehen). Bitte beantragen Sie rechtzeitig ein neues Dokument."
    )
    return [Finding("error", message, field, "id_validity")]


@hookimpl
def contacts(city):
    """The Belediye and the German consulate general (placeholders, bitte prüfen)."""
    return [ADMINISTRATION, MISSION]


@hookimpl
def letter_templates(city):
    """Letters in Turkish and German."""
    return common.standard_letters(city.slug, "tr") + common.inbound_letters(city.slug, "tr")


@hookimpl
def cost_estimate(city, application):
    """Flight to İzmir, train to Selçuk, private health insurance, host family."""
    return common.cost_items(application, COSTS)
