"""The platform every feature stands on: configuration, database, migrations, logs, health,
security headers, errors, languages, page rendering, files, audit trail, backup, PDFs, CLI."""
