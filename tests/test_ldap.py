"""LDAP login against a real OpenLDAP slapd, group mapping, provisioning of LDAP and SSO users."""

import gc
import sys

import pytest

from intranet import create_app
from intranet.models import AuditEvent, User
from intranet.people import ldap
from intranet.platform.db import db

from . import ldap_server
from .conftest import PASSWORD as LOCAL_PASSWORD
from .ldap_server import GUARDA_GROUP, PASSWORD, PERSONAL_GROUP, LdapServer

WRONG = "Benutzername oder Passwort ist falsch."
DOWN = "Anmeldedienst nicht erreichbar."


@pytest.fixture(scope="session")
def directory():
    """slapd with the test tree, for the whole session."""
    server = LdapServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


@pytest.fixture
def ldap_app(app, directory):
    """The test app logging in against the directory through the service account."""
    app.config.update(
        LDAP_ENABLED=True,
        LDAP_URL=directory.url,
        LDAP_BIND_DN=ldap_server.SERVICE_DN,
        LDAP_BIND_PASSWORD=ldap_server.SERVICE_PASSWORD,
        LDAP_BASE_DN=ldap_server.BASE,
    )
    return app


def log_in(client, username, password):
    client.post("/abmelden")
    return client.post("/anmelden", data={"username": username, "password": password})


def account(app, username):
    """(roles, city scopes, has a password) of a user, None if there is no such account."""
    with app.app_context(), db.connection_context():
        user = User.get_or_none(User.username == username)
        return None if user is None else (user.roles, user.city_scopes, user.password_hash is not None)


def actions(app, username):
    with app.app_context(), db.connection_context():
        user = User.get(User.username == username)
        rows = AuditEvent.select().where(
            (AuditEvent.object_type == "user") & (AuditEvent.object_id == user.id)
        )
        return [row.action for row in rows.order_by(AuditEvent.id)]


def test_right_password_logs_in_and_provisions_an_employee(ldap_app, client):
    response = log_in(client, "lehmann", PASSWORD)
    assert response.status_code == 302
    assert "Lea Lehmann" in client.get("/bewerbungen/").text
    assert account(ldap_app, "lehmann") == ({"employee"}, set(), False)
    with ldap_app.app_context(), db.connection_context():
        assert User.get(User.username == "lehmann").email == "lehmann@siegburg.test"
    assert actions(ldap_app, "lehmann") == ["user_created"]
    assert log_in(client, "lehmann", PASSWORD).status_code == 302  # the second time: same account
    assert actions(ldap_app, "lehmann") == ["user_created"]


@pytest.mark.parametrize(
    "username, password",
    [("lehmann", "falsch"), ("niemand", PASSWORD), ("*", PASSWORD), ("lehmann)(uid=*", PASSWORD)],
)
def test_wrong_password_or_unknown_user_gets_the_usual_message(ldap_app, client, username, password):
    response = log_in(client, username, password)
    assert response.status_code == 401 and WRONG in response.text
    assert f'value="{username}"' in response.text
    with ldap_app.app_context(), db.connection_context():
        assert User.select().count() == 0


def test_group_mapping_decides_roles_and_city_scopes_at_every_login(ldap_app, client):
    # the mapping's DNs are compared without regard to case and blanks
    ldap_app.config["LDAP_GROUP_ROLES"] = {PERSONAL_GROUP.upper().replace(",", ", "): ["hr"]}
    ldap_app.config["LDAP_GROUP_CITIES"] = {GUARDA_GROUP: ["guarda"]}
    for username in ("petersen", "gomes", "lehmann"):
        assert log_in(client, username, PASSWORD).status_code == 302
    assert account(ldap_app, "petersen") == ({"hr"}, set(), False)
    assert account(ldap_app, "gomes") == ({"city_admin"}, {"guarda"}, False)
    assert account(ldap_app, "lehmann") == ({"employee"}, set(), False)
    assert client.get("/personal/").status_code == 404  # lehmann is logged in

    ldap_app.config["LDAP_GROUP_ROLES"] = {}  # personal is no longer mapped to hr
    assert log_in(client, "petersen", PASSWORD).status_code == 302
    assert account(ldap_app, "petersen") == ({"employee"}, set(), False)
    assert actions(ldap_app, "petersen") == ["user_created", "user_roles_changed"]


