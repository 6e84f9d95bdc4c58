"""HR's inbox: filters from the query string, the ranked page of applications, budget figures.

Every request costs the same few queries however many applications there are: the
page itself (applications with their trainees), its count, the uploaded document kinds of
the rows on the page, the status counters and the budget accounts. Rule warnings and the
cost estimate are snapshots taken at submission, so no row calls a city's rules.
"""

from dataclasses import asdict, dataclass
from datetime import date

from flask import current_app
from flask_babel import gettext as _
from peewee import Case, fn

from intranet.cities.registry import registry
from intranet.models import TRAINING_TRACKS, Application, BudgetAccount, Document, Placement, User
from intranet.people.trainees import TRAINING_YEARS
from intranet.platform.paging import Page, int_in

#: status filter → the statuses it shows (drafts are the trainees' private business)
STATUS_FILTERS = {
    "open": ("submitted", "waitlisted"),
    "submitted": ("submitted",),
    "waitlisted": ("waitlisted",),
    "approved": ("approved", "placed", "completed"),
    "rejected": ("rejected",),
    "withdrawn": ("withdrawn",),
    "all": ("submitted", "waitlisted", "approved", "placed", "completed", "rejected", "withdrawn"),
}


@dataclass
class Filters:
    """What HR narrowed the inbox to; unknown or broken values fall back to "all"."""

    status: str = "open"
    city: str = ""
    year: int | None = None  #: year the stay starts (= budget year)
    training_year: int | None = None
    track: str = ""
    #: "confirmed": only stays whose host administration confirmed the placement
    host: str = ""
    q: str = ""
    page: int = 1

    @classmethod
    def from_args(cls, args) -> "Filters":
        """Read the filters from request arguments, ignoring what does not fit."""
        status = args.get("status", "open")
        city = args.get("city", "")
        track = args.get("track", "")
        return cls(
            status=status if status in STATUS_FILTERS else "open",
            city=city if city in registry() else "",
            year=int_in(args.get("year"), range(2000, 2101)),
            training_year=int_in(args.get("training_year"), TRAINING_YEARS),
            track=track if track in TRAINING_TRACKS else "",
            host="confirmed" if args.get("host") == "confirmed" else "",
            q=args.get("q", "").strip()[:100],
            page=int_in(args.get("page"), range(1, 100_000)) or 1,
        )

    def args(self, **changes) -> dict:
        """Query arguments for a link to these filters with ``changes`` (empty values left out)."""
        values = {**asdict(self), **changes}
        return {k: v for k, v in values.items() if v not in ("", None) and not (k == "page" and v == 1)}


def budget_accounts() -> list[BudgetAccount]:
    """Accounts of the default number from this year on, for the widget and the ranking."""
    return list(
        BudgetAccount.select()
        .where(
            (BudgetAccount.number == current_app.config["BUDGET_ACCOUNT"])
            & (BudgetAccount.year >= date.today().year)
        )
        .order_by(BudgetAccount.year)
    )


def fits_budget(accounts: list[BudgetAccount]):
    """SQL condition: a waitlisted application whose estimate fits its year's remaining budget."""
    remaining = (
        Case(
            None,
            [
                (Application.start_date.between(date(a.year, 1, 1), date(a.year, 12, 31)), float(a.remaining))
                for a in accounts
            ],
            -1.0,
        )
        if accounts
        else -1.0
    )
    return (Application.status == "waitlisted") & (fn.COALESCE(Application.cost_estimate, 0) <= remaining)


def rows(filters: Filters, accounts: list[BudgetAccount]):
    """Applications matching ``filters`` with their trainees, each marked whether it ``fits`` (unordered)."""
    fits = Case(None, [(fits_budget(accounts), True)], False).alias("fits")
    return narrow(Application.select(Application, User, fits).join(User), filters)


def ranking(accounts: list[BudgetAccount]) -> list:
    """The inbox order as four conditions, shown one group after the other and each group by
    submission: waitlisted applications that now fit the budget, of second-year trainees, then
    of the others; then the rest, again second year first. Read group by group, every group comes
    in the order of an index and stops after a page, where one ORDER BY over the ranking would
    sort every matching row (100 000 applications: 230 ms for a page)."""
    fits = fits_budget(accounts)
    second_year = fn.COALESCE(User.training_year, 0) == 2
    return [fits & second_year, fits & ~second_year, ~fits & second_year, ~fits & ~second_year]


