"""The batch runner behind ``papi-analysis build``: plan, execute, index.

:func:`build` has every parameter checked before any kernel starts
(:mod:`papi_analysis.batch.buildcheck`), works out which appendices a period needs (an agency-scope
notebook runs for each selected department and for the whole province, a province-scope
notebook once for the province), skips those whose inputs did not change since their last
successful build (:mod:`papi_analysis.batch.manifest`), runs the others through papermill in
parallel worker processes that each keep a warm kernel (:mod:`papi_analysis.batch.kernels`), and
writes the period's and the top-level ``index.html`` (:mod:`papi_analysis.batch.indexpage`).  The
CLI calls :func:`main`; a scheduler can call either.

Each language has its own files, so a period holds its Vietnamese and English appendices side
by side: ``<agency>.html`` / ``.ipynb`` in Vietnamese, ``<agency>.en.html`` / ``.en.ipynb``
in English (:func:`appendix_files`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import logging
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import config, fingerprint
from ..analysis import comparison
from ..errors import DataError, PapiError, ParameterError
from ..intake import datasets, validation
from ..model import periods
from . import buildcheck, manifest

# The parameter checks lived here before buildcheck.py; callers still import them from here.
from .buildcheck import (
    COMPARE_WORDS,
    DEFAULT_COMPARE,
    LANGS,
    PARAMETERS,
    SCOPES,
    Notebook,
    check_notebook,
    discover,
    latest_period,
    resolve_agencies,
    resolve_compare,
    select,
)
from .buildcheck import Problems as _Problems  # noqa: F401 - the old private name

log = logging.getLogger(__name__)

__all__ = ["COMPARE_WORDS", "DEFAULT_COMPARE", "LANGS", "PARAMETERS", "SCOPES", "BuildResult",
           "Notebook", "Plan", "Result", "Task", "appendix_files", "build", "build_many",
           "check_notebook", "discover", "latest_period", "main", "plan", "resolve_agencies",
           "resolve_compare", "select"]


#: Exit code of a build whose appendices were all built but whose data have errors (and of
#: ``--strict``, which then builds nothing).  1 stays "some appendix failed".
EXIT_DATA_ERRORS = DataError.exit_code


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
    #: The validation findings about the period (:func:`validation.check_data`), errors first.
    findings: pd.DataFrame | None = None

    @property
    def data_errors(self) -> int:
        """How many validation errors the period's data have."""
        f = self.findings
        return 0 if f is None else int((f["severity"] == "error").sum())

    @property
    def exit_code(self) -> int:
        """1 if any appendix failed; else :data:`EXIT_DATA_ERRORS` (4) if the period's data
        have validation errors; else 0."""
        if any(r.status == "failed" for r in self.results):
            return 1
        return EXIT_DATA_ERRORS if self.data_errors else 0

    def count(self, status: str) -> int:
        """How many appendices ended with ``status``."""
        return sum(r.status == status for r in self.results)


# -- planning ------------------------------------------------------------------------------
def appendix_files(folder: Path, agency: str, lang: str) -> tuple[Path, Path, Path]:
    """``(html, ipynb, failed ipynb)`` of one appendix in ``folder``.

    Vietnamese keeps the plain names (``HY.html``, ``HY.ipynb``, ``HY.failed.ipynb``); another
    language adds its code (``HY.en.html``, ``HY.en.ipynb``, ``HY.en.failed.ipynb``), so that
    building one language never replaces the other.
    """
    name = agency if lang == "vi" else f"{agency}.{lang}"
    return folder / f"{name}.html", folder / f"{name}.ipynb", folder / f"{name}.failed.ipynb"


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
        """The appendix's key in the manifest: ``<notebook stem>/<agency>/<lang>``."""
        return f"{self.notebook.stem}/{self.agency}/{self.parameters['lang']}"

    def result(self, status: str, duration: float = 0.0, failed: Path | None = None,
               error: str = "") -> Result:
        """The :class:`Result` of this task ending with ``status``."""
        return Result(self.notebook.stem, self.notebook.appendix, self.agency, status, duration,
                      self.html, self.ipynb, failed, error, self.parameters)


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
    data_dir: Path | None = None
    illustrative: bool = True

    @property
    def period_dir(self) -> Path:
        """``reports/<period>``."""
        return self.reports_dir / self.period.code


