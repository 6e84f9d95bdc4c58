"""Login against LDAP / Active Directory (ldap3): find the person with the service account,
bind as them with the typed password, read their groups and map groups to roles and cities.
"""

import ssl
from contextlib import contextmanager, suppress
from dataclasses import dataclass

import ldap3
from flask import Flask, current_app
from ldap3.core.exceptions import LDAPException
from ldap3.utils.conv import escape_filter_chars

from intranet.models import ROLES


class DirectoryUnavailable(RuntimeError):
    """The directory cannot be reached, or refuses the service account (configuration)."""


@dataclass(frozen=True)
class DirectoryUser:
    """A person the directory vouched for."""

    username: str
    display_name: str
    email: str
    groups: frozenset[str]


def normalize_dn(dn: str) -> str:
    """A DN in the form used for comparisons: lower case, no blanks around the commas."""
    return ",".join(part.strip() for part in dn.lower().split(","))


@contextmanager
def _bind(user: str | None = None, password: str | None = None):
    """A connection bound as ``user`` (anonymously without one); see ``.bound``. Closed afterwards."""
    cfg = current_app.config
    tls = ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=cfg["LDAP_CA_FILE"] or None)
    server = ldap3.Server(cfg["LDAP_URL"], tls=tls, get_info=ldap3.NONE, connect_timeout=cfg["LDAP_TIMEOUT"])
    conn = ldap3.Connection(
        server,
        user=user,
        password=password,
        receive_timeout=cfg["LDAP_TIMEOUT"],
        auto_bind=ldap3.AUTO_BIND_NONE,
    )
    try:
        conn.open()
        if cfg["LDAP_STARTTLS"]:
            conn.start_tls()
        conn.bind()
        yield conn
    finally:
        with suppress(LDAPException):  # a failed goodbye on a broken connection changes nothing
            conn.unbind()
        if conn.socket is not None:  # ldap3 leaves the socket of a failed connect or handshake open
            conn.socket.close()


def _first(entry, attribute: str) -> str:
    values = entry["attributes"].get(attribute) or []
    return str(values[0]) if isinstance(values, list) and values else str(values or "")


def _find(conn: ldap3.Connection, username: str):
    cfg = current_app.config
    query = cfg["LDAP_USER_FILTER"].format(username=escape_filter_chars(username))
    attributes = [cfg["LDAP_ATTR_USERNAME"], cfg["LDAP_ATTR_NAME"], cfg["LDAP_ATTR_EMAIL"]]
    conn.search(cfg["LDAP_BASE_DN"], query, attributes=attributes, size_limit=2)
    entries = [e for e in conn.response or [] if e.get("type") == "searchResEntry"]
    return entries[0] if len(entries) == 1 else None  # two hits: ambiguous filter, nobody


def _groups(conn: ldap3.Connection, dn: str) -> frozenset[str]:
    cfg = current_app.config
    query = cfg["LDAP_GROUP_FILTER"].format(dn=escape_filter_chars(dn))
    conn.search(cfg["LDAP_GROUP_BASE_DN"] or cfg["LDAP_BASE_DN"], query, attributes=[])
    return frozenset(normalize_dn(e["dn"]) for e in conn.response or [] if e.get("type") == "searchResEntry")


def authenticate(username: str, password: str) -> DirectoryUser | None:
    """The directory's record of ``username`` if ``password`` is right, else None."""
    if not password:
        return None  # an empty password makes an anonymous bind, which servers accept
    cfg = current_app.config
    try:
        with _bind(cfg["LDAP_BIND_DN"] or None, cfg["LDAP_BIND_PASSWORD"] or None) as service:
            if not service.bound:
                raise DirectoryUnavailable(f"service bind refused: {service.result.get('description')}")
            return _verify(service, username, password)
    except LDAPException as exc:
        raise DirectoryUnavailable(f"{type(exc).__name__}: {exc}") from exc


def _verify(service: ldap3.Connection, username: str, password: str) -> DirectoryUser | None:
    cfg = current_app.config
    entry = _find(service, username)
    if entry is None:
        return None
    with _bind(entry["dn"], password) as personal:
        if not personal.bound:
            return None
    return DirectoryUser(
        username=_first(entry, cfg["LDAP_ATTR_USERNAME"]) or username,
        display_name=_first(entry, cfg["LDAP_ATTR_NAME"]) or username,
        email=_first(entry, cfg["LDAP_ATTR_EMAIL"]),
        groups=_groups(service, entry["dn"]),
    )


def mapped_access(groups: frozenset[str]) -> tuple[list[str], list[str]] | None:
    """(roles, cities) from LDAP_GROUP_ROLES/LDAP_GROUP_CITIES; None when no mapping is set."""
    cfg = current_app.config
    role_map = {normalize_dn(k): v for k, v in cfg["LDAP_GROUP_ROLES"].items()}
    city_map = {normalize_dn(k): v for k, v in cfg["LDAP_GROUP_CITIES"].items()}
    if not role_map and not city_map:
        return None
    roles = {role for group in groups for role in role_map.get(group, ())}
    cities = {city for group in groups for city in city_map.get(group, ())}
    if cities:
        roles.add("city_admin")
    return sorted(roles or {"employee"}), sorted(cities)


def check_config(app: Flask) -> None:
    """Refuse to start with a group mapping that is malformed or names unknown roles or cities."""
    mappings = {key: app.config[key] for key in ("LDAP_GROUP_ROLES", "LDAP_GROUP_CITIES")}
    for key, mapping in mappings.items():
        if not isinstance(mapping, dict) or not all(isinstance(v, list) for v in mapping.values()):
            raise RuntimeError(f'{key}: JSON-Objekt erwartet / expected, e.g. {{"cn=…": ["…"]}}')
    roles = {r for names in mappings["LDAP_GROUP_ROLES"].values() for r in names}
    cities = {c for names in mappings["LDAP_GROUP_CITIES"].values() for c in names}
    unknown = sorted(roles - set(ROLES)) + sorted(c for c in cities if c not in app.extensions["cities"])
    if unknown:
        raise RuntimeError(f"LDAP_GROUP_ROLES/LDAP_GROUP_CITIES: unbekannt / unknown: {', '.join(unknown)}")
