"""Leases of the periodic jobs (``platform.jobs``)."""

from peewee import CharField, DateTimeField

from intranet.models.base import BaseModel, utcnow


class JobLease(BaseModel):
    """Who runs a periodic job now: one row per job, taken by a conditional UPDATE.

    The lease is free once ``expires_at`` has passed: a run gives it back at its end by
    setting it to its end time, a crashed run's lease simply runs out.
    """

    name = CharField(max_length=100, unique=True)
    #: host name and process id of the run, for the message a second host prints
    holder = CharField(max_length=255, default="")
    #: random per run, so that only the run itself gives its lease back
    token = CharField(max_length=32, default="")
    started_at = DateTimeField(default=utcnow)
    expires_at = DateTimeField(default=utcnow)
