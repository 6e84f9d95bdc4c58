"""Core defaults: cross-cutting plugins that answer for every partner city.

Each module is one plugin without ``partner_city``: the rules and documents every
stay shares, with their plain-German summaries next to them. ``cities`` registers
them before the city plugins, so a city's own items come first in every list.
"""

from intranet.cities import overrides
from intranet.cities.defaults import capacity, contacts, documents, learning_agreement, stay, trainee

#: the order in which the core's documents, rules and contacts appear; ``overrides`` only wraps
CORE_PLUGINS = (stay, capacity, trainee, documents, contacts, learning_agreement, overrides)
