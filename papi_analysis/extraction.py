"""Figures out of agencies' prose reports (.txt, .md, .docx), one tidy row per figure.

A report is read as numbered paragraphs; each paragraph is split into sentences and the
phrases of :mod:`papi_analysis.patterns` are matched on the folded sentence.  Every figure
keeps the sentence it came from, the character span of the number, the pattern that read it
and a confidence.  Context rules then settle what a number means from its neighbours
("N hồ sơ, trong đó …" makes N a total; "đang giải quyết …, trong đó quá hạn M" makes M
pending overdue), and the report's own arithmetic is checked (stated rate against the counts,
total against its parts, "04 Quyết định" against the list that follows).

Confidence of a figure (0–1), in this order:

1. the weight of the pattern that read it (0.6 catch-all … 0.95 specific wording);
2. × the clarity of the number (1.0; 0.8 when "12,516" could be read two ways);
3. × 0.9 when a context rule changed the indicator the pattern gave;
4. + 0.05 (at most 0.99) when the figure is part of a total-and-parts statement in its
   sentence that adds up;
5. figures derived from a stated 100% (not written as counts) get 0.6.

Public API: :func:`extract_file`, :func:`extract_paragraphs`, :func:`read_paragraphs`,
:data:`OUTPUT_COLUMNS`, :data:`DOCUMENT_COLUMNS`, :func:`write_outputs`, :func:`main`.
"""

from __future__ import annotations

import datetime as dt
import re
import sys
import zipfile
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd

from . import agencies, fmt, indicators, periods, schema, vnnumbers
from . import patterns as pt
from .errors import InputFileError, PapiError, ParameterError
from .text import fold, nfc

#: Columns of the figures table: the tidy table plus what prose adds (see docs/extraction.md).
OUTPUT_COLUMNS = schema.COLUMNS + ["unit", "confidence", "span_start", "span_end",
                                   "period_start", "period_end", "pattern"]
#: Columns of the documents list.
DOCUMENT_COLUMNS = ["agency", "period", "kind", "number", "date", "issuer", "title",
                    "source_file", "source_row", "source_column", "source_text"]
#: Columns of the findings table (the same as :mod:`papi_analysis.validation`'s).
FINDING_COLUMNS = ["severity", "rule", "agency", "period", "indicator", "field", "location",
                   "message_vi", "message_en"]
SUFFIXES = (".txt", ".md", ".docx")
_NOUN_KEYS = sorted(((fold(k), v) for k, v in pt.NOUNS.items()), key=lambda kv: -len(kv[0]))
_PROVINCES = None


# -- reading -------------------------------------------------------------------------------
def read_paragraphs(path: Path | str) -> list[str]:
    """The report's paragraphs, in reading order, NFC, empty ones dropped.

    .txt / .md: blocks separated by blank lines; inside a block, a line starting with a
    lower-case letter continues the previous line unless that one ends a sentence.  .docx:
    the body's paragraphs and table cells in document order.

    Raises
    ------
    InputFileError
        Missing file, unsupported extension, unreadable .docx or text, or no text at all.
    """
    path = Path(path)
    where = str(path)
    if not path.is_file():
        raise InputFileError(f"Không tìm thấy tệp báo cáo “{path.name}”.",
                             f"Report file “{path.name}” not found.", where=where,
                             hint_vi="Kiểm tra đường dẫn.", hint_en="Check the path.")
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise InputFileError(
            f"Không đọc được tệp “{path.name}”: chỉ đọc .txt, .md, .docx.",
            f"Cannot read “{path.name}”: only .txt, .md and .docx are read.", where=where,
            hint_vi="Lưu báo cáo dưới dạng .docx hoặc .txt (Word: Lưu thành… › .docx). "
            "Tệp .doc cũ và .pdf cần chuyển đổi trước.",
            hint_en="Save the report as .docx or .txt (old .doc and .pdf need converting).")
    paras = _read_docx(path) if suffix == ".docx" else _split_text(_read_text(path))
    if not any(p.strip() for p in paras):
        raise InputFileError(f"Tệp báo cáo “{path.name}” không có nội dung.",
                             f"Report file “{path.name}” is empty.", where=where,
                             hint_vi="Kiểm tra lại tệp (có thể lưu nhầm tệp trống).",
                             hint_en="Check the file (an empty file may have been saved).")
    return paras


def _read_text(path: Path) -> str:
    data = path.read_bytes()
    try:  # UTF-16 only with its byte-order mark (Notepad's "Unicode"); else UTF-8
        return data.decode("utf-16" if data[:2] in (b"\xff\xfe", b"\xfe\xff") else "utf-8-sig")
    except UnicodeDecodeError:
        pass
    raise InputFileError(f"Không đọc được tệp “{path.name}”: không phải văn bản UTF-8.",
                         f"Cannot read “{path.name}”: not UTF-8 text.", where=str(path),
                         hint_vi="Lưu lại tệp với bảng mã UTF-8 (Unicode).",
                         hint_en="Save the file again as UTF-8 (Unicode).")


