"""Screenshots of the main screens for the README: ``make screenshots`` (or this script with a folder).

Seeds the demo data into a temporary instance, serves it on 127.0.0.1, logs in as the demo roles
in Debian's chromium and saves one PNG per screen, 1280 px wide, reduced to a palette.
"""

import argparse
import tempfile
import threading
from pathlib import Path

from PIL import Image
from playwright.sync_api import sync_playwright
from werkzeug.serving import WSGIRequestHandler, make_server

from intranet import create_app, demo
from intranet.models import Application, User
from intranet.partners import links
from intranet.platform import migrate
from intranet.platform.db import db

CHROMIUM = "/usr/bin/chromium"
WIDTH = 1280
#: the tallest picture: long lists are cut, the README shows the top of each screen
MAX_HEIGHT = 1800


def screens(ids: dict) -> list[tuple[str, str, str]]:
    """(file name, demo user, path) of every screen, in the README's order."""
    return [
        ("01-start", "azubi", "/"),
        ("02-antrag-stadt-gewaehlt", "azubi", "/bewerbungen/neu"),
        ("03-bewerbung", "azubi", f"/bewerbungen/{ids['submitted']}"),
        ("04-personalamt-eingang", "personal", "/personal/"),
        ("05-stadtverwaltung", "stadt-nogent", "/stadtverwaltung/nogent/"),
        (
            "06-vermittlung",
            "personal",
            f"/stadtverwaltung/{ids['city']}/bewerbungen/{ids['approved']}/vermittlung",
        ),
        ("07-gaeste-in-siegburg", "personal", "/gaeste/"),
        ("08-tandems", "personal", "/tandems/"),
        ("09-kalender", "personal", "/kalender/"),
        ("10-ausschussbericht", "personal", "/personal/ausschussbericht/"),
        ("11-verarbeitungsverzeichnis", "personal", "/datenschutz/verzeichnis"),
        # the host administration in Selçuk through its link, without an account
        ("12-gastverwaltung-tuerkisch", None, f"/partner/{ids['partner_token']}/"),
        ("13-gastverwaltung-englisch", None, f"/partner/{ids['partner_token']}/en/"),
    ]


def demo_app(folder: Path):
    """An app on a fresh SQLite file in ``folder`` with the demo data; returns (app, ids of examples)."""
    app = create_app(
        {
            "SECRET_KEY": "screenshots-" + "x" * 40,
            "DATABASE_URL": f"sqlite:///{folder / 'demo.sqlite3'}",
            "INSTANCE_PATH": str(folder),
            "SESSION_COOKIE_SECURE": False,
            "DEMO": True,
        }
    )
    with app.app_context(), db.connection_context():
        migrate.upgrade()
        demo.seed()
        # the demo's first submitted application is the trainee "azubi"'s
        submitted = (
            Application.select().where(Application.status == "submitted").order_by(Application.id).first()
        )
        approved = Application.select().where(Application.status == "approved").first()
        selcuk = Application.get((Application.city == "selcuk") & (Application.status == "placed"))
        admin = User.get(User.username == "stadt-selcuk")
        with app.test_request_context():
            _link, token = links.issue(admin, selcuk, "Elif Kaya", "elif.kaya@demo.invalid", "tr")
    ids = {"submitted": submitted.id, "approved": approved.id, "city": approved.city, "partner_token": token}
    return app, ids


def shoot(base: str, ids: dict, out: Path) -> list[Path]:
    """Log in per demo user and save each screen; returns the files written."""
    written = []
    with sync_playwright() as pw:
        args = ["--no-sandbox", "--disable-gpu", "--lang=de-DE"]
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=args)
        contexts = {}
        for name, username, path in screens(ids):
            if username not in contexts:
                contexts[username] = log_in(browser, base, username) if username else guest(browser, base)
            page = contexts[username]
            page.goto(path)
            if name == "02-antrag-stadt-gewaehlt":
                page.get_by_role("combobox", name="Partnerstadt").select_option("nogent")
                page.locator("#city-panel").get_by_text("Nogent").first.wait_for()
            written.append(save(page, out / f"{name}.png"))
        browser.close()
    return written


def log_in(browser, base: str, username: str):
    """A German page of a fresh context, logged in as the demo user."""
    context = browser.new_context(locale="de-DE", base_url=base, viewport={"width": WIDTH, "height": 800})
    page = context.new_page()
    page.goto("/anmelden")
    page.get_by_label("Benutzername").fill(username)
    page.get_by_label("Passwort").fill(demo.PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.get_by_role("button", name="Abmelden").wait_for()
    return page


def guest(browser, base: str):
    """A page of a fresh context without login (the partner's link needs none)."""
    context = browser.new_context(locale="tr-TR", base_url=base, viewport={"width": WIDTH, "height": 800})
    return context.new_page()


def save(page, path: Path) -> Path:
    """The page (at most MAX_HEIGHT tall) as a palette PNG: a fraction of the size, text stays sharp."""
    # the content's height, not the window's: short pages get no empty band below the footer
    height = min(page.evaluate("Math.ceil(document.body.getBoundingClientRect().bottom)"), MAX_HEIGHT)
    page.screenshot(path=str(path), clip={"x": 0, "y": 0, "width": WIDTH, "height": height}, full_page=True)
    with Image.open(path) as image:
        reduced = image.convert("RGB").quantize(colors=128)
    reduced.save(path, optimize=True)
    return path


class QuietHandler(WSGIRequestHandler):
    """No access log line per request."""

    def log_request(self, code="-", size="-"):
        pass


def main() -> None:
    """Write the screenshots into the folder given on the command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path, nargs="?", default=Path("docs/screenshots"))
    out = parser.parse_args().folder
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        app, ids = demo_app(Path(tmp))
        server = make_server("127.0.0.1", 0, app, threaded=True, request_handler=QuietHandler)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            for path in shoot(f"http://127.0.0.1:{server.server_port}", ids, out):
                print(f"{path} ({path.stat().st_size // 1024} KB)")
        finally:
            server.shutdown()
            thread.join(timeout=10)
            server.server_close()


if __name__ == "__main__":
    main()
