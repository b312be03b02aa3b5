"""The agent's French answers, built from the records only (deterministic templates: every title, amount
and link comes from the catalogue), and the optional rewording by an OpenAI-compatible endpoint, which may
change the words but never add an aid, a figure or a link."""

from __future__ import annotations

import re
from collections.abc import Callable

from regia import llm

SHOWN = 3
_VELO = [
    (re.compile(r"\s*\*\s*vélo \. prix"), " du prix du vélo"),
    (re.compile(r"\bvélo \. "), "vélo "),
    (re.compile(r"^montant : "), ""),
    (re.compile(r"; plafond : "), ", dans la limite de "),
    (re.compile(r"^plafond : "), "jusqu'à "),
]
PERIODS = {"mensuelle": "par mois", "annuelle": "par an"}
REPHRASE = (
    "Reformule cette réponse d'un service public à un habitant, de façon claire et chaleureuse, en gardant "
    "la liste, chaque titre, chaque montant et chaque lien tels quels."
)


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{value:,.0f}".replace(",", " ")
    return f"{value:,.2f}".replace(",", " ").replace(".", ",")


def amount_of(meta: dict) -> str | None:
    """ "jusqu'à 400 €", "20 € par mois", "50 % du prix du vélo, dans la limite de 400 €" or None."""
    amount, unit, legend = (
        meta.get("amount"),
        meta.get("amount_unit"),
        (meta.get("amount_text") or "").strip(),
    )
    if amount is not None:
        text = f"{_number(amount)} {unit or '€'}"
        if legend.lower() == "maximum":
            text = f"jusqu'à {text}"
        elif legend:
            text = f"{text} {legend}"
        period = PERIODS.get(meta.get("periodicity") or "")
        if period and "mois" not in text and " an" not in text:
            text = f"{text} {period}"
        return text
    if legend and meta.get("source") == "aides-velo":
        for pattern, words in _VELO:
            legend = pattern.sub(words, legend)
        return legend
    return None


def _line(rank: int, item: dict) -> str:
    amount = item["amount"] or "montant non précisé"
    if item["status"] == "eligible":
        verdict = "D'après ce que vous m'avez dit, vous y avez droit."
    else:
        to_check = [r.removeprefix("À préciser : ") for r in item["reasons"] if r.startswith("À préciser")]
        verdict = (
            f"À vérifier : {'; '.join(to_check)}." if to_check else "Conditions à vérifier sur la fiche."
        )
    return f"{rank}. {item['title']} ({item['institution']}) : {amount}. {verdict} Fiche : {item['url']}"


def compose(profile, items: list[dict], question, notes: list[str], why: str | None = None) -> str:
    """The answer text: notes, the aid asked about, the best aids, the aids ruled out, then the question."""
    parts = list(notes)
    if why:
        parts.append(why)
    if not profile.need:
        if not parts:
            parts.append("Bonjour ! Je peux vous aider à trouver les aides auxquelles vous avez droit.")
    else:
        open_ = [i for i in items if i["status"] != "ineligible"][:SHOWN]
        closed = [i for i in items if i["status"] == "ineligible"]
        known = profile.summary()
        if open_:
            based = f" (d'après : {known})" if known else ""
            parts.append(f"Voici les aides qui correspondent le mieux à votre demande{based} :")
            parts += [_line(rank, item) for rank, item in enumerate(open_, 1)]
        else:
            parts.append(
                "Je n'ai trouvé aucune aide qui corresponde à votre demande et à votre situation. "
                "Vous pouvez la formuler autrement, ou demander conseil au point d'accueil de votre Région."
            )
        for item in closed[:2]:
            parts.append(
                f"Pas pour vous : {item['title']} ({item['reasons'][0] if item['reasons'] else ''})."
            )
    if question is not None:
        parts.append(question.text)
    return "\n".join(parts)


def reworded(text: str, known_entities: Callable[[], list[str]]) -> str:
    """The endpoint's rewording when one is configured and it adds no aid, figure or link
    (``known_entities``: the names it must not bring in, computed only when an endpoint is set)."""
    if not llm.enabled():
        return text
    return llm.rephrase(text, REPHRASE, known_entities=known_entities())