def narrow(rows, filters: Filters):
    """``rows`` restricted to ``filters``; the conditions on the trainee need the join with User."""
    if filters.status == "all":
        # no IN over the status index: SQLite then reads "all" in submission order and stops early
        rows = rows.where(Application.status != "draft")
    else:
        rows = rows.where(Application.status.in_(STATUS_FILTERS[filters.status]))
    if filters.city:
        rows = rows.where(Application.city == filters.city)
    if filters.year:
        rows = rows.where(
            Application.start_date.between(date(filters.year, 1, 1), date(filters.year, 12, 31))
        )
    if filters.training_year:
        rows = rows.where(User.training_year == filters.training_year)
    if filters.track:
        rows = rows.where(User.training_track == filters.track)
    if filters.host:
        confirmed = Placement.select(Placement.application).where(Placement.host_status == filters.host)
        rows = rows.where(Application.id.in_(confirmed))
    if filters.q:
        rows = rows.where(_search(filters.q))
    return rows


def count(filters: Filters, counts: dict[str, int] | None) -> int:
    """How many applications match ``filters``: from the status ``counts`` (if given) when only the
    status is chosen, else counted, joining the trainees only when a filter needs them."""
    if counts is not None and filters == Filters(status=filters.status, page=filters.page):
        return sum(counts.get(status, 0) for status in STATUS_FILTERS[filters.status])
    rows = Application.select()
    if filters.training_year or filters.track or filters.q:
        rows = rows.join(User)
    return narrow(rows, filters).count()


def _search(text: str):
    """Trainee's name or the application number."""
    name = fn.LOWER(User.display_name).contains(text.lower())
    return (name | (Application.id == int(text))) if text.isdigit() else name


def page(filters: Filters, accounts: list[BudgetAccount], counts: dict[str, int] | None) -> Page:
    """The requested page of the inbox (moved into range), with the uploaded documents of its rows;
    ``counts``: the ``status_counts`` if the caller has them."""
    size, total = current_app.config["PAGE_SIZE"], count(filters, counts)
    number = min(filters.page, max(1, -(-total // size)))
    matching = rows(filters, accounts)
    skip, found = (number - 1) * size, []
    for group in ranking(accounts):
        if len(found) == size:
            break
        query = matching.where(group).order_by(Application.submitted_at, Application.id)
        taken = list(query.offset(skip).limit(size - len(found)))
        # a page starting after this group needs its length: counted only then (later pages)
        skip = 0 if taken or not skip else skip - query.count()
        found += taken
    result = Page(found, total, number, size)
    result.uploaded = uploaded_kinds([a.id for a in found])
    return result


def one(application_id: int, accounts: list[BudgetAccount]) -> Application | None:
    """A single application as an inbox row (any status but draft)."""
    return rows(Filters(status="all"), accounts).where(Application.id == application_id).get_or_none()


def uploaded_kinds(application_ids: list[int]) -> dict[int, set]:
    """Application id → kinds of the documents uploaded for it, in one query."""
    uploaded: dict[int, set] = {}
    kinds = Document.select(Document.application, Document.kind).where(
        Document.application.in_(application_ids)
    )
    for application_id, kind in kinds.tuples():
        uploaded.setdefault(application_id, set()).add(kind)
    return uploaded


def movers(accounts: list[BudgetAccount]) -> int:
    """How many waitlisted applications fit the remaining budget of their year."""
    return Application.select().where(fits_budget(accounts)).count()


def completeness(application: Application, uploaded: set) -> tuple[int, int, list[str]]:
    """Required documents: how many are uploaded, how many there are, labels of the missing ones."""
    required = [
        r
        for r in registry().call(application.city, "required_documents", application=application)
        if r.required
    ]
    missing = [r for r in required if r.key not in uploaded]
    labels = [
        _("%(label)s (vor der Abreise)", label=r.label) if r.due == "departure" else r.label for r in missing
    ]
    return len(required) - len(missing), len(required), labels


def status_counts() -> dict[str, int]:
    """Number of applications per status (drafts are the trainees' private business)."""
    rows = (
        Application.select(Application.status, fn.COUNT(Application.id).alias("n"))
        .where(Application.status != "draft")
        .group_by(Application.status)
        .tuples()
    )
    return dict(rows)
