"""The registry of reporting units, with time in it: who reported, when, and who followed whom.

A registry is a folder (``data/agencies/`` by default, or ``<data folder>/agencies/``) with two
CSV files, documented in ``data/agencies/README.md``:

- ``units.csv``: one row per reporting unit (a province as a whole, a department, a centre, a
  commune): code, names, kind, parent, ``valid_from`` / ``valid_to`` (ISO dates, empty = open),
  whether the row is verified against its cited source, the source and its URL;
- ``successions.csv``: one row per change between two units: predecessor, successor, date (the
  successor's first day), kind (``merge``, ``split``, ``rename``, ``transfer`` of a function),
  an optional share (0–1) of the predecessor's work that moved, the function moved, verified,
  source.

A unit reports for a period when it is valid on the period's last calendar day (30/06 for a
first half year): a department that merged on 01/03/2025 has its January and February figures
reported by its successor.  Comparisons across a change sum the predecessors' figures
(:meth:`Registry.feeders`).  A single CSV with the older columns (code, name_vi, name_en,
short_vi, province, level) still loads: its units have no dates and no successions.
"""

from __future__ import annotations

import calendar
import csv
import datetime as dt
import difflib
import os
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, cast

from .. import config
from ..errors import AgencyError, InputFileError
from ..text import fold, nfc

if TYPE_CHECKING:
    import pandas as pd

    from .periods import Period

PROVINCE_CODE = "HY"  # the shipped registry's whole-province unit (use Registry.home elsewhere)

KINDS = ("province", "department", "centre", "commune")
SUCCESSION_KINDS = ("merge", "split", "rename", "transfer")
_OLD_FIELDS = ("code", "name_vi", "name_en", "short_vi", "province", "level")
#: What a unit code may be: upper-case ASCII letters and digits, then also ``-`` and ``_``, at
#: most 32 characters (``HY``, ``SKHCN``, ``TB-SNV``, ``01``).  A code names files
#: (``reports/<period>/<notebook>/<code>.html``), so a code with ``/``, ``\\``, ``..``, a space
#: or a drive letter could write outside the reports folder; the registry refuses it on load.
CODE_PATTERN = re.compile(r"[A-Z0-9][A-Z0-9_-]{0,31}")
#: Names Windows keeps for devices (``CON.html`` cannot be written there): not codes either.
_RESERVED = frozenset({"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)),
                       *(f"LPT{i}" for i in range(1, 10))})
#: The day the district level (cấp huyện) ended under two-level local government.
DISTRICT_LEVEL_ENDED = dt.date(2025, 7, 1)


@dataclass(frozen=True)
class Agency:
    """One reporting unit (the name is kept from the registry without time)."""

    code: str
    name_vi: str
    name_en: str
    short_vi: str
    province: str
    level: str  # "province" (the whole province) or "department" (any other kind)
    kind: str = "department"
    parent: str = ""
    valid_from: dt.date | None = None
    valid_to: dt.date | None = None
    verified: bool = True
    source: str = ""
    source_url: str = ""
    note: str = ""

    def name(self, lang: str = "vi") -> str:
        """The full name in ``lang``."""
        return self.name_vi if lang == "vi" else self.name_en

    def valid_on(self, day: dt.date) -> bool:
        """True when the unit exists on ``day``."""
        return ((self.valid_from is None or self.valid_from <= day)
                and (self.valid_to is None or day <= self.valid_to))

    def life(self) -> str:
        """``01/03/2025 – nay`` style dates of the unit, for people."""
        a = self.valid_from.strftime("%d/%m/%Y") if self.valid_from else "…"
        b = self.valid_to.strftime("%d/%m/%Y") if self.valid_to else "nay"
        return f"{a} – {b}"


@dataclass(frozen=True)
class Succession:
    """One change: ``predecessor``'s work (or ``share`` of it) goes to ``successor``."""

    predecessor: str
    successor: str
    date: dt.date
    kind: str
    share: float | None = None
    function_vi: str = ""
    verified: bool = True
    source: str = ""
    source_url: str = ""
    note: str = ""
    row: int = 0


