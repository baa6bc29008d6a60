"""Checking the parameters of a build before any kernel starts.

:func:`check` looks at everything ``papi-analysis build`` was given: the data folder (it
exists), the reports folder (it can be written), the period (or ``latest``; a period that
starts after the data end is refused), the comparisons, the agency codes, the notebook names,
the language, ``--jobs``, the engine, and that every selected notebook's ``parameters`` cell
declares exactly
:data:`PARAMETERS` (read with papermill's own inference).  Every problem goes into one
:class:`Problems` collection and is raised as one bilingual
:class:`~papi_analysis.errors.ParameterError`, so the user hears about all of them at once.

Notebooks are named on the command line by their file stem without the number prefix
(``01_tthc.ipynb`` → ``tthc``), by its last word (``05_data_quality`` → ``quality``), by
the full stem, or by the appendix number.
"""

from __future__ import annotations

import datetime as dt
import difflib
import json
import logging
import os
import re
from dataclasses import dataclass
from pathlib import Path

from .. import config, fingerprint
from ..appendix import appendices, nbparams
from ..errors import PapiError, ParameterError
from ..model import periods
from . import manifest

log = logging.getLogger(__name__)

#: The parameters every notebook's ``parameters`` cell declares, with the type passed.
PARAMETERS = nbparams.PARAMETERS
COMPARE_WORDS = periods.COMPARE_WORDS
DEFAULT_COMPARE = list(periods.COMPARE_WORDS)
SCOPES = ("agency", "province")
LANGS = ("vi", "en")
ENGINES = ("papi-warm", "nbclient")
_NB_RE = re.compile(r"^(\d+)_(.+)$")


class Problems:
    """Collects bad parameters so the user hears about all of them in one error."""

    def __init__(self) -> None:
        self.items: list[ParameterError] = []

    def add(self, vi: str, en: str, hint_vi: str = "", hint_en: str = "",
            where: str | None = None) -> None:
        """Note one problem, in both languages."""
        self.items.append(ParameterError(vi, en, where=where, hint_vi=hint_vi or None,
                                         hint_en=hint_en or None))

    def keep(self, err: ParameterError) -> None:
        """Note an error that already says which parameter is wrong."""
        self.items.append(err)

    def wrap(self, name: str, err: PapiError) -> None:
        """Note ``err`` as a problem of the parameter ``name``."""
        self.add(f"Tham số {name}: {err.vi}", f"Parameter {name}: {err.en}",
                 err.hint_vi or "", err.hint_en or "", err.where)

    def raise_if_any(self) -> None:
        """Raise the one problem, or one error listing them all; nothing if there are none."""
        if len(self.items) == 1:
            raise self.items[0]
        if self.items:
            n, sep = len(self.items), "\n    - "
            raise ParameterError(
                f"Có {n} lỗi tham số:{sep}" + sep.join(e.message("vi") for e in self.items),
                f"{n} parameter errors:{sep}" + sep.join(e.message("en") for e in self.items),
                hint_vi="Sửa các tham số trên rồi chạy lại; chưa notebook nào được chạy.",
                hint_en="Fix the parameters above and run again; no notebook was run.")


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


@dataclass(frozen=True)
class Checked:
    """The parameters of a build once checked (see :func:`check`)."""

    period: periods.Period
    compare: list[str]
    province: str
    agencies: list[str]
    registry: dict
    notebooks: list[Notebook]


