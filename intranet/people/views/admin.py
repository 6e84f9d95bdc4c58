"""User administration for admins: search, roles and city scopes, deactivation."""

from dataclasses import asdict, dataclass

from flask import Blueprint, abort, current_app, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from intranet.cities.registry import registry
from intranet.models import ROLES, User
from intranet.people import users
from intranet.people.forms import AccessForm
from intranet.people.guards import role_required
from intranet.platform import audit
from intranet.platform.pages import render
from intranet.platform.paging import int_in, paginate

bp = Blueprint("admin", __name__, url_prefix="/admin")

ROLE_LABELS = {
    "employee": _l("Beschäftigte/r (bewirbt sich)"),
    "hr": _l("Personalamt"),
    "city_admin": _l("Stadt-Administration"),
    "admin": _l("Administration"),
}
STATES = {"": _l("alle"), "active": _l("aktiv"), "inactive": _l("deaktiviert")}


@dataclass
class UserFilters:
    """Search text, role and state of the user list; what does not fit is ignored."""

    q: str = ""
    role: str = ""
    state: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "UserFilters":
        """Read the filters from request arguments."""
        role, state = args.get("role", ""), args.get("state", "")
        return cls(
            q=args.get("q", "").strip()[:100],
            role=role if role in ROLES else "",
            state=state if state in STATES else "",
            page=int_in(args.get("page"), range(1, 100_000)) or 1,
        )

    def args(self, **changes) -> dict:
        """Query arguments for a link to these filters with ``changes`` (empty values left out)."""
        values = {**asdict(self), **changes}
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}


def get_user_or_404(user_id: int) -> User:
    """The user with this id, or 404."""
    user = User.get_or_none(User.id == user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/benutzer/")
@role_required("admin")
def index():
    """All users, searchable; htmx swaps only the result list."""
    filters = UserFilters.from_args(request.args)
    page = paginate(users.search(filters.q, filters.role, filters.state), filters.page, _page_size())
    users.load_access(page.rows)
    context = {"filters": filters, "roles": ROLE_LABELS, "states": STATES}
    return render("admin/users.html", block="results", page=page, **context)


def _page_size() -> int:
    return current_app.config["PAGE_SIZE"]


def _detail_page(user: User, form: AccessForm, status: int = 200):
    ldap_mapped = bool(current_app.config["LDAP_GROUP_ROLES"] or current_app.config["LDAP_GROUP_CITIES"])
    context = {"roles": ROLE_LABELS, "events": list(audit.for_object(user)), "ldap_mapped": ldap_mapped}
    return render("admin/user.html", user=user, form=form, **context), status


def _access_form(user: User | None = None) -> AccessForm:
    form = AccessForm(
        data={"roles": sorted(user.roles), "cities": sorted(user.city_scopes)} if user else None
    )
    form.roles.choices = list(ROLE_LABELS.items())
    form.cities.choices = registry().choices()
    return form


@bp.get("/benutzer/<int:user_id>")
@role_required("admin")
def detail(user_id: int):
    """One user: roles, city scopes, state and the history of these."""
    user = get_user_or_404(user_id)
    return _detail_page(user, _access_form(user))


@bp.post("/benutzer/<int:user_id>/zugriff")
@role_required("admin")
def update(user_id: int):
    """Replace roles and city scopes; the user's sessions end."""
    user = get_user_or_404(user_id)
    form = _access_form()
    if form.validate_on_submit():
        try:
            changed = users.update_access(current_user, user, form.roles.data, form.cities.data)
        except users.UserError as exc:
            form.roles.errors.append(str(exc))
        else:
            flash(_("Rollen gespeichert.") if changed else _("Keine Änderung."), "success")
            return redirect(url_for(".detail", user_id=user.id))
    return _detail_page(user, form, 422)


@bp.post("/benutzer/<int:user_id>/<any(deaktivieren, aktivieren):action>")
@role_required("admin")
def activation(user_id: int, action: str):
    """Deactivate (ending every session) or reactivate a user."""
    user = get_user_or_404(user_id)
    try:
        users.set_active(current_user, user, action == "aktivieren")
    except users.UserError as exc:
        flash(str(exc), "error")
    else:
        if action == "aktivieren":
            flash(_("%(name)s ist wieder aktiv.", name=user.display_name), "success")
        else:
            flash(
                _("%(name)s ist deaktiviert; alle Sitzungen sind beendet.", name=user.display_name), "success"
            )
    return redirect(url_for(".detail", user_id=user.id))
