"""Core plugin: the Erasmus+ learning agreement for VET learners, in German and the partner's language.

Every partner city abroad gets it (a stay in Germany is no Erasmus+ mobility); the template is
``erasmus/learning_agreement.html``, one file for every language, filled from the application
and the placement like the other letters.
"""

from intranet.hookspecs import LetterTemplate, hookimpl

TEMPLATE = "erasmus/learning_agreement.html"
#: languages the template has texts for
LANGUAGES = ("de", "fr", "pt", "pl", "tr", "el")
SENDING_COUNTRY = "DE"


def languages_of(city) -> list[str]:
    """German first, then the partner's main language if the template speaks it."""
    partner = [code for code in city.languages if code != "de" and code in LANGUAGES][:1]
    return ["de", *partner]


@hookimpl
def letter_templates(city):
    """The learning agreement for every city outside Germany."""
    if city.country == SENDING_COUNTRY:
        return []
    return [
        LetterTemplate("learning_agreement", code, TEMPLATE, title=f"Lernvereinbarung Erasmus+ ({code})")
        for code in languages_of(city)
    ]
