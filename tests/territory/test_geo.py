"""Perimeters (Place.within), member lists and distances on the real referential."""

from __future__ import annotations

import math

from regia.territory import (
    communes_of,
    communes_within,
    department,
    distance_km,
    epci,
    get_commune,
    place_of,
    region,
    resolve_place,
)


def test_lookups():
    assert get_commune("35238").name == "Rennes" and get_commune("00000") is None
    assert department("2a").name == "Corse-du-Sud" and region("53").name == "Bretagne"
    assert epci("243500139").name == "Rennes Métropole" and epci("000000000") is None
    members = communes_of("epci", "243500139")
    assert len(members) == 43 and all(c.epci == "243500139" for c in members)
    assert {c.region for c in communes_of("department", "35")} == {"53"}
    assert sum(1 for _ in communes_of("region", "53")) == sum(
        len(communes_of("department", d)) for d in ("22", "29", "35", "56")
    )


def test_within_for_a_commune():
    rennes = resolve_place("Rennes")
    assert rennes.within(regions=["53"]) is True
    assert rennes.within(departments=["35"]) is True
    assert rennes.within(epcis=["243500139"]) is True
    assert rennes.within(communes=["35238"]) is True
    assert rennes.within(regions=["84"], departments=["69"]) is False
    assert rennes.within() is False


def test_within_for_areas_coarser_than_the_perimeter():
    finistere = resolve_place("Finistère")
    assert finistere.within(regions=["53"]) is True
    assert finistere.within(communes=["29019"]) is None  # Brest only: part of the department
    assert finistere.within(communes=["35238"]) is False
    bretagne = resolve_place("Bretagne")
    assert bretagne.within(departments=["35"]) is None
    assert bretagne.within(departments=["22", "29", "35", "56"]) is True
    assert bretagne.within(departments=["69"]) is False
    metropole = place_of("epci", "243500139")
    assert metropole.department.code == "35" and metropole.within(departments=["35"]) is True
    assert metropole.within(communes=["35238"]) is None


def test_distances():
    paris, lyon = get_commune("75056"), get_commune("69123")
    d = distance_km(paris.lat, paris.lon, lyon.lat, lyon.lon)
    assert 385 < d < 400  # about 392 km as the crow flies
    assert distance_km(48.0, -1.0, 48.0, -1.0) == 0.0
    assert math.isclose(distance_km(0, 0, 0, 1), 111.19, rel_tol=1e-3)
    rennes = get_commune("35238")
    near = communes_within(rennes.lat, rennes.lon, 10)
    assert near[0][0].insee == "35238" and near[0][1] == 0.0
    assert [d for _, d in near] == sorted(d for _, d in near) and all(d <= 10 for _, d in near)
    assert {"35051", "35278"} <= {c.insee for c, _ in near}  # Cesson-Sévigné, Saint-Grégoire
