"""Precision and recall of the prose reader over ``tests/extraction_cases/``.

Each case is a report (``NAME.txt`` or ``NAME.md``) and ``NAME.expected.json`` written from
the text, before running the reader::

    {"description": "...", "agency": "SKHCN" | "agency_contains": "...",
     "period": "2024-H1", "period_start": "dd/mm/yyyy", "period_end": "dd/mm/yyyy",
     "figures": [[indicator, value, field], ...],
     "optional": [[indicator, value, field], ...],   # implied figures: neither hit nor miss
     "findings": ["prose.count_vs_list", ...],
     "documents": [[kind, number, "dd/mm/yyyy"], ...]}

A figure counts as found when indicator, value (to 4 decimals) and field (folded) agree.
Run ``python tests/extraction_metrics.py`` for the table and the misses.

The real reports (``../shared/data/reports_real``) are split once (``real_split.json``): the
*tune* part, scored with ``real_labels.json`` (the default), and the *blind* part, scored with
``real_labels_blind.json`` (``--part blind``; skipped while that file is absent).  Each part
is read and scored with its own labels only.

An external blind set kept outside the project (issue 18, round 2) is scored from its own
folder with ``--dir FOLDER``: ``FOLDER/expected.json`` (same schema as the real set's),
``FOLDER/labels.json`` (same format as ``real_labels.json``: ``files`` and ``not_ours``) and
the texts in ``FOLDER/texts/`` (or in ``FOLDER`` itself).  Every file of its ``expected.json``
is scored; the printout is the real set's table (value and label recall and precision).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path

from papi_analysis.prose import extraction
from papi_analysis.text import fold

CASES = Path(__file__).resolve().parent / "extraction_cases"
#: Prefix of the blind hold-out passages (see :func:`blind_cases`).
BLIND = "holdout_"


def _key(indicator: str, value: float, fld: str) -> tuple[str, float, str]:
    return (indicator, round(float(value), 4), fold(fld))


@dataclass
class CaseResult:
    """One case: what was expected, what was read, and the differences."""

    name: str
    expected: dict
    got: set = field(default_factory=set)
    found: set = field(default_factory=set)
    missed: set = field(default_factory=set)
    extra: set = field(default_factory=set)
    ex: extraction.Extraction | None = None


@dataclass
class Metrics:
    """Totals over every case."""

    results: list[CaseResult]

    @property
    def tp(self) -> int:
        return sum(len(r.found) for r in self.results)

    @property
    def fp(self) -> int:
        return sum(len(r.extra) for r in self.results)

    @property
    def fn(self) -> int:
        return sum(len(r.missed) for r in self.results)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def cases(cases_dir: Path = CASES) -> list[Path]:
    """The report files that have an ``.expected.json`` beside them, in name order."""
    return sorted(p for p in cases_dir.iterdir()
                  if p.suffix in (".txt", ".md")
                  and p.with_name(p.stem + ".expected.json").exists())


def own_cases(cases_dir: Path = CASES) -> list[Path]:
    """The cases the reader was developed on (without the blind ``holdout_*`` passages)."""
    return [p for p in cases(cases_dir) if not p.name.startswith(BLIND)]


def blind_cases(cases_dir: Path = CASES) -> list[Path]:
    """The blind hold-out passages of issue 9 (``holdout_*``), written before the final
    tuning and scored apart: their floor is asserted on its own."""
    return [p for p in cases(cases_dir) if p.name.startswith(BLIND)]


def load_expected(report: Path) -> dict:
    """The expectations of one case."""
    return json.loads(report.with_name(report.stem + ".expected.json").read_text("utf-8"))


def score_case(report: Path) -> CaseResult:
    """Read one case and compare with its expectations."""
    exp = load_expected(report)
    ex = extraction.extract_file(report)
    want = {_key(*f) for f in exp["figures"]}
    optional = {_key(*f) for f in exp.get("optional", [])}
    got = {_key(f.indicator, f.value, f.field) for f in ex.figures}
    res = CaseResult(report.name, exp, got, ex=ex)
    res.found = got & want
    res.missed = want - got
    res.extra = got - want - optional
    return res


def score_all(cases_dir: Path = CASES) -> Metrics:
    """Score every case."""
    return Metrics([score_case(p) for p in cases(cases_dir)])


def report(m: Metrics) -> str:
    """A short text table: per case hits / misses / extras, then totals and every difference."""
    lines = [f"{'case':34} {'exp':>4} {'hit':>4} {'miss':>4} {'extra':>5}"]
    for r in m.results:
        lines.append(f"{r.name:34} {len(r.expected['figures']):4} {len(r.found):4} "
                     f"{len(r.missed):4} {len(r.extra):5}")
    lines.append(f"precision {m.precision:.3f}  recall {m.recall:.3f}  "
                 f"(tp {m.tp}, fp {m.fp}, fn {m.fn}, cases {len(m.results)})")
    for r in m.results:
        for k in sorted(r.missed):
            lines.append(f"  MISS  {r.name}: {k}")
        for k in sorted(r.extra):
            lines.append(f"  EXTRA {r.name}: {k}")
    return "\n".join(lines)




# -- the real reports (development set outside the project) -----------------------------------
#: Real report excerpts with their ``expected.json`` (see that folder's README): read from
#: there, never copied into the project.  ``PAPI_REAL_REPORTS`` points elsewhere; tests skip
#: when the folder is absent.
REAL = Path(os.environ.get("PAPI_REAL_REPORTS")
            or Path(__file__).resolve().parents[2] / "shared" / "data" / "reports_real")
#: Our labels of the core figures of the real set (indicator code and field per figure).
REAL_LABELS = Path(__file__).resolve().parent / "real_labels.json"

#: Units of ``expected.json`` and the factor to the catalogue's unit (money in million VND,
#: land in m²); other units are counts, percentages or points, taken as they are.
_TO_CATALOGUE = {"ty dong": 1000.0, "trieu dong": 1.0, "dong": 1e-6, "nghin dong": 1e-3,
                 "ngan dong": 1e-3, "ha": 10000.0}


def catalogue_value(value: float, unit: str) -> float:
    """An expected figure's value in the unit the catalogue stores ("3,827 tỷ đồng" → 3827)."""
    return float(value) * _TO_CATALOGUE.get(fold(unit or "").strip(), 1.0)


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= max(1e-6, 1e-6 * abs(b))


