"""Loading the referential into the database: faithful to the open data, idempotent, transactional."""

from __future__ import annotations

import gzip
import shutil

import pytest
from sqlalchemy import func, select

from regia.config import get_settings
from regia.db import session_scope
from regia.errors import DataFileError
from regia.territory import loader
from regia.territory.models import CommuneRow, DepartmentRow, EpciRow, RegionRow
from regia.territory.sources import read_folder


def test_bundle_is_faithful_to_the_shared_data(shared_data):
    bundled = read_folder(get_settings().data_dir / "territory")
    source = read_folder(shared_data / "territoires")
    assert bundled == source
    assert len(bundled.communes) > 34_000 and len(bundled.epcis) > 1_200


def _counts() -> dict[str, int]:
    with session_scope() as s:
        return {m.__tablename__: s.scalar(select(func.count()).select_from(m)) for m in loader.TABLES}


def test_load_is_idempotent_and_complete(fresh_home):
    assert not loader.is_loaded()
    first = loader.load_default()
    assert loader.is_loaded()
    assert first["inserted"] == sum(_counts().values()) and first["updated"] == first["deleted"] == 0
    counts = _counts()
    assert counts[RegionRow.__tablename__] == 26 and counts[DepartmentRow.__tablename__] == 109
    assert counts[EpciRow.__tablename__] == 1255 and counts[CommuneRow.__tablename__] == 34969
    assert loader.load_default() == {"inserted": 0, "updated": 0, "deleted": 0}
    with session_scope() as s:
        rennes = s.get(CommuneRow, "35238")
        assert (rennes.name, rennes.department_code, rennes.region_code) == ("Rennes", "35", "53")
        assert rennes.epci_siren == "243500139" and "35000" in rennes.postcodes.split()


def test_a_corrupt_file_changes_nothing(fresh_home, tmp_path):
    loader.load_default()
    before = _counts()
    broken = tmp_path / "broken"
    shutil.copytree(get_settings().data_dir / "territory", broken)
    lines = gzip.decompress((broken / "communes.csv.gz").read_bytes()).decode().splitlines()
    # a commune of a department that does not exist, deep in the file
    fields = lines[20_000].split(",")
    fields[3] = "00"
    lines[20_000] = ",".join(fields)
    (broken / "communes.csv.gz").write_bytes(gzip.compress("\n".join(lines).encode()))
    with pytest.raises(DataFileError) as err:
        loader.load_folder(broken)
    assert "code_departement" in err.value.message and fields[0] in err.value.message
    assert _counts() == before


def test_an_update_touches_only_what_changed(fresh_home, tmp_path):
    loader.load_default()
    edition = tmp_path / "edition"
    shutil.copytree(get_settings().data_dir / "territory", edition)
    lines = gzip.decompress((edition / "communes.csv.gz").read_bytes()).decode().splitlines()
    # a later edition where the last commune is gone
    (edition / "communes.csv.gz").write_bytes(gzip.compress("\n".join(lines[:-1]).encode()))
    assert loader.load_folder(edition) == {"inserted": 0, "updated": 0, "deleted": 1}
    assert _counts()[CommuneRow.__tablename__] == 34968
