"""The HR inbox reads applications of one status in submission order: index (status, submitted_at)
instead of (status) alone, which it covers for the status counts too."""


def up(migrator, db):
    migrator.migrate(
        migrator.drop_index('application', 'application_status'),
        migrator.add_index('application', ('status', 'submitted_at'), False),
    )


def down(migrator, db):
    migrator.migrate(
        migrator.drop_index('application', 'application_status_submitted_at'),
        migrator.add_index('application', ('status',), False),
    )
