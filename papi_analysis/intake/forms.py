"""The layouts of the report forms, as data, and matching a sheet's headers against them.

Each :class:`Form` lists its columns in order: the indicator a column holds, the path of
header texts above it (outer group first, as the merged header cells of the printed form
read) and the column number printed under the headers, ``(3)`` … ``(13)``.  Columns (1)
STT and (2) Lĩnh vực/Đơn vị are common to every form and not listed.

Only ``tthc`` is an official layout: Biểu số II.06a/VPCP/KSTT (Thông tư 01/2020/TT-VPCP).
``petitions`` follows the content of Biểu 01/XLD; the other forms are this project's own
layouts for the figures departments report in prose (codes ``PA-…``), with the same shape.

Matching is by text, not position: a header is compared after :func:`header_key` (no
diacritics, any case or spacing, column numbers, units in brackets and punctuation ignored),
so "Trực tuyến", "TRUC TUYEN" and "Trực tuyến (4)" are the same header.  The reader passes
each sheet column's header path (merged cells already spread over the cells they cover);
:func:`match` decides which form column it is.  The rule, in order:

1. the last header text must be the column's own header, one of its aliases, the
   indicator's catalogue label or its code;
2. among such columns, keep those whose outer headers are all found, in order, in the form's
   path (a sheet may omit levels, e.g. "Trong đó");
3. if several remain, keep the one whose printed number is in the sheet's number row;
4. if several still remain, keep the first one to the right of the previous matched column.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..errors import ParameterError
from ..model import indicators
from ..text import fold


@dataclass(frozen=True)
class Column:
    """One value column of a form.

    Attributes
    ----------
    indicator : str
        Indicator code (see :data:`papi_analysis.model.indicators.CATALOGUE`).
    header : tuple of str
        Header texts from the outermost group to the column's own header.
    number : int or None
        The printed column number; ``None`` for accepted variant columns that the form does
        not print (they are read when present, never written to templates).
    aliases : tuple of str
        Other wordings of the column's own (last) header seen in real forms.
    """

    indicator: str
    header: tuple[str, ...]
    number: int | None
    aliases: tuple[str, ...] = ()

    @property
    def optional(self) -> bool:
        """True for a variant column the official form does not print."""
        return self.number is None

    def title(self) -> str:
        """The header path as one line: ``Kết quả giải quyết › … › Trước hạn (8)``."""
        num = f" ({self.number})" if self.number else ""
        return " › ".join(self.header) + num


@dataclass(frozen=True)
class Form:
    """The layout of one report form.

    Attributes
    ----------
    key : str
        Short name used on the command line (``tthc``).
    code : str
        The form's code as printed in its top corner.
    title_vi, title_en : str
        The form's title.
    unit_vi, unit_en : str
        Unit printed under the title ("Đơn vị tính: hồ sơ").
    label_vi : str
        Header of column (2), the row label (lĩnh vực or unit).
    sheet : str
        Sheet name used in templates (reading does not depend on it).
    all_columns : tuple of Column
        Value columns in order, variants (``number is None``) included where they belong.
    """

    key: str
    code: str
    title_vi: str
    title_en: str
    unit_vi: str
    unit_en: str
    label_vi: str
    sheet: str
    all_columns: tuple[Column, ...] = field(default_factory=tuple)

    @property
    def columns(self) -> tuple[Column, ...]:
        """The printed columns, (3) onwards, in order."""
        return tuple(c for c in self.all_columns if not c.optional)

    @property
    def depth(self) -> int:
        """Number of header rows (the deepest header path)."""
        return max(len(c.header) for c in self.columns)

    def column(self, indicator: str) -> Column:
        """The column holding ``indicator`` (KeyError if the form has none)."""
        for c in self.all_columns:
            if c.indicator == indicator:
                return c
        raise KeyError(indicator)

    def indicators(self) -> list[str]:
        """Indicator codes of the printed columns, in order."""
        return [c.indicator for c in self.columns]

    def threshold(self) -> int:
        """How many columns must match for a sheet to be taken as this form."""
        return max(2, math.ceil(len(self.columns) / 2))


def _cols(group: tuple[str, ...], start: int, rows: list[tuple]) -> list[Column]:
    """Columns sharing the outer header ``group``, numbered from ``start``."""
    out = []
    n = start
    for row in rows:
        code, tail = row[0], row[1]
        aliases = row[2] if len(row) > 2 else ()
        tail = (tail,) if isinstance(tail, str) else tail
        out.append(Column(code, group + tail, n, tuple(aliases)))
        n += 1
    return out


_RECEIVED = ("Số hồ sơ nhận giải quyết",)
_IN_PERIOD = _RECEIVED + ("Trong đó", "Trong kỳ")
_RESOLVED = ("Kết quả giải quyết", "Số hồ sơ đã giải quyết")
_PENDING = ("Kết quả giải quyết", "Số hồ sơ đang giải quyết")

_TTHC_COLUMNS = (
    Column("tthc.files_total", _RECEIVED + ("Tổng số",), 3, ("Tổng số hồ sơ",)),
    Column("tthc.received_in_period", _IN_PERIOD + ("Tổng số",), None),
    Column("tthc.received_online", _IN_PERIOD + ("Trực tuyến",), 4,
           ("Tiếp nhận trực tuyến", "Qua dịch vụ công trực tuyến")),
    Column("tthc.received_offline", _IN_PERIOD + ("Trực tiếp, dịch vụ bưu chính",), 5,
           ("Trực tiếp và qua dịch vụ bưu chính công ích", "Trực tiếp hoặc qua dịch vụ bưu chính",
            "Trực tiếp và qua dịch vụ bưu chính", "Trực tiếp, bưu chính", "Trực tiếp")),
    Column("tthc.carried_over", _RECEIVED + ("Trong đó", "Từ kỳ trước"), 6,
           ("Kỳ trước chuyển qua", "Từ kỳ trước chuyển qua", "Kỳ trước chuyển sang",
            "Từ kỳ trước chuyển sang")),
    Column("tthc.resolved_total", _RESOLVED + ("Tổng số",), 7),
    Column("tthc.resolved_early", _RESOLVED + ("Trước hạn",), 8),
    Column("tthc.resolved_on_time", _RESOLVED + ("Đúng hạn",), 9),
    Column("tthc.resolved_early_on_time", _RESOLVED + ("Trước hạn và đúng hạn",), None,
           ("Đúng hạn và trước hạn", "Đúng và trước hạn", "Trước và đúng hạn")),
    Column("tthc.resolved_late", _RESOLVED + ("Quá hạn",), 10, ("Trễ hạn",)),
    Column("tthc.pending_total", _PENDING + ("Tổng số",), 11),
    Column("tthc.pending_in_time", _PENDING + ("Trong hạn",), 12, ("Chưa đến hạn",)),
    Column("tthc.pending_overdue", _PENDING + ("Quá hạn",), 13, ("Trễ hạn",)),
    Column("tthc.returned_withdrawn", ("Số hồ sơ trả lại, rút, dừng xử lý",), None,
           ("Hồ sơ trả lại, rút, dừng xử lý", "Trả lại, rút hồ sơ", "Hồ sơ trả lại, rút",
            "Dừng xử lý")),
    Column("tthc.online_share_stated", ("Tỷ lệ tiếp nhận trực tuyến (%)",), None,
           ("Tỷ lệ trực tuyến", "Tỷ lệ hồ sơ trực tuyến")),
    Column("tthc.on_time_rate_stated", ("Tỷ lệ giải quyết đúng hạn (%)",), None,
           ("Tỷ lệ đúng hạn", "Tỷ lệ đúng và trước hạn", "Tỷ lệ giải quyết đúng và trước hạn",
            "Tỷ lệ giải quyết trước và đúng hạn")),
)

_ELIGIBLE = ("Đơn đủ điều kiện xử lý",)
_PET_COLUMNS = tuple(
    _cols(("Tiếp nhận",), 3, [
        ("pet.carried_over", "Kỳ trước chuyển sang", ("Từ kỳ trước",)),
        ("pet.received", "Trong kỳ", ("Tiếp nhận trong kỳ",)),
        ("pet.total", "Tổng số đơn", ("Tổng số",)),
    ])
    + _cols(_ELIGIBLE, 6, [("pet.eligible", "Tổng số")])
    + _cols(_ELIGIBLE + ("Theo nội dung",), 7, [
        ("pet.complaints", "Khiếu nại"),
        ("pet.denunciations", "Tố cáo"),
        ("pet.proposals", "Kiến nghị, phản ánh"),
    ])
    + _cols(_ELIGIBLE + ("Theo tình trạng giải quyết",), 10, [
        ("pet.resolved", "Đã giải quyết"),
        ("pet.in_progress", "Đang giải quyết"),
        ("pet.not_started", "Chưa giải quyết"),
    ])
    + _cols(_ELIGIBLE + ("Theo thẩm quyền",), 13, [
        ("pet.within_competence", "Thuộc thẩm quyền"),
        ("pet.outside_competence", ("Không thuộc thẩm quyền", "Tổng số")),
        ("pet.guided", ("Không thuộc thẩm quyền", "Hướng dẫn")),
        ("pet.transferred", ("Không thuộc thẩm quyền", "Chuyển đơn")),
        ("pet.urged", ("Không thuộc thẩm quyền", "Đôn đốc giải quyết"), ("Đôn đốc",)),
    ])
    + _cols(("Vụ việc thuộc thẩm quyền",), 18, [
        ("kntc.complaints_received", ("Khiếu nại", "Thụ lý")),
        ("kntc.complaints_resolved", ("Khiếu nại", "Đã giải quyết")),
        ("kntc.denunciations_received", ("Tố cáo", "Thụ lý")),
        ("kntc.denunciations_resolved", ("Tố cáo", "Đã giải quyết")),
    ])
)

_RECEP_COLUMNS = tuple(
    _cols(("Tiếp công dân",), 3, [
        ("recep.sessions", "Số lượt tiếp", ("Lượt tiếp công dân",)),
        ("recep.persons", "Số người được tiếp", ("Số người",)),
        ("recep.cases", "Số vụ việc", ("Vụ việc",)),
        ("recep.group_visits", "Đoàn đông người", ("Số đoàn đông người",)),
    ])
    + _cols(("Trách nhiệm giải trình",), 7, [
        ("acct.sessions_on_request", "Buổi giải trình theo yêu cầu", ("Giải trình theo yêu cầu",)),
        ("acct.people_inspection_members", "Thành viên Ban Thanh tra nhân dân",
         ("Ban Thanh tra nhân dân",)),
    ])
)

_INSP_COLUMNS = tuple(
    _cols(("Số cuộc thanh tra",), 3, [
        ("insp.carried_over", "Kỳ trước chuyển sang", ("Từ kỳ trước",)),
        ("insp.started", "Triển khai trong kỳ", ("Trong kỳ",)),
        ("insp.total", "Tổng số"),
        ("insp.planned", "Theo kế hoạch"),
        ("insp.unannounced", "Đột xuất"),
        ("insp.conclusions", "Đã ban hành kết luận", ("Kết luận", "Đã kết luận")),
    ])
    + _cols(("Vi phạm phát hiện",), 9, [
        ("insp.violation_money", "Tiền (triệu đồng)", ("Về tiền",)),
        ("insp.violation_land", "Đất (m²)", ("Về đất",)),
    ])
    + _cols((), 11, [
        ("insp.recovery_recommended", "Kiến nghị thu hồi (triệu đồng)"),
        ("insp.recovered", "Đã thu hồi (triệu đồng)"),
    ])
    + _cols(("Kiến nghị xử lý hành chính",), 13, [
        ("insp.handling_collectives", "Tập thể"),
        ("insp.handling_individuals", "Cá nhân"),
    ])
    + _cols((), 15, [("insp.transferred_investigation", "Chuyển cơ quan điều tra (vụ)")])
)

_AC_COLUMNS = tuple(
    _cols(("Lãnh đạo, chỉ đạo",), 3, [
        ("ac.plans_issued", "Kế hoạch PCTN ban hành", ("Kế hoạch",)),
        ("ac.documents_issued", "Văn bản chỉ đạo ban hành", ("Văn bản chỉ đạo",)),
    ])
    + _cols(("Tuyên truyền PCTN",), 5, [
        ("ac.outreach_sessions", "Số buổi"),
        ("ac.outreach_attendees", "Lượt người tham dự"),
    ])
    + _cols((), 7, [("ac.job_rotations", "Chuyển đổi vị trí công tác (người)")])
    + _cols(("Kê khai tài sản, thu nhập",), 8, [
        ("ac.declarations_required", "Phải kê khai"),
        ("ac.declarations_made", "Đã kê khai"),
        ("ac.declarations_verified", "Được xác minh"),
        ("ac.declaration_violations", "Vi phạm", ("Vi phạm kê khai",)),
    ])
    + _cols(("Phát hiện tham nhũng",), 12, [
        ("ac.cases", "Số vụ"),
        ("ac.persons", "Số người"),
        ("ac.money", "Tiền, tài sản (triệu đồng)"),
    ])
    + _cols(("Xử lý, thu hồi",), 15, [
        ("ac.heads_responsible", "Người đứng đầu bị xử lý trách nhiệm"),
        ("ac.assets_recovered", "Tài sản đã thu hồi (triệu đồng)"),
        ("ac.prosecutions", "Chuyển truy tố (vụ)"),
    ])
    + _cols(("Chính quyền điện tử (%)",), 18, [
        ("egov.docs_electronic_pct", "Văn bản xử lý trên môi trường mạng"),
        ("egov.staff_computers_pct", "CBCCVC có máy tính kết nối mạng"),
        ("egov.digital_signature_pct", "Văn bản đi được ký số"),
    ])
)

_PROC_COLUMNS = tuple(
    _cols((), 3, [("proc.total", "Tổng số TTHC", ("Tổng số thủ tục hành chính", "Tổng số"))])
    + _cols(("Dịch vụ công trực tuyến",), 4, [
        ("proc.full_online", "Toàn trình"),
        ("proc.partial_online", "Một phần"),
    ])
)

FORMS: dict[str, Form] = {
    f.key: f
    for f in (
        Form("tthc", "Biểu số II.06a/VPCP/KSTT",
             "Tình hình, kết quả giải quyết thủ tục hành chính",
             "Handling of administrative procedure files", "hồ sơ", "files",
             "Lĩnh vực, công việc giải quyết theo cấp", "TTHC", _TTHC_COLUMNS),
        Form("procedures", "Biểu PA-01",
             "Số lượng thủ tục hành chính và mức độ dịch vụ công trực tuyến",
             "Administrative procedures and online public services", "thủ tục", "procedures",
             "Lĩnh vực", "Danh muc TTHC", _PROC_COLUMNS),
        Form("petitions", "Biểu PA-02 (theo Biểu 01/XLD)",
             "Kết quả tiếp nhận, xử lý đơn thư và giải quyết khiếu nại, tố cáo",
             "Petitions received and handled; complaints and denunciations",
             "đơn, vụ việc", "petitions, cases", "Đơn vị", "Xu ly don", _PET_COLUMNS),
        Form("reception", "Biểu PA-03",
             "Kết quả tiếp công dân và thực hiện trách nhiệm giải trình",
             "Citizen reception and accountability", "lượt, người, vụ việc",
             "sessions, persons, cases", "Đơn vị", "Tiep cong dan", _RECEP_COLUMNS),
        Form("inspections", "Biểu PA-04", "Kết quả công tác thanh tra",
             "Inspections and their results", "cuộc, triệu đồng, m²",
             "inspections, million VND, m²", "Đơn vị", "Thanh tra", _INSP_COLUMNS),
        Form("anticorruption", "Biểu PA-05",
             "Kết quả công tác phòng, chống tham nhũng và chính quyền điện tử",
             "Anti-corruption work and e-governance", "theo từng cột", "as stated per column",
             "Đơn vị", "PCTN", _AC_COLUMNS),
    )
}


def get(key: str) -> Form:
    """Return the form named ``key`` (``tthc``, ``petitions`` …).

    Raises
    ------
    ParameterError
        If no form has that key; the message lists the forms.
    """
    form = FORMS.get(str(key).strip().lower())
    if form is not None:
        return form
    raise ParameterError(
        f"Không có biểu mẫu “{key}”.",
        f"There is no form “{key}”.",
        where="form",
        hint_vi=f"Chọn một trong: {listing()}.",
        hint_en=f"Choose one of: {listing()}.",
    )


def listing() -> str:
    """The forms as messages list them: ``tthc (Biểu số II.06a/VPCP/KSTT), procedures (…)``."""
    return ", ".join(f"{k} ({f.code})" for k, f in FORMS.items())


# -- matching -----------------------------------------------------------------------------
_BRACKETS = re.compile(r"\([^)]*\)")
_PUNCT = re.compile(r"[^\w\s]")
_LEADING = re.compile(r"^(?:so ho so|so luong|so)\s+")
_STT_KEYS = {"stt", "tt", "so tt", "so thu tu", "thu tu"}
_LABEL_PREFIXES = ("linh vuc", "don vi", "ten don vi", "noi dung", "co quan", "chi tieu",
                   "ten linh vuc", "cap")
_NOTE_KEYS = {"ghi chu", "note", "notes"}
# labelled cells above a table ("Đơn vị báo cáo: …", "Đơn vị tính: …") are not column headers
_NOT_LABEL = ("don vi bao cao", "don vi tinh", "co quan bao cao", "ten don vi bao cao")


def header_key(text: object) -> str:
    """The form a header text is compared in.

    Folded (no diacritics, lower case, single spaces), with bracketed parts such as ``(4)``
    or ``(triệu đồng)`` and punctuation dropped, and a leading "Số hồ sơ" / "Số" removed,
    so that "Số hồ sơ đã giải quyết" and "Đã giải quyết" compare equal.  Remembered per text:
    reading a thousand workbooks matches the same few headers over and over.
    """
    if text is None:
        return ""
    return _header_key(str(text))


@lru_cache(maxsize=16384)
def _header_key(text: str) -> str:
    key = fold(_BRACKETS.sub(" ", text))
    key = fold(_PUNCT.sub(" ", key).replace("_", " "))
    return _LEADING.sub("", key)


def is_stt(text: object) -> bool:
    """True for the header of column (1), STT."""
    return header_key(text) in _STT_KEYS


def is_label(text: object) -> bool:
    """True for a header of column (2), the row label (lĩnh vực, đơn vị …)."""
    key = header_key(text)
    if key.startswith(_NOT_LABEL) or re.search(r":\s*\S", str(text)):
        return False
    return any(key == p or key.startswith(p + " ") for p in _LABEL_PREFIXES)


def is_note(text: object) -> bool:
    """True for a remarks column ("Ghi chú"), which readers skip."""
    return header_key(text) in _NOTE_KEYS


@lru_cache(maxsize=1024)
def _leaf_keys(col: Column) -> frozenset[str]:
    ind = indicators.CATALOGUE.get(col.indicator)
    keys = {header_key(col.header[-1]), *(header_key(a) for a in col.aliases)}
    if ind is not None:
        keys |= {header_key(ind.vi), header_key(ind.en)}
    return frozenset(keys)


def _code_key(col: Column) -> str:
    return col.indicator.lower()


def _is_subsequence(items: list[str], seq: list[str]) -> bool:
    it = iter(seq)
    return all(any(x == y for y in it) for x in items)


def candidates(form: Form, path: tuple[str, ...] | list[str]) -> list[Column]:
    """Form columns that a sheet column with header ``path`` may be (rules 1–2)."""
    keys = [header_key(p) for p in path if header_key(p)]
    if not keys:
        return []
    leaf, outer = keys[-1], keys[:-1]
    raw_leaf = str(path[-1]).strip().lower()
    leaf_hits = [c for c in form.all_columns if leaf in _leaf_keys(c) or raw_leaf == _code_key(c)]
    strict = [c for c in leaf_hits
              if _is_subsequence(outer, [header_key(h) for h in c.header[:-1]])]
    return strict or leaf_hits


@dataclass
class HeaderMatch:
    """How a sheet's columns match a form.

    ``matched`` maps the sheet's column index to a form column; ``unknown`` lists sheet
    columns with a header that is no column of the form; ``missing`` the printed form
    columns no sheet column matched; ``duplicated`` sheet columns matching a form column
    already taken.
    """

    form: Form
    matched: dict[int, Column]
    unknown: list[int]
    missing: list[Column]
    duplicated: list[int]

    @property
    def score(self) -> int:
        """Number of matched columns."""
        return len(self.matched)

    def is_form(self) -> bool:
        """True when enough columns match for the sheet to be taken as this form."""
        return sum(1 for c in self.matched.values() if not c.optional) >= self.form.threshold()


def match(form: Form, paths: dict[int, tuple[str, ...]],
          numbers: dict[int, int] | None = None) -> HeaderMatch:
    """Match a sheet's value columns against ``form``.

    Parameters
    ----------
    form : Form
    paths : dict
        Sheet column index → header path (outer first), for the columns right of the label
        column that have any header text.
    numbers : dict, optional
        Sheet column index → the number printed in the sheet's column-number row.

    Returns
    -------
    HeaderMatch
    """
    numbers = numbers or {}
    order = {c.indicator: i for i, c in enumerate(form.all_columns)}
    matched: dict[int, Column] = {}
    unknown: list[int] = []
    duplicated: list[int] = []
    last = -1
    for idx in sorted(paths):
        path = paths[idx]
        if any(is_note(p) for p in path):
            continue
        cands = candidates(form, path)
        if len(cands) > 1 and idx in numbers:
            by_number = [c for c in cands if c.number == numbers[idx]]
            cands = by_number or cands
        if len(cands) > 1:
            after = [c for c in cands if order[c.indicator] > last]
            cands = after[:1] if after else cands[:1]
        if not cands:
            unknown.append(idx)
            continue
        col = cands[0]
        if col in matched.values():
            duplicated.append(idx)
            continue
        matched[idx] = col
        last = order[col.indicator]
    taken = set(matched.values())
    missing = [c for c in form.columns if c not in taken]
    return HeaderMatch(form, matched, unknown, missing, duplicated)


def identify(paths: dict[int, tuple[str, ...]],
             numbers: dict[int, int] | None = None) -> HeaderMatch | None:
    """The form a sheet's headers match best, or ``None`` when no form matches enough."""
    best: HeaderMatch | None = None
    for form in FORMS.values():
        m = match(form, paths, numbers)
        if not m.is_form():
            continue
        key = (m.score / len(form.columns), m.score)
        if best is None or key > (best.score / len(best.form.columns), best.score):
            best = m
    return best


