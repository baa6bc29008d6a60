"""What the exploration API returns: a DataFrame that shows its honesty in a notebook.

A :class:`Table` is a plain :class:`pandas.DataFrame` (every pandas operation works, and the
flags ``illustrative``, ``error``, ``source``, ``note`` are ordinary columns, so
``pd.DataFrame(t)`` or :meth:`Table.to_pandas` keep them), plus

- a notebook display (``_repr_html_``, a pandas Styler) in which illustrative values are
  italic and marked ◇, values whose data failed its checks are marked ⚠ on a red ground,
  numbers read 1.234,5 and the unit is in the header;
- :meth:`Table.plot`, the appendix chart style (Vietnamese labels, illustrative points
  hollow), returning the matplotlib figure;
- :meth:`Table.to_excel` through :func:`papi_analysis.atomic.write_table` (formula-safe,
  never half-written).
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import numpy as np
import pandas as pd

from .. import fmt
from ..appendix import templating
from ..atomic import write_table
from ..errors import ParameterError

#: Marks in the display, with their meaning (shown under every table).
ILLUSTRATIVE_MARK = "◇"
ERROR_MARK = "⚠"
#: The legend's words (its markup: ``templates/explore/legend.html.j2``).
LEGEND = {
    "vi": {"italic": "in nghiêng",
           "illustrative": "số minh họa (tạo ra để thử, không phải số thật)",
           "error": "nền đỏ: số liệu có lỗi kiểm tra (không cộng, không xếp hạng)",
           "missing": "không có số liệu hoặc không tính"},
    "en": {"italic": "italic", "illustrative": "illustrative figure (generated, not real)",
           "error": "red ground: data that failed its checks (not summed, not ranked)",
           "missing": "no figure or not computed"},
}
#: Rows shown in a notebook before the table is cut (the whole table stays in the frame).
MAX_ROWS = 60
_ILL_CSS = "font-style: italic; color: #555555"
_ERR_CSS = "background-color: #fde8e8; color: #7a0010"


class Table(pd.DataFrame):
    """A result of the exploration API (see the module docstring).

    ``view`` (kept through pandas operations) says how to display and plot it: ``what``
    (``tidy``, ``measures``, ``trend``, ``compare``, ``rank``, ``papi``), the measure, its
    unit and kind, the language, a caption, and the number columns with their units.
    """

    _metadata = ["view"]

    @property
    def _constructor(self):
        return Table

    def to_pandas(self) -> pd.DataFrame:
        """A plain DataFrame with every column, the flags included."""
        return pd.DataFrame(self)

    # -- display ----------------------------------------------------------------------------
    def _view(self) -> dict:
        return getattr(self, "view", None) or {}

    def styled(self, max_rows: int = MAX_ROWS):
        """The notebook display as a pandas Styler (the first ``max_rows`` rows)."""
        view = self._view()
        lang = view.get("lang", "vi")
        units = view.get("units", {})
        shown = pd.DataFrame(self).head(max_rows)
        ill = _flag(shown, "illustrative")
        err = _flag(shown, "error")
        if "note" in shown.columns:  # a rate outside 0–100: shown as "–", marked as an error
            err = err | (shown["note"] == "out_of_range")
        if "unranked" in shown.columns:
            err = err | (shown["unranked"] == "error")
        rowkind = (shown["kind"].astype(str) if "kind" in shown.columns
                   else pd.Series("count", index=shown.index))
        cols = [c for c in shown.columns if c not in view.get("hidden", ())]
        shown = shown[cols]
        text = pd.DataFrame(index=shown.index, columns=cols, dtype=object)
        for c in cols:
            kind = units.get(c, (None, None))[1]
            if c == "note" or c.startswith("note:") or c == "unranked":
                text[c] = [note_words(v, lang) for v in shown[c]]
                continue
            text[c] = [_cell(v, _kind_of(kind, k), lang)
                       for v, k in zip(shown[c], rowkind, strict=True)]
        marked = [c for c in view.get("marked", ()) if c in cols]
        for i in shown.index:
            for c in marked:
                if ill[i] and text.at[i, c] != "–":
                    text.at[i, c] = f"{text.at[i, c]} {ILLUSTRATIVE_MARK}"
                if err[i]:
                    text.at[i, c] = f"{ERROR_MARK} {text.at[i, c]}"
        keep = {"illustrative", "error", *marked}
        empty = [c for c in cols if c not in keep and all(t in ("–", "") for t in text[c])]
        text = text.drop(columns=empty)
        cols = [c for c in cols if c not in empty]
        heads = [_header(c, units, lang) for c in cols]
        text.columns = [h if heads.count(h) == 1 else f"{h} [{c}]"
                        for h, c in zip(heads, cols, strict=True)]
        css = pd.DataFrame("", index=text.index, columns=text.columns)
        for i in text.index:
            style = ";".join(s for s, f in ((_ILL_CSS, ill[i]), (_ERR_CSS, err[i])) if f)
            css.loc[i] = style
        caption = view.get("caption", "")
        more = ""
        if len(self) > max_rows:
            more = (f" · {fmt.number(max_rows, lang)} / {fmt.number(len(self), lang)} dòng đầu"
                    if lang == "vi" else f" · first {max_rows} of {len(self)} rows")
        styler = text.style.apply(lambda _: css, axis=None)
        styler = styler.set_caption(html.escape(caption + more))
        styler = styler.set_table_styles([{"selector": "caption", "props": [
            ("caption-side", "top"), ("text-align", "left"), ("font-weight", "bold")]}])
        return styler

    def _repr_html_(self) -> str:
        view = self._view()
        lang = view.get("lang", "vi")
        legend = templating.environment().get_template("explore/legend.html.j2").render(
            marks={"illustrative": ILLUSTRATIVE_MARK, "error": ERROR_MARK}, L=LEGEND[lang])
        return self.styled().to_html() + legend

    # -- charts and export ------------------------------------------------------------------
    def plot(self, **kwargs):  # noqa: D401 - the DataFrame method, replaced
        """The chart of this result in the appendix style; returns the matplotlib figure.

        A trend: one line per unit over the periods, real points filled, illustrative points
        hollow, values that failed their checks not drawn.  A comparison: the appendix's
        period chart.  A ranking: the appendix's dot chart.  PAPI: the eight dimensions
        against the national median and the best province.
        """
        from . import plots

        return plots.draw(self, **kwargs)

    def to_excel(self, path, sheet_name: str = "papi", **_ignored) -> Path:  # type: ignore[override]
        """Write the table with its flags to ``.xlsx`` (or ``.csv``), never half-written.

        Refuses a path inside the project's ``data/`` folder: exports are not inputs.
        """
        from .. import config

        path = Path(path)
        data = config.DATA_DIR.resolve()
        target = path.resolve()
        if target == data or data in target.parents:
            raise ParameterError(
                f"Không ghi bảng vào thư mục dữ liệu: {path}.",
                f"Will not write a table into the data folder: {path}.",
                where=str(path), hint_vi="Ghi vào reports/ hoặc một thư mục tạm.",
                hint_en="Write into reports/ or a temporary folder.")
        out = pd.DataFrame(self).copy()
        for c in out.columns:  # tuples (units excluded) as text, so Excel can show them
            if out[c].dtype == object:
                out[c] = [", ".join(map(str, v)) if isinstance(v, tuple) else v
                          for v in out[c]]
        return write_table(out, path, sheet_name[:31] or "papi")


#: Words for the notes the appendices have no footnote for (the others: tables.NOTE_TEXT).
NOTE_WORDS = {
    "unit_changed": ("Đơn vị khi đó chưa như hiện nay (trước sáp nhập): không cùng phạm vi "
                     "với kỳ cuối.", "The unit was not yet what it is now (before a merger): "
                     "not like for like with the last period."),
    "out_of_range": ("Lỗi số liệu: tỷ lệ tính ra nằm ngoài 0–100% (xem cột số tính ra).",
                     "Data error: the computed rate lies outside 0–100% (see the computed "
                     "figure)."),
    "common_units": ("Thay đổi tính trên các đơn vị có số liệu cả hai kỳ (xem số đơn vị "
                     "chung).", "Change over the units with figures in both periods (see "
                     "common units)."),
    "error": ("lỗi số liệu", "data error"),
    "predecessor_missing": ("Không cộng được: thiếu số liệu của một đơn vị tiền thân (xem cột "
                            "gồm các đơn vị).", "Cannot be summed: a predecessor unit has no "
                            "figure (see the made-of column)."),
    "current_error": ("Không so sánh: số liệu kỳ này có lỗi (xem cột phát hiện khi kiểm tra).",
                      "Not compared: this period's figures failed their checks (see the "
                      "findings)."),
    "base_error": ("Không so sánh: số liệu kỳ so sánh có lỗi.",
                   "Not compared: the comparison period's figures failed their checks."),
}


def note_words(code, lang: str = "vi") -> str:
    """A note code (``predecessor_missing`` …) in words, as the appendices' footnotes say it."""
    from ..appendix.tables import NOTE_TEXT

    if _missing(code) or not str(code):
        return ""
    key = str(code)
    words = NOTE_WORDS.get(key) or NOTE_TEXT.get(key)
    return words[0 if lang == "vi" else 1] if words else key


