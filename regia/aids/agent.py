"""The conversational agent: one message in, one answer out (the CLI and API contract of `ask`).

Each turn reads the message, updates the session's profile, ranks the aids for the stated need (hybrid
search, exact place filter once the place is known, eligibility of each candidate), and either answers or
asks the one question that would change the answer most. The need is embedded once when it is said; later
turns reuse its vector from the cache, so that answering a question costs no embedding.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache

from regia.aids import sessions
from regia.aids.answers import amount_of, compose, reworded
from regia.aids.conditions import OCCUPATIONS, PROFILE_LABELS
from regia.aids.eligibility import Verdict, evaluate
from regia.aids.profile import Profile
from regia.aids.questions import choose
from regia.aids.search import AidIndex, get_index
from regia.aids.steering import log_event, scrub
from regia.aids.understanding import read
from regia.config import get_settings
from regia.errors import required_text
from regia.text.lemmas import lemma_tokens

CANDIDATES = 30  # aids retrieved for the need, then judged
SHOWN = 5  # aids listed in the JSON (eligible or unknown), best first
SHOWN_CLOSED = 2  # and the most relevant ones the person is not entitled to
NAME_FILLER = frozenset({"aide", "aides"})
BONUS = {"eligible": 0.002, "unknown": 0.0, "ineligible": -1.0}
# Aides-territoires lists aids for local authorities; those that also name "Particuliers" mostly help
# owners and landlords: a person talking to the agent gets them after the aids made for people
FOR_AUTHORITIES = -0.006


def bonus(status: str) -> float:
    return BONUS[status]


@dataclass
class Candidate:
    position: int
    meta: dict
    rules: object
    score: float  # relevance from the search, with the adjustment for who is asking
    verdict: Verdict

    @property
    def rank_score(self) -> float:
        return self.score + bonus(self.verdict.status)

    def to_dict(self) -> dict:
        m = self.meta
        return {
            "id": m["id"],
            "title": m["title"],
            "status": self.verdict.status,
            "reasons": self.verdict.explained(),
            "amount": amount_of(m),
            "url": m["url"],
            "institution": m["institution"],
            "level": m["level"],
            "missing": sorted(self.verdict.missing),
        }


def check_message(message: str | None) -> str:
    return required_text(
        message,
        "message",
        get_settings().max_message_chars,
        "le message est vide : écrivez votre question ou votre réponse",
        "le message est trop long ({n} caractères, {limit} au plus) : raccourcissez-le",
    )


def _lexical(profile: Profile) -> str:
    """The need, plus the words of the person's occupation (aids written for apprentices say so)."""
    words = [
        PROFILE_LABELS[s].split(" ")[0] for s in profile.statuses if s in OCCUPATIONS and s in PROFILE_LABELS
    ]
    return " ".join([profile.need or "", *words]).strip()


def rank(profile: Profile, index: AidIndex | None = None) -> list[Candidate]:
    """Candidate aids for the profile's need, judged and ranked (ineligible ones last)."""
    if not profile.need:
        return []
    index = index or get_index()
    place, person = profile.where(), profile.person()
    hits, _ = index.search(
        _lexical(profile), place=place, top=CANDIDATES, person=person, dense_query=profile.need
    )
    out = []
    for hit in hits:
        position = index.index.position[hit.id]
        rules, meta = index.rules[position], index.meta[position]
        score = hit.score
        if meta["source"] == "aides-territoires" and not profile.organisation:
            score += FOR_AUTHORITIES
        out.append(Candidate(position, meta, rules, score, evaluate(rules, person, place)))
    out.sort(key=lambda c: -c.rank_score)
    return out


def shown(candidates: list[Candidate]) -> list[Candidate]:
    open_ = [c for c in candidates if c.verdict.status != "ineligible"][:SHOWN]
    closed = [c for c in candidates if c.verdict.status == "ineligible"][:SHOWN_CLOSED]
    return open_ + closed