def closest_header(form: Form, text: str, exclude: set[str] | None = None) -> Column | None:
    """The form column whose own header is closest to ``text`` (for "did you mean")."""
    import difflib

    exclude = exclude or set()
    pool = {}
    for c in form.all_columns:
        if c.indicator in exclude:
            continue
        for k in _leaf_keys(c):
            pool.setdefault(k, c)
    hit = difflib.get_close_matches(header_key(text), list(pool), n=1, cutoff=0.3)
    return pool[hit[0]] if hit else None


def layout(form: Form) -> list[tuple[int, int, int, int, str]]:
    """Header cells of ``form`` for a template, as (row, col, row_span, col_span, text).

    Rows and columns are 0-based within the header block; column 0 is STT and column 1 the
    row label, both spanning every header row.  A header text spans the neighbouring
    columns that share it; a column's own header spans down to the last header row.
    """
    depth = form.depth
    cols = form.columns
    cells = [(0, 0, depth, 1, "STT"), (0, 1, depth, 1, form.label_vi)]
    for level in range(depth):
        i = 0
        while i < len(cols):
            path = cols[i].header
            if level >= len(path):
                i += 1
                continue
            j = i
            while (j + 1 < len(cols) and len(cols[j + 1].header) > level
                   and cols[j + 1].header[: level + 1] == path[: level + 1]
                   and level < len(path) - 1):
                j += 1
            rows = depth - level if level == len(path) - 1 else 1
            cells.append((level, i + 2, rows, j - i + 1, path[level]))
            i = j + 1
    return cells


