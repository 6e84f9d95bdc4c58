"""Configuration defaults; overridden by instance/config.py, then INTRANET_* variables."""

#: Marker value that must never reach production (checked in create_app).
DEV_SECRET_KEY = "nur-fuer-entwicklung-und-demo"

SECRET_KEY = DEV_SECRET_KEY
#: Empty means SQLite file ``intranet.sqlite3`` in the instance folder.
DATABASE_URL = ""
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

BABEL_DEFAULT_LOCALE = "de"
BABEL_DEFAULT_TIMEZONE = "Europe/Berlin"
LANGUAGES = ("de", "en")

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
MAIL_PASSWORD = ""
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

#: Folder with pg_dump/pg_restore for backups; empty = newest /usr/lib/postgresql/*/bin, then PATH.
PG_BIN_DIR = ""