@dataclass
class RealFile:
    """One real report: its expected figures, what was read, and the matching."""

    name: str
    expected: list[dict]  # value (catalogue unit), core, label (indicator, field) or None
    got: list[tuple[str, float, str]] = field(default_factory=list)
    # value level: per extracted figure "core" / "other" (matches a non-core figure) / "fp"
    value_class: list[str] = field(default_factory=list)
    value_hit: set = field(default_factory=set)  # indices of expected figures matched
    label_class: list[str] = field(default_factory=list)
    label_hit: set = field(default_factory=set)


@dataclass
class RealMetrics:
    """Value- and label-level recall and precision over the real set."""

    files: list[RealFile]

    def _count(self, attr: str, what: str) -> int:
        return sum(getattr(f, attr).count(what) for f in self.files)

    def recall(self, level: str, core: bool) -> float:
        hit = "value_hit" if level == "value" else "label_hit"
        n = sum(1 for f in self.files for e in f.expected if e["core"] or not core)
        if level == "label" and not core:
            n = sum(1 for f in self.files for e in f.expected if e["core"])
        k = sum(1 for f in self.files for i in getattr(f, hit)
                if f.expected[i]["core"] or not core)
        return k / n if n else 1.0

    def precision(self, level: str, core: bool, strict: bool = False) -> float:
        """Share of the figures read that are right.  ``core``: only core figures count as
        right (a figure matching another figure of the text is left out, neither right nor
        wrong); ``strict``: a figure matching another period's or unit's (``not_ours`` in
        ``real_labels.json``) counts as wrong."""
        cls = "value_class" if level == "value" else "label_class"
        core_, other, theirs = (self._count(cls, c) for c in ("core", "other", "not_ours"))
        tp = core_ + (0 if core else other + (0 if strict else theirs))
        fp = self._count(cls, "fp") + (theirs if strict else 0)
        return tp / (tp + fp) if tp + fp else 1.0