def plan(period: str, *, compare: list[str] | None = None, agencies: list[str] | None = None,
         all_agencies: bool = False, notebooks: list[str] | None = None, jobs: int = 0,
         lang: str = "vi", data_dir: Path | str | None = None,
         reports_dir: Path | str | None = None, notebooks_dir: Path | str | None = None,
         illustrative: bool = True) -> Plan:
    """Check every parameter and list the appendices to build (arguments as :func:`build`).

    Raises
    ------
    ParameterError
        Naming every bad parameter at once; nothing has run.
    """
    data = Path(data_dir).resolve() if data_dir else None
    reports = Path(reports_dir) if reports_dir else config.REPORTS_DIR
    nb_dir = Path(notebooks_dir or config.NOTEBOOKS_DIR)
    cache = manifest.Cache(reports)
    data_fp = fingerprint.data_fingerprint(data)
    c = buildcheck.check(period, compare=compare, agencies=agencies, all_agencies=all_agencies,
                         notebooks=notebooks, jobs=jobs, lang=lang, data_dir=data,
                         notebooks_dir=nb_dir, data_fp=data_fp, cache=cache,
                         reports_dir=reports, illustrative=illustrative)
    cache.save()
    periods.refuse_future(c.period)  # 2027-H1 in 2026: no figure can exist yet (exit 2)
    ill = datasets.illustrative_enabled(data, illustrative)  # a broken settings file: exit 2
    code_fp = manifest.code_fingerprint()
    tasks = [_task(c, nb, agency, lang, data, reports, data_fp, code_fp, ill)
             for nb in c.notebooks
             for agency in (c.agencies if nb.scope == "agency" else [c.province])]
    buildcheck.check_inside(reports, [f for t in tasks for f in (t.html, t.ipynb, t.failed)])
    return Plan(c.period, tasks, c.agencies, data_fp, reports, nb_dir, lang, data, ill)


def _task(c: buildcheck.Checked, nb: Notebook, agency: str, lang: str, data: Path | None,
          reports: Path, data_fp: str, code_fp: str, illustrative: bool = True) -> Task:
    """The :class:`Task` that builds ``nb`` for ``agency`` in ``lang``."""
    params = {"period": c.period.code, "compare": list(c.compare), "agency": agency,
              "lang": lang, "data_dir": str(data) if data else "",
              "illustrative": bool(illustrative)}
    name = c.registry[agency].name(lang) if agency in c.registry else agency
    title = (f"{'Phụ lục' if lang == 'vi' else 'Appendix'} {nb.appendix}. "
             f"{nb.title(lang)} — {name}")
    files = appendix_files(reports / c.period.code / nb.stem, agency, lang)
    return Task(nb, agency, params, manifest.appendix_key(nb.sha, params, data_fp, code_fp),
                *files, title)


def build(period: str, *, compare: list[str] | None = None, agencies: list[str] | None = None,
          all_agencies: bool = False, notebooks: list[str] | None = None, jobs: int = 0,
          force: bool = False, lang: str = "vi", data_dir: Path | str | None = None,
          reports_dir: Path | str | None = None, notebooks_dir: Path | str | None = None,
          progress: bool = True, illustrative: bool = True, strict: bool = False,
          on_check=None, scheduler: str | None = None, tls: dict | None = None,
          insecure_scheduler: bool = False) -> BuildResult:
    """Build the appendices of one period; return what happened to each.

    Parameters
    ----------
    period : str
        A period code or phrase (``2024-H1``), or ``latest``: the most recent period with
        real submissions (the illustrative panel only when there is no real data, with a
        warning).
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
        ``vi`` or ``en``: passed to the notebooks and used for the index pages; each
        language has its own files (:func:`appendix_files`) and manifest entries.
    data_dir, reports_dir, notebooks_dir : path, optional
        Default :mod:`papi_analysis.config` (``PAPI_ANALYSIS_DATA``, ``_REPORTS``, ``_NOTEBOOKS``).
    progress : bool
        Show a progress bar on stderr (only when it is a terminal).
    illustrative : bool
        Read the illustrative panel (default); ``False`` (``--no-illustrative``) or
        ``illustrative = false`` in the data folder's ``papi-analysis.toml`` leaves it out.
    strict : bool
        Stop before any kernel starts when the period's data have validation errors.
    on_check : callable, optional
        Called with the period's findings (a DataFrame) and the period's code once the data
        are checked, before any kernel starts (the CLI prints them).
    scheduler : str, optional
        A Dask scheduler (``tcp://host:8786``) to run the appendices on; default
        ``PAPI_ANALYSIS_SCHEDULER``, else (or ``"local"``) this machine's worker processes
        (:mod:`papi_analysis.batch.executors`, ``docs/scaling.md``).
    tls : dict, optional
        The client's TLS files for a ``tls://`` scheduler: ``ca``, ``cert``, ``key``
        (default ``PAPI_ANALYSIS_TLS_*``, else Dask's configuration).
    insecure_scheduler : bool
        Allow a plain ``tcp://`` scheduler on another machine (refused otherwise).

    Returns
    -------
    BuildResult
        ``.results`` (one per appendix, in plan order), ``.findings`` and ``.exit_code``
        (1 if any appendix failed, else 4 if the data have errors, else 0).

    Raises
    ------
    ParameterError
        Before any notebook runs, naming every bad parameter (exit code 2).
    InputFileError
        Before any notebook runs, when the data folder's settings file is broken (exit code 2).
    DataError
        With ``strict``, when the period's data have errors (exit code 4); nothing ran.
    """
    t0 = time.perf_counter()
    p, findings = _checked_plan(period, compare=compare, agencies=agencies,
                                all_agencies=all_agencies, notebooks=notebooks, jobs=jobs,
                                lang=lang, data_dir=data_dir, reports_dir=reports_dir,
                                notebooks_dir=notebooks_dir, illustrative=illustrative,
                                strict=strict, on_check=on_check)
    from . import executors

    # a bad --scheduler / PAPI_ANALYSIS_SCHEDULER: ParameterError (exit 2), nothing written
    with executors.choose(scheduler, lang=lang, tls=tls, insecure=insecure_scheduler
                          ) as executor, _period_lock(p.period_dir, lang):
        one = _Province(p, findings, t0)
        one.start(force)
        if one.todo:
            _execute(one.todo, buildcheck.worker_count(jobs), progress, p, one.man,
                     one.results, executor)
        return one.finish()


