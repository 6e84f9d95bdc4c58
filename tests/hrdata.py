"""Test data for HR and budget tests: applications with a given estimate, budget amounts."""

from datetime import date
from decimal import Decimal

from intranet.models import Application, BudgetAccount, utcnow
from intranet.models.budget import to_cents

NEXT_YEAR = date.today().year + 1
START = date(NEXT_YEAR, 3, 1)


def account(year=NEXT_YEAR) -> BudgetAccount:
    """The seeded Sachkonto 549904 of ``year``."""
    return BudgetAccount.get((BudgetAccount.number == "549904") & (BudgetAccount.year == year))


def set_budget(euros, year=NEXT_YEAR, reserved=0, spent=0) -> None:
    """Set the figures of the year's account."""
    BudgetAccount.update(
        amount_cents=to_cents(euros), reserved_cents=to_cents(reserved), spent_cents=to_cents(spent)
    ).where(BudgetAccount.id == account(year).id).execute()


def submitted(trainee, estimate="1000.00", start=START, city="nogent", status="submitted", **fields):
    """An application in ``status`` with a given estimate (the city rules are tested elsewhere)."""
    return Application.create(
        applicant=trainee,
        city=city,
        start_date=start,
        end_date=start.replace(day=14),
        status=status,
        cost_estimate=Decimal(estimate),
        training_track=trainee.training_track,
        training_year=trainee.training_year,
        **{"submitted_at": utcnow(), **fields},
    )
