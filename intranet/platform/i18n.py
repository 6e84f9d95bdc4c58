"""UI language (German first, English second) and German formats for dates and money."""

from contextlib import contextmanager
from datetime import date, datetime

from babel.numbers import format_currency, format_decimal
from flask import Flask, current_app, g, has_request_context, request, session
from flask_babel import (
    Babel,
    force_locale,
    format_date,
    format_datetime,
    get_locale,
    get_translations,
    refresh,
)

babel = Babel()


def select_locale() -> str:
    """The language chosen in the session, else the configured default (German; docs/decisions.md).

    The browser's language counts only where the city configures ``LANGUAGE_FROM_BROWSER``: a PC
    set to en-US must not turn a German intranet English."""
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # CLI commands speak German
        return languages[0]
    if "forced_locale" in g:
        return g.forced_locale
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    if current_app.config.get("LANGUAGE_FROM_BROWSER"):
        return request.accept_languages.best_match(languages) or languages[0]
    return languages[0]


def use_locale(language: str) -> None:
    """Render the rest of this request in ``language``, whatever the session chose (the partner pages)."""
    g.forced_locale = language
    g.pop("translations", None)
    refresh()


@contextmanager
def speaking(language: str):
    """Translate into ``language`` inside the block (a mail to a partner), then as before."""
    saved = g.pop("translations", None) if has_request_context() else None
    try:
        with force_locale(language):
            yield
    finally:
        if has_request_context():
            g.pop("translations", None)
            if saved is not None:
                g.translations = saved


def request_translations():
    """The translations of this request's language, looked up once per request.

    flask-babel looks them up again for every string (context, locale, domain: about 10 µs);
    the HR inbox with 25 rows translates some 500 strings."""
    if not has_request_context():
        return get_translations()
    if "translations" not in g:
        g.translations = get_translations()
    return g.translations


def date_filter(value: date | datetime | None, style: str = "medium") -> str:
    """A date in the user's language, e.g. 14.09.2027 in German."""
    if value is None:
        return ""
    return format_date(value, "dd.MM.yyyy" if style == "short" else style)


def datetime_filter(value: datetime | None) -> str:
    """A stored UTC time shown in Europe/Berlin, e.g. 14.09.2027 10:30."""
    return "" if value is None else format_datetime(value, "dd.MM.yyyy HH:mm")


def money_filter(value) -> str:
    """An amount in euro, e.g. 1.234,50 € in German."""
    if value is None:
        return "–"
    return format_currency(value, "EUR", locale=str(get_locale()))


def filesize_filter(size: int) -> str:
    """A file size in the user's language, e.g. 1,2 MB in German (units of 1024 bytes)."""
    if size < 1024:
        return f"{size} B"
    unit, value = ("KB", size / 1024) if size < 1024 * 1024 else ("MB", size / 1024 / 1024)
    return f"{format_decimal(value, '#,##0.#', locale=str(get_locale()))} {unit}"


def init_app(app: Flask) -> None:
    """Flask-Babel with the translations shipped in the package, plus Jinja filters."""
    app.config.setdefault("BABEL_TRANSLATION_DIRECTORIES", str(app.root_path) + "/translations")
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.install_gettext_callables(
        gettext=lambda s: request_translations().ugettext(s),
        ngettext=lambda s, p, n: request_translations().ungettext(s, p, n),
        newstyle=True,
    )
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.filters["date"] = date_filter
    app.jinja_env.filters["datetime"] = datetime_filter
    app.jinja_env.filters["money"] = money_filter
    app.jinja_env.filters["filesize"] = filesize_filter