def _checked_plan(period: str, *, strict: bool = False, on_check=None, **kwargs
                  ) -> tuple[Plan, pd.DataFrame]:
    """:func:`plan` and the period's data check (``on_check`` called with the findings);
    :class:`DataError` with ``strict`` when the data have errors (nothing has run)."""
    p = plan(period, **kwargs)
    findings = check_period(p)
    if on_check is not None:
        on_check(findings, p.period.code)
    n = int((findings["severity"] == "error").sum())
    if strict and n:
        raise DataError(
            f"Số liệu kỳ {p.period.code} có {n} lỗi; --strict: không chạy phụ lục nào.",
            f"The data of {p.period.code} have {n} error(s); --strict: no appendix was built.",
            where=str(p.data_dir or config.DATA_DIR),
            hint_vi="Sửa các lỗi ở trên (papi-analysis validate cho biết chi tiết), rồi chạy lại.",
            hint_en="Fix the errors above (papi-analysis validate gives the details), then "
                    "run again.")
    return p, findings


class _Province:
    """One period build of one data folder, between its check and its index pages: its
    manifest, the appendices it skips and those it needs (``todo``), the outcomes so far."""

    def __init__(self, p: Plan, findings: pd.DataFrame, t0: float) -> None:
        self.p, self.findings, self.t0 = p, findings, t0
        self.man: dict = {}
        self.results: dict[str, Result] = {}
        self.todo: list[Task] = []
        self.left = 0
        self.dirty = False

    def start(self, force: bool) -> None:
        """Read the manifest (under the period's lock) and sort the fresh from the rest."""
        self.man = manifest.load_manifest(self.p.reports_dir, self.p.period.code)
        self.results, self.todo = _skip_fresh(self.p, self.man, force)
        self.left = len(self.todo)

    def finish(self) -> BuildResult:
        """Save the manifest; write the review pages and the period's and top index pages."""
        from . import indexpage, pdf

        p = self.p
        manifest.save_manifest(p.reports_dir, self.man)
        pdf.drop_stale_in(p.period_dir, self.man)  # no PDF of an earlier build beside a new HTML
        key = _pages_key(p, self.man, self.findings)
        index = p.period_dir / indexpage.index_name(p.lang)
        if not _pages_current(p, key):
            review = write_review_pages(p)
            facts = indexpage.period_facts(p.period.code, p.agencies, self.findings,
                                           p.data_dir, p.illustrative)
            index = indexpage.write_period(p.period_dir, self.man, p.lang, order=p.agencies,
                                           facts=facts)
            if review is not None:  # a page that failed is tried again next build
                _save_pages_key(p, key, review)
        indexpage.write_root(p.reports_dir, p.lang)
        ordered = [self.results[t.entry_id] for t in p.tasks]
        return BuildResult(p.period.code, ordered, p.reports_dir, index,
                           time.perf_counter() - self.t0, self.findings)


