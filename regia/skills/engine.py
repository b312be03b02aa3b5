"""The extraction model: occupations and skills of a French job-offer text, lexical and vectorised.

Occupations are ranked by four signals, all sparse matrix products on folded lemmas:
  * the title against the ROME appellations and labels (and ESCO labels mapped to ROME), TF-IDF cosine,
    a child fiche also lending its score to its parent fiche (offers are often coded with the parent);
  * the nearest real offers of the training split (title and description), voting with their ``romeCode``;
  * the description against each fiche's text (definition, appellations, skill labels);
  * the frequency of each code among the training offers (prior).
Skills are the items of the predicted fiches, weighted by how often recruiters tagged them on training
offers of that occupation (and by the fiche's core items), plus items whose label words appear together
in one segment of the text: those are returned with the verbatim span as evidence.

No per-offer embedding: the model costs a few milliseconds per offer on one core.
"""

from __future__ import annotations

import heapq
import math
import pickle
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import scipy.sparse as sp

from regia.skills.expressions import Lexicon, candidates
from regia.skills.spans import clean_title, lemma_list, match_terms, tokenize

FORMAT = 9  # bump when the pickled layout or the extraction changes (the load then redoes it)


@dataclass(frozen=True)
class Weights:
    """Hyper-parameters, tuned by cross-validation on the training split only (benchmarks/skills/tune.py);
    ``text`` is kept above its tuned value (0) so that skills quoted by the text make the list more often."""

    title_power: float = 1.0
    knn: float = 1.0
    knn_k: int = 5
    prior: float = 0.05
    fiche_text: float = 2.0
    parent: float = 0.8
    occupations_for_skills: int = 5
    share_power: float = 4.0
    learned: float = 2.0
    fiche: float = 1.0
    core: float = 1.5
    text: float = 0.1  # bonus of an item quoted by the text...
    text_fiche: float = 0.3  # ... and of one that is also an item of the predicted fiches
    text_slots: int = 5  # at least this many quoted skills when the text quotes that many
    text_min_coverage: float = 0.75
    max_span_chars: int = 90


@dataclass
class TrainingOffer:
    title: str
    description: str
    rome: str
    tagged: Sequence[str] = ()


@dataclass
class Referential:
    """What the model is built from (rows of the taxonomy tables)."""

    occupations: list[dict]  # code, label, parent, definition
    appellations: list[tuple[str, str]]  # (rome, label)
    items: list[dict]  # code, label, kind
    fiche_items: list[tuple[str, str, str]]  # (rome, item, core)
    extra_titles: list[tuple[str, str]] = field(default_factory=list)  # (rome, label) from ESCO


class Vocabulary:
    def __init__(self) -> None:
        self.index: dict[str, int] = {}

    def add(self, docs: Iterable[Sequence[str]]) -> None:
        for doc in docs:
            for term in doc:
                if term not in self.index:
                    self.index[term] = len(self.index)

    def __len__(self) -> int:
        return len(self.index)


def _idf(docs: Sequence[Sequence[str]], vocab: Vocabulary) -> np.ndarray:
    df = np.zeros(len(vocab), dtype=np.float64)
    for doc in docs:
        for term in set(doc):
            df[vocab.index[term]] += 1
    return (np.log((len(docs) + 1) / (df + 1)) + 1.0).astype(np.float32)


def _matrix(
    docs: Sequence[Sequence[str]], vocab: Vocabulary, idf: np.ndarray, sublinear: bool
) -> sp.csr_matrix:
    """Rows of L2-normalised TF-IDF weights (binary tf unless ``sublinear``); unknown terms dropped."""
    indptr, indices, values = [0], [], []
    index = vocab.index
    for doc in docs:
        counts = Counter(doc)  # C-level counting, then one lookup per distinct term
        known = [(index[t], n) for t, n in counts.items() if t in index]
        cols = np.fromiter((c for c, _ in known), dtype=np.int64, count=len(known))
        tf = np.fromiter((n for _, n in known), dtype=np.float32, count=len(known))
        weights = ((1.0 + np.log(tf)) if sublinear else np.ones_like(tf)) * idf[cols]
        norm = float(np.sqrt((weights * weights).sum())) or 1.0
        indices.append(cols)
        values.append(weights / norm)
        indptr.append(indptr[-1] + len(cols))
    return sp.csr_matrix(
        (
            np.concatenate(values) if values else np.zeros(0, np.float32),
            np.concatenate(indices) if indices else np.zeros(0, np.int64),
            np.array(indptr),
        ),
        shape=(len(docs), len(vocab)),
        dtype=np.float32,
    )