def _split_text(text: str) -> list[str]:
    text = nfc(text).replace("\r\n", "\n").replace("\r", "\n")
    paras: list[str] = []
    for block in re.split(r"\n[ \t]*\n", text):
        current: str | None = None
        for line in (ln.strip() for ln in block.split("\n")):
            if not line:
                continue
            if current is not None and line[0].islower() and not re.search(r"[.;:!?]$", current):
                current += " " + line
            else:
                if current is not None:
                    paras.append(current)
                current = line
        if current is not None:
            paras.append(current)
    return paras


def _read_docx(path: Path) -> list[str]:
    try:
        import docx  # python-docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            doc = docx.Document(str(path))
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
            raise InputFileError(
                f"Không mở được tệp Word “{path.name}” ({type(exc).__name__}).",
                f"Cannot open the Word file “{path.name}” ({type(exc).__name__}).",
                where=str(path),
                hint_vi="Tệp có thể hỏng hoặc không phải .docx: mở bằng Word và lưu lại "
                "dưới dạng .docx.",
                hint_en="The file may be damaged or not a .docx: open it in Word and save it "
                "again as .docx.") from None
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        out: list[str] = []
        for block in doc.element.body.iterchildren():
            tag = block.tag.rsplit("}", 1)[-1]
            if tag == "p":
                out.append(Paragraph(block, doc).text)
            elif tag == "tbl":
                for row in Table(block, doc).rows:
                    seen: list[str] = []
                    for cell in row.cells:
                        if cell.text not in seen:
                            seen.append(cell.text)
                    out.extend(t for c in seen for t in c.split("\n"))
        return [nfc(p).strip() for p in out if p and p.strip()]
    except InputFileError:
        raise
    except Exception as exc:  # a damaged part inside a valid zip
        raise InputFileError(
            f"Không đọc được nội dung tệp Word “{path.name}” ({type(exc).__name__}).",
            f"Cannot read the content of the Word file “{path.name}” ({type(exc).__name__}).",
            where=str(path), hint_vi="Mở bằng Word và lưu lại dưới dạng .docx.",
            hint_en="Open it in Word and save it again as .docx.") from None


# -- results ---------------------------------------------------------------------------------
@dataclass
class Figure:
    """One figure read from a paragraph (offsets are in the paragraph)."""

    indicator: str
    value: float
    row: int
    start: int
    end: int
    sentence: tuple[int, int]
    weight: float
    pattern: str
    match_len: int = 0
    clarity: float = 1.0
    percent: bool = False
    zero: bool = False
    derived: bool = False
    relabelled: bool = False
    bonus: float = 0.0
    decimals: int = 0
    field: str = ""

    @property
    def confidence(self) -> float:
        """See the module docstring."""
        if self.derived:
            return 0.6
        c = self.weight * self.clarity * (0.9 if self.relabelled else 1.0) + self.bonus
        return round(max(0.05, min(0.99, c)), 2)


@dataclass
class Extraction:
    """What one report gave: its unit, period, paragraphs, figures, documents, findings."""

    source: str
    paragraphs: list[str]
    agency: str = ""
    agency_known: bool = False
    agency_how: str = ""
    period: periods.Period | None = None
    figures: list[Figure] = field(default_factory=list)
    documents: list[dict] = field(default_factory=list)
    findings: list[dict] = field(default_factory=list)
    repeated: dict[int, int] = field(default_factory=dict)  # row → row it repeats

    def table(self) -> pd.DataFrame:
        """The figures as a table with :data:`OUTPUT_COLUMNS`."""
        rows = []
        start, end = (self.period.start, self.period.end) if self.period else (None, None)
        for f in self.figures:
            para = self.paragraphs[f.row - 1]
            s0, s1 = f.sentence
            rows.append({
                "agency": self.agency, "period": self.period.code if self.period else "",
                "indicator": f.indicator, "value": f.value, "field": f.field,
                "illustrative": False, "source_file": self.source, "source_sheet": "",
                "source_row": f.row, "source_column": f"c{f.start}-c{f.end}",
                "source_text": para[s0:s1], "unit": indicators.get(f.indicator).unit,
                "confidence": f.confidence, "span_start": f.start - s0, "span_end": f.end - s0,
                "period_start": fmt.date(start) if start else "",
                "period_end": fmt.date(end) if end else "", "pattern": f.pattern,
            })
        df = pd.DataFrame(rows, columns=OUTPUT_COLUMNS)
        return df.astype({"confidence": float, "span_start": int, "span_end": int})


