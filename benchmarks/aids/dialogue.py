"""Dialogue benchmark: scripted personas talk to the agent (`regia.aids.agent.ask`) as a person would.

Each persona (``personas.jsonl``: age, commune, status, need, the right aids read in the records) states its
need, then answers each question from its facts ("19 ans", "Rennes", "étudiante", "non"; "je ne sais pas" for
a fact it does not have). Measured, after at most 3 answered questions:

- right aid in the top 3: one of the persona's right aids is among the first three aids the agent presents
  (eligible or to be checked);
- safety: at every turn, no aid presented as eligible while the facts the persona has stated exclude it,
  checked independently on the full record (typed age conditions, perimeter through the territory
  referential, profiles and status conditions);
- latency of each turn on one core (CPU affinity and BLAS/OpenMP threads pinned), without an LLM.

Run after `regia load` (same REGIA_HOME); the sessions and steering events it creates are deleted at the end.
Query vectors go to a temporary embedding cache, so that every need is embedded as a new one would be:

    .venv/bin/python benchmarks/aids/dialogue.py [--personas benchmarks/aids/personas.jsonl] [--verbose]
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")
os.environ["REGIA_EMBEDDING_CACHE_DIR"] = _CACHE = tempfile.mkdtemp(prefix="regia-dialogue-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)

import argparse  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sqlalchemy import delete, select  # noqa: E402

from benchmarks.common import record  # noqa: E402
from regia import territory  # noqa: E402
from regia.aids.agent import ask  # noqa: E402
from regia.aids.catalogue import get_aid  # noqa: E402
from regia.aids.conditions import expanded  # noqa: E402
from regia.aids.models import ConversationSession, Event, Feedback  # noqa: E402
from regia.aids.query import person_from_text  # noqa: E402
from regia.db import session_scope  # noqa: E402

MAX_QUESTIONS = 3
OPENINGS = {"need": "the need alone", "full": "the need with age, commune and status"}
SITUATIONS = {"situation_handicap", "beneficiaire_rsa", "parent", "boursier"}


def answer(persona: dict, slot: str, plain: bool) -> str:
    """What the persona says to a question about ``slot`` (plain words, or a sentence)."""
    commune = territory.get_commune(persona["commune_insee"]).name
    if slot == "age":
        return str(persona["age"]) if plain else f"j'ai {persona['age']} ans"
    if slot == "place":
        return commune if plain else f"j'habite à {commune}"
    if slot == "status":
        return persona["status"] if plain else f"je suis {persona['status']}"
    if slot == "need":
        return persona["need"]
    if slot in persona["facts"]:
        return "oui" if persona["facts"][slot] else "non"
    return "je ne sais pas"


def excluded_by(aid_id: str, persona: dict, stated: set[str]) -> list[str]:
    """The stated facts (age, place, status) that exclude the aid, read on the full record."""
    aid = get_aid(aid_id)
    out = []
    if "age" in stated:
        for c in aid.conditions:
            if c.get("type") != "age" or not isinstance(c.get("value"), (int, float)):
                continue
            op, value, age = c["operator"], c["value"], persona["age"]
            ok = {">=": age >= value, ">": age > value, "<=": age <= value, "<": age < value}.get(
                op, age == value
            )
            if not ok:
                out.append(f"âge {age} hors de {op} {value}")
    if "place" in stated and aid.perimeter.determined and not aid.perimeter.national:
        p = aid.perimeter
        place = territory.place_of("commune", persona["commune_insee"])
        inside = place.within(
            regions=p.regions, departments=p.departments, epcis=p.epcis, communes=p.communes
        )
        if inside is not True or place.within(epcis=p.excluded_epcis, communes=p.excluded_communes) is True:
            out.append("commune hors du périmètre")
    if "status" in stated:
        said = expanded(person_from_text("je suis " + persona["status"]).statuses)
        occupations = said - SITUATIONS
        groups = [("profils", aid.profiles)]
        groups += [("statuts", c["values"]) for c in aid.conditions if c.get("type") == "statuts"]
        for name, values in groups:
            # an aid for some occupations only, none of them the persona's (situations are not stated)
            if values and occupations and not set(values) & said and not SITUATIONS & set(values):
                out.append(f"{name} {values}")
    return out


def opening(persona: dict, full: bool) -> str:
    """The first message: the need alone, or the need with age, commune and status in one sentence."""
    if not full:
        return persona["need"]
    commune = territory.get_commune(persona["commune_insee"]).name
    return f"J'ai {persona['age']} ans, j'habite à {commune}, je suis {persona['status']} : {persona['need']}"


def converse(persona: dict, plain: bool, verbose: bool, full: bool = False) -> dict:
    stated = {"need", "age", "place", "status"} if full else {"need"}
    timings, violations = [], []
    message, session, questions = opening(persona, full), None, 0
    while True:
        started = time.perf_counter()
        reply = ask(message, session, channel="cli")
        timings.append(1000 * (time.perf_counter() - started))
        session = reply["session"]
        for item in reply["aids"]:
            if item["status"] == "eligible" and (why := excluded_by(item["id"], persona, stated)):
                violations.append(f"{item['id']}: {', '.join(why)}")
        if verbose:
            print(f"  > {message}\n    {[(a['id'][:45], a['status']) for a in reply['aids'][:4]]}")
        question = reply["question"]
        if question is None or questions == MAX_QUESTIONS:
            break
        questions += 1
        if question["slot"] in ("age", "place", "status"):
            stated.add(question["slot"])
        message = answer(persona, question["slot"], plain)
        if verbose:
            print(f"    ? {question['text']}")
    top = [a["id"] for a in reply["aids"] if a["status"] != "ineligible"][:3]
    return {
        "pid": persona["pid"],
        "session": session,
        "questions": questions,
        "top3": top,
        "hit": bool(set(top) & set(persona["right"])),
        "violations": violations,
        "timings": timings,
    }


def forget(sessions: list[str]) -> None:
    """Delete the benchmark's sessions and the steering events and feedback they produced."""
    with session_scope() as db:
        keys = list(
            db.scalars(select(ConversationSession.log_key).where(ConversationSession.id.in_(sessions)))
        )
        ids = list(db.scalars(select(Event.id).where(Event.conversation.in_(keys))))
        db.execute(delete(Feedback).where(Feedback.event_id.in_(ids)))
        db.execute(delete(Event).where(Event.id.in_(ids)))
        db.execute(delete(ConversationSession).where(ConversationSession.id.in_(sessions)))


