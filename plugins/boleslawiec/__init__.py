"""Bolesławiec (Poland), partner city of Siegburg since 1992."""

from intranet import hookimpl
from intranet.hookspecs import PartnerCity

CITY = PartnerCity(
    slug="boleslawiec",
    name_de="Bolesławiec",
    name_local="Bolesławiec",
    country="PL",
    country_de="Polen",
    region="Powiat bolesławiecki, województwo dolnośląskie",
    languages=("pl", "de"),
    eu=True,
    schengen=True,
    currency="PLN",
    timezone="Europe/Warsaw",
    partner_since="1992 (Patenschaft seit 1953)",
    short_label="PL",
)


@hookimpl
def partner_city():
    """Bolesławiec."""
    return CITY
