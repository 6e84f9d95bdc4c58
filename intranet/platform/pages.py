"""Templates (instance → plugins → core), htmx, and rendering a page or one of its blocks."""

from pathlib import Path

import js_lib_htmx
from flask import Blueprint, Flask, render_template, request, url_for
from htmx_flask import Htmx
from jinja2 import ChoiceLoader, FileSystemLoader, PrefixLoader
from jinja2_fragments.flask import render_block

from intranet.platform.audit import EVENT_LABELS
from intranet.platform.resources import PACKAGE, resource_dir

htmx_bp = Blueprint(
    "htmx",
    __name__,
    static_folder=str(Path(js_lib_htmx.__file__).parent / "static" / "htmx"),
    static_url_path="/static",
)


def local_target(target: str | None) -> str:
    """``target`` if it is a path on this site, else the start page (no open redirects)."""
    # "//host" and "/\\host" are read by browsers as another site
    if target and target.startswith("/") and not target.startswith(("//", "/\\")):
        return target
    return url_for("main.index")


def own_path() -> str:
    """The requested path with its query string, without the "?" werkzeug's full_path adds to none."""
    query = request.query_string.decode("latin-1")
    return f"{request.path}?{query}" if query else request.path


def rendered_block(block: str | None) -> str | None:
    """``block`` if this request gets that fragment alone (htmx, not boosted), else None: the page."""
    return block if block and request.htmx and not request.htmx.boosted else None


def render(template: str, block: str | None = None, **context) -> str:
    """Render the whole page, or only ``block`` when htmx asks for a fragment."""
    if rendered_block(block):
        return render_block(template, block, **context)
    return render_template(template, **context)


def core_template_dirs() -> list[str]:
    """The base layout, macros and error pages, then the ``templates/`` folder of each feature package."""
    features = sorted(str(path) for path in PACKAGE.glob("*/templates") if path.is_dir())
    return [str(resource_dir("templates")), *features]


def close_unsent_file(response):
    """A 304 sends no body: close the file werkzeug opened for it, which would stay open until collected."""
    if response.status_code == 304:
        response.close()
    return response


def init_app(app: Flask) -> None:
    """Template lookup order: instance folder, plugin packages, core (also as ``default:``)."""
    core = FileSystemLoader(core_template_dirs())
    cities = app.extensions["cities"]
    app.jinja_loader = ChoiceLoader(
        [
            FileSystemLoader(str(Path(app.instance_path) / "templates")),
            FileSystemLoader(cities.template_dirs()),
            core,
            PrefixLoader({"default": core}, delimiter=":"),
        ]
    )
    app.jinja_env.globals["event_label"] = lambda action: EVENT_LABELS.get(action, action)
    app.jinja_env.globals["own_path"] = own_path
    Htmx(app)
    app.after_request(close_unsent_file)
    app.register_blueprint(htmx_bp, url_prefix="/htmx")


def checks_by_field(findings: list, field_ids: list[str]) -> dict:
    """Findings next to their field; those without a field of the form go to the general list."""
    checks = {name: [] for name in field_ids}
    general = []
    for finding in findings:
        checks.get(finding.field, general).append(finding)
    return {"checks": checks, "general": general}


def live_check(url: str) -> dict:
    """htmx attributes of a field whose change re-runs the checks: debounced, a newer check
    replaces one still in flight, and only the live regions are updated (focus stays put)."""
    return {
        "data-hx-post": url,
        "data-hx-trigger": "input changed delay:500ms",
        "data-hx-vals": '{"action": "check"}',
        "data-hx-swap": "none",
        "data-hx-sync": "closest form:replace",
    }
