"""Placement and the city admins' room: placing approved trainees, blocked periods and capacity,
the city's run-time data, the plugin at work, and the city pages every employee reads."""
