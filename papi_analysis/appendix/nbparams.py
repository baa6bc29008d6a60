"""A notebook's parameters as papermill handed them, checked before anything runs.

``papermill nb.ipynb out.ipynb -p agency 01 -p period 2030-H1 -p bogus 1`` reaches the
kernel as a cell of assignments papermill adds after the ``parameters`` cell (its
``injected-parameters`` cell, opening with ``# Parameters``).  :func:`setup`, called by the
first code cell after it, checks what that cell set:

* a name the notebooks do not declare (:data:`PARAMETERS`) is an error, not papermill's
  warning (the names are read from the injected cell's source in the kernel's own input
  history, so names an analyst defined in JupyterLab are never taken for parameters);
* ``-p agency 01`` arrives as the number 1 (papermill reads numbers): the number is matched
  against the registry's numeric codes after zero padding, and refused with a pointer to
  ``-r agency 01`` when none or several match;
* a period that has not begun, or that starts after the data end, is refused as
  ``papi-analysis build`` refuses it;

then hands the values to :func:`papi_analysis.appendix.report.setup`, which checks the rest.
Every refusal is one bilingual :class:`~papi_analysis.errors.ParameterError`, which IPython
shows as its message alone, without a traceback.
"""

from __future__ import annotations

import ast
from collections.abc import Mapping, Sequence

from .. import fmt
from ..errors import PapiError, ParameterError
from ..model import periods

#: The parameters every notebook's ``parameters`` cell declares, with the type passed.
PARAMETERS = {"period": "str", "compare": "list", "agency": "str", "lang": "str",
              "data_dir": "str", "illustrative": "bool"}
#: Names papermill itself may inject (``--inject-paths``); never a mistake of the user's.
PAPERMILL_NAMES = ("PAPERMILL_INPUT_PATH", "PAPERMILL_OUTPUT_PATH")
_INJECTED_MARK = "# Parameters"
#: The PAPI appendix, which compares survey years rather than reporting periods.
PAPI_APPENDIX = 3


def injected_names(history: Sequence[str]) -> list[str]:
    """The names assigned by the last papermill-injected cell in ``history`` (the kernel's
    ``In`` list), in order; empty when papermill injected nothing (a run in JupyterLab)."""
    for source in reversed(list(history or [])):
        if not isinstance(source, str) or not source.lstrip().startswith(_INJECTED_MARK):
            continue
        try:
            tree = ast.parse(source)
        except SyntaxError:
            return []
        names: list[str] = []
        for node in tree.body:
            targets = node.targets if isinstance(node, ast.Assign) else (
                [node.target] if isinstance(node, ast.AnnAssign) else [])
            names += [t.id for t in targets if isinstance(t, ast.Name) and t.id not in names]
        return names
    return []


def unknown(names: Sequence[str]) -> list[str]:
    """Of ``names``, those that are not parameters of the notebooks."""
    return [n for n in names if n not in PARAMETERS and n not in PAPERMILL_NAMES]


def check_unknown(names: Sequence[str]) -> None:
    """Refuse parameters the notebooks do not declare.

    Raises
    ------
    ParameterError
        Naming each unknown parameter, the closest known name and the known ones.
    """
    bad = unknown(names)
    if not bad:
        return
    import difflib

    known = ", ".join(PARAMETERS)
    near = [difflib.get_close_matches(n, list(PARAMETERS), n=1) for n in bad]
    guess = "; ".join(f"{n} → {m[0]}?" for n, m in zip(bad, near, strict=True) if m)
    listed = ", ".join(bad)
    raise ParameterError(
        f"Notebook không có tham số {listed}.", f"The notebook has no parameter {listed}.",
        where="-p " + " ".join(bad),
        hint_vi=(f"{guess} " if guess else "") + f"Các tham số có: {known}.",
        hint_en=(f"{guess} " if guess else "") + f"Known parameters: {known}.")


def agency_code(value: object, registry: Mapping[str, object]) -> str:
    """``value`` as an agency code: text as given; a number (papermill reads ``-p agency 01``
    as 1) as the one registry code of digits that has its value (``01``, ``001``…).

    Raises
    ------
    ParameterError
        If a number matches no code or several, or is not a whole number; the hint is
        ``-r agency …`` (papermill's raw parameter keeps the text as typed).
    """
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    whole = isinstance(value, int) or float(value).is_integer()
    found = [c for c in registry if whole and c.isdigit() and int(c) == int(value)]
    if len(found) == 1:
        return found[0]
    shown = int(value) if whole else value
    hint_vi = ("papermill đọc -p agency 01 thành số 1 và bỏ số 0 ở đầu; dùng -r agency "
               "<mã> (giữ nguyên chữ) hoặc -p agency \"'<mã>'\".")
    hint_en = ("papermill reads -p agency 01 as the number 1, dropping the leading zero; use "
               "-r agency <code> (taken as typed) or -p agency \"'<code>'\".")
    if found:
        codes = ", ".join(found)
        raise ParameterError(
            f"Tham số agency = {shown} (một số) khớp nhiều mã đơn vị: {codes}.",
            f"Parameter agency = {shown} (a number) matches several agency codes: {codes}.",
            where="agency", hint_vi=hint_vi.replace("<mã>", found[0]),
            hint_en=hint_en.replace("<code>", found[0]))
    raise ParameterError(
        f"Tham số agency = {shown} là một số, không phải mã đơn vị nào.",
        f"Parameter agency = {shown} is a number, not an agency code.",
        where="agency", hint_vi=hint_vi, hint_en=hint_en)


