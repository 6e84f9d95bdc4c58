"""The record of processing activities (Art. 30 DSGVO), generated from the configuration and the plugins.

Purposes, data categories and measures describe what this application does; the recipients
list every installed partner city with its country's transfer status, and the deletion
periods come from ``RETENTION``, so the record changes when a city or a period changes.
"""

from dataclasses import dataclass

from flask import current_app
from flask_babel import lazy_gettext as _l

from intranet.cities.registry import registry
from intranet.hookspecs import PartnerCity
from intranet.privacy import retention

#: EEA states outside the EU: the GDPR applies there, no transfer rules needed
EEA_NON_EU = {"IS", "LI", "NO"}
#: countries with an adequacy decision of the EU Commission for public bodies (source S84 in
#: CITY-FACTS.md; the US decision covers certified companies only) – bitte prüfen, lists change
ADEQUACY = {"AD", "AR", "CA", "CH", "FO", "GB", "GG", "IL", "IM", "JE", "JP", "KR", "NZ", "UY"}
#: what else the data protection officer needs to know about transfers to a country
COUNTRY_NOTES = {
    "TR": _l(
        "Übermittlungen an die Partnerverwaltung und Gastfamilien brauchen geeignete Garantien "
        "(Art. 46 DSGVO, z. B. Standardvertragsklauseln) oder eine Ausnahme nach Art. 49 DSGVO "
        "(z. B. ausdrückliche Einwilligung nach Information über die Risiken). In der Gegenrichtung "
        "verlangt das türkische Datenschutzgesetz Nr. 6698 (geändert 2024) türkische "
        "Standardverträge, die binnen fünf Tagen der Behörde KVKK zu melden sind."
    ),
}


@dataclass(frozen=True)
class Activity:
    """One processing activity of the record."""

    name: str
    purpose: str
    legal_basis: str
    subjects: str
    data: str
    recipients: str
    rules: tuple[str, ...]  #: RETENTION keys that delete or anonymise its records
    deletion_note: str = ""


@dataclass(frozen=True)
class Recipient:
    """A partner city as recipient, with its country's transfer status."""

    city: PartnerCity
    status: str  #: "eu", "eea", "adequate" or "third"
    note: str

    @property
    def third_country_without_adequacy(self) -> bool:
        """True where transfers need appropriate safeguards or a derogation."""
        return self.status == "third"


STATUS_LABELS = {
    "eu": _l("EU – DSGVO gilt"),
    "eea": _l("EWR – DSGVO gilt"),
    "adequate": _l("Drittland mit Angemessenheitsbeschluss (Art. 45 DSGVO)"),
    "third": _l("Drittland ohne Angemessenheitsbeschluss"),
}


def recipient(city: PartnerCity) -> Recipient:
    """A partner city with the transfer status of its country."""
    if city.eu:
        status = "eu"
    elif city.country in EEA_NON_EU:
        status = "eea"
    else:
        status = "adequate" if city.country in ADEQUACY else "third"
    return Recipient(city, status, str(COUNTRY_NOTES.get(city.country, "")))


def recipients() -> list[Recipient]:
    """Every installed partner city as a recipient."""
    return [recipient(city) for city in registry()]


def periods(activity: Activity) -> list[tuple[str, str]]:
    """(what, period) for each retention rule of an activity, as configured now."""
    by_key = {rule.key: rule for rule in retention.RULES}
    return [
        (f"{retention.TARGETS[by_key[k].target]}: {by_key[k].description}", retention.period_text(by_key[k]))
        for k in activity.rules
    ]


def controller() -> dict:
    """Name of the controller and contact of the data protection officer from the configuration."""
    return {"name": current_app.config["PRIVACY_CONTROLLER"], "dpo": current_app.config["PRIVACY_DPO"]}


_PARTNERS = _l("die Stadtverwaltungs-Admins der Partnerstadt und die Partnerverwaltung (siehe Empfänger)")