def _pages_file(p: Plan) -> Path:
    return p.period_dir / f".pages-{p.lang}.json"


def _pages_key(p: Plan, man: dict, findings: pd.DataFrame) -> str:
    """A digest of everything the period's index and review pages are made from: the
    manifest (every appendix's outcome, both languages), the data check's findings, the data
    files and registry, all the package's code (the build-only index templates too), the
    language, the agencies' order and whether the illustrative panel is read."""
    from ..model import agencies

    h = hashlib.sha256()
    registry = agencies.registry_path(p.data_dir)
    for part in (json.dumps(man, sort_keys=True, default=str), findings.to_csv(index=False),
                 p.data_fp, fingerprint.code_digest(), _build_only_digest(), p.lang,
                 p.period.code, "\0".join(p.agencies), str(p.illustrative), str(registry),
                 fingerprint.file_digest(registry) if registry.is_file() else ""):
        h.update(part.encode() + b"\0")
    return h.hexdigest()


def _build_only_digest() -> str:
    """The digest of the package files :func:`fingerprint.package_digest` leaves out (they
    change no appendix, but they make the index pages)."""
    h = hashlib.sha256()
    for rel in sorted(fingerprint.BUILD_ONLY):
        f = fingerprint.PACKAGE_DIR / rel
        h.update(rel.encode() + b"\0" + (fingerprint.file_digest(f).encode() if f.is_file()
                                           else b"-"))
    return h.hexdigest()


def _pages_current(p: Plan, key: str) -> bool:
    """Whether the period's pages on disk were made from ``key``'s inputs and are all there
    (a build with nothing to do then writes none of them again)."""
    from . import indexpage

    saved = manifest.read_json(_pages_file(p), {})
    if not isinstance(saved, dict) or saved.get("key") != key:
        return False
    pages = [indexpage.index_name(each) for each in indexpage.LANGS] + ["index.json"]
    pages += [f"review/{name}" for name in saved.get("review", [])]
    return all((p.period_dir / rel).is_file() for rel in pages)


def _save_pages_key(p: Plan, key: str, review: list[Path]) -> None:
    manifest.write_json(_pages_file(p), {"key": key, "review": sorted(
        Path(f).name for f in review)})


def build_many(builds: list[dict], *, jobs: int = 0, force: bool = False,
               progress: bool = True, scheduler: str | None = None, tls: dict | None = None,
               insecure_scheduler: bool = False, lang: str = "vi", on_done=None,
               on_start=None) -> list[BuildResult | PapiError]:
    """Build several data folders' periods (a national root's provinces) as one queue.

    ``builds`` holds one dict of :func:`build`'s other arguments per data folder (``period``,
    ``data_dir``, ``reports_dir``, ``all_agencies``…, and ``strict``, ``on_check``).  Each is
    planned and checked first, on its own: one whose parameters or data fail is that
    province's :class:`PapiError` in the list returned, and the others build.  Then every
    appendix of every province goes to one executor (this machine's worker processes, or
    the Dask cluster: connected once, the data shared by all provinces sent once), in one
    queue ordered by province and, within one, longest first: no worker waits for a
    province's slowest appendix while appendices of the next are left.  A province's
    manifest, review pages and index pages are written as soon as its last appendix is in,
    and ``on_done(i, BuildResult)`` is called then (``i``: its place in ``builds``).
    ``on_start(seconds, appendices)`` is called once every province is checked, before the
    first appendix runs (the seconds the checks took, the appendices to build).

    Returns one :class:`BuildResult` or :class:`PapiError` per entry of ``builds``.

    Raises
    ------
    ParameterError
        The scheduler cannot be used (nothing has run).
    """
    t0 = time.perf_counter()
    out: list[BuildResult | PapiError | None] = [None] * len(builds)
    ready: list[tuple[int, Plan, pd.DataFrame]] = []
    for i, kwargs in enumerate(builds):
        try:
            p, findings = _checked_plan(**dict(kwargs, jobs=jobs, lang=lang))
        except PapiError as err:
            out[i] = err
            if on_done is not None:
                on_done(i, err)
            continue
        ready.append((i, p, findings))
    from . import executors

    with executors.choose(scheduler, lang=lang, tls=tls, insecure=insecure_scheduler
                          ) as executor, contextlib.ExitStack() as locks:
        provinces: list[tuple[int, _Province]] = []
        for i, p, findings in ready:
            locks.enter_context(_period_lock(p.period_dir, lang))
            one = _Province(p, findings, t0)
            one.start(force)
            provinces.append((i, one))

        def done(i: int, one: _Province) -> None:
            out[i] = result = one.finish()
            if on_done is not None:
                on_done(i, result)

        for i, one in provinces:  # nothing to build: its pages at once
            if not one.todo:
                done(i, one)
        busy = [(i, one) for i, one in provinces if one.todo]
        if on_start is not None:
            on_start(time.perf_counter() - t0, sum(len(one.todo) for _, one in busy))
        if busy:
            _execute_many(busy, buildcheck.worker_count(jobs), progress, lang, executor, done)
    return out  # type: ignore[return-value]


