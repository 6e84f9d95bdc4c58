"""Route guards: logged in and holding a role, else the login page (401 for htmx) or 404."""

from datetime import timedelta
from functools import wraps

from flask import Flask, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.people import ldap
from intranet.people.sessions import login_manager
from intranet.people.sso import login_from_header
from intranet.platform.pages import own_path


@login_manager.unauthorized_handler
def _unauthorized():
    """Plain requests go to the login page; htmx requests are told to load it fully."""
    target = url_for("auth.login", next=own_path() if request.method == "GET" else None)
    if request.htmx:
        return "", 401, {"HX-Redirect": target}
    flash(_("Bitte melden Sie sich an."), "info")
    return redirect(target)


def role_required(*roles: str):
    """View decorator: logged in and holding one of the roles, else 401/404."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if roles and not current_user.has_role(*roles):
                abort(404)
            return view(*args, **kwargs)

        return wrapped

    return decorator


login_required = role_required()


def init_app(app: Flask) -> None:
    """Wire Flask-Login and the SSO header into the app."""
    login_manager.init_app(app)
    app.permanent_session_lifetime = timedelta(hours=app.config["SESSION_ABSOLUTE_HOURS"])
    app.before_request(login_from_header)
    ldap.check_config(app)