# -- sentences, nouns, context ----------------------------------------------------------------
def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans of a paragraph: split after . ! ? … before a capital, digit or list mark."""
    out, start = [], 0
    for m in re.finditer(r"[.!?…]+[\"”)]?\s+(?=[A-ZĐÀ-Ỹ0-9\"“(\-–•*+])", text):
        if re.match(pt.SENTENCE_CONTINUES, text[m.end():]):
            continue  # "… 186 hồ sơ. Trong đó: …" still states the parts of that total
        word = re.search(r"([\w./]+)[.!?…]*[\"”)]?\s*$", text[start:m.start() + 1])
        if word and word.group(1).lower().rstrip(".") in pt.ABBREVIATIONS:
            continue
        out.append((start, m.start() + len(m.group().rstrip())))
        start = m.end()
    if start < len(text):
        out.append((start, len(text.rstrip())))
    return [s for s in out if s[1] > s[0]]


def _noun_after(folded: str, pos: int) -> tuple[str, ...] | None:
    """Units allowed by the word after ``pos``, or ``None`` when no known noun follows."""
    rest = folded[pos:].lstrip()
    for key, units in _NOUN_KEYS:
        if rest.startswith(key) and (len(rest) == len(key) or not rest[len(key)].isalnum()):
            return units
    return None


def _choose_code(codes: tuple[str, ...], units: tuple[str, ...] | None) -> str | None:
    if units is None:
        return codes[0]
    for c in codes:
        if indicators.get(c).unit in units:
            return c
    return None


def _pattern_ids() -> list[str]:
    """A stable name per pattern: its own, or its first indicator and position in the list."""
    return [p.name or f"{(p.codes or ('_',))[0]}#{i}" for i, p in enumerate(pt.PATTERNS)]


def _match_sentence(para: str, folded: str, row: int, span: tuple[int, int],
                    context: str = "") -> list[Figure]:
    """Every figure the patterns read in one sentence, one indicator per number.

    ``context`` (folded paragraph, heading and title) is where ``when=`` conditions look.
    """
    s0, s1 = span
    sf = folded[s0:s1]
    cands: list[Figure] = []
    ids = _pattern_ids()  # cheap: the phrases are compiled once (patterns._COMPILED)
    for idx, pat in enumerate(pt.PATTERNS):
        if pat.when_regex is not None and not pat.when_regex.search(context or sf):
            continue
        slots = pt.compile_phrase(pat.text)[1]
        for m in pat.regex.finditer(sf):
            if pat.zero:
                for code in pat.zero:
                    cands.append(Figure(code, 0.0, row, s0 + m.start(), s0 + m.end(), span,
                                        pat.weight, ids[idx], m.end() - m.start(), zero=True))
                continue
            for slot in slots:
                if not slot.codes or m.group(slot.group) is None:
                    continue
                a, b = m.span(slot.group)
                fig = _read_slot(para, sf, slot, a, b, s0, row, span, pat, ids[idx], m)
                if fig is not None:
                    cands.append(fig)
    return _resolve(cands)


def _read_slot(para, sf, slot, a, b, s0, row, span, pat, pid, m) -> Figure | None:
    try:
        num = vnnumbers.parse(para[s0 + a:s0 + b])
    except ValueError:
        return None
    if re.search(r"\b" + pt.APPROXIMATE, sf[:a]):
        return None
    units = None if slot.percent else _noun_after(sf, b)
    code = slot.codes[0] if slot.percent else _choose_code(slot.codes, units)
    if code is None:
        return None
    clause = re.split(r"[,;(:]", sf[:a])[-1]
    if re.search(pt.COMPARISON, clause) and not code.endswith("carried_over"):
        return None
    value = vnnumbers.to_unit(num, indicators.get(code).unit)
    decimals = len(re.split(r"[,.]", num.text.rstrip(" %"))[-1]) if re.search(
        r"[,.]\d{1,2}\s*%?$", num.text) else 0
    return Figure(code, value, row, s0 + a, s0 + b, span, pat.weight, pid, m.end() - m.start(),
                  clarity=num.clarity, percent=slot.percent, decimals=decimals)


def _resolve(cands: list[Figure]) -> list[Figure]:
    """One indicator per number span: the highest weight, then the longest match, then first."""
    best: dict[tuple, Figure] = {}
    for c in cands:
        key = (c.start, c.end) if not c.zero else (c.start, c.end, c.indicator)
        cur = best.get(key)
        if cur is None or (c.weight, c.match_len) > (cur.weight, cur.match_len):
            best[key] = c
    out = sorted(best.values(), key=lambda f: (f.start, f.indicator))
    # a zero phrase inside another zero phrase for the same indicator is the same statement
    return [f for f in out if not (f.zero and any(
        g is not f and g.zero and g.indicator == f.indicator and g.start <= f.start
        and f.end <= g.end and (g.end - g.start) > (f.end - f.start) for g in out))]


def _groups(figs: list[Figure], para: str, folded: str) -> dict[int, list[Figure]]:
    """Heads and their parts: "N hồ sơ, trong đó …" / "N hồ sơ (…)" (index of head → parts)."""
    counts = [f for f in figs if not f.percent and not f.zero]
    spans: dict[int, tuple[int, int]] = {}
    for i, f in enumerate(counts):
        s1 = f.sentence[1]
        m = re.match(r"\s*(?:[^\W\d_]+\s*){0,5}?" + pt.GROUP_OPENER[1:], folded[f.end:s1])
        if not m:
            continue
        start = f.end + m.start(1)
        end = _group_end(folded, start, s1)
        if folded[start] == "(":
            more = re.match(pt.GROUP_OPENER, folded[end:s1])
            if more and more.group(1) != "(":
                end = _group_end(folded, end + more.start(1), s1)
        spans[i] = (start, end)
    out: dict[int, list[Figure]] = {}
    for i, (a, b) in spans.items():
        inner = [j for j in spans if j != i and a <= counts[j].start < b]
        nested = [spans[j] for j in inner]
        out[figs.index(counts[i])] = [
            g for g in counts if a <= g.start < b
            and not any(x <= g.start < y for x, y in nested)]
    return out


def _group_end(folded: str, start: int, limit: int) -> int:
    if folded[start] == "(":
        depth = 0
        for k in range(start, limit):
            depth += {"(": 1, ")": -1}.get(folded[k], 0)
            if depth == 0:
                return k + 1
        return limit
    if re.match(r"[^;,(]{0,12}:", folded[start:limit]):
        return limit  # "trong đó: a; b; c" — a list whose items are separated by ";"
    depth = 0
    for k in range(start, limit):
        ch = folded[k]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
            if depth < 0:
                return k
        elif ch == ";" and depth == 0:
            return k
    return limit


def _apply_context(figs: list[Figure], groups: dict[int, list[Figure]]) -> None:
    """Relabel heads from their parts and parts from their heads (rules in patterns.py)."""
    for hi, parts in groups.items():
        head = figs[hi]
        labels = {p.indicator for p in parts}
        for total, split, _complete in pt.SPLITS:
            if labels == set(split) and head.indicator != total and head.weight < 0.8 \
                    and head.indicator.split(".")[0] == total.split(".")[0]:
                head.indicator, head.relabelled = total, True
                break
        for p in parts:
            new = pt.RELABEL_UNDER.get(head.indicator, {}).get(p.indicator)
            if new:
                p.indicator, p.relabelled = new, True
    codes = {f.indicator for f in figs}
    for f in figs:
        if f.indicator == "tthc.resolved_on_time" and "tthc.resolved_early" not in codes:
            f.indicator, f.relabelled = "tthc.resolved_early_on_time", True
    grouped = {id(p) for ps in groups.values() for p in ps}
    carried = [f for f in figs if f.indicator == "tthc.carried_over"]
    for hi, f in enumerate(figs):
        if f.indicator == "tthc.files_total" and f.weight < 0.75 and carried and not any(
                id(c) in {id(p) for p in groups.get(hi, [])} for c in carried) \
                and id(f) not in grouped:
            f.indicator, f.relabelled = "tthc.received_in_period", True


def _levels(para: str, folded: str, carry: str) -> tuple[list[tuple[int, str]], list]:
    events = [(m.start(), pt.LEVELS[m.group(1)]) for m in re.finditer(pt.LEVEL_RE, folded)]
    events += [(m.start(), "") for m in re.finditer(pt.LEVEL_RESET, folded)]
    fields = []
    for m in re.finditer(pt.FIELD_RE, folded):
        name = para[m.start(1):m.end(1)].strip(" -–")
        if not name or name.split()[0].lower() in pt.FIELD_STOP:
            continue
        end = re.search(r";|\.(?!\d)|\blinh vuc\b", folded[m.end():])
        fields.append((m.end(), m.end() + end.start() if end else len(para),
                       name[0].upper() + name[1:]))
    return [(-1, carry)] + sorted(events), fields


def _field_at(pos: int, levels, fields) -> str:
    level = ""
    for p, v in levels:
        if p <= pos:
            level = v
    lv = next((n for a, b, n in fields if a <= pos < b), "")
    return " › ".join(x for x in (level, lv) if x)


_HEADING = re.compile(r"^\s*(#+|\*\*|[IVX]+\.|\d+(\.\d+)*\.?\)?|[a-zđ]\))\s")


def _is_heading(para: str) -> bool:
    return len(para) <= 90 and (bool(_HEADING.match(para)) or (
        para.upper() == para and any(ch.isalpha() for ch in para)))


# -- one report ------------------------------------------------------------------------------
def extract_paragraphs(paragraphs: list[str], source: str = "", *, agency: str | None = None,
                       period: periods.Period | str | None = None,
                       agencies_path: Path | str | None = None) -> Extraction:
    """Read the figures, documents and prose findings of a report given as paragraphs.

    ``agency`` / ``period`` override what the report says (a code from the registry or a
    unit as written; a period code or phrase).
    """
    paragraphs = [nfc(p) for p in paragraphs]
    ex = Extraction(source=source, paragraphs=paragraphs)
    _detect_agency(ex, agency, agencies_path)
    ex.period = periods.parse(period) if period else _detect_period(paragraphs)
    seen: dict[str, int] = {}
    carry, heading = "", ""
    title = _title(paragraphs)
    docs_seen: set[tuple[str, str]] = set()
    for row, para in enumerate(paragraphs, start=1):
        key = fold(para)
        if key in seen and len(key) > 40:
            ex.repeated[row] = seen[key]
            continue
        seen.setdefault(key, row)
        folded = vnnumbers.fold_same_length(para)
        levels, fields = _levels(para, folded, carry)
        context = " ".join((folded, heading or title))
        para_figs: list[Figure] = []
        for span in sentences(para):
            figs = _match_sentence(para, folded, row, span, context)
            groups = _groups(figs, para, folded)
            _apply_context(figs, groups)
            for f in figs:
                f.field = _field_at(f.start, levels, fields)
            ex.findings += _check_groups(ex, figs, groups)
            para_figs += figs
        if _is_heading(para) and not para_figs:
            stated = [v for pos, v in levels if pos >= 0]
            carry = stated[-1] if stated else ""
            heading = folded
        ex.figures += para_figs
        for d in _documents(ex, para, row):
            if (d["number"], d["date"]) not in docs_seen:
                docs_seen.add((d["number"], d["date"]))
                ex.documents.append(d)
        ex.findings += _count_vs_list(ex, para, folded, row)
    ex.figures = _dedup(ex.figures)
    ex.figures += _derive(ex.figures)
    ex.findings += _check_rates(ex)
    if not ex.agency:
        ex.findings.append(_finding(ex, "warning", "prose.no_agency", "", "", 0, None,
                                    "Không xác định được đơn vị báo cáo; dùng --agency.",
                                    "The reporting unit was not found; use --agency."))
    if ex.period is None:
        ex.findings.append(_finding(ex, "warning", "prose.no_period", "", "", 0, None,
                                    "Không xác định được kỳ báo cáo; dùng --period.",
                                    "The reporting period was not found; use --period."))
    return ex


def extract_file(path: Path | str, *, agency: str | None = None,
                 period: periods.Period | str | None = None,
                 agencies_path: Path | str | None = None) -> Extraction:
    """Read one report file (.txt, .md, .docx); see :func:`extract_paragraphs`.

    Raises
    ------
    InputFileError
        If the file cannot be read (see :func:`read_paragraphs`).
    """
    return extract_paragraphs(read_paragraphs(path), Path(path).name, agency=agency,
                              period=period, agencies_path=agencies_path)


def _dedup(figs: list[Figure]) -> list[Figure]:
    """Keep the first statement of each (indicator, field, value); later repeats go."""
    out, seen = [], set()
    for f in figs:
        key = (f.indicator, f.field, round(f.value, 6))
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# -- unit and period -------------------------------------------------------------------------
def _foreign_province(text: str, known: set[str]) -> str:
    """A province named in ``text`` ("tỉnh Lâm Đồng") that is not the registry's, or ""."""
    for m in re.finditer(pt.PROVINCE_WORD, text):
        words = []
        for w in re.findall(r"[^\s,.;:()]+", text[m.end():])[:3]:
            if not w[0].isupper():
                break
            words.append(w)
        name = " ".join(words)
        if name and fold(name) not in known:
            return name
    return ""


