"""Benchmark data: N applications across the six cities and several years, with their trainees,
documents, audit trail, placements, budget accounts, reservations, bookings and questions.

Rows are computed in Python and written with ``insert_many`` in chunks inside one transaction,
which keeps 100 000 applications well under two minutes. Call ``seed`` inside an app context
on a freshly migrated database.
"""

import hashlib
import random
import secrets
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal

import bench_store

from intranet.budget import reservations
from intranet.cities.registry import registry
from intranet.models import Application, BudgetAccount, HostFamily, User
from intranet.people.passwords import hash_password

PASSWORD = "bench-passwort-1"
HR_USER = "bench-hr"
TRAINEE = "bench-azubi"
#: documents every submitted application carries (the core's submission requirements)
DOCUMENT_KINDS = ("cv", "motivation_letter", "release")
SAMPLE_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
SAMPLE_SHA256 = hashlib.sha256(SAMPLE_PDF).hexdigest()
FIRST = ("Anna", "Jonas", "Leyla", "Mats", "Sofia", "Paul", "Mia", "Emre", "Lena", "Noah", "Zoe", "Ben")
LAST = ("Sommer", "Becker", "Yılmaz", "Wagner", "Schmitz", "Krause", "Nowak", "Weber", "Klein", "Fuchs")
#: status weights of stays that are over, and of stays still ahead
PAST = {"completed": 65, "rejected": 20, "withdrawn": 15}
FUTURE = {
    "submitted": 35,
    "waitlisted": 10,
    "approved": 20,
    "placed": 15,
    "rejected": 10,
    "withdrawn": 5,
    "draft": 5,
}
DECISION = {
    "approved": "application_approved",
    "placed": "application_approved",
    "completed": "application_approved",
}
DECISION |= {s: f"application_{s}" for s in ("rejected", "waitlisted", "withdrawn")}
MOTIVATION = "Ich möchte sehen, wie die Partnerverwaltung Bürgeranliegen bearbeitet."


@dataclass
class Rows:
    """Everything to insert, table by table, and the budget sums per year."""

    users: list = field(default_factory=list)
    roles: list = field(default_factory=list)
    scopes: list = field(default_factory=list)
    applications: list = field(default_factory=list)
    documents: list = field(default_factory=list)
    audit: list = field(default_factory=list)
    placements: list = field(default_factory=list)
    reservations: list = field(default_factory=list)
    bookings: list = field(default_factory=list)
    questions: list = field(default_factory=list)
    reserved: dict = field(default_factory=dict)  #: year → cents
    spent: dict = field(default_factory=dict)  #: year → cents


@dataclass(frozen=True)
class World:
    """What every application row draws from."""

    rng: random.Random
    today: date
    years: range
    hr_id: int
    trainees: list
    cities: list
    families: dict  #: city → host family ids
    accounts: dict  #: year → account id


