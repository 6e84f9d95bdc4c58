"""Error pages in German: no tracebacks, the same layout, fragments for htmx."""

from flask import Flask, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: (_l("Ungültige Anfrage"), _l("Die Anfrage konnte nicht verarbeitet werden.")),
    403: (_l("Kein Zugriff"), _l("Für diese Seite fehlt Ihnen die Berechtigung.")),
    404: (_l("Nicht gefunden"), _l("Diese Seite gibt es nicht, oder sie ist für Sie nicht sichtbar.")),
    405: (_l("Nicht erlaubt"), _l("Diese Aktion ist auf diesem Weg nicht möglich.")),
    413: (
        _l("Datei zu groß"),
        _l("Die gesendeten Daten überschreiten die erlaubte Größe. Bitte eine kleinere Datei wählen."),
    ),
    429: (_l("Zu viele Anfragen"), _l("Bitte warten Sie einen Moment und versuchen Sie es erneut.")),
    500: (_l("Interner Fehler"), _l("Etwas ist schiefgegangen. Ihre Eingaben wurden nicht gespeichert.")),
}


def error_page(code: int, detail: str | None = None):
    """The German error page (or htmx fragment) for ``code``, with an optional specific text."""
    title, text = MESSAGES.get(
        code, (_l("Fehler %(code)s", code=code), _l("Die Anfrage ist fehlgeschlagen."))
    )
    template = "errors/fragment.html" if request.htmx else "errors/error.html"
    return render_template(template, code=code, title=title, text=detail or text), code


def _http_error(exc: HTTPException):
    return error_page(exc.code or 500)


def _csrf_error(exc: CSRFError):
    return error_page(
        400,
        _(
            "Das Formular ist abgelaufen oder unvollständig (Sicherheitstoken fehlt). "
            "Bitte laden Sie die Seite neu und senden Sie es erneut."
        ),
    )


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