def _execute_many(provinces: list, jobs: int, progress: bool, lang: str, executor,
                  done) -> None:
    """Run the ``todo`` of every ``(i, _Province)`` in one queue of ``executor``; record each
    outcome in its province; ``done(i, province)`` when a province's last one is in."""
    from . import executors

    queue: list[tuple[int, Task]] = []
    for k, (_, one) in enumerate(provinces):
        entries = one.man["entries"]
        # longest first within a province (see _execute)
        todo = sorted(one.todo,
                      key=lambda t, e=entries: -float(e.get(t.entry_id, {}).get("duration", 1e9)))
        queue += [(k, t) for t in todo]
    payloads = [_payload(t, provinces[k][1].p) for k, t in queue]
    cwd = str(provinces[0][1].p.notebooks_dir.resolve())
    executor = executor or executors.LocalExecutor()
    outcomes = executor.run(payloads, jobs=jobs, engine=buildcheck.engine(), cwd=cwd)
    bar = _progress_bar(len(queue), lang) if progress and sys.stderr.isatty() else None
    saved = time.monotonic()
    try:
        for n, out in outcomes:
            k, t = queue[n]
            i, one = provinces[k]
            p = one.p
            _record(t, out, one.man["entries"], p.period_dir, p.data_fp, one.results)
            one.left -= 1
            one.dirty = True
            if one.left == 0:
                one.dirty = False
                done(i, one)
            elif time.monotonic() - saved >= MANIFEST_EVERY:
                for _, other in provinces:
                    if other.dirty and other.left:
                        manifest.save_manifest(other.p.reports_dir, other.man)
                        other.dirty = False
                saved = time.monotonic()
            if bar is not None:
                bar.set_postfix_str(f"{t.notebook.name}/{t.agency}", refresh=False)
                bar.update(1)
    finally:
        for _, one in provinces:
            if one.left:  # cut short: keep what was built
                manifest.save_manifest(one.p.reports_dir, one.man)
        outcomes.close()
        if bar is not None:
            bar.close()


@contextlib.contextmanager
def _period_lock(period_dir: Path, lang: str):
    """:func:`manifest.period_lock`, saying on stderr, once, when another build holds it and
    whose (its pid and start time, which each build records beside the lock)."""
    owner = period_dir / ".build.lock.owner"
    _say_if_locked(period_dir, owner, lang)
    with manifest.period_lock(period_dir):
        with contextlib.suppress(OSError):
            started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
            owner.write_text(f"{os.getpid()} {started}\n", encoding="utf-8")
        try:
            yield
        finally:
            with contextlib.suppress(OSError):
                owner.unlink()


def _say_if_locked(period_dir: Path, owner: Path, lang: str) -> None:
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        return
    period_dir.mkdir(parents=True, exist_ok=True)
    with open(period_dir / ".build.lock", "a") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            pass
        else:
            fcntl.flock(fh, fcntl.LOCK_UN)
            return
    try:
        pid, started = owner.read_text(encoding="utf-8").split()[:2]
    except (OSError, ValueError):
        pid = started = ""
    who_vi = f" (tiến trình {pid}, bắt đầu lúc {started})" if pid else ""
    who_en = f" (process {pid}, started {started})" if pid else ""
    log.warning(f"Đang chờ một lần build khác của kỳ này{who_vi} chạy xong: {period_dir}"
                if lang == "vi" else
                f"Waiting for another build of this period{who_en} to finish: {period_dir}")