def _detect_agency(ex: Extraction, override: str | None, path) -> None:
    reg = agencies.registry(path)
    known = {fold(a.province) for a in reg.values()}
    if override:
        code = override.strip().upper()
        ex.agency, ex.agency_known, ex.agency_how = (
            (code, True, "--agency") if code in reg else (override.strip(), False, "--agency"))
        return
    paras = ex.paragraphs
    title_at = _title_at(paras)
    header = [re.split(pt.HEADER_CUT, re.sub(r"[*#_]", "", p))[0].strip()
              for p in paras[:title_at or 0]]
    header = [h for h in header if h and not re.search(pt.NOT_UNIT, fold(h))]
    foreign = next((f for f in (_foreign_province(h, known) for h in header) if f), "")
    number = next((m.group(1) for p in paras[:15]
                   for m in [re.match(pt.NUMBER_LINE, fold(p))] if m), "")
    if number and number.upper() in reg and not foreign:
        ex.agency, ex.agency_known, ex.agency_how = number.upper(), True, "số hiệu"
        return
    if header:
        unit = header[-1]
        found = agencies.find_by_name(unit, path)
        if found and not foreign:
            ex.agency, ex.agency_known, ex.agency_how = found.code, True, "tiêu đề"
            return
        parent = header[-2] if len(header) > 1 else ""
        # "TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG" alone is ambiguous: keep the parent line with it
        ex.agency = f"{unit} ({parent})" if parent and not _foreign_province(unit, known) \
            else unit
        ex.agency_how = "tiêu đề"
        return
    for p in paras[(title_at or 0):(title_at or 0) + 8]:
        if re.match(pt.ADDRESSEE, fold(p)):
            continue  # the addressee, not the author
        found = agencies.find_by_name(p, path)
        if found and found.level == "province":
            found = None  # "toàn tỉnh" is ordinary prose, not a name
        if found:
            folded = vnnumbers.fold_same_length(p)
            name = next((n for n in (found.name_vi, found.short_vi) if fold(n) in folded), "")
            at = folded.find(fold(name)) + len(name) if name else 0
            other = _foreign_province(p[at:at + 40], known)
            if name and other and re.match(r"\s+tinh\b", folded[at:]):
                ex.agency = re.sub(r"\s+", " ", p[at - len(name):at]
                                   + p[at:at + 40].split(other)[0] + other).strip()
                ex.agency_how = "nội dung"
                return
            if not _foreign_province(p, known):
                ex.agency, ex.agency_known, ex.agency_how = found.code, True, "nội dung"
                return
        m = re.search(pt.UNIT_PHRASE, p)
        if m:
            ex.agency, ex.agency_how = m.group().strip(), "nội dung"
            return
    if number:
        ex.agency, ex.agency_how = number.upper(), "số hiệu"


