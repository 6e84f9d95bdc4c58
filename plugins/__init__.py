"""Partner-city plugins, importable as ``intranet_cities.<slug>``.

One package per city; each is registered in pyproject.toml under the entry-point
group ``intranet``. See intranet/hookspecs.py for the contract.
"""
