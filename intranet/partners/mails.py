"""Mails to the host administration, in the link's language, with the link filled in when sent.

The outbox keeps a marker instead of the link's address (mail.notify fills it in), so the
token is never stored, not even in a queued mail.
"""

from flask import render_template

from intranet.cities.registry import registry
from intranet.letters import issuing, rendering
from intranet.mail import notify
from intranet.models import IssuedLetter, OutboxMessage, PartnerLink
from intranet.platform.i18n import speaking


def queue(link: PartnerLink, template: str, letter: IssuedLetter | None = None, **context) -> OutboxMessage:
    """Render ``partners/mail/<template>.txt`` (first line: subject) and put it into the outbox."""
    application = link.application
    city = registry().get(application.city)
    with speaking(link.language):
        text = render_template(
            f"partners/mail/{template}.txt",
            link=link,
            application=application,
            city=city,
            url=notify.PARTNER_URL_MARKER,
            **context,
        )
    subject, _, body = text.strip().partition("\n")
    return OutboxMessage.create(
        recipient=link.contact_email,
        subject=subject.strip(),
        body=body.strip() + "\n",
        letter=letter.id if letter else None,
        partner_link=link.id,
    )


def letter_language(link: PartnerLink) -> str:
    """The introduction letter's language: the link's, else the city's own (there is no English letter)."""
    slug = link.application.city
    if rendering.find_template(slug, "introduction", link.language):
        return link.language
    return registry().get(slug).languages[0]


def invitation(user, link: PartnerLink) -> OutboxMessage:
    """The first mail: what the link is for, with the introduction letter as PDF."""
    template = rendering.find_template(link.application.city, "introduction", letter_language(link))
    letter = issuing.issue(user, link.application, template) if template else None
    return queue(link, "invitation", letter)


def reminder(link: PartnerLink) -> OutboxMessage:
    """A reminder of an unanswered link."""
    return queue(link, "reminder")


def answer(link: PartnerLink, reply: str = "", accepted: bool = False) -> OutboxMessage:
    """Siegburg's decision on the partner's answer: taken over, or a reply in Siegburg's words."""
    return queue(link, "answer", reply=reply, accepted=accepted)