def _title_at(paras: list[str]) -> int | None:
    """Index of the "BÁO CÁO" line, or ``None``."""
    return next((i for i, p in enumerate(paras[:15]) if re.match(pt.TITLE_MARK, fold(p))), None)


def _title(paras: list[str]) -> str:
    """The folded title (the paragraph after "BÁO CÁO"), or ""."""
    at = _title_at(paras)
    return fold(paras[at + 1]) if at is not None and at + 1 < len(paras) else ""


def _detect_period(paras: list[str]) -> periods.Period | None:
    title_at = _title_at(paras)
    cands = paras[title_at + 1:title_at + 4] if title_at is not None else paras[:8]
    cands = [p for p in cands if not re.search(pt.NOT_UNIT, fold(p))]
    for i, p in enumerate(cands):
        try:
            found = periods.find(p)
        except PapiError:
            found = None
        if found is None:
            continue
        if found.start is None:
            for q in cands[i + 1:i + 3]:
                stated = periods.stated_dates(q)
                if stated:
                    return found.with_dates(*stated)
        return found
    return None


# -- documents and findings ------------------------------------------------------------------
def _documents(ex: Extraction, para: str, row: int) -> list[dict]:
    out = []
    for m in re.finditer(pt.DOC_RE, para):
        number = m.group("number")
        segs = [s for s in number.split("/")[1:] if not s.isdigit()]
        code = segs[0].split("-") if segs else []
        kind = pt.DOC_KINDS.get(code[0]) if code else None
        issuer = "-".join(code[1:] if kind else code)
        kind = kind or m.group("kind") or "Công văn"
        rest = para[m.end():]
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
        s0, s1 = next((s for s in sentences(para) if s[0] <= m.start() < s[1]), (0, len(para)))
        out.append({"agency": ex.agency, "period": ex.period.code if ex.period else "",
                    "kind": kind, "number": number, "date": fmt.date(date), "issuer": issuer,
                    "title": title, "source_file": ex.source, "source_row": row,
                    "source_column": f"c{m.start()}-c{m.end()}", "source_text": para[s0:s1]})
    return out


