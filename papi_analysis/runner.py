"""The batch runner behind ``papi-analysis build``: check, plan, execute, index.

:func:`build` checks every parameter before any kernel starts, works out which appendices a
period needs (an agency-scope notebook runs for each selected department and for the whole
province, a province-scope notebook once for the province), skips those whose inputs did not
change since their last successful build (:mod:`papi_analysis.manifest`), runs the others
through papermill in parallel worker processes that each keep a warm kernel
(:mod:`papi_analysis.kernels`), and writes the period's and the top-level ``index.html``
(:mod:`papi_analysis.indexpage`).  The CLI calls :func:`main`; a scheduler can call either.

Notebooks are named on the command line by their file stem without the number prefix
(``01_tthc.ipynb`` → ``tthc``), by its last word (``05_data_quality`` → ``quality``), by
the full stem, or by the appendix number.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from . import config, fingerprint, manifest, periods
from .errors import PapiError, ParameterError

#: The parameters every notebook's ``parameters`` cell declares, with the type passed.
PARAMETERS = {"period": "str", "compare": "list", "agency": "str", "lang": "str",
              "data_dir": "str"}
COMPARE_WORDS = ("previous", "same_period_last_year")
DEFAULT_COMPARE = ["previous", "same_period_last_year"]
SCOPES = ("agency", "province")
LANGS = ("vi", "en")
_NB_RE = re.compile(r"^(\d+)_(.+)$")


@dataclass(frozen=True)
class Notebook:
    """One report notebook and what its metadata says about it."""

    path: Path
    stem: str
    appendix: int
    scope: str
    title_vi: str
    title_en: str
    sha: str

    @property
    def name(self) -> str:
        """The CLI name: the stem without its number prefix (``tthc``)."""
        m = _NB_RE.match(self.stem)
        return m.group(2) if m else self.stem

    def title(self, lang: str) -> str:
        """The appendix title in ``lang``."""
        return (self.title_vi if lang == "vi" else self.title_en) or self.stem


@dataclass
class Result:
    """What happened to one appendix in a build."""

    notebook: str
    appendix: int
    agency: str
    status: str  # "ok", "skipped" or "failed"
    duration: float
    html: Path
    ipynb: Path
    failed: Path | None = None
    error: str = ""
    parameters: dict = field(default_factory=dict)


@dataclass
class BuildResult:
    """The outcome of :func:`build`: one :class:`Result` per appendix, in plan order."""

    period: str
    results: list[Result]
    reports_dir: Path
    index: Path
    wall_time: float = 0.0

    @property
    def exit_code(self) -> int:
        """1 if any appendix failed, else 0."""
        return 1 if any(r.status == "failed" for r in self.results) else 0

    def count(self, status: str) -> int:
        """How many appendices ended with ``status``."""
        return sum(r.status == status for r in self.results)


# -- checking parameters -----------------------------------------------------------------
class _Problems:
    """Collects bad parameters so the user hears about all of them in one error."""

    def __init__(self) -> None:
        self.items: list[ParameterError] = []

    def add(self, vi: str, en: str, hint_vi: str = "", hint_en: str = "",
            where: str | None = None) -> None:
        self.items.append(ParameterError(vi, en, where=where, hint_vi=hint_vi or None,
                                         hint_en=hint_en or None))

    def wrap(self, name: str, err: PapiError) -> None:
        self.add(f"Tham số {name}: {err.vi}", f"Parameter {name}: {err.en}",
                 err.hint_vi or "", err.hint_en or "", err.where)

    def raise_if_any(self) -> None:
        if len(self.items) == 1:
            raise self.items[0]
        if self.items:
            n, sep = len(self.items), "\n    - "
            raise ParameterError(
                f"Có {n} lỗi tham số:{sep}" + sep.join(e.message("vi") for e in self.items),
                f"{n} parameter errors:{sep}" + sep.join(e.message("en") for e in self.items),
                hint_vi="Sửa các tham số trên rồi chạy lại; chưa notebook nào được chạy.",
                hint_en="Fix the parameters above and run again; no notebook was run.")


def discover(notebooks_dir: Path) -> list[Notebook]:
    """The report notebooks in ``notebooks_dir`` (``NN_name.ipynb``), in appendix order."""
    found = []
    for path in sorted(Path(notebooks_dir).glob("*.ipynb")):
        if not _NB_RE.match(path.stem):
            continue
        raw = path.read_bytes()
        try:
            meta = json.loads(raw).get("metadata", {}).get("papi_analysis", {})
        except ValueError:
            meta = {}
        try:
            appendix = int(meta.get("appendix", _NB_RE.match(path.stem).group(1)))
        except (TypeError, ValueError):
            appendix = int(_NB_RE.match(path.stem).group(1))
        found.append(Notebook(path, path.stem, appendix, str(meta.get("scope", "")),
                              str(meta.get("title_vi", "")), str(meta.get("title_en", "")),
                              manifest.sha256_file(path)[:24] if raw else ""))
    return sorted(found, key=lambda n: (n.appendix, n.stem))


def select(notebooks: list[Notebook], names: list[str] | None,
           problems: _Problems) -> list[Notebook]:
    """The notebooks ``names`` asks for (all if ``None``), unknown names reported."""
    if not names:
        return list(notebooks)
    chosen: list[Notebook] = []
    for raw in names:
        key = str(raw).strip().lower().removesuffix(".ipynb")
        hits = [n for n in notebooks if key in (n.stem.lower(), n.name.lower())
                or n.name.lower().endswith("_" + key) or (key.isdigit() and int(key) == n.appendix)]
        if len(hits) == 1:
            if hits[0] not in chosen:
                chosen.append(hits[0])
            continue
        known = ", ".join(n.name for n in notebooks) or "—"
        close = difflib.get_close_matches(key, [n.name for n in notebooks], n=3, cutoff=0.5)
        near_vi = f"Có phải “{close[0]}”? " if close else ""
        near_en = f"Did you mean “{close[0]}”? " if close else ""
        what = "không rõ là notebook nào" if hits else "không có"
        self_en = "is ambiguous" if hits else "does not exist"
        problems.add(f"Tham số --notebooks: notebook “{raw}” {what}.",
                     f"Parameter --notebooks: notebook “{raw}” {self_en}.",
                     f"{near_vi}Các notebook: {known}.", f"{near_en}Notebooks: {known}.")
    return chosen


def _declared(nb: Notebook, cache: manifest.Cache) -> dict:
    """``{"cell": bool, "params": {name: type}}`` of a notebook, cached by its content."""
    hit = cache.get("declared", nb.sha)
    if hit is not None:
        return hit
    cells = json.loads(nb.path.read_bytes()).get("cells", [])
    has_cell = any("parameters" in c.get("metadata", {}).get("tags", []) for c in cells)
    params = {}
    if has_cell:
        import papermill  # slow to import: only when a notebook changed

        params = {k: v.get("inferred_type_name", "None")
                  for k, v in papermill.inspect_notebook(str(nb.path)).items()}
    value = {"cell": has_cell, "params": params}
    cache.put("declared", nb.sha, value)
    return value


def check_notebook(nb: Notebook, cache: manifest.Cache, problems: _Problems) -> None:
    """Report a notebook whose metadata or parameters cell does not fit the runner."""
    where = str(nb.path)
    if nb.scope not in SCOPES:
        problems.add(f"Notebook {nb.stem}: metadata papi_analysis.scope là “{nb.scope}”, "
                     "phải là agency hoặc province.",
                     f"Notebook {nb.stem}: metadata papi_analysis.scope is “{nb.scope}”, "
                     "must be agency or province.",
                     "Sửa metadata của notebook.", "Fix the notebook's metadata.", where)
    try:
        decl = _declared(nb, cache)
    except (ValueError, KeyError, AttributeError) as exc:
        problems.add(f"Notebook {nb.stem} không đọc được ({exc}).",
                     f"Notebook {nb.stem} cannot be read ({exc}).",
                     "Mở và lưu lại notebook bằng Jupyter.", "Open and save it in Jupyter.", where)
        return
    if not decl["cell"]:
        problems.add(f"Notebook {nb.stem} không có ô được gắn thẻ “parameters”.",
                     f"Notebook {nb.stem} has no cell tagged “parameters”.",
                     "Gắn thẻ parameters cho ô mã đầu tiên.",
                     "Tag the first code cell “parameters”.", where)
        return
    names = decl["params"]
    for name in PARAMETERS:
        if name not in names:
            problems.add(f"Notebook {nb.stem} thiếu tham số “{name}” trong ô parameters.",
                         f"Notebook {nb.stem} does not declare the parameter “{name}”.",
                         f"Khai báo: {_declaration(name)} (papermill bỏ qua dòng có hơn một "
                         "dấu “=”, kể cả trong chú thích #).",
                         f"Declare: {_declaration(name)} (papermill skips a line with more "
                         "than one “=”, even inside its # comment).", where)
    for name, typ in names.items():
        if name not in PARAMETERS:
            problems.add(f"Notebook {nb.stem} khai báo tham số lạ “{name}” mà bộ chạy "
                         "không truyền.",
                         f"Notebook {nb.stem} declares the unknown parameter “{name}”, which the "
                         "runner does not pass.",
                         "Các tham số: " + ", ".join(PARAMETERS) + ".",
                         "The parameters are: " + ", ".join(PARAMETERS) + ".", where)
            continue
        base = typ.split("[")[0].replace("typing.", "").strip().lower()
        if base not in (PARAMETERS[name], "none", ""):
            problems.add(f"Notebook {nb.stem}: tham số “{name}” khai báo kiểu {typ}, "
                         f"bộ chạy truyền {PARAMETERS[name]}.",
                         f"Notebook {nb.stem}: parameter “{name}” is declared as {typ}; "
                         f"the runner passes a {PARAMETERS[name]}.",
                         f"Khai báo: {_declaration(name)}", f"Declare: {_declaration(name)}", where)


def _declaration(name: str) -> str:
    return f"{name}: {PARAMETERS[name]} = {'[]' if PARAMETERS[name] == 'list' else repr('')}"


def latest_period(data_dir: Path, data_fp: str, cache: manifest.Cache) -> periods.Period:
    """The period in the data whose data end last (the longest of those ending that day).

    Raises
    ------
    ParameterError
        If the data hold no period at all.
    """
    hit = cache.get("latest", f"{data_dir}|{data_fp}")
    if hit:
        return periods.parse(hit)
    from . import datasets

    found = []
    for code in datasets.load(data_dir)["period"].dropna().unique():
        try:
            found.append(periods.parse(str(code)))
        except PapiError:
            continue
    if not found:
        raise ParameterError("Tham số --period latest: thư mục số liệu chưa có kỳ báo cáo nào.",
                             "Parameter --period latest: the data folder holds no period yet.",
                             where=str(data_dir),
                             hint_vi="Thêm số liệu hoặc ghi rõ kỳ, ví dụ --period 2024-H1.",
                             hint_en="Add data or name the period, e.g. --period 2024-H1.")
    best = max(found, key=lambda p: (p.date_range()[1], (p.date_range()[1] - p.date_range()[0])))
    cache.put("latest", f"{data_dir}|{data_fp}", best.code)
    return best


def resolve_compare(values: list[str] | None, period: periods.Period | None,
                    problems: _Problems) -> list[str]:
    """The comparison list passed to notebooks: keywords kept, period codes canonical."""
    if values is None:
        return list(DEFAULT_COMPARE)
    out: list[str] = []
    for raw in values:
        word = str(raw).strip().lower().replace("-", "_")
        if word in COMPARE_WORDS:
            value = word
        else:
            try:
                value = periods.parse(str(raw)).code
            except PapiError as err:
                problems.add(f"Tham số --compare: “{raw}” không phải previous, "
                             f"same_period_last_year hay một kỳ báo cáo. {err.vi}",
                             f"Parameter --compare: “{raw}” is not previous, "
                             f"same_period_last_year or a period. {err.en}",
                             err.hint_vi or "", err.hint_en or "")
                continue
            if period is not None and value == period.code:
                problems.add(f"Tham số --compare: không thể so sánh kỳ {value} với chính nó.",
                             f"Parameter --compare: cannot compare period {value} with itself.",
                             "Chọn một kỳ khác.", "Choose another period.")
                continue
        if value not in out:
            out.append(value)
    return out


def _registry_path(data_dir: Path | None) -> Path | None:
    if os.environ.get("PAPI_ANALYSIS_AGENCIES") or data_dir is None:
        return None
    candidate = data_dir / "agencies" / config.AGENCIES_FILE.name
    return candidate if candidate.is_file() else None


def resolve_agencies(codes: list[str] | None, all_agencies: bool, data_dir: Path | None,
                     problems: _Problems) -> tuple[str, list[str], dict]:
    """``(province code, agency codes for agency-scope notebooks, registry)``.

    The whole province always comes first; codes are returned as the registry spells them
    (strings: ``"01"`` stays ``"01"``).
    """
    from . import agencies

    path = _registry_path(data_dir)
    reg = agencies.registry(path)
    province = next((c for c, a in reg.items() if a.level == "province"), agencies.PROVINCE_CODE)
    if all_agencies and codes:
        problems.add("Dùng --agency hoặc --all, không dùng cả hai.",
                     "Use --agency or --all, not both.")
    if all_agencies:
        return province, [province] + [a.code for a in agencies.departments(path)], reg
    chosen = [province]
    for raw in codes or []:
        try:
            code = agencies.get(str(raw), path).code
        except PapiError as err:
            problems.wrap("--agency", err)
            continue
        if code not in chosen:
            chosen.append(code)
    return province, chosen, reg


# -- planning ------------------------------------------------------------------------------
@dataclass
class Task:
    """One appendix to build: a notebook, an agency, its parameters and its files."""

    notebook: Notebook
    agency: str
    parameters: dict
    key: str
    html: Path
    ipynb: Path
    failed: Path
    title: str

    @property
    def entry_id(self) -> str:
        """The appendix's key in the manifest: ``<notebook stem>/<agency>``."""
        return f"{self.notebook.stem}/{self.agency}"


