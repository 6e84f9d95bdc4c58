"""Numbered schema migrations, applied in order by ``flask --app intranet db upgrade``.

Each script defines ``up(migrator, db)`` and ``down(migrator, db)`` for
``playhouse.migrations``; models inside a script are frozen copies, never imports
of ``intranet.models``, so old scripts keep working when the models change.
"""
