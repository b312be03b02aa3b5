"""Training supply: real training offers at a place, the certifications they prepare, and the ROME
codes and RNCP skill blocks that link those certifications to ROME items.

Sources (``data/skills``): vocational-school offers after 3e (Affelnet 2022, with ROME codes and
department), apprenticeship offers in Provence-Alpes-Côte d'Azur (geolocated, with skill blocks), RNCP
certifications with their blocks and ROME links, and the Certif Info catalogue.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from regia.skills.places import at_commune, in_department
from regia.skills.sources import read_csv, read_jsonl

ROME_CODE = re.compile(r"^[A-N]\d{4}$")
KIND_SCHOOL = "lycée professionnel (voie scolaire)"
KIND_APPRENTICESHIP = "apprentissage"


@dataclass
class Supply:
    certifications: dict[str, dict] = field(default_factory=dict)
    romes: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    blocks: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    trainings: dict[str, dict] = field(default_factory=dict)

    def add_certification(
        self, cid: str, title: str, level: str | None, type_: str, rncp: str | None, source: str
    ):
        if cid not in self.certifications:
            self.certifications[cid] = {
                "id": cid,
                "title": title[:400],
                "level": level or None,
                "type": type_[:200],
                "rncp": rncp or None,
                "source": source,
            }


def _romes(text: str) -> set[str]:
    return {c for c in re.split(r"[|,; ]+", text or "") if ROME_CODE.match(c)}


def _rncp(code: str | None) -> str | None:
    code = (code or "").strip().upper()
    if not code:
        return None
    return code if code.startswith("RNCP") else f"RNCP{code}"


def _level(text: str | None) -> str | None:
    match = re.search(r"\d", text or "")
    return match.group() if match else None


def read_supply(folder: Path) -> Supply:
    supply = Supply()
    rncp_romes: dict[str, set[str]] = defaultdict(set)
    for row in read_csv(folder / "rncp_rome.csv.gz", ("rncp", "rome")):
        rncp_romes[row["rncp"]] |= _romes(row["rome"])
    rncp_blocks: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in read_csv(folder / "rncp_blocks.csv.gz", ("rncp", "block", "label")):
        rncp_blocks[row["rncp"]].append((row["block"], row["label"]))
    rncp_info = {r["rncp"]: r for r in read_csv(folder / "rncp_info.csv.gz", ("rncp", "label"))}
    by_cfd: dict[str, dict] = {}

    def link(cid: str, romes: set[str], rncp: str | None) -> None:
        supply.romes[cid] |= romes or rncp_romes.get(rncp or "", set())
        if rncp and not supply.blocks.get(cid):
            supply.blocks[cid] = list(rncp_blocks.get(rncp, []))

    for row in read_csv(folder / "certifinfo.csv.gz", ("code", "label")):
        cid = f"certifinfo-{row['code']}"
        rncp = _rncp(row["rncp"])
        supply.add_certification(cid, row["label"], _level(row["level"]), row["type"], rncp, "Certif Info")
        link(cid, _romes(row["romes"]), rncp)
        if row["cfd"]:
            by_cfd.setdefault(row["cfd"], row)

    for row in read_csv(folder / "lycees.csv.gz", ("uai", "cfd", "libelle_formation")):
        cid = f"cfd-{row['cfd']}"
        rncp = _rncp(row["code_rncp"])
        title = row["libelle_formation"].strip()
        kind = re.search(r"\(([^)]+)\)\s*$", title)
        supply.add_certification(
            cid, title, _level(row["niveau_europeen"]), kind.group(1) if kind else "", rncp, "Affelnet 2022"
        )
        certif = by_cfd.get(row["cfd"])
        link(cid, _romes(row["romes"]) or _romes(certif["romes"] if certif else ""), rncp)
        tid = f"lycee-{row['uai']}-{row['cfd']}"
        capacity = int(row["capacite"]) if row["capacite"].isdigit() else None
        known = supply.trainings.get(tid)
        if known:  # one line per school year of the same training: keep the largest capacity
            known["capacity"] = max(filter(None, (known["capacity"], capacity)), default=None)
            continue
        place = in_department(
            row["departement"].zfill(2) if row["departement"].isdigit() else row["departement"]
        )
        supply.trainings[tid] = {
            "id": tid,
            "title": title,
            "certification_id": cid,
            "kind": KIND_SCHOOL,
            "place": f"établissement {row['uai']} ({place.label or row['departement']})",
            "insee": None,
            "lat": None,
            "lon": None,
            "department": place.department,
            "region": place.region,
            "level": _level(row["niveau_europeen"]),
            "duration_years": float(row["duree_annees"]) if row["duree_annees"] else None,
            "capacity": capacity,
            "source": "Affelnet 2022 (offre des lycées professionnels)",
        }

    for record in read_jsonl(folder / "apprentissage_paca.jsonl.gz"):
        rncp = _rncp(record.get("rncp_code"))
        cid = f"rncp-{rncp}" if rncp else f"certifinfo-{record.get('id_certifinfo')}"
        info = rncp_info.get(rncp or "", {})
        title = str(record.get("intitule") or info.get("label") or "").strip()
        level = _level(record.get("niveau_europe") or info.get("level"))
        supply.add_certification(
            cid, title, level, str(record.get("type_certif") or info.get("type") or ""), rncp, "RNCP"
        )
        # ROME codes come as {"code", "libelle"} objects or as bare codes
        romes = _romes(
            " ".join(str(r.get("code") if isinstance(r, dict) else r) for r in record.get("romes") or [])
        )
        blocks = [
            (b["code"], b["intitule"]) for b in record.get("blocs_competences") or [] if b.get("intitule")
        ]
        if blocks:
            supply.blocks[cid] = blocks
        link(cid, romes, rncp)
        place = at_commune(record.get("lieu_code_insee"), "", record.get("lat"), record.get("lon"))
        address = ", ".join(filter(None, (record.get("lieu_adresse"), record.get("lieu_code_postal"))))
        tid = f"apprentissage-{record['id_formation']}-{record['id_action']}"
        supply.trainings[tid] = {
            "id": tid,
            "title": title,
            "certification_id": cid,
            "kind": KIND_APPRENTICESHIP,
            "place": address or place.label,
            "insee": place.insee,
            "lat": place.lat,
            "lon": place.lon,
            "department": place.department,
            "region": place.region,
            "level": level,
            "duration_years": None,
            "capacity": None,
            "source": "Carif-Oref, catalogue de l'apprentissage PACA 2021",
        }
    return supply
