"""Configuration defaults; overridden by instance/config.py, then INTRANET_* variables."""

#: Marker value that must never reach production (checked in create_app).
DEV_SECRET_KEY = "nur-fuer-entwicklung-und-demo"  # nosec B105

SECRET_KEY = DEV_SECRET_KEY
#: Empty means SQLite file ``intranet.sqlite3`` in the instance folder.
DATABASE_URL = ""
#: Most PostgreSQL connections one app process keeps open in its pool (docs/deployment.md,
#: "Mehrere App-Server"): a gunicorn sync worker uses one, a threaded server one per thread.
#: 0 = no pool, a connection per request.
DATABASE_POOL_SIZE = 20
#: Seconds a request waits for a free pooled connection before it fails.
DATABASE_POOL_TIMEOUT = 10
#: Pooled connections older than this many seconds are closed and replaced (0 = never), so
#: connections move to a new server behind PgBouncer or a failover address in time.
DATABASE_POOL_RECYCLE_SECONDS = 600
#: Demo mode allows the development secret key and shows the demo banner.
DEMO = False

SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_IDLE_MINUTES = 30
SESSION_ABSOLUTE_HOURS = 10

#: Failed logins before an account is locked for LOGIN_LOCK_MINUTES.
LOGIN_MAX_FAILURES = 5
LOGIN_LOCK_MINUTES = 15

#: Trusted single sign-on header set by the reverse proxy; honoured only when enabled.
SSO_ENABLED = False
SSO_HEADER = "X-Remote-User"
#: Optional headers with display name and e-mail, used when an SSO user is provisioned.
SSO_NAME_HEADER = ""
SSO_EMAIL_HEADER = ""

#: Login against LDAP / Active Directory for accounts without a local password (docs/deployment.md).
LDAP_ENABLED = False
#: ldap://host:389 (best with LDAP_STARTTLS) or ldaps://host:636
LDAP_URL = "ldap://localhost:389"
LDAP_STARTTLS = False
#: CA certificates (PEM file) that verify the directory's certificate; empty = the system's.
LDAP_CA_FILE = ""
#: Service account that searches for people and groups; empty = anonymous search.
LDAP_BIND_DN = ""
#: empty default; the real one is set in the instance config or INTRANET_LDAP_BIND_PASSWORD
LDAP_BIND_PASSWORD = ""  # nosec B105
LDAP_BASE_DN = ""
#: ``{username}`` is the escaped login name. AD: "(&(objectClass=user)(sAMAccountName={username}))"
LDAP_USER_FILTER = "(&(objectClass=inetOrgPerson)(uid={username}))"
#: Attributes for the user name (AD: sAMAccountName), display name and e-mail address.
LDAP_ATTR_USERNAME = "uid"
LDAP_ATTR_NAME = "displayName"
LDAP_ATTR_EMAIL = "mail"
#: ``{dn}`` is the person's DN. AD with nested groups: "(member:1.2.840.113556.1.4.1941:={dn})"
LDAP_GROUP_FILTER = "(&(objectClass=groupOfNames)(member={dn}))"
#: Where groups are searched; empty = LDAP_BASE_DN.
LDAP_GROUP_BASE_DN = ""
#: Group DN → roles, e.g. {"cn=personal,ou=groups,dc=siegburg,dc=de": ["hr"]}. When this or
#: LDAP_GROUP_CITIES is set, the groups decide the roles of directory users at every login.
LDAP_GROUP_ROLES = {}
#: Group DN → partner-city slugs the members administer (they get the role city_admin).
LDAP_GROUP_CITIES = {}
#: Seconds to wait for the directory.
LDAP_TIMEOUT = 5

BABEL_DEFAULT_LOCALE = "de"
BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
LANGUAGES = ("de", "en")
#: a first visit gets LANGUAGES[0]; True: the browser's language instead (INTRANET_LANGUAGE_FROM_BROWSER)
LANGUAGE_FROM_BROWSER = False

WTF_CSRF_TIME_LIMIT = None
WTF_CSRF_SSL_STRICT = False
#: Largest request in bytes; keep it above DOCUMENT_MAX_BYTES so uploads get the precise message.
MAX_CONTENT_LENGTH = 10 * 1024 * 1024

