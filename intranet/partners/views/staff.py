"""Siegburg's side of a stay's partner access: issue and revoke links, take over or answer proposals.

HR and the admins of the stay's city only; everybody else gets a 404, as for the placement.
"""

from datetime import date

from flask import Blueprint, abort, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.letters.issuing import ADDRESS
from intranet.models import Application, PartnerLink, PartnerProposal, host_answers
from intranet.partners import languages, links, mails, proposals
from intranet.partners.forms import AssessmentForm, LinkForm, PlacementAnswerForm, ReplyForm
from intranet.people.access import managed_city_or_404
from intranet.people.guards import role_required
from intranet.platform.db import db
from intranet.platform.pages import render

bp = Blueprint("partnerlinks", __name__, url_prefix="/stadtverwaltung")

STAY = "/<slug>/bewerbungen/<int:application_id>/gastverwaltung"


def stay_or_404(slug: str, application_id: int) -> Application:
    """A stay of a city the current user manages whose links may still open; 404 otherwise."""
    managed_city_or_404(slug)
    application = Application.get_or_none(
        (Application.id == application_id)
        & (Application.city == slug)
        & Application.status.in_(links.LIVE_STATUSES)
    )
    if application is None:
        abort(404)
    return application


def link_form(city, submitted: bool = False) -> LinkForm:
    """The form for a new link: the submitted values, or addressed to the city's administration
    contact if that has a real address."""
    if submitted:
        form = LinkForm()
    else:
        contact = next(
            (c for c in registry().call(city.slug, "contacts") if c.kind == "administration"), None
        )
        usable = contact is not None and contact.verified and ADDRESS.match(contact.email or "")
        data = {"contact_name": contact.name, "contact_email": contact.email} if usable else {}
        form = LinkForm(data={**data, "language": languages.link_language(city)})
    form.language.choices = [(code, languages.own_name(code)) for code in languages.choices(city)]
    return form


def label(name: str) -> str:
    """The German label of an answer's field, from the partner's forms."""
    form = AssessmentForm if name in proposals.ASSESSMENT_FIELDS else PlacementAnswerForm
    return str(getattr(form, name).args[0])


def shown(answer: PartnerProposal, placement) -> list[tuple[str, object, object]]:
    """An answer's filled-in fields as (label, value, the placement's value where it differs, else None)."""
    rows = []
    for name, text in answer.values.items():
        if not text:
            continue
        value = date.fromisoformat(text) if name in ("arrival", "departure") else text
        before = getattr(placement, name) if placement and name in proposals.PLACEMENT_FIELDS else None
        rows.append((label(name), value, before if before not in (None, value) else None))
    return rows


def reply_form(proposal_id: int, submitted: bool = False) -> ReplyForm:
    """The reply form of one answer (a prefix per answer: two may be open at once)."""
    prefix = f"answer{proposal_id}"
    # the app-wide CSRF check covers the post; a prefixed form would look for a prefixed token
    meta = {"csrf": False}
    return (
        ReplyForm(prefix=prefix, meta=meta)
        if submitted
        else ReplyForm(formdata=None, prefix=prefix, meta=meta)
    )


def stay_page(slug: str, application: Application, form=None, error="", status=200, replied=None):
    """Links, answers and the host's status of one stay."""
    city = managed_city_or_404(slug)
    placement = proposals.placement_of(application)
    answers = list(proposals.of_application(application))
    context = {
        "city": city,
        "application": application,
        "links": list(links.of_application(application)),
        "answers": answers,
        "host": host_answers([application.id]).get(application.id),
        "placement": placement,
        "shown": lambda answer: shown(answer, placement if answer.status == "open" else None),
        "form": form or link_form(city),
        "reply_forms": {a.id: reply_form(a.id) for a in answers if a.status == "open"} | (replied or {}),
        "issuable": application.status in links.OPEN_STATUSES,
        "error": error,
    }
    return render("partners/staff.html", **context), status