# -- templates ---------------------------------------------------------------------------------
#: First row of the header block in templates (rows above hold code, title, agency, period).
TEMPLATE_HEADER_ROW = 7

_GUIDE_VI = (
    "Hướng dẫn điền biểu",
    "1. Ghi đơn vị báo cáo (mã hoặc tên) và kỳ báo cáo (ví dụ 2024-H1 hoặc “6 tháng đầu năm "
    "2024”) ở các ô phía trên bảng.",
    "2. Mỗi dòng là một lĩnh vực hoặc đơn vị; dòng “Tổng cộng” là số của cả đơn vị.",
    "3. Chỉ ghi con số (12, không ghi “12 hồ sơ”); để trống ô không có số liệu.",
    "4. Không sửa, xóa hay đổi thứ tự tiêu đề cột; có thể thêm dòng lĩnh vực phía trên dòng "
    "Tổng cộng (nhớ sửa công thức SUM nếu có).",
    "5. Kiểm tra bằng lệnh: papi-analysis validate <tệp>.",
)
_GUIDE_EN = (
    "How to fill in this form",
    "1. Enter the reporting agency (code or name) and the period (e.g. 2024-H1 or “6 tháng "
    "đầu năm 2024”) in the cells above the table.",
    "2. One row per field (lĩnh vực) or unit; the “Tổng cộng” row holds the agency's total.",
    "3. Numbers only (12, not “12 hồ sơ”); leave a cell blank when there is no figure.",
    "4. Do not edit, delete or reorder the column headers; field rows may be added above the "
    "total row (adjust any SUM formula).",
    "5. Check the file with: papi-analysis validate <file>.",
)