def write_review_pages(p: Plan) -> list[Path] | None:
    """The review page of every prose report in the submissions folder, under
    ``reports/<period>/review/`` (appendix 5 links to them).  A page that cannot be written
    is logged as an error (on stderr) and does not stop the build: ``None`` then."""
    from ..intake import submissions
    from ..prose import extraction

    folder = datasets.data_folder(p.data_dir) / "submissions"
    if not folder.is_dir():
        return []
    files = sorted(f for f in folder.iterdir() if f.is_file()
                   and not submissions.link_outside(f))  # never publish a file from elsewhere
    try:
        return extraction.review_pages(files, p.period_dir / "review", p.lang)
    except PapiError as err:
        log.error(err.message(p.lang))
        return None


def check_period(p: Plan) -> pd.DataFrame:
    """The validation findings about ``p``'s period, errors first; the appendices read the
    same (cached) findings, so checking here costs the build nothing more."""
    return comparison.findings_for(validation.check_data(p.data_dir, p.illustrative), p.period)


def _skip_fresh(p: Plan, man: dict, force: bool) -> tuple[dict[str, Result], list[Task]]:
    """``(results of the appendices that need no build, tasks to run)``."""
    results: dict[str, Result] = {}
    todo: list[Task] = []
    for t in p.tasks:
        entry = man["entries"].get(t.entry_id)
        if force or not manifest.is_fresh(entry, t.key, p.period_dir):
            todo.append(t)
            continue
        if entry.get("failed_ipynb"):  # inputs are back to those of the good build
            (p.period_dir / entry["failed_ipynb"]).unlink(missing_ok=True)
        entry.update(status="ok", error="", failed_ipynb="")
        results[t.entry_id] = t.result("skipped")
    return results, todo


# -- executing -----------------------------------------------------------------------------
def _execute(todo: list[Task], jobs: int, progress: bool, p: Plan, man: dict,
             results: dict, executor=None) -> None:
    """Run ``todo`` with ``executor`` (default: this machine's worker processes), recording
    each outcome as it arrives."""
    from . import executors

    entries = man["entries"]
    # Longest first (by the last build's duration; never built counts as long), so the last
    # appendix to finish is a short one and no worker idles at the end.
    todo = sorted(todo, key=lambda t: -float(entries.get(t.entry_id, {}).get("duration", 1e9)))
    cwd = str(p.notebooks_dir.resolve())
    payloads = [_payload(t, p) for t in todo]
    executor = executor or executors.LocalExecutor()
    outcomes = executor.run(payloads, jobs=jobs, engine=buildcheck.engine(), cwd=cwd)
    # After the workers started: tqdm may add a thread, and fork wants a single one.
    bar = _progress_bar(len(todo), p.lang) if progress and sys.stderr.isatty() else None
    # the manifest is saved in batches (every few seconds), not after each appendix, which
    # grew quadratic with the number of appendices; a build cut short only rebuilds the few
    # appendices done since the last save
    saved = time.monotonic()
    try:
        for i, out in outcomes:
            t = todo[i]
            _record(t, out, entries, p.period_dir, p.data_fp, results)
            if time.monotonic() - saved >= MANIFEST_EVERY:
                manifest.save_manifest(p.reports_dir, man)
                saved = time.monotonic()
            if bar is not None:
                bar.set_postfix_str(f"{t.notebook.name}/{t.agency}", refresh=False)
                bar.update(1)
    finally:
        manifest.save_manifest(p.reports_dir, man)
        outcomes.close()
        if bar is not None:
            bar.close()


def _payload(t: Task, p: Plan) -> dict:
    """What an executor needs to build ``t`` (see :mod:`papi_analysis.batch.executors`);
    ``export``: the worker also writes the appendix's workbook."""
    return {"input": str(t.notebook.path.resolve()), "parameters": t.parameters,
            "ipynb": str(t.ipynb), "html": str(t.html), "failed": str(t.failed),
            "cwd": str(p.notebooks_dir.resolve()), "lang": p.lang, "title": t.title,
            "data_fp": p.data_fp, "export": True}


#: Seconds between two saves of the manifest during a build.
MANIFEST_EVERY = 2.0


def _progress_bar(total: int, lang: str):
    """A tqdm bar on stderr, labelled in ``lang``."""
    from tqdm import tqdm

    vi = lang == "vi"
    return tqdm(total=total, file=sys.stderr, unit=" phụ lục" if vi else " appendix",
                desc="Đang chạy" if vi else "Building")


