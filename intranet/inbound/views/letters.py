"""Letters for a guest from a partner city: welcome, programme and certificate, as HTML and PDF."""

from flask import Blueprint, abort, make_response
from flask_login import current_user

from intranet.inbound import letters
from intranet.inbound.guests import guest_or_404
from intranet.letters import rendering
from intranet.people.guards import role_required
from intranet.platform.downloads import file_response
from intranet.platform.pages import render

bp = Blueprint("inbound_letters", __name__, url_prefix="/gaeste")


def template_or_404(trainee, kind: str, language: str):
    """The guest letter of that kind in that language, else 404."""
    template = letters.find(trainee, kind, language)
    if template is None:
        abort(404)
    return template


@bp.get("/<int:trainee_id>/briefe")
@role_required("hr", "city_admin")
def index(trainee_id: int):
    """The guest's three letters in German and in the guest's letter language."""
    trainee = guest_or_404(trainee_id)
    return render("inbound_letters/index.html", trainee=trainee, templates=letters.templates(trainee))


@bp.get("/<int:trainee_id>/briefe/<kind>/<language>")
@role_required("hr", "city_admin")
def preview(trainee_id: int, kind: str, language: str):
    """One letter as an HTML page."""
    trainee = guest_or_404(trainee_id)
    html = letters.render(trainee, template_or_404(trainee, kind, language), current_user)
    response = make_response(html)
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.get("/<int:trainee_id>/briefe/<kind>/<language>/pdf")
@role_required("hr", "city_admin")
def pdf(trainee_id: int, kind: str, language: str):
    """The same letter as PDF, not stored."""
    trainee = guest_or_404(trainee_id)
    template = template_or_404(trainee, kind, language)
    html = letters.render(trainee, template, current_user, for_pdf=True)
    return file_response(
        rendering.render_pdf(html), "application/pdf", f"gast_{kind}_{language}_{trainee.id}.pdf"
    )
