"""Writing the benchmark's rows: bulk inserts in chunks inside one transaction, and the files.

``write`` takes the ``Rows`` that bench_seed computed; its tuples follow the column lists below.
"""

import os

from peewee import chunked

from intranet.models import (
    Application,
    AuditEvent,
    BudgetAccount,
    CityScope,
    CostBooking,
    Document,
    Placement,
    Question,
    Reservation,
    User,
    UserRole,
)
from intranet.platform import storage
from intranet.platform.db import db, is_sqlite

#: ext4 allows 65 000 links to one inode: a new source file after this many
LINKS_PER_FILE = 60_000

#: (attribute of Rows, model, its columns in the order of the row tuples)
TABLES = (
    (
        "users",
        User,
        "id username email display_name password_hash training_confirmed training_track training_year",
    ),
    ("roles", UserRole, "user role"),
    ("scopes", CityScope, "user city"),
    (
        "applications",
        Application,
        "id applicant city start_date end_date motivation status training_track "
        "training_year cost_estimate created_at updated_at submitted_at decided_at",
    ),
    (
        "documents",
        Document,
        "application kind original_name stored_name content_type size sha256 uploaded_by uploaded_at",
    ),
    ("audit", AuditEvent, "actor action object_type object_id before after reason at"),
    (
        "placements",
        Placement,
        "application department mentor host_family arrival departure placed_by placed_at",
    ),
    ("reservations", Reservation, "application account amount_cents"),
    ("bookings", CostBooking, "application account category amount_cents booked_by"),
    ("questions", Question, "application asked_by asked_at text answer answered_at"),
)


def write(rows, accounts: dict) -> None:
    """Insert every table in chunks, then fund the accounts: room for everything reserved and more."""
    with db.atomic():
        for name, model, columns in TABLES:
            fields = [getattr(model, column) for column in columns.split()]
            for chunk in chunked(getattr(rows, name), 2000):
                model.insert_many(chunk, fields=fields).execute()
        for account in accounts.values():
            reserved, spent = rows.reserved.get(account, 0), rows.spent.get(account, 0)
            BudgetAccount.update(
                amount_cents=BudgetAccount.amount_cents + 2 * (reserved + spent) + 100_000_000,
                reserved_cents=BudgetAccount.reserved_cents + reserved,
                spent_cents=BudgetAccount.spent_cents + spent,
            ).where(BudgetAccount.id == account).execute()
        if not is_sqlite():
            _advance_sequences()


def _advance_sequences() -> None:
    """PostgreSQL: move the id sequences past the ids inserted explicitly."""
    for model in (User, Application):
        table = f'"{model._meta.table_name}"'
        db.execute_sql(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT MAX(id) FROM {table}))"
        )


def store_files(names: list[str], content: bytes) -> None:
    """A real file for every document row: hard links to a few sample files (ext4: ≤ 65 000 links each)."""
    store = storage.backend("filesystem").folder
    store.mkdir(parents=True, exist_ok=True)
    source = None
    for index, name in enumerate(names):
        if index % LINKS_PER_FILE == 0:
            source = store / name
            source.write_bytes(content)
        else:
            os.link(source, store / name)
