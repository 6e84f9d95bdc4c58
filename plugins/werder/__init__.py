"""Werder (Havel), Brandenburg: ties since 1990, formal partnership signed October 2025."""

from intranet import hookimpl
from intranet.hookspecs import PartnerCity

CITY = PartnerCity(
    slug="werder",
    name_de="Werder (Havel)",
    name_local="Werder (Havel)",
    country="DE",
    country_de="Deutschland",
    region="Landkreis Potsdam-Mittelmark, Brandenburg",
    languages=("de",),
    eu=True,
    schengen=True,
    currency="EUR",
    timezone="Europe/Berlin",
    partner_since="2025 (Partnerschaftsvertrag), Verbindungen seit 1990",
    short_label="BB",
)


@hookimpl
def partner_city():
    """Werder (Havel)."""
    return CITY
