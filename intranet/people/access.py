"""Who may see what: scope rules shared by views and fragments."""

from flask import abort
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.hookspecs import PartnerCity
from intranet.models import Application


def can_view_application(user, application: Application) -> bool:
    """Owner, HR, and the admins of the application's city."""
    if application.applicant_id == user.id or user.has_role("hr"):
        return True
    return user.has_role("city_admin") and application.city in user.city_scopes


def manages_city(user, city: str) -> bool:
    """HR, and the city admins whose scope covers ``city``: placement, host families, the city's data."""
    return user.has_role("hr") or (user.has_role("city_admin") and city in user.city_scopes)


def visible_application(application_id) -> Application | None:
    """The application if the current user may see it, else None (usable in error handlers)."""
    if not current_user.is_authenticated:
        return None
    application = Application.get_or_none(Application.id == application_id)
    if application is None or not can_view_application(current_user, application):
        return None
    return application


def get_application_or_404(application_id: int) -> Application:
    """The application if the current user may see it; otherwise 404 (never 403)."""
    application = visible_application(application_id)
    if application is None:
        abort(404)
    return application


def get_own_application_or_404(application_id: int) -> Application:
    """The current user's own application; 404 for everybody else, as for every hidden object."""
    application = get_application_or_404(application_id)
    if application.applicant_id != current_user.id:
        abort(404)
    return application


def managed_city_or_404(slug: str) -> PartnerCity:
    """The city if the current user is HR or one of its admins; 404 for everybody else."""
    city = registry().get(slug)
    if city is None or not manages_city(current_user, slug):
        abort(404)
    return city


def managed_cities() -> list[PartnerCity]:
    """The partner cities the current user looks after."""
    return [city for city in registry() if manages_city(current_user, city.slug)]
