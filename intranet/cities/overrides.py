"""Run-time data of a partner city, kept in the database over the plugin's defaults.

A city admin can correct contacts, set the city's cost rates and the variable texts of
the letters. Every change writes one audit row; "reset to plugin default" deletes the
override. This module is also a core plugin: its hook wrappers lay the overrides over
what the plugins answer, so the city page, the form, the letters and the estimates all
see the same data without a change to any plugin. Outside a request (``plugins check``,
CLI commands) the hooks answer with the plugins' own data.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import replace

from flask import has_request_context
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from intranet.cities.registry import registry
from intranet.hookspecs import CostItem, hookimpl
from intranet.models import CityOverride, utcnow
from intranet.platform.audit import record
from intranet.platform.db import db
from intranet.platform.money import AmountInvalid, euro, parse_euro

#: the contact fields a city admin may correct
CONTACT_FIELDS = ("name", "role", "address", "email", "phone", "note")
#: cost rates in euro: key → German label
COST_RATES = {
    "travel": _l("Reisekosten hin und zurück (gesamt)"),
    "insurance": _l("Versicherung"),
    "host_family_per_night": _l("Zuschuss Gastfamilie pro Nacht"),
}
#: the variable texts each letter template may use: name → German label
LETTER_TEXTS = {
    "note": _l("Zusätzlicher Absatz"),
    "signature": _l("Unterschrift (Name und Funktion)"),
}

_plugin_only: ContextVar[bool] = ContextVar("plugin_only", default=False)


def active() -> bool:
    """True while serving a request that should see the overrides."""
    return has_request_context() and not _plugin_only.get()


@contextmanager
def plugin_defaults():
    """Within this block the hooks answer with the plugins' own data (to show the defaults)."""
    token = _plugin_only.set(True)
    try:
        yield
    finally:
        _plugin_only.reset(token)


def contact_key(contact) -> str:
    """The stable key of a plugin's contact: its kind and its name as the plugin spells it."""
    return f"{contact.kind}|{contact.name}"


def values(slug: str, kind: str) -> dict:
    """The city's overrides of one kind: key → value."""
    query = CityOverride.select().where((CityOverride.city == slug) & (CityOverride.kind == kind))
    return {row.key: row.value for row in query}


def set_value(user, slug: str, kind: str, key: str, value) -> CityOverride:
    """Store (or replace) an override; the audit row keeps the value before and after."""
    with db.atomic():
        row = CityOverride.get_or_none(
            (CityOverride.city == slug) & (CityOverride.kind == kind) & (CityOverride.key == key)
        )
        before = None if row is None else row.value
        if row is None:
            row = CityOverride(city=slug, kind=kind, key=key)
        row.value, row.updated_by, row.updated_at = value, user, utcnow()
        row.save()
        record(user, "override_set", row, {"key": key, "value": before}, {"key": key, "value": value})
    return row


def reset(user, slug: str, kind: str, key: str) -> bool:
    """Back to the plugin's default: delete the override; False if there was none."""
    with db.atomic():
        row = CityOverride.get_or_none(
            (CityOverride.city == slug) & (CityOverride.kind == kind) & (CityOverride.key == key)
        )
        if row is None:
            return False
        row.delete_instance()
        record(user, "override_reset", row, {"kind": kind, "key": key, "value": row.value}, None)
    return True


class OverrideRefused(Exception):
    """A run-time value that cannot be saved; the message is German."""


def plugin_contacts(slug: str) -> list:
    """The contacts as the plugins supply them, without corrections."""
    with plugin_defaults():
        return registry().call(slug, "contacts")


def set_contact(user, slug: str, key: str, fields: dict) -> CityOverride:
    """Correct one of the plugin's contacts; the name is required."""
    if key not in {contact_key(c) for c in plugin_contacts(slug)}:
        raise OverrideRefused(_("Diesen Kontakt gibt es im Plugin nicht (mehr)."))
    value = {name: (fields.get(name) or "").strip()[:500] for name in CONTACT_FIELDS}
    if not value["name"]:
        raise OverrideRefused(_("Bitte einen Namen für den Kontakt angeben."))
    return set_value(user, slug, "contact", key, value)


