"""The login decision: local password or the directory, with lockout after repeated failures."""

from datetime import timedelta

from flask import current_app
from flask_babel import gettext as _

from intranet.models import User, utcnow
from intranet.people import ldap, users
from intranet.people.passwords import check_password


def authenticate(username: str, password: str) -> tuple[User | None, str | None]:
    """Check credentials with lockout; returns (user, None) or (None, German error)."""
    user = User.get_or_none(User.username == username.strip())
    now = utcnow()
    if user is not None and user.locked_until and user.locked_until > now:
        return None, _("Zu viele Fehlversuche. Bitte versuchen Sie es in einigen Minuten erneut.")
    try:
        verified = _verify(user, username.strip(), password)
    except ldap.DirectoryUnavailable as exc:
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
    found = ldap.authenticate(username, password)
    if found is None or _has_password(found.username):
        return None  # a local account is never taken over through the directory
    return users.provision(found.username, found.display_name, found.email, ldap.mapped_access(found.groups))


def _has_password(username: str) -> bool:
    return User.select().where((User.username == username) & User.password_hash.is_null(False)).exists()