#: The split of the real set fixed once (issue 18): ``tune`` files the reader is developed on,
#: ``blind`` files kept for one measurement after a round of work (see that file's "about").
REAL_SPLIT = Path(__file__).resolve().parent / "real_split.json"
#: Labels of the blind part, keyed by someone who does not tune the reader (same format as
#: :data:`REAL_LABELS`); absent until they are keyed: the blind part is then skipped.
REAL_LABELS_BLIND = Path(__file__).resolve().parent / "real_labels_blind.json"
PARTS = ("tune", "blind")


def split() -> dict[str, list[str]]:
    """The two-digit prefixes of each part of the real set."""
    raw = json.loads(REAL_SPLIT.read_text("utf-8"))
    return {part: list(raw[part]) for part in PARTS}


def part_of(name: str) -> str:
    """The part a real report belongs to ("tune" or "blind"), by its two-digit prefix."""
    for part, prefixes in split().items():
        if name[:2] in prefixes:
            return part
    raise KeyError(f"{name}: in no part of {REAL_SPLIT.name}: add it to one part first")


def labels_path(part: str) -> Path:
    """The labels file of a part."""
    return REAL_LABELS if part == "tune" else REAL_LABELS_BLIND


def real_files(real_dir: Path = REAL, part: str = "tune") -> list[Path]:
    """The real reports of ``part`` that ``expected.json`` describes (empty when the folder is
    absent, or for the blind part while its labels are not keyed)."""
    exp = real_dir / "expected.json"
    if part not in PARTS:
        raise ValueError(f"part must be one of {PARTS}, not {part!r}")
    if not exp.exists() or not labels_path(part).exists():
        return []
    names = json.loads(exp.read_text("utf-8"))
    prefixes = split()[part]
    return [real_dir / n for n in sorted(names)
            if n[:2] in prefixes and (real_dir / n).exists()]


def _expected_real(real_dir: Path, part: str = "tune") -> dict[str, list[dict]]:
    raw = json.loads((real_dir / "expected.json").read_text("utf-8"))
    annotated = json.loads(labels_path(part).read_text("utf-8"))
    prefixes = split()[part]
    # the other part's figures are not read at all
    return _expected_from(raw, annotated, [n for n in raw if n[:2] in prefixes])


def _expected_from(raw: dict, annotated: dict, names: list[str]) -> dict[str, list[dict]]:
    """The expected figures of ``names`` (``expected.json`` entries in ``raw``), each with its
    label from ``annotated`` (a labels file: ``files`` and ``not_ours``)."""
    labels, not_ours = annotated["files"], annotated.get("not_ours", {})
    out: dict[str, list[dict]] = {}
    for name in names:
        entry = raw[name]
        figs = []
        for fig in entry.get("figures", []):
            figs.append({"value": catalogue_value(fig["value"], fig.get("unit", "")),
                         "core": bool(fig.get("core")), "label": None,
                         "what": fig.get("what", "")})
        for i in not_ours.get(name, []):
            figs[i]["not_ours"] = True
        for lab in labels.get(name, []):
            e = figs[lab["index"]]
            assert e["core"], (name, lab)
            if lab["indicator"] != "uncovered":
                e["label"] = (lab["indicator"], fold(lab["field"]))
        out[name] = figs
    return out