def check(period: str, *, compare: list[str] | None, agencies: list[str] | None,
          all_agencies: bool, notebooks: list[str] | None, jobs: int, lang: str,
          data_dir: Path | None, notebooks_dir: Path, data_fp: str,
          cache: manifest.Cache, reports_dir: Path | None = None,
          illustrative: bool = True) -> Checked:
    """Check every parameter of a build; return them resolved.

    When every parameter is good and ``reports_dir`` is given, the reports folder is created
    (so a folder that cannot be written is reported now, not after the notebooks ran).

    Raises
    ------
    ParameterError
        Naming every bad parameter at once.
    """
    problems = Problems()
    check_options(lang, jobs, problems)
    data_ok = check_data_folder(data_dir, problems)
    if reports_dir is not None:
        check_reports_folder(Path(reports_dir), problems)
        if data_ok:
            check_reports_apart(Path(reports_dir), data_dir or config.DATA_DIR, problems)
    per = resolve_period(period, data_dir, data_fp, cache, problems, data_ok=data_ok,
                         illustrative=illustrative)
    if per is not None and data_ok and str(period).strip().lower() != "latest":
        check_period_has_data(per, data_dir or config.DATA_DIR, data_fp, cache, problems)
    cmp = resolve_compare(compare, per, problems)
    province, chosen, reg = resolve_agencies(agencies, all_agencies, data_dir, problems,
                                             period=per)
    selected = select(discover(notebooks_dir, problems), notebooks, problems)
    for nb in selected:
        check_notebook(nb, cache, problems)
    try:
        engine()
    except ParameterError as err:
        problems.keep(err)
    if not problems.items and reports_dir is not None:
        make_reports_folder(Path(reports_dir), problems)
    problems.raise_if_any()
    return Checked(per, cmp, province, chosen, reg, selected)


# -- the folders --------------------------------------------------------------------------
def check_data_folder(data_dir: Path | None, problems: Problems) -> bool:
    """Report a data folder that does not exist or is a file; True when it is usable."""
    from ..intake import datasets

    try:
        datasets.data_folder(data_dir)
    except PapiError as err:
        problems.add(f"Tham số --data: {err.vi}", f"Parameter --data: {err.en}",
                     err.hint_vi or "", err.hint_en or "", err.where)
        return False
    return True


def check_reports_folder(reports_dir: Path, problems: Problems) -> None:
    """Report a reports folder that is a file, or lies under a file or a folder not writable."""
    hint_vi = "Chọn một thư mục ghi được bằng --reports (hoặc biến PAPI_ANALYSIS_REPORTS)."
    hint_en = "Choose a folder you can write to with --reports (or PAPI_ANALYSIS_REPORTS)."
    for folder in (reports_dir, *reports_dir.parents):
        if not folder.exists():
            continue
        if not folder.is_dir():
            problems.add(f"Tham số --reports: “{folder}” là một tệp, không phải thư mục.",
                         f"Parameter --reports: “{folder}” is a file, not a folder.",
                         hint_vi, hint_en, str(reports_dir))
        elif not os.access(folder, os.W_OK | os.X_OK):
            problems.add(f"Tham số --reports: không có quyền ghi vào thư mục “{folder}”.",
                         f"Parameter --reports: no permission to write in “{folder}”.",
                         hint_vi, hint_en, str(reports_dir))
        return


def check_reports_apart(reports_dir: Path, data_dir: Path, problems: Problems) -> None:
    """Report a reports folder inside one of the data folder's input folders (``submissions/``,
    ``illustrative/``, ``agencies/``, ``papi/``): the build's own files would be read back as
    data (appendix workbooks as submissions, index pages in the data fingerprint)."""
    reports = reports_dir.resolve()
    for sub, _ in fingerprint.DATA_PARTS:
        if sub == ".":
            continue
        inputs = (Path(data_dir) / sub).resolve()
        if reports == inputs or inputs in reports.parents:
            problems.add(
                f"Tham số --reports: thư mục kết quả “{reports_dir}” nằm trong thư mục đầu vào "
                f"“{inputs}”; các tệp phụ lục sẽ bị đọc lại như số liệu.",
                f"Parameter --reports: the output folder “{reports_dir}” lies inside the input "
                f"folder “{inputs}”; the appendix files would be read back as data.",
                "Chọn thư mục kết quả ngoài thư mục số liệu đầu vào, ví dụ --reports reports/ "
                "(mặc định).",
                "Choose an output folder outside the data's input folders, e.g. --reports "
                "reports/ (the default).", str(reports_dir))
            return