ACTIVITIES = (
    Activity(
        _l("Bewerbung und Auswahl"),
        _l(
            "Bewerbung um ein Praktikum in einer Partnerstadt, Prüfung der Regeln, Entscheidung des "
            "Personalamts"
        ),
        _l("Art. 6 Abs. 1 lit. b und e DSGVO i. V. m. § 18 DSG NRW (Beschäftigtendaten) – bitte prüfen"),
        _l("Auszubildende und Anwärter/innen der Stadt"),
        _l(
            "Name, dienstliche E-Mail, Ausbildungsgang und -jahr, Geburtsdatum, Sprachkenntnisse, "
            "Motivation, "
            "Angaben der Partnerstadt (z. B. Ausweis), Unterlagen (z. B. Reisepass, Versicherungsnachweis, "
            "Einwilligung der Sorgeberechtigten), Rückfragen und Entscheidungen mit Begründung"
        ),
        _l("Personalamt; die Stadtverwaltungs-Admins der gewählten Partnerstadt"),
        ("rejected_applications_months", "withdrawn_applications_months", "abandoned_drafts_months"),
    ),
    Activity(
        _l("Vermittlung und Durchführung des Aufenthalts"),
        _l("Einsatz in der Partnerverwaltung, Gastfamilie, Briefe, Notfallkarte, Reise und Versicherung"),
        _l("Art. 6 Abs. 1 lit. b und e DSGVO i. V. m. § 18 DSG NRW – bitte prüfen"),
        _l("Auszubildende der Stadt; Mentorinnen und Mentoren der Partnerverwaltung"),
        _l("Vermittlung (Abteilung, Mentor/in, Gastfamilie, An- und Abreise), ausgestellte Briefe als PDF"),
        _PARTNERS,
        ("documents_after_stay_months", "completed_applications_years"),
        _l(
            "Danach bleiben nur Stadt, Zeitraum, Ausbildungsgang, -jahr, Status und Kosten für die Statistik."
        ),
    ),
    Activity(
        _l("Gastfamilien"),
        _l("Unterbringung der Auszubildenden bei Gastfamilien in den Partnerstädten und in Siegburg"),
        _l("Art. 6 Abs. 1 lit. a DSGVO (Einwilligung mit Datum und Umfang)"),
        _l("Mitglieder der Gastfamilien"),
        _l("Haushalt, Anschrift, Ansprechperson, E-Mail, Telefon, Sprachen, Zimmer, Hinweise, Einwilligung"),
        _l(
            "Personalamt und die Stadtverwaltungs-Admins der jeweiligen Stadt; die untergebrachten "
            "Auszubildenden"
        ),
        ("unused_host_families_years",),
        _l("Auf Antrag sofort (Löschen im Gastfamilienregister)."),
    ),
    Activity(
        _l("Gast-Auszubildende der Partnerstädte in Siegburg"),
        _l("Aufenthalt, Einsatzplan in den Fachbereichen, Tandems, Briefe und Kalender"),
        _l("Art. 6 Abs. 1 lit. b und e DSGVO – bitte prüfen"),
        _l("Auszubildende der Partnerverwaltungen"),
        _l(
            "Name, E-Mail, Geburtsdatum, Heimatverwaltung, Ausbildung, Sprachen, Reise, Gastfamilie, "
            "Einsatzwochen"
        ),
        _l("Personalamt, Fachbereiche der Stadt Siegburg, Stadtverwaltungs-Admins der Partnerstadt"),
        ("inbound_trainees_after_stay_months",),
    ),
    Activity(
        _l("Erfahrungsbericht, Teilnahmebescheinigung, Bericht an den Ausschuss, Kosten"),
        _l("Auswertung des Pilotprojekts, Nachweis der Teilnahme, Abrechnung gegen das Sachkonto"),
        _l("Art. 6 Abs. 1 lit. e DSGVO; Haushaltsrecht (GemHVO NRW) – bitte prüfen"),
        _l("Auszubildende der Stadt"),
        _l("Bewertungen und Freitexte des Berichts, Ist-Kosten je Kategorie, Europass-Angaben"),
        _l("Personalamt; der Ausschuss erhält nur zusammengefasste Zahlen ohne Namen"),
        ("completed_applications_years",),
        _l(
            "Freitexte werden mit der Bewerbung anonymisiert, Bewertungen und Kosten bleiben für die "
            "Statistik."
        ),
    ),
    Activity(
        _l("Benutzerkonten, Anmeldung, Protokoll und E-Mail"),
        _l("Zugang zur Anwendung, Nachvollziehbarkeit aller Änderungen, Benachrichtigungen"),
        _l("Art. 6 Abs. 1 lit. c und e DSGVO, Art. 5 Abs. 2 und Art. 32 DSGVO"),
        _l("Alle Benutzerinnen und Benutzer"),
        _l("Benutzername, Name, E-Mail, Rollen, Anmeldesitzungen, Kalender-Abos, Protokolleinträge, E-Mails"),
        _l("Systemverwaltung; der E-Mail-Server der Stadt"),
        ("login_sessions_days", "outbox_days", "feed_tokens_revoked_days"),
        _l(
            "Das Protokoll ist unveränderlich und bleibt; es enthält keine Dateinamen, Anschriften oder"
            " Namen von Gastfamilien."
        ),
    ),
)

#: technical and organisational measures (Art. 32 DSGVO) that this application itself provides
MEASURES = (
    _l(
        "Zugang nur nach Anmeldung (lokales Konto mit Argon2-Passwort, Single Sign-on oder LDAP); "
        "Sperre nach wiederholten Fehlversuchen."
    ),
    _l(
        "Sitzungen werden auf dem Server geführt, enden nach Leerlauf- und Höchstdauer, beim "
        "Abmelden und beim Deaktivieren."
    ),
    _l(
        "Rollen und Zuständigkeit für eine Partnerstadt werden bei jeder Anfrage auf dem Server "
        "geprüft; fremde Datensätze sind nicht auffindbar."
    ),
    _l(
        "Schutz vor CSRF, strikte Content-Security-Policy, Sicherheits-Header, keine "
        "Zwischenspeicherung von Seiten mit Personendaten."
    ),
    _l(
        "Unterlagen liegen außerhalb des Webverzeichnisses unter Zufallsnamen, werden nach Inhalt "
        "geprüft und nur nach Berechtigungsprüfung ausgeliefert."
    ),
    _l(
        "Jede Änderung schreibt einen unveränderlichen Protokolleintrag; das Anwendungsprotokoll "
        "enthält keine IP-Adressen."
    ),
    _l("Sicherung als Archiv mit Prüfsummen; die Wiederherstellung prüft jedes Element vor dem Einspielen."),
    _l(
        "Aufbewahrungsfristen werden täglich automatisch angewendet; Auskunft über alle Daten einer"
        " Person als Download."
    ),
)