@lru_cache(maxsize=2)
def _name_words(index: AidIndex) -> tuple[list[frozenset[str]], dict[str, float]]:
    """Lemmas of each aid's title and institution, and the rarity (idf) of each lemma."""
    words = [frozenset(lemma_tokens(f"{m['title']} {m['institution']}")) - NAME_FILLER for m in index.meta]
    counts = Counter(w for ws in words for w in ws)
    return words, {w: math.log(len(words) / n) for w, n in counts.items()}


@lru_cache(maxsize=2)
def names(index: AidIndex) -> list[str]:
    """Every aid title and institution: what a rewording must not bring in when the answer does not."""
    return sorted({m["title"] for m in index.meta} | {m["institution"] for m in index.meta})


def find_aid(index: AidIndex, name: str) -> int | None:
    """Position of the aid whose title and institution hold most of the (rarity-weighted) words of ``name``
    ("pass culture", "l'aide au permis de la Gironde"), or None when none holds most of them."""
    words, idf = _name_words(index)
    asked = set(lemma_tokens(name)) - NAME_FILLER
    weight = sum(idf.get(w, 0.0) for w in asked)
    if not weight:
        return None
    scores = [(sum(idf[w] for w in asked & ws) / weight, -len(ws), i) for i, ws in enumerate(words)]
    best = max(scores)
    return best[2] if best[0] >= 0.6 else None


def why_not(profile: Profile, name: str, index: AidIndex) -> tuple[str, Candidate | None]:
    """The answer to "pourquoi pas … ?": the verdict of the aid named, for this profile."""
    position = find_aid(index, name)
    if position is None:
        return f"Je ne trouve pas d'aide nommée « {name[:60]} » dans le catalogue.", None
    rules, meta = index.rules[position], index.meta[position]
    verdict = evaluate(rules, profile.person(), profile.where())
    title = f"« {meta['title']} » ({meta['institution']})"
    if verdict.status == "ineligible":
        text = f"{title} n'est pas pour vous : {' ; '.join(verdict.reasons)}."
    elif verdict.status == "eligible":
        text = f"D'après ce que vous m'avez dit, vous avez droit à {title}. Fiche : {meta['url']}"
    else:
        text = f"Pour {title}, il me manque : {' ; '.join(verdict.missing.values())}."
    return text, Candidate(position, meta, rules, 0.0, verdict)


def ask(message: str, session: str | None = None, channel: str = "api") -> dict:
    """One turn of the conversation (the `regia aids ask` and `POST /api/v1/aids/ask` contract)."""
    text = check_message(message)
    if session is None:
        session, stored, log_key = sessions.create()
    else:
        stored, log_key = sessions.load(session)
    profile = Profile.from_dict(stored)
    reading = read(text, profile.pending)
    if reading.restart:
        profile = Profile()
    notes = profile.apply(reading)
    if reading.place_unknown and profile.pending == "place" and "place" in profile.asked:
        profile.asked.remove("place")  # ask again: the answer was not understood
    index = get_index()
    why, asked_about = (None, None)
    if reading.why_not:
        why, asked_about = why_not(profile, reading.why_not, index)
    candidates = rank(profile, index)
    question = choose(profile, candidates, bonus)
    listed = shown(candidates)
    if asked_about is not None:
        listed = [asked_about] + [c for c in listed if c.position != asked_about.position]
    items = [c.to_dict() for c in listed]
    answer = compose(profile, items, question, notes, why)
    answer = reworded(answer, lambda: names(index))
    profile.pending = question.slot if question else None
    if question and question.slot not in profile.asked and question.slot != "need":
        profile.asked.append(question.slot)
    sessions.save(session, profile.to_dict())
    open_ = [c for c in candidates if c.verdict.status != "ineligible"][:10]
    event = log_event(
        "ask",
        channel,
        scrub(profile.need or ""),
        profile.place.get("department") if profile.place else None,
        profile.themes,
        results=len([i for i in items if i["status"] != "ineligible"]),
        eligible=sum(c.verdict.status == "eligible" for c in open_),
        conversation=log_key,
    )
    return {
        "session": session,
        "answer": answer,
        "aids": items,
        "question": question.to_dict() if question else None,
        "profile": profile.public(),
        "event": event,
    }
