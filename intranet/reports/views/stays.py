"""The calendar of stays (month and timeline), the feed addresses and the iCalendar feed itself."""

from datetime import date, timedelta

from flask import Blueprint, abort, flash, make_response, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.models import FeedToken
from intranet.people.guards import login_required
from intranet.platform.pages import render
from intranet.reports import feeds, stays

bp = Blueprint("calendar", __name__, url_prefix="/kalender")

VIEWS = ("monat", "zeitachse")


def month_of(value: str | None) -> date:
    """The first day of the month ``YYYY-MM``; this month for anything else."""
    try:
        year, month = (int(part) for part in (value or "").split("-"))
        return date(year, month, 1) if 2000 <= year <= 2100 else date.today().replace(day=1)
    except ValueError:
        return date.today().replace(day=1)


def filters() -> dict:
    """Month, city and view from the query string, each falling back to a valid default."""
    city = request.args.get("stadt", "")
    view = request.args.get("ansicht", "")
    return {
        "month": month_of(request.args.get("monat")),
        "city": city if city in registry() else "",
        "view": view if view in VIEWS else VIEWS[0],
    }


def link_args(chosen: dict, **changed) -> dict:
    """Query arguments for a calendar link that keeps the other filters."""
    values = {**chosen, **changed}
    args = {"monat": values["month"].strftime("%Y-%m"), "ansicht": values["view"]}
    return args | ({"stadt": values["city"]} if values["city"] else {})


@bp.get("/")
@login_required
def index():
    """Who is where when, for one month; htmx swaps only the calendar when the city filter changes."""
    chosen = filters()
    first = chosen["month"]
    days = stays.days_of_month(first)
    found = stays.stays(stays.Scope.of(current_user), days[0], days[-1], chosen["city"])
    return render(
        "calendar/index.html",
        block="calendar",
        chosen=chosen,
        weeks=stays.fill(stays.month_grid(first), found),
        days=days,
        found=found,
        today=date.today(),
        previous=link_args(chosen, month=(first - timedelta(days=1)).replace(day=1)),
        following=link_args(chosen, month=days[-1] + timedelta(days=1)),
        link_args=link_args,
    )


def tokens_page(new_url: str = "", error: str = "", status: int = 200):
    """The feed addresses page, optionally with a new address shown once."""
    page = render(
        "calendar/feeds.html",
        tokens=list(feeds.tokens_of(current_user)),
        scopes=feeds.scopes_of(current_user),
        scope_label=feeds.scope_label,
        new_url=new_url,
        error=error,
    )
    return page, status


@bp.get("/abonnements")
@login_required
def tokens():
    """The user's calendar addresses with scope and date, and a form for a new one."""
    return tokens_page()


@bp.post("/abonnements")
@login_required
def create_token():
    """Create a feed address; the secret is shown now and never again."""
    try:
        token = feeds.create(current_user, request.form.get("scope", ""))
    except feeds.FeedRefused as exc:
        return tokens_page(error=str(exc), status=422)
    url = url_for(".feed", token=token, _external=True)
    return tokens_page(new_url=url)


@bp.post("/abonnements/<int:token_id>/widerrufen")
@login_required
def revoke(token_id: int):
    """Revoke one of the user's own feed addresses; other people's are 404."""
    row = FeedToken.get_or_none((FeedToken.id == token_id) & (FeedToken.user == current_user.id)) or abort(
        404
    )
    try:
        feeds.revoke(current_user, row)
        flash(_("Die Kalender-Adresse ist widerrufen und liefert keine Termine mehr."), "success")
    except feeds.FeedRefused as exc:
        flash(str(exc), "error")
    return redirect(url_for(".tokens"))


@bp.get("/feed/<token>.ics")
def feed(token: str):
    """The iCalendar feed: authenticated by the token alone, 404 when it is unknown or no longer valid."""
    body = feeds.feed(token, date.today())
    if body is None:
        abort(404)
    response = make_response(body)
    response.headers["Content-Type"] = "text/calendar; charset=utf-8"
    response.headers["Cache-Control"] = "no-store"
    return response
