"""Build ``data/skills/`` from the real open data in ``../shared/data`` (`regia skills build-data`).

Every file is a subset of real records: columns selected, re-encoded and gzip-compressed, nothing
invented. The fiche embeddings are computed from the ROME texts with the project's e5 model and
stored as int8 (one scale per row), so that `regia load` never has to embed them.
"""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import defaultdict
from pathlib import Path

import numpy as np

ROME = "emploi/rome-4.0"
ESCO = "emploi/esco-fr"
OFFERS = "emploi/offres/offres_france_travail.jsonl"
LYCEES = "formations/certifinfo/offre_lycees_affelnet_2022_enrichie.csv"
PACA = "formations/apprentissage-paca/formations_paca_enrichies.json"
RNCP_BLOCKS = "formations/rncp/rncp_blocs_competences.v1.4.utf8.csv"
RNCP_INFO = "formations/rncp/rncp_info.v1.4.utf8.csv"
RNCP_ROME = "formations/rncp/rncp_rome.v1.4.utf8.csv"
CERTIFINFO = "formations/certifinfo/certif_info.csv"

# offer fields kept (the rest, including company details, is dropped)
OFFER_FIELDS = (
    "id",
    "intitule",
    "description",
    "dateCreation",
    "lieuTravail",
    "romeCode",
    "romeLibelle",
    "appellationlibelle",
    "competences",
    "typeContrat",
    "typeContratLibelle",
    "dureeTravailLibelleConverti",
    "experienceLibelle",
    "qualificationLibelle",
    "alternance",
    "_source",
)


def _rome(shared: Path, name: str) -> list[dict]:
    with open(shared / ROME / f"unix_{name}_v460_utf8.csv", encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _read_csv(path: Path, delimiter: str = ",") -> list[dict]:
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f, delimiter=delimiter))