@dataclass
class Plan:
    """Every appendix a build needs, with parameters checked (see :func:`plan`)."""

    period: periods.Period
    tasks: list[Task]
    agencies: list[str]
    data_fp: str
    reports_dir: Path
    notebooks_dir: Path
    lang: str

    @property
    def period_dir(self) -> Path:
        """``reports/<period>``."""
        return self.reports_dir / self.period.code


def plan(period: str, *, compare: list[str] | None = None, agencies: list[str] | None = None,
         all_agencies: bool = False, notebooks: list[str] | None = None, jobs: int = 0,
         lang: str = "vi", data_dir: Path | str | None = None,
         reports_dir: Path | str | None = None, notebooks_dir: Path | str | None = None) -> Plan:
    """Check every parameter and list the appendices to build (arguments as :func:`build`).

    Raises
    ------
    ParameterError
        Naming every bad parameter at once; nothing has run.
    """
    data = Path(data_dir).resolve() if data_dir else None
    reports = Path(reports_dir) if reports_dir else config.REPORTS_DIR
    nb_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR)
    problems = _Problems()
    if lang not in LANGS:
        problems.add(f"Tham số --lang: ngôn ngữ “{lang}” không được hỗ trợ.",
                     f"Parameter --lang: language “{lang}” is not supported.",
                     "Dùng vi hoặc en.", "Use vi or en.")
    if not isinstance(jobs, int) or jobs < 0:
        problems.add(f"Tham số --jobs phải là số nguyên ≥ 0, không phải “{jobs}”.",
                     f"Parameter --jobs must be a whole number ≥ 0, not “{jobs}”.",
                     "0 = số lõi CPU.", "0 means the number of CPUs.")
    cache = manifest.Cache(reports)
    data_fp = fingerprint.data_fingerprint(data)
    per: periods.Period | None = None
    try:
        if str(period).strip().lower() == "latest":
            per = latest_period(data or config.DATA_DIR, data_fp, cache)
        else:
            per = periods.parse(period)
    except ParameterError as err:
        problems.items.append(err)
    except PapiError as err:
        problems.wrap("--period", err)
    cmp = resolve_compare(compare, per, problems)
    province, chosen, reg = resolve_agencies(agencies, all_agencies, data, problems)
    found = discover(nb_dir)
    if not found:
        problems.add("Không tìm thấy notebook báo cáo nào.", "No report notebook found.",
                     "Kiểm tra thư mục notebooks/ hoặc biến PAPI_ANALYSIS_NOTEBOOKS.",
                     "Check the notebooks/ folder or PAPI_ANALYSIS_NOTEBOOKS.", str(nb_dir))
    selected = select(found, notebooks, problems)
    for nb in selected:
        check_notebook(nb, cache, problems)
    try:
        _engine()
    except ParameterError as err:
        problems.items.append(err)
    problems.raise_if_any()
    cache.save()

    code_fp = manifest.code_fingerprint()
    tasks: list[Task] = []
    for nb in selected:
        for agency in (chosen if nb.scope == "agency" else [province]):
            params = {"period": per.code, "compare": list(cmp), "agency": agency,
                      "lang": lang, "data_dir": str(data) if data else ""}
            name = reg[agency].name(lang) if agency in reg else agency
            base = reports / per.code / nb.stem / agency
            tasks.append(Task(nb, agency, params,
                              manifest.appendix_key(nb.sha, params, data_fp, code_fp),
                              base.with_suffix(".html"), base.with_suffix(".ipynb"),
                              base.with_name(f"{agency}.failed.ipynb"),
                              f"{'Phụ lục' if lang == 'vi' else 'Appendix'} {nb.appendix}. "
                              f"{nb.title(lang)} — {name}"))
    return Plan(per, tasks, chosen, data_fp, reports, nb_dir, lang)


