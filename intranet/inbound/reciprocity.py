"""The reciprocity ledger: persons and days sent to and received from each partner city per year."""

from dataclasses import dataclass
from datetime import date

from peewee import SQL, fn

from intranet.cities.registry import registry
from intranet.models import Application, InboundTrainee
from intranet.platform.db import is_sqlite

#: Outbound stays that count as exchanged: decided for, placed or already done.
OUTBOUND_STATUSES = ("approved", "placed", "completed")


@dataclass(frozen=True)
class LedgerRow:
    """One city's (or the total's) figures for a year; the balance is out minus in."""

    city: str  #: slug, "" for the total row
    name: str
    persons_out: int = 0
    days_out: int = 0
    persons_in: int = 0
    days_in: int = 0

    @property
    def balance_persons(self) -> int:
        """Persons sent minus persons received: positive when Siegburg sent more."""
        return self.persons_out - self.persons_in

    @property
    def balance_days(self) -> int:
        """Days sent minus days received."""
        return self.days_out - self.days_in


def _stay_days(model):
    """SQL expression: calendar days of the row's stay, both ends included (like ``model.days``)."""
    if is_sqlite():
        return fn.CAST(SQL("julianday(end_date) - julianday(start_date) AS INTEGER")) + 1
    return SQL("(end_date - start_date)") + 1


def _totals(query, model) -> dict[str, tuple[int, int]]:
    """city → (persons, days) for the rows of ``query``, in one GROUP BY query."""
    rows = (
        query.select(model.city, fn.COUNT(model.id), fn.SUM(_stay_days(model))).group_by(model.city).tuples()
    )
    return {city: (persons, int(days or 0)) for city, persons, days in rows}


def _in_year(model, year: int, city: str | None):
    """Rows of ``model`` whose stay starts in ``year`` (and in ``city``, if given)."""
    condition = model.start_date.between(date(year, 1, 1), date(year, 12, 31))
    if city is not None:
        condition &= model.city == city
    return model.select().where(condition)


def ledger(year: int, city: str | None = None) -> list[LedgerRow]:
    """Per partner city (registry order) or only ``city``: persons and days out vs. in for ``year``."""
    outbound = _totals(
        _in_year(Application, year, city).where(Application.status.in_(OUTBOUND_STATUSES)), Application
    )
    inbound = _totals(
        _in_year(InboundTrainee, year, city).where(InboundTrainee.status != "cancelled"), InboundTrainee
    )
    return [
        LedgerRow(p.slug, p.name_de, *outbound.get(p.slug, (0, 0)), *inbound.get(p.slug, (0, 0)))
        for p in registry()
        if city is None or p.slug == city
    ]


def years(today: date) -> list[int]:
    """The years a ledger can be shown for: four back, two ahead, newest first."""
    return list(range(today.year + 2, today.year - 5, -1))


def chosen_year(raw: str | None, today: date) -> int:
    """The year from a ``?year=`` parameter if it is one of ``years``, else the current year."""
    try:
        year = int(raw or "")
    except ValueError:
        return today.year
    return year if year in years(today) else today.year


def city_panel(slug: str, raw_year: str | None, today: date) -> dict:
    """What a city's page shows of the ledger: the chosen year's row, the year and the years offered."""
    year = chosen_year(raw_year, today)
    [row] = ledger(year, slug)
    return {"ledger": row, "year": year, "years": years(today)}


def total(rows: list[LedgerRow], name: str = "") -> LedgerRow:
    """The sum of ledger rows, as a row with an empty city slug."""
    return LedgerRow(
        "",
        name,
        sum(r.persons_out for r in rows),
        sum(r.days_out for r in rows),
        sum(r.persons_in for r in rows),
        sum(r.days_in for r in rows),
    )
