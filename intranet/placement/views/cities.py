"""The partner cities for all staff: a list and one page per city to read before applying."""

from datetime import date

from flask import Blueprint, request

from intranet.cities.registry import registry
from intranet.inbound import reciprocity
from intranet.outbound import cityinfo
from intranet.people.guards import login_required
from intranet.platform.pages import render

bp = Blueprint("cities", __name__, url_prefix="/staedte")


@bp.get("/")
@login_required
def index():
    """All partner cities."""
    rows = [(city, cityinfo.language_names(city)) for city in registry()]
    return render("cities/index.html", partner_cities=rows)


@bp.get("/<slug>")
@login_required
def detail(slug: str):
    """Facts, rules, documents, contacts, holidays and the exchange ledger of one city."""
    city = registry().get_or_404(slug)
    today = date.today()
    return render(
        "cities/detail.html",
        city=city,
        **reciprocity.city_panel(slug, request.args.get("year"), today),
        **cityinfo.overview(city, today),
    )
