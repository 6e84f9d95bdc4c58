"""The benchmark's seeding and its in-process query counter, at a tiny size (no timings)."""

import sys
from pathlib import Path

from intranet.models import Application, AuditEvent, BudgetAccount, Document, Placement, Reservation, User
from intranet.platform.db import db

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import bench_probe  # noqa: E402
import bench_report  # noqa: E402
import bench_seed  # noqa: E402

from intranet.platform import storage


def seed(app, n: int) -> dict:
    with app.app_context(), db.connection_context():
        return bench_seed.seed(n)


def test_seeded_data_is_consistent(app):
    counts = seed(app, 30)
    with app.app_context(), db.connection_context():
        assert Application.select().count() == counts["applications"] == 30
        assert User.select().where(User.username.startswith("azubi")).count() == 10
        submitted = Application.select().where(Application.status != "draft")
        assert Document.select().count() == len(bench_seed.DOCUMENT_KINDS) * submitted.count()
        assert all(storage.read(d.stored_name) == bench_seed.SAMPLE_PDF for d in Document.select())
        trail = AuditEvent.select().where(AuditEvent.action == "application_submitted").count()
        assert trail == submitted.count()
        placed = Application.select().where(Application.status.in_(("placed", "completed")))
        assert Placement.select().count() == placed.count()
        for account in BudgetAccount.select():
            held = sum(r.amount_cents for r in Reservation.select().where(Reservation.account == account))
            assert account.reserved_cents == held
            assert account.remaining > 0


def test_query_count_of_the_inbox_does_not_grow_with_the_data(app):
    seed(app, 30)
    first = probe(app)
    seed(app, 30)
    with app.app_context(), db.connection_context():
        assert Application.select().count() == 60
    assert probe(app) == first


def probe(app) -> dict:
    """Status and SQL statements of the HR pages the benchmark drives with GET."""
    with app.app_context(), db.connection_context():
        _, probe_id, detail_id = bench_probe.targets(2)
    hr = bench_probe.Session(app, bench_seed.HR_USER)
    counted = {}
    for interaction in bench_probe.interactions(probe_id, detail_id):
        if interaction.user == "hr" and interaction.kind != "pdf" and interaction.method == "GET":
            status, queries, _ = bench_probe.count_queries(hr, interaction)
            counted[interaction.key] = (status, queries)
    assert set(counted) == {"inbox", "filter", "detail"}
    assert all(status == 200 for status, _ in counted.values())
    return counted


def test_the_file_transfers_get_a_table_per_backend():
    figures = {"p50_s": 0.25, "max_s": 0.5, "rounds": 5, "rss_before": 80 << 20, "peak_rss": 90 << 20}
    report = {"files": {backend: {"upload": figures, "download": figures} for backend in storage.BACKENDS}}
    lines = bench_report.files_table(report)
    assert "| database | download | 250 | 500 | 80 MB | 90 MB |" in lines and len(lines) == 8
