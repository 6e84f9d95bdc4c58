"""Orestiada (Greece), partner city of Siegburg since 1994 (some sources: 1995)."""

from intranet import hookimpl
from intranet.hookspecs import PartnerCity

CITY = PartnerCity(
    slug="orestiada",
    name_de="Orestiada",
    name_local="Ορεστιάδα",
    country="GR",
    country_de="Griechenland",
    region="Π.Ε. Έβρου, Ανατολική Μακεδονία και Θράκη",
    languages=("el", "de"),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Athens",
    partner_since="1994 laut Stadt und Partnerschaftsverein, 1995 laut General-Anzeiger – "
    "Quellen widersprechen sich",
    short_label="GR",
    unverified=("Gründungsjahr der Partnerschaft (1994 oder 1995)",),
)


@hookimpl
def partner_city():
    """Orestiada."""
    return CITY
