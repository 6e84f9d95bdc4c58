"""Error pages in German: no tracebacks, the same layout, fragments for htmx."""

from flask import Flask, render_template, request
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException

MESSAGES = {
    400: ("Ungültige Anfrage", "Die Anfrage konnte nicht verarbeitet werden."),
    403: ("Kein Zugriff", "Für diese Seite fehlt Ihnen die Berechtigung."),
    404: ("Nicht gefunden", "Diese Seite gibt es nicht, oder sie ist für Sie nicht sichtbar."),
    405: ("Nicht erlaubt", "Diese Aktion ist auf diesem Weg nicht möglich."),
    413: (
        "Datei zu groß",
        "Die gesendeten Daten überschreiten die erlaubte Größe. Bitte eine kleinere Datei wählen.",
    ),
    429: ("Zu viele Anfragen", "Bitte warten Sie einen Moment und versuchen Sie es erneut."),
    500: ("Interner Fehler", "Etwas ist schiefgegangen. Ihre Eingaben wurden nicht gespeichert."),
}


def _page(code: int, detail: str | None = None):
    title, text = MESSAGES.get(code, (f"Fehler {code}", "Die Anfrage ist fehlgeschlagen."))
    template = "errors/fragment.html" if request.headers.get("HX-Request") else "errors/error.html"
    return render_template(template, code=code, title=title, text=detail or text), code


def _http_error(exc: HTTPException):
    return _page(exc.code or 500)


def _csrf_error(exc: CSRFError):
    return _page(
        400,
        "Das Formular ist abgelaufen oder unvollständig (Sicherheitstoken fehlt). "
        "Bitte laden Sie die Seite neu und senden Sie es erneut.",
    )


def init_app(app: Flask) -> None:
    """Register the handlers."""
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(HTTPException, _http_error)