@dataclass(frozen=True)
class Feeder:
    """A unit whose figures of an earlier period count towards a later unit's comparison.

    ``factor`` multiplies its counts (1 for a merge or rename, the share for a split); it is
    None when a split's share is unknown (no number can be formed).  ``via`` are the
    successions crossed; ``includes`` the transfers of a function out of the feeder, without a
    share, that its figures still contain.
    """

    code: str
    factor: float | None
    via: tuple[Succession, ...] = ()
    includes: tuple[Succession, ...] = ()


@dataclass(frozen=True)
class Baseline:
    """What ``code``'s figures of an earlier period are made of (:meth:`Registry.baseline`)."""

    code: str
    feeders: list[Feeder]
    excluded: tuple[Succession, ...] = ()  # transfers into the line with no share: not counted

    @property
    def changed(self) -> bool:
        """True when the baseline is not simply the unit itself."""
        return bool(self.excluded) or [f.code for f in self.feeders] != [self.code] or any(
            f.factor != 1.0 or f.includes for f in self.feeders)

    @property
    def unknown(self) -> list[Feeder]:
        """Feeders whose share is unknown (their part cannot be formed)."""
        return [f for f in self.feeders if f.factor is None]

    @property
    def unverified(self) -> list[Succession]:
        """The successions crossed or noted that are not verified against their source."""
        seen = []
        for s in [s for f in self.feeders for s in f.via + f.includes] + list(self.excluded):
            if not s.verified and s not in seen:
                seen.append(s)
        return seen


