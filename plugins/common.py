"""Helpers the partner-city plugins share, so that each city's package stays data plus small hooks.

Nothing here knows a particular city: the plugins pass their own data in. A city admin
normally edits only the constants at the top of the city's ``__init__.py``.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime

from babel import Locale
from dateutil.relativedelta import relativedelta
from flask_babel import lazy_gettext as _l
from wtforms import SelectField
from wtforms.validators import Optional

try:
    from wtforms import SelectChoice
except ImportError:  # WTForms < 3.3 takes (value, label) tuples, which 3.3 deprecates
    SelectChoice = None

from intranet.cities.workdays import german_date
from intranet.hookspecs import Contact, CostItem, DocumentRequirement, FieldSpec, Finding, LetterTemplate
from intranet.models import CEFR_LEVELS
from intranet.outbound.forms import EXTRA_PREFIX
from intranet.platform.money import euro

CHECK = "bitte prüfen"
ROUGH = "Richtwert, bitte prüfen"

# ---------------------------------------------------------------- language levels

#: stored value → German label; order = rising level
LEVELS = {"none": "keine Kenntnisse"} | dict(
    zip(
        CEFR_LEVELS,
        (
            "A1 – Anfänger",
            "A2 – Grundkenntnisse",
            "B1 – Fortgeschrittene Kenntnisse",
            "B2 – Selbständige Sprachverwendung",
            "C1 – Fachkundige Kenntnisse",
            "C2 – Annähernd muttersprachlich",
        ),
        strict=True,
    )
)
RANK = {level: rank for rank, level in enumerate(LEVELS)}


def options(pairs) -> list:
    """Choices for a SelectField from (value, German label) pairs, "– bitte wählen –" first."""
    pairs = [("", _l("– bitte wählen –")), *pairs]
    return pairs if SelectChoice is None else [SelectChoice(value, label) for value, label in pairs]


def form_field(name: str) -> str:
    """The form field (and HTML id) of a city's extra field, for ``Finding.field``."""
    return EXTRA_PREFIX + name


def level_label(language_de: str) -> str:
    """German field label, e.g. "Französischkenntnisse"."""
    return f"{language_de}kenntnisse"


def language_level(name: str, language_de: str, code: str, *, help: str = "") -> FieldSpec:
    """A select field "keine Kenntnisse" / A1 … C2 (GER) for one language.

    Optional in the form, so that a draft can always be saved; ``language_warning`` asks
    for the local language's level when it is missing.
    """
    label = level_label(language_de)
    help = help or "Selbsteinschätzung nach dem Gemeinsamen Europäischen Referenzrahmen (GER)."
    field = SelectField(label, choices=options(LEVELS.items()), validators=[Optional()], description=help)
    return FieldSpec(name, field, help=help, tags=["language"], language=code)


def english_level() -> FieldSpec:
    """English level, the working language when the local one is not enough."""
    help = "Arbeitssprache, falls die Landessprache nicht ausreicht (GER-Selbsteinschätzung)."
    return language_level("english_level", "Englisch", "en", help=help)


def language_warning(application, name: str, language_de: str, city_name: str, minimum: str = "A2") -> list:
    """A warning (never an error) when the level in ``name`` is missing or lies below ``minimum``."""
    level = (application.extra or {}).get(name)
    label = level_label(language_de)
    if level not in RANK:
        message = (
            f"Bitte wählen Sie im Feld „{label}“ Ihr Niveau (auch „keine Kenntnisse“ ist möglich). "
            f"Die Verwaltung in {city_name} arbeitet auf {language_de}."
        )
        return [Finding("warning", message, form_field(name), "language_level_missing")]
    if RANK[level] >= RANK[minimum]:
        return []
    message = (
        f"Im Feld „{label}“ haben Sie „{LEVELS[level]}“ angegeben. Die Verwaltung in {city_name} "
        f"arbeitet auf {language_de}; empfohlen ist mindestens {minimum}. Bitte planen Sie einen "
        "Sprachkurs vor dem Aufenthalt ein oder klären Sie, wer vor Ort übersetzt."
    )
    return [Finding("warning", message, form_field(name), "language_level")]


def language_rule(language_de: str, minimum: str = "A2") -> str:
    """The language rule in one German sentence, for the city page."""
    return (
        f"Die Partnerverwaltung arbeitet auf {language_de}. Kenntnisse unter {minimum} sind kein "
        "Ausschlussgrund, lösen aber einen Hinweis aus."
    )


