"""A throwaway OpenLDAP server for the tests (RECIPES.md): slapd in the foreground on 127.0.0.1,
a small directory of the city loaded with slapadd, a self-signed certificate for StartTLS."""

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

SBIN = Path("/usr/sbin")
BASE = "dc=siegburg,dc=test"
SERVICE_DN = f"cn=intranet,ou=services,{BASE}"
SERVICE_PASSWORD = "dienst-geheim"
PERSONAL_GROUP = f"cn=personal,ou=groups,{BASE}"
GUARDA_GROUP = f"cn=partnerstadt-guarda,ou=groups,{BASE}"

#: uid → display name; everyone has PASSWORD
PEOPLE = {
    "lehmann": "Lea Lehmann",
    "petersen": "Paul Petersen",
    "gomes": "Gil Gomes",
    "anna": "Anna aus dem Verzeichnis",
}
PASSWORD = "verzeichnis-123"

CONFIG = """\
include /etc/ldap/schema/core.schema
include /etc/ldap/schema/cosine.schema
include /etc/ldap/schema/inetorgperson.schema
pidfile {root}/slapd.pid
modulepath /usr/lib/ldap
moduleload back_mdb
TLSCertificateFile {root}/cert.pem
TLSCertificateKeyFile {root}/key.pem
database mdb
maxsize 10485760
suffix "{base}"
rootdn "cn=admin,{base}"
directory {root}/data
access to attrs=userPassword by self read by anonymous auth by * none
access to * by dn.exact="{service}" read by self read by * none
"""


def _tree() -> str:
    entries = [
        f"dn: {BASE}\nobjectClass: dcObject\nobjectClass: organization\ndc: siegburg\no: Stadt Siegburg",
        f"dn: ou=people,{BASE}\nobjectClass: organizationalUnit\nou: people",
        f"dn: ou=groups,{BASE}\nobjectClass: organizationalUnit\nou: groups",
        f"dn: ou=services,{BASE}\nobjectClass: organizationalUnit\nou: services",
        f"dn: {SERVICE_DN}\nobjectClass: person\ncn: intranet\nsn: intranet\n"
        f"userPassword: {SERVICE_PASSWORD}",
    ]
    for uid, name in PEOPLE.items():
        entries.append(
            f"dn: uid={uid},ou=people,{BASE}\nobjectClass: inetOrgPerson\nuid: {uid}\ncn: {name}\n"
            f"sn: {name.split()[-1]}\ndisplayName: {name}\nmail: {uid}@siegburg.test\n"
            f"userPassword: {PASSWORD}"
        )
    for dn, members in ((PERSONAL_GROUP, ["petersen"]), (GUARDA_GROUP, ["gomes"])):
        lines = "\n".join(f"member: uid={m},ou=people,{BASE}" for m in members)
        entries.append(f"dn: {dn}\nobjectClass: groupOfNames\ncn: {dn.split(',')[0][3:]}\n{lines}")
    return "\n\n".join(entries) + "\n"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class LdapServer:
    """slapd as a foreground child process; ``url`` and ``ca_file`` for the app's config."""

    def __init__(self):
        self.root = Path(tempfile.mkdtemp(prefix="intranet-ldap-"))
        self.port = _free_port()
        self.url = f"ldap://127.0.0.1:{self.port}"
        self.ca_file = str(self.root / "cert.pem")
        self.process = None

    def start(self) -> None:
        (self.root / "data").mkdir()
        self._certificate()
        config = self.root / "slapd.conf"
        config.write_text(CONFIG.format(root=self.root, base=BASE, service=SERVICE_DN))
        (self.root / "tree.ldif").write_text(_tree())
        subprocess.run(
            [SBIN / "slapadd", "-f", config, "-l", self.root / "tree.ldif"], check=True, capture_output=True
        )
        self.process = subprocess.Popen(
            [SBIN / "slapd", "-d", "0", "-f", config, "-h", f"{self.url}/"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while not self._listening():
            if time.monotonic() > deadline or self.process.poll() is not None:
                raise RuntimeError("slapd did not start")
            time.sleep(0.05)

    def _certificate(self) -> None:
        subprocess.run(
            ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"]
            + ["-keyout", self.root / "key.pem", "-out", self.ca_file, "-days", "2", "-subj", "/CN=127.0.0.1"]
            + ["-addext", "subjectAltName=IP:127.0.0.1", "-addext", "basicConstraints=critical,CA:TRUE"],
            check=True,
            capture_output=True,
        )

    def _listening(self) -> bool:
        with socket.socket() as s:
            return s.connect_ex(("127.0.0.1", self.port)) == 0

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)
        shutil.rmtree(self.root, ignore_errors=True)
