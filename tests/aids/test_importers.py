"""Importers on the real source files: counts, ids, perimeters of known aids, idempotence, atomicity."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from regia.aids.catalogue import all_aids, get_aid, import_file, parse_file
from regia.aids.loader import default_file
from regia.aids.models import Aid
from regia.db import init_db, session_scope
from regia.errors import DataFileError


@pytest.fixture(scope="module")
def jeunes(shared_data):
    records = parse_file("aides-jeunes", shared_data / "aides/aides-jeunes/benefits_consolidated.json")
    return {r.id: r for r in records}


@pytest.fixture(scope="module")
def velo(shared_data):
    return {r.id: r for r in parse_file("aides-velo", shared_data / "aides/aides-velo/aides_velo_flat.json")}


@pytest.fixture(scope="module")
def territoires(shared_data):
    path = shared_data / "aides/aides-territoires/aides-territoires_periurbain.csv"
    return {r.id: r for r in parse_file("aides-territoires", path)}


def test_counts_and_ids_are_the_sources(jeunes, velo, territoires, shared_data):
    raw = json.loads((shared_data / "aides/aides-jeunes/benefits_consolidated.json").read_text())
    assert len(jeunes) == 552 and set(jeunes) == {item["id"] for item in raw}
    assert len(velo) == 339 and "aides . ile de france" in velo
    assert len(territoires) == 274
    assert "e342-copie-14h23-favoriser-laccessibilite-des-bati" in territoires


def test_aides_jeunes_perimeters(jeunes):
    rennes = jeunes["rennes_metropole_transport"].perimeter
    assert rennes.epcis == ["243500139"] and not rennes.national and not rennes.regions
    bretagne = jeunes["region_bretagne-aide-au-premier-équipement-professionnel-des-lycéen-ne-s"].perimeter
    assert bretagne.regions == ["53"]
    assert jeunes["aide_logement"].perimeter.national
    # a CAF covers its department, narrowed by the typed condition
    assert jeunes["caf-aide-nationale-bafa"].perimeter.national
    # EPCI excluded from a departmental fund
    var = jeunes["departement-var-fonds-de-solidarite-energie"].perimeter
    assert var.departments == ["83"] and var.excluded_epcis == ["248300543"]
    # the known quirks: Fluo 67 is the Bas-Rhin network, 62001 strays in a Savoie commune list
    assert jeunes["grand_est_fluo_67_tarification_solidaire"].perimeter.departments == ["67"]
    assert not jeunes["grand_est_fluo_67_tarification_solidaire"].perimeter.regions
    savoie = jeunes["metropole-savoie-aide-covoiturage"].perimeter
    assert "62001" not in savoie.communes and all(c.startswith("73") for c in savoie.communes)
    assert "62001" in jeunes["artois-mobilite-aide-covoiturage"].perimeter.communes


def test_aides_jeunes_typed_conditions_are_kept(jeunes):
    aid = jeunes["departement-gironde-aide-departementale-au-permis-de-conduire"]
    assert {"type": "age", "operator": ">=", "value": 18} in aid.conditions
    assert "chomeur" in aid.profiles
    assert all(c["type"] not in ("regions", "departements") for c in aid.conditions)
    assert "<" not in aid.description  # HTML stripped


def test_aides_velo_perimeters(velo):
    assert velo["aides . paris"].perimeter.communes == ["75056"]
    assert velo["aides . ile de france"].perimeter.regions == ["11"]
    assert velo["aides . toulouse"].perimeter.epcis == ["243100518"]
    centre = velo["aides . region centre"].perimeter
    assert not centre.regions  # region AND one of the listed EPCIs: the EPCIs
    assert "243700754" in centre.excluded_epcis  # Tours Métropole Val de Loire
    assert "37270" in centre.excluded_communes


def test_aides_territoires_perimeters_from_funders(territoires):
    morbihan = territoires["e342-copie-14h23-favoriser-laccessibilite-des-bati"].perimeter
    assert morbihan.departments == ["56"]
    assert territoires["c5ef-lutter-contre-la-precarite-energetique"].perimeter.national
    undetermined = [r for r in territoires.values() if not r.perimeter.determined]
    assert 0 < len(undetermined) < 20 and all(r.perimeter.note for r in undetermined)


def test_provider_samples_are_imported(shared_data):
    folder = shared_data / "aides/aides-territoires/dataproviders-samples"
    ademe = parse_file("aides-territoires", folder / "ademe_agir_data.json")
    assert len(ademe) == 5 and ademe[0].perimeter.national and "<p>" not in ademe[0].description
    idf = parse_file("aides-territoires", folder / "ile_de_france_data.json")
    assert idf[0].perimeter.regions == ["11"]
    drome = parse_file("aides-territoires", folder / "departement_drome_data.json")
    assert drome[0].perimeter.departments == ["26"]


@pytest.mark.slow
def test_import_is_idempotent_and_atomic(fresh_home, tmp_path: Path):
    init_db()
    source = default_file("aides-jeunes")
    first = import_file("aides-jeunes", source)
    assert first.added == 552 and first.unchanged == 0
    again = import_file("aides-jeunes", source)
    assert again.unchanged == 552 and again.added == again.updated == again.removed == 0
    assert get_aid("rennes_metropole_transport").perimeter.epcis == ["243500139"]

    # a record with a wrong field: the whole file is refused, naming the record and field
    items = json.loads(gzip.decompress(source.read_bytes()))
    items[10]["label"] = {"not": "text"}
    items[0]["label"] = "changed title that must not land"
    bad = tmp_path / "benefits.json"
    bad.write_text(json.dumps(items))
    with pytest.raises(DataFileError) as err:
        import_file("aides-jeunes", bad)
    assert items[10]["id"] in err.value.message and "label" in err.value.message

    # a corrupt compressed file
    broken = tmp_path / "benefits.json.gz"
    broken.write_bytes(source.read_bytes()[:5000])
    with pytest.raises(DataFileError, match="corrompu"):
        import_file("aides-jeunes", broken)

    with session_scope() as session:
        assert session.scalar(select(func.count()).select_from(Aid)) == 552
    assert get_aid(items[0]["id"]).title != "changed title that must not land"
    assert len(all_aids()) == 552
