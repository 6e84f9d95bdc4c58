"""Pooled PostgreSQL connections: given back at the end of each request and command, renewed after
the server restarted (the stale connection is found by the ping on check-out)."""

import pytest
from playhouse.pool import PooledPostgresqlDatabase

from intranet.platform.db import db, open_database, pool_settings

pytestmark = pytest.mark.parametrize("database_url", ["postgresql"], indirect=True)


def pooled(app) -> PooledPostgresqlDatabase:
    assert isinstance(db.obj, PooledPostgresqlDatabase)
    assert db.obj._max_connections == app.config["DATABASE_POOL_SIZE"]
    return db.obj


def idle_connections(pool) -> list:
    return [conn for _, _, conn in pool._connections]


def test_requests_and_commands_give_their_connection_back(app, client, runner, login):
    pool = pooled(app)
    login("hanna")
    assert client.get("/personal/").status_code == 200
    assert pool._in_use == {} and len(pool._connections) == 1
    idle = idle_connections(pool)
    assert runner.invoke(args=["mail", "send"]).exit_code == 0
    assert client.get("/personal/").status_code == 200
    # one connection served the requests and the command
    assert pool._in_use == {} and idle_connections(pool) == idle


def test_next_request_after_a_postgresql_restart_succeeds(app, client, login, postgres):
    pool = pooled(app)
    login("hanna")
    assert client.get("/personal/").status_code == 200
    before = idle_connections(pool)
    postgres.restart()
    assert not before[0].closed  # the pool does not know yet
    response = client.get("/personal/")
    assert response.status_code == 200 and "Hanna Personal" in response.text
    assert len(idle_connections(pool)) == 1 and idle_connections(pool) != before


def test_pool_size_zero_opens_a_connection_per_request(database_url):
    config = {"DATABASE_POOL_SIZE": 0, "DATABASE_POOL_TIMEOUT": 1, "DATABASE_POOL_RECYCLE_SECONDS": 0}
    assert not isinstance(open_database(database_url, pool_settings(config)), PooledPostgresqlDatabase)