def check_inside(reports_dir: Path, paths: list[Path]) -> None:
    """Refuse any output path that does not lie inside the reports folder (a last guard: the
    registry already refuses codes that are not :data:`~papi_analysis.model.agencies.CODE_PATTERN`).

    Raises
    ------
    ParameterError
        Naming the first such path; nothing has been written.
    """
    root = Path(reports_dir).resolve()
    for path in paths:
        full = Path(path).resolve()
        if root not in full.parents:
            raise ParameterError(
                f"Tệp kết quả “{path}” nằm ngoài thư mục kết quả “{reports_dir}”; không ghi "
                "tệp nào.",
                f"The output file “{path}” lies outside the reports folder “{reports_dir}”; "
                "nothing was written.", where=str(path),
                hint_vi="Kiểm tra mã đơn vị trong agencies/units.csv (papi-analysis agencies "
                        "--check) và tham số --reports.",
                hint_en="Check the unit codes in agencies/units.csv (papi-analysis agencies "
                        "--check) and --reports.")


def make_reports_folder(reports_dir: Path, problems: Problems) -> None:
    """Create the reports folder now, reporting why it cannot be (read-only disk…)."""
    from ..errors import from_os_error

    try:
        reports_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        err = from_os_error(exc)
        problems.add(f"Tham số --reports: {err.vi}", f"Parameter --reports: {err.en}",
                     "Chọn một thư mục ghi được bằng --reports.",
                     "Choose a folder you can write to with --reports.", str(reports_dir))


def check_options(lang: str, jobs: int, problems: Problems) -> None:
    """Report a language other than vi/en and a ``--jobs`` that is not a whole number ≥ 0."""
    if lang not in LANGS:
        problems.add(f"Tham số --lang: ngôn ngữ “{lang}” không được hỗ trợ.",
                     f"Parameter --lang: language “{lang}” is not supported.",
                     "Dùng vi hoặc en.", "Use vi or en.")
    if not isinstance(jobs, int) or jobs < 0:
        problems.add(f"Tham số --jobs phải là số nguyên ≥ 0, không phải “{jobs}”.",
                     f"Parameter --jobs must be a whole number ≥ 0, not “{jobs}”.",
                     "0 = số lõi CPU.", "0 means the number of CPUs.")
    elif jobs > cpu_count():
        n = cpu_count()
        warn([(f"--jobs {jobs} nhiều hơn số lõi CPU ({n}): chỉ chạy {n} tiến trình (mỗi tiến "
               "trình một kernel; thêm nữa chỉ tốn bộ nhớ, không nhanh hơn).",
               f"--jobs {jobs} is more than the number of CPUs ({n}): running {n} workers (each "
               "has a kernel; more only costs memory, not time).")])


