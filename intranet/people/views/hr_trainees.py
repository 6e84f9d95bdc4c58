"""HR's page of trainee master data: training track and year, confirmed by HR."""

from flask import Blueprint, abort, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.models import TRAINING_TRACKS, User
from intranet.people import trainees
from intranet.people.guards import role_required
from intranet.platform.pages import render

bp = Blueprint("hr_trainees", __name__, url_prefix="/personal/auszubildende")


def context(**extra) -> dict:
    return {"tracks": TRAINING_TRACKS, "years": trainees.TRAINING_YEARS, **extra}


def _number(value) -> int | None:
    return int(value) if value and value.isdigit() else None


@bp.get("/")
@role_required("hr")
def index():
    """All active trainees, unconfirmed first."""
    return render("hr/trainees.html", trainees=list(trainees.trainees()), **context())


@bp.post("/<int:user_id>")
@role_required("hr")
def update(user_id: int):
    """Save and confirm one trainee's track and year (htmx swaps the row)."""
    trainee = trainees.trainees().where(User.id == user_id).first() or abort(404)
    form = request.form
    track, year = form.get("track", ""), _number(form.get("year"))
    seen = {
        "track": form.get("seen_track") or None,
        "year": _number(form.get("seen_year")),
        "confirmed": form.get("seen_confirmed") == "1",
    }
    try:
        trainee = trainees.confirm(current_user, trainee, track, year, seen)
        message, error = _("Ausbildungsdaten von %(name)s bestätigt.", name=trainee.display_name), None
    except trainees.TrainingRefused as exc:
        message = error = str(exc)
        trainee = User.get_by_id(user_id)
    if not request.htmx:
        flash(message, "error" if error else "success")
        return redirect(url_for(".index"))
    return render("hr/trainees.html", block="row", trainee=trainee, error=error, message=message, **context())
