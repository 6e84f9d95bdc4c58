"""Issuing letters for an application: render in the partner's language, keep the PDF, audit.

HR and the admins of the application's city issue letters; everybody who may see the
application may download what was issued.
"""

import hashlib
import re

from flask import abort
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from intranet.cities import overrides
from intranet.cities.registry import registry
from intranet.hookspecs import LetterTemplate
from intranet.letters import issuing, rendering
from intranet.models import Application, IssuedLetter, OutboxMessage, PartnerProposal, Placement
from intranet.people.access import get_application_or_404
from intranet.platform import storage
from intranet.platform.audit import record
from intranet.platform.db import db


class LetterRefused(ValueError):
    """A letter that cannot be issued; the message is German."""


CERTIFICATE_NOT_YET = _l(
    "Die Teilnahmebescheinigung gibt es erst, wenn der Aufenthalt abgeschlossen ist: "
    "Das Personalamt nimmt dazu den Erfahrungsbericht an."
)


def may_issue(user, application: Application) -> bool:
    """HR, and the city admins responsible for the application's city."""
    return user.has_role("hr") or (user.has_role("city_admin") and application.city in user.city_scopes)


def placement_of(application: Application) -> dict:
    """Host family, mentor and the mentor's assessment for the letters, once the trainee is placed."""
    placement = Placement.get_or_none(Placement.application == application.id)
    if placement is None:
        return {}
    family = placement.host_family
    return {
        "host_family": family
        and {"name": family.household, "address": family.address, "phone": family.phone},
        "mentor": {"name": placement.mentor, "department": placement.department},
        "host_assessment": PartnerProposal.accepted_assessment(application.id),
    }


def render(application: Application, template: LetterTemplate, for_pdf: bool = False) -> str:
    """The letter for this application as HTML, with the city admin's texts for it."""
    city = registry().get(application.city)
    context = rendering.letter_context(city, application, application.applicant, **placement_of(application))
    texts = overrides.letter_texts(application.city).get(template.kind, {}).get(template.language, {})
    return rendering.render_letter(template, context | {"texts": texts}, for_pdf=for_pdf)


def title_of(html: str) -> str:
    """The letter's subject, taken from the rendered document's title."""
    found = re.search(r"<title>(.*?)</title>", html, re.S)
    return (found.group(1).strip() if found else "")[:255]


def issue(user, application: Application, template: LetterTemplate) -> IssuedLetter:
    """Render the PDF, store it with the application and write the audit row."""
    if not may_issue(user, application):
        raise LetterRefused(_("Dazu sind Sie nicht berechtigt."))
    if template.kind == "certificate" and application.status != "completed":
        # the certificate attests a finished stay: HR accepts the experience report first
        raise LetterRefused(CERTIFICATE_NOT_YET)
    html = render(application, template, for_pdf=True)
    pdf = rendering.render_pdf(html)
    letter = IssuedLetter(
        application=application.id,
        kind=template.kind,
        language=template.language,
        title=title_of(html),
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        issued_by=user.id,
    )
    with storage.transaction(put={letter.stored_name: pdf}):
        letter.save(force_insert=True)
        summary = {"letter": letter.id, "kind": letter.kind, "language": letter.language}
        record(user, "letter_issued", application, None, summary)
    return letter


#: a plausible address: something, one @, a domain with a dot; the mail server judges the rest
ADDRESS = re.compile(r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")


def send(user, letter: IssuedLetter, recipient: str) -> None:
    """Queue an e-mail with the issued letter attached, to ``recipient``."""
    application = letter.application
    if not may_issue(user, application):
        raise LetterRefused(_("Dazu sind Sie nicht berechtigt."))
    recipient = (recipient or "").strip()
    if len(recipient) > 254 or not ADDRESS.match(recipient):
        raise LetterRefused(_("Bitte eine gültige E-Mail-Adresse angeben, z. B. name@beispiel.de."))
    # mails leave the house in German, whatever the sender's UI language
    body = (
        f"Guten Tag,\n\nanbei erhalten Sie den Brief „{letter.title}“ zur Bewerbung Nr. {application.id} "
        f"als PDF.\n\nMit freundlichen Grüßen\n{user.display_name}\nStadt Siegburg\n"
    )
    with db.atomic():
        OutboxMessage.create(recipient=recipient, subject=letter.title, body=body, letter=letter.id)
        record(user, "letter_emailed", application, None, {"letter": letter.id})


def staff_application_or_404(application_id: int):
    """The application, for HR and its city's admins only (404 for everybody else)."""
    application = get_application_or_404(application_id)
    if not issuing.may_issue(current_user, application):
        abort(404)
    return application