def _write_csv(path: Path, header: list[str], rows: list[list]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        f.write(buffer.getvalue())


def _write_jsonl(path: Path, records: list[dict]) -> None:
    with gzip.open(path, "wt", encoding="utf-8", compresslevel=9) as f:
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")


def build_taxonomy(shared: Path, out: Path) -> None:
    texts: dict[str, list[str]] = defaultdict(list)
    for row in sorted(_rome(shared, "texte"), key=lambda r: (r["code_rome"], int(r["position_phrase"] or 0))):
        if row["libelle_type_texte"] == "definition":
            texts[row["code_rome"]].append(row["libelle_texte"].strip())
    riasec = {r["code_rome"]: r for r in _rome(shared, "referentiel_code_rome_riasec")}
    domains = {r["code_rome"]: r for r in _rome(shared, "cr_gd_dp")}
    _write_csv(
        out / "rome_occupations.csv.gz",
        ["code", "label", "parent", "riasec_major", "riasec_minor", "domain", "domain_label", "definition"],
        [
            [
                r["code_rome"],
                r["libelle_rome"],
                r["code_rome_parent"],
                riasec.get(r["code_rome"], {}).get("riasec_majeur", ""),
                riasec.get(r["code_rome"], {}).get("riasec_mineur", ""),
                domains.get(r["code_rome"], {}).get("code_domaine_professionel", ""),
                domains.get(r["code_rome"], {}).get("libelle_domaine_professionel", ""),
                " ".join(texts.get(r["code_rome"], [])),
            ]
            for r in _rome(shared, "referentiel_code_rome")
        ],
    )
    _write_csv(
        out / "rome_appellations.csv.gz",
        ["code", "rome", "label", "short_label"],
        [
            [r["code_ogr"], r["code_rome"], r["libelle_appellation_long"], r["libelle_appellation_court"]]
            for r in _rome(shared, "referentiel_appellation")
        ],
    )
    competences = {r["code_ogr"]: r for r in _rome(shared, "referentiel_competence")}
    savoirs = {r["code_ogr_savoir"]: r for r in _rome(shared, "referentiel_savoir")}
    items = []
    for r in _rome(shared, "item"):
        code = r["code_ogr"]
        if code in competences:
            c = competences[code]
            kind = "macro-competence" if c["nature"] == "Macro-compétence" else "competence"
            items.append(
                [code, r["libelle"], kind, c["cat_comp"], c["sous_cat_comp"], c["code_ogr_macro_comp"]]
            )
        elif code in savoirs:
            s = savoirs[code]
            items.append(
                [code, r["libelle"], "savoir", s["categorie_savoir"], s["sous_categorie_savoir"], ""]
            )
    _write_csv(
        out / "rome_items.csv.gz", ["code", "label", "kind", "category", "subcategory", "macro"], items
    )
    known = {row[0] for row in items}
    core = {(r["code_rome"], r["code_ogr"]): r["coeur_metier"] for r in _rome(shared, "coherence_item")}
    links = [
        [r["code_rome"], r["code_ogr"], core.get((r["code_rome"], r["code_ogr"]), "")]
        for r in _rome(shared, "liens_rome_referentiels")
        if r["code_compo_bloc"] == "5" and r["code_ogr"] in known
    ]
    _write_csv(out / "rome_fiche_items.csv.gz", ["rome", "item", "core"], links)
    _write_csv(
        out / "rome_mobility.csv.gz",
        ["rome", "target", "rank"],
        [
            [r["code_rome"], r["code_rome_cible"], r["numero_ordre"]]
            for r in _rome(shared, "rubrique_mobilite")
        ],
    )


def build_esco(shared: Path, out: Path) -> None:
    def short(uri: str) -> str:
        return uri.rsplit("/", 1)[-1]

    occupations = _read_csv(shared / ESCO / "occupations_fr.csv")
    _write_csv(
        out / "esco_occupations.csv.gz",
        ["id", "label", "alt_labels", "isco"],
        [
            [short(r["conceptUri"]), r["preferredLabel"], r["altLabels"].replace("\n", "|"), r["iscoGroup"]]
            for r in occupations
        ],
    )
    skills = _read_csv(shared / ESCO / "skills_fr.csv")
    _write_csv(
        out / "esco_skills.csv.gz",
        ["id", "label", "alt_labels", "type", "reuse"],
        [
            [
                short(r["conceptUri"]),
                r["preferredLabel"],
                r["altLabels"].replace("\n", "|"),
                r["skillType"],
                r["reuseLevel"],
            ]
            for r in skills
        ],
    )


def build_offers(shared: Path, out: Path) -> None:
    records = []
    with open(shared / OFFERS, encoding="utf-8") as f:
        for line in f:
            offer = json.loads(line)
            kept = {k: offer[k] for k in OFFER_FIELDS if k in offer}
            if "competences" in kept:
                kept["competences"] = [
                    {"code": c["code"], "libelle": c.get("libelle", "")}
                    for c in kept["competences"]
                    if "code" in c
                ]
            records.append(kept)
    _write_jsonl(out / "offers.jsonl.gz", records)


def build_trainings(shared: Path, out: Path) -> None:
    lycees = _read_csv(shared / LYCEES, delimiter=";")
    columns = [
        "uai",
        "departement",
        "cfd",
        "libelle_formation",
        "duree_annees",
        "statut_offre",
        "capacite",
        "code_rncp",
        "formacode",
        "libelle_formacode",
        "romes",
        "niveau_europeen",
        "region",
    ]
    _write_csv(out / "lycees.csv.gz", columns, [[r[c] for c in columns] for r in lycees])
    paca = json.loads((shared / PACA).read_text(encoding="utf-8"))
    _write_jsonl(out / "apprentissage_paca.jsonl.gz", paca)
    certif = _read_csv(shared / CERTIFINFO, delimiter=";")
    _write_csv(
        out / "certifinfo.csv.gz",
        ["code", "label", "type", "level", "formacode", "formacode_label", "romes", "rncp", "cfd"],
        [
            [
                r["Code_Diplome"],
                r["Libelle_Diplome"],
                r["Libelle_Type_Diplome"],
                r["Code_Niveau_Europeen"],
                r["Code_FormaCode"],
                r["Libelle_FormaCode"],
                "|".join(r[f"Code_Rome_{i}"] for i in range(1, 6) if r[f"Code_Rome_{i}"]),
                r["Code_RNCP"],
                r["Code_Scolarité"],
            ]
            for r in certif
            if r["Etat_Libelle"] != "formations préparatoires et non certifiantes"
        ],
    )
    wanted = {f"RNCP{r['code_rncp']}" for r in lycees if r["code_rncp"]}
    wanted |= {r["rncp_code"] for r in paca if r.get("rncp_code")}
    wanted |= {f"RNCP{r['Code_RNCP']}" for r in certif if r["Code_RNCP"]}
    blocks = _read_csv(shared / RNCP_BLOCKS, delimiter=";")
    _write_csv(
        out / "rncp_blocks.csv.gz",
        ["rncp", "block", "label"],
        [[r["CodeRNCP"], r["numero_bloc"], r["intitule"].strip()] for r in blocks if r["CodeRNCP"] in wanted],
    )
    info = _read_csv(shared / RNCP_INFO, delimiter=";")
    _write_csv(
        out / "rncp_info.csv.gz",
        ["rncp", "label", "level", "type", "active"],
        [
            [
                r["CodeRNCP"],
                r["intituleDiplome"].strip(),
                r["NiveauEurope"],
                r["TypeCertif"],
                r["ActiveInactive"],
            ]
            for r in info
            if r["CodeRNCP"] in wanted
        ],
    )
    romes = _read_csv(shared / RNCP_ROME, delimiter=";")
    _write_csv(
        out / "rncp_rome.csv.gz",
        ["rncp", "rome"],
        sorted({(r["CodeRNCP"], r["Rome"]) for r in romes if r["CodeRNCP"] in wanted and r["Rome"]}),
    )


def build_embeddings(out: Path) -> None:
    """int8 e5 embeddings of each ROME fiche (label and definition), in the order of rome_occupations."""
    from regia.skills.sources import read_occupations
    from regia.text.embeddings import embed_passages

    occupations = read_occupations(out)
    texts = [fiche_text(o["label"], o["definition"]) for o in occupations]
    vectors = embed_passages(texts, progress="embeddings des fiches ROME")
    scale = np.abs(vectors).max(axis=1, keepdims=True) / 127.0
    quantized = np.round(vectors / scale).astype(np.int8)
    np.savez_compressed(
        out / "fiche_embeddings.npz",
        codes=np.array([o["code"] for o in occupations]),
        vectors=quantized,
        scale=scale.astype(np.float32),
    )


def fiche_text(label: str, definition: str) -> str:
    return f"{label}. {definition}"[:600]


def build(shared: Path, out: Path, embeddings: bool = True) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    build_taxonomy(shared, out)
    build_esco(shared, out)
    build_offers(shared, out)
    build_trainings(shared, out)
    if embeddings:
        build_embeddings(out)
    return sorted(out.iterdir())