def seed(n: int, rng_seed: int = 7) -> dict:
    """Add ``n`` applications and everything around them (the fixed accounts only on the first call);
    returns counts per table."""
    today = date.today()
    years = range(today.year - 4, today.year + 2)
    rows = Rows()
    hr_id, trainees = _users(rows, max(3, n // 3))
    cities = [c.slug for c in registry()]
    world = World(random.Random(rng_seed), today, years, hr_id, trainees, cities, _families(cities), {})
    world.accounts.update({y: _account(y) for y in years})
    first = _next_id(Application)
    for number in range(first, first + n):
        _application(rows, world, number)
    bench_store.write(rows, world.accounts)
    bench_store.store_files([d[3] for d in rows.documents], SAMPLE_PDF)
    counts = {name: len(getattr(rows, name)) for name in ("users", "documents", "audit", "placements")}
    return {"applications": n, **counts}


def _users(rows: Rows, trainees: int) -> tuple[int, list[int]]:
    """The HR clerk, one admin per city, the benchmark trainee and ``trainees`` more (one password)."""
    hashed = hash_password(PASSWORD)
    start = _next_id(User)
    people = []
    if not User.select().where(User.username == HR_USER).exists():
        people += [(HR_USER, "Petra Personal", "hr", None), (TRAINEE, "Anna Benchmark", "employee", None)]
        people += [(f"bench-{c.slug}", f"Verwaltung {c.name_de}", "city_admin", c.slug) for c in registry()]
    people += [(f"azubi{start + i:07d}", "", "employee", None) for i in range(trainees)]
    for offset, (username, name, role, city) in enumerate(people):
        uid = start + offset
        name = name or f"{FIRST[offset % len(FIRST)]} {LAST[offset // len(FIRST) % len(LAST)]}"
        profile = (
            (True, ("VFA", "SIA")[offset % 2], 1 + offset % 3) if role == "employee" else (False, None, None)
        )
        rows.users.append((uid, username, f"{username}@bench.invalid", name, hashed, *profile))
        rows.roles.append((uid, role))
        if city:
            rows.scopes.append((uid, city))
        rows.audit.append((None, "user_created", "user", uid, None, {"roles": [role]}, "", datetime.now()))
    hr_id = start if people[0][0] == HR_USER else User.get(User.username == HR_USER).id
    return hr_id, [start + o for o, p in enumerate(people) if p[0].startswith("azubi")]


def _next_id(model) -> int:
    """The id after the table's highest (rows are inserted with explicit ids)."""
    return (model.select(model.id).order_by(model.id.desc()).scalar() or 0) + 1


def _families(cities: list[str]) -> dict[str, list[int]]:
    """Five host families per city."""
    made = {}
    for city in cities:
        made[city] = [
            HostFamily.create(
                city=city,
                household=f"Familie {LAST[i]}",
                consent_date=date.today(),
                consent_scope="Unterbringung",
            ).id
            for i in range(5)
        ]
    return made


def _account(year: int) -> int:
    """The default budget account of ``year`` (the migration made this and next year's)."""
    number = reservations.default_number()
    account = BudgetAccount.get_or_none((BudgetAccount.number == number) & (BudgetAccount.year == year))
    account = account or BudgetAccount.create(number=number, name="Partnerstadt-Praktika", year=year)
    return account.id


def _estimate(city: str, days: int, cache: dict = {}) -> int:  # noqa: B006 (a deliberate memo)
    """The city's cost estimate of a stay of ``days`` days, in cents (the rules are per city and length)."""
    if (city, days) not in cache:
        stay = Application(
            city=city, start_date=date(2030, 3, 4), end_date=date(2030, 3, 3) + timedelta(days)
        )
        cache[(city, days)] = int(reservations.estimate(stay) * 100)
    return cache[(city, days)]


def _application(rows: Rows, world: World, number: int) -> None:
    """One application, with the rows that its status implies."""
    rng = world.rng
    start = date(rng.choice(world.years), 1, 1) + timedelta(rng.randrange(365))
    days = rng.choice((14, 15, 18, 21))
    end = start + timedelta(days - 1)
    weights = PAST if end < world.today else FUTURE
    status = rng.choices(list(weights), list(weights.values()))[0]
    applicant = rng.choice(world.trainees)
    city = rng.choice(world.cities)
    cents = _estimate(city, days)
    created = datetime.combine(start - timedelta(rng.randrange(60, 200)), time(9))
    submitted = None if status == "draft" else created + timedelta(days=rng.randrange(1, 10))
    decided = submitted + timedelta(days=7) if status in DECISION else None
    track, year = ("VFA", "SIA")[applicant % 2], 1 + applicant % 3
    rows.applications.append(
        (number, applicant, city, start, end, MOTIVATION, status, track, year, Decimal(cents) / 100)
        + (created, decided or submitted or created, submitted, decided)
    )
    _audit(rows, world, number, applicant, status, (created, submitted, decided))
    if submitted:
        _documents(rows, number, applicant, submitted)
    _money(rows, world, number, status, start, cents)
    if status in ("placed", "completed"):
        family = rng.choice(world.families[city])
        rows.placements.append(
            (number, "Bürgerbüro", "Claire Martin", family, start, end, world.hr_id, decided)
        )
    if submitted and number % 20 == 0:
        answer = (
            ("Ja, die Freistellung liegt vor.", submitted + timedelta(days=2)) if number % 40 else ("", None)
        )
        rows.questions.append(
            (number, world.hr_id, submitted + timedelta(days=1), "Liegt die Freistellung vor?", *answer)
        )


def _audit(rows: Rows, world: World, number: int, applicant: int, status: str, when: tuple) -> None:
    """Created, submitted, decided (and placed): the trail the app itself would have written."""
    created, submitted, decided = when
    rows.audit.append(
        (applicant, "application_created", "application", number, None, {"status": "draft"}, "", created)
    )
    if submitted:
        after = {"status": "submitted"}
        rows.audit.append(
            (
                applicant,
                "application_submitted",
                "application",
                number,
                {"status": "draft"},
                after,
                "",
                submitted,
            )
        )
    if decided:
        actor = applicant if status == "withdrawn" else world.hr_id
        after = {"status": "approved" if status in ("placed", "completed") else status}
        rows.audit.append(
            (actor, DECISION[status], "application", number, {"status": "submitted"}, after, "", decided)
        )
    if status in ("placed", "completed"):
        rows.audit.append(
            (
                world.hr_id,
                "application_placed",
                "application",
                number,
                None,
                {"status": "placed"},
                "",
                decided,
            )
        )


def _documents(rows: Rows, number: int, applicant: int, at: datetime) -> None:
    """The submission documents, each with its own stored file."""
    for kind in DOCUMENT_KINDS:
        stored = secrets.token_hex(16)
        row = (number, kind, f"{kind}.pdf", stored, "application/pdf", len(SAMPLE_PDF), SAMPLE_SHA256)
        rows.documents.append((*row, applicant, at))


def _money(rows: Rows, world: World, number: int, status: str, start: date, cents: int) -> None:
    """Approved and placed stays hold a reservation; completed ones were booked as actual costs."""
    account = world.accounts[start.year]
    if status in ("approved", "placed"):
        rows.reservations.append((number, account, cents))
        rows.reserved[account] = rows.reserved.get(account, 0) + cents
    elif status == "completed":
        rows.bookings.append((number, account, "travel", cents, world.hr_id))
        rows.spent[account] = rows.spent.get(account, 0) + cents
