"""The host administration's pages: one stay, through its personal link, in the partner's language.

No login: the token in the path is the only key. Every page and answer is audited; a
closed link answers a page in the partner's language with status 404 (429 when throttled).
"""

from datetime import date

from babel import Locale
from flask import Blueprint, abort, make_response, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError

from intranet.cities.registry import registry
from intranet.models import PartnerLink
from intranet.partners import languages, links, proposals
from intranet.partners.forms import AssessmentForm, PlacementAnswerForm
from intranet.platform.i18n import use_locale
from intranet.platform.security import csrf

bp = Blueprint("partner", __name__, url_prefix="/partner")

#: the training tracks explained for a host abroad (the staff screens use the short German names)
TRACKS = {
    "VFA": _l("Ausbildung zur Verwaltungsfachangestellten oder zum Verwaltungsfachangestellten (VFA)"),
    "SIA": _l("Vorbereitungsdienst für den gehobenen nichttechnischen Verwaltungsdienst (SIA)"),
}


def closed(reason: str):
    """The page for a link that opens nothing, in the browser's language among the partner languages."""
    use_locale(request.accept_languages.best_match(languages.PARTNER_LANGUAGES) or languages.FALLBACK)
    status = 429 if reason == "throttled" else 404
    abort(make_response(render_template("partners/closed.html", reason=reason), status))


def open_link(token: str, language: str | None) -> PartnerLink:
    """The live link for ``token``, with the page's language set; a closed page otherwise."""
    try:
        link = links.resolve(token, links.client_key(request.remote_addr), date.today())
    except links.LinkClosed as exc:
        closed(exc.reason)
    city = registry().get(link.application.city)
    if language is not None and language not in languages.choices(city, link.language):
        abort(404)
    use_locale(language or link.language)
    return link


def stay_page(
    link: PartnerLink, language: str, placement_form=None, assessment_form=None, error="", status=200
):
    """The stay as the host needs it, the answer form and, after the stay, the assessment form."""
    application = link.application
    city = registry().get(application.city)
    placement = proposals.placement_of(application)
    if placement_form is None:
        # formdata=None: after a failed assessment the posted fields belong to the other form
        values = proposals.current_values(placement, application)
        placement_form = PlacementAnswerForm(formdata=None, data=values, meta={"csrf": False})
        placement_form.version.data = str(placement.version if placement else 0)
    ended = application.end_date < date.today() or application.status == "completed"
    context = {
        "link": link,
        "application": application,
        "trainee": application.applicant,
        "city": city,
        "language": language,
        "switch": [(code, languages.own_name(code)) for code in languages.choices(city, link.language)],
        "track": TRACKS.get(application.training_track or application.applicant.training_track, ""),
        "spoken": spoken(application.applicant, language),
        "placement": placement,
        "answers": list(proposals.of_application(application)),
        "form": placement_form,
        "assessment_form": (assessment_form or AssessmentForm(formdata=None, meta={"csrf": False}))
        if ended
        else None,
        "error": error,
    }
    return render_template("partners/stay.html", **context), status


def spoken(trainee, language: str) -> list[tuple[str, str]]:
    """The trainee's languages named in the page's language, with the CEFR level."""
    names = Locale.parse(language).languages
    return [(names.get(row.language, row.language), row.level) for row in trainee.languages]


def checked() -> str:
    """ "" if the form's CSRF token holds, else the message (the input stays in the form)."""
    try:
        csrf.protect()
    except CSRFError:
        return _(
            "Das Formular ist abgelaufen oder unvollständig (Sicherheitstoken fehlt). "
            "Bitte senden Sie es noch einmal; Ihre Eingaben sind erhalten."
        )
    return ""


@bp.get("/<token>/")
def page(token: str):
    """The stay, in the link's language."""
    return page_in(token, None)


@bp.get("/<token>/<language>/")
def page_in(token: str, language: str | None):
    """The stay in the language chosen in the switcher."""
    link = open_link(token, language)
    links.opened(link, "page")
    return stay_page(link, language or link.language)


@bp.post("/<token>/<language>/vermittlung")
@csrf.exempt  # checked after the language is set, so the message speaks it and the input stays
def answer(token: str, language: str):
    """Confirm the placement or propose changes."""
    link = open_link(token, language)
    form = PlacementAnswerForm(meta={"csrf": False})
    error = checked()
    if error or not form.validate():
        return stay_page(link, language, placement_form=form, error=error, status=400 if error else 422)
    version = form.version.data or ""
    try:
        proposals.submit_placement(
            link, form.data, int(version) if version.isdigit() else -1, confirm="confirm" in request.form
        )
    except proposals.ProposalRefused as exc:
        return stay_page(link, language, placement_form=form, error=str(exc), status=409)
    links.opened(link, "answer")
    return redirect(url_for(".page_in", token=token, language=language, _anchor="antworten"), 303)


@bp.post("/<token>/<language>/bewertung")
@csrf.exempt  # as above
def assessment(token: str, language: str):
    """The mentor's assessment after the stay."""
    link = open_link(token, language)
    form = AssessmentForm(meta={"csrf": False})
    error = checked()
    if error or not form.validate():
        return stay_page(link, language, assessment_form=form, error=error, status=400 if error else 422)
    try:
        proposals.submit_assessment(link, form.data, date.today())
    except proposals.ProposalRefused as exc:
        return stay_page(link, language, assessment_form=form, error=str(exc), status=409)
    links.opened(link, "assessment")
    return redirect(url_for(".page_in", token=token, language=language, _anchor="antworten"), 303)
