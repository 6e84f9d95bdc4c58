"""Blueprints of the guests in Siegburg: guests, departments and closures, tandems, letters."""
