"""User administration as plain functions for the command line, the login and the admin pages."""

from flask_babel import gettext as _
from peewee import fn

from intranet.models import ROLES, CityScope, User, UserRole
from intranet.people.passwords import hash_password
from intranet.people.sessions import end_all_sessions
from intranet.platform.audit import record
from intranet.platform.db import db


class UserError(ValueError):
    """A user change that cannot be made; the message is German."""


def _replace_roles(user: User, roles, cities) -> None:
    unknown = set(roles) - set(ROLES)
    if unknown:
        raise UserError(f"Unbekannte Rolle: {', '.join(sorted(unknown))}")
    if cities and "city_admin" not in roles:
        raise UserError("Städte können nur der Rolle city_admin zugeordnet werden.")
    UserRole.delete().where(UserRole.user == user).execute()
    CityScope.delete().where(CityScope.user == user).execute()
    UserRole.insert_many([{"user": user, "role": r} for r in sorted(set(roles))]).execute()
    if cities:
        CityScope.insert_many([{"user": user, "city": c} for c in sorted(set(cities))]).execute()


def create_user(
    username, display_name, email, roles=("employee",), cities=(), password=None, **profile
) -> User:
    """Create a user with roles, city scopes and optional password and profile fields."""
    if User.get_or_none(User.username == username):
        raise UserError(f"Benutzername {username} ist bereits vergeben.")
    with db.atomic():
        user = User.create(
            username=username,
            display_name=display_name,
            email=email,
            password_hash=hash_password(password) if password else None,
            **profile,
        )
        _replace_roles(user, roles, cities)
        record(None, "user_created", user, None, _access(user))
    return user


def _access(user: User) -> dict:
    return {
        "roles": sorted(r.role for r in user.role_rows),
        "cities": sorted(s.city for s in user.scope_rows),
    }


def _change_access(actor, user: User, roles, cities) -> bool:
    """Replace roles and scopes with one audit row and end the user's sessions; False if unchanged."""
    before = _access(user)
    if before == {"roles": sorted(set(roles)), "cities": sorted(set(cities))}:
        return False
    _replace_roles(user, roles, cities)
    record(actor, "user_roles_changed", user, before, _access(user))
    end_all_sessions(user)  # the change applies at once, not at the next login
    return True


def set_roles(username, roles, cities=()) -> User:
    """Replace roles and scopes (command line, group mapping); the user's sessions end."""
    user = User.get_or_none(User.username == username)
    if user is None:
        raise UserError(f"Benutzer {username} gibt es nicht.")
    with db.atomic():
        _change_access(None, user, roles, cities)
    return User.get_by_id(user.id)


def provision(username, display_name, email, access=None) -> User:
    """An SSO or LDAP user at login: an employee account the first time; ``access`` (roles, cities)
    from a group mapping replaces the account's roles whenever they differ."""
    user = User.get_or_none(User.username == username)
    if user is None:
        roles, cities = access or (("employee",), ())
        return create_user(username, display_name[:200] or username, email[:254], roles, cities)
    return set_roles(username, *access) if access is not None else user


def _guard_self(actor, user: User, keeps_admin: bool, stays_active: bool) -> None:
    """Admins cannot lock themselves out; since the actor stays an admin, one always remains."""
    if user.id == actor.id and not stays_active:
        raise UserError(_("Sie können sich nicht selbst deaktivieren."))
    if user.id == actor.id and not keeps_admin:
        raise UserError(_("Ihre eigene Rolle Administration können Sie nicht entfernen."))


def update_access(actor, user: User, roles, cities) -> bool:
    """Admin page: replace a user's roles and city scopes; False if nothing changed."""
    with db.atomic():
        _guard_self(actor, user, "admin" in roles, user.active)
        return _change_access(actor, user, roles, cities)


def set_active(actor, user: User, active: bool) -> bool:
    """Deactivate (ending every session) or reactivate a user; False if already so."""
    if user.active == active:
        return False
    with db.atomic():
        _guard_self(actor, user, user.has_role("admin"), active)
        User.update(active=active).where(User.id == user.id).execute()
        record(
            actor,
            "user_activated" if active else "user_deactivated",
            user,
            {"active": user.active},
            {"active": active},
        )
        if not active:
            end_all_sessions(user)
    return True


def search(text: str = "", role: str = "", state: str = ""):
    """Users whose user name, name or e-mail contains ``text``, optionally by role and state."""
    rows = User.select()
    if text:
        needle = text.lower()
        rows = rows.where(
            fn.LOWER(User.username).contains(needle)
            | fn.LOWER(User.display_name).contains(needle)
            | fn.LOWER(User.email).contains(needle)
        )
    if role in ROLES:
        rows = rows.where(User.id.in_(UserRole.select(UserRole.user).where(UserRole.role == role)))
    if state in ("active", "inactive"):
        rows = rows.where(User.active == (state == "active"))
    return rows.order_by(User.display_name, User.username)


def load_access(rows: list[User]) -> None:
    """Fill the role and city caches of a page of users with two queries instead of two per user."""
    ids = [user.id for user in rows]
    roles: dict[int, set] = {i: set() for i in ids}
    scopes: dict[int, set] = {i: set() for i in ids}
    for user_id, role in UserRole.select(UserRole.user, UserRole.role).where(UserRole.user.in_(ids)).tuples():
        roles[user_id].add(role)
    for user_id, city in (
        CityScope.select(CityScope.user, CityScope.city).where(CityScope.user.in_(ids)).tuples()
    ):
        scopes[user_id].add(city)
    for user in rows:
        user._roles, user._scopes = roles[user.id], scopes[user.id]


def all_users():
    """All users by user name."""
    return list(User.select().order_by(User.username))
