"""Steering data: what people look for and do not find, without personal data.

Each search and each conversation turn is one event: the query with names, numbers, addresses and the
place removed, the department (never the commune), the themes, how many aids were shown and how many were
surely open to the person. A conversation's turns share a random key that only its live session knows.
``demand()`` turns the events into the Region's view: frequent needs with few or no eligible aid, by
department.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, select

from regia import territory
from regia.aids.models import Event, Feedback
from regia.db import session_scope
from regia.errors import InputError, NotFound

MAX_QUERY = 200
CHANNELS = ("portail", "api", "cli")
_ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+", re.IGNORECASE)
_NAME = re.compile(
    r"\b(je m.?appelle|mon nom est|mon pr[ée]nom est|moi c.?est)\s+((?:[^\W\d_][\w'-]*\s*){1,3})", re.I
)
_DIGITS = re.compile(r"\d[\d .-]*\d|\d")
_THEME_LABELS = {
    "logement": "logement",
    "transport": "transport",
    "permis": "permis de conduire",
    "velo": "vélo",
    "sante": "santé",
    "handicap": "handicap",
    "etudes": "études",
    "emploi": "emploi",
    "famille": "famille",
    "culture": "culture",
    "sport": "sport",
    "loisirs": "vacances et loisirs",
    "energie": "énergie",
    "alimentation": "alimentation",
    "international": "international",
    "ressources": "ressources",
    "collectivites": "collectivités",
}


def theme_label(theme: str) -> str:
    return _THEME_LABELS.get(theme, theme)


def scrub(text: str, place_words: str | None = None) -> str:
    """The query without what could identify someone: e-mail and web addresses, a name introduced as
    such, numbers (ages, phone numbers, postcodes) and the place named."""
    text = _ADDRESS.sub(" ", text or "")
    text = _NAME.sub(r"\1 …", text)
    if place_words:
        text = re.sub(re.escape(place_words), " ", text, flags=re.IGNORECASE)
    text = _DIGITS.sub("#", text)
    return " ".join(text.split())[:MAX_QUERY]


def _hour() -> datetime:
    return datetime.now().replace(minute=0, second=0, microsecond=0)


def log_event(
    kind: str,
    channel: str,
    query: str,
    department: str | None,
    themes: list[str],
    results: int,
    eligible: int,
    conversation: str | None = None,
) -> int:
    """Record one search or turn; returns its id (what feedback refers to)."""
    with session_scope() as db:
        event = Event(
            at=_hour(),
            kind=kind,
            channel=channel if channel in CHANNELS else "api",
            query=query[:MAX_QUERY],
            department=department,
            themes=list(themes),
            results=results,
            eligible=eligible,
            conversation=conversation,
        )
        db.add(event)
        db.flush()
        return event.id


def record_feedback(event_id: int, aid_id: str, useful: bool) -> None:
    """An anonymous opinion on one aid that one search or turn showed."""
    if not isinstance(aid_id, str) or not aid_id.strip() or len(aid_id) > 300:
        raise InputError("identifiant d'aide manquant ou trop long", "aid")
    with session_scope() as db:
        if db.get(Event, event_id) is None:
            raise NotFound(f"aucune recherche n'a le numéro {event_id}", "event")
        db.add(Feedback(event_id=event_id, aid_id=aid_id.strip(), useful=bool(useful), at=_hour()))


def demand(since_days: int | None = None, few: int = 1, top: int = 10) -> dict:
    """Most frequent needs with few or no eligible aid, by department.

    A conversation counts once (its last turn, when the person had said the most); a search counts once.
    ``few``: at most this many eligible aids is "few".
    """
    if since_days is not None and since_days < 1:
        raise InputError("--since doit être un nombre de jours positif", "since")
    if not 0 <= few <= 20 or not 1 <= top <= 100:
        raise InputError("--few doit être entre 0 et 20 et --top entre 1 et 100", "few")
    with session_scope() as db:
        query = select(Event)
        if since_days is not None:
            query = query.where(Event.at >= _hour() - timedelta(days=since_days))
        events = db.scalars(query.order_by(Event.id)).all()
        not_useful = dict(
            db.execute(
                select(Feedback.event_id, func.count())
                .where(Feedback.useful.is_(False))
                .group_by(Feedback.event_id)
            ).all()
        )
        last = {}
        for e in events:
            last[e.conversation or f"#{e.id}"] = e
        rows = [
            (e.department, e.themes or ["autre"], e.eligible, e.query, not_useful.get(e.id, 0))
            for e in last.values()
        ]
    groups: dict[tuple[str | None, str], dict] = defaultdict(
        lambda: {"requests": 0, "without": 0, "few": 0, "not_useful": 0, "examples": Counter()}
    )
    for department, themes, eligible, text, bad in rows:
        for theme in themes:
            for key in ((department, theme), ("*", theme)):
                g = groups[key]
                g["requests"] += 1
                g["without"] += eligible == 0
                g["few"] += 0 < eligible <= few
                g["not_useful"] += bad
                if text:
                    g["examples"][text] += 1

    def need(theme: str, g: dict) -> dict:
        unmet = g["without"] + g["few"]
        return {
            "need": theme,
            "label": theme_label(theme),
            "requests": g["requests"],
            "without_eligible_aid": g["without"],
            "with_few_eligible_aids": g["few"],
            "unmet_share": round(unmet / g["requests"], 3),
            "not_useful_feedback": g["not_useful"],
            "examples": [text for text, _ in g["examples"].most_common(3)],
        }

    def ranked(items) -> list[dict]:
        needs = [need(theme, g) for theme, g in items]
        needs.sort(
            key=lambda n: (
                -(n["without_eligible_aid"] + n["with_few_eligible_aids"]),
                -n["requests"],
                n["need"],
            )
        )
        return [n for n in needs if n["without_eligible_aid"] + n["with_few_eligible_aids"]][:top]

    departments = []
    for code in sorted({d for d, _ in groups if d != "*"}, key=lambda d: (d is None, d or "")):
        needs = ranked((t, g) for (d, t), g in groups.items() if d == code)
        if not needs:
            continue
        area = territory.department(code) if code else None
        departments.append(
            {
                "department": code,
                "name": area.name if area else "département inconnu",
                "requests": sum(1 for r in rows if r[0] == code),
                "needs": needs,
            }
        )
    departments.sort(
        key=lambda d: -sum(n["without_eligible_aid"] + n["with_few_eligible_aids"] for n in d["needs"])
    )
    return {
        "generated_at": datetime.now().replace(microsecond=0).isoformat(),
        "since_days": since_days,
        "few": few,
        "requests": len(rows),
        "needs": ranked((t, g) for (d, t), g in groups.items() if d == "*"),
        "departments": departments,
    }
