"""Blueprints of the city admins and the city pages."""
