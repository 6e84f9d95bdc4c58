"""Login and logout."""

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.people import sessions
from intranet.people.forms import LoginForm
from intranet.people.login import authenticate
from intranet.platform.pages import local_target

bp = Blueprint("auth", __name__)


@bp.route("/anmelden", methods=["GET", "POST"])
def login():
    """Login form for local accounts."""
    if current_user.is_authenticated:
        return redirect(url_for("main.index"))
    form = LoginForm()
    error = None
    if form.validate_on_submit():
        user, error = authenticate(form.username.data, form.password.data)
        if user is not None:
            sessions.start_session(user)
            flash(_("Willkommen, %(name)s!", name=user.display_name), "success")
            return redirect(local_target(request.args.get("next")))
    status = 200 if error is None else 401
    return render_template("auth/login.html", form=form, error=error), status


@bp.post("/abmelden")
def logout():
    """End the session server-side."""
    sessions.end_session()
    flash(_("Sie sind abgemeldet."), "info")
    return redirect(url_for("auth.login"))
