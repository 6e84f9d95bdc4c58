"""Login: local accounts (argon2), trusted SSO header, server-side sessions, role checks."""

import hashlib
import secrets
from datetime import timedelta
from functools import wraps

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from flask import Flask, abort, current_app, flash, redirect, request, session, url_for
from flask_babel import gettext as _
from flask_login import LoginManager, current_user, login_user, logout_user

from . import ldap_login
from .db import db
from .models import LoginSession, User, utcnow

hasher = PasswordHasher()
login_manager = LoginManager()
# Sessions are validated server-side below; Flask-Login's own guessing is not needed.
login_manager.session_protection = None

#: A hash to verify against for unknown users, so timing does not reveal who exists.
_DUMMY_HASH = hasher.hash(secrets.token_hex(8))


def hash_password(password: str) -> str:
    """argon2id hash of a password."""
    return hasher.hash(password)


def check_password(user: User | None, password: str) -> bool:
    """Verify a password; unknown users cost the same time as known ones."""
    stored = user.password_hash if user is not None else None
    try:
        hasher.verify(stored or _DUMMY_HASH, password)
    except (VerificationError, InvalidHashError):
        return False
    return stored is not None


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def start_session(user: User) -> None:
    """Log a user in with a fresh session (old session data is dropped)."""
    token = secrets.token_urlsafe(32)
    session.clear()
    with db.atomic():
        LoginSession.create(token_hash=_token_hash(token), user=user)
        User.update(last_login_at=utcnow(), failed_logins=0, locked_until=None).where(
            User.id == user.id
        ).execute()
    session["sid"] = token
    session.permanent = True
    login_user(user)


def end_session() -> None:
    """Log out: the server-side session row goes, so a replayed cookie is worthless."""
    token = session.get("sid")
    if token:
        LoginSession.delete().where(LoginSession.token_hash == _token_hash(token)).execute()
    logout_user()
    session.clear()


def end_all_sessions(user: User) -> int:
    """Drop every session of a user (deactivation, password change)."""
    return LoginSession.delete().where(LoginSession.user == user).execute()


def authenticate(username: str, password: str) -> tuple[User | None, str | None]:
    """Check credentials with lockout; returns (user, None) or (None, German error)."""
    user = User.get_or_none(User.username == username.strip())
    now = utcnow()
    if user is not None and user.locked_until and user.locked_until > now:
        return None, _("Zu viele Fehlversuche. Bitte versuchen Sie es in einigen Minuten erneut.")
    try:
        verified = _verify(user, username.strip(), password)
    except ldap_login.DirectoryUnavailable as exc:
        current_app.logger.error("LDAP-Anmeldung nicht möglich: %s", str(exc))
        return None, _(
            "Anmeldedienst nicht erreichbar. Bitte versuchen Sie es in einigen Minuten erneut; "
            "besteht das Problem weiter, wenden Sie sich an die IT."
        )
    if verified is not None and verified.active:
        return verified, None
    if user is not None:
        failures = user.failed_logins + 1
        locked = None
        if failures >= current_app.config["LOGIN_MAX_FAILURES"]:
            locked = now + timedelta(minutes=current_app.config["LOGIN_LOCK_MINUTES"])
            failures = 0
        User.update(failed_logins=failures, locked_until=locked).where(User.id == user.id).execute()
    return None, _("Benutzername oder Passwort ist falsch.")


def _verify(user: User | None, username: str, password: str) -> User | None:
    """The user if the password is right: the local one, or the directory's for accounts without one."""
    if (user is not None and user.password_hash) or not current_app.config["LDAP_ENABLED"]:
        return user if check_password(user, password) else None
    found = ldap_login.authenticate(username, password)
    if found is None or _has_password(found.username):
        return None  # a local account is never taken over through the directory
    from . import users  # users imports this module

    return users.provision(
        found.username, found.display_name, found.email, ldap_login.mapped_access(found.groups)
    )


def _has_password(username: str) -> bool:
    return User.select().where((User.username == username) & User.password_hash.is_null(False)).exists()


@login_manager.user_loader
def _load_user(user_id: str):
    token = session.get("sid")
    if not token:
        return None
    row = (
        LoginSession.select(LoginSession, User)
        .join(User)
        .where((LoginSession.token_hash == _token_hash(token)) & (User.id == int(user_id)))
        .first()
    )
    if row is None or not row.user.active:
        return None
    now = utcnow()
    cfg = current_app.config
    if (now - row.last_seen_at > timedelta(minutes=cfg["SESSION_IDLE_MINUTES"])) or (
        now - row.created_at > timedelta(hours=cfg["SESSION_ABSOLUTE_HOURS"])
    ):
        row.delete_instance()
        return None
    if (now - row.last_seen_at).total_seconds() > 60:
        LoginSession.update(last_seen_at=now).where(LoginSession.id == row.id).execute()
    return row.user


def _sso_login() -> None:
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
        from . import users  # users imports this module

        user = users.provision(username, _header(cfg["SSO_NAME_HEADER"]), _header(cfg["SSO_EMAIL_HEADER"]))
    if not user.active:
        # the proxy vouches for someone else now: the old session must not continue
        if current_user.is_authenticated:
            end_session()
        return
    start_session(user)


def _header(name: str) -> str:
    return request.headers.get(name, "").strip() if name else ""


def own_path() -> str:
    """The requested path with its query string, without the "?" werkzeug's full_path adds to none."""
    query = request.query_string.decode("latin-1")
    return f"{request.path}?{query}" if query else request.path


@login_manager.unauthorized_handler
def _unauthorized():
    """Plain requests go to the login page; htmx requests are told to load it fully."""
    target = url_for("auth.login", next=own_path() if request.method == "GET" else None)
    if request.headers.get("HX-Request"):
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
    app.before_request(_sso_login)
    ldap_login.check_config(app)
