"""The partner cities: the registry of city plugins, per-city hook calls, the core plugins with the
defaults every city shares, run-time overrides, public holidays and working days, Siegburg as host."""
