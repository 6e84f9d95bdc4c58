"""Budget accounts maintained by HR: number, name, year and amount; each change audited."""

import re
from decimal import Decimal

from flask_babel import gettext as _
from peewee import IntegrityError

from intranet.models import BudgetAccount
from intranet.models.budget import to_cents, to_euro
from intranet.platform.audit import record
from intranet.platform.db import db
from intranet.platform.i18n import money_filter


class AccountRefused(Exception):
    """An account change that cannot be saved; the message is German."""


def all_accounts():
    """Every account, newest year first, then by number."""
    return BudgetAccount.select().order_by(BudgetAccount.year.desc(), BudgetAccount.number)


def _check(number: str, name: str, year: int | None, amount: Decimal) -> None:
    if not re.fullmatch(r"\d{4,20}", number):
        raise AccountRefused(_("Die Kontonummer besteht aus 4 bis 20 Ziffern, z. B. 549904."))
    if not name.strip() or len(name) > 200:
        raise AccountRefused(_("Bitte geben Sie eine Bezeichnung an (höchstens 200 Zeichen)."))
    if year is None or not 2000 <= year <= 2100:
        raise AccountRefused(_("Bitte geben Sie das Haushaltsjahr an, z. B. 2027."))
    if amount < 0:
        raise AccountRefused(_("Der Betrag darf nicht negativ sein."))


def create(hr, number: str, name: str, year: int | None, amount: Decimal) -> BudgetAccount:
    """Create an account; one per number and year."""
    _check(number, name, year, amount)
    try:
        with db.atomic():
            account = BudgetAccount.create(
                number=number, name=name.strip(), year=year, amount_cents=to_cents(amount)
            )
            after = {"number": number, "name": account.name, "year": year, "amount": str(account.total)}
            record(hr, "budget_account_created", account, None, after)
    except IntegrityError:
        raise AccountRefused(
            _("Sachkonto %(number)s gibt es für %(year)s schon.", number=number, year=year)
        ) from None
    return account


def change(hr, account: BudgetAccount, name: str, amount: Decimal, seen_cents: int | None) -> BudgetAccount:
    """Rename or re-amount an account; never below reserved + spent, never over a change made meanwhile.

    ``seen_cents`` is the amount the form showed: another HR user's change is not overwritten.
    """
    _check(account.number, name, account.year, amount)
    cents = to_cents(amount)
    with db.atomic():
        used = BudgetAccount.reserved_cents + BudgetAccount.spent_cents
        updated = (
            BudgetAccount.update(name=name.strip(), amount_cents=cents)
            .where(
                (BudgetAccount.id == account.id)
                & (used <= cents)
                & (BudgetAccount.amount_cents == seen_cents)
            )
            .execute()
        )
        fresh = BudgetAccount.get_by_id(account.id)
        if updated != 1:
            raise _refusal(fresh, seen_cents)
        before = {"name": account.name, "amount": str(account.total)}
        record(hr, "budget_account_changed", fresh, before, {"name": fresh.name, "amount": str(fresh.total)})
    return fresh


def _refusal(account: BudgetAccount, seen_cents: int | None) -> AccountRefused:
    """Why a change was not saved: changed meanwhile, or below what is already used."""
    if account.amount_cents != seen_cents:
        return AccountRefused(
            _(
                "Das Sachkonto wurde inzwischen geändert (Gesamt jetzt %(total)s). "
                "Bitte prüfen und erneut speichern.",
                total=money_filter(account.total),
            )
        )
    used = money_filter(to_euro(account.reserved_cents + account.spent_cents))
    return AccountRefused(
        _("Der Betrag darf nicht unter dem liegen, was reserviert und ausgegeben ist (%(used)s).", used=used)
    )
