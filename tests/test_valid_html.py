"""The W3C Nu HTML checker over every page of every role and every htmx fragment they ask for: 0 errors.

The pages are the url_map filled with the objects of ``tests/world.py``, asked by every role of
``world.ROLES`` (the pages the browser tests visit, tests/test_browser_every_page.py, are these).
The fragments are what the pages' own htmx controls request (``data-hx-get`` / ``data-hx-post``,
sent with ``HX-Request`` and an empty form, rolled back); each is wrapped in a minimal document.
The checker is the ``vnu-jar`` npm package run by Java, both installed by ``scripts/setup.sh test``.
SQLite only: the markup does not depend on the database.
"""

import json
import os
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from . import world as sweep
from .world import ROLES, enter, keep_connection, log_in, pristine

module_app_fixture, world_fixture = sweep.module_app_fixture, sweep.world_fixture
SQLITE = pytest.mark.parametrize("module_app", ["sqlite"], indirect=True, scope="module")

ROOT = Path(__file__).resolve().parent.parent
VNU = Path(os.environ.get("VNU_JAR", ROOT / ".venv/vnu/node_modules/vnu-jar/build/dist/vnu.jar"))
SKIPPED = {"static", "htmx.static"}
#: a fragment is checked inside this document; rows of a table inside a table
DOCUMENT = (
    '<!DOCTYPE html><html lang="de"><head><meta charset="utf-8"><title>Fragment</title></head>'
    "<body>{}</body></html>"
)
IN_TABLE = "<table><tbody>{}</tbody></table>"


class HtmxControls(HTMLParser):
    """(method, URL) of every htmx request a page's controls can send."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: set[tuple[str, str]] = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for method in ("get", "post"):
            if attrs.get(f"data-hx-{method}"):
                self.found.add((method.upper(), attrs[f"data-hx-{method}"]))
            if attrs.get(f"hx-{method}"):  # invalid markup, but its fragment is checked all the same
                self.found.add((method.upper(), attrs[f"hx-{method}"]))


def documents(world) -> dict[str, str]:
    """name → HTML document: every page of every role, and every fragment wrapped."""
    enter(world)
    keep_connection(world["app"])
    rules = [r for r in world["app"].url_map.iter_rules() if "GET" in r.methods and r.endpoint not in SKIPPED]
    found = {}
    for role in ROLES:
        client = world["app"].test_client()
        client.csrf = False
        token = log_in(client, role)
        controls = HtmxControls()
        for rule in rules:
            url = sweep.url_of_rule(world, rule, **sweep.PARAMS.get(rule.endpoint, {}))
            response = pristine(client, "GET", url)
            if response.status_code == 200 and response.mimetype == "text/html":
                found[f"{role} {url}"] = response.text
                controls.feed(response.text)
        for method, url in sorted(controls.found):
            headers = {"HX-Request": "true", "X-CSRFToken": token}
            response = pristine(client, method, url, headers=headers)
            if response.mimetype == "text/html" and response.text.strip():
                found[f"{role} {method} {url} (htmx)"] = wrapped(response.text)
    return found


def wrapped(fragment: str) -> str:
    """The fragment as a document of its own (a whole page stays as it is)."""
    if fragment.lstrip().lower().startswith("<!doctype"):
        return fragment
    if fragment.lstrip().startswith("<tr"):
        fragment = IN_TABLE.format(fragment)
    return DOCUMENT.format(fragment)


def nu_errors(pages: dict[str, str], folder: Path) -> list[str]:
    """The Nu checker's errors over the documents, each named by its page."""
    names = {}
    for number, (name, html) in enumerate(sorted(pages.items())):
        path = folder / f"{number:04d}.html"
        path.write_text(html, encoding="utf-8")
        names[path.name] = name
    files = map(str, sorted(folder.glob("*.html")))
    command = ["java", "-jar", str(VNU), "--format", "json", "--errors-only", "--exit-zero-always", *files]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600, check=True)
    messages = json.loads(result.stderr)["messages"]
    return [
        f"{names.get(m.get('url', '').rsplit('/', 1)[-1], m.get('url'))}:{m.get('lastLine')}: {m['message']}"
        f"  ▸ {m.get('extract', '').strip()[:160]}"
        for m in messages
        if m["type"] in ("error", "non-document-error")
    ]


@SQLITE
def test_every_page_and_fragment_is_valid_html(world, tmp_path):
    assert VNU.is_file(), "the Nu checker is missing: run scripts/setup.sh test"
    pages = documents(world)
    assert len(pages) > 100 and any("(htmx)" in name for name in pages)
    errors = nu_errors(pages, tmp_path)
    assert not errors, f"{len(errors)} errors:\n" + "\n".join(errors)


def test_the_checker_finds_invalid_markup(tmp_path):
    # the check above would pass on a checker that reports nothing
    page = DOCUMENT.format('<form hx-post="/x"><p>Text</p></form>')
    assert any("hx-post" in e for e in nu_errors({"probe": page}, tmp_path))
