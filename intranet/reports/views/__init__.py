"""Blueprints of the reports: experience reports, Europass, committee report, calendar."""
