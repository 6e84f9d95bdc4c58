"""The Europass Mobility data pack of a completed stay abroad.

Only the sending organisation can apply for a Europass Mobility document (at the National
Europass Centre, europass-info.de); it is open to stays in the EU and in Türkiye, so a
domestic stay in Werder has none. This module gathers what the application form asks for:
holder, sending and host organisation, the stay, the skills acquired and the mentor.
"""

from dataclasses import dataclass

from babel import Locale
from flask_babel import lazy_gettext as _l

from intranet.cities.defaults.contacts import SENDER
from intranet.cities.registry import registry
from intranet.hookspecs import PartnerCity
from intranet.letters.rendering import partner_office
from intranet.models import Application, ExperienceReport, PartnerProposal, Placement
from intranet.people.forms import TRACKS

SECTIONS = {
    "holder": _l("1. Inhaberin oder Inhaber"),
    "sending": _l("2. Entsendende Einrichtung"),
    "host": _l("3. Aufnehmende Einrichtung"),
    "mobility": _l("4. Der Mobilitätsaufenthalt"),
    "skills": _l("5. Erworbene Fähigkeiten und Kenntnisse"),
}

#: candidate country outside the EU that takes part in Europass
EUROPASS_COUNTRIES_OUTSIDE_EU = ("TR",)

OBJECTIVE = (
    "Hospitation in der Stadtverwaltung der Partnerstadt im Rahmen der Städtepartnerschaft: Einblick in "
    "Verwaltungsstrukturen und Arbeitsweisen, interkulturelle Kompetenz, persönliche Kontakte."
)
INITIATIVE = "Verwaltungspraktikum in den Partnerstädten der Stadt Siegburg (kommunales Austauschprogramm)"


@dataclass(frozen=True)
class Item:
    """One field of the Europass Mobility form with the value the application supplies."""

    section: str
    key: str
    label: str  #: German, translated in the UI
    value: str  #: German content for the German form
    hint: str = ""


def eligible(city: PartnerCity | None) -> bool:
    """True for partner cities abroad in a Europass country (EU or Türkiye)."""
    if city is None or city.country == "DE":
        return False
    return city.eu or city.country in EUROPASS_COUNTRIES_OUTSIDE_EU


def available(application: Application) -> bool:
    """A completed stay in an eligible city."""
    return application.status == "completed" and eligible(registry().get(application.city))


def items(application: Application) -> list[Item]:
    """All fields of the data pack, in the order of the Europass form."""
    city = registry().get(application.city)
    placement = Placement.get_or_none(Placement.application == application.id)
    report = ExperienceReport.get_or_none(ExperienceReport.application == application.id)
    texts = report.texts if report and report.status == "accepted" else {}
    return [
        *holder(application),
        *sending(),
        *host(city, placement),
        *mobility(application, city),
        *skills(city, placement, texts, PartnerProposal.accepted_assessment(application.id)),
    ]


def holder(application: Application) -> list[Item]:
    """The trainee as far as the intranet knows them."""
    trainee = application.applicant
    born = trainee.date_of_birth
    return [
        Item(
            "holder", "name", _l("Name"), trainee.display_name, _l("Vor- und Nachnamen getrennt eintragen.")
        ),
        Item(
            "holder",
            "date_of_birth",
            _l("Geburtsdatum"),
            f"{born:%d.%m.%Y}" if born else "",
            _l("Falls leer: erfragen."),
        ),
        Item(
            "holder",
            "nationality",
            _l("Staatsangehörigkeit"),
            "",
            _l("Wird im Intranet nicht gespeichert: erfragen."),
        ),
    ]


def sending() -> list[Item]:
    """Stadt Siegburg as the sending organisation."""
    return [
        Item("sending", "name", _l("Name"), SENDER["name"]),
        Item("sending", "type", _l("Art der Einrichtung"), "Kommunalverwaltung (Ausbildungsbehörde)"),
        Item("sending", "address", _l("Anschrift"), f"{SENDER['address']}, Deutschland"),
        Item(
            "sending",
            "contact",
            _l("Ansprechperson"),
            SENDER["office"],
            _l("Namen der zuständigen Person eintragen."),
        ),
        Item("sending", "email", _l("E-Mail"), SENDER["email"]),
        Item("sending", "phone", _l("Telefon"), SENDER["phone"]),
    ]


