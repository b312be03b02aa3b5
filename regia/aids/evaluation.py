"""Evaluation of the aid search on a judged question set (JSONL "qrels").

Each line: ``{"qid", "query", "commune_insee": str|null, "relevant": {"<aid id>": 1|2}, "notes"?}``.
Questions are searched from their text alone (as `--batch` does); ``commune_insee`` only serves to count
the returned aids that are not available where the person lives (out-of-territory@k).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from regia import territory
from regia.aids.search import get_index, place_of
from regia.errors import InputError
from regia.search import ndcg_at_k, recall_at_k
from regia.search.index import Mode

_TAG = re.compile(r"\[([^\]\s]+)\]")


@dataclass
class Judged:
    qid: str
    query: str
    commune_insee: str | None
    relevant: dict[str, int]
    tags: list[str] = field(default_factory=list)


def read_jsonl(lines: Iterable[str], what: str = "ligne") -> list[tuple[int, dict]]:
    """Parse every non-empty line first: a malformed one stops everything with its number."""
    out = []
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(f"{what} {number} : JSON invalide ({exc.msg})", "jsonl") from exc
        if not isinstance(item, dict):
            raise InputError(f"{what} {number} : un objet JSON est attendu", "jsonl")
        out.append((number, item))
    return out


def read_qrels(lines: Iterable[str]) -> list[Judged]:
    judged = []
    for number, item in read_jsonl(lines):

        def bad(field: str, message: str, number=number) -> InputError:
            return InputError(f"ligne {number}, champ {field} : {message}", field)

        qid, query, commune = item.get("qid"), item.get("query"), item.get("commune_insee")
        relevant = item.get("relevant")
        if not isinstance(qid, str) or not qid:
            raise bad("qid", "texte non vide attendu")
        if not isinstance(query, str) or not query.strip():
            raise bad("query", "texte non vide attendu")
        if commune is not None and (not isinstance(commune, str) or territory.get_commune(commune) is None):
            raise bad("commune_insee", f"code INSEE de commune inconnu : {commune!r}")
        if not isinstance(relevant, dict) or not all(
            isinstance(k, str) and v in (0, 1, 2) for k, v in relevant.items()
        ):
            raise bad("relevant", 'objet {"<id>": 1 ou 2} attendu')
        notes = item.get("notes") or ""
        judged.append(Judged(qid, query, commune, relevant, _TAG.findall(str(notes))))
    if not judged:
        raise InputError("aucune question dans le fichier", "qrels")
    return judged


def evaluate(
    judged: list[Judged], top: int = 10, mode: Mode = "hybrid", priors: bool = True, place_filter: bool = True
) -> dict:
    index = get_index()
    rows = []
    for q in judged:
        place = place_of(q.query, None)
        results, _ = index.search(
            q.query, place=place, top=top, mode=mode, priors=priors, place_filter=place_filter
        )
        ranked = [r.id for r in results]
        outside = None
        if q.commune_insee:
            allowed = index.allowed(territory.place_of("commune", q.commune_insee))
            outside = sum(not allowed[index.index.position[i]] for i in ranked)
        rows.append(
            {
                "qid": q.qid,
                "tags": q.tags,
                "ndcg": ndcg_at_k(ranked, q.relevant, top),
                "recall": recall_at_k(ranked, q.relevant, top),
                "returned": len(ranked),
                "outside": outside,
                "place": place.to_dict()["insee"] if place else None,
                "ranked": ranked,
            }
        )
    groups: dict[str, list[dict]] = defaultdict(list)
    for row in rows:
        for tag in row["tags"]:
            groups[tag].append(row)
    return {
        "top": top,
        "mode": mode,
        "overall": _summary(rows, top),
        "by_tag": {tag: _summary(group, top) for tag, group in sorted(groups.items())},
        "per_query": rows,
    }


def _summary(rows: list[dict], top: int) -> dict:
    placed = [r for r in rows if r["outside"] is not None]
    returned = sum(r["returned"] for r in placed)
    return {
        "queries": len(rows),
        f"ndcg@{top}": round(sum(r["ndcg"] for r in rows) / len(rows), 4),
        f"recall@{top}": round(sum(r["recall"] for r in rows) / len(rows), 4),
        f"out_of_territory@{top}": round(sum(r["outside"] for r in placed) / returned, 4)
        if returned
        else None,
    }


def format_table(report: dict) -> str:
    top = report["top"]
    head = f"{'groupe':<16}{'questions':>10}{f'nDCG@{top}':>10}{f'rappel@{top}':>11}{f'hors-terr.@{top}':>16}"
    lines = [head, "-" * len(head)]

    def line(name: str, s: dict) -> str:
        oot = s[f"out_of_territory@{top}"]
        oot_text = "-" if oot is None else f"{100 * oot:.1f} %"
        return (
            f"{name:<16}{s['queries']:>10}{s[f'ndcg@{top}']:>10.3f}{s[f'recall@{top}']:>11.3f}{oot_text:>16}"
        )

    lines.append(line("ensemble", report["overall"]))
    lines += [line(tag, s) for tag, s in report["by_tag"].items()]
    return "\n".join(lines)
