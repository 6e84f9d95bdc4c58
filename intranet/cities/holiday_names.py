"""German names of public holidays, from the names the ``holidays`` library gives in English.

The library has German names only for a few countries (Germany, Poland, …). For the others
the core knows the holidays that many countries share; a city plugin adds its country's own
through ``PartnerCity.holiday_names_de``. Qualifiers the library appends in brackets
("observed", "from 1pm") become German words after a comma.
"""

import re

#: holidays that several partner countries share (library's English name → German)
SHARED = {
    "New Year's Day": "Neujahr",
    "New Year's Eve": "Silvester",
    "Epiphany": "Heilige Drei Könige",
    "Good Friday": "Karfreitag",
    "Easter Sunday": "Ostersonntag",
    "Easter Monday": "Ostermontag",
    "Labor Day": "Tag der Arbeit",
    "Ascension Day": "Christi Himmelfahrt",
    "Pentecost": "Pfingstsonntag",
    "Pentecost Monday": "Pfingstmontag",
    "Corpus Christi": "Fronleichnam",
    "Assumption Day": "Mariä Himmelfahrt",
    "All Saints' Day": "Allerheiligen",
    "Immaculate Conception": "Mariä Empfängnis",
    "Christmas Eve": "Heiligabend",
    "Christmas Day": "Erster Weihnachtstag",
    "Second Day of Christmas": "Zweiter Weihnachtstag",
}
QUALIFIERS = {"observed": "verlegt", "from 1pm": "ab 13 Uhr"}
#: how a German name made here ends when the library's name had a qualifier
QUALIFIED = tuple(f", {word}" for word in QUALIFIERS.values())
_QUALIFIER = re.compile(r"\s*\((" + "|".join(map(re.escape, QUALIFIERS)) + r")\)$")


def german(english: str, own: dict[str, str]) -> str | None:
    """The German name for the library's English ``english``, or None if neither list knows it."""
    names = {**SHARED, **own}
    match = _QUALIFIER.search(english)
    base = english[: match.start()] if match else english
    parts = [names.get(part.strip()) for part in base.split(";")]
    if None in parts:
        return None
    return "; ".join(parts) + (f", {QUALIFIERS[match.group(1)]}" if match else "")


def without_qualifier(local: str) -> str:
    """The local name without a trailing bracket, when the German name says it in words."""
    return re.sub(r"\s*\([^()]*\)$", "", local)
