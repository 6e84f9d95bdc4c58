"""The host administration's languages: every message it can see is translated, placeholders kept."""

import configparser
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import read_mo, write_mo
from babel.messages.pofile import read_po

from .test_i18n import frozen

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("fr", "pt", "pl", "tr", "el")


def partner_messages() -> set[str]:
    """The message ids of the sources named in babel-partners.cfg."""
    config = configparser.ConfigParser()
    config.read(ROOT / "babel-partners.cfg")
    methods = [(section.split(":", 1)[1].strip(), section.split(":", 1)[0]) for section in config.sections()]
    assert len(methods) >= 8, "babel-partners.cfg lists the partner's sources"
    keywords = {"_": None, "_l": None, "gettext": None}
    return {
        msg[2] if isinstance(msg[2], str) else msg[2][0]
        for msg in extract_from_dir(str(ROOT), methods, keywords=keywords)
    }


def catalog(language: str):
    with (ROOT / f"intranet/translations/{language}/LC_MESSAGES/messages.po").open("rb") as fh:
        return read_po(fh)


def names(text: str) -> list[str]:
    return sorted(part.split(")")[0] for part in text.split("%(")[1:])


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_partner_message_is_translated(language):
    messages = catalog(language)
    wanted = partner_messages()
    assert len(wanted) > 80
    missing = sorted(m for m in wanted if not (messages.get(m) and messages.get(m).string))
    assert missing == [], f"translate these in {language} (docs/partners.md)"
    fuzzy = sorted(m.id for m in messages if m.id and m.fuzzy)
    assert fuzzy == [], f"check these guesses in {language}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_placeholders_survive_and_the_compiled_catalog_is_current(language):
    messages = catalog(language)
    for message in messages:
        if message.id and isinstance(message.id, str):
            assert names(message.string) == names(message.id), (language, message.id)
    buffer = BytesIO()
    write_mo(buffer, messages)
    buffer.seek(0)
    with (ROOT / f"intranet/translations/{language}/LC_MESSAGES/messages.mo").open("rb") as fh:
        committed = {frozen(m.id): frozen(m.string) for m in read_mo(fh)}
    assert committed == {frozen(m.id): frozen(m.string) for m in read_mo(buffer)}, "pybabel compile"
