"""Distances between points and communes near a point."""

from __future__ import annotations

import math

import numpy as np

from regia.territory.referential import Commune, get_referential

EARTH_RADIUS_KM = 6371.0088


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def communes_within(lat: float, lon: float, radius_km: float) -> list[tuple[Commune, float]]:
    """Communes whose centroid lies within ``radius_km`` of the point, nearest first."""
    ref = get_referential()
    p, lam = math.radians(lat), math.radians(lon)
    a = (
        np.sin((ref.geo_lat - p) / 2) ** 2
        + math.cos(p) * np.cos(ref.geo_lat) * np.sin((ref.geo_lon - lam) / 2) ** 2
    )
    dist = 2 * EARTH_RADIUS_KM * np.arcsin(np.minimum(1.0, np.sqrt(a)))
    inside = np.flatnonzero(dist <= radius_km)
    inside = inside[np.argsort(dist[inside], kind="stable")]
    return [(ref.communes[ref.geo_codes[k]], float(dist[k])) for k in inside]
