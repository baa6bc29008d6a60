"""An appendix's numbered tables as an Excel workbook: one sheet per table.

The workbook is made from the appendix's own HTML (what the reader sees), so it holds exactly
the tables of the appendix, numbered as there: each sheet has the table's number and caption,
the appendix, agency and period, the header, the rows, then the footnotes, the notes and the
source line.  Numbers are numbers (``1.234,5`` → 1234.5, ``98,8%`` → 98.8 shown ``98.8%``,
``+30 (+12,0%)`` → 30 and 12.0 in a column of its own); a footnote mark on a number becomes the
cell's comment; every text is a text cell, never a formula (a text starting ``=``, ``+``,
``-`` or ``@`` also gets Excel's quote prefix, as :mod:`papi_analysis.atomic` does).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

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
@dataclass
class Cell:
    """One cell as the workbook writes it: a number (with its display format) or a text."""

    text: str
    number: float | None = None
    fmt: str = ""
    pct: float | None = None  # the "(+12,0%)" of a change cell
    notes: list[str] = field(default_factory=list)  # footnote numbers on the cell
    header: bool = False
    illustrative: bool = False  # shown in italics, as in the appendix


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


def number_of(text: str, lang: str) -> tuple[float | None, str]:
    """``("1.234,5", "vi")`` → ``(1234.5, "#,##0.0")``; ``"98,8%"`` → ``(98.8, '0.0"%"')``;
    ``(None, "")`` when ``text`` is not one number as the appendix writes it."""
    t = text.strip().replace("\u00a0", " ")
    suffix = ""
    for end in ("%", " điểm %", " pp"):
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
    shown = f'"{suffix.strip()}"' if suffix.strip() not in ("", "%") else ""
    if suffix.strip() == "%":
        shown = '"%"'
    fmt = base + shown
    if sign:
        fmt = f"+{fmt};-{fmt};{fmt}"
    return (int(value) if decimals == 0 and value.is_integer() else value), fmt


def _cell(node: Node, lang: str, row_ill: bool = False) -> Cell:
    notes = [s.content() for s in node.find_all("sup", "pa-fn")]
    pct_node = node.first("span", "pa-pct")
    text = node.content(skip=("pa-fn", "pa-pct"))
    number, fmt = number_of(text, lang)
    pct = None
    if pct_node is not None:
        pct, _ = number_of(pct_node.content().strip("()"), lang)
    return Cell(text, number, fmt, pct, notes, header=node.tag == "th",
                illustrative=row_ill or "ill" in node.classes)


def tables_of(html_text: str, lang: str = "vi") -> tuple[str, list[Table]]:
    """The appendix's heading line (appendix, title, agency and period) and its numbered
    tables, in order."""
    root = parse(html_text)
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
def _sheet_name(number: str, used: set[str]) -> str:
    name = _BAD_SHEET.sub("-", number or "Bảng")[:31] or "Bảng"
    base, i = name, 2
    while name in used:
        name = f"{base[:28]} ({i})"
        i += 1
    used.add(name)
    return name


def _widen(header: list[list[Cell]], rows: list[list[Cell]]) -> list[int]:
    """The columns that get a "%" column beside them (a change with its percentage)."""
    n = max((len(r) for r in [*header, *rows]), default=0)
    return [j for j in range(n) if any(j < len(r) and r[j].pct is not None for r in rows)]


def write(heading: str, tables: list[Table], path: Path, lang: str = "vi") -> Path:
    """Write ``tables`` to the workbook ``path``, one sheet each, atomically.

    Raises
    ------
    OSError
        If the file cannot be written.
    """
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font

    from .. import atomic

    def text(ws, value: str, bold: bool = False, italic: bool = False):
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

        c = WriteOnlyCell(ws, value=ILLEGAL_CHARACTERS_RE.sub("\ufffd", value))
        c.data_type = "s"  # never a formula
        if atomic.is_formula_like(value):
            c.quotePrefix = True
        if bold or italic:
            c.font = Font(bold=bold, italic=italic)
        return c

    def number(ws, value, fmt: str, italic: bool = False):
        from openpyxl.cell import WriteOnlyCell

        c = WriteOnlyCell(ws, value=value)
        if fmt:
            c.number_format = fmt
        if italic:
            c.font = Font(italic=True)
        return c

    wb = Workbook(write_only=True)
    used: set[str] = set()
    for tab in tables:
        ws = wb.create_sheet(_sheet_name(tab.number, used))
        wide = _widen(tab.header, tab.rows)
        ws.append([text(ws, tab.caption, bold=True)])
        if heading:
            ws.append([text(ws, heading)])
        ws.append([])
        for hr in tab.header:
            row = []
            for j, c in enumerate(hr):
                row.append(text(ws, c.text, bold=True))
                if j in wide:
                    row.append(text(ws, f"{c.text} (%)", bold=True))
            ws.append(row)
        for r in tab.rows:
            row = []
            for j, c in enumerate(r):
                if c.number is not None:
                    cell = number(ws, c.number, c.fmt, c.illustrative)
                else:
                    cell = text(ws, c.text + "".join(f" [{n}]" for n in c.notes),
                                italic=c.illustrative)
                if c.number is not None and c.notes:
                    cell.comment = Comment("; ".join(f"[{n}] {tab.footnotes.get(n, '')}"
                                                     for n in c.notes), "papi-analysis")
                row.append(cell)
                if j in wide:
                    row.append(number(ws, c.pct, '+0.0"%";-0.0"%";0.0"%"', c.illustrative)
                               if c.pct is not None else None)
            ws.append(row)
        ws.append([])
        for n, fn in tab.footnotes.items():
            ws.append([text(ws, f"[{n}] {fn}")])
        for line in [*tab.notes, *tab.source]:
            ws.append([text(ws, line)])
    if not tables:
        ws = wb.create_sheet("-")
        ws.append([text(ws, "Phụ lục này không có bảng số." if lang == "vi"
                        else "This appendix has no numbered table.")])
    with atomic.replacing(path) as tmp:
        wb.save(tmp)
    return Path(path)


def export(html_path: Path, xlsx_path: Path, lang: str = "vi") -> Path:
    """The tables of the appendix ``html_path`` as the workbook ``xlsx_path``.

    Raises
    ------
    OSError
        If a file cannot be read or written.
    """
    heading, tables = tables_of(Path(html_path).read_text(encoding="utf-8"), lang)
    return write(heading, tables, xlsx_path, lang)


def beside(html_path: Path, lang: str = "vi") -> Path | None:
    """Write the workbook of the appendix ``html_path`` next to it (``HY.html`` → ``HY.xlsx``,
    ``HY.en.html`` → ``HY.en.xlsx``); ``None`` when it cannot be written (the HTML appendix
    stands without it)."""
    target = Path(html_path).with_suffix(".xlsx")
    try:
        return export(html_path, target, lang)
    except (OSError, ValueError):
        return None
