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
MAX_CONTENT_LENGTH = 10 * 1024 * 1024

#: Applications per page in lists.
PAGE_SIZE = 25