def _text_cell(ws, row: int, column: int, text: str | None):
    """Write ``text`` as text, never as a formula: openpyxl makes a live formula of any text
    that starts with "=" (a field typed as ``=HYPERLINK(…)`` would become a link, or a DDE
    call, in the department's Excel).  The text is kept as typed, as a plain string with
    Excel's text prefix (as if typed after an apostrophe)."""
    cell = ws.cell(row, column, text)
    if cell.data_type == "f":
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text when the cell is edited, too
    return cell


def workbook(form: Form, agency_text: str = "", period_text: str = "",
             fields: list[str] | tuple[str, ...] = ()):
    """An in-memory openpyxl workbook in the layout of ``form`` (no file is written).

    Rows: form code, title, "Đơn vị báo cáo:", "Kỳ báo cáo:", unit, a blank row, the merged
    header block from :data:`TEMPLATE_HEADER_ROW`, the row of column numbers, one row per
    field, and the total row "Tổng cộng" (``SUM`` formulas over the field rows when there are
    fields, blank otherwise).  Value cells only accept numbers of the indicator's kind.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    wb = Workbook()
    ws = wb.active
    ws.title = form.sheet
    ncols = 2 + len(form.columns)
    last = get_column_letter(ncols)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)

    ws["A1"] = form.code
    ws["A1"].font = Font(bold=True)
    ws["A2"] = form.title_vi.upper()
    ws.merge_cells(f"A2:{last}2")
    ws["A2"].font = Font(bold=True, size=13)
    ws["A2"].alignment = centre
    for row, label, value in ((3, "Đơn vị báo cáo:", agency_text), (4, "Kỳ báo cáo:", period_text)):
        ws.cell(row, 1, label).font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=2)
        _text_cell(ws, row, 3, value or None)
        ws.merge_cells(start_row=row, start_column=3, end_row=row,
                       end_column=min(ncols, 8))
    ws.cell(5, 1, f"Đơn vị tính: {form.unit_vi}").font = Font(italic=True)

    top = TEMPLATE_HEADER_ROW
    fill = PatternFill("solid", fgColor="DDEBF7")
    for r0, c0, rows, cols, text in layout(form):
        cell = ws.cell(top + r0, c0 + 1, text)
        if rows > 1 or cols > 1:
            ws.merge_cells(start_row=top + r0, start_column=c0 + 1,
                           end_row=top + r0 + rows - 1, end_column=c0 + cols)
    numbers_row = top + form.depth
    for c in range(1, ncols + 1):
        ws.cell(numbers_row, c, f"({c})")
        for r in range(top, numbers_row + 1):
            cell = ws.cell(r, c)
            cell.border, cell.alignment = box, centre
            if r < numbers_row:
                cell.font, cell.fill = Font(bold=True), fill
            else:
                cell.font = Font(italic=True)

    first = numbers_row + 1
    for i, name in enumerate(fields, start=1):
        ws.cell(first + i - 1, 1, i)
        _text_cell(ws, first + i - 1, 2, name)
    total_row = first + len(fields)
    ws.cell(total_row, 2, "Tổng cộng").font = Font(bold=True)
    for j, col in enumerate(form.columns, start=3):
        letter = get_column_letter(j)
        if fields:
            ws.cell(total_row, j, f"=SUM({letter}{first}:{letter}{total_row - 1})")
        kind = indicators.CATALOGUE[col.indicator].kind
        for r in range(first, total_row + 1):
            ws.cell(r, j).number_format = "#,##0" if kind == "count" else "#,##0.##"
    for r in range(first, total_row + 1):
        for c in range(1, ncols + 1):
            ws.cell(r, c).border = box
        ws.cell(r, 1).alignment = Alignment(horizontal="center")

    rules = {
        "count": dict(type="whole", operator="greaterThanOrEqual", formula1="0"),
        "amount": dict(type="decimal", operator="greaterThanOrEqual", formula1="0"),
        "percent": dict(type="decimal", operator="between", formula1="0", formula2="100"),
    }
    messages = {
        "count": "Chỉ nhập số nguyên không âm. / Whole numbers ≥ 0 only.",
        "amount": "Chỉ nhập số không âm. / Numbers ≥ 0 only.",
        "percent": "Chỉ nhập tỷ lệ từ 0 đến 100. / A percentage from 0 to 100 only.",
    }
    for kind, rule in rules.items():
        letters = [get_column_letter(j) for j, col in enumerate(form.columns, start=3)
                   if indicators.CATALOGUE[col.indicator].kind == kind]
        if not letters:
            continue
        dv = DataValidation(allow_blank=True, showErrorMessage=True,
                            errorTitle="Giá trị không hợp lệ / Invalid value",
                            error=messages[kind], **rule)
        ws.add_data_validation(dv)
        for letter in letters:
            dv.add(f"{letter}{first}:{letter}{max(total_row, first + 200)}")

    ws.column_dimensions["A"].width = 6
    ws.column_dimensions["B"].width = 38
    for j in range(3, ncols + 1):
        ws.column_dimensions[get_column_letter(j)].width = 13
    ws.freeze_panes = ws.cell(first, 3)

    guide = wb.create_sheet("Huong dan")
    for i, line in enumerate(_GUIDE_VI + ("",) + _GUIDE_EN, start=1):
        guide.cell(i, 1, line).font = Font(bold=line in (_GUIDE_VI[0], _GUIDE_EN[0]))
    guide.column_dimensions["A"].width = 110
    return wb
