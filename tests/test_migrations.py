"""Migrating an empty database yields exactly the schema the models describe."""

import pytest

from intranet.models import MODELS
from intranet.platform import migrate
from intranet.platform.db import db, open_database


def schema(database) -> dict:
    """Tables → columns (name, type, null, pk), indexes (columns, unique), foreign keys."""
    result = {}
    for table in sorted(database.get_tables()):
        if table == "schema_migration":
            continue
        columns = sorted(
            (c.name, c.data_type.lower(), c.null, c.primary_key) for c in database.get_columns(table)
        )
        indexes = sorted((tuple(i.columns), i.unique) for i in database.get_indexes(table))
        fks = sorted((f.column, f.dest_table, f.dest_column) for f in database.get_foreign_keys(table))
        result[table] = (columns, indexes, fks)
    return result


@pytest.fixture(params=["sqlite", "postgresql"])
def two_databases(request, tmp_path):
    """Two empty databases: one for the migrations, one for create_tables."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'migrated.sqlite3'}", f"sqlite:///{tmp_path / 'models.sqlite3'}"
        return
    server = request.getfixturevalue("postgres")
    for name in ("migrated_empty", "models_only"):
        server.create_database(name)
    yield server.url("migrated_empty"), server.url("models_only")
    db.close()
    for name in ("migrated_empty", "models_only"):
        server.drop_database(name)


def test_migrations_match_models(two_databases):
    migrated_url, models_url = two_databases
    migrated = open_database(migrated_url)
    db.initialize(migrated)
    with db.connection_context():
        assert migrate.pending()  # really empty
        migrate.upgrade()
        assert migrate.pending() == []
        from_migrations = schema(migrated)
    models_db = open_database(models_url)
    db.initialize(models_db)
    with db.connection_context():
        models_db.create_tables(MODELS)
        from_models = schema(models_db)
    assert from_migrations == from_models
    assert set(from_models) == {m._meta.table_name for m in MODELS}


def test_upgrade_is_idempotent_and_status_lists_all(app, runner):
    result = runner.invoke(args=["db", "upgrade"])
    assert result.exit_code == 0 and "Schema ist aktuell" in result.output
    status = runner.invoke(args=["db", "status"]).output
    assert "✔ 0001_initial" in status
    with app.app_context(), db.connection_context():
        assert migrate.pending() == []
