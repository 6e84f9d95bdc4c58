"""Blueprints of the budget: accounts, actual costs and bookings."""