@dataclass
class Registry:
    """Units and successions of one registry folder."""

    units: dict[str, Agency]
    successions: list[Succession] = field(default_factory=list)
    path: str = ""

    # -- units in time ----------------------------------------------------------------------
    @property
    def home(self) -> str:
        """The code of the province the registry belongs to (the province unit still open)."""
        provs = [a for a in self.units.values() if a.kind == "province"]
        open_ = [a for a in provs if a.valid_to is None]
        pick = (open_ or provs)
        return pick[0].code if pick else PROVINCE_CODE

    def on(self, day: dt.date) -> list[Agency]:
        """Every unit valid on ``day``, in registry order."""
        return [a for a in self.units.values() if a.valid_on(day)]

    def departments(self, period: Period | str | None = None,
                    province: str | None = None) -> list[Agency]:
        """The departments of ``province`` (default :attr:`home`) that report for ``period``
        (valid on its last day; without a period: valid today)."""
        day = as_of(period) if period is not None else dt.date.today()
        prov = province or self.home
        return [a for a in self.units.values()
                if a.kind != "province" and a.parent == prov and a.valid_on(day)]

    # -- successions ------------------------------------------------------------------------
    def into(self, code: str) -> list[Succession]:
        """Successions whose successor is ``code``."""
        return [s for s in self.successions if s.successor == code]

    def out_of(self, code: str) -> list[Succession]:
        """Successions whose predecessor is ``code``."""
        return [s for s in self.successions if s.predecessor == code]

    def baseline(self, code: str, base: Period | str, current: Period | str) -> Baseline:
        """The units whose ``base``-period figures make up ``code``'s as of ``current``.

        Walks back from ``code`` over the successions dated after ``base``'s last day and up
        to ``current``'s last day, keeping the units that reported for ``base``.  A unit that
        existed in ``base`` and did not change feeds itself with factor 1.
        """
        bday, cday = as_of(base), as_of(current)
        acc: dict[str, Feeder] = {}
        excluded: list[Succession] = []

        def window(s: Succession) -> bool:
            return bday < s.date <= cday

        def walk(c: str, factor: float | None, via: tuple[Succession, ...]) -> None:
            for s in self.into(c):
                if not window(s) or s in via:
                    continue
                if s.kind == "transfer" and s.share is None:
                    excluded.append(s)
                    continue
                share = s.share if s.share is not None else (None if s.kind == "split" else 1.0)
                walk(s.predecessor, None if factor is None or share is None else factor * share,
                     via + (s,))
            unit = self.units.get(c)
            if unit is None or not unit.valid_on(bday):
                return
            includes = tuple(s for s in self.out_of(c) if window(s) and s.kind == "transfer"
                             and s.share is None)
            prev = acc.get(c)
            if prev is not None:
                factor = (None if prev.factor is None or factor is None
                          else prev.factor + factor)
                via = prev.via + via
            acc[c] = Feeder(c, factor, via, includes)

        walk(code, 1.0, ())
        order = list(self.units)
        feeders = sorted(acc.values(), key=lambda f: (f.code != code, order.index(f.code)
                                                      if f.code in order else len(order)))
        return Baseline(code, feeders, tuple(excluded))

    def history(self, code: str) -> list[Succession]:
        """Every succession in ``code``'s line, before and after it, in date order."""
        found: list[Succession] = []

        def walk(c: str, backward: bool, seen: set[str]) -> None:
            for s in (self.into(c) if backward else self.out_of(c)):
                if s not in found:
                    found.append(s)
                nxt = s.predecessor if backward else s.successor
                if nxt not in seen:
                    seen.add(nxt)
                    walk(nxt, backward, seen)

        walk(code, True, {code})
        walk(code, False, {code})
        return sorted(found, key=lambda s: (s.date, s.row))

    # -- checks -----------------------------------------------------------------------------
    def problems(self) -> list[tuple[str, str, str]]:
        """``(where, vi, en)`` for every inconsistency: a code used twice, dates the wrong
        way round, an unknown parent or unit, a succession dated outside a unit's life, a
        cycle, shares above 1."""
        out: list[tuple[str, str, str]] = []
        units = self.units
        for a in units.values():
            if a.valid_from and a.valid_to and a.valid_from > a.valid_to:
                out.append((f"units.csv › {a.code}",
                            f"valid_from {a.valid_from} sau valid_to {a.valid_to}.",
                            f"valid_from {a.valid_from} is after valid_to {a.valid_to}."))
            if a.parent and a.parent not in units:
                out.append((f"units.csv › {a.code}",
                            f"đơn vị cha “{a.parent}” không có trong danh sách.",
                            f"parent “{a.parent}” is not in the registry."))
            if a.kind not in KINDS:
                out.append((f"units.csv › {a.code}",
                            f"loại “{a.kind}” không hợp lệ (dùng {', '.join(KINDS)}).",
                            f"kind “{a.kind}” is not one of {', '.join(KINDS)}."))
        for s in self.successions:
            where = f"successions.csv › dòng {s.row}"
            for role, c in (("predecessor", s.predecessor), ("successor", s.successor)):
                if c not in units:
                    out.append((where, f"{role} “{c}” không có trong units.csv.",
                                f"{role} “{c}” is not in units.csv."))
            if s.kind not in SUCCESSION_KINDS:
                out.append((where, f"kind “{s.kind}” không hợp lệ.",
                            f"kind “{s.kind}” is invalid."))
            if s.share is not None and not 0 < s.share <= 1:
                out.append((where, f"share {s.share} phải trong (0, 1].",
                            f"share {s.share} must be in (0, 1]."))
            pre, suc = units.get(s.predecessor), units.get(s.successor)
            last = s.date - dt.timedelta(days=1)
            if pre is not None and not pre.valid_on(last):
                out.append((where, f"{s.predecessor} không còn tồn tại ngày {_d(last)}, "
                                   f"trước ngày chuyển giao {_d(s.date)} (hiệu lực {pre.life()}).",
                            f"{s.predecessor} does not exist on {_d(last)}, the day before the "
                            f"change on {_d(s.date)} (valid {pre.life()})."))
            if suc is not None and not suc.valid_on(s.date):
                out.append((where, f"{s.successor} không tồn tại ngày chuyển giao {_d(s.date)} "
                                   f"(hiệu lực {suc.life()}).",
                            f"{s.successor} does not exist on the day of the change {_d(s.date)} "
                            f"(valid {suc.life()})."))
        out += self._overlaps()
        out += self._cycles()
        return out

    def _overlaps(self) -> list[tuple[str, str, str]]:
        """Two units with the same full name and parent valid at the same time."""
        out = []
        by: dict[tuple[str, str], list[Agency]] = {}
        for a in self.units.values():
            by.setdefault((fold(a.name_vi), a.parent), []).append(a)
        for group in by.values():
            for i, a in enumerate(group):
                for b in group[i + 1:]:
                    start = max(a.valid_from or dt.date.min, b.valid_from or dt.date.min)
                    end = min(a.valid_to or dt.date.max, b.valid_to or dt.date.max)
                    if start <= end:
                        out.append((f"units.csv › {a.code}, {b.code}",
                                    f"cùng một đơn vị “{a.name_vi}” có hai mã cùng hiệu lực "
                                    f"({a.code}: {a.life()}; {b.code}: {b.life()}).",
                                    f"the same unit “{a.name_en}” has two codes valid at once "
                                    f"({a.code}: {a.life()}; {b.code}: {b.life()})."))
        return out

    def _cycles(self) -> list[tuple[str, str, str]]:
        out = []
        graph: dict[str, set[str]] = {}
        for s in self.successions:
            graph.setdefault(s.predecessor, set()).add(s.successor)
        state: dict[str, int] = {}

        def visit(c: str, path: list[str]) -> None:
            state[c] = 1
            for n in sorted(graph.get(c, ())):
                if state.get(n) == 1:
                    loop = " → ".join(path[path.index(n):] + [n]) if n in path else f"{c} → {n}"
                    out.append(("successions.csv", f"vòng lặp kế thừa: {loop}.",
                                f"succession cycle: {loop}."))
                elif state.get(n) is None:
                    visit(n, path + [n])
            state[c] = 2

        for c in sorted(graph):
            if state.get(c) is None:
                visit(c, [c])
        return out