def _finding(ex: Extraction, severity: str, rule: str, indicator: str, fld: str, row: int,
             span: tuple[int, int] | None, vi: str, en: str) -> dict:
    # the same form as validation.location(): file › dòng/row N › cột/col cA-cB
    loc = " › ".join([ex.source] + ([f"dòng/row {row}"] if row else [])
                     + ([f"cột/col c{span[0]}-c{span[1]}"] if span else []))
    return {"severity": severity, "rule": rule, "agency": ex.agency,
            "period": ex.period.code if ex.period else "", "indicator": indicator,
            "field": fld, "location": loc, "message_vi": vi, "message_en": en}


def _n(x: float, lang: str = "vi") -> str:
    return fmt.number(x, lang, 0 if float(x).is_integer() else 1)


def _check_groups(ex: Extraction, figs: list[Figure], groups) -> list[dict]:
    """Total against the parts stated with it; a sum that adds up raises confidence."""
    out = []
    for hi, parts in groups.items():
        head = figs[hi]
        checks = [(split, complete) for total, split, complete in pt.SPLITS
                  if total == head.indicator]
        by_field = [p for p in parts if p.indicator == head.indicator and p.field != head.field]
        if by_field:
            lv = {p.field for p in by_field}
            checks.append((None, lv == set(pt.LEVELS.values())))
        for split, complete in checks:
            used = by_field if split is None else [
                p for p in parts if p.indicator in split and p.field == head.field]
            if not used:
                continue
            total = sum(p.value for p in used)
            full = complete and (split is None or {p.indicator for p in used} == set(split))
            ok = abs(total - head.value) < 1e-6 if full else total <= head.value + 1e-6
            if ok and full:
                for f in [head, *used]:
                    f.bonus = 0.05
            if not ok:
                expr = " + ".join(_n(p.value) for p in used)
                expr_en = " + ".join(_n(p.value, "en") for p in used)
                out.append(_finding(
                    ex, "error", "prose.total_mismatch", head.indicator, head.field, head.row,
                    (head.start, head.end),
                    f"Tổng {_n(head.value)} khác tổng các phần nêu trong câu: {expr} = "
                    f"{_n(total)}.",
                    f"Total {_n(head.value, 'en')} differs from the parts stated in the "
                    f"sentence: {expr_en} = {_n(total, 'en')}."))
    return out