def language_certificate(language_de: str) -> DocumentRequirement:
    """An optional language certificate for the local language."""
    return DocumentRequirement(
        "language_certificate",
        f"Sprachnachweis {language_de}",
        required=False,
        help="Freiwillig: Zertifikat, Kursbescheinigung oder Zeugnis, falls vorhanden. Hilft der "
        "Partnerverwaltung, eine passende Abteilung auszuwählen.",
    )


# ---------------------------------------------------------------- dates


def extra_date(application, name: str) -> date | None:
    """A date from ``application.extra``: a ``date`` from the form or an ISO string from the database."""
    value = (application.extra or {}).get(name)
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def add_months(day: date, months: int) -> date:
    """``day`` plus whole months; the 31st becomes the last day of a shorter month."""
    return day + relativedelta(months=months)


@dataclass(frozen=True)
class LocalEvent:
    """A yearly local event: known dates per year, optionally a broad window for the other years."""

    name: str  #: German name with article, e.g. "dem Keramikfest (Święto Ceramiki)"
    known: dict  #: year → (first day, last day)
    window: tuple | None = None  #: ((month, day), (month, day)) for years not in ``known``

    def dates(self, year: int) -> tuple[date, date, bool] | None:
        """First and last day in ``year``, and whether they are known rather than the window."""
        if year in self.known:
            return (*self.known[year], True)
        if self.window is None:
            return None
        (m1, d1), (m2, d2) = self.window
        return date(year, m1, d1), date(year, m2, d2), False


def mark_uncertain(found: list, reasons: dict) -> list:
    """The holidays with those on a day of ``reasons`` marked uncertain: possibly off, with why."""
    return [replace(h, uncertain=reasons[h.day]) if h.day in reasons else h for h in found]


def event_warning(application, event: LocalEvent, consequence: str, code: str) -> list:
    """A warning for each year in which the stay overlaps ``event``; ``consequence`` says what it means."""
    start, end = application.start_date, application.end_date
    if not start or not end:
        return []
    findings = []
    for year in range(start.year, end.year + 1):
        dates = event.dates(year)
        if dates is None:
            continue
        first, last, confirmed = dates
        if first <= end and start <= last:
            when = german_date(first) if first == last else f"{german_date(first)}–{german_date(last)}"
            when += "" if confirmed else f", voraussichtlich – {CHECK}"
            message = f"Ihr Aufenthalt überschneidet sich mit {event.name} ({when}). {consequence}"
            findings.append(Finding("warning", message, "start_date", code))
    return findings


# ---------------------------------------------------------------- contacts

PLACEHOLDER_EMAIL = "bitte-eintragen@example.invalid"


def placeholder_contact(kind: str, name: str, role: str, address: str, dial_code: str, note: str) -> Contact:
    """A contact whose e-mail and phone still have to be filled in: always flagged "bitte prüfen"."""
    return Contact(
        kind,
        name,
        role=role,
        address=address,
        email=PLACEHOLDER_EMAIL,
        phone=f"{dial_code} … ({CHECK}: Nummer eintragen)",
        note=f"{note} E-Mail und Telefon sind Platzhalter – {CHECK}.".strip(),
        verified=False,
    )


def mission(name: str, city_name: str, dial_code: str, source: str = "", address: str = "") -> Contact:
    """The German mission presumed responsible; its consular district is never confirmed here."""
    if source:
        fact = "Diese Vertretung und ihre Anschrift sind" if address else "Dass es diese Vertretung gibt, ist"
        what = f"{fact} belegt ({source}). Zuständigkeit für {city_name}"
    else:
        what = f"Vertretung und Zuständigkeit für {city_name}"
    missing = "Notfallnummer" if address else "Anschrift und Notfallnummer"
    note = f"{what}: {CHECK} auf auswaertiges-amt.de; dort auch {missing} nachtragen."
    role = "Deutsche Auslandsvertretung (Konsularabteilung)"
    return placeholder_contact("mission", name, role, address, dial_code, note)


# ---------------------------------------------------------------- costs


@dataclass(frozen=True)
class CostRates:
    """A city's rough cost defaults in euro; HR will configure the real rates later."""

    travel: tuple  #: (German label, euro) per leg, round trip
    host_family_per_night: float  #: subsidy for the host family, per night
    insurance: tuple | None = None  #: (German label, euro, note) or None for a domestic stay


