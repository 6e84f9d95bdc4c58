"""Building the plugin manager: specs, core plugins, the installed city plugins, then the registry.

The manager is built per app in ``init_app`` so that tests get a fresh one.
"""

import pluggy
from flask import Flask

from intranet import hookspecs
from intranet.cities.defaults import CORE_PLUGINS
from intranet.cities.registry import CityRegistry, PluginError


def get_plugin_manager(extra_plugins=()) -> pluggy.PluginManager:
    """Build the manager: specs, core defaults, entry points, extra (test) plugins."""
    pm = pluggy.PluginManager("intranet")
    pm.add_hookspecs(hookspecs)
    # pluggy calls the last registered first: reversed, the core answers in CORE_PLUGINS order
    for module in reversed(CORE_PLUGINS):
        pm.register(module, name=module.__name__)
    pm.load_setuptools_entrypoints("intranet")
    for plugin in extra_plugins:
        pm.register(plugin)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        raise PluginError(f"Plugin mit unbekanntem Hook / hook without spec: {exc}") from exc
    return pm


def init_app(app: Flask) -> None:
    """Build plugin manager and registry; fails loudly on a broken plugin set."""
    pm = get_plugin_manager(app.config.get("EXTRA_PLUGINS", ()))
    app.extensions["plugin_manager"] = pm
    app.extensions["cities"] = CityRegistry(pm)
    app.jinja_env.globals["cities"] = app.extensions["cities"]
