"""Blueprints of people: login, start page, user administration, trainee master data."""
