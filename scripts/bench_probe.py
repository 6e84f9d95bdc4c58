"""In-process measurements: the interactions, logins, SQL queries and bytes per request, app start.

The test client runs against the same instance folder and secret key as the gunicorn server,
so the session cookies it obtains here are the ones the load generator sends.
"""

import re
import statistics
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import date, timedelta
from urllib.parse import urlencode

from bench_seed import HR_USER, PASSWORD, TRAINEE
from flask import Flask
from peewee import JOIN

from intranet.models import Application, Placement, Question
from intranet.platform.db import db

HTMX = {"HX-Request": "true"}
#: the form page whose city part and live checks the form fragments replace
FORM_PAGE = "/bewerbungen/neu?city=nogent"


@dataclass(frozen=True)
class Interaction:
    """One request the benchmark drives: who sends it, how, and which full page it is part of."""

    key: str
    label: str
    user: str  #: "hr" or "trainee"
    path: str
    method: str = "GET"
    form: dict = field(default_factory=dict)
    headers: dict = field(default_factory=dict)
    #: the full page a fragment belongs to (its bytes are compared); None for full pages
    page: str | None = None
    kind: str = "page"  #: "page", "htmx" or "pdf"

    @property
    def body(self) -> str:
        return urlencode(self.form)


def stay(weeks: int = 20, days: int = 14) -> dict:
    """Form fields of a stay some weeks ahead (the live check runs the city's rules on it)."""
    start = date.today() + timedelta(weeks=weeks)
    start += timedelta(days=(7 - start.weekday()) % 7)  # a Monday
    end = start + timedelta(days=days - 1)
    return {"start_date": start.isoformat(), "end_date": end.isoformat(), "motivation": "Austausch"}


def interactions(approve_id: int, detail_id: int) -> list[Interaction]:
    """The interactions of QUALITY.md "Performance", in the order they are driven."""
    check = {"action": "check", "city": "nogent", **stay()}
    inbox, form = "/personal/", FORM_PAGE
    return [
        Interaction("inbox", "HR inbox page", "hr", inbox),
        Interaction(
            "filter",
            "Inbox filter (htmx)",
            "hr",
            inbox + "?status=all",
            "GET",
            {},
            {**HTMX, "HX-Target": "results"},
            inbox,
            "htmx",
        ),
        Interaction(
            "approve",
            "Approve click (htmx)",
            "hr",
            f"{inbox}{approve_id}/approve",
            "POST",
            {"reason": ""},
            HTMX,
            inbox,
            "htmx",
        ),
        Interaction(
            "city_swap",
            "Form city swap (htmx)",
            "trainee",
            "/bewerbungen/neu",
            "POST",
            {"action": "refresh", "city": "guarda"},
            HTMX,
            form,
            "htmx",
        ),
        Interaction(
            "live_check",
            "Live rule check (htmx)",
            "trainee",
            "/bewerbungen/neu",
            "POST",
            check,
            HTMX,
            form,
            "htmx",
        ),
        Interaction("detail", "Application detail page", "hr", f"/bewerbungen/{detail_id}"),
        Interaction(
            "pdf",
            "Letter PDF (one page)",
            "hr",
            f"/bewerbungen/{detail_id}/briefe/introduction/de/pdf",
            kind="pdf",
        ),
    ]


def targets(pool: int) -> tuple[list[int], int, int]:
    """Submitted applications for the approve clicks (``pool`` of them plus one for the probe),
    and the application with the most around it (placement, questions) for the detail page and the letter."""
    submitted = Application.select(Application.id).where(Application.status == "submitted")
    ids = [a.id for a in submitted.order_by(Application.id).limit(pool + 1)]
    placed = (
        Application.select(Application.id)
        .join(Placement, JOIN.LEFT_OUTER)
        .switch(Application)
        .join(Question, JOIN.LEFT_OUTER)
        .where(Application.status != "draft")
        .order_by(Placement.id.is_null(), Question.id.is_null(), Application.id)
        .first()
    )
    return ids[1:], ids[0], placed.id


class Session:
    """A logged-in test client: its cookie and CSRF token also work against the server."""

    def __init__(self, app: Flask, username: str):
        self.client = app.test_client()
        page = self.client.get("/anmelden")
        token = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', page.text).group(1)
        answer = self.client.post(
            "/anmelden", data={"username": username, "password": PASSWORD, "csrf_token": token}
        )
        assert answer.status_code == 302, f"login of {username} failed: {answer.status_code}"
        home = self.client.get("/personal/" if username == HR_USER else FORM_PAGE)
        self.csrf = re.search(r'"X-CSRFToken": "([^"]+)"', home.text).group(1)

    @property
    def cookie(self) -> str:
        """The Cookie header value for another HTTP client."""
        return "session=" + self.client.get_cookie("session").value

    def send(self, interaction: Interaction):
        """One request as the load generator sends it."""
        headers = {**interaction.headers, "X-CSRFToken": self.csrf}
        if interaction.method == "POST":
            return self.client.post(interaction.path, data=interaction.form, headers=headers)
        return self.client.get(interaction.path, headers=headers)


def sessions(app: Flask) -> dict[str, Session]:
    """Logged-in sessions of the HR clerk and of a trainee."""
    return {"hr": Session(app, HR_USER), "trainee": Session(app, TRAINEE)}


def count_queries(session: Session, interaction: Interaction) -> tuple[int, int, int]:
    """(status, SQL statements, response bytes) of one request, after a warm-up request
    (except for the approval, which changes its application)."""
    if interaction.key != "approve":
        session.send(interaction)
    executed = []
    original = db.obj.execute_sql

    def counting(sql, params=None, *args, **kwargs):
        executed.append(sql)
        return original(sql, params, *args, **kwargs)

    db.obj.execute_sql = counting
    try:
        response = session.send(interaction)
    finally:
        del db.obj.execute_sql
    return response.status_code, len(executed), len(response.data)


def page_bytes(session: Session, path: str) -> int:
    """Size of a full page."""
    return len(session.client.get(path).data)


def app_start(env: dict, runs: int = 5) -> float:
    """Median seconds to import the app and run create_app with all plugins, in fresh processes."""
    code = "import time; t = time.perf_counter(); from intranet import create_app; create_app(); "
    code += "print(time.perf_counter() - t)"
    times = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], env=env, check=True, capture_output=True, text=True
            ).stdout
        )
        for _ in range(runs)
    ]
    return statistics.median(times)