def _flag(df: pd.DataFrame, col: str) -> pd.Series:
    if col not in df.columns:
        return pd.Series(False, index=df.index)
    return df[col].fillna(False).astype(bool)


def _kind_of(kind: str | None, row_kind: str) -> str | None:
    """The cell kind: a column's own, or for ``mixed`` / ``change`` columns the row's kind."""
    rate = row_kind in ("rate", "percent")
    if kind == "mixed":
        return row_kind
    if kind == "change":
        return "change_pp" if rate else "change_count"
    if kind == "change_pct":
        return None if rate else "change_pct"
    return kind


def _missing(v) -> bool:
    return v is None or (isinstance(v, float) and math.isnan(v)) or v is pd.NA


def _cell(v, kind: str | None, lang: str) -> str:
    """One cell as shown: numbers in the language's format, tuples joined, flags in words."""
    if isinstance(v, (bool, np.bool_)):
        return ("có" if v else "") if lang == "vi" else ("yes" if v else "")
    if isinstance(v, tuple):
        return ", ".join(map(str, v))
    if _missing(v):
        return "–"
    if isinstance(v, (int, float, np.integer, np.floating)):
        if kind in ("rate", "percent"):
            return fmt.percent(float(v), lang, 1).replace("%", "").strip()
        if kind == "change_pp":
            return fmt.signed(float(v), lang, 1)
        if kind in ("change_count", "change_int"):
            return fmt.signed(float(v), lang, 0 if float(v).is_integer() else 1)
        if kind == "change_pct":
            return fmt.signed(float(v), lang, 1, "%")
        if kind == "score":
            return fmt.number(float(v), lang, 2)
        if kind == "int":
            return str(int(v))
        return fmt.number(float(v), lang, 0 if float(v).is_integer() else 1)
    return str(v)


