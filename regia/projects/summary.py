"""The written summary of an area: French sentences built only from the aggregates and the records of
the query, ending with its sources. An OpenAI-compatible endpoint, when configured, may reword it
(``regia.llm.rephrase`` keeps the original if the rewording brings a number or a name of its own)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from regia.projects.themes import THEMES

MAX_TITLE = 140


@dataclass
class Facts:
    """What a summary may state; every number comes from the query."""

    where: str  # "À Nantes", "Dans un rayon de 10 km autour de Nantes"...
    count: int
    amount: float  # sum of the known amounts
    with_amount: int  # projects whose amount is known
    years: tuple[int, int] | None
    themes: list[tuple[str, int, float, int]]  # (slug, count, amount, assumed), largest first
    biggest: tuple[str, float | None, int | None, str | None] | None  # title, amount, year, commune
    funders: list[str]
    sources: list[str]
    elsewhere: tuple[str, int, float] | None = None  # department label, count, amount not tied to communes
    nearby: tuple[int, float, float] | None = None  # radius km, count, amount when the area has none
    filtered: list[str] = field(default_factory=list)  # active filters, in words


def euros(value: float) -> str:
    """French amount: "3,4 M€", "850 000 €", "1 200 €"."""
    if value >= 1e6:
        return f"{value / 1e6:.1f} M€".replace(".", ",")
    return f"{value:,.0f} €".replace(",", "\u202f")


def _number(n: int) -> str:
    return f"{n:,}".replace(",", "\u202f")


def _projects(n: int) -> str:
    return "1 projet" if n == 1 else f"{_number(n)} projets"


def _years(years: tuple[int, int] | None) -> str:
    if not years:
        return ""
    first, last = years
    return f" en {first}" if first == last else f" de {first} à {last}"


def _theme_part(theme: tuple[str, int, float, int]) -> str:
    slug, count, amount, assumed = theme
    money = f", {euros(amount)}" if amount else ""
    guess = f" dont {_number(assumed)} au thème supposé" if assumed else ""
    return f"{THEMES[slug].lower()} ({_projects(count)}{guess}{money})"


def write(facts: Facts) -> str:
    """The deterministic summary."""
    scope = f" ({', '.join(facts.filtered)})" if facts.filtered else ""
    if facts.count == 0:
        text = f"{facts.where}, aucun projet n'est recensé dans les données chargées{scope}."
        if facts.nearby and facts.nearby[1]:
            radius, count, amount = facts.nearby
            money = f", pour {euros(amount)}" if amount else ""
            text += f" Dans un rayon de {radius:g} km, {_projects(int(count))} ont été soutenus{money}."
    else:
        verb = "a été soutenu" if facts.count == 1 else "ont été soutenus"
        text = f"{facts.where}, {_projects(facts.count)} {verb}{_years(facts.years)}{scope}"
        if facts.amount:
            partial = ""
            if facts.with_amount < facts.count:
                partial = f" (montant publié pour {_number(facts.with_amount)} d'entre eux)"
            text += f", pour {euros(facts.amount)} d'aides publiques{partial}"
        text += "."
        if facts.themes:
            parts = [_theme_part(t) for t in facts.themes[:2]]
            text += f" Thème : {parts[0]}." if facts.count == 1 else f" Surtout en {' et en '.join(parts)}."
        if facts.biggest:
            title, amount, year, commune = facts.biggest
            title = title if len(title) <= MAX_TITLE else title[: MAX_TITLE - 1].rstrip() + "…"
            details = [part for part in (amount and euros(amount), year and str(year), commune) if part]
            lead = "Le plus important" if facts.count > 1 else "Le projet"
            text += f" {lead} : « {title} »" + (f" ({', '.join(details)})." if details else ".")
    if facts.elsewhere and facts.elsewhere[1]:
        name, count, amount = facts.elsewhere
        text += (
            f" En outre, {_projects(count)} du département {name}, pour {euros(amount)}, "
            "ne sont rattachés à aucune commune précise."
        )
    if facts.funders:
        text += f" Financeurs : {', '.join(facts.funders)}."
    if facts.sources:
        text += f" Sources : {' ; '.join(facts.sources)}."
    return text


def reword(text: str, known_names: Callable[[], list[str]]) -> tuple[str, bool]:
    """The endpoint's rewording when one is configured and it adds nothing; (text, reworded?).
    ``known_names`` gives the place names a rewording may not bring in (asked only when needed)."""
    from regia.llm import enabled, rephrase

    if not enabled():
        return text, False
    out = rephrase(
        text,
        instruction="Reformule ce résumé pour un habitant, en français simple, sans rien ajouter ni retirer.",
        known_entities=known_names(),
    )
    return out, out != text
