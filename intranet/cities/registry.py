"""The registry of partner cities, each with its own plugin.

Each city plugin answers for its own city only: ``CityRegistry.call`` runs a
hook on the city's plugin plus the cross-cutting plugins (those without
``partner_city``), never on the other cities' plugins.
"""

import inspect
from itertools import chain
from pathlib import Path

import pluggy
from flask import abort, current_app

from intranet.hookspecs import PartnerCity


class PluginError(RuntimeError):
    """A plugin set that cannot run (duplicate slug, hook without spec, …)."""


class CityRegistry:
    """The partner cities known to the app, each with its own plugin."""

    def __init__(self, pm: pluggy.PluginManager):
        self.pm = pm
        self._cities: dict[str, PartnerCity] = {}
        self._plugins: dict[str, object] = {}
        for impl in pm.hook.partner_city.get_hookimpls():
            city = impl.function()
            if city.slug in self._cities:
                raise PluginError(
                    f"Partnerstadt '{city.slug}' ist doppelt registriert / duplicate city slug "
                    f"({pm.get_name(self._plugins[city.slug])}, {impl.plugin_name})"
                )
            self._cities[city.slug] = city
            self._plugins[city.slug] = impl.plugin
        self._callers: dict[tuple[str, str], object] = {}

    def __iter__(self):
        """Cities in German alphabetical order."""
        return iter(sorted(self._cities.values(), key=lambda c: c.name_de))

    def __contains__(self, slug) -> bool:
        return slug in self._cities

    def get(self, slug: str) -> PartnerCity | None:
        """The city with this slug, or None."""
        return self._cities.get(slug)

    def get_or_404(self, slug: str) -> PartnerCity:
        """The city with this slug, or a 404 response."""
        city = self._cities.get(slug)
        if city is None:
            abort(404)
        return city

    def plugin(self, slug: str):
        """The plugin object that stands for the city."""
        return self._plugins[slug]

    def origin(self, slug: str) -> tuple[str, str]:
        """Version of the plugin's distribution ("?" if unknown) and the file it was loaded from."""
        plugin = self._plugins[slug]
        versions = {id(p): dist.version for p, dist in self.pm.list_plugin_distinfo()}
        source = plugin if inspect.ismodule(plugin) else type(plugin)
        return versions.get(id(plugin), "?"), inspect.getfile(source)

    def choices(self) -> list[tuple[str, str]]:
        """(slug, label) pairs for select fields."""
        return [(c.slug, f"{c.name_de} ({c.country_de})") for c in self]

    def call(self, slug: str, hook: str, **kwargs) -> list:
        """Call a hook for one city: the flattened results, or the one answer of a firstresult hook."""
        key = (slug, hook)
        if key not in self._callers:
            others = [p for s, p in self._plugins.items() if s != slug]
            self._callers[key] = self.pm.subset_hook_caller(hook, remove_plugins=others)
        caller = self._callers[key]
        results = caller(city=self._cities[slug], **kwargs)
        if caller.spec.opts.get("firstresult"):
            return results if results is not None else []
        return list(chain.from_iterable(r for r in results if r))

    def template_dirs(self) -> list[str]:
        """``templates`` folders shipped inside the plugin packages."""
        dirs = []
        for plugin in self.pm.get_plugins():
            module_file = getattr(plugin, "__file__", None)
            if module_file and (Path(module_file).parent / "templates").is_dir():
                dirs.append(str(Path(module_file).parent / "templates"))
        return dirs


def registry() -> CityRegistry:
    """The current app's city registry."""
    return current_app.extensions["cities"]