def cpu_count() -> int:
    """The CPUs this process may use (its affinity where the system says), at least 1."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def worker_count(jobs: int) -> int:
    """The worker processes of a local build: ``jobs`` (0 = every CPU), at most
    :func:`cpu_count` (``--jobs 10000`` would start a kernel each)."""
    return min(jobs or cpu_count(), cpu_count())


def engine() -> str:
    """The engine workers use: ``PAPI_ANALYSIS_ENGINE`` (``papi-warm`` or ``nbclient``).

    Raises
    ------
    ParameterError
        If the variable names another engine.
    """
    name = os.environ.get("PAPI_ANALYSIS_ENGINE", "papi-warm")
    if name not in ENGINES:
        raise ParameterError(f"PAPI_ANALYSIS_ENGINE=“{name}” không hợp lệ.",
                             f"PAPI_ANALYSIS_ENGINE=“{name}” is not valid.",
                             hint_vi="Dùng papi-warm hoặc nbclient.",
                             hint_en="Use papi-warm or nbclient.")
    return name


# -- the period and the comparisons -----------------------------------------------------------
def resolve_period(text: str, data_dir: Path | None, data_fp: str, cache: manifest.Cache,
                   problems: Problems, data_ok: bool = True, *, today: dt.date | None = None,
                   illustrative: bool = True) -> periods.Period | None:
    """The period ``text`` names (``latest`` included), or ``None`` after reporting it.

    ``latest`` is not looked for when ``data_ok`` is false (the data folder was reported).
    What :func:`choose_latest` has to say about the period it chose (illustrative only, older
    than the last completed period, future periods skipped) is printed on stderr
    (:func:`warn`); ``today`` and ``illustrative`` are passed to it.
    """
    try:
        if str(text).strip().lower() == "latest":
            if not data_ok:
                return None
            choice = choose_latest(data_dir or config.DATA_DIR, data_fp, cache, today=today,
                                   illustrative=illustrative)
            warn(choice.warnings())
            return choice.period
        return periods.parse(text)
    except ParameterError as err:
        problems.keep(err)
    except PapiError as err:
        if str(text).strip().lower() == "latest":  # a data file that cannot be read
            _data_problem(err, problems)
        else:
            problems.wrap("--period", err)
    return None


def _data_problem(err: PapiError, problems: Problems) -> None:
    """Note a data file that cannot be read (not a bad parameter, but nothing can run)."""
    problems.add(f"Số liệu: {err.vi}", f"Data: {err.en}", err.hint_vi or "", err.hint_en or "",
                 err.where)


#: Bumped whenever what :func:`period_sets` remembers changes, so that a cache written by an
#: older version (one list of every period, illustrative ones included) is never read back.
_PERIODS_FORMAT = "real+illustrative/2"


def period_sets(data_dir: Path, data_fp: str, cache: manifest.Cache) -> dict[str, list[str]]:
    """``{"real": codes, "illustrative": codes}``: the periods of the data's real rows
    (``illustrative`` false) and of its illustrative rows, remembered per data fingerprint.

    The illustrative panel is read unless the data folder's settings turn it off, as
    :func:`papi_analysis.intake.datasets.load` does; that setting is part of the cache key
    (the data fingerprint does not cover the settings file).

    Raises
    ------
    InputFileError
        If a data file or the folder's settings cannot be read.
    """
    from ..intake import datasets

    panel = "on" if datasets.illustrative_enabled(data_dir) else "off"
    key = f"{_PERIODS_FORMAT}|{data_dir}|{data_fp}|illustrative={panel}"
    hit = cache.get("periods", key)
    if isinstance(hit, dict) and {"real", "illustrative"} <= set(hit):
        return {"real": list(hit["real"]), "illustrative": list(hit["illustrative"])}
    df = datasets.load(data_dir)
    flags = df["illustrative"] if "illustrative" in df.columns else [False] * len(df)
    found: dict[str, set[str]] = {"real": set(), "illustrative": set()}
    for code, flag in zip(df["period"], flags, strict=True):
        if code is None or code != code:  # missing (None, NaN)
            continue
        try:
            found["illustrative" if bool(flag) else "real"].add(periods.parse(str(code)).code)
        except PapiError:
            continue
    out = {k: sorted(v) for k, v in found.items()}
    cache.put("periods", key, out)
    return out


def data_periods(data_dir: Path, data_fp: str, cache: manifest.Cache) -> list[str]:
    """Every period code the data hold, real and illustrative, remembered per data fingerprint.

    Raises
    ------
    InputFileError
        If a data file cannot be read.
    """
    sets = period_sets(data_dir, data_fp, cache)
    return sorted(set(sets["real"]) | set(sets["illustrative"]))


def _last(codes: list[str]) -> periods.Period:
    """Of ``codes``, the period whose data end last (the longest of those ending that day)."""
    found = [periods.parse(c) for c in codes]
    return max(found, key=lambda p: (p.date_range()[1], (p.date_range()[1] - p.date_range()[0])))


@dataclass(frozen=True)
class Latest:
    """The period ``latest`` stands for, and what the user must be told about it."""

    period: periods.Period
    #: True when the data hold no real figures of a period that has begun, so the period was
    #: taken from the illustrative panel.
    illustrative: bool
    #: The day the choice was made for (future periods and staleness are judged on it).
    today: dt.date
    #: Periods left out because they start after ``today`` (a typo, or a form filled ahead).
    future: tuple[periods.Period, ...] = ()
    #: True when the data hold real figures, but only of periods that start after ``today``.
    real_future_only: bool = False

    @property
    def last_completed(self) -> periods.Period:
        """The last period of the chosen one's kind whose cut-off has passed on ``today``."""
        return periods.last_completed(self.period.kind, self.today)

    @property
    def behind(self) -> int:
        """How many periods of its kind the chosen one is older than :attr:`last_completed`."""
        return periods.steps(self.period, self.last_completed)

    def warnings(self) -> list[tuple[str, str]]:
        """What to tell the user, as (Vietnamese, English) pairs, most important first."""
        from .. import fmt

        out: list[tuple[str, str]] = []
        p = self.period
        if self.illustrative:
            why_vi, why_en = (("chỉ có số liệu thật của các kỳ chưa bắt đầu",
                               "it holds real figures only for periods that have not begun")
                              if self.real_future_only else
                              ("chỉ có số liệu minh họa", "only the illustrative panel"))
            out.append((
                f"Thư mục số liệu không có số liệu thật ({why_vi}): latest là kỳ {p.code} "
                f"({p.label('vi')}) của bộ số liệu minh họa; phụ lục chỉ mang tính minh họa, "
                "không phải số liệu báo cáo thật.",
                f"The data folder holds no real data ({why_en}): latest is {p.code} "
                f"({p.label('en')}) from the illustrative panel; the appendices are "
                "illustrative only, not reported figures."))
        if self.future:
            codes = ", ".join(f.code for f in self.future)
            today = fmt.date(self.today)
            out.append((
                f"Bỏ qua kỳ chưa bắt đầu khi tìm latest: {codes} (bắt đầu sau hôm nay, "
                f"{today}). Kiểm tra lại mã kỳ trong số liệu.",
                f"Skipped periods that have not begun when looking for latest: {codes} (they "
                f"start after today, {today}). Check the period codes in the data."))
        if self.behind:
            last = self.last_completed
            end = p.date_range()[1]
            ls, le = last.date_range()
            age = (self.today - end).days
            kind_vi, kind_en = periods.KIND_NAMES[p.kind]
            periods_en = "period" if self.behind == 1 else "periods"
            out.append((
                f"Số liệu cũ: latest là kỳ {p.code} ({p.label('vi')}), số liệu đến ngày "
                f"{fmt.date(end)} (đã {age} ngày); kỳ {kind_vi} gần nhất đã qua ngày chốt số "
                f"liệu là {last.code} ({last.label('vi')}, {fmt.date(ls)} → {fmt.date(le)}): "
                f"số liệu chậm {self.behind} kỳ. Thêm số liệu thật của các kỳ mới vào thư mục "
                "số liệu, hoặc ghi rõ kỳ bằng --period.",
                f"Stale data: latest is {p.code} ({p.label('en')}), with data up to "
                f"{fmt.date(end)} ({age} days ago); the last completed {kind_en} period (its "
                f"cut-off has passed) is {last.code} ({last.label('en')}, {fmt.date(ls)} → "
                f"{fmt.date(le)}): the data are {self.behind} {periods_en} behind. Add the newer "
                "periods' real data to the data folder, or name the period with --period."))
        return out