def _count_vs_list(ex: Extraction, para: str, folded: str, row: int) -> list[dict]:
    """"04 Quyết định …: 651/QĐ-UBND …; 751/…" with fewer or more numbers than stated."""
    out = []
    kinds = "|".join(pt.COUNTED_DOCS)
    for m in re.finditer(rf"(?<![\w/.,])(\d+)\s+({kinds})\b", folded):
        colon = folded.find(":", m.end(), m.end() + 300)
        if colon < 0 or re.search(pt.LIST_IS_PARTIAL, folded[m.end():colon]):
            continue
        if re.search(r"[.;]\s", folded[m.end():colon]):
            continue
        s_end = next((s[1] for s in sentences(para) if s[0] <= colon < s[1]), len(para))
        refs = list(re.finditer(pt.DOC_RE, para[colon:s_end]))
        if not refs or refs[0].start() > 40:
            continue
        wanted = pt.COUNTED_DOCS[m.group(2)]
        named = [r.group("number") for r in refs if wanted is None or any(
            f"/{w}-" in r.group("number") for w in wanted)]
        stated = int(m.group(1))
        if named and len(named) != stated:
            word = para[m.start(2):m.end(2)]
            lst = ", ".join(named)
            out.append(_finding(
                ex, "warning", "prose.count_vs_list", "", "", row, (m.start(), m.end()),
                f"Nêu {m.group(1)} {word} nhưng liệt kê {len(named)}: {lst}.",
                f"States {m.group(1)} {word} but lists {len(named)}: {lst}."))
    return out


def _value_of(expr: str, figs: dict, fld: str) -> float | None:
    vals = [figs.get((c, fld)) for c in expr.split("+")]
    return None if any(v is None for v in vals) else float(sum(vals))


def _derive(figs: list[Figure]) -> list[Figure]:
    """At exactly 100%, the counted numerator equals the rate's first denominator."""
    stated = {}
    for f in figs:
        stated.setdefault((f.indicator, f.field), f.value)
    out = []
    for f in figs:
        if f.indicator not in pt.RATES or f.value != 100:
            continue
        nums, dens = pt.RATES[f.indicator]
        num, den = nums[0], dens[0]
        if "+" in num or "+" in den or (num, f.field) in stated or (den, f.field) not in stated:
            continue
        out.append(replace(f, indicator=num, value=stated[(den, f.field)], percent=False,
                           derived=True, pattern=f"{f.pattern}→100%"))
    return out


def _check_rates(ex: Extraction) -> list[dict]:
    """Stated rates against the counts they describe (any known definition may match)."""
    figs = {}
    for f in ex.figures:
        if not f.derived:
            figs.setdefault((f.indicator, f.field), f.value)
    out = []
    for f in ex.figures:
        if f.indicator not in pt.RATES or f.derived:
            continue
        nums, dens = pt.RATES[f.indicator]
        pairs = [(n, d, _value_of(n, figs, f.field), _value_of(d, figs, f.field))
                 for n in nums for d in dens]
        pairs = [p for p in pairs if p[2] is not None and p[3]]
        if not pairs:
            continue
        tol = 0.5 * 10 ** (-f.decimals) + 1e-9
        if any(abs(100 * a / b - f.value) <= tol for _, _, a, b in pairs):
            continue
        n, d, a, b = pairs[0]
        got = 100 * a / b
        n, d = (re.sub(r"\b[a-z]+\.", "", x).replace("+", " + ") for x in (n, d))
        n = f"({n})" if "+" in n else n
        out.append(_finding(
            ex, "warning", "prose.rate_mismatch", f.indicator, f.field, f.row, (f.start, f.end),
            f"Tỷ lệ nêu {fmt.percent(f.value, 'vi', f.decimals)} nhưng {n} / {d} = {_n(a)} / "
            f"{_n(b)} = {fmt.percent(got, 'vi', max(f.decimals, 1))}.",
            f"Stated rate {fmt.percent(f.value, 'en', f.decimals)} but {n} / {d} = "
            f"{_n(a, 'en')} / {_n(b, 'en')} = {fmt.percent(got, 'en', max(f.decimals, 1))}."))
    return out


# -- many reports, outputs, command ----------------------------------------------------------
def figures_table(results: list[Extraction]) -> pd.DataFrame:
    """All figures of all reports, :data:`OUTPUT_COLUMNS`."""
    frames = [r.table() for r in results]
    frames = [f for f in frames if not f.empty]
    if not frames:
        return pd.DataFrame(columns=OUTPUT_COLUMNS)
    return pd.concat(frames, ignore_index=True)


def documents_table(results: list[Extraction]) -> pd.DataFrame:
    """All documents cited with number and date, :data:`DOCUMENT_COLUMNS`."""
    return pd.DataFrame([d for r in results for d in r.documents], columns=DOCUMENT_COLUMNS)


def _validate(tidy: pd.DataFrame) -> pd.DataFrame | None:
    """The shared checks of :mod:`papi_analysis.validation`, when that module is present."""
    try:
        from . import validation
    except ImportError:
        return None
    if not hasattr(validation, "validate"):
        return None
    return validation.validate(schema.conform(tidy))


