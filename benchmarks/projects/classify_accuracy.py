"""Theme classification: primary-theme top-1 accuracy on the hand-labelled held-out sample.

`benchmarks/projects/labels.jsonl` holds 200 real records (110 SCDL subsidies known only by their
beneficiary's name, 45 SCDL subsidies with an object, 40 DETR/DSIL projects, 5 Action Cœur de Ville
towns), drawn from a hash partition of the texts (sha1 % 4 == 0) that the keyword rules were never
written or tuned on, and labelled by reading each record (docs/projects-themes.md). Records a reader
cannot place in any theme ("theme": null) are counted apart, not scored.

    .venv/bin/python -m benchmarks.projects.classify_accuracy
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict
from pathlib import Path

from benchmarks.common import record
from regia.projects.classify import classify_texts

LABELS = Path(__file__).with_name("labels.jsonl")


def main() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines() if line.strip()]
    scored = [r for r in rows if r["theme"]]
    started = time.perf_counter()
    found = classify_texts(r["text"] for r in rows)
    elapsed = time.perf_counter() - started
    hits: dict[str, list[bool]] = defaultdict(list)
    methods: dict[str, list[bool]] = defaultdict(list)
    errors = Counter()
    for r in scored:
        c = found[r["text"]]
        ok = bool(c.themes) and c.themes[0] == r["theme"]
        hits[r["stratum"]].append(ok)
        methods[c.method].append(ok)
        if not ok:
            errors[(r["theme"], c.themes[0] if c.themes else "-")] += 1
    total = [ok for v in hits.values() for ok in v]
    in_top3 = sum(r["theme"] in found[r["text"]].themes for r in scored)
    unscored = len(rows) - len(scored)
    lines = [
        f"- records: {len(rows)}, labelled: {len(scored)}, not scored (indeterminable): {unscored}",
        f"- **primary-theme top-1 accuracy: {sum(total) / len(total):.3f}** ({sum(total)}/{len(total)});"
        f" label among the returned themes: {in_top3 / len(scored):.3f}",
    ]
    for stratum, oks in hits.items():
        lines.append(f"- {stratum}: {sum(oks) / len(oks):.3f} ({sum(oks)}/{len(oks)})")
    for method, oks in methods.items():
        lines.append(f"- decided by {method}: {sum(oks)}/{len(oks)} right")
    lines.append(f"- most frequent confusions (label -> predicted): {errors.most_common(6)}")
    lines.append(f"- classification time: {elapsed:.2f} s for {len(rows)} texts (embeddings cached or not)")
    record(
        "Projects: theme classification (held-out labels)",
        "python -m benchmarks.projects.classify_accuracy",
        lines,
    )


if __name__ == "__main__":
    main()