def set_cost(user, slug: str, key: str, amount: str) -> CityOverride:
    """Set one of the city's cost rates, a euro amount such as "25,50"."""
    if key not in COST_RATES:
        raise OverrideRefused(_("Diesen Kostensatz gibt es nicht."))
    try:
        euro = round(float(parse_euro(amount)), 2)
    except AmountInvalid:
        euro = -1.0
    if not 0 <= euro <= 100_000:
        raise OverrideRefused(_("Bitte einen Betrag in Euro zwischen 0 und 100.000 angeben, z. B. 25,50."))
    return set_value(user, slug, "cost", key, euro)


def letter_text_keys(slug: str) -> dict:
    """Every variable text the city's letters can use: key → (letter title, text label)."""
    with plugin_defaults():
        templates = registry().call(slug, "letter_templates")
    return {
        f"{t.kind}/{t.language}/{name}": (t.title or t.template, label)
        for t in templates
        if t.audience == "outbound"  # the guests' letters in Siegburg carry no city admin texts
        for name, label in LETTER_TEXTS.items()
    }


def set_letter_text(user, slug: str, key: str, text: str) -> CityOverride:
    """Set a variable text of one letter in one language."""
    text = (text or "").strip()
    if key not in letter_text_keys(slug):
        raise OverrideRefused(_("Diesen Brieftext gibt es nicht."))
    if not text or len(text) > 2000:
        raise OverrideRefused(_("Bitte einen Text mit höchstens 2000 Zeichen angeben."))
    return set_value(user, slug, "letter_text", key, text)


def letter_texts(city_slug: str) -> dict:
    """The city's variable letter texts: ``{kind: {language: {name: text}}}``, only those set."""
    texts: dict = {}
    for key, value in values(city_slug, "letter_text").items():
        kind, language, name = key.split("/", 2)
        texts.setdefault(kind, {}).setdefault(language, {})[name] = value
    return texts


def apply_contacts(slug: str, contacts: list) -> list:
    """The contacts with the city admin's corrections; a corrected contact counts as checked."""
    changed = values(slug, "contact")
    return [
        replace(c, **changed[contact_key(c)], verified=True) if contact_key(c) in changed else c
        for c in contacts
    ]


def apply_costs(slug: str, items: list, application) -> list:
    """The cost items with the city's rates: travel as one sum, insurance, host family per night."""
    rates = values(slug, "cost")
    if "travel" in rates:
        items = [i for i in items if i.category != "travel"]
        items.insert(0, CostItem("travel", str(COST_RATES["travel"]), float(rates["travel"])))
    if "insurance" in rates:
        items = [
            replace(i, amount=float(rates["insurance"])) if i.category == "insurance" else i for i in items
        ]
    if "host_family_per_night" in rates:
        nights = max(application.days - 1, 0) if application.start_date and application.end_date else 0
        rate = float(rates["host_family_per_night"])
        # German amount without the locale machinery: estimates are also made outside requests
        label = f"{COST_RATES['host_family_per_night']}: {nights} × {euro(rate)}"
        items = [i for i in items if i.category != "host_family"]
        items.append(CostItem("host_family", label, round(nights * rate, 2)))
    return items


@hookimpl(wrapper=True)
def contacts(city):
    """Lay the city admin's contact corrections over every plugin's contacts."""
    answers = yield
    if not active():
        return answers
    return [apply_contacts(city.slug, answer or []) for answer in answers]


@hookimpl(wrapper=True)
def cost_estimate(city, application):
    """Apply the city's cost rates to the plugins' estimate."""
    answers = yield
    if not active():
        return answers
    flat = [item for answer in answers if answer for item in answer]
    return [apply_costs(city.slug, flat, application)]
