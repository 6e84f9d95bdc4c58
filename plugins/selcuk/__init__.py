"""Selçuk (Türkiye), partner city of Siegburg since 1993 (some sources: 1994)."""

from intranet import hookimpl
from intranet.hookspecs import PartnerCity

CITY = PartnerCity(
    slug="selcuk",
    name_de="Selçuk",
    name_local="Selçuk",
    country="TR",
    country_de="Türkei",
    region="İzmir",
    languages=("tr", "de"),
    eu=False,
    schengen=False,
    currency="TRY",
    timezone="Europe/Istanbul",
    partner_since="1993 laut Stadt Siegburg, 1994 laut General-Anzeiger – Quellen widersprechen sich",
    short_label="TR",
    unverified=("Gründungsjahr der Partnerschaft (1993 oder 1994)", "Währungscode TRY"),
)


@hookimpl
def partner_city():
    """Selçuk."""
    return CITY
