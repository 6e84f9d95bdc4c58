"""HR's budget accounts: list with figures, create, rename or re-amount (plain forms)."""

from flask import Blueprint, flash, redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from intranet.budget import accounts
from intranet.models import BudgetAccount
from intranet.people.guards import role_required
from intranet.platform import money
from intranet.platform.pages import render

bp = Blueprint("hr_budget", __name__, url_prefix="/personal/budget")


def page(status: int = 200, **state):
    """The accounts page; ``state`` carries an error and the values typed into the failed form."""
    context = {"accounts": list(accounts.all_accounts()), "error": None, "failed": None, "typed": {}, **state}
    return render("hr/budget.html", **context), status


@bp.get("/")
@role_required("hr")
def index():
    """All accounts with total, reserved, spent and remaining."""
    return page()


@bp.post("/")
@role_required("hr")
def create():
    """Create an account for a number and year."""
    form = request.form
    year = form.get("year", "").strip()
    try:
        amount = money.parse_euro(form.get("amount", ""))
        number = form.get("number", "").strip()
        account = accounts.create(
            current_user, number, form.get("name", ""), int(year) if year.isdigit() else None, amount
        )
    except (money.AmountInvalid, accounts.AccountRefused) as exc:
        return page(422, error=str(exc), failed="new", typed=form.to_dict())
    flash(_("Sachkonto %(label)s angelegt.", label=account.label), "success")
    return redirect(url_for(".index"))


@bp.post("/<int:account_id>")
@role_required("hr")
def update(account_id: int):
    """Change the name or the amount of an account."""
    account = BudgetAccount.get_or_none(BudgetAccount.id == account_id)
    if account is None:
        return page(404, error=_("Dieses Sachkonto gibt es nicht (mehr)."))
    form = request.form
    try:
        amount = money.parse_euro(form.get("amount", ""))
        seen = form.get("seen_cents", "")
        seen_cents = int(seen) if seen.isdigit() else None
        account = accounts.change(current_user, account, form.get("name", ""), amount, seen_cents)
    except (money.AmountInvalid, accounts.AccountRefused) as exc:
        return page(422, error=str(exc), failed=account_id, typed=form.to_dict())
    flash(_("Sachkonto %(label)s gespeichert.", label=account.label), "success")
    return redirect(url_for(".index"))