#: Largest uploaded document in bytes.
DOCUMENT_MAX_BYTES = 5 * 1024 * 1024
#: Virus scanner command line that reads the file on stdin and exits 0 for a clean file,
#: e.g. "clamdscan --no-summary -"; empty = no scanner. Any other result refuses the upload.
VIRUS_SCANNER = ""
#: Seconds the scanner may take before the upload is refused.
VIRUS_SCANNER_TIMEOUT = 30
#: Where documents and letter PDFs are kept: "filesystem" (instance/documents, one app host) or
#: "database" (in the database, written with their rows: several hosts); switch with
#: ``flask --app intranet documents migrate-storage --to …`` (docs/deployment.md).
STORAGE_BACKEND = "filesystem"

#: Applications per page in lists.
PAGE_SIZE = 25

#: Start of the links in e-mails written outside a request (e.g. by a command).
BASE_URL = "http://127.0.0.1:5000"

#: Where ``flask mail send`` delivers: "file" (instance/mail/*.eml), "console" or "smtp".
MAIL_BACKEND = "file"
MAIL_FROM = "Partnerstadt-Praktikum <praktikum@localhost>"
MAIL_HOST = "localhost"
MAIL_PORT = 25
#: "none", "starttls" (usually port 587) or "tls" (implicit TLS, usually port 465).
MAIL_SECURITY = "none"
#: Empty user name: no SMTP login.
MAIL_USERNAME = ""
#: empty default; the real one is set in the instance config or INTRANET_MAIL_PASSWORD
MAIL_PASSWORD = ""  # nosec B105
#: Seconds to wait for the SMTP server.
MAIL_TIMEOUT = 10
#: Failed attempts after which a message is marked failed and no longer retried.
MAIL_MAX_ATTEMPTS = 5
#: Wait after the first failed attempt, doubled after each further one (5 min → 5/10/20/40).
MAIL_RETRY_SECONDS = 300

#: One JSON object per log line (for a log collector) instead of plain text.
LOG_JSON = False
LOG_LEVEL = "INFO"
#: /health fails when a queued e-mail has waited this many minutes past its due time.
HEALTH_OUTBOX_MAX_MINUTES = 60

#: Budget account (Sachkonto) that approvals reserve against, in the year the stay starts.
BUDGET_ACCOUNT = "549904"

#: Longest run of a periodic job (retention, document cleanup): its lease lets no other host
#: start the job for this long, and a host that died mid-run holds it no longer (platform/jobs.py).
JOB_LEASE_MINUTES = 60

#: Folder with pg_dump/pg_restore for backups; empty = newest /usr/lib/postgresql/*/bin, then PATH.
PG_BIN_DIR = ""

#: Retention periods per kind of record, enforced by ``flask --app intranet retention run``
#: (docs/operations.md explains each key and why; override one key with e.g.
#: INTRANET_RETENTION__rejected_applications_months=3). 0 or less switches a rule off.
RETENTION = {
    "rejected_applications_months": 6,
    "withdrawn_applications_months": 6,
    "abandoned_drafts_months": 12,
    "documents_after_stay_months": 6,
    "completed_applications_years": 3,
    "inbound_trainees_after_stay_months": 12,
    "unused_host_families_years": 2,
    "outbox_days": 30,
    "login_sessions_days": 1,
    "feed_tokens_revoked_days": 30,
}

#: Controller and data-protection officer's contact named in the record of processing activities.
PRIVACY_CONTROLLER = "Kreisstadt Siegburg"
PRIVACY_DPO = ""

#: Reverse proxies in front of the app whose X-Forwarded-For is trusted for the client's address
#: (1 with the nginx of docs/deployment.md; 0 = the connection's address). The partner links'
#: throttle counts per client address.
TRUSTED_PROXIES = 0

#: A partner link (docs/partners.md) opens until the stay's last day plus this many days.
PARTNER_LINK_DAYS_AFTER_STAY = 30
#: Days without an answer from the host administration before ``partners remind`` writes again.
PARTNER_REMINDER_DAYS = 7
#: Refused partner-link lookups per client within 15 minutes before further ones are refused.
PARTNER_LINK_MAX_MISSES = 10
