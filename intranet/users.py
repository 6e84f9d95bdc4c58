"""User administration as plain functions (CLI now, admin pages later)."""

from .audit import record
from .auth import end_all_sessions, hash_password
from .db import db
from .models import ROLES, CityScope, User, UserRole


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


def set_roles(username, roles, cities=()) -> User:
    """Replace roles and scopes; the user's sessions end so the change applies at once."""
    user = User.get_or_none(User.username == username)
    if user is None:
        raise UserError(f"Benutzer {username} gibt es nicht.")
    with db.atomic():
        before = _access(user)
        _replace_roles(user, roles, cities)
        record(None, "user_roles_changed", user, before, _access(user))
        end_all_sessions(user)
    return user


def provision(username, display_name, email, access=None) -> User:
    """An SSO or LDAP user at login: an employee account the first time; ``access`` (roles, cities)
    from a group mapping replaces the account's roles whenever they differ."""
    user = User.get_or_none(User.username == username)
    if user is None:
        roles, cities = access or (("employee",), ())
        return create_user(username, display_name[:200] or username, email[:254], roles, cities)
    if access is not None and _access(user) != {"roles": sorted(access[0]), "cities": sorted(access[1])}:
        set_roles(username, *access)
        user = User.get_by_id(user.id)
    return user


def all_users():
    """All users by user name."""
    return list(User.select().order_by(User.username))
