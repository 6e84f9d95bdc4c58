"""Single sign-on: the reverse proxy's user header, honoured only when SSO is enabled."""

from flask import current_app, request
from flask_login import current_user

from intranet.models import User
from intranet.people import users
from intranet.people.sessions import end_session, start_session


def login_from_header() -> None:
    """Honour the reverse proxy's user header when SSO is enabled; first-timers are provisioned."""
    cfg = current_app.config
    if not cfg["SSO_ENABLED"]:
        return
    username = _header(cfg["SSO_HEADER"])
    if not username or len(username) > 150:
        return
    if current_user.is_authenticated and current_user.username == username:
        return
    user = User.get_or_none(User.username == username)
    if user is None:
        user = users.provision(username, _header(cfg["SSO_NAME_HEADER"]), _header(cfg["SSO_EMAIL_HEADER"]))
    if not user.active:
        # the proxy vouches for someone else now: the old session must not continue
        if current_user.is_authenticated:
            end_session()
        return
    start_session(user)


def _header(name: str) -> str:
    return request.headers.get(name, "").strip() if name else ""
