"""Batch extraction over JSONL offers: line checks, then the local engine or Dask (same results).

Bad lines never stop a run: each is skipped with its reason (on stderr, by the caller).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass

from regia.skills.engine import Extractor

CHUNK = 256  # offers per task: the same chunks on both engines
MAX_LINE_BYTES = 2_000_000  # a line is read whole; longer ones are skipped before parsing
_FRENCH = frozenset(
    "le la les des du et est une un pour dans vous nous avec sur au aux en sont par qui que ce "  # noqa: SIM905
    "cette votre notre de d l à".split()
)
_ENGLISH = frozenset(
    "the and of to in for with you we is are our your on will be this an as at by or from that".split()  # noqa: SIM905
)
_LETTERS = re.compile(r"[a-zàâäçéèêëîïôöùûüœ]+")


@dataclass(frozen=True)
class Skipped:
    line: int
    id: str | None
    reason: str


def is_french(text: str) -> bool:
    """French or not, from the share of French and English function words (bilingual offers pass)."""
    words = _LETTERS.findall(text.lower().replace("’", "'"))
    french = sum(w in _FRENCH for w in words)
    english = sum(w in _ENGLISH for w in words)
    if french + english == 0:
        return len(words) < 20  # a few words without any function word: nothing to say against it
    return french / (french + english) >= 0.4 and (len(words) < 20 or french >= 0.05 * len(words))


def check_offer(offer, max_chars: int) -> str | None:
    """Why this offer cannot be extracted, or None when it can."""
    if not isinstance(offer, dict):
        return "la ligne n'est pas un objet JSON"
    if offer.get("id") in (None, ""):
        return "champ id manquant"
    title, description = offer.get("intitule"), offer.get("description")
    if title is not None and not isinstance(title, str):
        return "champ intitule : texte attendu"
    if not isinstance(description, str) or not description.strip():
        return "champ description vide ou absent"
    if len(description) > max_chars:
        return f"champ description trop long ({len(description)} caractères, maximum {max_chars})"
    if not is_french(f"{title or ''}\n{description}"):
        return "texte non français"
    return None


def read_offers(lines: Iterable[str | bytes], max_chars: int) -> Iterator[tuple[dict | None, Skipped | None]]:
    """(offer, None) for each good line, (None, Skipped) for each bad one; blank lines are ignored."""
    for number, raw in enumerate(lines, 1):
        if len(raw) > MAX_LINE_BYTES:
            yield None, Skipped(number, None, f"ligne trop longue ({len(raw)} octets)")
            continue
        if isinstance(raw, bytes):
            try:
                raw = raw.decode("utf-8")
            except UnicodeDecodeError:
                yield None, Skipped(number, None, "ligne qui n'est pas en UTF-8")
                continue
        if not raw.strip():
            continue
        try:
            offer = json.loads(raw)
        except json.JSONDecodeError as exc:
            yield None, Skipped(number, None, f"JSON invalide ({exc.msg}, colonne {exc.colno})")
            continue
        reason = check_offer(offer, max_chars)
        if reason:
            oid = (
                str(offer.get("id"))
                if isinstance(offer, dict) and offer.get("id") not in (None, "")
                else None
            )
            yield None, Skipped(number, oid, reason)
        else:
            yield offer, None


def output_line(offer_id: str | None, result: dict) -> dict:
    """One line of `regia skills extract` (the contract), plus the offer's key phrases."""
    return {
        "id": offer_id,
        "occupations": result["occupations"],
        "skills": result["skills"],
        "expressions": [e["text"] for e in result["expressions"]],
    }


def extract_chunk(extractor: Extractor, chunk: list[tuple[str, str, str]]) -> str:
    """(id, title, description) triples -> their JSONL lines, encoded where they are computed (a
    module-level function: Dask ships it, and only text comes back)."""
    results = extractor.extract_batch([(title, description) for _, title, description in chunk])
    return "".join(
        json.dumps(output_line(oid, r), ensure_ascii=False) + "\n"
        for (oid, _, _), r in zip(chunk, results, strict=True)
    )


def chunks(offers: Iterable[dict], size: int = CHUNK) -> Iterator[list[tuple[str, str, str]]]:
    chunk: list[tuple[str, str, str]] = []
    for offer in offers:
        chunk.append((str(offer["id"]), str(offer.get("intitule") or ""), offer["description"]))
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_local(extractor: Extractor, batches: Iterable[list[tuple[str, str, str]]]) -> Iterator[str]:
    for chunk in batches:
        yield extract_chunk(extractor, chunk)


def run_dask(
    extractor: Extractor,
    batches: Iterable[list[tuple[str, str, str]]],
    scheduler: str | None = None,
    workers: int = 2,
    on_ready: Callable | None = None,
) -> Iterator[str]:
    """The same chunks on a Dask cluster (a LocalCluster of ``workers`` processes when no scheduler
    address is given); results come back in input order. The model is sent once to every worker;
    ``on_ready(client, model)`` is called then (benchmarks warm the workers up there)."""
    from dask.distributed import Client, LocalCluster

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(
            n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None, silence_logs=40
        )
        client = Client(cluster)
    try:
        model = client.scatter(extractor, broadcast=True)
        if on_ready:
            on_ready(client, model)
        pending = []
        window = 4 * max(1, len(client.scheduler_info().get("workers", {})) or workers)
        for chunk in batches:
            pending.append(client.submit(extract_chunk, model, chunk, pure=False))
            if len(pending) >= window:
                yield pending.pop(0).result()
        for future in pending:
            yield future.result()
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