def test_without_a_mapping_the_roles_an_admin_gave_stay(ldap_app, client):
    from intranet.people.users import set_roles

    assert log_in(client, "lehmann", PASSWORD).status_code == 302
    with ldap_app.app_context(), db.connection_context():
        set_roles("lehmann", ["hr"])
    assert log_in(client, "lehmann", PASSWORD).status_code == 302
    assert account(ldap_app, "lehmann") == ({"hr"}, set(), False)


def test_the_directory_cannot_take_over_a_local_account(ldap_app, client, people):
    assert log_in(client, "anna", PASSWORD).status_code == 401  # the directory's anna
    assert log_in(client, "anna", LOCAL_PASSWORD).status_code == 302
    assert account(ldap_app, "anna") == ({"employee"}, set(), True)


def test_a_deactivated_directory_user_is_refused(ldap_app, client):
    assert log_in(client, "lehmann", PASSWORD).status_code == 302
    with ldap_app.app_context(), db.connection_context():
        User.update(active=False).where(User.username == "lehmann").execute()
    response = log_in(client, "lehmann", PASSWORD)
    assert response.status_code == 401 and WRONG in response.text


@pytest.mark.parametrize(
    "setting",
    [
        {"LDAP_URL": "ldap://127.0.0.1:9"},  # nothing listens there
        {"LDAP_BIND_PASSWORD": "falsch"},  # the service account is refused
        {"LDAP_STARTTLS": True},  # the self-signed certificate is not trusted
    ],
)
def test_an_unusable_directory_gives_a_clear_message_not_a_500(ldap_app, client, setting):
    ldap_app.config.update(setting)
    response = log_in(client, "lehmann", PASSWORD)
    assert response.status_code == 401
    assert DOWN in response.text and WRONG not in response.text
    assert 'value="lehmann"' in response.text


def test_starttls_with_the_directory_ca(ldap_app, client, directory):
    ldap_app.config.update(LDAP_STARTTLS=True, LDAP_CA_FILE=directory.ca_file)
    assert log_in(client, "lehmann", PASSWORD).status_code == 302


def test_starttls_checks_the_host_name(ldap_app, client, directory, monkeypatch):
    # ldap3 drops the TLS socket of a refused host name without closing it: collect it here
    dropped = []
    monkeypatch.setattr(sys, "unraisablehook", dropped.append)
    url = directory.url.replace("127.0.0.1", "localhost")  # the certificate names 127.0.0.1 only
    ldap_app.config.update(LDAP_STARTTLS=True, LDAP_CA_FILE=directory.ca_file, LDAP_URL=url)
    assert DOWN in log_in(client, "lehmann", PASSWORD).text
    gc.collect()
    assert all("SSLSocket" in repr(leak.object) for leak in dropped)


def test_an_empty_password_is_never_sent_as_an_anonymous_bind(ldap_app):
    with ldap_app.app_context():
        assert ldap.authenticate("lehmann", "") is None
        assert ldap.authenticate("lehmann", PASSWORD).groups == frozenset()


@pytest.mark.parametrize(
    "setting, unknown",
    [
        ({"LDAP_GROUP_ROLES": {"cn=chefs": ["chef"]}}, "chef"),
        ({"LDAP_GROUP_CITIES": {"cn=x": ["atlantis"]}}, "atlantis"),
        ({"LDAP_GROUP_ROLES": "cn=personal"}, "JSON-Objekt erwartet"),
        ({"LDAP_GROUP_CITIES": {"cn=x": "guarda"}}, "JSON-Objekt erwartet"),
    ],
)
def test_a_mapping_to_unknown_roles_or_cities_stops_the_start(tmp_path, setting, unknown):
    config = {"TESTING": True, "SECRET_KEY": "l" * 40, "INSTANCE_PATH": str(tmp_path)}
    with pytest.raises(RuntimeError, match=unknown):
        create_app(config | setting)


def test_sso_first_login_provisions_an_employee(app, client):
    app.config.update(SSO_ENABLED=True, SSO_NAME_HEADER="X-Remote-Name", SSO_EMAIL_HEADER="X-Remote-Email")
    headers = {"X-Remote-User": "neu", "X-Remote-Name": "Nina Neu", "X-Remote-Email": "neu@siegburg.test"}
    response = client.get("/bewerbungen/", headers=headers)
    assert response.status_code == 200 and "Nina Neu" in response.text
    assert account(app, "neu") == ({"employee"}, set(), False)
    with app.app_context(), db.connection_context():
        User.update(active=False).where(User.username == "neu").execute()
    assert client.get("/bewerbungen/", headers=headers).status_code == 302
    assert client.get("/bewerbungen/", headers={"X-Remote-User": "x" * 151}).status_code == 302