def build(period: str, *, compare: list[str] | None = None, agencies: list[str] | None = None,
          all_agencies: bool = False, notebooks: list[str] | None = None, jobs: int = 0,
          force: bool = False, lang: str = "vi", data_dir: Path | str | None = None,
          reports_dir: Path | str | None = None, notebooks_dir: Path | str | None = None,
          progress: bool = True) -> BuildResult:
    """Build the appendices of one period; return what happened to each.

    Parameters
    ----------
    period : str
        A period code or phrase (``2024-H1``), or ``latest``: the most recent period in the data.
    compare : list of str, optional
        ``previous``, ``same_period_last_year`` or period codes; default both words.
    agencies : list of str, optional
        Department codes; agency-scope notebooks run for these and the whole province.
    all_agencies : bool
        Every department in the registry (and the whole province).
    notebooks : list of str, optional
        Notebook names (``tthc``, ``quality``…); default all in ``notebooks_dir``.
    jobs : int
        Worker processes (each with one kernel); 0 means the number of CPUs.
    force : bool
        Rebuild appendices whose inputs did not change.
    lang : str
        ``vi`` or ``en``: passed to the notebooks and used for the index pages.
    data_dir, reports_dir, notebooks_dir : path, optional
        Default :mod:`papi_analysis.config` (``PAPI_ANALYSIS_DATA``, ``_REPORTS``, ``_NOTEBOOKS``).
    progress : bool
        Show a progress bar on stderr (only when it is a terminal).

    Returns
    -------
    BuildResult
        ``.results`` (one per appendix, in plan order) and ``.exit_code`` (1 if any failed).

    Raises
    ------
    ParameterError
        Before any notebook runs, naming every bad parameter (exit code 2).
    """
    t0 = time.perf_counter()
    p = plan(period, compare=compare, agencies=agencies, all_agencies=all_agencies,
             notebooks=notebooks, jobs=jobs, lang=lang, data_dir=data_dir,
             reports_dir=reports_dir, notebooks_dir=notebooks_dir)
    period_dir = p.period_dir
    with manifest.period_lock(period_dir):
        man = manifest.load_manifest(p.reports_dir, p.period.code)
        results: dict[str, Result] = {}
        todo: list[Task] = []
        for t in p.tasks:
            entry = man["entries"].get(t.entry_id)
            if not force and manifest.is_fresh(entry, t.key, period_dir):
                if entry.get("failed_ipynb"):  # inputs are back to those of the good build
                    (period_dir / entry["failed_ipynb"]).unlink(missing_ok=True)
                entry.update(status="ok", error="", failed_ipynb="")
                results[t.entry_id] = Result(t.notebook.stem, t.notebook.appendix, t.agency,
                                             "skipped", 0.0, t.html, t.ipynb,
                                             parameters=t.parameters)
            else:
                todo.append(t)
        if todo:
            _execute(todo, jobs or os.cpu_count() or 1, progress, p, man, results)
        manifest.save_manifest(p.reports_dir, man)
        from . import indexpage

        index = indexpage.write_period(period_dir, man, lang, order=p.agencies)
        indexpage.write_root(p.reports_dir, lang)
    ordered = [results[t.entry_id] for t in p.tasks]
    return BuildResult(p.period.code, ordered, p.reports_dir, index, time.perf_counter() - t0)