def percentile(values: list[float], share: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(share * (len(values) - 1) + 0.5))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--personas", type=Path, default=Path(__file__).with_name("personas.jsonl"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--opening",
        choices=("need", "full"),
        default="need",
        help="first message: the need alone (default), or with age, commune and status",
    )
    parser.add_argument("--no-record", action="store_true", help="print only, do not append to RESULTS.md")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    personas = [json.loads(line) for line in args.personas.read_text(encoding="utf-8").splitlines() if line]
    warm = converse(personas[0], True, False)  # loads the index, the referential and the model
    results = []
    try:
        for i, persona in enumerate(personas):
            if args.verbose:
                print(persona["pid"], persona["need"])
            results.append(converse(persona, i % 2 == 0, args.verbose, args.opening == "full"))
    finally:
        forget([warm["session"]] + [r["session"] for r in results])
    hits = [r for r in results if r["hit"]]
    unsafe = [r for r in results if r["violations"]]
    timings = [t for r in results for t in r["timings"]]
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [
        f"{len(personas)} personas ({args.personas.name}), at most {MAX_QUESTIONS} questions answered each; "
        f"first message: {OPENINGS[args.opening]}.",
        "",
        f"- right aid in the top 3: {len(hits)}/{len(results)} ({100 * len(hits) / len(results):.0f} %)",
        f"- questions asked: {sum(r['questions'] for r in results) / len(results):.1f} on average",
        f"- aids presented as eligible although the stated facts exclude them: "
        f"{sum(len(r['violations']) for r in results)} (personas concerned: {len(unsafe)})",
        f"- turn latency, one core, no LLM: p50 {percentile(timings, 0.5):.0f} ms, "
        f"p95 {percentile(timings, 0.95):.0f} ms, max {max(timings):.0f} ms ({len(timings)} turns)",
        f"- peak memory (RSS): {rss:.0f} MiB; machine load (loadavg 1 min): {os.getloadavg()[0]:.2f}",
    ]
    misses = [f"{r['pid']} (top 3: {', '.join(r['top3']) or '-'})" for r in results if not r["hit"]]
    if misses:
        lines += ["", "Missed: " + "; ".join(misses)]
    for r in unsafe:
        lines.append(f"Unsafe {r['pid']}: {'; '.join(r['violations'])}")
    if args.no_record:
        print("\n".join(lines))
    else:
        command = "python benchmarks/aids/dialogue.py" + (" --opening full" if args.opening == "full" else "")
        record("Agent conversationnel des aides : personas", command, lines)


if __name__ == "__main__":
    main()
