"""Leases of periodic jobs: one run at a time over all hosts, a second one says so and does nothing."""

import threading
from datetime import timedelta

from intranet.models import JobLease, utcnow
from intranet.platform import jobs
from intranet.platform.db import db


def test_a_second_run_waits_for_the_first_to_end(app):
    with app.app_context(), db.connection_context():
        with jobs.exclusive("retention") as first:
            with jobs.exclusive("retention") as second, jobs.exclusive("documents cleanup") as other:
                assert (first, second, other) == (True, False, True)
            assert "läuft schon auf" in jobs.busy("retention")
        with jobs.exclusive("retention") as again:
            assert again


def test_a_crashed_runs_lease_runs_out_and_is_not_given_back_by_it(app):
    with app.app_context(), db.connection_context():
        assert jobs.acquire("retention", "crashed", timedelta(minutes=60))
        assert not jobs.acquire("retention", "next", timedelta(minutes=60))
        JobLease.update(expires_at=utcnow() - timedelta(seconds=1)).execute()
        assert jobs.acquire("retention", "next", timedelta(minutes=60))
        jobs.release("retention", "crashed")  # the old run ends late: the lease stays with "next"
        assert not jobs.acquire("retention", "third", timedelta(minutes=60))


def test_hosts_racing_for_a_free_lease_get_it_once(app):
    start, won = threading.Barrier(4), []

    def host(token):
        with app.app_context(), db.connection_context():
            start.wait()
            if jobs.acquire("retention", token, timedelta(minutes=5)):
                won.append(token)

    threads = [threading.Thread(target=host, args=(f"host{i}",)) for i in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(won) == 1


def test_commands_print_a_german_line_and_exit_0_while_another_host_runs_them(app, runner):
    with app.app_context(), db.connection_context(), jobs.exclusive("retention"):
        with jobs.exclusive("documents cleanup"):
            retention = runner.invoke(args=["retention", "run"])
            cleanup = runner.invoke(args=["documents", "cleanup"])
    assert retention.exit_code == 0 and "„retention“ läuft schon auf" in retention.output
    assert "erledigt" not in retention.output
    assert cleanup.exit_code == 0 and "„documents cleanup“ läuft schon auf" in cleanup.output
    assert "verwaiste" not in cleanup.output