# -- executing -----------------------------------------------------------------------------
def _execute(todo: list[Task], jobs: int, progress: bool, p: Plan, man: dict,
             results: dict) -> None:
    """Run ``todo`` in worker processes, recording each outcome as it arrives."""
    from . import kernels

    entries = man["entries"]
    # Longest first (by the last build's duration; never built counts as long), so the last
    # appendix to finish is a short one and no worker idles at the end.
    todo = sorted(todo, key=lambda t: -float(entries.get(t.entry_id, {}).get("duration", 1e9)))
    cwd = str(p.notebooks_dir.resolve())
    payloads = [{"input": str(t.notebook.path.resolve()), "parameters": t.parameters,
                 "ipynb": str(t.ipynb), "html": str(t.html), "failed": str(t.failed),
                 "cwd": cwd, "lang": p.lang, "title": t.title} for t in todo]
    outcomes = kernels.run_all(payloads, jobs=jobs, engine=_engine(), cwd=cwd)
    bar = None
    if progress and sys.stderr.isatty():  # after the workers started: tqdm may add a thread
        from tqdm import tqdm

        vi = p.lang == "vi"
        bar = tqdm(total=len(todo), file=sys.stderr, unit=" phụ lục" if vi else " appendix",
                   desc="Đang chạy" if vi else "Building")
    try:
        for i, out in outcomes:
            t = todo[i]
            _record(t, out, entries, p.period_dir, p.data_fp, results)
            manifest.save_manifest(p.reports_dir, man)
            if bar is not None:
                bar.set_postfix_str(f"{t.notebook.name}/{t.agency}", refresh=False)
                bar.update(1)
    finally:
        outcomes.close()
        if bar is not None:
            bar.close()


