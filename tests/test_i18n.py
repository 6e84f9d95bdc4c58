"""German first, English second: complete catalog, compiled file current, language switch."""

from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "intranet/translations/en/LC_MESSAGES/messages.po"
MO = PO.with_suffix(".mo")
METHODS = [
    ("intranet/**.py", "python"),
    ("templates/**.html", "jinja2"),
    ("intranet/**/templates/**.html", "jinja2"),
    ("intranet/**/templates/**.txt", "jinja2"),
]


def catalog():
    with PO.open("rb") as fh:
        return read_po(fh)


def test_every_source_string_is_translated():
    messages = catalog()
    extracted = {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(str(ROOT), METHODS, keywords={"_": None, "_l": None, "gettext": None})
    }
    missing = sorted(m for m in extracted if not (messages.get(m) and messages.get(m).string))
    assert missing == [], "run pybabel extract/update (docs/decisions.md) and translate these"


def test_placeholders_survive_translation():
    for message in catalog():
        if message.id and "%(" in message.id:
            names = sorted(part.split(")")[0] for part in message.id.split("%(")[1:])
            assert sorted(part.split(")")[0] for part in message.string.split("%(")[1:]) == names


def frozen(value):
    """A message id or translation; plural forms (lists in a compiled catalog) as a tuple."""
    return value if isinstance(value, str) else tuple(value)


def messages(catalog) -> dict:
    """id → translation of every message."""
    return {frozen(m.id): frozen(m.string) for m in catalog}


def test_compiled_catalog_is_current():
    buffer = BytesIO()
    write_mo(buffer, catalog())
    buffer.seek(0)
    with MO.open("rb") as fh:
        committed = messages(read_mo(fh))
    fresh = messages(read_mo(buffer))
    assert committed == fresh, "run: pybabel compile -d intranet/translations"


def test_german_is_the_default(client):
    page = client.get("/anmelden").text
    assert '<html lang="de">' in page and "Anmelden" in page


def test_a_first_visit_is_german_whatever_the_browser_says(client):
    page = client.get("/anmelden", headers={"Accept-Language": "en-US,en;q=0.9"}).text
    assert '<html lang="de">' in page and "Anmelden" in page and "Log in" not in page


def test_the_browser_language_where_the_city_configures_it(app, client):
    app.config["LANGUAGE_FROM_BROWSER"] = True
    assert "Log in" in client.get("/anmelden", headers={"Accept-Language": "en-GB"}).text
    assert "Anmelden" in client.get("/anmelden", headers={"Accept-Language": "de-DE"}).text


@pytest.mark.parametrize(("language", "banner"), [("de", "Demo-Betrieb"), ("en", "Demo mode")])
def test_the_demo_banner_speaks_the_page_language_inside_the_header(app, client, language, banner):
    app.config["DEMO"] = True
    client.post("/sprache", data={"lang": language, "next": "/anmelden"})
    page = client.get("/anmelden").text
    header = page[page.index("<header") : page.index("</header>")]
    assert banner in header and page.count("demo-banner") == 1


def test_english_by_choice(client):
    client.post("/sprache", data={"lang": "en", "next": "/anmelden"})
    page = client.get("/anmelden").text
    assert '<html lang="en">' in page and "Skip to content" in page
    client.post("/sprache", data={"lang": "de", "next": "https://evil.example/"})
    assert "Zum Inhalt springen" in client.get("/anmelden").text