def choose_latest(data_dir: Path, data_fp: str, cache: manifest.Cache, *,
                  today: dt.date | None = None, illustrative: bool = True,
                  option: str = "--period latest") -> Latest:
    """The period ``latest`` stands for on ``today`` (default: the clock's date).

    Of the periods of the **real** rows (``illustrative`` false) that have begun on ``today``,
    the one whose data end last (of those ending the same day, the longest: a half year rather
    than its last month).  A period that starts after ``today`` is skipped, with a warning.
    With no such real period, the same rule picks among the illustrative panel's periods,
    with a warning that the result is illustrative only (unless ``illustrative`` is false).

    Raises
    ------
    ParameterError
        If there is no period to choose (``option`` names the parameter in the message).
    InputFileError
        If a data file cannot be read.
    """
    today = today or periods.current_date()
    sets = period_sets(data_dir, data_fp, cache)
    future: list[periods.Period] = []

    def begun(codes: list[str]) -> list[str]:
        out = []
        for code in codes:
            p = periods.parse(code)
            if periods.has_started(p, today):
                out.append(code)
            else:
                future.append(p)
        return out

    real = begun(sets["real"])
    if real:
        return Latest(_last(real), False, today, tuple(sorted(future)))
    panel = begun(sets["illustrative"]) if illustrative else []
    if panel:
        return Latest(_last(panel), True, today, tuple(sorted(future)), bool(sets["real"]))
    raise _no_latest(option, data_dir, sorted(future), today,
                     panel_off=not illustrative and bool(sets["illustrative"]))


