"""Blueprints per area."""

from flask import Flask

from . import applications, auth, hr, main


def init_app(app: Flask) -> None:
    """Register all blueprints."""
    for module in (main, auth, applications, hr):
        app.register_blueprint(module.bp)
