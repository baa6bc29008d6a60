"""Reading an appendix's HTML as a reader sees it: numbered tables, their cells and classes,
and figure captions.  Standard library only (html.parser)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser


@dataclass
class Cell:
    text: str
    classes: set[str]
    tag: str  # "td" or "th"


@dataclass
class Table:
    caption: str
    rows: list[list[Cell]] = field(default_factory=list)

    def row(self, label: str) -> list[Cell]:
        """The first body row whose first cell starts with ``label``."""
        for r in self.rows:
            if r and r[0].text.startswith(label):
                return r
        raise KeyError(f"{label!r} not in {self.caption!r}: {[r[0].text for r in self.rows]}")


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self.captions: list[str] = []
        self._fig_caption: list[str] | None = None
        self._in_table = 0
        self._row: list[Cell] | None = None
        self._cell: list[str] | None = None
        self._cell_meta: tuple[str, set[str]] = ("td", set())
        self._in_sup = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "figcaption":
            self._fig_caption = []
        elif tag == "table":
            self._in_table += 1
            cap = self.captions[-1] if self.captions else ""
            self.tables.append(Table(cap))
        elif tag == "tr" and self._in_table:
            self._row = []
        elif tag in ("td", "th") and self._row is not None:
            self._cell = []
            self._cell_meta = (tag, set((a.get("class") or "").split()))
        elif tag == "sup":
            self._in_sup += 1
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag):
        if tag == "figcaption" and self._fig_caption is not None:
            self.captions.append(_norm("".join(self._fig_caption)))
            self._fig_caption = None
        elif tag == "table":
            self._in_table -= 1
        elif tag in ("td", "th") and self._cell is not None and self._row is not None:
            self._row.append(Cell(_norm("".join(self._cell)), *reversed(self._cell_meta)))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            if self._row and self.tables:
                self.tables[-1].rows.append(self._row)
            self._row = None
        elif tag == "sup":
            self._in_sup -= 1

    def handle_data(self, data):
        if self._fig_caption is not None:
            self._fig_caption.append(data)
        if self._cell is not None and not self._in_sup:  # footnote marks left out
            self._cell.append(data)


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\xa0", " ")).strip()


def parse(html: str) -> tuple[list[Table], list[str]]:
    """The numbered tables (with the caption above each) and every caption."""
    p = _Parser()
    p.feed(html)
    return p.tables, p.captions


def table(html: str, caption_start: str) -> Table:
    """The table whose caption starts with ``caption_start`` (``"Bảng 1.1."``)."""
    tables, _ = parse(html)
    for t in tables:
        if t.caption.startswith(caption_start):
            return t
    raise KeyError(f"no table {caption_start!r}: {[t.caption for t in tables]}")


def text(html: str) -> str:
    """The page's text, tags removed, spaces collapsed."""
    return _norm(re.sub(r"<[^>]+>", " ", re.sub(r"<style.*?</style>", "", html, flags=re.S)))