def check_not_future(period: periods.Period, last_data: periods.Period | None = None) -> None:
    """Refuse a period that has not begun today, or that starts after ``last_data`` ends
    (the last period the data hold), as ``papi-analysis build`` does.

    Raises
    ------
    ParameterError
        Saying when the period begins or what the latest data are, and what to use instead.
    """
    try:
        periods.refuse_future(period, where="period", latest=False)
    except PapiError as err:
        raise ParameterError(err.vi, err.en, where="period", hint_vi=err.hint_vi,
                             hint_en=err.hint_en) from None
    if last_data is not None and period.date_range()[0] > last_data.date_range()[1]:
        end = fmt.date(last_data.date_range()[1])
        raise ParameterError(
            f"Chưa có số liệu nào cho kỳ {period.code} ({period.label('vi')}); số liệu mới "
            f"nhất là kỳ {last_data.code}, đến ngày {end}.",
            f"There are no figures for {period.code} ({period.label('en')}) yet; the latest "
            f"data are for {last_data.code}, up to {end}.",
            where="period", hint_vi=f"Dùng một kỳ đã có số liệu (ví dụ {last_data.code}), hoặc "
                                    f"thêm số liệu của kỳ {period.code} trước.",
            hint_en=f"Use a period with data (e.g. {last_data.code}), or add the figures of "
                    f"{period.code} first.")


def last_data_period(data_dir: str, illustrative: bool = True) -> periods.Period | None:
    """The period of the data whose dates end last, or ``None`` when the data hold none.

    Every appendix asks this of the same table: the answer (a period code) is kept for the
    life of the process under the tidy table's content key (:func:`datasets.cache_key`: the
    data files, registry, code and readers), so a warm kernel's next appendix neither copies
    the table nor scans its periods again; changed data give another key."""
    import os

    from .. import caches
    from ..intake import datasets

    ill = illustrative if isinstance(illustrative, bool) else True

    def scan() -> str:
        tidy = datasets.load(data_dir or None, ill)
        found = []
        for code in set(tidy["period"].dropna().astype(str)) if len(tidy) else ():
            try:
                found.append(periods.parse(code))
            except PapiError:
                continue
        last = max(found, key=lambda p: (p.date_range()[1],
                                         p.date_range()[1] - p.date_range()[0]), default=None)
        return last.code if last is not None else ""

    if os.environ.get("PAPI_ANALYSIS_TIDY_CACHE", "1") != "0":  # as datasets.load keys
        code = caches.remember("last_data_period", datasets.cache_key(data_dir or None, ill),
                               scan, 16)
    else:
        code = scan()
    return periods.parse(code) if code else None


def setup(namespace: Mapping[str, object], *, appendix: int):
    """Check the parameters in ``namespace`` (a notebook's ``globals()``) and return the
    appendix's :class:`~papi_analysis.appendix.report.Context`.

    Raises
    ------
    ParameterError
        For an unknown parameter, an agency given as a number that is no code, a period not
        begun or after the data, and everything :func:`report.setup` refuses.
    """
    from ..model import agencies
    from . import report

    check_unknown(injected_names(namespace.get("In", [])))
    values = {name: namespace.get(name) for name in PARAMETERS}
    values["data_dir"] = "" if values["data_dir"] is None else str(values["data_dir"])
    registry = agencies.registry(agencies.registry_path(values["data_dir"] or None))
    values["agency"] = agency_code(values["agency"], registry)
    if appendix == PAPI_APPENDIX:
        # PAPI is annual: its appendix compares PAPI years (papitables.year_paragraph), so the
        # reporting periods to compare with are not asked for, and the provenance box lists none
        values["compare"] = []
    ctx = report.setup(values["period"], values["compare"], values["agency"],
                       values["lang"], values["data_dir"], appendix=appendix,
                       illustrative=values["illustrative"])
    check_not_future(ctx.period, last_data_period(values["data_dir"], ctx.illustrative))
    return ctx
