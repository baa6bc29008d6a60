"""Tables rendered as text: a portal's statistics pasted as lines of a report.

A header line of known column words (:data:`papi_analysis.prose.patterns.TABLE_COLUMNS`:
"Tổng / Tiếp nhận / Đã xử lý / … / Trễ hạn", or column groups "Mức độ 1 … Mức độ 4"),
optionally a second line saying which columns hold a count and its rate ("Tổng % Tổng %"),
then rows ending in as many numbers: the row label is the field (under column groups, it
names the measure and the group is the field).  :func:`read_tables` adds their figures to an
extraction and returns the rows they take; the prose reader passes over those rows.
"""

from __future__ import annotations

import re

from . import patterns as pt
from . import vnnumbers
from .figures import Extraction, Figure
from .sentences import fold_chars

_TABLE_TERMS = sorted(pt.TABLE_COLUMNS, key=len, reverse=True)


def _header_columns(folded: str) -> tuple[list[tuple[str, str]], bool] | None:
    """The columns of a table header line: [(kind, name)] with kind "measure" (name = code)
    or "group" (name = the label as folded), and whether a row-label column opens the line;
    ``None`` when the line is not a header."""
    text = folded.strip()
    m = re.match(pt.TABLE_LABEL_HEAD, text)
    label_col = False
    if m and not re.match(pt.TABLE_GROUP, text):
        text, label_col = text[m.end():].strip(), True
    cols: list[tuple[str, str]] = []
    while text:
        g = re.match(pt.TABLE_GROUP, text)
        if g:
            cols.append(("group", g.group(1)))
            text = text[g.end():].strip(" ,")
            continue
        term = next((t for t in _TABLE_TERMS if re.match(re.escape(t) + r"\b", text)), None)
        if term is None:
            return None
        cols.append(("measure", pt.TABLE_COLUMNS[term]))
        text = text[len(term):].strip(" ,")
    kinds = {k for k, _ in cols}
    if len(cols) < 3 or len(kinds) != 1:
        return None
    return cols, label_col


def _sub_columns(folded: str) -> list[str] | None:
    """The second header line ("Tổng % Tổng %", "TTHC % TTHC %") as count/rate, or None."""
    text, out = folded.strip(), []
    terms = sorted(pt.TABLE_SUB, key=len, reverse=True)
    while text:
        term = next((t for t in terms if text.startswith(t)), None)
        if term is None:
            return None
        out.append(pt.TABLE_SUB[term])
        text = text[len(term):].strip()
    return out if len(out) >= 2 and "rate" in out else None


def read_tables(ex: Extraction, paragraphs: list[str]) -> set[int]:
    """Read the tables rendered as text (:data:`patterns.TABLE_COLUMNS`) into ``ex.figures``;
    returns the rows they take (the prose reader passes over them)."""
    taken: set[int] = set()
    i = 0
    while i < len(paragraphs):
        folded = fold_chars(paragraphs[i])
        head = _header_columns(folded) if not re.search(r"\d{2}", folded) else None
        if head is None:
            i += 1
            continue
        cols, _ = head
        start = i
        i += 1
        sub = _sub_columns(fold_chars(paragraphs[i])) if i < len(paragraphs) else None
        if sub:
            i += 1
        layout = _table_layout(cols, sub)
        if layout is None:
            continue
        rows = 0
        while i < len(paragraphs):
            figs = _table_row(paragraphs[i], i + 1, cols, layout)
            if figs is None:
                break
            ex.figures += figs
            taken.add(i + 1)
            rows += 1
            i += 1
        if rows:
            taken.update(range(start + 1, start + 1 + (2 if sub else 1)))
    return taken


def _table_layout(cols: list[tuple[str, str]], sub: list[str] | None
                  ) -> list[tuple[int, str]] | None:
    """Per value of a row: (column index, "count" or "rate")."""
    if not sub:
        return [(k, "count") for k in range(len(cols))]
    if cols[0][0] == "group":  # "Mức độ 1 … Mức độ 4" over "TTHC % TTHC % …"
        if len(sub) % len(cols):
            return None
        per = len(sub) // len(cols)
        return [(k, sub[k * per + j]) for k in range(len(cols)) for j in range(per)]
    pairs = len(sub) // 2  # "Tổng % Tổng % Tổng %" under the last columns
    if len(sub) % 2 or pairs > len(cols):
        return None
    out = [(k, "count") for k in range(len(cols) - pairs)]
    for k in range(len(cols) - pairs, len(cols)):
        out += [(k, "count"), (k, "rate")]
    return out


def _table_row(para: str, row: int, cols: list[tuple[str, str]],
               layout: list[tuple[int, str]]) -> list[Figure] | None:
    """The figures of one table row, or ``None`` when the line is not a row of this table."""
    nums = vnnumbers.find_all(para)
    if len(nums) < len(layout):
        return None
    cells = nums[-len(layout):]
    if any(n.percent != (kind == "rate") for (_, _, n), (_, kind) in zip(cells, layout,
                                                                         strict=True)):
        return None
    label = para[:cells[0][0]].strip(" :-–|")
    if not label or re.search(r"[.;]", label):
        return None
    figs: list[Figure] = []
    span = (0, len(para))
    label_code = None
    if cols[0][0] == "group":
        folded = fold_chars(label)
        label_code = next((c for rx, c in pt.TABLE_ROWS.items() if re.search(rx, folded)), None)
        if label_code is None:
            return None
    for (a, b, num), (k, kind) in zip(cells, layout, strict=True):
        kind_col, name = cols[k]
        code = label_code if kind_col == "group" else name
        fld = label if kind_col == "measure" else _group_label(para, name, label)
        if kind == "rate":
            code = pt.RATE_OF.get(code)
            if code is None:
                continue
        figs.append(Figure(code, num.value, row, a, b, span, 0.85, "table", b - a,
                           clarity=num.clarity, percent=num.percent, field=fld))
    early = any(f.indicator == "tthc.resolved_early" for f in figs)
    for f in figs:
        if f.indicator == "tthc.resolved_on_time" and not early:
            f.indicator = "tthc.resolved_early_on_time"  # "Đúng hạn" with no early column
    return figs


def _group_label(para: str, name: str, label: str) -> str:
    """A column group's label as a field ("muc do 1" → "Mức độ 1")."""
    words = {"muc": "Mức", "do": "độ", "cap": "Cấp", "tinh": "tỉnh", "huyen": "huyện", "xa": "xã"}
    return " ".join(words.get(w, w) for w in name.split())