def _no_latest(option: str, data_dir: Path, future: list[periods.Period], today: dt.date,
               panel_off: bool) -> ParameterError:
    """The error when ``latest`` has nothing to stand for."""
    from .. import fmt

    hint_vi = "Thêm số liệu hoặc ghi rõ kỳ, ví dụ --period 2024-H1."
    hint_en = "Add data or name the period, e.g. --period 2024-H1."
    if future:
        codes = ", ".join(p.code for p in future)
        return ParameterError(
            f"Tham số {option}: thư mục số liệu chỉ có kỳ chưa bắt đầu ({codes}; hôm nay là "
            f"{fmt.date(today)}).",
            f"Parameter {option}: the data folder only holds periods that have not begun "
            f"({codes}; today is {fmt.date(today)}).",
            where=str(data_dir), hint_vi="Kiểm tra lại mã kỳ trong số liệu. " + hint_vi,
            hint_en="Check the period codes in the data. " + hint_en)
    if panel_off:
        return ParameterError(
            f"Tham số {option}: thư mục số liệu chưa có số liệu thật nào, và số liệu minh họa "
            "đã được tắt.",
            f"Parameter {option}: the data folder holds no real data yet, and the illustrative "
            "panel is turned off.", where=str(data_dir), hint_vi=hint_vi, hint_en=hint_en)
    return ParameterError(f"Tham số {option}: thư mục số liệu chưa có kỳ báo cáo nào.",
                          f"Parameter {option}: the data folder holds no period yet.",
                          where=str(data_dir), hint_vi=hint_vi, hint_en=hint_en)


def latest_period(data_dir: Path, data_fp: str, cache: manifest.Cache, *,
                  today: dt.date | None = None, illustrative: bool = True) -> periods.Period:
    """The period ``latest`` stands for (:func:`choose_latest`), without its warnings.

    Raises
    ------
    ParameterError
        If the data hold no period to choose.
    InputFileError
        If a data file cannot be read.
    """
    return choose_latest(data_dir, data_fp, cache, today=today,
                         illustrative=illustrative).period


def warn(messages: list[tuple[str, str]], file=None) -> None:
    """Log each (Vietnamese, English) warning, Vietnamese first, then English (on stderr under
    the command line); with ``file``, print them there instead."""
    for vi, en in messages:
        text = f"Cảnh báo: {vi}\n  Warning: {en}"
        if file is not None:
            print(text, file=file, flush=True)
        else:
            log.warning(text)