def _d(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _as_period(period: Period | str) -> Period:
    """``period`` itself when it is a Period (anything with a ``kind``), else read as a code."""
    from . import periods

    if hasattr(period, "kind"):
        return cast("Period", period)
    return periods.parse(period)


def as_of(period: Period | str) -> dt.date:
    """The last calendar day of ``period`` (a Period or a code): 30/06/2025 for 2025-H1."""
    p = _as_period(period)
    y, k, i = p.year, p.kind, p.index
    month = {"M": i, "Q": 3 * i, "H": 6 * i, "9M": 9, "Y": 12}[k]
    return dt.date(y, month, calendar.monthrange(y, month)[1])


def starts(period: Period | str) -> dt.date:
    """The first calendar day of ``period``."""
    p = _as_period(period)
    month = {"M": p.index, "Q": 3 * p.index - 2, "H": 6 * p.index - 5, "9M": 1, "Y": 1}[p.kind]
    return dt.date(p.year, month, 1)


def levels(period: Period | str) -> tuple[str, ...]:
    """The local government levels a period's figures may be given for.

    Periods that end before 01/07/2025 have cấp tỉnh, cấp huyện, cấp xã; periods that start on
    or after it have cấp tỉnh and cấp xã only; a period spanning the change keeps all three.
    """
    if starts(period) >= DISTRICT_LEVEL_ENDED:
        return ("Cấp tỉnh", "Cấp xã")
    return ("Cấp tỉnh", "Cấp huyện", "Cấp xã")


def spans_district_end(period: Period | str) -> bool:
    """True when ``period`` runs across 01/07/2025, the day the district level ended."""
    return starts(period) < DISTRICT_LEVEL_ENDED <= as_of(period)


# -- text for the command line ------------------------------------------------------------------
_KIND_WORD = {"merge": ("hợp nhất vào", "merged into"), "split": ("tách một phần sang", "split to"),
              "rename": ("đổi tên thành", "renamed"), "transfer": ("chuyển chức năng sang",
                                                                   "function moved to")}


def parse_day(text: str, where: str = "") -> dt.date:
    """A date written 2026-01-01 or 01/01/2026 (an :class:`InputFileError` otherwise)."""
    day = _date(text, where)
    if day is None:
        raise InputFileError("Thiếu ngày.", "The date is missing.", where=where,
                             hint_vi="Ví dụ: 2026-01-01.", hint_en="For example 2026-01-01.")
    return day


def _unverified_mark(ok: bool, lang: str) -> str:
    return "" if ok else ("  [CHƯA KIỂM CHỨNG]" if lang == "vi" else "  [NOT VERIFIED]")


def units_text(reg: Registry, day: dt.date | None = None, lang: str = "vi") -> str:
    """Every unit (or those valid on ``day``), one per line: code, name, life, parent."""
    units = reg.on(day) if day else list(reg.units.values())
    head = ((f"Đơn vị hoạt động ngày {_d(day)}: {len(units)}" if lang == "vi"
             else f"Units valid on {_d(day)}: {len(units)}") if day else
            (f"{len(units)} đơn vị trong {reg.path}" if lang == "vi"
             else f"{len(units)} units in {reg.path}"))
    lines = [head]
    for a in units:
        parent = f"  ⊂ {a.parent}" if a.parent else ""
        lines.append((f"{a.code:11} {a.name(lang):58} {a.life():25}{parent}"
                      f"{_unverified_mark(a.verified, lang)}").rstrip())
    return "\n".join(lines)


def history_text(reg: Registry, code: str, lang: str = "vi") -> str:
    """``code``'s line of succession: every change before and after it, with its source."""
    a = reg.units[code]
    vi = lang == "vi"
    lines = [f"{a.code} — {a.name(lang)} ({a.life()}){_unverified_mark(a.verified, lang)}"]
    if a.source:
        lines.append(("  Nguồn: " if vi else "  Source: ") + a.source
                     + (f" <{a.source_url}>" if a.source_url else ""))
    if a.note:
        lines.append(("  Ghi chú: " if vi else "  Note: ") + a.note)
    hist = reg.history(code)
    if not hist:
        lines.append("  Không có thay đổi nào được ghi." if vi else "  No change recorded.")
    for s in hist:
        word = _KIND_WORD.get(s.kind, (s.kind, s.kind))[0 if vi else 1]
        share = (f" ({'tỷ lệ' if vi else 'share'} {s.share:g})" if s.share is not None else "")
        func = f" [{s.function_vi}]" if s.function_vi else ""
        lines.append(f"  {_d(s.date)}  {s.predecessor} {word} {s.successor}{func}{share}"
                     f"{_unverified_mark(s.verified, lang)}")
        lines.append(("      nguồn: " if vi else "      source: ") + (s.source or "—")
                     + (f" <{s.source_url}>" if s.source_url else ""))
        if s.note:
            lines.append(("      ghi chú: " if vi else "      note: ") + s.note)
    return "\n".join(lines)


def check_text(reg: Registry, lang: str = "vi") -> tuple[str, int]:
    """The registry's problems as text, and the exit code (0 none, 2 some)."""
    found = reg.problems()
    vi = lang == "vi"
    unv = sum(not a.verified for a in reg.units.values()) + sum(
        not s.verified for s in reg.successions)
    lines = [(f"{reg.path}: {len(reg.units)} đơn vị, {len(reg.successions)} thay đổi, "
              f"{unv} dòng chưa kiểm chứng." if vi else
              f"{reg.path}: {len(reg.units)} units, {len(reg.successions)} changes, "
              f"{unv} rows not verified.")]
    for where, v, e in found:
        lines.append(f"  LỖI  {where}: {v}" if vi else f"  ERROR  {where}: {e}")
    lines.append(("Kết luận: " + ("ĐẠT." if not found else f"CHƯA ĐẠT — {len(found)} lỗi."))
                 if vi else ("Result: " + ("OK." if not found else f"NOT OK — {len(found)} "
                                                                     "errors.")))
    return "\n".join(lines), (2 if found else 0)


# -- reading ------------------------------------------------------------------------------------
def _date(text: str, where: str) -> dt.date | None:
    t = (text or "").strip()
    if not t:
        return None
    m = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", t) or None
    try:
        if m:
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        dmy = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", t)
        if dmy is None:
            raise ValueError(t)
        d, mo, y = dmy.groups()
        return dt.date(int(y), int(mo), int(d))
    except ValueError:
        raise InputFileError(
            f"Ngày “{t}” không đọc được.", f"Cannot read the date “{t}”.", where=where,
            hint_vi="Viết ngày dạng 2025-03-01 hoặc 01/03/2025.",
            hint_en="Write dates as 2025-03-01 or 01/03/2025.") from None


def _yes(text: str) -> bool:
    return fold(text or "yes").strip() in ("yes", "y", "true", "1", "co", "x", "da kiem chung")


def _rows(path: Path) -> list[dict[str, str]]:
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            return [{(k or "").strip(): (v or "").strip() for k, v in r.items()}
                    for r in csv.DictReader(fh)]
    except FileNotFoundError:
        raise InputFileError(
            "Không tìm thấy danh sách đơn vị báo cáo.", "The agency registry file is missing.",
            where=str(path),
            hint_vi="Kiểm tra thư mục agencies/ của thư mục dữ liệu, hoặc biến "
            "PAPI_ANALYSIS_AGENCIES.",
            hint_en="Check the data folder's agencies/ folder, or PAPI_ANALYSIS_AGENCIES.",
        ) from None
    except (UnicodeDecodeError, csv.Error) as err:
        raise InputFileError(
            f"Không đọc được danh sách đơn vị ({err}).", f"Cannot read the registry ({err}).",
            where=str(path), hint_vi="Lưu tệp dạng CSV, mã UTF-8.",
            hint_en="Save the file as CSV in UTF-8.") from None


def _units(path: Path) -> dict[str, Agency]:
    rows = _rows(path)
    old = rows and all(f in rows[0] for f in _OLD_FIELDS) and "kind" not in rows[0]
    need = _OLD_FIELDS if old else ("code", "name_vi", "name_en", "short_vi", "kind", "parent",
                                     "province", "valid_from", "valid_to")
    missing = [f for f in need if rows and f not in rows[0]]
    if not rows or missing:
        raise InputFileError(
            "Danh sách đơn vị báo cáo trống hoặc thiếu cột: " + ", ".join(missing or need) + ".",
            "The agency registry is empty or lacks columns: " + ", ".join(missing or need) + ".",
            where=str(path),
            hint_vi="Giữ đúng tiêu đề cột như data/agencies/units.csv (xem README.md ở đó).",
            hint_en="Keep the column headers of data/agencies/units.csv (see its README.md).",
        )
    out: dict[str, Agency] = {}
    for n, r in enumerate(rows, start=2):
        code = r["code"]
        where = f"{path.name} › dòng {n}"
        if not code:
            continue
        check_code(code, where)
        if code in out:
            raise InputFileError(
                f"Mã đơn vị “{code}” xuất hiện hai lần.", f"Unit code “{code}” appears twice.",
                where=where, hint_vi="Mỗi đơn vị một mã; đơn vị mới sau sáp nhập cần mã mới.",
                hint_en="One code per unit; a unit created by a merger needs a new code.")
        if old:
            kind = "province" if r["level"] == "province" else "department"
            parent = ""
            vf = vt = None
        else:
            kind, parent = r["kind"] or "department", r["parent"]
            vf, vt = _date(r["valid_from"], where), _date(r["valid_to"], where)
        out[code] = Agency(code, r["name_vi"], r["name_en"], r["short_vi"], r["province"],
                           "province" if kind == "province" else "department", kind, parent,
                           vf, vt, _yes(r.get("verified", "")), r.get("source", ""),
                           r.get("source_url", ""), r.get("note", ""))
    if old:  # departments of the old single-province CSV belong to its province row
        prov = next((c for c, a in out.items() if a.kind == "province"), "")
        out = {c: (a if a.kind == "province" else Agency(**{**a.__dict__, "parent": prov}))
               for c, a in out.items()}
    return out


def is_code(text: str) -> bool:
    """Whether ``text`` is a well-formed unit code (:data:`CODE_PATTERN`, not a device name)."""
    return bool(CODE_PATTERN.fullmatch(text)) and text not in _RESERVED


def check_code(code: str, where: str) -> None:
    """Refuse a unit code that is not :func:`is_code`: it would name files.

    Raises
    ------
    InputFileError
        Naming the code, its row and the rule.
    """
    if is_code(code):
        return
    raise InputFileError(
        f"Mã đơn vị “{code}” không hợp lệ: mã chỉ gồm chữ in hoa không dấu, chữ số, “-” và "
        "“_”, bắt đầu bằng chữ hoặc số, tối đa 32 ký tự (mã đặt tên cho tệp phụ lục).",
        f"The unit code “{code}” is not valid: a code is upper-case ASCII letters, digits, "
        "“-” and “_”, starting with a letter or digit, at most 32 characters (it names the "
        "appendix files).", where=where,
        hint_vi="Sửa mã trong units.csv (ví dụ SKHCN, TB-SNV), và ở successions.csv nếu có; "
                "rồi chạy papi-analysis agencies --check.",
        hint_en="Fix the code in units.csv (e.g. SKHCN, TB-SNV), and in successions.csv if "
                "used there; then run papi-analysis agencies --check.")


def _successions(path: Path) -> list[Succession]:
    if not path.is_file():
        return []
    rows = _rows(path)
    missing = [f for f in ("predecessor", "successor", "date", "kind") if rows and f not in rows[0]]
    if missing:
        raise InputFileError(
            "Tệp kế thừa đơn vị thiếu cột: " + ", ".join(missing) + ".",
            "The successions file lacks columns: " + ", ".join(missing) + ".", where=str(path),
            hint_vi="Xem data/agencies/README.md.", hint_en="See data/agencies/README.md.")
    out = []
    for n, r in enumerate(rows, start=2):
        if not r.get("predecessor"):
            continue
        where = f"{path.name} › dòng {n}"
        day = _date(r["date"], where)
        if day is None:
            raise InputFileError("Thiếu ngày chuyển giao.", "The date of the change is missing.",
                                 where=where, hint_vi="Ghi ngày đầu tiên của đơn vị kế thừa.",
                                 hint_en="Give the successor's first day.")
        share = r.get("share", "")
        try:
            sh = float(share.replace(",", ".")) if share else None
        except ValueError:
            raise InputFileError(f"Tỷ lệ “{share}” không phải số.",
                                 f"Share “{share}” is not a number.",
                                 where=where, hint_vi="Ghi tỷ lệ dạng 0,4 hoặc để trống.",
                                 hint_en="Write the share as 0.4 or leave it empty.") from None
        out.append(Succession(r["predecessor"], r["successor"], day, r["kind"].lower(), sh,
                              r.get("function_vi", ""), _yes(r.get("verified", "")),
                              r.get("source", ""), r.get("source_url", ""), r.get("note", ""), n))
    return out


def registry_path(data_dir: Path | str | None = None) -> Path:
    """Where the registry of ``data_dir`` lives: ``PAPI_ANALYSIS_AGENCIES`` when set, else
    ``<data_dir>/agencies/units.csv`` when that folder has one, else the shipped registry."""
    env = os.environ.get("PAPI_ANALYSIS_AGENCIES")
    if env:
        return Path(env)
    if data_dir:
        folder = Path(data_dir) / "agencies"
        for name in ("units.csv", "hung_yen.csv"):
            if (folder / name).is_file():
                return folder / name
    return Path(config.AGENCIES_FILE)


@lru_cache(maxsize=16)
def _load(path: str, mtime: float) -> Registry:
    p = Path(path)
    if p.is_dir():
        p = p / "units.csv"
    return Registry(_units(p), _successions(p.parent / "successions.csv"), str(p))


def load(path: Path | str | None = None) -> Registry:
    """The registry at ``path`` (a units CSV or its folder; default: the shipped one)."""
    p = Path(path) if path else Path(config.AGENCIES_FILE)
    try:
        mtime = p.stat().st_mtime
    except OSError:
        mtime = 0.0
    return _load(str(p), mtime)


def registry(path: Path | str | None = None) -> dict[str, Agency]:
    """All units ever in the registry, by code (default: the shipped Hưng Yên registry)."""
    return load(path).units


def get(code: str, path: Path | str | None = None) -> Agency:
    """Return the agency with ``code`` (case-insensitive).

    Raises
    ------
    AgencyError
        If the code is unknown; the message suggests the closest known codes.
    """
    reg = registry(path)
    key = str(code).strip().upper()
    if key in reg:
        return reg[key]
    raise AgencyError(
        f"Không có đơn vị mã “{code}” trong danh sách.",
        f"No agency with code “{code}” in the registry.",
        hint_vi=f"Mã gần nhất: {', '.join(suggest(code, path)) or '—'}. "
        "Xem danh sách bằng `papi-analysis agencies`.",
        hint_en=f"Closest codes: {', '.join(suggest(code, path)) or '—'}. "
        "List them with `papi-analysis agencies`.",
    )


def suggest(text: str, path: Path | str | None = None, n: int = 3) -> list[str]:
    """Codes closest to ``text``, matched against codes and folded names."""
    reg = registry(path)
    key = str(text).strip().upper()
    # 0.5: "SKHC" still finds SKHCN, but a code sharing one letter ("XYZ" ~ "HY") is no help
    out = difflib.get_close_matches(key, list(reg), n=n, cutoff=0.5)
    by_name = {fold(a.name_vi): c for c, a in reg.items()}
    by_name.update({fold(a.short_vi): c for c, a in reg.items()})
    for m in difflib.get_close_matches(fold(text), list(by_name), n=n, cutoff=0.6):
        if by_name[m] not in out:
            out.append(by_name[m])
    return out[:n]


def find_by_name(text: str, path: Path | str | None = None,
                 period: Period | str | None = None) -> Agency | None:
    """The agency whose full or short Vietnamese name appears in ``text``, longest first
    (with ``period``: among the units that report for it)."""
    folded = fold(text)
    best: Agency | None = None
    day = as_of(period) if period is not None else None
    for a in registry(path).values():
        if day is not None and not a.valid_on(day):
            continue
        for name in (a.name_vi, a.short_vi):
            if name and fold(name) in folded and (best is None or len(name) > len(best.name_vi)):
                best = a
    return best


def resolve_text(text: str, path: Path | str | None = None) -> str:
    """The registry code for an agency as a submission writes it, else the text as written.

    ``text`` may be a code in any case ("skhcn"), "Name (CODE)", or a full or short name
    (:func:`find_by_name`).  A unit outside the registry keeps its text, so that validation
    can report it; blank text gives "".
    """
    t = nfc(str(text)).strip()
    if not t:
        return ""
    upper = {c.upper(): c for c in registry(path)}
    if t.upper() in upper:
        return upper[t.upper()]
    m = re.search(r"\(\s*([A-Za-z0-9_&.-]+)\s*\)\s*$", t)
    if m and m.group(1).upper() in upper:
        return upper[m.group(1).upper()]
    found = find_by_name(t, path)
    return found.code if found else t


def departments(path: Path | str | None = None,
                period: Period | str | None = None) -> list[Agency]:
    """The home province's departments that report for ``period`` (valid on its last day).

    Without a period: the departments of the registry's first dated state, i.e. every
    department of the home province that has no ``valid_from`` (for a registry without
    dates: all of them).
    """
    reg = load(path)
    if period is not None:
        return reg.departments(period)
    return [a for a in reg.units.values()
            if a.kind != "province" and a.parent == reg.home and a.valid_from is None]


def table(path: Path | str | None = None) -> pd.DataFrame:
    """The registry as a pandas DataFrame."""
    import pandas as pd

    return pd.DataFrame([a.__dict__ for a in registry(path).values()])
