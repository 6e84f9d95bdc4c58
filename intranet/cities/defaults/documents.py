"""Core plugin: the documents every application needs, plus EHIC and A1 for EU countries abroad."""

from intranet.hookspecs import DocumentRequirement, hookimpl

COMMON = [
    DocumentRequirement("cv", "Lebenslauf", help="Tabellarischer Lebenslauf, höchstens zwei Seiten."),
    DocumentRequirement(
        "motivation_letter",
        "Motivationsschreiben",
        help="Warum diese Partnerstadt, was möchten Sie lernen? Eine Seite genügt.",
    ),
    DocumentRequirement(
        "release",
        "Freistellung durch die Ausbildungsleitung",
        help="Unterschriebene Zustimmung der Ausbildungsleitung zur Freistellung.",
    ),
]
EU_ABROAD = [
    DocumentRequirement(
        "ehic",
        "Kopie der Europäischen Krankenversicherungskarte (EHIC)",
        help="Die EHIC steht meist auf der Rückseite Ihrer Gesundheitskarte: bitte Vorder- und "
        "Rückseite kopieren. Privat Versicherte (z. B. mit Beihilfe) laden stattdessen den Nachweis "
        "ihres Krankenversicherungsschutzes im Ausland hoch.",
    ),
    DocumentRequirement(
        "a1_certificate",
        "A1-Bescheinigung",
        formats=("pdf",),
        help="Nachweis, dass Sie während des Aufenthalts in Deutschland sozialversichert bleiben. "
        "Sie beantragen sie nicht selbst: Das Personalamt beantragt sie als Arbeitgeber nach der "
        "Genehmigung für Sie und schickt sie Ihnen vor der Abreise. Laden Sie sie dann hier hoch "
        "und führen Sie sie während des Aufenthalts mit.",
        due="departure",
    ),
]


def eu_abroad(city) -> bool:
    """True for a destination in another EU member state."""
    return city.eu and city.country != "DE"


@hookimpl
def required_documents(city, application):
    """CV, motivation letter and release for every city; EHIC and A1 for EU countries abroad."""
    return COMMON + (EU_ABROAD if eu_abroad(city) else [])


@hookimpl
def rule_summaries(city):
    """The shared documents in plain German."""
    summaries = [
        "Jede Bewerbung braucht Lebenslauf, Motivationsschreiben und die Freistellung durch die "
        "Ausbildungsleitung."
    ]
    if eu_abroad(city):
        summaries.append(
            f"Für {city.country_de} (EU) brauchen Sie eine Kopie Ihrer Europäischen "
            "Krankenversicherungskarte (EHIC) und die A1-Bescheinigung, die das Personalamt für Sie "
            "beantragt."
        )
    return summaries