def check_period_has_data(per: periods.Period, data_dir: Path, data_fp: str,
                          cache: manifest.Cache, problems: Problems) -> None:
    """Report a period that starts after the data end (a future or not yet reported period).

    Earlier periods stay allowed (a PAPI year, the list of agencies that did not submit), and
    so does any period when the data hold none at all (nothing to compare with).
    """
    try:
        codes = data_periods(data_dir, data_fp, cache)
    except PapiError as err:
        _data_problem(err, problems)
        return
    if not codes:
        return
    last = _last(codes)
    if per.date_range()[0] <= last.date_range()[1]:
        return
    from .. import fmt

    end = fmt.date(last.date_range()[1])
    problems.add(f"Tham số --period: chưa có số liệu nào cho kỳ {per.code} "
                 f"({per.label('vi')}); số liệu mới nhất là kỳ {last.code}, đến ngày {end}.",
                 f"Parameter --period: there are no figures for {per.code} "
                 f"({per.label('en')}) yet; the latest data are for {last.code}, up to {end}.",
                 f"Dùng --period latest hoặc một kỳ đã có số liệu (ví dụ {last.code}); hoặc "
                 f"thêm số liệu của kỳ {per.code} vào thư mục số liệu trước.",
                 f"Use --period latest or a period with data (e.g. {last.code}); or add the "
                 f"figures of {per.code} to the data folder first.", str(data_dir))


def resolve_compare(values: list[str] | None, period: periods.Period | None,
                    problems: Problems) -> list[str]:
    """The comparison list passed to notebooks: keywords kept, period codes canonical."""
    if values is None:
        return list(DEFAULT_COMPARE)
    out: list[str] = []
    for raw in values:
        value = _comparison(raw, period, problems)
        if value is not None and value not in out:
            out.append(value)
    return out


def _comparison(raw: str, period: periods.Period | None, problems: Problems) -> str | None:
    """One ``--compare`` value made canonical, or ``None`` after reporting it."""
    word = str(raw).strip().lower().replace("-", "_")
    if word in COMPARE_WORDS:
        return word
    try:
        value = periods.parse(str(raw)).code
    except PapiError as err:
        problems.add(f"Tham số --compare: “{raw}” không phải previous, "
                     f"same_period_last_year hay một kỳ báo cáo. {err.vi}",
                     f"Parameter --compare: “{raw}” is not previous, "
                     f"same_period_last_year or a period. {err.en}",
                     err.hint_vi or "", err.hint_en or "")
        return None
    if period is not None and value == period.code:
        problems.add(f"Tham số --compare: không thể so sánh kỳ {value} với chính nó.",
                     f"Parameter --compare: cannot compare period {value} with itself.",
                     "Chọn một kỳ khác.", "Choose another period.")
        return None
    return value


# -- agencies ---------------------------------------------------------------------------------
def resolve_agencies(codes: list[str] | None, all_agencies: bool, data_dir: Path | None,
                     problems: Problems, period=None) -> tuple[str, list[str], dict]:
    """``(province code, agency codes for agency-scope notebooks, registry)``.

    The whole province always comes first; codes are returned as the registry spells them
    (strings: ``"01"`` stays ``"01"``).  With ``period``, ``--all`` means the units that
    report for it (valid on its last day), and a unit named that does not is a problem.
    """
    from ..model import agencies

    path = agencies.registry_path(data_dir)
    reg = agencies.registry(path)
    province = agencies.load(path).home
    if all_agencies and codes:
        problems.add("Dùng --agency hoặc --all, không dùng cả hai.",
                     "Use --agency or --all, not both.")
    if all_agencies:
        return province, [province] + [a.code for a in agencies.departments(path, period)], reg
    chosen = [province]
    for raw in codes or []:
        try:
            code = agencies.get(str(raw), path).code
        except PapiError as err:
            problems.wrap("--agency", err)
            continue
        unit = reg[code]
        if period is not None and not unit.valid_on(agencies.as_of(period)):
            reporting = ", ".join(a.code for a in agencies.departments(path, period))
            problems.add(f"Tham số --agency: {code} không báo cáo kỳ {period.code} (hiệu lực "
                         f"{unit.life()}).",
                         f"Parameter --agency: {code} does not report for {period.code} (valid "
                         f"{unit.life()}).",
                         f"Đơn vị báo cáo kỳ này: {reporting}. Xem `papi-analysis agencies "
                         f"--history {code}`.",
                         f"Units reporting for it: {reporting}. See `papi-analysis agencies "
                         f"--history {code}`.")
            continue
        if code not in chosen:
            chosen.append(code)
    return province, chosen, reg


