"""The languages of the partner pages: the city's own first, English as the fallback, German for Werder."""

from babel import Locale

from intranet.hookspecs import PartnerCity

#: languages the partner pages are translated into (catalogs in intranet/translations)
PARTNER_LANGUAGES = ("fr", "pt", "pl", "tr", "el", "de", "en")
FALLBACK = "en"


def link_language(city: PartnerCity) -> str:
    """The language a new link opens in: the city's first language if the pages speak it."""
    return next((code for code in city.languages if code in PARTNER_LANGUAGES), FALLBACK)


def choices(city: PartnerCity, chosen: str = "") -> list[str]:
    """The languages a partner may switch to: the one its link was sent in, the city's own,
    English and German."""
    ordered = [code for code in city.languages if code in PARTNER_LANGUAGES]
    return [code for code in dict.fromkeys([chosen, *ordered, FALLBACK, "de"]) if code]


def own_name(code: str) -> str:
    """A language's name in that language, e.g. "Türkçe", for the switcher."""
    name = Locale.parse(code).get_language_name(code) or code
    return name[:1].upper() + name[1:]