def _record(t: Task, out: dict, entries: dict, period_dir: Path, data_fp: str,
            results: dict) -> None:
    """Write the outcome ``out`` of ``t`` into its manifest entry and ``results``."""
    now = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    entry = entries.setdefault(t.entry_id, {})
    rel = lambda p: p.relative_to(period_dir).as_posix()  # noqa: E731
    entry.update(notebook=t.notebook.stem, appendix=t.notebook.appendix, agency=t.agency,
                 lang=t.parameters["lang"], scope=t.notebook.scope,
                 title_vi=t.notebook.title_vi, title_en=t.notebook.title_en,
                 parameters=t.parameters, data_fingerprint=data_fp, status=out["status"],
                 attempted_at=now, duration=round(out["duration"], 3), error=out["error"])
    failed = None
    if out["status"] == "ok":
        if "xlsx" in out:  # the worker wrote the workbook beside the appendix
            xlsx = Path(out["xlsx"]) if out["xlsx"] else None
            if out.get("xlsx_warning"):
                log.warning(out["xlsx_warning"])
        else:  # an executor that does not export: here
            from ..appendix import xlsxexport  # the tables as a workbook, linked from the index

            xlsx = xlsxexport.beside(t.html, t.parameters["lang"])
        entry.update(ok_key=t.key, built_at=now, html=rel(t.html), ipynb=rel(t.ipynb),
                     failed_ipynb="", ok_data_fingerprint=data_fp,
                     xlsx=rel(xlsx) if xlsx else "")
    else:
        failed = t.failed if t.failed.exists() else None
        entry["failed_ipynb"] = rel(t.failed) if failed else ""
    results[t.entry_id] = t.result(out["status"], out["duration"], failed, out["error"])


# -- the command line ----------------------------------------------------------------------
def provinces_in(root: Path) -> list[str]:
    """The province folders of a national data root: sub-folders with their own registry
    (``<CODE>/agencies/units.csv``), by name."""
    return sorted(p.name for p in Path(root).iterdir()
                  if p.is_dir() and (p / "agencies" / "units.csv").is_file())


def _province_runs(args) -> list[tuple[str, Path, Path]]:
    """``(code, data folder, reports folder)`` per province asked for with ``--province`` or
    ``--all-provinces`` (the data root is ``--data`` or data/); [] for a one-province run."""
    codes = list(getattr(args, "province", None) or [])
    every = bool(getattr(args, "all_provinces", False))
    if not codes and not every:
        return []
    root = Path(args.data or config.DATA_DIR)
    reports = Path(args.reports or config.REPORTS_DIR)
    known = provinces_in(root) if root.is_dir() else []
    if every:
        codes = known
    bad = [c for c in codes if c not in known]
    if bad or not codes:
        raise ParameterError(
            f"Không có thư mục số liệu tỉnh {', '.join(bad) or '(nào)'} trong {root}.",
            f"No province data folder {', '.join(bad) or '(any)'} in {root}.",
            where="--province",
            hint_vi="Mỗi tỉnh một thư mục con có agencies/units.csv. Có: "
            + (", ".join(known) or "—") + ".",
            hint_en="One sub-folder per province, with agencies/units.csv. Found: "
            + (", ".join(known) or "—") + ".")
    return [(c, root / c, reports / c) for c in codes]


def main(args) -> int:
    """Run ``papi-analysis build`` from parsed CLI arguments; return the exit code."""
    runs = _province_runs(args)
    if runs:
        return _main_provinces(args, runs)
    return _main_one(args)


