"""Guarda (Portugal), partner city of Siegburg since 1985."""

from intranet import hookimpl
from intranet.hookspecs import PartnerCity

CITY = PartnerCity(
    slug="guarda",
    name_de="Guarda",
    name_local="Guarda",
    country="PT",
    country_de="Portugal",
    region="Distrito da Guarda, Região Centro",
    languages=("pt", "de"),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Lisbon",
    partner_since="1985",
    short_label="PT",
)


@hookimpl
def partner_city():
    """Guarda."""
    return CITY