def _gather(indptr: np.ndarray, rows: np.ndarray) -> np.ndarray:
    """Positions, in a CSR matrix's data, of the entries of the given rows."""
    starts = indptr[rows]
    lengths = indptr[rows + 1] - starts
    return np.repeat(starts - np.cumsum(lengths) + lengths, lengths) + np.arange(lengths.sum())


class Parsed:
    """One input text, tokenised once for every signal: the title's tokens, then the description's."""

    def __init__(self, title: str, description: str):
        self.title = title
        self.description = description
        head = tokenize(title)
        first = head.segments[-1] + 1 if len(head) else 0
        self.tokens = head + tokenize(description, first_segment=first)
        self.n_title = len(head)
        self.title_lemmas = lemma_list(clean_title(title))
        t = self.tokens
        self.description_lemmas = [
            lemma
            for lemma, stop in zip(t.lemmas[self.n_title :], t.stop[self.n_title :], strict=True)
            if not stop
        ]

    @classmethod
    def of(cls, title: str, description: str) -> Parsed:
        return cls(title, description)

    def source_of(self, i: int) -> str:
        """The string that token ``i`` comes from."""
        return self.title if i < self.n_title else self.description


class Extractor:
    def __init__(
        self, referential: Referential, training: Sequence[TrainingOffer], weights: Weights | None = None
    ):
        """``training``: real offers with their recruiter coding (priors and nearest neighbours); their
        common phrases also make the expression lexicon."""
        self.weights = weights or Weights()
        occ = sorted(referential.occupations, key=lambda o: o["code"])
        self.codes = [o["code"] for o in occ]
        self.labels = {o["code"]: o["label"] for o in occ}
        position = {c: i for i, c in enumerate(self.codes)}
        self.parent = np.array([position.get(o["parent"] or o["code"], i) for i, o in enumerate(occ)])

        titles = [(o["code"], o["label"]) for o in occ] + list(referential.appellations)
        titles += list(referential.extra_titles)
        titles = [(rome, label) for rome, label in titles if rome in position]
        title_tokens = [tokenize(clean_title(label)) for _, label in titles]
        title_docs = [t.content() for t in title_tokens]
        fiche_words: dict[str, list[str]] = defaultdict(list)
        for o in occ:
            fiche_words[o["code"]] += lemma_list(o.get("definition") or "")
        for (rome, _), doc in zip(titles, title_docs, strict=True):
            fiche_words[rome] += doc
        items = sorted(referential.items, key=lambda i: i["code"])
        self.item_codes = [i["code"] for i in items]
        self.item_labels = [i["label"] for i in items]
        self.item_kinds = [i["kind"] for i in items]
        item_position = {c: i for i, c in enumerate(self.item_codes)}
        item_tokens = [tokenize(i["label"]) for i in items]
        item_docs = [match_terms(t) for t in item_tokens]
        item_lemmas = {i["code"]: t.content() for i, t in zip(items, item_tokens, strict=True)}
        for rome, item, _core in referential.fiche_items:
            fiche_words[rome] += item_lemmas.get(item, [])
        fiche_docs = [fiche_words[c] for c in self.codes]
        parsed = [Parsed.of(t.title, t.description) for t in training]
        train_docs = [self._knn_lemmas(p) for p in parsed]

        self.vocab = Vocabulary()
        for docs in (title_docs, fiche_docs, item_docs, train_docs):
            self.vocab.add(docs)
        self.idf_title = _idf(title_docs, self.vocab)
        self.titles = _matrix(title_docs, self.vocab, self.idf_title, sublinear=False)
        self.title_code = np.array([position[rome] for rome, _ in titles])
        self.title_labels = [label for _, label in titles]
        self.idf_fiche = _idf(fiche_docs, self.vocab)
        self.fiches = _matrix(fiche_docs, self.vocab, self.idf_fiche, sublinear=True)
        self.idf_knn = _idf(train_docs or [[]], self.vocab)
        self.train = _matrix(train_docs, self.vocab, self.idf_knn, sublinear=True)
        self.train_code = np.array([position.get(t.rome, -1) for t in training], dtype=np.int64)
        known = self.train_code >= 0
        self.train, self.train_code = self.train[known], self.train_code[known]
        counts = np.bincount(self.train_code, minlength=len(self.codes))
        self.prior = np.log1p(counts).astype(np.float32)

        self._build_items(item_docs, referential.fiche_items, training, position, item_position)
        referential_keys = {" ".join(t.lemmas) for t in item_tokens + title_tokens}
        self.lexicon = Lexicon((self._phrases(p) for p in parsed), referential_keys)

    # ---- skills -------------------------------------------------------------------------------------
    def _build_items(self, item_docs, fiche_items, training, position, item_position) -> None:
        # coverage matrix: each item's label lemmas weighted by idf, rows summing to 1
        idf_item = _idf(item_docs, self.vocab)
        rows, cols, vals = [], [], []
        for i, doc in enumerate(item_docs):
            weights = np.array([idf_item[self.vocab.index[t]] for t in doc], dtype=np.float32)
            total = float(weights.sum()) or 1.0
            for term, weight in zip(doc, weights, strict=True):
                rows.append(i)
                cols.append(self.vocab.index[term])
                vals.append(weight / total)
        self.item_terms = sp.csr_matrix(
            (vals, (rows, cols)), shape=(len(item_docs), len(self.vocab)), dtype=np.float32
        )
        self.term_items = self.item_terms.T.tocsr()  # vocabulary x items, for matching
        self.item_size = np.array([len(d) for d in item_docs])
        # priors of each item given each occupation: fiche membership (core items weigh more), and the
        # share of the training offers of that occupation whose recruiter tagged the item
        fiche_size = Counter(rome for rome, item, _ in fiche_items if item in item_position)
        fiche = {}
        for rome, item, core in fiche_items:
            if rome in position and item in item_position:
                boost = self.weights.core if core == "Principale" else 1.0
                fiche[(position[rome], item_position[item])] = boost / math.sqrt(fiche_size[rome])
        tagged = [t for t in training if t.tagged and t.rome in position]
        per_code = Counter(t.rome for t in tagged)
        learned: dict[tuple[int, int], float] = defaultdict(float)
        for t in tagged:
            for item in set(t.tagged) & item_position.keys():
                learned[(position[t.rome], item_position[item])] += 1 / (per_code[t.rome] + 1)
        self.item_fiche = self._code_item_matrix(fiche)
        self.item_learned = self._code_item_matrix(learned)

    def _code_item_matrix(self, values: dict[tuple[int, int], float]) -> sp.csr_matrix:
        keys = list(values)
        return sp.csr_matrix(
            ([values[k] for k in keys], ([k[0] for k in keys], [k[1] for k in keys])),
            shape=(len(self.codes), len(self.item_codes)),
            dtype=np.float32,
        )

    def _phrases(self, p: Parsed) -> dict[str, str]:
        return candidates(p.tokens, p.source_of, getattr(self, "lexicon", None))

    # ---- occupations --------------------------------------------------------------------------------
    @staticmethod
    def _knn_lemmas(parsed: Parsed) -> list[str]:
        return parsed.title_lemmas * 3 + parsed.description_lemmas

    def occupation_scores(self, batch: Sequence[Parsed], generic: bool = False) -> np.ndarray:
        """Scores (batch x occupations); higher is better. ``generic``: without what was learned from
        the offers (code frequencies, nearest offers), for texts that are not job offers."""
        w = self.weights
        n = len(batch)
        query = _matrix([p.title_lemmas for p in batch], self.vocab, self.idf_title, sublinear=False)
        sims = (query @ self.titles.T).tocoo()
        title = np.zeros((n, len(self.codes)), dtype=np.float32)
        np.maximum.at(title, (sims.row, self.title_code[sims.col]), sims.data)
        if w.parent:
            lent = np.zeros_like(title)
            np.maximum.at(lent.T, self.parent, title.T * w.parent)
            title = np.maximum(title, lent)
        scores = title**w.title_power + (0.0 if generic else w.prior) * self.prior
        if w.fiche_text:
            fiche_query = _matrix(
                [p.description_lemmas + p.title_lemmas for p in batch], self.vocab, self.idf_fiche, True
            )
            scores += w.fiche_text * (fiche_query @ self.fiches.T).toarray()
        if w.knn and self.train.shape[0] and not generic:
            knn_query = _matrix([self._knn_lemmas(p) for p in batch], self.vocab, self.idf_knn, True)
            sims = (knn_query @ self.train.T).toarray()
            k = min(w.knn_k, sims.shape[1])
            nearest = np.argpartition(-sims, k - 1, axis=1)[:, :k]
            votes = np.take_along_axis(sims, nearest, axis=1)
            knn = np.zeros_like(scores)
            np.add.at(knn, (np.repeat(np.arange(n), k), self.train_code[nearest].ravel()), votes.ravel())
            scores += w.knn * knn
        return scores

    # ---- the whole extraction -----------------------------------------------------------------------
    def extract_batch(
        self,
        texts: Sequence[tuple[str, str]],
        top_occupations: int = 5,
        max_skills: int = 20,
        generic: bool = False,
    ) -> list[dict]:
        """``texts``: (title, description) pairs. Returns, per text, the occupations and skills.
        ``generic``: for texts that are not job offers (a CV): no prior learned from the offers."""
        parsed = [Parsed.of(t, d) for t, d in texts]
        scores = self.occupation_scores(parsed, generic) if parsed else np.zeros((0, len(self.codes)))
        out = []
        for row, p in zip(scores, parsed, strict=True):
            order = np.argsort(-row, kind="stable")[
                : max(top_occupations, self.weights.occupations_for_skills)
            ]
            best = row[order]
            share = best / best.sum() if best.sum() > 0 else np.zeros_like(best)
            occupations = [
                {"code": self.codes[i], "label": self.labels[self.codes[i]], "score": round(float(s), 4)}
                for i, s in zip(order[:top_occupations], share[:top_occupations], strict=True)
            ]
            # skills follow the evidence for each occupation, not its frequency among the offers: a
            # frequent code that only made the list through its prior lends few of its items
            evidence = np.clip(
                row[order] - (0.0 if generic else self.weights.prior) * self.prior[order], 0, None
            )
            lent = evidence / evidence.sum() if evidence.sum() > 0 else share
            skills = self._skills(p, order, lent, max_skills, generic)
            expressions = self.lexicon.find(self._phrases(p))
            out.append({"occupations": occupations, "skills": skills, "expressions": expressions})
        return out

    def _skills(
        self, p: Parsed, order: np.ndarray, share: np.ndarray, max_skills: int, generic: bool = False
    ) -> list[dict]:
        """The fiche items of the best occupations, weighted by their share, plus items found in the text.

        A text match adds to an item's score only once its verbatim span is confirmed, which is done
        lazily, in score order, for the items that could make the list."""
        w = self.weights
        top = order[: w.occupations_for_skills]
        weights = share[: w.occupations_for_skills] ** w.share_power  # sharper: the runner-ups lend less
        weights = weights / weights.sum() if weights.sum() > 0 else weights
        prior = np.zeros(len(self.item_codes), dtype=np.float32)
        sources = [(self.item_fiche, w.fiche)] + ([] if generic else [(self.item_learned, w.learned)])
        for matrix, factor in sources:
            for code, share_ in zip(top.tolist(), weights.tolist(), strict=True):
                row = slice(matrix.indptr[code], matrix.indptr[code + 1])
                prior[matrix.indices[row]] += factor * share_ * matrix.data[row]
        matches, where, term = self._text_matches(p)
        score = prior.copy()
        if matches:
            items = np.fromiter(matches.keys(), dtype=np.int64, count=len(matches))
            values = np.array([value for value, _ in matches.values()], dtype=np.float32)
            score[items] += np.where(prior[items] > 0, w.text_fiche, w.text) * values
        positive = np.flatnonzero(score > 0)
        shortlist = 3 * max_skills + len(matches)  # enough for the matches that fail their span check
        if positive.size > shortlist:
            positive = positive[np.argpartition(-score[positive], shortlist - 1)[:shortlist]]
        best_first = positive[np.argsort(-score[positive], kind="stable")]
        heap = [(-float(score[i]), i, True) for i in best_first.tolist()]  # sorted: already a heap
        chosen: list[tuple[int, float, str | None]] = []
        while heap and len(chosen) < max_skills:
            neg, item, with_text = heapq.heappop(heap)
            if with_text and item in matches:
                span = self._span(p, item, where[matches[item][1]], term)
                if span is None:  # not one readable span: the item keeps its occupation prior only
                    if prior[item] > 0:
                        heapq.heappush(heap, (-float(prior[item]), item, False))
                    continue
                chosen.append((item, -neg, span))
            else:
                chosen.append((item, -neg, None))
        self._quoted_first(p, chosen, matches, where, term, score, max_skills)
        best = chosen[0][1] if chosen else 1.0
        return [
            {
                "code": self.item_codes[i],
                "label": self.item_labels[i],
                "kind": self.item_kinds[i],
                "score": round(value / best, 4),
                "source": "text" if span is not None else "occupation",
                "evidence": span,
            }
            for i, value, span in chosen
        ]

    def _quoted_first(
        self, p, chosen: list, matches: dict, where: dict, term, score, max_skills: int
    ) -> None:
        """Make room for ``text_slots`` skills quoted by the text (best covered first), in place of the
        last skills inferred from the occupation: what the offer says outranks what its fiche implies."""
        quoted = sum(span is not None for _, _, span in chosen)
        taken = {item for item, _, _ in chosen}
        extra = sorted((i for i in matches if i not in taken), key=lambda i: (-matches[i][0], -score[i], i))
        for item in extra:
            if quoted >= self.weights.text_slots:
                break
            span = self._span(p, item, where[matches[item][1]], term)
            if span is None:
                continue
            if len(chosen) >= max_skills:
                inferred = [k for k, (_, _, s) in enumerate(chosen) if s is None]
                if not inferred:
                    break
                chosen.pop(inferred[-1])
            chosen.append((item, float(score[item]), span))
            quoted += 1
        chosen.sort(key=lambda c: -c[1])

    def _text_matches(
        self, p: Parsed
    ) -> tuple[dict[int, tuple[float, int]], dict[int, np.ndarray], np.ndarray]:
        """Items whose label lemmas appear together in one segment, with an idf-weighted coverage of at
        least ``text_min_coverage``.

        Returns item -> (coverage, segment row), per segment row its matchable token positions, and the
        vocabulary id of each token (-1 when unknown).
        The coverage over the whole text is computed first (one bincount over the postings of its
        lemmas); only the items passing it are then checked segment by segment."""
        t = p.tokens
        index = self.vocab.index
        term = np.array([index.get(lemma, -1) for lemma in t.lemmas], dtype=np.int64)
        usable = (term >= 0) & ~np.array(t.function, dtype=bool)
        if not usable.any():
            return {}, {}, term
        segment = np.array(t.segments, dtype=np.int64)  # small increasing numbers: used as rows directly
        n_seg = int(segment[-1]) + 1
        # (term, segment) pairs present, term-major and sorted
        pairs = np.unique(term[usable] * n_seg + segment[usable])
        pair_term, pair_segment = np.divmod(pairs, n_seg)
        # whole-text coverage first (one bincount over the postings of its lemmas)
        threshold = self.weights.text_min_coverage - 1e-6
        postings = _gather(self.term_items.indptr, np.unique(pair_term))
        whole = np.bincount(
            self.term_items.indices[postings],
            weights=self.term_items.data[postings],
            minlength=len(self.item_codes),
        )
        candidates = np.flatnonzero(whole >= threshold)
        if not candidates.size:
            return {}, {}, term
        # then per segment, for those candidates only: each (item, lemma) posting meets the segments
        # holding that lemma
        spans = _gather(self.item_terms.indptr, candidates)
        lengths = self.item_terms.indptr[candidates + 1] - self.item_terms.indptr[candidates]
        post_item = np.repeat(np.arange(len(candidates)), lengths)
        post_term = self.item_terms.indices[spans]
        low = np.searchsorted(pair_term, post_term, side="left")
        meets = np.searchsorted(pair_term, post_term, side="right") - low
        at = np.repeat(low - np.cumsum(meets) + meets, meets) + np.arange(meets.sum())
        cov = np.bincount(
            np.repeat(post_item, meets) * n_seg + pair_segment[at],
            weights=np.repeat(self.item_terms.data[spans], meets),
            minlength=len(candidates) * n_seg,
        ).reshape(len(candidates), n_seg)
        best_row = cov.argmax(axis=1)
        value = cov[np.arange(len(candidates)), best_row]
        keep = value >= threshold
        found = {
            int(item): (float(v), int(row))
            for item, v, row in zip(candidates[keep], value[keep], best_row[keep], strict=True)
        }
        rows = {row for _, row in found.values()}
        where = {row: np.flatnonzero(usable & (segment == row)) for row in rows}
        return found, where, term

    def _span(self, p: Parsed, item: int, segment_tokens: np.ndarray, term: np.ndarray) -> str | None:
        """The shortest stretch of the segment holding every matched lemma of the item, verbatim."""
        start_col, end_col = self.item_terms.indptr[item], self.item_terms.indptr[item + 1]
        terms = set(self.item_terms.indices[start_col:end_col].tolist())
        t = p.tokens
        hits = [
            (i, k)
            for i, k in zip(segment_tokens.tolist(), term[segment_tokens].tolist(), strict=True)
            if k in terms
        ]
        wanted = {term for _, term in hits}
        if len(wanted) < math.ceil(len(terms) * 2 / 3):
            return None
        best: tuple[int, int] | None = None
        window: Counter[int] = Counter()
        left = 0
        for i, term in hits:
            window[term] += 1
            while len(window) == len(wanted):
                span = (t.starts[hits[left][0]], t.ends[i])
                if best is None or span[1] - span[0] < best[1] - best[0]:
                    best = span
                first = hits[left][1]
                window[first] -= 1
                if not window[first]:
                    del window[first]
                left += 1
        if best is None or best[1] - best[0] > self.weights.max_span_chars:
            return None
        return p.source_of(hits[0][0])[best[0] : best[1]]

    def title_similarities(self, text: str) -> np.ndarray:
        """Cosine of ``text`` (a job title) with every appellation and ROME label (``title_labels``)."""
        query = _matrix([lemma_list(clean_title(text))], self.vocab, self.idf_title, sublinear=False)
        return (self.titles @ query.T).toarray().ravel()

    def best_title_line(self, text: str, max_words: int = 12) -> str:
        """The short line of ``text`` closest to a ROME job title ("" when none is close): a CV names
        occupations in headings and experience lines rather than in a title field. A one-word line
        counts half ("Expérience" is a heading more often than a job)."""
        lines = [line.strip() for line in text.splitlines() if 0 < len(line.split()) <= max_words]
        docs = [lemma_list(clean_title(line)) for line in lines]
        if not lines:
            return ""
        query = _matrix(docs, self.vocab, self.idf_title, sublinear=False)
        best = (query @ self.titles.T).max(axis=1).toarray().ravel()
        best *= np.minimum(1.0, np.array([len(set(d)) for d in docs]) / 2)
        i = int(best.argmax())
        return lines[i] if best[i] >= 0.3 else ""

    def find_items(self, text: str) -> list[dict]:
        """Items whose label words appear together in one segment of ``text``, with the verbatim span,
        best covered first (used on RNCP skill blocks and any free text)."""
        p = Parsed.of("", text)
        matches, where, term = self._text_matches(p)
        found = []
        for item, (value, row) in matches.items():
            span = self._span(p, item, where[row], term)
            if span is not None:
                found.append((value, item, span))
        found.sort(key=lambda f: (-f[0], f[1]))
        return [
            {
                "code": self.item_codes[i],
                "label": self.item_labels[i],
                "kind": self.item_kinds[i],
                "coverage": round(v, 4),
                "evidence": span,
            }
            for v, i, span in found
        ]

    # ---- persistence --------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        with open(tmp, "wb") as f:
            pickle.dump((FORMAT, self), f, protocol=pickle.HIGHEST_PROTOCOL)
        tmp.replace(path)

    @staticmethod
    def load(path: Path) -> Extractor | None:
        """The saved model, or None when absent or of an older format."""
        try:
            with open(path, "rb") as f:
                version, model = pickle.load(f)
        except (OSError, EOFError, pickle.UnpicklingError, AttributeError, ValueError):
            return None
        return model if version == FORMAT else None