# -- notebooks --------------------------------------------------------------------------------
def discover(notebooks_dir: Path, problems: Problems | None = None) -> list[Notebook]:
    """The report notebooks in ``notebooks_dir`` (``NN_name.ipynb``), in appendix order.

    Finding none is reported to ``problems`` when given.
    """
    found = []
    for path in sorted(Path(notebooks_dir).glob("*.ipynb")):
        m = _NB_RE.match(path.stem)
        if m and _in_batch(path):
            found.append(_notebook(path, int(m.group(1))))
    if not found and problems is not None:
        problems.add("Không tìm thấy notebook báo cáo nào.", "No report notebook found.",
                     "Kiểm tra thư mục notebooks/ hoặc biến PAPI_ANALYSIS_NOTEBOOKS.",
                     "Check the notebooks/ folder or PAPI_ANALYSIS_NOTEBOOKS.", str(notebooks_dir))
    return sorted(found, key=lambda n: (n.appendix, n.stem))


def _in_batch(path: Path) -> bool:
    """False for a notebook whose metadata says ``"papi_analysis": {"batch": false}``: an
    exploration notebook (``00_explore``), not an appendix; ``build`` never runs it."""
    return appendices.metadata(path).get("batch") is not False


def _notebook(path: Path, number: int) -> Notebook:
    """A :class:`Notebook` from its metadata (the file-name number when it has none)."""
    raw = path.read_bytes()
    meta = appendices.metadata(path)
    try:
        appendix = int(meta.get("appendix", number))
    except (TypeError, ValueError):
        appendix = number
    return Notebook(path, path.stem, appendix, str(meta.get("scope", "")),
                    str(meta.get("title_vi", "")), str(meta.get("title_en", "")),
                    fingerprint.file_digest(path)[:24] if raw else "")


def select(notebooks: list[Notebook], names: list[str] | None,
           problems: Problems) -> list[Notebook]:
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
        what_vi = "không rõ là notebook nào" if hits else "không có"
        what_en = "is ambiguous" if hits else "does not exist"
        problems.add(f"Tham số --notebooks: notebook “{raw}” {what_vi}.",
                     f"Parameter --notebooks: notebook “{raw}” {what_en}.",
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


def check_notebook(nb: Notebook, cache: manifest.Cache, problems: Problems) -> None:
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
    _check_declarations(nb, decl["params"], problems)


def _check_declarations(nb: Notebook, declared: dict, problems: Problems) -> None:
    """Report parameters the runner passes but ``nb`` does not declare, and the reverse."""
    where = str(nb.path)
    for name in PARAMETERS:
        if name not in declared:
            problems.add(f"Notebook {nb.stem} thiếu tham số “{name}” trong ô parameters.",
                         f"Notebook {nb.stem} does not declare the parameter “{name}”.",
                         f"Khai báo: {_declaration(name)} (papermill bỏ qua dòng có hơn một "
                         "dấu “=”, kể cả trong chú thích #).",
                         f"Declare: {_declaration(name)} (papermill skips a line with more "
                         "than one “=”, even inside its # comment).", where)
    for name, typ in declared.items():
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
    default = {"list": "[]", "bool": "True"}.get(PARAMETERS[name], repr(""))
    return f"{name}: {PARAMETERS[name]} = {default}"
