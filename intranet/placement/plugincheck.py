"""``flask --app intranet plugins check``: every hook of every city, called with sample data and validated."""

import zoneinfo
from contextlib import contextmanager
from datetime import timedelta

from jinja2 import TemplateNotFound
from peewee import SqliteDatabase
from wtforms.fields.core import UnboundField

from intranet.cities.registry import registry
from intranet.hookspecs import (
    Contact,
    CostItem,
    DocumentRequirement,
    FieldSpec,
    Finding,
    Holiday,
    LetterTemplate,
)
from intranet.inbound.letters import sample_context as inbound_sample_context
from intranet.letters.rendering import render_letter, sample_context
from intranet.models import MODELS, Application
from intranet.outbound import workflow
from intranet.outbound.forms import EXTRA_PREFIX

DUE = {"submission", "departure"}
FORMATS = {"pdf", "jpeg", "png"}
SEVERITIES = {"error", "warning"}
#: letter kinds per ``LetterTemplate.audience``
LETTER_KINDS = {
    "outbound": {"introduction", "host_confirmation", "certificate", "emergency_card", "learning_agreement"},
    "inbound": {"welcome", "programme", "certificate"},
}
COST_CATEGORIES = {"travel", "insurance", "host_family", "other"}
FORM_FIELDS = {"city", "start_date", "end_date", "motivation"}


@contextmanager
def sandbox():
    """An empty in-memory database: the checks neither read nor change real data."""
    database = SqliteDatabase(":memory:")
    with database.bind_ctx(MODELS):
        database.create_tables(MODELS)
        yield


def typed(items, cls) -> list[str]:
    """Problems if ``items`` is not a list of ``cls``."""
    if not isinstance(items, list):
        return [f"liefert {type(items).__name__} statt list / returns {type(items).__name__}, not list"]
    return [
        f"Eintrag ist kein {cls.__name__} / item is not a {cls.__name__}: {i!r}"
        for i in items
        if not isinstance(i, cls)
    ]


def duplicates(keys: list) -> list[str]:
    """A problem for every key that occurs twice."""
    return [f"doppelt / duplicate: {k}" for k in sorted(set(k for k in keys if keys.count(k) > 1), key=str)]