@bp.get(STAY)
@role_required("hr", "city_admin")
def stay(slug: str, application_id: int):
    """The stay's partner access."""
    return stay_page(slug, stay_or_404(slug, application_id))


@bp.post(STAY + "/links")
@role_required("hr", "city_admin")
def issue(slug: str, application_id: int):
    """A new link for the host's contact person, mailed with the introduction letter."""
    application = stay_or_404(slug, application_id)
    form = link_form(managed_city_or_404(slug), submitted=True)
    if not form.validate_on_submit():
        return stay_page(slug, application, form=form, status=422)
    try:
        with db.atomic():
            link, _token = links.issue(
                current_user,
                application,
                form.contact_name.data.strip(),
                form.contact_email.data.strip(),
                form.language.data,
            )
            mails.invitation(current_user, link)
    except links.LinkRefused as exc:
        return stay_page(slug, application, form=form, error=str(exc), status=409)
    flash(
        _(
            "Der Link ist erstellt; die E-Mail an %(email)s geht mit dem nächsten Versand hinaus.",
            email=link.contact_email,
        ),
        "success",
    )
    return redirect(url_for(".stay", slug=slug, application_id=application.id), 303)


def own_link(application: Application, link_id: int) -> PartnerLink:
    """A link of this stay, else 404 (an id of another stay opens nothing)."""
    link = PartnerLink.get_or_none((PartnerLink.id == link_id) & (PartnerLink.application == application.id))
    if link is None:
        abort(404)
    return link


def own_proposal(application: Application, proposal_id: int) -> PartnerProposal:
    """An answer to this stay, else 404."""
    proposal = PartnerProposal.get_or_none(
        (PartnerProposal.id == proposal_id) & (PartnerProposal.application == application.id)
    )
    if proposal is None:
        abort(404)
    return proposal


@bp.post(STAY + "/links/<int:link_id>/widerrufen")
@role_required("hr", "city_admin")
def revoke(slug: str, application_id: int, link_id: int):
    """Close a link at once."""
    application = stay_or_404(slug, application_id)
    try:
        links.revoke(current_user, own_link(application, link_id))
    except links.LinkRefused as exc:
        return stay_page(slug, application, error=str(exc), status=409)
    flash(_("Der Link ist widerrufen und öffnet nichts mehr."), "success")
    return redirect(url_for(".stay", slug=slug, application_id=application.id), 303)


@bp.post(STAY + "/antworten/<int:proposal_id>/uebernehmen")
@role_required("hr", "city_admin")
def accept(slug: str, application_id: int, proposal_id: int):
    """Take the host's proposal over into the placement."""
    application = stay_or_404(slug, application_id)
    proposal = own_proposal(application, proposal_id)
    try:
        proposals.accept(current_user, proposal)
    except proposals.ProposalRefused as exc:
        return stay_page(slug, application, error=str(exc), status=409)
    if proposal.kind == "assessment":
        flash(_("Die Bewertung ist übernommen."), "success")
    else:
        flash(
            _("Übernommen: Die Vermittlung ist geändert; Auszubildende und Gastverwaltung erfahren es."),
            "success",
        )
    return redirect(url_for(".stay", slug=slug, application_id=application.id), 303)


@bp.post(STAY + "/antworten/<int:proposal_id>/antwort")
@role_required("hr", "city_admin")
def reply(slug: str, application_id: int, proposal_id: int):
    """Answer the host instead of taking the proposal over."""
    application = stay_or_404(slug, application_id)
    proposal = own_proposal(application, proposal_id)
    form = reply_form(proposal.id, submitted=True)
    if not form.validate_on_submit():
        return stay_page(slug, application, status=422, replied={proposal.id: form})
    try:
        proposals.answer(current_user, proposal, form.reply.data)
    except proposals.ProposalRefused as exc:
        return stay_page(slug, application, error=str(exc), status=409, replied={proposal.id: form})
    flash(_("Die Antwort geht per E-Mail an die Gastverwaltung."), "success")
    return redirect(url_for(".stay", slug=slug, application_id=application.id), 303)