def score_real_file(path: Path, expected: list[dict]) -> RealFile:
    """Read one real report and match its figures with the expected ones."""
    ex = extraction.extract_file(path)
    res = RealFile(path.name, expected)
    res.got = [(f.indicator, f.value, f.field) for f in ex.figures]
    # a figure the reader gave another period explicitly ("Năm 2022, Chỉ số PAPI … đạt 40,97
    # điểm" in a 2023 report) claims nothing for the report's period: matching a not-ours row
    # (another period's figure) it is right, not wrong when strict
    dated = [bool(f.period and f.period != ex.period_code) for f in ex.figures]
    # value level: each expected figure matched at most once; a core figure with our label first
    for k, (ind, val, fld) in enumerate(res.got):
        same = [i for i, e in enumerate(expected) if _same(val, e["value"])]
        free = [i for i in same if i not in res.value_hit]
        pick = sorted(free, key=lambda i: (not expected[i]["core"],
                                           expected[i]["label"] != (ind, fold(fld))))
        if pick:
            res.value_hit.add(pick[0])
            e = expected[pick[0]]
            res.value_class.append("core" if e["core"] else
                                   "not_ours" if e.get("not_ours") and not dated[k]
                                   else "other")
        else:
            res.value_class.append("fp")
    # label level: a core figure with the right indicator, field and value
    for k, (ind, val, fld) in enumerate(res.got):
        lab = (ind, fold(fld))
        free = [i for i, e in enumerate(expected) if e["core"] and i not in res.label_hit
                and e["label"] == lab and _same(val, e["value"])]
        if free:
            res.label_hit.add(free[0])
            res.label_class.append("core")
        elif any(not e["core"] and not e.get("not_ours") and _same(val, e["value"])
                 for e in expected):
            res.label_class.append("other")  # a figure of the text we do not score (rank …)
        elif any(e.get("not_ours") and _same(val, e["value"]) for e in expected):
            # another period's, unit's: wrong when strict, unless given its own period
            res.label_class.append("other" if dated[k] else "not_ours")
        else:
            res.label_class.append("fp")
    return res


def score_real(real_dir: Path = REAL, part: str = "tune") -> RealMetrics:
    """Score the real reports of ``part`` with that part's labels (an empty result when the
    folder or the part's labels file is absent)."""
    files = real_files(real_dir, part)
    if not files:
        return RealMetrics([])
    expected = _expected_real(real_dir, part)
    return RealMetrics([score_real_file(p, expected[p.name]) for p in files])


class ExternalSetError(Exception):
    """An external blind folder that cannot be scored (missing or inconsistent files)."""


def _external_text(folder: Path, name: str) -> Path:
    for path in (folder / "texts" / name, folder / name):
        if path.is_file():
            return path
    raise ExternalSetError(f"{folder}: the text of {name} (named in expected.json) is in neither "
                           f"{folder / 'texts'} nor {folder}: add it or remove its entry")


def _load_json(path: Path) -> dict:
    if not path.is_file():
        raise ExternalSetError(f"{path} is missing: an external set needs expected.json and "
                               "labels.json beside its texts/ folder")
    try:
        return json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        raise ExternalSetError(f"{path} cannot be read as JSON ({err}): fix the file") from None


def _check_external(raw: dict, annotated: dict, folder: Path) -> None:
    """Every label points at a core figure of its file, with the value that figure has."""
    if "files" not in annotated:
        raise ExternalSetError(f"{folder / 'labels.json'} has no 'files' (the format of "
                               f"{REAL_LABELS.name})")
    for key in ("files", "not_ours"):
        for name in annotated.get(key, {}):
            if name not in raw:
                raise ExternalSetError(f"labels.json {key} names {name}, which expected.json "
                                       "does not describe")
    for name, labs in annotated["files"].items():
        figs = raw[name].get("figures", [])
        for lab in labs:
            i = lab.get("index")
            if not isinstance(i, int) or not 0 <= i < len(figs) or not figs[i].get("core"):
                raise ExternalSetError(f"labels.json: {name} index {i} is not a core figure of "
                                       "expected.json: key its labels again")
            if not _same(float(lab.get("value", "nan")), float(figs[i]["value"])):
                raise ExternalSetError(f"labels.json: {name} index {i} has value "
                                       f"{lab.get('value')}, expected.json {figs[i]['value']}")
    for name, idx in annotated.get("not_ours", {}).items():
        n = len(raw[name].get("figures", []))
        if any(not isinstance(i, int) or not 0 <= i < n for i in idx):
            raise ExternalSetError(f"labels.json: not_ours of {name} has an index outside its "
                                   f"{n} figures")


