"""An appendix's numbered tables as an Excel workbook: a notes sheet, then one sheet per table.

The workbook is made from the appendix's own HTML (what the reader sees), so it holds exactly
the tables of the appendix, numbered as there.  Its first sheet, "Ghi chú" ("Notes" in
English), holds what the appendix says above its tables: the illustrative-data banner, the
data-errors box, the coverage and partial-data notes, then the provenance and the list of
tables.  Each table's sheet opens with the warnings of that first sheet (the banner's and the
error box's title, in red), then the table's number and caption, the appendix, agency and
period, the header, the rows, the footnotes, the notes and the source line.

Numbers are numbers (``1.234,5`` → 1234.5, ``98,8%`` → 98.8 shown ``98.8%``).  A change shown
with a value (``+30 (+12,0%)``, ``945`` over ``−14,6%``, ``100,0%`` over ``+0,4 điểm %``,
a rank over ``▲7``) gets a numeric column of its own beside the value's, with the unit in its
header: ``… (%)`` for a percent change, ``… (điểm %)`` for a change in percentage points,
``… (bậc)`` for a rank move (shown ``▲7`` / ``▼2`` / ``●``, stored +7 / −2 / 0).  A change in
points that stands alone in a change column (``+2,9 điểm %``) moves to that column's
``(điểm %)`` column, so a column never mixes percentage points with the row's own unit.  A
footnote mark on a number becomes the cell's comment; illustrative figures, and changes the
appendix shows in italics (a comparison with an illustrative period), are in italics; every
text is a text cell, never a formula (a text starting ``=``, ``+``, ``-`` or ``@`` also gets
Excel's quote prefix, as :mod:`papi_analysis.atomic` does).

What the parser relies on in the appendix HTML (class names kept by
:mod:`papi_analysis.appendix.report` and the table builders): ``figure.pa-table`` with
``span.pa-num`` in its ``figcaption``, ``ol`` footnotes, ``p.pa-note`` and ``p.pa-src``;
``tr.ill`` / ``td.ill`` for illustrative figures; ``.chg`` on a change column's header;
``.pa-pct`` (any tag; ``<i>`` means italic) for the change shown with a value; ``sup.pa-fn``
for footnote marks; ``header.pa-head`` (``h1``, ``p.pa-sub``); the notices ``.pa-banner``,
``.pa-errors``, ``.pa-partial``, ``.pa-illnote``, ``.pa-coverage`` (or any element with
``role="note"`` / ``role="alert"`` outside a figure), each with its title in ``<strong>``;
``aside.pa-prov`` (``p.pa-prov-title``, ``dl``).
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

log = logging.getLogger(__name__)

_VOID = {"img", "br", "meta", "link", "hr", "input", "col", "source", "wbr"}
_MINUS = "\u2212"
_NUMBER = {"vi": re.compile(r"^[+\-\u2212]?\d{1,3}(\.\d{3})*(,\d+)?$|^[+\-\u2212]?\d+(,\d+)?$"),
           "en": re.compile(r"^[+\-\u2212]?\d{1,3}(,\d{3})*(\.\d+)?$|^[+\-\u2212]?\d+(\.\d+)?$")}
_BAD_SHEET = re.compile(r"[\[\]:*?/\\]")


# -- a small HTML tree ----------------------------------------------------------------------
@dataclass
class Node:
    """One element of the appendix HTML, or the text of one (``tag == "#text"``)."""

    tag: str
    attrs: dict = field(default_factory=dict)
    children: list = field(default_factory=list)
    text: str = ""

    @property
    def classes(self) -> set[str]:
        return set((self.attrs.get("class") or "").split())

    def find_all(self, tag: str, cls: str | None = None) -> list[Node]:
        """Every descendant ``tag`` (with the class ``cls``), in document order."""
        out = []
        for c in self.children:
            if c.tag == tag and (cls is None or cls in c.classes):
                out.append(c)
            out += c.find_all(tag, cls)
        return out

    def first(self, tag: str, cls: str | None = None) -> Node | None:
        found = self.find_all(tag, cls)
        return found[0] if found else None

    def content(self, skip: tuple[str, ...] = ()) -> str:
        """The text inside, spaces collapsed; elements with a class in ``skip`` left out."""
        if self.tag == "#text":
            return self.text
        if skip and self.classes & set(skip):
            return ""
        return re.sub(r"\s+", " ", "".join(c.content(skip) for c in self.children)).strip()


class _Builder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: v or "" for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in _VOID:
            self.stack.append(node)

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(Node("#text", text=data))


def parse(html_text: str) -> Node:
    """The HTML as a :class:`Node` tree."""
    b = _Builder()
    b.feed(html_text)
    b.close()
    return b.root


# -- the tables -----------------------------------------------------------------------------
#: The kinds of change shown with a value, in the order of their columns: a percent change,
#: a change in points, a rank move, the compared period's value (of a movement such as
#: ``▼ giảm 5 (12,0%) (kỳ đó: 40)``), a text.
CHANGE_KINDS = ("pct", "pp", "rank", "base", "common_n", "common_now", "common_then", "text")
#: "so sánh trên 15 đơn vị có số liệu cả hai kỳ (28.282 so với 27.001)" (``pa-common``): a
#: change computed on the units both periods have, their number and their two values.
_COMMON = re.compile(r"(\d+)\D+?\(([^()]*?)\s+(?:so với|against)\s+([^()]*?)\)")
_PCT_FMT = '+0.0"%";-0.0"%";0.0"%"'
_RANK_FMT = '"▲"0;"▼"0;"●"'
_RANK = re.compile(r"^([▲▼])\s*(\d+)$")
_UNIT = {"pct": ("%", "%"), "pp": ("điểm %", "pp"), "rank": ("bậc", "places"),
         "common_n": ("số đơn vị so sánh", "units compared")}
_VERBS = ("không đổi", "giữ nguyên", "unchanged", "tăng", "giảm", "lên", "xuống", "up",
          "down")


@dataclass
class Change:
    """A change shown with a value (an element of class ``pa-pct``), a change in points
    that stood alone in a change column, or a part of a movement (``pa-dir``): ``kind`` is
    one of :data:`CHANGE_KINDS`; ``value`` None means a text (``–``, ``kỳ so sánh bằng 0``)."""

    kind: str
    value: float | None
    fmt: str
    text: str
    notes: list[str] = field(default_factory=list)
    italic: bool = False


@dataclass
class Cell:
    """One cell as the workbook writes it: a number (with its display format) or a text."""

    text: str
    number: float | None = None
    fmt: str = ""
    changes: list[Change] = field(default_factory=list)  # "(+12,0%)", "▲7"… shown with it
    notes: list[str] = field(default_factory=list)  # footnote numbers on the cell
    header: bool = False
    illustrative: bool = False  # shown in italics, as in the appendix
    chg: bool = False  # the header of a change column
    movement: bool = False  # a movement (▼ giảm 5 …): the number is the signed change

    @property
    def pct(self) -> float | None:
        """The percent change shown with the value, if any."""
        return next((c.value for c in self.changes if c.kind == "pct"), None)


@dataclass
class Table:
    """One numbered table of an appendix."""

    number: str
    caption: str
    header: list[list[Cell]]
    rows: list[list[Cell]]
    footnotes: dict[str, str]
    notes: list[str]
    source: list[str]


@dataclass
class Notice:
    """A box or note the appendix shows above its tables: ``kind`` is its class
    (``pa-banner``, ``pa-errors``…), ``title`` its ``<strong>`` text, ``lines`` the rest;
    ``alert`` notices are repeated at the top of every table's sheet; ``items`` are its list
    items (the error box's errors, also among ``lines``)."""

    kind: str
    title: str
    lines: list[str]
    alert: bool
    items: list[str] = field(default_factory=list)  # its list items (the errors)


@dataclass
class Appendix:
    """What the workbook is made of: the heading line, the notices, the provenance lines and
    the numbered tables."""

    heading: str
    notices: list[Notice]
    provenance: list[str]
    tables: list[Table]
    provenance_title: str = ""


def number_of(text: str, lang: str) -> tuple[float | None, str]:
    """``("1.234,5", "vi")`` → ``(1234.5, "#,##0.0")``; ``"98,8%"`` → ``(98.8, '0.0"%"')``;
    ``"+0,4 điểm %"`` → ``(0.4, '+#,##0.0" điểm %";…')``; ``(None, "")`` when ``text`` is
    not one number as the appendix writes it."""
    t = text.strip().replace("\u00a0", " ")
    suffix = ""
    for end in (" điểm %", " pp", "%"):  # the points first: they end with "%" too
        if t.endswith(end) and len(t) > len(end):
            t, suffix = t[: -len(end)].strip(), end
            break
    if not _NUMBER["vi" if lang == "vi" else "en"].match(t):
        return None, ""
    sign = "+" if t[0] == "+" else ""
    body = t.lstrip("+-" + _MINUS)
    negative = t[0] in ("-", _MINUS)
    if lang == "vi":
        body = body.replace(".", "").replace(",", ".")
    else:
        body = body.replace(",", "")
    value = float(body) * (-1 if negative else 1)
    decimals = len(body.split(".")[1]) if "." in body else 0
    base = "#,##0" + ("." + "0" * decimals if decimals else "")
    shown = f'"{suffix}"' if suffix.strip() not in ("", "%") else ""
    if suffix.strip() == "%":
        shown = '"%"'
    fmt = base + shown
    if sign:
        fmt = f"+{fmt};-{fmt};{fmt}"
    return (int(value) if decimals == 0 and value.is_integer() else value), fmt


def change_of(text: str, lang: str) -> tuple[str, float | None, str]:
    """A change as the appendix writes it, as ``(kind, value, format)``: ``"(+12,0%)"`` →
    ``("pct", 12.0, …)``, ``"+0,4 điểm %"`` → ``("pp", 0.4, "+0.0;-0.0;0.0")``, ``"▲7"`` →
    ``("rank", 7, …)``, ``"●"`` → ``("rank", 0, …)``; anything else ``("text", None, "")``.
    The unit of a percent-point change goes to the column's header, not the number format."""
    t = text.strip().replace("\u00a0", " ")
    if t.startswith("(") and t.endswith(")"):
        t = t[1:-1].strip()
    if t == "●":
        return "rank", 0, _RANK_FMT
    m = _RANK.match(t)
    if m:
        return "rank", int(m.group(2)) * (1 if m.group(1) == "▲" else -1), _RANK_FMT
    value, fmt = number_of(t, lang)
    if value is None:
        return "text", None, ""
    if t.endswith((" điểm %", " pp")):
        m = re.search(r"\.(0+)", fmt)
        dec = "." + m.group(1) if m else ""
        return "pp", value, f"+0{dec};-0{dec};0{dec}"
    if t.endswith("%"):
        return "pct", value, _PCT_FMT
    return "text", None, ""


def _marks(node: Node) -> list[str]:
    """The footnote marks in ``node``, outside any change (``pa-pct``) it holds."""
    if node.tag == "#text" or "pa-pct" in node.classes:
        return []
    if node.tag == "sup" and "pa-fn" in node.classes:
        return [node.content()]
    return [m for c in node.children for m in _marks(c)]


def _change_node(node: Node) -> Node | None:
    for c in node.children:
        if c.tag == "#text":
            continue
        if "pa-pct" in c.classes:
            return c
        found = _change_node(c)
        if found is not None:
            return found
    return None


def _signed(value: float, fmt: str) -> str:
    """The signed form of a number format (``#,##0.0`` → ``+#,##0.0;-#,##0.0;#,##0.0``)."""
    base = fmt.split(";")[0].lstrip("+")
    return f"+{base};-{base};{base}"


def _movement(node: Node, lang: str, ill: bool) -> tuple[float | None, str, list[Change]]:
    """A movement cell (``▼ giảm 4.212 (12,0%) (kỳ đó: 35.033)``, ``▲ tăng 0,5 điểm %
    (kỳ đó: 98,8%)``, ``● không đổi (kỳ đó: 5)``) as ``(signed change, its format, the other
    parts)``: the percent change, the change in points, the compared value."""
    arrow = node.first("span", "pa-dir")
    sign = 1 if "pa-up" in arrow.classes else -1 if "pa-down" in arrow.classes else 0
    changes: list[Change] = []
    base = node.first("span", "pa-base")
    base_val, base_fmt = None, ""
    if base is not None:
        then = base.content().strip().strip("()")
        then = then.split(":", 1)[1].strip() if ":" in then else then
        base_val, base_fmt = number_of(then, lang)
        changes.append(Change("base", base_val, base_fmt, then, italic=ill))
    said = node.content(skip=("pa-dir", "pa-base", "pa-fn", "pa-common")).strip()
    for verb in _VERBS:
        if said.startswith(verb):
            said = said[len(verb):].strip()
            break
    main, _, aside = said.partition("(")
    main, aside = main.strip(), aside.rstrip(")").strip()
    number, fmt = None, ""
    if not main:  # unchanged: 0 in the unit of the compared value
        if base is not None and re.match(r"^\d+/\d+$", changes[0].text):  # a rank, 12/61
            changes.append(Change("rank", 0, _RANK_FMT, "0", italic=ill))
        elif base_fmt.endswith('"%"'):
            changes.append(Change("pp", 0, "+0.0;-0.0;0.0", "0", italic=ill))
        else:
            number, fmt = 0, _signed(0, base_fmt or "#,##0")
            if base_val:  # no percent change from zero
                changes.append(Change("pct", 0, _PCT_FMT, "0", italic=ill))
        return number, fmt, changes
    kind, value, cfmt = change_of(main, lang)
    places = re.match(r"^(\d+) (bậc|places?)$", main)
    if places:  # a rank: "▼ giảm 7 bậc" is 7 places down
        changes.append(Change("rank", sign * int(places.group(1)), _RANK_FMT, main, italic=ill))
    elif kind == "pp":
        changes.append(Change("pp", sign * value, cfmt, main, italic=ill))
    else:
        value, vfmt = number_of(main, lang)
        if value is not None:
            number, fmt = sign * value, _signed(value, vfmt)
    if aside:
        kind, value, cfmt = change_of(aside, lang)
        changes.append(Change("pct", sign * value if value is not None else None,
                              cfmt if kind == "pct" else "", aside, italic=ill))
    return number, fmt, changes


def _common(node: Node, lang: str, ill: bool) -> list[Change]:
    """The parts of a change computed on the units both periods have (``span.pa-common``):
    how many units, and their values now and then, as numbers; ``[]`` without one."""
    sub = node.first("span", "pa-common")
    if sub is None:
        return []
    m = _COMMON.search(sub.content())
    if not m:
        return [Change("text", None, "", sub.content().strip(), italic=ill)]
    out = [Change("common_n", int(m.group(1)), "0", m.group(1), italic=ill)]
    for kind, shown in (("common_now", m.group(2)), ("common_then", m.group(3))):
        value, fmt = number_of(shown, lang)
        out.append(Change(kind, value, fmt, shown.strip(), italic=ill))
    return out


def _cell(node: Node, lang: str, row_ill: bool = False) -> Cell:
    notes = _marks(node)
    ill = row_ill or "ill" in node.classes
    common = _common(node, lang, ill)
    if node.first("span", "pa-dir") is not None:
        number, fmt, changes = _movement(node, lang, ill)
        read = number is not None or any(c.value is not None and c.kind != "base"
                                          for c in changes)
        return Cell("" if read else node.content(skip=("pa-fn", "pa-common")), number, fmt,
                    changes + common, notes, illustrative=ill, movement=True)
    text = node.content(skip=("pa-fn", "pa-pct", "pa-common"))
    number, fmt = number_of(text, lang)
    change = None
    sub = _change_node(node)
    if sub is not None:
        kind, value, cfmt = change_of(sub.content(skip=("pa-fn",)), lang)
        shown = sub.content(skip=("pa-fn",)).strip()
        if shown.startswith("(") and shown.endswith(")"):
            shown = shown[1:-1].strip()
        change = Change(kind, value, cfmt, shown,
                        [s.content() for s in sub.find_all("sup", "pa-fn")],
                        italic=ill or sub.tag in ("i", "em") or "ill" in sub.classes)
    elif node.tag == "td" and number is not None and change_of(text, lang)[0] == "pp":
        # a change in points alone in its cell: to the column's "(điểm %)" column
        kind, value, cfmt = change_of(text, lang)
        change = Change(kind, value, cfmt, text, notes, italic=ill)
        text, number, fmt, notes = "", None, "", []
    return Cell(text, number, fmt, ([change] if change else []) + common, notes,
                header=node.tag == "th", illustrative=ill, chg="chg" in node.classes)


_NOTICE_CLASSES = ("pa-banner", "pa-errors", "pa-partial", "pa-illnote", "pa-coverage")
#: Notices repeated at the top of every table's sheet (and any ``role="alert"``).
_ALERTS = frozenset({"pa-banner", "pa-errors", "pa-partial", "pa-illnote"})


def _notice(node: Node) -> Notice:
    """One notice: its ``<strong>`` title, then the rest as lines in document order (the
    text between line breaks, each paragraph, each list item)."""
    kind = next((c for c in _NOTICE_CLASSES if c in node.classes),
                node.attrs.get("role") or "note")
    strong = next((c for c in node.children if c.tag in ("strong", "b")), None)
    lines: list[str] = []
    items: list[str] = []
    loose = ""

    def flush() -> None:
        nonlocal loose
        line = re.sub(r"\s+", " ", loose).strip().lstrip("—–:").strip()
        if line:
            lines.append(line)
        loose = ""

    for c in node.children:
        if c is strong:
            continue
        if c.tag in ("ul", "ol"):
            flush()
            found = [li.content() for li in c.find_all("li")]
            items += found
            lines += found
        elif c.tag in ("p", "div", "br"):
            flush()
            if c.tag != "br" and c.content():
                lines.append(c.content())
        else:
            loose += c.text if c.tag == "#text" else c.content()
    flush()
    alert = kind in _ALERTS or node.attrs.get("role") == "alert"
    return Notice(kind, strong.content() if strong else "", lines, alert, items)


def _notices(node: Node, out: list[Notice]) -> list[Notice]:
    """The notices under ``node`` in document order (none inside a figure)."""
    for c in node.children:
        if c.tag in ("#text", "figure", "table", "aside", "footer", "style", "script") or \
                c.attrs.get("aria-hidden") == "true":
            continue
        if c.classes & set(_NOTICE_CLASSES) or c.attrs.get("role") in ("note", "alert"):
            out.append(_notice(c))
            continue
        _notices(c, out)
    return out


def _provenance(root: Node) -> tuple[str, list[str]]:
    """The provenance box as ``(title, ["Kỳ báo cáo: …", …])``."""
    box = root.first("aside", "pa-prov")
    if box is None:
        return "", []
    title = box.first("p", "pa-prov-title")
    lines = []
    for dl in box.find_all("dl"):
        term = ""
        for c in dl.children:
            if c.tag == "dt":
                term = c.content()
            elif c.tag == "dd":
                lines.append(f"{term}: {c.content()}" if term else c.content())
    return (title.content() if title else ""), lines


def read(html_text: str, lang: str = "vi") -> Appendix:
    """Everything the workbook holds, read from the appendix's HTML."""
    root = parse(html_text)
    heading, tables = _tables(root, lang)
    title, prov = _provenance(root)
    return Appendix(heading, _notices(root, []), prov, tables, title)


def _tables(root: Node, lang: str) -> tuple[str, list[Table]]:
    head = root.first("header", "pa-head")
    heading = " — ".join(x for x in (
        head.first("h1").content() if head and head.first("h1") else "",
        head.first("p", "pa-sub").content() if head and head.first("p", "pa-sub") else "") if x)
    out = []
    for fig in root.find_all("figure", "pa-table"):
        cap = fig.first("figcaption")
        num = cap.first("span", "pa-num").content().rstrip(".") if cap and cap.first(
            "span", "pa-num") else ""
        caption = cap.content() if cap else ""
        table = fig.first("table")
        if table is None:
            continue
        thead, tbody = table.first("thead"), table.first("tbody")
        header = [[_cell(c, lang) for c in tr.children if c.tag in ("th", "td")]
                  for tr in (thead.find_all("tr") if thead else [])]
        rows = [[_cell(c, lang, "ill" in tr.classes) for c in tr.children
                 if c.tag in ("th", "td")]
                for tr in (tbody.find_all("tr") if tbody else table.find_all("tr"))]
        fns = {li.attrs.get("value") or str(i + 1): li.content()
               for i, li in enumerate(fig.find_all("li"))}
        out.append(Table(num, caption, header, rows, fns,
                         [p.content() for p in fig.find_all("p", "pa-note")],
                         [p.content() for p in fig.find_all("p", "pa-src")]))
    return heading, out


# -- the workbook ---------------------------------------------------------------------------
_RED = "B00020"
_WORDS = {"notes": ("Ghi chú", "Notes"), "tables": ("Các bảng", "Tables"),
          "change": ("thay đổi", "change"), "then": ("giá trị kỳ so sánh", "value then"),
          "see": ("chi tiết: trang “Ghi chú”", "details: sheet “Notes”"),
          "more": ("… và {n} dòng khác (trang “Ghi chú”)", "… and {n} more (sheet “Notes”)"),
          "none": ("Phụ lục này không có bảng số.", "This appendix has no numbered table.")}


def _w(key: str, lang: str) -> str:
    return _WORDS[key][0 if lang == "vi" else 1]


def _sheet_name(number: str, used: set[str]) -> str:
    name = _BAD_SHEET.sub("-", number or "Bảng")[:31] or "Bảng"
    base, i = name, 2
    while name in used:
        name = f"{base[:28]} ({i})"
        i += 1
    used.add(name)
    return name


def _extras(rows: list[list[Cell]]) -> dict[int, list[str]]:
    """``{column: [change kinds]}``: the columns that get change columns beside them, and
    which (in :data:`CHANGE_KINDS` order).  A change that is a text (``–`` with a footnote)
    goes to the column's first change column, or to a text column of its own when the column
    has no numeric change."""
    found: dict[int, set[str]] = {}
    for r in rows:
        for j, c in enumerate(r):
            for ch in c.changes:
                found.setdefault(j, set()).add(ch.kind)
    out = {}
    for j, kinds in found.items():
        numeric = [k for k in CHANGE_KINDS if k in kinds and k != "text"]
        out[j] = numeric or ["text"]
    return out


def _change_header(c: Cell, kind: str, lang: str) -> str:
    if kind == "base":
        return f"{c.text}: {_w('then', lang)}"
    if kind in ("common_now", "common_then"):
        now = kind == "common_now"
        return (f"{c.text}: " + ("cùng đơn vị, kỳ này" if now else "cùng đơn vị, kỳ đó")
                if lang == "vi" else
                f"{c.text}: " + ("same units, now" if now else "same units, then"))
    unit = _UNIT.get(kind, ("", ""))[0 if lang == "vi" else 1]
    base = c.text if c.chg else f"{c.text}: {_w('change', lang)}"
    return f"{base} ({unit})" if unit else base


def _alert_lines(notices: list[Notice], lang: str, most: int = 3) -> list[str]:
    """The rows a table's sheet opens with: each alert notice's title (the error box with
    its first ``most`` errors), or its text when it has no title."""
    out = []
    for n in notices:
        if not n.alert:
            continue
        if not n.title:
            out.append(" ".join(n.lines))
            continue
        out.append(f"{n.title} — {_w('see', lang)}")
        out += [f"• {x}" for x in n.items[:most]]
        if len(n.items) > most:
            out.append(_w("more", lang).format(n=len(n.items) - most))
    return out


def write(heading: str, tables: list[Table], path: Path, lang: str = "vi",
          notices: list[Notice] | None = None, provenance: list[str] | None = None,
          provenance_title: str = "") -> Path:
    """Write the workbook ``path`` atomically: the notes sheet ("Ghi chú" / "Notes": the
    heading, ``notices``, the provenance, the list of tables), then one sheet per table.

    Raises
    ------
    OSError
        If the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font

    from .. import atomic

    notices = notices or []

    def text(ws, value: str, bold: bool = False, italic: bool = False, color: str = "",
             wrap: bool = False):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        c = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        c.data_type = "s"  # never a formula
        if atomic.is_formula_like(value):
            c.quotePrefix = True
        if bold or italic or color:
            c.font = Font(bold=bold, italic=italic, color=color or None)
        if wrap:
            c.alignment = Alignment(wrap_text=True, vertical="top")
        return c

    def number(ws, value, fmt: str, italic: bool = False):
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(ws, value=value)
        if fmt:
            c.number_format = fmt
        if italic:
            c.font = Font(italic=True)
        return c

    def comment(cell, marks: list[str], footnotes: dict[str, str]) -> None:
        cell.comment = Comment("; ".join(f"[{n}] {footnotes.get(n, '')}" for n in marks),
                               "papi-analysis")

    def change_cell(ws, ch: Change, footnotes: dict[str, str]):
        if ch.value is None:
            return text(ws, ch.text + "".join(f" [{n}]" for n in ch.notes), italic=ch.italic)
        cell = number(ws, ch.value, ch.fmt, ch.italic)
        if ch.notes:
            comment(cell, ch.notes, footnotes)
        return cell

    wb = Workbook(write_only=True)
    used: set[str] = set()
    # the notes sheet first: what the appendix says above its tables
    ws = wb.create_sheet(_sheet_name(_w("notes", lang), used))
    ws.column_dimensions["A"].width = 120
    if heading:
        ws.append([text(ws, heading, bold=True)])
        ws.append([])
    for n in notices:
        if n.title:
            ws.append([text(ws, n.title, bold=True, color=_RED if n.alert else "", wrap=True)])
        for line in n.lines:
            ws.append([text(ws, line, wrap=True)])
        ws.append([])
    if provenance:
        if provenance_title:
            ws.append([text(ws, provenance_title, bold=True)])
        for line in provenance:
            ws.append([text(ws, line, wrap=True)])
        ws.append([])
    ws.append([text(ws, _w("tables", lang) if tables else _w("none", lang), bold=True)])
    names = [_sheet_name(tab.number, used) for tab in tables]
    for tab in tables:
        ws.append([text(ws, tab.caption, wrap=True)])

    alerts = _alert_lines(notices, lang)
    for name, tab in zip(names, tables, strict=True):
        ws = wb.create_sheet(name)
        extra = _extras(tab.rows)
        moved = {j for r in tab.rows for j, c in enumerate(r) if c.movement}
        for line in alerts:
            ws.append([text(ws, line, bold=True, color=_RED)])
        if alerts:
            ws.append([])
        ws.append([text(ws, tab.caption, bold=True)])
        if heading:
            ws.append([text(ws, heading)])
        ws.append([])
        for hr in tab.header:
            row = []
            for j, c in enumerate(hr):
                row.append(text(ws, f"{c.text}: {_w('change', lang)}" if j in moved else c.text,
                                bold=True))
                row += [text(ws, _change_header(c, k, lang), bold=True)
                        for k in extra.get(j, [])]
            ws.append(row)
        for r in tab.rows:
            row = []
            for j, c in enumerate(r):
                if c.number is not None:
                    cell = number(ws, c.number, c.fmt, c.illustrative)
                    if c.notes:
                        comment(cell, c.notes, tab.footnotes)
                elif c.text or not c.changes:
                    cell = text(ws, c.text + "".join(f" [{n}]" for n in c.notes),
                                italic=c.illustrative)
                else:
                    cell = None  # a change in points moved to its own column
                row.append(cell)
                kinds = extra.get(j, [])
                slots: list = [None] * len(kinds)
                for ch in c.changes:
                    at = kinds.index(ch.kind) if ch.kind in kinds else 0
                    slots[at] = change_cell(ws, ch, tab.footnotes)
                row += slots
            ws.append(row)
        ws.append([])
        for n, fn in tab.footnotes.items():
            ws.append([text(ws, f"[{n}] {fn}")])
        for line in [*tab.notes, *tab.source]:
            ws.append([text(ws, line)])
    with atomic.replacing(path) as tmp:
        wb.save(tmp)
    return Path(path)


def export(html_path: Path, xlsx_path: Path, lang: str = "vi") -> Path:
    """The appendix ``html_path`` as the workbook ``xlsx_path``.

    Raises
    ------
    OSError
        If a file cannot be read or written.
    """
    a = read(Path(html_path).read_text(encoding="utf-8"), lang)
    return write(a.heading, a.tables, xlsx_path, lang, a.notices, a.provenance,
                 a.provenance_title)


def beside(html_path: Path, lang: str = "vi") -> Path | None:
    """Write the workbook of the appendix ``html_path`` next to it (``HY.html`` → ``HY.xlsx``,
    ``HY.en.html`` → ``HY.en.xlsx``); ``None`` when it cannot be written (the HTML appendix
    stands without it, and the build goes on: the reason is logged as a warning, one line on
    stderr under the command line).  A workbook of an earlier build is then removed: its
    figures may not be the new HTML's."""
    path, warning = beside_quietly(html_path, lang)
    if warning:
        log.warning(warning)  # its traceback is logged under --debug
    return path


def beside_quietly(html_path: Path, lang: str = "vi",
                   target: Path | None = None) -> tuple[Path | None, str]:
    """:func:`beside` without logging, for a worker process whose log is not the user's:
    ``(the workbook, "")``, or ``(None, the one-line warning)`` when it cannot be written (a
    stale workbook at ``target`` is then removed).  ``target`` defaults to the HTML's name
    with ``.xlsx``.  The build's process logs the warning (:mod:`papi_analysis.batch.runner`)."""
    target = Path(target) if target else Path(html_path).with_suffix(".xlsx")
    try:
        return export(html_path, target, lang), ""
    except Exception as err:  # noqa: BLE001 - a side output never stops the build
        warning = (f"{'Không ghi được' if lang == 'vi' else 'Could not write'} {target}: "
                   f"{type(err).__name__}: {err}")
        log.debug("the workbook was not written", exc_info=True)
        try:
            target.unlink(missing_ok=True)
        except OSError:
            pass
        return None, warning