def _main_provinces(args, runs: list[tuple[str, Path, Path]]) -> int:
    """Every province's build in one queue (:func:`build_many`), each province's log printed
    as it is done, then the national index over every province built so far.  A province
    whose parameters or data fail its check says so and builds nothing; the others build."""
    from ..model import agencies
    from . import indexpage

    quiet = bool(getattr(args, "quiet", False))
    start = indexpage.start_line(getattr(args, "argv", None) or f"build --period {args.period}",
                                 args.lang)
    if not quiet:
        print(start, flush=True)
    shown: set[int] = set()
    label = "Lỗi" if args.lang == "vi" else "Error"

    def checker(i: int, code: str, data: Path):
        def show(findings: pd.DataFrame, period: str) -> None:
            if not quiet and (findings["severity"] == "error").any():
                print(f"== {code} ({data})", flush=True)
                print(indexpage.findings_summary(findings, args.lang, period=period),
                      flush=True)
                shown.add(i)
        return show

    def done(i: int, result) -> None:
        code, data, _ = runs[i]
        if isinstance(result, PapiError):  # this province alone: one message, on stderr
            if i not in shown:
                print(f"== {code} ({data})", flush=True)
            log.error("%s (%s): %s", label, code, result.message(args.lang))
            return
        text = indexpage.build_log(result, args.lang, quiet=quiet, start=start if quiet else "",
                                   findings_shown=i in shown)
        if text:
            print(f"== {code} ({data})\n{text}", flush=True)
        _pdfs(args, result, quiet)

    builds = [dict(period=args.period, compare=args.compare, agencies=args.agency,
                   all_agencies=bool(args.all), notebooks=args.notebooks, data_dir=str(data),
                   reports_dir=str(reports),
                   illustrative=not getattr(args, "no_illustrative", False),
                   strict=bool(getattr(args, "strict", False)),
                   on_check=checker(i, code, data))
              for i, (code, data, reports) in enumerate(runs)]
    def started(seconds: float, n: int) -> None:
        if not quiet:
            print(f"Đã kiểm tra {len(runs)} tỉnh trong {seconds:.1f} s; chạy {n} phụ lục."
                  if args.lang == "vi" else
                  f"Checked {len(runs)} province(s) in {seconds:.1f} s; building {n} "
                  "appendices.", flush=True)

    results = build_many(builds, jobs=args.jobs, force=bool(args.force),
                         progress=not args.no_progress, lang=args.lang, on_done=done,
                         on_start=started,
                         scheduler=getattr(args, "scheduler", None), tls=_tls_options(args),
                         insecure_scheduler=bool(getattr(args, "insecure_scheduler", False)))
    root = Path(args.reports or config.REPORTS_DIR)
    data_root = Path(args.data or config.DATA_DIR)
    built = [c for c in provinces_in(data_root) if (root / c).is_dir()]
    names = []
    for c in built:
        reg = agencies.load(data_root / c / "agencies" / "units.csv")
        home = reg.units.get(reg.home)
        names.append((c, home.province if home else c))
    page = indexpage.write_national(root, names, args.lang)
    print(("Mục lục toàn quốc: " if args.lang == "vi" else "National index: ") + str(page))
    codes = [r.exit_code for r in results]
    return max(codes) if codes else 0


def _tls_options(args) -> dict:
    return {k: getattr(args, f"tls_{o}", None)
            for k, o in (("ca", "ca_file"), ("cert", "cert"), ("key", "key"))}


def _pdfs(args, result: BuildResult, quiet: bool) -> None:
    """With ``--pdf``, the PDF of every appendix of ``result`` (beside its HTML)."""
    if not getattr(args, "pdf", False):
        return
    from . import indexpage, pdf

    htmls = [r.html for r in result.results
             if r.status in ("ok", "skipped") and r.html and Path(r.html).is_file()]
    period_dir = result.reports_dir / result.period
    made, fresh = pdf.write_all(
        htmls, force=bool(args.force), lang=args.lang, period_dir=period_dir,
        refresh=lambda: indexpage.refresh_period(period_dir, args.lang))
    if not quiet:
        print(f"PDF: {made} tệp mới, {fresh} không đổi (cạnh mỗi tệp .html)."
              if args.lang == "vi" else
              f"PDF: {made} written, {fresh} up to date (beside each .html).")


def _main_one(args) -> int:
    """One province's build (the data folder given, or data/)."""
    from . import indexpage

    quiet = bool(getattr(args, "quiet", False))
    start = indexpage.start_line(getattr(args, "argv", None) or f"build --period {args.period}",
                                 args.lang)
    if not quiet:  # a scheduler's log: every run opens with a dated line
        print(start, flush=True)
    shown = []

    def show(findings: pd.DataFrame, period: str) -> None:
        # errors at once (--strict stops on them); the rest only if something gets built
        if not quiet and (findings["severity"] == "error").any():
            print(indexpage.findings_summary(findings, args.lang, period=period), flush=True)
            shown.append(period)

    result = build(args.period, compare=args.compare, agencies=args.agency,
                   all_agencies=bool(args.all), notebooks=args.notebooks, jobs=args.jobs,
                   force=bool(args.force), lang=args.lang, data_dir=args.data or None,
                   reports_dir=args.reports or None, progress=not args.no_progress,
                   illustrative=not getattr(args, "no_illustrative", False),
                   strict=bool(getattr(args, "strict", False)), on_check=show,
                   scheduler=getattr(args, "scheduler", None), tls=_tls_options(args),
                   insecure_scheduler=bool(getattr(args, "insecure_scheduler", False)))
    text = indexpage.build_log(result, args.lang, quiet=quiet, start=start,
                               findings_shown=bool(shown))
    if text:
        print(text)
    _pdfs(args, result, quiet)
    return result.exit_code