def score_external(folder: Path) -> RealMetrics:
    """Score an external blind folder (``expected.json``, ``labels.json``, ``texts/``): every
    file its ``expected.json`` describes, scored like a part of the real set.  Raises
    :class:`ExternalSetError` with what to fix when the folder is incomplete."""
    folder = Path(folder)
    raw = _load_json(folder / "expected.json")
    annotated = _load_json(folder / "labels.json")
    _check_external(raw, annotated, folder)
    names = sorted(raw)
    paths = [_external_text(folder, n) for n in names]
    expected = _expected_from(raw, annotated, names)
    return RealMetrics([score_real_file(p, expected[p.name]) for p in paths])


def real_report(m: RealMetrics, details: bool = True) -> str:
    """The real set's table: per file, then value- and label-level recall and precision."""
    lines = [f"{'real report':44} {'core':>4} {'val':>4} {'lab':>4} {'fp':>3}"]
    for f in m.files:
        core = sum(1 for e in f.expected if e["core"])
        lines.append(f"{f.name:44} {core:4} "
                     f"{sum(1 for i in f.value_hit if f.expected[i]['core']):4} "
                     f"{len(f.label_hit):4} {f.label_class.count('fp'):3}")
    for level in ("value", "label"):
        for core in ((True, False) if level == "value" else (True,)):  # labels: core only
            lines.append(f"{level:5} {'core' if core else 'all ':4}  recall "
                         f"{m.recall(level, core):.3f}  precision {m.precision(level, core):.3f}"
                         f"  (strict {m.precision(level, core, strict=True):.3f})")
    if details:
        for f in m.files:
            for i, e in enumerate(f.expected):
                if e["core"] and i not in f.label_hit:
                    how = "value ok, label" if i in f.value_hit else "MISS"
                    lines.append(f"  {how:15} {f.name[:28]}#{i} {e['value']:g} {e['label']} "
                                 f"({e['what'][:50]})")
            for (ind, val, fld), c in zip(f.got, f.label_class, strict=True):
                if c in ("fp", "not_ours"):
                    what = "EXTRA" if c == "fp" else "NOT OURS"
                    lines.append(f"  {what:15} {f.name[:28]}: {ind} {val:g} [{fld}]")
    return "\n".join(lines)


def _main_external(folder: str, quiet: bool) -> int:
    try:
        m = score_external(Path(folder))
    except ExternalSetError as err:
        print(f"extraction_metrics: {err}", file=sys.stderr)
        return 2
    print(f"external blind set {folder} ({len(m.files)} files):")
    print(real_report(m, details=not quiet))
    return 0


if __name__ == "__main__":
    quiet = "-q" in sys.argv
    if "--dir" in sys.argv:  # an external blind folder: score it alone, once
        at = sys.argv.index("--dir") + 1
        if at >= len(sys.argv):
            sys.exit("extraction_metrics: --dir needs a folder (expected.json, labels.json, "
                     "texts/)")
        sys.exit(_main_external(sys.argv[at], quiet))
    # the part of the real set to score: --part tune (default) or --part blind (run the blind
    # part once, after a round of work, and do not tune on what it shows)
    part = sys.argv[sys.argv.index("--part") + 1] if "--part" in sys.argv else "tune"
    own = Metrics([score_case(p) for p in own_cases()])
    blind = Metrics([score_case(p) for p in blind_cases()]) if "--blind" in sys.argv else None
    print(report(own) if not quiet else report(own).split("\n  ")[0])
    if "--blind" in sys.argv:  # the blind hold-out: score it at the end, do not tune on it
        print("\nblind hold-out (holdout_*):")
        print(report(blind))
    if real_files(part=part):
        print(f"\nreal reports, {part} part:")
        print(real_report(score_real(part=part), details=not quiet))
    elif part == "blind":
        print(f"\nreal reports, blind part: skipped ({REAL_LABELS_BLIND.name} or the folder "
              "is absent)")
