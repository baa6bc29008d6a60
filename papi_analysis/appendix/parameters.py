"""A notebook's parameters, checked, and the data they select.

:func:`check` turns the values of a notebook's ``parameters`` cell (as papermill or
:func:`papi_analysis.appendix.nbparams.setup` hands them) into :class:`Parameters`: the
reporting period and the periods to compare with, the agency, the language, the data folder,
the appendix and whether illustrative figures are used.  From them :class:`Parameters` knows
the registry of units, the departments whose figures the province sums, the lineage that
:func:`~papi_analysis.analysis.comparison.select` follows across mergers, and reads the data
folder's tidy table and validation findings (each once per notebook).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from .. import fmt
from ..analysis import comparison
from ..errors import PapiError, ParameterError
from ..model import agencies, periods
from ..model.agencies import Agency
from ..model.periods import Period
from . import appendices, tables

__all__ = ["Parameters", "check"]


@dataclass
class Parameters:
    """A notebook's checked parameters, and the data and units they select."""

    period: Period
    comparisons: list[Period]
    agency: Agency
    lang: str
    data_dir: Path | None
    appendix: int
    compare_raw: list[str] = field(default_factory=list)
    illustrative: bool = True
    registry: agencies.Registry | None = None
    started: dt.datetime = field(default_factory=lambda: dt.datetime.now().replace(microsecond=0))
    _memo: dict[str, object] = field(default_factory=dict, repr=False)

    @property
    def periods(self) -> list[Period]:
        """The reporting period followed by the comparison periods."""
        return [self.period] + self.comparisons

    @property
    def first_comparison(self) -> Period | None:
        """The first comparison period (the one breakdowns compare with), or None."""
        return self.comparisons[0] if self.comparisons else None

    @property
    def is_province(self) -> bool:
        """True when the agency is the whole province (``HY``)."""
        return self.agency.kind == "province"

    @property
    def reg(self) -> agencies.Registry:
        """The registry of the data folder (its ``agencies/``), else the shipped one."""
        if self.registry is None:
            self.registry = agencies.load(agencies.registry_path(self.data_dir))
        return self.registry

    @property
    def members(self) -> list[str]:
        """The departments that report for the period, whose figures the province sums."""
        return [a.code for a in self.reg.departments(self.period, province=self.reg.home)]

    @property
    def lineage(self) -> comparison.Lineage:
        """The registry and the reporting period, for :func:`comparison.select`: comparison
        periods before a merger sum the predecessors' figures."""
        return comparison.Lineage(self.reg, self.period)

    def coverage_counts(self, rows: pd.DataFrame, period: str | None = None
                        ) -> tuple[int, int, int, list[str]]:
        """``(with figures, of them real, departments, missing codes)`` for the province."""
        code = period or self.period.code
        members = self.members
        # the two columns it needs, not every column of the rows (a take per column)
        mine = ((rows["period"] == code) & rows["agency"].isin(members)).to_numpy(
            dtype=bool, na_value=False)
        agency = rows["agency"].to_numpy()[mine]
        real_rows = ~rows["illustrative"].to_numpy()[mine].astype(bool)
        have = set(agency)
        real = set(agency[real_rows])
        missing = [c for c in members if c not in have]
        return len(have), len(real), len(members), missing

    @property
    def errors_link(self) -> str:
        """The address of the period's data-quality appendix (Phụ lục 5), relative to this
        appendix in the period's folder of the reports."""
        return (f"../05_data_quality/{self.reg.home}"
                + ("" if self.lang == "vi" else f".{self.lang}") + ".html")

    def findings(self) -> pd.DataFrame | None:
        """The validation findings of the data folder, or None if it cannot be checked; read
        once per notebook (the data and the errors box both use them)."""
        from ..intake import validation

        if "findings" not in self._memo:
            try:
                self._memo["findings"] = validation.check_data(self.data_dir, self.illustrative)
            except PapiError:
                self._memo["findings"] = None
        return self._memo["findings"]

    def data(self) -> pd.DataFrame:
        """The tidy table of the notebook's data folder, each row flagged ``error`` when its
        agency, period and indicator group failed a check (:func:`comparison.mark_errors`):
        what every table, chart and ranking of an appendix is computed from."""
        from ..intake import datasets

        tidy = datasets.load(self.data_dir, self.illustrative)
        return comparison.mark_errors(tidy, self.findings())


# -- the check ----------------------------------------------------------------------------------
def _as_list(compare) -> list[str]:
    if compare is None:
        return []
    if isinstance(compare, str):  # "-p compare previous,2023-H1" from the command line
        return [x for x in compare.replace(",", " ").split() if x]
    if isinstance(compare, (list, tuple)):
        return [str(x).strip() for x in compare]
    raise ParameterError(
        f"Tham số compare phải là danh sách, không phải {type(compare).__name__}.",
        f"Parameter compare must be a list, not {type(compare).__name__}.",
        where="compare",
        hint_vi='Ví dụ: ["previous", "same_period_last_year"].',
        hint_en='For example ["previous", "same_period_last_year"].',
    )


