"""Letters: a plugin's language templates rendered to printable HTML in the letter's language.

Contract for plugin templates (``plugins/<slug>/templates/<slug>/<kind>_<lang>.html``):
``{% extends "letters/base.html" %}``, fill ``{% block subject %}`` and ``{% block body %}``,
and use the variables of ``sample_context``: city, application, trainee, contacts, office
(the partner administration's name), sender, host_family, mentor, host_assessment (the mentor's
tasks, skills and assessment sent through the partner link, or empty), today and lang.
"""

from datetime import date, timedelta
from pathlib import Path

from babel.dates import format_date
from flask import Flask, current_app

from intranet.cities.defaults.contacts import SENDER
from intranet.cities.registry import registry
from intranet.hookspecs import LetterTemplate, PartnerCity
from intranet.models import Application, User
from intranet.platform import pdfworker


def ldate(value: date | None, lang: str) -> str:
    """A long date in the letter's language, e.g. ``27 de novembro de 2027`` for "pt"."""
    return "" if value is None else format_date(value, "long", locale=lang)


def render_letter(template: LetterTemplate, context: dict, for_pdf: bool = False) -> str:
    """The letter as a complete HTML document; ``lang`` is the template's language.

    For the browser it links the style sheet; for a PDF ``render_pdf`` applies it.
    """
    env = current_app.extensions["letters_env"]
    sheet = "" if for_pdf else f"{current_app.static_url_path}/letter.css"
    return env.get_template(template.template).render(
        {**context, "lang": template.language, "stylesheet": sheet}
    )


def render_pdf(html: str, stylesheet: str = "letter.css") -> bytes:
    """The document as PDF with a style sheet from ``static/``; nothing is fetched from anywhere."""
    return pdfworker.render(html, str(Path(current_app.static_folder) / stylesheet))


def templates_for(slug: str, audience: str = "outbound") -> list[LetterTemplate]:
    """The city's letter templates for one audience (see ``LetterTemplate.audience``)."""
    return [t for t in registry().call(slug, "letter_templates") if t.audience == audience]


def find_template(slug: str, kind: str, language: str, audience: str = "outbound") -> LetterTemplate | None:
    """The city's letter template of ``kind`` in ``language`` for ``audience``, or None."""
    found = templates_for(slug, audience)
    return next((t for t in found if t.kind == kind and t.language == language), None)


def sample_period(today: date) -> tuple[date, date]:
    """Monday to Friday of the third week, starting about two months after ``today``."""
    start = today + timedelta(weeks=8)
    start += timedelta(days=-start.weekday() % 7)
    return start, start + timedelta(days=18)


def partner_office(city: PartnerCity, contacts) -> str:
    """The partner administration's name for letters, from its contact entry."""
    return next((c.name for c in contacts if c.kind == "administration"), city.name_local)


def letter_context(city: PartnerCity, application: Application, trainee: User, **placement) -> dict:
    """The variables every letter template gets; ``placement`` may add host_family and mentor."""
    contacts = registry().call(city.slug, "contacts")
    return {
        "city": city,
        "application": application,
        "trainee": trainee,
        "contacts": contacts,
        "office": partner_office(city, contacts),
        "sender": dict(SENDER),
        "host_family": placement.get("host_family"),
        "mentor": placement.get("mentor"),
        #: the mentor's tasks, skills and assessment sent through the partner link (certificates)
        "host_assessment": placement.get("host_assessment") or {},
        #: the city admin's variable texts for the letter ("note", "signature"), set by the caller
        "texts": {},
        "today": date.today(),
        "lang": city.languages[0],
    }


def sample_context(city: PartnerCity) -> dict:
    """Realistic fake data for previews and ``plugins check``: a trainee, a stay, a host family."""
    today = date.today()
    trainee = User(
        display_name="Lea Schäfer-Özdemir",
        email="lea.schaefer@example.org",
        training_track="VFA",
        training_year=2,
        date_of_birth=date(today.year - 20, 3, 14),
    )
    start, end = sample_period(today)
    application = Application(
        applicant=trainee, city=city.slug, start_date=start, end_date=end, motivation="Neugierig.", extra={}
    )
    host_family = {
        "name": "Familie Müller-Łukasik",
        "address": f"Beispielstraße 12, {city.name_local}",
        "phone": "+00 123 456789",
    }
    mentor = {"name": "Zoé Ribeiro-Kowalski", "department": "Bürgerservice"}
    assessment = {
        "mentor": mentor["name"],
        "tasks": "Bürgeranfragen am Empfang, Mitarbeit bei der Vorbereitung einer Ratssitzung.",
        "skills": "Sicheres Auftreten am Telefon; Ablauf eines Ratsbeschlusses.",
        "assessment": "Sehr engagiert und zuverlässig.",
    }
    return letter_context(
        city, application, trainee, host_family=host_family, mentor=mentor, host_assessment=assessment
    )


def init_app(app: Flask) -> None:
    """The ``ldate`` filter and an environment that always escapes, whatever the file name."""
    app.jinja_env.filters["ldate"] = ldate
    app.extensions["letters_env"] = app.jinja_env.overlay(autoescape=True, cache_size=100)
