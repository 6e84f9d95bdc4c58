"""One language per page: every page of every role in German and in English shows no UI text of the other.

The pages are the url_map filled with the objects of ``tests/world.py`` (as in the access matrix),
asked by each role after choosing the language in the footer; the letter previews, documents in
the partner's language, are left out. A UI text is a message of the catalog whose German and
English differ; a page "shows" one when a text of the page (a text node, or an ``aria-label``,
``title``, ``placeholder`` or ``alt``) is that message in full, its placeholders filled with a
short text. SQLite only: texts do not depend on the database."""

import re
from html.parser import HTMLParser

import pytest
from babel.messages.pofile import read_po

from . import world as sweep
from .test_i18n import PO
from .world import ROLES, enter, keep_connection, log_in, pristine

module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture
pytestmark = pytest.mark.parametrize("module_app", ["sqlite"], indirect=True, scope="module")

SKIPPED = {"static", "htmx.static"}
ATTRIBUTES = ("aria-label", "title", "placeholder", "alt")
#: messages that are the same words in both languages' pages although the catalog differs
#: (the language names in the switch, each written in its own language)
NEUTRAL = {"Deutsch", "English"}
PLACEHOLDER = r"%\(\w+\)[sd]|%[sd]"


class Texts(HTMLParser):
    """The texts of a page a reader meets: text nodes and the labelling attributes."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.texts, self.skip = [], 0
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
        self.texts += [value for name, value in attrs if name in ATTRIBUTES and value]

    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style") and self.skip > 0

    def handle_data(self, data):
        if not self.skip:
            self.texts.append(data)


def normal(text: str) -> str:
    return " ".join(text.split())


def pattern(message: str) -> re.Pattern:
    """The message in full, each placeholder standing for a short text."""
    parts = re.split(PLACEHOLDER, normal(message))
    # a name, a number or a date, not half a sentence
    return re.compile("^" + ".{1,40}?".join(map(re.escape, parts)) + "$")


def ui_texts() -> dict[str, list[re.Pattern]]:
    """language → patterns of its UI texts that the other language writes differently."""
    with PO.open("rb") as fh:
        catalog = read_po(fh)
    pairs = []
    for message in catalog:
        if isinstance(message.id, tuple):
            pairs += zip(message.id, message.string, strict=False)
        else:
            pairs.append((message.id, message.string))
    pairs = [(normal(de), normal(en)) for de, en in pairs if de and en]
    # a word both languages use as a UI text ("Name") belongs to neither
    both = {de for de, _ in pairs} & {en for _, en in pairs}
    # a message that is mostly placeholders ("%(city)s: %(text)s") would match any text
    pairs = [
        (de, en) for de, en in pairs if de != en and len(re.sub(PLACEHOLDER, "", de).strip(" .:,–-()")) > 2
    ]
    return {
        language: [pattern(text) for text in texts if text not in both | NEUTRAL]
        for language, texts in (("de", {de for de, _ in pairs}), ("en", {en for _, en in pairs}))
    }


def pages(world, language: str) -> dict[str, str]:
    """name → HTML of every page of every role, in ``language``."""
    enter(world)
    keep_connection(world["app"])
    rules = [r for r in world["app"].url_map.iter_rules() if "GET" in r.methods and r.endpoint not in SKIPPED]
    found = {}
    for role in ROLES:
        client = world["app"].test_client()
        log_in(client, role)
        client.post("/sprache", data={"lang": language, "next": "/"})
        for rule in rules:
            url = sweep.url_of_rule(world, rule, **sweep.PARAMS.get(rule.endpoint, {}))
            response = pristine(client, "GET", url)
            if response.status_code == 200 and response.mimetype == "text/html":
                found[f"{role} {url}"] = response.text
    return found


@pytest.mark.parametrize(("language", "other"), [("de", "en"), ("en", "de")])
def test_no_page_shows_a_text_of_the_other_language(world, language, other):
    foreign = ui_texts()[other]
    found = pages(world, language)
    assert len(found) > 100
    mixed = {}
    for name, html in found.items():
        if f'<html lang="{language}">' not in html:
            assert "/briefe/" in name or "/vorschau/" in name or "/partner/" in name, (
                f"{name} is not in {language}"
            )
            # a letter in the partner's language (with its German parts), or the host administration's
            # pages, which speak the link's language whatever the session chose (test_partner_catalogs)
            continue
        texts = {normal(t) for t in Texts(html).texts} - {""}
        hits = sorted({t for t in texts for p in foreign if p.match(t)})
        if hits:
            mixed[name] = hits
    assert not mixed, "\n".join(f"{name}: {hits}" for name, hits in sorted(mixed.items()))
