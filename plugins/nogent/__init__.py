"""Nogent-sur-Marne (France), partner city of Siegburg since 1964."""

from intranet import hookimpl
from intranet.hookspecs import PartnerCity

CITY = PartnerCity(
    slug="nogent",
    name_de="Nogent-sur-Marne",
    name_local="Nogent-sur-Marne",
    country="FR",
    country_de="Frankreich",
    region="Val-de-Marne, Île-de-France",
    languages=("fr", "de"),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Paris",
    partner_since="1964",
    short_label="FR",
)


@hookimpl
def partner_city():
    """Nogent-sur-Marne."""
    return CITY