def _engine() -> str:
    """The engine workers use: ``PAPI_ANALYSIS_ENGINE`` (``papi-warm`` or ``nbclient``)."""
    engine = os.environ.get("PAPI_ANALYSIS_ENGINE", "papi-warm")
    if engine not in ("papi-warm", "nbclient"):
        raise ParameterError(f"PAPI_ANALYSIS_ENGINE=“{engine}” không hợp lệ.",
                             f"PAPI_ANALYSIS_ENGINE=“{engine}” is not valid.",
                             hint_vi="Dùng papi-warm hoặc nbclient.",
                             hint_en="Use papi-warm or nbclient.")
    return engine


def _record(t: Task, out: dict, entries: dict, period_dir: Path, data_fp: str,
            results: dict) -> None:
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    entry = entries.setdefault(t.entry_id, {})
    rel = lambda p: p.relative_to(period_dir).as_posix()  # noqa: E731
    entry.update(notebook=t.notebook.stem, appendix=t.notebook.appendix, agency=t.agency,
                 scope=t.notebook.scope, title_vi=t.notebook.title_vi,
                 title_en=t.notebook.title_en, parameters=t.parameters, data_fingerprint=data_fp,
                 status=out["status"], attempted_at=now, duration=round(out["duration"], 3),
                 error=out["error"])
    failed = None
    if out["status"] == "ok":
        entry.update(ok_key=t.key, built_at=now, html=rel(t.html), ipynb=rel(t.ipynb),
                     failed_ipynb="", ok_data_fingerprint=data_fp)
    else:
        failed = t.failed if t.failed.exists() else None
        entry["failed_ipynb"] = rel(t.failed) if failed else ""
    results[t.entry_id] = Result(t.notebook.stem, t.notebook.appendix, t.agency, out["status"],
                                 out["duration"], t.html, t.ipynb, failed, out["error"],
                                 t.parameters)


# -- the command line ----------------------------------------------------------------------
def main(args) -> int:
    """Run ``papi-analysis build`` from parsed CLI arguments; return the exit code."""
    result = build(args.period, compare=args.compare, agencies=args.agency,
                   all_agencies=bool(args.all), notebooks=args.notebooks, jobs=args.jobs,
                   force=bool(args.force), lang=args.lang, data_dir=args.data or None,
                   reports_dir=args.reports or None, progress=not args.no_progress)
    from . import indexpage

    print(indexpage.summary(result, args.lang))
    return result.exit_code