def check_identity(city, context) -> list[str]:
    """Slug, country, languages, currency and time zone are well formed."""
    problems = []
    if not (city.slug.isascii() and city.slug == city.slug.lower()):
        problems.append(f"slug nicht klein/ASCII / not lower-case ASCII: {city.slug!r}")
    if not (len(city.country) == 2 and city.country.isupper()):
        problems.append(f"Ländercode / country code: {city.country!r}")
    problems += [f"Sprachcode / language code: {lang!r}" for lang in city.languages if len(lang) != 2]
    if len(city.currency) != 3:
        problems.append(f"Währung / currency: {city.currency!r}")
    try:
        zoneinfo.ZoneInfo(city.timezone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        problems.append(f"Zeitzone unbekannt / unknown time zone: {city.timezone!r}")
    return problems


def check_holidays(city, context) -> list[str]:
    """Holidays of the next twelve months, each inside the asked range and named."""
    start = context["today"]
    end = start + timedelta(days=365)
    found = registry().call(city.slug, "public_holidays", start=start, end=end)
    problems = typed(found, Holiday)
    return problems + [
        f"{h.day}: außerhalb / outside {start}–{end} oder ohne Namen / or unnamed"
        for h in found
        if isinstance(h, Holiday) and not (start <= h.day <= end and h.name)
    ]


def check_summaries(city, context) -> list[str]:
    """Plain German sentences, none empty."""
    found = registry().call(city.slug, "rule_summaries")
    problems = typed(found, str)
    return problems + ["leerer Satz / empty sentence" for s in found if isinstance(s, str) and not s.strip()]


def check_fields(city, context) -> list[str]:
    """FieldSpecs with unbound WTForms fields and unique names."""
    found = registry().call(city.slug, "application_fields")
    problems = typed(found, FieldSpec) + duplicates([f.name for f in found if isinstance(f, FieldSpec)])
    return problems + [
        f"{f.name}: kein ungebundenes WTForms-Feld / not an unbound WTForms field"
        for f in found
        if isinstance(f, FieldSpec) and not isinstance(f.field, UnboundField)
    ]


def _document_problems(doc: DocumentRequirement) -> list[str]:
    problems = [] if doc.label.strip() else [f"{doc.key}: ohne deutsche Bezeichnung / no German label"]
    if doc.due not in DUE:
        problems.append(f"{doc.key}: due={doc.due!r} nicht in / not in {sorted(DUE)}")
    if not set(doc.formats) <= FORMATS:
        wrong = sorted(set(doc.formats) - FORMATS)
        problems.append(f"{doc.key}: Formate / formats {wrong} nicht in / not in {sorted(FORMATS)}")
    return problems


def check_documents(city, context) -> list[str]:
    """Documents for a blank and for the sample application: labelled, allowed formats, unique keys."""
    problems = []
    for application in (Application(city=city.slug), context["application"]):
        found = registry().call(city.slug, "required_documents", application=application)
        problems += typed(found, DocumentRequirement)
        docs = [d for d in found if isinstance(d, DocumentRequirement)]
        problems += duplicates([d.key for d in docs])
        problems += [p for d in docs for p in _document_problems(d)]
    return sorted(set(problems))


def check_findings(city, context) -> list[str]:
    """Findings with a known severity, a message and a field of the form."""
    fields = FORM_FIELDS | {EXTRA_PREFIX + f.name for f in registry().call(city.slug, "application_fields")}
    found = registry().call(city.slug, "check_application", application=context["application"])
    problems = typed(found, Finding)
    for f in (f for f in found if isinstance(f, Finding)):
        if f.severity not in SEVERITIES:
            problems.append(f"{f.code}: Schwere / severity {f.severity!r}")
        if not f.message.strip():
            problems.append(f"{f.code}: ohne Meldung / no message")
        if f.field is not None and f.field not in fields:
            problems.append(f"{f.code}: Feld / field {f.field!r} nicht im Formular / not in the form")
    return problems


def check_contacts(city, context) -> list[str]:
    """Contacts with a kind and a name."""
    found = registry().call(city.slug, "contacts")
    problems = typed(found, Contact)
    return problems + [
        f"Kontakt ohne Art oder Name / contact without kind or name: {c!r}"
        for c in found
        if isinstance(c, Contact) and not (c.kind and c.name)
    ]


def _letter_problems(city, letter: LetterTemplate, context) -> list[str]:
    name = letter.template
    problems = (
        []
        if letter.language in city.languages
        else [f"{name}: Sprache / language {letter.language!r} nicht in / not in {city.languages}"]
    )
    if letter.kind not in LETTER_KINDS.get(letter.audience, ()):
        problems.append(f"{name}: unbekannte Art / unknown kind {letter.kind!r} ({letter.audience!r})")
    try:
        html = render_letter(letter, context)
    except TemplateNotFound:
        return problems + [f"{name}: Vorlage fehlt / template missing"]
    if f'<html lang="{letter.language}">' not in html:
        problems.append(f'{name}: erweitert nicht / does not extend "letters/base.html"')
    return problems


def check_letters(city, context) -> list[str]:
    """Each declared template exists, extends the letter base and renders with its audience's sample data."""
    found = registry().call(city.slug, "letter_templates")
    letters = [t for t in found if isinstance(t, LetterTemplate)]
    problems = typed(found, LetterTemplate) + duplicates([(t.audience, t.kind, t.language) for t in letters])
    contexts = {"outbound": context, "inbound": inbound_sample_context(city)}
    for t in letters:
        problems += _letter_problems(city, t, contexts.get(t.audience, context))
    return problems


def check_costs(city, context) -> list[str]:
    """Cost items in a known category with a label and a non-negative amount."""
    found = registry().call(city.slug, "cost_estimate", application=context["application"])
    problems = typed(found, CostItem)
    for item in (i for i in found if isinstance(i, CostItem)):
        if item.category not in COST_CATEGORIES or not item.label.strip():
            problems.append(
                f"{item.label!r}: Kategorie / category {item.category!r} oder Bezeichnung / or label"
            )
        if not isinstance(item.amount, int | float) or item.amount < 0:
            problems.append(f"{item.label!r}: Betrag / amount {item.amount!r}")
    return problems


def check_status_change(city, context) -> list[str]:
    """A status change may be vetoed with TransitionRefused; anything else raised is a problem."""
    try:
        registry().call(
            city.slug, "on_status_change", application=context["application"], old="submitted", new="approved"
        )
    except workflow.TransitionRefused:
        pass
    return []


CHECKS = {
    "partner_city": check_identity,
    "public_holidays": check_holidays,
    "rule_summaries": check_summaries,
    "application_fields": check_fields,
    "required_documents": check_documents,
    "check_application": check_findings,
    "contacts": check_contacts,
    "letter_templates": check_letters,
    "cost_estimate": check_costs,
    "on_status_change": check_status_change,
}


def check_city(city) -> list[str]:
    """Every hook of one city called with sample data; the problems found, empty if none."""
    problems = []
    with sandbox():
        context = sample_context(city)
        for hook, check in CHECKS.items():
            try:
                problems += [f"{hook}: {p}" for p in check(city, context)]
            except Exception as exc:  # a broken plugin must not stop the report
                problems.append(f"{hook}: Ausnahme / exception {type(exc).__name__}: {exc}")
    return problems