#: Headers of the columns every result may have (vi, en); other columns keep their names.
HEADERS = {
    "period": ("kỳ", "period"), "agency": ("đơn vị", "unit"), "key": ("đơn vị", "unit"),
    "name": ("tên", "name"), "field": ("lĩnh vực", "field"), "measure": ("mã", "code"),
    "label": ("chỉ tiêu", "measure"), "unit": ("đơn vị tính", "unit of measure"),
    "role": ("vai trò", "role"), "source": ("nguồn", "source"),
    "illustrative": ("minh họa", "illustrative"), "error": ("lỗi số liệu", "data error"),
    "base_illustrative": ("kỳ so sánh minh họa", "base illustrative"),
    "base_error": ("kỳ so sánh có lỗi", "base has errors"),
    "note": ("ghi chú", "note"), "excluded": ("không cộng (lỗi)", "left out (errors)"),
    "lineage": ("gồm các đơn vị (sáp nhập)", "made of (mergers)"),
    "findings": ("phát hiện khi kiểm tra", "validation findings"),
    "unranked": ("chưa xếp hạng vì", "not ranked because"),
    "code": ("mã", "code"), "type": ("loại", "type"), "kind": ("kiểu", "kind"),
    "name_vi": ("tên (vi)", "name (vi)"), "name_en": ("tên (en)", "name (en)"),
    "definition_vi": ("định nghĩa (vi)", "definition (vi)"),
    "definition_en": ("định nghĩa (en)", "definition (en)"),
    "unit_vi": ("đơn vị tính (vi)", "unit (vi)"), "unit_en": ("đơn vị tính (en)", "unit (en)"),
    "group": ("nhóm", "group"), "missing": ("thiếu số liệu", "missing"),
    "best_province": ("tên tỉnh cao nhất", "name of the best province"),
    "source_files": ("tệp nguồn", "source files"), "indicator": ("chỉ tiêu", "indicator"),
    "value": ("giá trị", "value"), "source_file": ("tệp nguồn", "source file"),
}


def _header(col: str, units: dict, lang: str) -> str:
    """A column's header: the result's own label (with the unit), else the usual one."""
    label, _ = units.get(col, (None, None))
    if label:
        return label
    if col.startswith("note:"):
        return HEADERS["note"][0 if lang == "vi" else 1]
    return HEADERS.get(col, (col, col))[0 if lang == "vi" else 1]
