"""Periodic jobs fired by the timer of every app host: only one host runs a job at a time.

``exclusive(name)`` takes the job's lease, a row of ``job_lease``, with one conditional
UPDATE; a second host finds the lease taken and skips the run. A lease row rather than a
PostgreSQL advisory lock: it works the same on SQLite, needs no session held open for the
whole run (PgBouncer in transaction mode hands every transaction another server
connection) and runs out by itself when a host dies mid-run (docs/decisions.md).
"""

import os
import socket
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta

from flask import current_app

from intranet.models import JobLease, utcnow


@contextmanager
def exclusive(name: str) -> Iterator[bool]:
    """Hold job ``name``'s lease for the block (needs an open connection); yields False when another
    run holds it."""
    token = uuid.uuid4().hex
    got = acquire(name, token, timedelta(minutes=current_app.config["JOB_LEASE_MINUTES"]))
    try:
        yield got
    finally:
        if got:
            release(name, token)


def acquire(name: str, token: str, duration: timedelta) -> bool:
    """Take the lease if it is free (expired); True when this run got it. Call outside a transaction:
    the other hosts must see the lease at once."""
    now = utcnow()
    JobLease.insert(name=name, started_at=now, expires_at=now).on_conflict_ignore().execute()
    taken = (
        JobLease.update(holder=f"{socket.gethostname()} (PID {os.getpid()})", token=token,
                        started_at=now, expires_at=now + duration)
        .where((JobLease.name == name) & (JobLease.expires_at <= now))
        .execute()
    )  # fmt: skip
    return taken == 1


def release(name: str, token: str) -> None:
    """Give the lease back, unless it ran out and another run holds it now."""
    JobLease.update(expires_at=utcnow()).where((JobLease.name == name) & (JobLease.token == token)).execute()


def busy(name: str) -> str:
    """The German line a host prints when another one runs the job."""
    lease = JobLease.get_or_none(JobLease.name == name)
    where = f" auf {lease.holder} seit {lease.started_at:%H:%M} UTC" if lease else ""
    return f"„{name}“ läuft schon{where}; dieser Aufruf tut nichts."
