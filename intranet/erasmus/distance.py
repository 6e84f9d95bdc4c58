"""Distances as the EU's distance calculator measures them: great circle between two towns, one way."""

from math import asin, cos, radians, sin, sqrt

from intranet.cities.home import SIEGBURG
from intranet.erasmus import rates
from intranet.hookspecs import PartnerCity

#: mean earth radius in km
EARTH_RADIUS_KM = 6371.0


def great_circle_km(start: tuple[float, float], end: tuple[float, float]) -> float:
    """Great-circle distance in km between two (latitude, longitude) points (haversine formula)."""
    lat1, lon1, lat2, lon2 = map(radians, (*start, *end))
    half = sin((lat2 - lat1) / 2) ** 2 + cos(lat1) * cos(lat2) * sin((lon2 - lon1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * asin(sqrt(half))


def from_siegburg(city: PartnerCity) -> float | None:
    """One-way km from Siegburg to the city, rounded to 0.1 km; None if the plugin gives no coordinates."""
    if city.coordinates is None:
        return None
    return round(great_circle_km(SIEGBURG.coordinates, city.coordinates), 1)


def band(city: PartnerCity) -> str | None:
    """The distance band of a stay in ``city``, e.g. "500-1999"."""
    km = from_siegburg(city)
    return None if km is None else rates.band_of(km)
