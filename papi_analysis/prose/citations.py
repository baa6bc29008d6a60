"""Documents a report cites with number and date ("Kế hoạch số 40/KH-SKHCN ngày 13/3/2024
về …"): kind (from the number: KH → Kế hoạch, QĐ → Quyết định …), number, date dd/mm/yyyy,
issuer and title, each with the sentence it stands in (:data:`DOCUMENT_COLUMNS`).
"""

from __future__ import annotations

import bisect
import datetime as dt
import re

from .. import fmt
from . import patterns as pt
from .figures import Extraction
from .sentences import sentences


def documents(ex: Extraction, para: str, row: int,
               spans: list[tuple[int, int]] | None = None) -> list[dict]:
    """The documents cited in ``para`` with number and date, :data:`DOCUMENT_COLUMNS`."""
    out = []
    spans = sentences(para) if spans is None else spans
    for m in re.finditer(pt.DOC_RE, para):
        number = m.group("number")
        segs = [s for s in number.split("/")[1:] if not s.isdigit()]
        code = segs[0].split("-") if segs else []
        kind = pt.DOC_KINDS.get(code[0]) if code else None
        issuer = "-".join(code[1:] if kind else code)
        kind = kind or m.group("kind") or "Công văn"
        rest = para[m.end():m.end() + 400]
        nxt = re.search(pt.DOC_RE, rest)
        cut = re.search(pt.DOC_TITLE_END, rest)
        stop = min(nxt.start() if nxt else len(rest), cut.start() if cut else len(rest), 200)
        title = rest[:stop].strip(" ,;:.")
        if title.startswith("của ") and " về " in title:
            title = title[title.index(" về ") + 1:]
        try:
            date = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        s0, s1 = sentence_at(para, m.start(), spans)
        out.append({"agency": ex.agency, "period": ex.period_code,
                    "kind": kind, "number": number, "date": fmt.date(date), "issuer": issuer,
                    "title": title, "source_file": ex.source, "source_row": row,
                    "source_column": f"c{m.start()}-c{m.end()}", "source_text": para[s0:s1]})
    return out


def sentence_at(para: str, pos: int,
                 spans: list[tuple[int, int]] | None = None) -> tuple[int, int]:
    """The span of the sentence of ``para`` that holds ``pos`` (the whole paragraph if none)."""
    spans = sentences(para) if spans is None else spans
    i = bisect.bisect_right(spans, pos, key=lambda s: s[0]) - 1
    if i >= 0 and spans[i][0] <= pos < spans[i][1]:
        return spans[i]
    return (0, len(para))


def add_documents(ex: Extraction, para: str, row: int,
                  spans: list[tuple[int, int]] | None = None) -> None:
    """Add the documents cited in ``para`` that the report has not cited before."""
    seen = {(d["number"], d["date"]) for d in ex.documents}
    for d in documents(ex, para, row, spans):
        if (d["number"], d["date"]) not in seen:
            seen.add((d["number"], d["date"]))
            ex.documents.append(d)
