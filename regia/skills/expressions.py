"""Key phrases of job offers ("gestion de projet", "esprit d'équipe", "Power BI"), beyond the
referential's wording: word n-grams counted across a corpus of offers, found again in each offer."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from regia.skills.spans import JOINERS, Tokens

MAX_WORDS = 4
# function words allowed inside a phrase ("gestion de projet", "travail en équipe")
LINKS = frozenset({"de", "du", "des", "d", "la", "le", "l", "en", "a", "au", "aux"})


def candidates(
    tokens: Tokens, source_of: Callable[[int], str], lexicon: Lexicon | None = None
) -> dict[str, str]:
    """Phrases of 2 to 4 adjacent words, starting and ending with a content word: key -> text.

    ``source_of(i)``: the string token ``i`` comes from. With a ``lexicon``, only its phrases are
    looked for (a phrase stops growing as soon as it is no prefix of a known one)."""
    found: dict[str, str] = {}
    lemmas, stop, segments, starts, ends = (
        tokens.lemmas,
        tokens.stop,
        tokens.segments,
        tokens.starts,
        tokens.ends,
    )
    prefixes = lexicon.prefixes if lexicon is not None else None
    n = len(lemmas)
    firsts = [
        i
        for i, (first, is_stop) in enumerate(zip(lemmas, stop, strict=True))
        if not is_stop and (prefixes is None or first in prefixes) and len(first) > 1 and not first.isdigit()
    ]
    for i in firsts:
        source = source_of(i)
        key = lemmas[i]
        for j in range(i + 1, min(n, i + MAX_WORDS)):
            word = lemmas[j]
            if segments[j] != segments[i] or word.isdigit() or (stop[j] and word not in LINKS):
                break
            if source[ends[j - 1] : starts[j]].strip(JOINERS):
                break
            key = f"{key} {word}"
            if prefixes is not None and key not in prefixes:
                break
            if not stop[j] and len(word) > 1 and key not in found:
                found[key] = source[starts[i] : ends[j]]
    return found


# the wording of the job ad itself (headings, schedule, contract, pay), not of the job: phrases holding
# one of these lemmas are left out, as are phrases made only of light verbs and nouns ("mettre en place")
AD_WORDS = frozenset(
    "poste profil mission missions temps plein partiel lundi mardi mercredi jeudi vendredi "  # noqa: SIM905
    "samedi dimanche pourvoir rechercher recherche candidature candidat salaire remuneration "
    "avantage horaire contrat cdi cdd interim entreprise societe groupe description offre "
    "annonce emploi heure semaine mois jour date debut mutuelle prime ticket experience ans an "
    "h".split()
)
LIGHT_WORDS = frozenset(
    "faire preuve mettre place prise prendre charge etre avoir sein cadre niveau type".split()  # noqa: SIM905
)


def is_ad_wording(key: str) -> bool:
    words = [w for w in key.split() if w not in LINKS]
    return any(w in AD_WORDS for w in words) or all(w in LIGHT_WORDS for w in words)


class Lexicon:
    """The phrases used by at least ``min_df`` offers of a corpus, minus the referential's own labels
    and the wording of job ads."""

    def __init__(
        self, corpus: Iterable[dict[str, str]], referential_keys: set[str], min_df: int = 3, size: int = 5000
    ):
        df: Counter[str] = Counter()
        surface: dict[str, Counter[str]] = {}
        for found in corpus:
            df.update(found.keys())
            for key, text in found.items():
                surface.setdefault(key, Counter())[text.lower()] += 1
        kept = [
            (k, n)
            for k, n in df.most_common()
            if n >= min_df and k not in referential_keys and not is_ad_wording(k)
        ][:size]
        self.df = dict(kept)
        self.text = {k: surface[k].most_common(1)[0][0] for k, _ in kept}
        # every word prefix of a known phrase (the phrases themselves included)
        self.prefixes = frozenset(
            " ".join(k.split()[:n]) for k in self.df for n in range(1, k.count(" ") + 2)
        )

    def find(self, found: dict[str, str], limit: int = 10) -> list[dict]:
        """The known phrases among an offer's candidates, most used first, quoted from the offer."""
        known = sorted((k for k in found if k in self.df), key=lambda k: (-self.df[k], k))[:limit]
        return [{"key": k, "text": found[k]} for k in known]
