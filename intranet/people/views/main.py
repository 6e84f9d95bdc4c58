"""Start page and language choice."""

from flask import Blueprint, current_app, redirect, request, session, url_for
from flask_login import current_user

from intranet.people.guards import login_required
from intranet.platform.pages import local_target

bp = Blueprint("main", __name__)


@bp.get("/")
@login_required
def index():
    """Send each role to its main screen."""
    if current_user.has_role("hr"):
        return redirect(url_for("hr.index"))
    return redirect(url_for("applications.index"))


@bp.post("/sprache")
def language():
    """Remember the chosen UI language in the session and go back."""
    lang = request.form.get("lang", "")
    if lang in current_app.config["LANGUAGES"]:
        session["lang"] = lang
    return redirect(local_target(request.form.get("next")))
