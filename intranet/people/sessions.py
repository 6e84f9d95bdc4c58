"""Server-side sessions: a random token per login, idle and absolute timeouts, a logout that ends it."""

import hashlib
import secrets
from datetime import timedelta

from flask import current_app, session
from flask_login import LoginManager, login_user, logout_user

from intranet.models import LoginSession, User, utcnow
from intranet.platform.db import db

login_manager = LoginManager()
# Sessions are validated server-side below; Flask-Login's own guessing is not needed.
login_manager.session_protection = None


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