def check(
    period: str,
    compare: list | str | None,
    agency: str,
    lang: str = "vi",
    data_dir: str = "",
    *,
    appendix: int,
    illustrative: bool = True,
) -> Parameters:
    """Check a notebook's parameters and turn them into :class:`Parameters`.

    Raises
    ------
    ParameterError
        If a parameter is wrong: unknown language, unreadable period or comparison period,
        unknown agency, an agency other than ``HY`` for a province-wide appendix, or a
        ``data_dir`` that does not exist.  The message names the parameter and what to do.
    """
    if lang not in fmt.LANGS:
        raise ParameterError(
            f"Tham số lang = “{lang}” không hợp lệ.", f"Parameter lang = “{lang}” is not valid.",
            where="lang", hint_vi="Dùng vi hoặc en.", hint_en="Use vi or en.")
    found = appendices.find(appendix)
    if found is None:
        last = max(appendices.registry(), default=0)
        raise ParameterError(f"Không có phụ lục số {appendix}.", f"No appendix {appendix}.",
                             where="appendix", hint_vi=f"Dùng 1–{last}.",
                             hint_en=f"Use 1–{last}.")
    try:
        p = periods.parse(str(period).strip())
    except PapiError as err:
        raise ParameterError(err.vi, err.en, where="period", hint_vi=err.hint_vi,
                             hint_en=err.hint_en) from None
    raw = _as_list(compare)
    comps = comparison.comparison_periods(p, raw)
    if data_dir and not Path(data_dir).expanduser().is_dir():
        raise ParameterError(
            f"Thư mục số liệu “{data_dir}” không tồn tại.",
            f"The data folder “{data_dir}” does not exist.",
            where="data_dir", hint_vi="Để trống để dùng thư mục data/ của dự án.",
            hint_en="Leave it empty to use the project's data/ folder.")
    reg_path = agencies.registry_path(Path(data_dir).expanduser() if data_dir else None)
    reg = agencies.load(reg_path)
    tables.REGISTRY_PATH = reg_path  # names in tables come from the same registry
    try:
        a = agencies.get(str(agency).strip(), reg_path)
    except PapiError as err:
        raise ParameterError(err.vi, err.en, where="agency", hint_vi=err.hint_vi,
                             hint_en=err.hint_en) from None
    home = reg.home
    if found.scope == "province" and a.code != home:
        raise ParameterError(
            f"Phụ lục {appendix} tính cho toàn tỉnh; agency phải là {home}, "
            f"không phải “{agency}”.",
            f"Appendix {appendix} covers the whole province; agency must be {home}, "
            f"not “{agency}”.",
            where="agency", hint_vi=f"Đặt agency = \"{home}\".",
            hint_en=f"Set agency = \"{home}\".")
    if not a.valid_on(agencies.as_of(p)):
        after = [s for s in reg.out_of(a.code) if s.kind != "transfer"]
        before = [s for s in reg.into(a.code) if s.kind != "transfer"]
        if a.valid_to is not None and agencies.as_of(p) > a.valid_to:
            why_vi = f"{a.name_vi} hoạt động đến {a.valid_to:%d/%m/%Y}" + (
                f" rồi hợp nhất vào {', '.join(s.successor for s in after)}" if after else "")
            why_en = f"{a.name_en} existed until {a.valid_to:%d/%m/%Y}" + (
                f", then merged into {', '.join(s.successor for s in after)}" if after else "")
            hint = ", ".join(s.successor for s in after)
        else:
            why_vi = f"{a.name_vi} thành lập từ {a.valid_from:%d/%m/%Y}"
            why_en = f"{a.name_en} was set up on {a.valid_from:%d/%m/%Y}"
            hint = ", ".join(s.predecessor for s in before)
        raise ParameterError(
            f"Đơn vị {a.code} không báo cáo kỳ {p.label('vi')}: {why_vi}.",
            f"Unit {a.code} does not report for {p.label('en')}: {why_en}.",
            where="agency",
            hint_vi=(f"Dùng {hint}. " if hint else "") + "Xem `papi-analysis agencies --history "
            f"{a.code}`.",
            hint_en=(f"Use {hint}. " if hint else "") + f"See `papi-analysis agencies --history "
            f"{a.code}`.")
    ddir = None
    if data_dir:
        ddir = Path(data_dir).expanduser()
        if not ddir.is_dir():
            raise ParameterError(
                f"Thư mục số liệu “{data_dir}” không tồn tại.",
                f"The data folder “{data_dir}” does not exist.",
                where="data_dir", hint_vi="Để trống để dùng thư mục data/ của dự án.",
                hint_en="Leave it empty to use the project's data/ folder.")
    if isinstance(illustrative, str) and illustrative.strip().lower() in ("true", "false"):
        illustrative = illustrative.strip().lower() == "true"
    if not isinstance(illustrative, bool):
        raise ParameterError(
            f"Tham số illustrative = “{illustrative}” phải là True hoặc False.",
            f"Parameter illustrative = “{illustrative}” must be True or False.",
            where="illustrative", hint_vi="Dùng True (có số minh họa) hoặc False (chỉ số thật).",
            hint_en="Use True (with illustrative data) or False (real data only).")
    return Parameters(period=p, comparisons=comps, agency=a, lang=lang, data_dir=ddir,
                      appendix=appendix, compare_raw=raw, illustrative=illustrative, registry=reg)
