"""The real set scored by group: the 35 files tuned on from the start, the 15 files of blind
round 1 (spent, moved to the tune part on 07/12/2026), and all 50; then every emitted row whose
label is wrong (``python tests/real_rounds.py``).

A row's label is wrong when its code, field and value match no core figure and its value is
no neutral figure of the text (label class "fp"), or when it is another period's or unit's
figure (class "not_ours").  Scoring is that of ``extraction_metrics.py`` (the merged labels of
``real_labels.json``); this script only groups the files.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import extraction_metrics as metrics  # noqa: E402


def groups() -> dict[str, list[str]]:
    """Two-digit prefixes of each group of the real set."""
    raw = json.loads(metrics.REAL_SPLIT.read_text("utf-8"))
    former = list(raw.get("former_blind", []))
    return {"tuned from the start (35)": [p for p in raw["tune"] if p not in former],
            "blind round 1, spent (15)": former, "all": list(raw["tune"])}


def subset(m: metrics.RealMetrics, prefixes: list[str]) -> metrics.RealMetrics:
    return metrics.RealMetrics([f for f in m.files if f.name[:2] in prefixes])


def wrong_rows(m: metrics.RealMetrics) -> list[str]:
    out = []
    for f in m.files:
        for (ind, val, fld), c in zip(f.got, f.label_class, strict=True):
            if c in ("fp", "not_ours"):
                out.append(f"{c:8} {f.name[:30]}: {ind} {val:g} [{fld}]")
    return out


def summary(m: metrics.RealMetrics) -> str:
    return "; ".join(
        f"{lvl} {'core' if core else 'all'}: R {m.recall(lvl, core):.3f} "
        f"P {m.precision(lvl, core):.3f} (strict {m.precision(lvl, core, strict=True):.3f})"
        for lvl, core in (("value", True), ("value", False), ("label", True)))


if __name__ == "__main__":
    m = metrics.score_real(part="tune")
    if not m.files:
        sys.exit(f"real excerpts not found in {metrics.REAL}")
    for name, prefixes in groups().items():
        print(f"{name}: {summary(subset(m, prefixes))}")
    rows = wrong_rows(m)
    print(f"\nrows emitted with a wrong label, all files: {len(rows)}")
    print("\n".join(rows))