#: a leg most foreign trips share
AIRPORT_FEEDER = ("Bahn Siegburg/Bonn – Flughafen Köln/Bonn oder Düsseldorf (hin und zurück)", 30)
#: health cover inside the EU; the EHIC document itself is a core requirement
EU_HEALTH = (
    "Krankenversicherungsschutz über die EHIC (keine Zusatzkosten)",
    0,
    "Anwärterinnen und Anwärter mit Beihilfe und privater Krankenversicherung klären den "
    "Auslandsschutz vorab; ggf. fällt eine Reisekrankenversicherung an.",
)


def cost_items(application, rates: CostRates) -> list[CostItem]:
    """Travel legs, insurance and the host-family subsidy (nights = days − 1), each a rough default."""
    items = [CostItem("travel", label, float(amount), ROUGH) for label, amount in rates.travel]
    if rates.insurance:
        label, amount, note = rates.insurance
        items.append(CostItem("insurance", label, float(amount), f"{ROUGH}. {note}".strip()))
    nights = max(application.days - 1, 0) if application.start_date and application.end_date else 0
    rate = rates.host_family_per_night
    items.append(
        CostItem(
            "host_family",
            f"Zuschuss Gastfamilie: {nights} Nächte × {euro(rate)}",
            round(nights * float(rate), 2),
            f"{ROUGH}: Satz pro Nacht ist ein Vorschlag, den das Personalamt festlegt.",
        )
    )
    return items


# ---------------------------------------------------------------- letters

LETTER_TITLES = {
    "introduction": "Vorstellungsschreiben an die Partnerverwaltung",
    "host_confirmation": "Bestätigung für die Gastfamilie",
    "certificate": "Teilnahmebescheinigung",
    "emergency_card": "Notfallkarte",
}
GERMAN = Locale("de")


def language_name(code: str) -> str:
    """A language's German name from the CLDR data, e.g. "Griechisch" for ``el`` (any code works)."""
    return GERMAN.languages.get(code, code)


def standard_letters(slug: str, language: str) -> list[LetterTemplate]:
    """The four letter kinds of a city.

    Introduction and host-family confirmation exist in the partner's language
    (``<slug>/<kind>_<lang>.html``) and in German (the core's ``letters/<kind>_de.html``,
    the same for every city); certificate and emergency card are one bilingual template
    each in the plugin, declared with the partner's language.
    """
    letters = []
    for kind in ("introduction", "host_confirmation"):
        if language != "de":
            title = f"{LETTER_TITLES[kind]} ({language_name(language)})"
            letters.append(LetterTemplate(kind, language, f"{slug}/{kind}_{language}.html", title))
        title = f"{LETTER_TITLES[kind]} ({language_name('de')})"
        letters.append(LetterTemplate(kind, "de", f"letters/{kind}_de.html", title))
    for kind in ("certificate", "emergency_card"):
        names = " / ".join(language_name(lang) for lang in dict.fromkeys((language, "de")))
        title = f"{LETTER_TITLES[kind]} ({names})"
        letters.append(LetterTemplate(kind, language, f"{slug}/{kind}_{language}.html", title))
    return letters


#: the letters for a partner trainee staying in Siegburg (``audience="inbound"``)
INBOUND_TITLES = {
    "welcome": "Einladung und Willkommen in Siegburg",
    "programme": "Programm des Aufenthalts in Siegburg",
    "certificate": "Teilnahmebescheinigung der Stadt Siegburg",
}


def inbound_letters(slug: str, language: str) -> list[LetterTemplate]:
    """The three letters for the city's trainees in Siegburg, in ``language`` and in German.

    The German ones are the core's ``letters/inbound_<kind>_de.html``; the others live in the
    plugin as ``<slug>/inbound_<kind>_<lang>.html``. Their texts are the project's own
    translations, not yet read by a native speaker – bitte prüfen.
    """
    letters = []
    for kind, title in INBOUND_TITLES.items():
        for lang in dict.fromkeys((language, "de")):
            name = f"letters/inbound_{kind}_de.html" if lang == "de" else f"{slug}/inbound_{kind}_{lang}.html"
            label = f"{title} ({language_name(lang)})"
            letters.append(LetterTemplate(kind, lang, name, label, audience="inbound"))
    return letters
