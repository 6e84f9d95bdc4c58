"""Guests in Siegburg: trainees of the partner cities, Siegburg's departments and office closures,
the weekly rotation, tandems and their matching, the guests' letters and the reciprocity ledger."""
