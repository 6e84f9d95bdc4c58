"""Core plugin: contacts every city shares – Siegburg's partnership office and the number 112."""

from intranet.hookspecs import Contact, hookimpl

CHECK = "bitte prüfen"

#: sender of every letter; e-mail and phone are placeholders until the office confirms them
SENDER = {
    "name": "Stadt Siegburg",
    "office": "Städtepartnerschaften",
    "address": "Nogenter Platz 10, 53721 Siegburg",
    "email": "staedtepartnerschaften@siegburg.de",
    "phone": "+49 2241 102-0",
}

PARTNERSHIP_OFFICE = Contact(
    "partnership_office",
    f"{SENDER['name']} – {SENDER['office']}",
    role="Ansprechpartner in Siegburg für Fragen zur Partnerstadt und zum Aufenthalt",
    address=SENDER["address"],
    email=SENDER["email"],
    phone=SENDER["phone"],
    note=f"E-Mail und Telefon sind Platzhalter – {CHECK}.",
    verified=False,
)

#: what the number 112 reaches, where it differs from the EU standard
EMERGENCY_NOTES = {
    "DE": "Rettungsdienst und Feuerwehr; Polizei: 110.",
    "TR": "Seit 2021 einheitliche Notrufnummer in allen Provinzen der Türkei für Rettungsdienst, "
    "Feuerwehr und Polizei; gebührenfrei.",
}
EU_NOTE = "Europaweit einheitliche Notrufnummer für Rettungsdienst, Feuerwehr und Polizei; gebührenfrei."


@hookimpl
def contacts(city):
    """Siegburg's partnership office and the emergency number 112."""
    emergency = Contact(
        "emergency",
        "Notruf 112",
        role="Notfall",
        phone="112",
        note=EMERGENCY_NOTES.get(city.country, EU_NOTE),
    )
    return [PARTNERSHIP_OFFICE, emergency]


@hookimpl
def rule_summaries(city):
    """Whom to ask, in plain German."""
    return [
        "Fragen zur Partnerstadt beantwortet das Team Städtepartnerschaften der Stadt Siegburg; "
        "im Notfall wählen Sie 112."
    ]