def write_outputs(outputs: list[Path], results: list[Extraction], tidy: pd.DataFrame,
                  docs: pd.DataFrame, findings: pd.DataFrame, lang: str = "vi") -> list[Path]:
    """Write each OUT (.csv: plus OUT.documents.csv and OUT.findings.csv; .xlsx: three sheets;
    .html: the review page).  Returns the paths written."""
    from . import review

    written: list[Path] = []
    for out in outputs:
        out.parent.mkdir(parents=True, exist_ok=True)
        suffix = out.suffix.lower()
        try:
            if suffix == ".csv":
                tidy.to_csv(out, index=False, encoding="utf-8-sig")
                written.append(out)
                for name, df in (("documents", docs), ("findings", findings)):
                    extra = out.with_name(f"{out.stem}.{name}.csv")
                    df.to_csv(extra, index=False, encoding="utf-8-sig")
                    written.append(extra)
                continue
            elif suffix == ".xlsx":
                with pd.ExcelWriter(out, engine="openpyxl") as xl:
                    tidy.to_excel(xl, sheet_name="figures", index=False)
                    docs.to_excel(xl, sheet_name="documents", index=False)
                    findings.to_excel(xl, sheet_name="findings", index=False)
            else:
                out.write_text(review.render(results, findings, lang), encoding="utf-8")
        except OSError as exc:
            raise InputFileError(f"Không ghi được tệp “{out}”: {exc.strerror}.",
                                 f"Cannot write “{out}”: {exc.strerror}.", where=str(out),
                                 hint_vi="Kiểm tra thư mục và quyền ghi; đóng tệp nếu đang mở "
                                 "trong Excel.", hint_en="Check the folder and permissions; "
                                 "close the file if Excel has it open.") from None
        written.append(out)
    return written


def main(args) -> int:
    """The ``papi-analysis extract`` command; returns 0, or 2 when errors were found."""
    lang = getattr(args, "lang", "vi")
    vi = lang == "vi"
    outputs = [Path(o) for o in args.output]
    for o in outputs:
        if o.suffix.lower() not in (".csv", ".xlsx", ".html", ".htm"):
            raise ParameterError(
                f"Không ghi được định dạng “{o.suffix or o.name}”.",
                f"Cannot write the format “{o.suffix or o.name}”.", where=f"-o {o}",
                hint_vi="Dùng -o KẾT_QUẢ.csv, KẾT_QUẢ.xlsx hoặc KẾT_QUẢ.html.",
                hint_en="Use -o OUT.csv, OUT.xlsx or OUT.html.")
    period = periods.parse(args.period) if getattr(args, "period", "") else None
    results, errors = [], []
    for path in args.reports:
        try:
            results.append(extract_file(path, agency=getattr(args, "agency", "") or None,
                                        period=period))
        except InputFileError as err:
            if len(args.reports) == 1:
                raise
            print(("Lỗi: " if vi else "Error: ") + err.message(lang), file=sys.stderr)
            errors.append({"severity": "error", "rule": "file.unreadable", "agency": "",
                           "period": "", "indicator": "", "field": "",
                           "location": str(path), "message_vi": err.message("vi"),
                           "message_en": err.message("en")})
    if not results:
        raise InputFileError("Không đọc được báo cáo nào.", "No report could be read.",
                             hint_vi="Xem các lỗi ở trên.", hint_en="See the errors above.")
    tidy, docs = figures_table(results), documents_table(results)
    prose = [f for r in results for f in r.findings]
    checked = _validate(tidy)
    if checked is not None and not checked.empty:
        # a unit kept as written (another province, a district, a one-stop centre) is not in
        # the registry on purpose: say so, as a warning rather than an error
        written = {r.agency for r in results if r.agency and not r.agency_known}
        mask = (checked["rule"] == "agency.unknown") & checked["agency"].isin(written)
        checked.loc[mask, "severity"] = "warning"
        checked.loc[mask, "message_vi"] += " Đơn vị ngoài danh sách: giữ nguyên như báo cáo ghi."
        checked.loc[mask, "message_en"] += " A unit outside the registry: kept as written."
    findings = pd.concat([pd.DataFrame(errors + prose, columns=FINDING_COLUMNS)]
                         + ([checked[FINDING_COLUMNS]] if checked is not None
                            and not checked.empty else []), ignore_index=True)
    written = write_outputs(outputs, results, tidy, docs, findings, lang)
    for r in results:
        fs = int(findings["location"].astype(str).str.startswith(r.source + " ›").sum()
                 + (findings["location"].astype(str) == r.source).sum())
        label = r.period.label(lang) if r.period else "?"
        print(f"{r.source} → {r.agency or '?'}, {r.period.code if r.period else '?'} "
              f"({label}): {len(r.figures)} " + ("số liệu" if vi else "figures")
              + f", {len(r.documents)} " + ("văn bản" if vi else "documents")
              + f", {fs} " + ("phát hiện" if vi else "findings"))
        if getattr(args, "debug", False):
            for f in r.figures:
                print(f"   ¶{f.row} c{f.start}-c{f.end} {f.indicator} = {f.value:g} "
                      f"[{f.field}] {f.confidence} {f.pattern}")
    if checked is None:
        print("(chưa có module validation: bỏ qua kiểm tra chung)" if vi else
              "(validation module missing: shared checks skipped)")
    n_err = int((findings["severity"] == "error").sum())
    n_warn = int((findings["severity"] == "warning").sum())
    print((f"Phát hiện: {n_err} lỗi, {n_warn} cảnh báo. Đã ghi: " if vi else
           f"Findings: {n_err} errors, {n_warn} warnings. Written: ")
          + ", ".join(str(w) for w in written))
    return 2 if n_err or errors else 0