def host(city: PartnerCity, placement: Placement | None) -> list[Item]:
    """The partner administration, its contact entry and the mentor."""
    contacts = registry().call(city.slug, "contacts")
    office = next((c for c in contacts if c.kind == "administration"), None)
    unverified = (
        _l("Eintrag der Partnerstadt ist nicht bestätigt – bitte prüfen.")
        if office and not office.verified
        else ""
    )
    return [
        Item("host", "name", _l("Name"), partner_office(city, contacts)),
        Item("host", "type", _l("Art der Einrichtung"), "Kommunalverwaltung"),
        Item("host", "address", _l("Anschrift"), office.address if office else "", unverified),
        Item("host", "email", _l("E-Mail"), office.email if office else "", unverified),
        Item("host", "phone", _l("Telefon"), office.phone if office else "", unverified),
        Item("host", "department", _l("Abteilung"), placement.department if placement else ""),
        Item(
            "host",
            "mentor",
            _l("Mentorin oder Mentor"),
            placement.mentor if placement else "",
            _l("Unterschreibt Abschnitt 5."),
        ),
    ]


def mobility(application: Application, city: PartnerCity) -> list[Item]:
    """Dates, place, objective and the training it belongs to."""
    track = TRACKS.get(application.training_track or application.applicant.training_track)
    return [
        Item("mobility", "from", _l("Beginn"), f"{application.start_date:%d.%m.%Y}"),
        Item("mobility", "to", _l("Ende"), f"{application.end_date:%d.%m.%Y}"),
        Item("mobility", "days", _l("Dauer in Tagen"), str(application.days)),
        Item("mobility", "place", _l("Ort und Land"), f"{city.name_local}, {city.country_de}"),
        Item("mobility", "objective", _l("Ziel des Aufenthalts"), OBJECTIVE),
        Item("mobility", "initiative", _l("Initiative oder Programm"), INITIATIVE),
        Item(
            "mobility",
            "qualification",
            _l("Ausbildung, zu der der Aufenthalt gehört"),
            str(track) if track else "",
        ),
    ]


def skills(city: PartnerCity, placement: Placement | None, texts: dict, mentor: dict) -> list[Item]:
    """Tasks and skills: the mentor's assessment where the host sent one, else the placement and the
    accepted experience report."""
    names = Locale("de").languages
    tasks = f"Mitarbeit in der Abteilung {placement.department}" if placement else ""
    edit = _l("Aus dem Erfahrungsbericht übernommen – mit der Mentorin oder dem Mentor abstimmen.")
    by_mentor = _l("Von der Mentorin oder dem Mentor der aufnehmenden Einrichtung (Partnerlink).")
    job = (mentor["skills"], by_mentor) if mentor.get("skills") else (texts.get("administration", ""), edit)
    items = [
        Item(
            "skills",
            "tasks",
            _l("Tätigkeiten und Aufgaben"),
            mentor.get("tasks") or tasks,
            by_mentor if mentor.get("tasks") else _l("Mit der aufnehmenden Einrichtung ergänzen."),
        ),
        Item("skills", "job", _l("Berufsbezogene Fähigkeiten"), *job),
        Item(
            "skills",
            "languages",
            _l("Verwendete Sprachen"),
            ", ".join(names.get(c, c) for c in city.languages),
        ),
        Item(
            "skills",
            "communication",
            _l("Kommunikative und interkulturelle Fähigkeiten"),
            texts.get("intercultural", ""),
            edit,
        ),
    ]
    if mentor.get("assessment"):
        items.append(Item("skills", "assessment", _l("Bewertung"), mentor["assessment"], by_mentor))
    return items


def as_json(application: Application) -> dict:
    """The data pack as one JSON object: sections of key → value, plus the hints."""
    fields = items(application)
    result = {"document": "Europass Mobilität", "application": application.id}
    for item in fields:
        result.setdefault(item.section, {})[item.key] = item.value
    result["hints"] = {f"{i.section}.{i.key}": str(i.hint) for i in fields if i.hint}
    return result


def rows(application: Application) -> list[list[str]]:
    """The data pack as table rows: section, field, value, hint."""
    return [[str(SECTIONS[i.section]), str(i.label), i.value, str(i.hint)] for i in items(application)]
