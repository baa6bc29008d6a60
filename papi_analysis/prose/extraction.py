"""Figures out of agencies' prose reports (.txt, .md, .docx), one tidy row per figure.

A report is read as numbered paragraphs; each paragraph is split into sentences and the
phrases of :mod:`papi_analysis.prose.patterns` are matched on the folded sentence.  Every figure
keeps the sentence it came from, the character span of the number, the pattern that read it
and a confidence.  Context rules then settle what a number means from its neighbours
("N hồ sơ, trong đó …" makes N a total, also when its parts are list items in the paragraphs
below; "đang giải quyết …, trong đó quá hạn M" makes M pending overdue); figures of other
periods, plans and targets, and sections on next period's tasks are left out; and the
report's own arithmetic is checked (stated rate against the counts, total against its
parts, "04 Quyết định" against the list that follows: :mod:`papi_analysis.prose.prosechecks`).

Confidence of a figure (0–1), in this order:

1. the weight of the pattern that read it (0.6 catch-all … 0.95 specific wording);
2. × the clarity of the number (1.0; 0.8 when "12,516" could be read two ways);
3. × 0.9 when a context rule changed the indicator the pattern gave;
4. + 0.05 (at most 0.99) when the figure is part of a total-and-parts statement in its
   sentence that adds up;
5. figures derived from a stated 100% (not written as counts,
   :func:`papi_analysis.prose.prosechecks.derive`) get 0.6.

Before a figure is emitted, :mod:`papi_analysis.prose.meaning` checks that its sentence
supports its code; a number that fails is kept in ``Extraction.unclassified`` with the reason
(số liệu chưa phân loại), never emitted.

Reading the file and finding the reporting unit and period are
:mod:`papi_analysis.prose.reportdocs`'s; :func:`read_paragraphs` and :data:`SUFFIXES` are
re-exported here.  Sentences and folding: :mod:`~papi_analysis.prose.sentences`; tables
rendered as text: :mod:`~papi_analysis.prose.texttables`; documents cited:
:mod:`~papi_analysis.prose.citations`; output files: :mod:`~papi_analysis.prose.writers`
(re-exported here); the command's reading and printing: :mod:`~papi_analysis.prose.command`.

Public API: :func:`extract_file`, :func:`extract_paragraphs`, :func:`read_paragraphs`,
:data:`OUTPUT_COLUMNS`, :data:`DOCUMENT_COLUMNS`, :func:`write_outputs`, :func:`review_pages`,
:func:`main`.
"""

from __future__ import annotations

import bisect
import re
from pathlib import Path

import pandas as pd

from .. import atomic, fmt
from ..errors import InputFileError, PapiError
from ..model import indicators, periods
from ..text import fold, fold_same_length, nfc
from . import (
    citations,
    command,
    meaning,
    prosechecks,
    reportdocs,
    review,
    texttables,
    vnnumbers,
)
from . import patterns as pt
from .figures import DOCUMENT_COLUMNS, FINDING_COLUMNS, OUTPUT_COLUMNS, Extraction, Figure
from .reportdocs import SUFFIXES, read_paragraphs
from .sentences import fold_chars, sentences
from .writers import SIDE_TABLES, documents_table, figures_table, write_outputs

__all__ = ["DOCUMENT_COLUMNS", "FINDING_COLUMNS", "OUTPUT_COLUMNS", "SUFFIXES", "Extraction",
           "Figure", "InputFileError", "documents_table", "extract_file", "extract_paragraphs",
           "SIDE_TABLES", "figures_table", "main", "read_paragraphs", "review_pages",
           "sentences", "write_outputs"]


_NOUN_KEYS = sorted(((fold(k), v) for k, v in pt.NOUNS.items()), key=lambda kv: -len(kv[0]))


def _noun_after(folded: str, pos: int) -> tuple[str, ...] | None:
    """Units allowed by the word after ``pos``, or ``None`` when no known noun follows."""
    rest = folded[pos:pos + 40].lstrip()
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


_IDS: dict[tuple[int, int], list[str]] = {}


def _pattern_ids() -> list[str]:
    """A stable name per pattern: its own, or its first indicator and position in the list."""
    key = (id(pt.PATTERNS), len(pt.PATTERNS))
    if key not in _IDS:
        _IDS[key] = [p.name or f"{(p.codes or ('_',))[0]}#{i}"
                     for i, p in enumerate(pt.PATTERNS)]
    return _IDS[key]


_WORDS = re.compile(r"[^\W\d_]+")
_INDEX: dict[tuple[int, int], tuple] = {}


def _pattern_index() -> tuple[list[int], dict[str, list[int]], list[list[frozenset]]]:
    """Patterns without a required word, the patterns each word may start, and per pattern
    the groups of words a sentence must hold one of (:attr:`patterns.Pattern.atoms`).

    A sentence is matched only against the patterns one of whose required words
    (:attr:`patterns.Pattern.literal`) it contains: what keeps a long report fast.
    """
    key = (id(pt.PATTERNS), len(pt.PATTERNS))
    if key not in _INDEX:
        always, by_word = [], {}
        for i, p in enumerate(pt.PATTERNS):
            if not p.literal:
                always.append(i)
            for w in p.literal:
                by_word.setdefault(w, []).append(i)
        atoms = [[frozenset(a) for a in p.atoms] for p in pt.PATTERNS]
        _INDEX[key] = (always, by_word, atoms)
    return _INDEX[key]


class _When(dict):
    """Whether each ``when=`` condition holds in a context, decided once on first need."""

    def __init__(self, context: str):
        super().__init__()
        self.context = context

    def ok(self, pat: pt.Pattern) -> bool:
        if pat.when_regex is None:
            return True
        if pat.when not in self:
            self[pat.when] = bool(pat.when_regex.search(self.context))
        return self[pat.when]


def _match_sentence(para: str, folded: str, row: int, span: tuple[int, int],
                    context: str = "", when_ok: _When | None = None,
                    year: int | None = None) -> list[Figure]:
    """Every figure the patterns read in one sentence, one indicator per number.

    ``context`` (folded paragraph, heading and title) is where ``when=`` conditions look;
    ``when_ok`` says whether a pattern's condition holds there (decided once per paragraph);
    ``year``: the report's, a number whose clause names another year is not read.
    """
    s0, s1 = span
    sf = folded[s0:s1]
    if re.match(pt.OTHER_PERIOD_SENTENCE, sf):
        return []
    cands: list[Figure] = []
    ids = _pattern_ids()  # cheap: the phrases are compiled once (patterns._COMPILED)
    if when_ok is None:
        when_ok = _When(context or sf)
    always, by_word, atoms = _pattern_index()
    cand = set(always)
    words = set(_WORDS.findall(sf))
    for w in words:
        cand.update(by_word.get(w, ()))
    for idx in sorted(cand):
        pat = pt.PATTERNS[idx]
        if any(words.isdisjoint(a) for a in atoms[idx]) or not when_ok.ok(pat):
            continue
        slots = pt.compile_phrase(pat.text)[1]
        for m in pat.regex.finditer(sf):
            if pat.zero:
                if _other_period(_clause_before(sf, m.start())):
                    continue
                for code in pat.zero:
                    cands.append(Figure(code, 0.0, row, s0 + m.start(), s0 + m.end(), span,
                                        pat.weight, ids[idx], m.end() - m.start(), zero=True))
                continue
            for slot in slots:
                if not slot.codes or m.group(slot.group) is None:
                    continue
                fig = _read_slot(para, sf, row, span, pat, ids[idx], m, slot, year)
                if fig is not None:
                    cands.append(fig)
    return _resolve(cands)


def _read_slot(para: str, sf: str, row: int, span: tuple[int, int], pat: pt.Pattern, pid: str,
               m: re.Match, slot: pt.Slot, year: int | None = None) -> Figure | None:
    """The figure of one number slot of a match in sentence ``sf``, or ``None`` if refused."""
    a, b = m.span(slot.group)
    s0 = span[0]
    try:
        num = vnnumbers.parse(para[s0 + a:s0 + b])
    except ValueError:
        return None
    if _NOT_A_FIGURE.search(sf, max(0, a - 30), a):
        return None
    approx = bool(_APPROX.search(sf, max(0, a - 30), a))
    units = None if slot.percent else _noun_after(sf, b)
    code = slot.codes[0] if slot.percent else _choose_code(slot.codes, units)
    why = ""
    if code is None:  # the counted noun agrees with none of the slot's codes
        if not units:
            return None  # "63 tỉnh", "5 nhóm": no counted thing of the catalogue
        code = slot.codes[0]
        why = meaning.noun_reason(code, sf, b) or (
            "đơn vị đếm không khớp / the counted noun does not agree with the code")
    clause = _clause_before(sf, a)
    opened = sf.rfind("(", max(0, a - 200), a)
    if opened >= 0 and ")" not in sf[opened:a]:
        # inside an aside: what stands before it says whose figure it is ("so với năm 2023
        # (41,90 điểm, xếp thứ 33/63)")
        clause = _clause_before(sf, opened) + " " + clause
    before_semicolon = sf[:a].rsplit(";", 1)[-1]
    after = re.split(r"[;,]|\.\s", sf[b:b + 80], maxsplit=1)[0]
    if _other_period(clause, carried=code.endswith("carried_over")) or _MEAN.search(
            before_semicolon) or _OTHER_SPAN.search(before_semicolon) or _OTHER_SPAN.search(after) \
            or _MEAN.search(after):
        return None  # another period, a plan, a mean, a longer span ("trong 5 năm qua")
    own_year = ""
    others = [y for y in _YEAR.findall(clause) if int(y) != year] if year else []
    if code.startswith("idx.") and not others:
        # an index's score in an aside, or a sentence, that names another year before it
        # ("(năm 2019, … đạt 41,97 điểm", "Tới năm 2020, Lâm Đồng đạt 38,62 điểm"): the year
        # named last before it there
        aside = opened >= 0 and ")" not in sf[opened:a]
        others = [y for y in _YEAR.findall(sf[opened:a] if aside else sf[:a])
                  if year and int(y) != year]
    if others and code.startswith("idx."):
        own_year = others[-1]  # "Chỉ số PAPI năm 2022 … đạt 42,1 điểm": that year's index
    elif others and not code.endswith("carried_over"):
        return None  # "(6 tháng đầu năm 2019 đã tiếp 1.012 lượt)": another year's figure
    unit = indicators.get(code).unit
    land = _LAND_AFTER.match(sf, b)
    money = num.currency or num.scale in vnnumbers.MONEY_SCALES
    if (unit == "million_vnd" and land) or (unit == "m2" and money) or (
            unit not in ("million_vnd", "m2", "percent") and (land or money)):
        return None  # "77.773 m2" is no amount of money, "5 tỷ đồng" no count
    value = vnnumbers.to_unit(num, unit)
    clarity = num.clarity
    if unit == "m2" and land and land.group(1).startswith("h"):
        value *= 10000  # the catalogue keeps land in m²
    if unit == "points" and value >= 100 and re.fullmatch(r"\d{1,3}[.,]\d{3}", num.text.strip()):
        # "45.366 điểm" (an English decimal point), "43,539 điểm" (three decimals): no score
        # reaches 100 points
        value, clarity = value / 1000, 0.8
    decimals = len(re.split(r"[,.]", num.text.rstrip(" %"))[-1]) if re.search(
        r"[,.]\d{1,2}\s*%?$", num.text) else 0
    return Figure(code, value, row, s0 + a, s0 + b, span, pat.weight, pid, m.end() - m.start(),
                  clarity=clarity, percent=slot.percent, decimals=decimals,
                  approximate=approx, period=own_year, reason=why)


_APPROX = re.compile(r"\b" + pt.APPROXIMATE)
_MEAN = re.compile(pt.MEAN)
_OTHER_SPAN = re.compile(pt.OTHER_SPAN)
_YEAR = re.compile(pt.YEAR_IN_CLAUSE)
_LAND_AFTER = re.compile(r"\s*(m2|m²|ha|hec ?ta|met vuong)\b")
_NOT_A_FIGURE = re.compile(r"\b" + pt.NOT_A_FIGURE)
_CLAUSE_MARK = re.compile(r"[,;(:]")
_ASIDE = re.compile(r"\([^()]*\)")


def _clause_before(sf: str, pos: int, window: int = 300) -> str:
    """The clause of ``sf`` that ends at ``pos``: from the last , ; ( or : (at most ``window``)."""
    text = _ASIDE.sub(lambda m: " " * len(m.group()), sf[max(0, pos - window):pos])
    return _CLAUSE_MARK.split(text)[-1]  # an aside in parentheses before it is left out


#: Words of a count from the start of the year ("từ đầu năm", "lũy kế từ …"; not "lũy kế đã và
#: đang giải quyết", carried over and new together): in a report on a
#: period that does not start the year (quý III, tháng 8, 6 tháng cuối năm) it is no figure of
#: the period.
YEAR_TO_DATE = r"\b(tu dau nam|tinh tu dau|luy ke (tu|den|ca nam|nam))\b"
_YEAR_TO_DATE = re.compile(YEAR_TO_DATE)


def _starts_the_year(period: periods.Period) -> bool:
    """Whether ``period`` begins with the year (a year, its first half, quarter or month, or
    its first nine months): then "từ đầu năm" is the period itself."""
    return period.kind not in ("Q", "H", "M") or period.index == 1


def _other_period(clause: str, carried: bool = False) -> bool:
    """Whether the clause before a number compares with another period or states a plan.

    "Kỳ trước chuyển sang" names the period a carried-over count comes from: it stays.
    """
    return bool(re.search(pt.PLANNED, clause)) or (
        not carried and bool(re.search(pt.COMPARISON, clause)))


def _resolve(cands: list[Figure]) -> list[Figure]:
    """One indicator per number span: the highest weight, then the longest match, then first."""
    best: dict[tuple, Figure] = {}
    for c in cands:
        key = (c.start, c.end) if not c.zero else (c.start, c.end, c.indicator)
        cur = best.get(key)
        # a code the sentence supports beats one it refuses (see prose.meaning)
        if cur is None or (not c.reason, c.weight, c.match_len) > (
                not cur.reason, cur.weight, cur.match_len):
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
        m = _GROUP_AFTER.match(folded, f.end, s1)
        if not m:
            continue
        start = m.start(1)
        end = _group_end(folded, start, s1)
        if folded[start] == "(":
            more = _GROUP_AT.match(folded, end, s1)
            if more and more.group(1) != "(":
                end = _group_end(folded, more.start(1), s1)
        spans[i] = (start, end)
    out: dict[int, list[Figure]] = {}
    for i, (a, b) in spans.items():
        inner = [j for j in spans if j != i and a <= counts[j].start < b]
        nested = [spans[j] for j in inner]
        out[figs.index(counts[i])] = [
            g for g in counts if a <= g.start < b
            and not any(x <= g.start < y for x, y in nested)]
    return out


_GROUP_AFTER = re.compile(r"\s*(?:[^\W\d_]+\s*){0,5}?" + pt.GROUP_OPENER[1:])
_GROUP_AT = re.compile(pt.GROUP_OPENER[1:])
#: Parts of a total are stated close to it: a group is read at most this far.
_GROUP_SPAN = 3000


def _group_end(folded: str, start: int, limit: int) -> int:
    limit = min(limit, start + _GROUP_SPAN)
    if folded[start] == "(":
        depth = 0
        for k in range(start, limit):
            depth += {"(": 1, ")": -1}.get(folded[k], 0)
            if depth == 0:
                return k + 1
        return limit
    if re.compile(r"[^;,(]{0,12}:").match(folded, start, limit):
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


#: An early count stated on its own (folded): "trước hạn 120", "trước thời hạn 22.357 hồ sơ",
#: "120 hồ sơ trước hạn", not "trước hạn và đúng hạn N".
_EARLY_STATED = re.compile(pt.EARLY_STATED)


def _apply_context(figs: list[Figure], groups: dict[int, list[Figure]],
                   lone_on_time: bool = True, sentence: str = "") -> None:
    """Relabel heads from their parts and parts from their heads (rules in patterns.py).

    ``lone_on_time=False`` leaves "đúng hạn N" as on time even with no "trước hạn" beside it:
    for a list item whose siblings (read later, :func:`_list_context`) may state it.
    """
    for hi, parts in groups.items():
        head = figs[hi]
        labels = {p.indicator for p in parts}
        for total, split, _complete in pt.SPLITS:
            if labels == set(split) and head.indicator != total and head.weight < 0.8 \
                    and head.indicator.split(".")[0] == total.split(".")[0]:
                head.indicator, head.relabelled = total, True
                break
        if head.indicator in pt.TOTAL_WITH_CARRIED and any(
                p.indicator.endswith("carried_over") for p in parts):
            head.indicator, head.relabelled = pt.TOTAL_WITH_CARRIED[head.indicator], True
        for p in parts:
            new = pt.RELABEL_UNDER.get(head.indicator, {}).get(p.indicator)
            if new:
                p.indicator, p.relabelled = new, True
            elif p.weight <= 0.6 < head.weight and p.indicator != head.indicator and \
                    indicators.get(p.indicator).unit == indicators.get(head.indicator).unit:
                # a part read only by a catch-all counts what its total counts ("2.268 thủ
                # tục gồm 1.833 thủ tục cấp tỉnh, …")
                p.indicator, p.relabelled = head.indicator, True
    codes = {f.indicator for f in figs}
    # an early count stated in the sentence, read or not ("trả trước thời hạn 22.357 hồ sơ …;
    # đúng hạn 3.523 hồ sơ"): "đúng hạn" is then on time only
    early_stated = bool(sentence and _EARLY_STATED.search(sentence))
    for f in figs:
        if lone_on_time and f.indicator == "tthc.resolved_on_time" \
                and "tthc.resolved_early" not in codes and not early_stated:
            f.indicator, f.relabelled = "tthc.resolved_early_on_time", True
    grouped = {id(p) for ps in groups.values() for p in ps}
    carried = [f for f in figs if f.indicator == "tthc.carried_over"]
    for hi, f in enumerate(figs):
        if f.indicator == "tthc.files_total" and f.weight < 0.75 and carried and not any(
                id(c) in {id(p) for p in groups.get(hi, [])} for c in carried) \
                and id(f) not in grouped:
            f.indicator, f.relabelled = "tthc.received_in_period", True


_PART_LEVEL = re.compile(r"\b(?:trong do|rieng)[,:]?\s+(?:o\s+|tai\s+)?cap (?:tinh|huyen|xa)\b")
_PART_LEVEL_END = re.compile(r"[,;]|\.\s")


def _levels(para: str, folded: str, carry: str, multi_level: bool = False,
            multi_body: bool = False, district_split: bool = False,
            district_unit: bool = False) -> tuple[list[tuple[int, str]], list]:
    """Level events of a paragraph (position, level; "" returns to the whole unit), and its
    fields (start, end, name).  ``multi_level``: the report names several levels;
    ``multi_body``: several inspection bodies (see :data:`patterns.BODIES_RE`);
    ``district_split`` (see :func:`_district_split`); ``district_unit``: the report's unit is a
    district-level one, whose "2 cấp huyện và xã" are its whole (round 6)."""
    def whole(m: re.Match) -> bool:
        back = folded[max(0, m.start() - 5):m.start()]
        return bool(re.search(r"\bca\s*$", back) or (
            district_unit and {m.group(1), m.group(2)} == {"huyen", "xa"}
            and re.search(r"\b(2|hai)\s*$", back)))

    pairs = [(m.start(), m.end(), "" if whole(m) else _pair_name(m))
             for m in re.finditer(pt.LEVEL_PAIR_RE, folded)]  # "cả cấp huyện và cấp xã": all
    events = [(a, name) for a, _, name in pairs]
    for m in re.finditer(pt.LEVEL_RE, folded):
        if any(a <= m.start() < b for a, b, _ in pairs):
            continue
        if _ATTACHED.search(folded, max(0, m.start() - 40), m.end()):
            continue  # "1.833 thủ tục cấp tỉnh": that count's own level (see _own_field)
        if _PERSON_LEVEL.search(folded, max(0, m.start() - 40), m.start()):
            continue  # "3 chủ tịch UBND cấp tỉnh": the rank of persons, not the figures' level
        events.append((m.start(), pt.LEVELS[m.group(1)]))
    if district_split:  # a district-level unit's own level and its communes (round 5)
        parts = []
        for m in re.finditer(pt.DISTRICT_OWN_LEVEL, folded):
            if _COMMUNES_AND.search(folded[max(0, m.start() - 60):m.start()]):
                continue  # "UBND các phường, xã và UBND thành phố": both, named just before
            # "UBND TP Mỹ Tho và UBND 17 phường, xã tiếp nhận …": the city with its communes,
            # the whole (round 8)
            parts.append((m.start(), "" if _AND_COMMUNES.match(folded, m.end())
                          else pt.LEVELS["huyen"]))
        for m in re.finditer(pt.DISTRICT_COMMUNES, folded):
            if _OWN_AND.search(folded[max(0, m.start() - 60):m.start()]):
                continue  # "UBND thành phố và UBND các phường, xã": both
            parts.append((m.start(), "" if _AND_OWN.match(folded, m.end())
                          else pt.LEVELS["xa"]))
        for pos, _name in parts:
            # a level named in a "trong đó" part holds to the end of its clause; the level
            # before the part holds again (round 8, as round 7's _PART_LEVEL)
            clause = re.split(r";|\.\s", folded[max(0, pos - 300):pos])[-1]
            part = clause.rfind("trong do")
            end = re.compile(r";|\.\s").search(folded, pos)
            if part >= 0 and end:
                at = pos - len(clause) + part
                before = [e for e in events + parts if e[0] < at]
                events.append((end.start(), max(before, key=lambda e: e[0])[1] if before
                               else carry))
        events += parts
    # "toàn tỉnh" returns to the whole unit where a sentence opens on it; inside a sentence
    # of a level's paragraph ("cấp huyện … trên địa bàn toàn tỉnh") the level holds
    starts = [a for a, _ in sentences(para)] if events else []
    explicit = bool(events)  # a level named in the paragraph itself (not a centre, below)
    if multi_level:
        events += [(m.start(), pt.LEVELS["tinh"]) for m in re.finditer(pt.CENTRE_RE, folded)]
    # nor where a level was named earlier in the same sentence ("Với cấp xã, toàn tỉnh tiếp
    # nhận …": the communes of the whole province)
    named = [a for a, name in events if name]
    events += [(m.start(), "") for m in re.finditer(pt.LEVEL_RESET, folded)
               if (not explicit or _opens_sentence(m.start(), starts))
               and not _UNITS_IN.search(folded, max(0, m.start() - 30), m.start())
               and not _named_in_sentence(named, starts, m.start())]
    if multi_body:  # a clause whose subject is one body: its figures are that body's
        events += [(m.start(1), pt.EXECUTORS[m.group(1)])
                   for m in re.finditer(pt.EXECUTOR_CLAUSE, folded)]
    # the Government Inspectorate as a clause's subject ("TTCP đã triển khai 50 cuộc"): its own
    # figures, up to the end of that clause (round 5)
    for m in re.finditer(pt.TTCP_CLAUSE, folded):
        end = re.compile(r"[;]|\.\s").search(folded, m.end())
        events.append((m.start(1), pt.EXECUTORS["ttcp"]))
        if end:
            events.append((end.start(), carry))
    # party discipline by channel ("Các cấp uỷ đảng đã kỷ luật 56 đảng viên …; UBKT các cấp
    # đã thi hành kỷ luật 16 …"): that channel's figures, up to the end of its clause (round 8)
    for m in _PARTY_CHANNEL.finditer(folded):
        end = re.compile(r"[;]|\.\s").search(folded, m.end())
        events.append((m.start(1), "UBKT các cấp" if re.match(r"ubkt|uy ban", m.group(1))
                       else "Các cấp uỷ đảng"))
        if end:
            events.append((end.start(), carry))
    # a level named in a part of a total ("…, trong đó cấp huyện 3.000 hồ sơ; đang giải quyết
    # 400 hồ sơ"): that part's level, up to the end of its clause; then the level before it
    # holds again (round 7)
    for m in _PART_LEVEL.finditer(folded):
        digit = re.compile(r"\d").search(folded, m.end())
        end = _PART_LEVEL_END.search(folded, digit.end()) if digit else None
        if end:
            before = [e for e in events if e[0] < m.start() and e is not None]
            prev = max(before, key=lambda e: e[0])[1] if before else carry
            events.append((end.start(), prev))
    for m in re.finditer(pt.SOURCE_THEN_SUBJECT, folded):
        end = re.compile(r"[;]|\.\s").search(folded, m.end())
        events.append((m.end(), pt.EXECUTORS[m.group(1)]))
        if end:
            events.append((end.start(), carry))
    lead = re.match(pt.EXECUTOR_PARA, folded)
    if lead:
        events.append((m_start := lead.start(lead.lastindex),
                       pt.EXECUTORS[lead.group(lead.lastindex)]))
        events = [e for e in events if e[0] <= m_start or e[1]]
    fields = []
    for m in re.finditer(pt.FIELD_RE, folded):
        name = para[m.start(1):m.end(1)].strip(" -–")
        if not name or name.split()[0].lower() in pt.FIELD_STOP:
            continue
        if _INSPECTION_KIND.match(folded, m.start(1)):
            # "Trong lĩnh vực thanh tra hành chính, toàn tỉnh …": a kind of inspection, not a
            # sector; its figures are the whole's (no field), and an earlier field ends here
            end = re.compile(r"\blinh vuc\b").search(folded, m.end())
            fields.append((m.end(), end.start() if end else len(para), ""))
            continue
        end = _FIELD_END.search(folded, m.end())
        opening = re.search(r"(?:^|[.;]\s+)\W*(?:(?:trong|o|ve|doi voi)\s+)?$",
                            folded[max(0, m.start() - 30):m.start()])
        if opening and re.match(r"\s*,\s*(?:[^\W\d]+\s+){1,4}?[^\W\d]+\s*,", folded[m.end(1):]) \
                and not _FIELD_OPENING_AT.match(para.lower(), m.start()):
            continue  # "Ở lĩnh vực quản lý, sử dụng đất, …": a name cut at its comma
        if opening:
            # a paragraph or a sentence that opens on its field ("Lĩnh vực tài chính, ngân
            # sách, (các cấp) đã thực hiện …. Qua thanh tra …"): the field holds up to the next
            # field named, and its name runs up to the verb (read as written: "cơ bản" is no
            # "có")
            end = re.compile(r"\blinh vuc\b").search(folded, m.end())
            whole = _FIELD_OPENING_AT.match(para.lower(), m.start()) or _FIELD_TO_COMMA.match(
                para.lower(), m.start())
            if whole:
                name = re.sub(r"^quản lý\s+", "", re.sub(r",\s*", " ", whole.group(1).strip()))
        fields.append((m.end(), end.start() if end else len(para),
                       name[0].upper() + name[1:]))
    return [(-1, carry)] + sorted(events), fields


_UNPLACED_BODY = re.compile(pt.UNPLACED_BODY)
_PERSON_LEVEL = re.compile(pt.PERSON_BEFORE_LEVEL)
_UNITS_IN = re.compile(pt.UNITS_BEFORE_RESET)
_RECOMMENDED_STATED = re.compile(pt.RECOVERY_RECOMMENDED_STATED)
_LAND_COLUMN = re.compile(pt.LAND_COLUMN)
_STATUS_SAID = re.compile(pt.STATUS_SAID)
_PERIOD_APART = re.compile(pt.PERIOD_APART)
_FIELD_OPENING_AT = re.compile(pt.FIELD_OPENING.removeprefix("^\\W*"))
# the name as written up to its comma ("Trong lĩnh vực đầu tư xây dựng cơ bản, ngành đã có …")
_FIELD_TO_COMMA = re.compile(r"lĩnh vực ([^\d.;:(),]{2,60}?)\s*,")
_FIELD_END = re.compile(r";|\.(?!\d)|\blinh vuc\b")
#: A published catalogue of procedures: "công bố … thủ tục", "bộ thủ tục hành chính" (round 8).
_CATALOGUE = re.compile(r"\bcong bo\b[^.;]{0,60}?\b(?:thu tuc|tthc)\b"
                        r"|\b(?:thu tuc|tthc)\b[^.;\d]{0,40}?\b(?:duoc|da) cong bo\b"
                        r"|(?<!\w)(?<!bai )(?<!huy )bo (?:thu tuc hanh chinh|tthc)\b")
_CATALOGUE_SET = re.compile(r"(?<!\w)(?<!bai )(?<!huy )(?:cac )?bo (?:thu tuc hanh chinh|tthc)\b")
#: A party channel as a clause's subject, before its verb of discipline (round 8).
_PARTY_CHANNEL = re.compile(r"(?:^|[.;:,]\s+)\W*(?:trong do,?\s+)?(cac cap uy(?: dang)?"
                            r"|cap uy cac cap|ubkt cac cap|uy ban kiem tra cac cap)\s+"
                            r"(?:da\s+)?(?:thi hanh\s+)?ky luat\b")
#: Right after a count of files: received in person and by post (round 8).
_IN_PERSON_AND_POST = re.compile(r"[^.;]{0,40}?(?:\(\s*|\b)(?:tiep nhan\s+)?truc tiep\s*(?:va|,)\s*"
                                 r"(?:qua\s+)?(?:dich vu\s+)?buu chinh\b")
#: Right after a count: specialised inspections ("900 cuộc thanh tra, kiểm tra chuyên ngành").
_SPECIALISED_AFTER = re.compile(r"\s*cuoc\s+(?:thanh tra|kiem tra)(?:\s*(?:,|va)\s*(?:thanh tra|"
                                r"kiem tra))?\s+chuyen nganh\b")
#: A criminal case named before a money figure in its sentence (round 8).
_CRIMINAL_CASE = re.compile(r"\b(?:khoi to|bi can|bi cao|vu an|truy to|xet xu)\b")
_CORRUPTION_CRIME = re.compile(r"\b(?:tham nhung|tham o|hoi lo|chuc vu,? quyen han)\b")
#: A district's own committee and its communes named together (round 8), either order.
_AND_COMMUNES = re.compile(r"[^.;,]{0,40}?\s+va\s+(?:(?:ubnd|uy ban nhan dan)\s+)?"
                           r"(?:cac\s+|\d+\s+)?(?:phuong|xa|thi tran)\b")
_AND_OWN = re.compile(r"\s+va\s+(?:ubnd|uy ban nhan dan) (?:tp\.?|thanh pho|huyen|thi xa)\b")
_COMMUNES_AND = re.compile(r"\b(?:phuong|xa|thi tran)\s+va\s+$")
_OWN_AND = re.compile(r"\b(?:ubnd|uy ban nhan dan) (?:tp\.?|thanh pho|huyen|thi xa)\b[^.;,]{0,40}"
                      r"\bva\s+$")
#: A kind of inspection or reception named as a "lĩnh vực" (round 8): no sector field.
_INSPECTION_KIND = re.compile(r"(?:cong tac\s+)?(?:thanh tra|kiem tra|tiep cong dan|giai quyet "
                              r"(?:don|khieu nai|to cao)|phong,? chong tham nhung)\b")
_ATTACHED = re.compile(r"\d[\d.,]*" + pt.LEVEL_AFTER_COUNT + "$")
_LEVEL_AFTER = re.compile(pt.LEVEL_AFTER_COUNT)
_EXECUTOR_AFTER = re.compile(pt.EXECUTOR_AFTER)
_FIELD_AFTER = re.compile(pt.FIELD_AFTER_COUNT)


def _named_in_sentence(named: list[int], starts: list[int], pos: int) -> bool:
    """Whether one of the positions ``named`` is in the sentence of ``pos``, before it."""
    i = bisect.bisect_right(starts, pos) - 1
    first = starts[i] if i >= 0 else 0
    return any(first <= a < pos for a in named)


def _opens_sentence(pos: int, starts: list[int], within: int = 25) -> bool:
    """Whether ``pos`` is among the first ``within`` characters of a sentence."""
    i = bisect.bisect_right(starts, pos) - 1
    return i >= 0 and pos - starts[i] <= within


def _pair_name(m: re.Match) -> str:
    first = pt.LEVELS[m.group(1)]
    return f"{first}, {pt.LEVELS[m.group(2)].lower()}"


def _own_field(f: Figure, folded: str, levels, fields, para: str = "") -> str:
    """The field of ``f``: a level or body named right after its count, else the one in force."""
    m = _LEVEL_AFTER.match(folded, f.end, f.end + 60)
    if m and not f.percent:
        return pt.LEVELS[m.group(1)]
    m = _EXECUTOR_AFTER.match(folded, f.end, f.end + 80)
    if m and not f.percent:
        return pt.EXECUTORS[m.group(1)]
    m = _FIELD_AFTER.match(folded, f.end, f.end + 100)
    if m and not f.percent and not _INSPECTION_KIND.match(folded, m.start(1)):
        # "18 cuộc thanh tra về lĩnh vực tài chính ngân sách" (not "… lĩnh vực thanh tra …")
        name = para[m.start(1):m.end(1)].strip()
        level = _field_at(f.start, levels, [])
        return " › ".join(x for x in (level, name[0].upper() + name[1:]) if x)
    return _field_at(f.start, levels, fields)


def _field_at(pos: int, levels, fields) -> str:
    """The level and field in force at ``pos`` (``levels`` sorted by position)."""
    i = bisect.bisect_right(levels, pos, key=lambda e: e[0])
    level = levels[i - 1][1] if i else ""
    j = bisect.bisect_right(fields, pos, key=lambda f: f[0]) - 1
    lv = next((n for a, b, n in fields[max(0, j - 2):j + 1][::-1] if a <= pos < b), "")
    return " › ".join(x for x in (level, lv) if x)


_HEADING = re.compile(r"^\s*(#+|\*\*|[IVX]+\.|\d+(\.\d+)*\.?\)?|[a-zđ]\))\s")


def _is_heading(para: str) -> bool:
    return len(para) <= 90 and (bool(_HEADING.match(para)) or (
        para.upper() == para and any(ch.isalpha() for ch in para)))


def _heading_rank(para: str) -> int:
    """1 for the top level ("I.", ALL CAPS), 2 for "1.", 3 for "1.1.", 4 for "a)"; "#" by count."""
    m = re.match(r"\s*(#+)", para)
    if m:
        return len(m.group(1))
    m = re.match(r"\s*(\d+(?:\.\d+)*)", para)
    if m:
        return 2 + m.group(1).count(".")
    return 4 if re.match(r"\s*[a-zđ]\)", para) else 1


def _list_items(paragraphs: list[str]) -> dict[int, int]:
    """List items under a paragraph that ends with a colon: item row → the introducing row."""
    out: dict[int, int] = {}
    intro = 0
    for row, para in enumerate(paragraphs, start=1):
        if intro and re.match(pt.LIST_ITEM, para):
            out[row] = intro
            continue
        intro = row if para.rstrip().endswith(":") else 0
    return out


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
    # the unit, period and title stand at the top: a long paragraph is looked at by its start
    head = [p[:3000] for p in paragraphs[:40]]
    unit = reportdocs.detect_agency(head, agency, agencies_path)
    ex.agency, ex.agency_known, ex.agency_how = unit.name, unit.known, unit.how
    ex.period = periods.parse(period) if period else reportdocs.detect_period(head)
    seen: dict[str, int] = {}
    carry, heading = "", ""
    plan_rank = 0  # rank of the heading of a section about plans or requests (0: none)
    title = reportdocs.title(head)
    items = _list_items(paragraphs)
    multi_level = any(re.search(pt.MULTI_LEVEL, fold_chars(p)) for p in paragraphs)
    district_split = _district_split([fold_chars(p) for p in paragraphs])
    district_unit = district_split or bool(
        re.match(r"\W*(?:ubnd |uy ban nhan dan )?(?:huyen|thi xa|quan)\b", fold_chars(
            ex.agency.lower())))
    # a report about one level below the unit ("Tỷ lệ giải quyết hồ sơ cấp xã …" in its title
    # or opening) whose body names no other level: its figures are that level's
    carry = report_level = _report_level(paragraphs) or (
        "" if ex.agency_how in ("tiêu đề", "số hiệu", "--agency")
        and re.search(pt.CENTRE_REPORT, fold_chars(ex.agency))
        else _centre_report(paragraphs, multi_level))
    multi_body = len({m.group(1) for p in paragraphs
                      for m in re.finditer(pt.BODIES_RE, fold_chars(p))}) > 1
    table_rows = texttables.read_tables(ex, paragraphs)
    prev_folded: list[str] = []
    all_folded = [fold_chars(p) for p in paragraphs]
    local = meaning.switches_to_local(paragraphs, all_folded, ex.agency, title)
    ex.province = meaning.own_province([f[:3000] for f in all_folded], ex.agency)
    ex.province_wide = _province_wide(ex, agencies_path)
    subject = ""  # "national" while the paragraphs give the whole country's figures
    last_level = ""  # the level the paragraph before ended on
    owner = ""  # the unit below the report's the paragraph before opened on
    for row, para in enumerate(paragraphs, start=1):
        folded = fold_chars(para)
        before, prev_folded = prev_folded, (prev_folded + [folded[-3000:]])[-2:]
        if row in table_rows:
            continue
        key = " ".join(folded.split())
        if key in seen and len(key) > 40:
            ex.repeated[row] = seen[key]
            continue
        seen.setdefault(key, row)
        subject = "" if _is_heading(para) else meaning.subject_of(para, folded, subject)
        if _is_heading(para):
            rank = _heading_rank(para)
            if plan_rank and rank <= plan_rank:
                plan_rank = 0
            if re.match(pt.PLAN_HEADING, folded):
                plan_rank = rank
        # a paragraph that goes on with the one before ("Trong số hồ sơ trên, …") keeps the
        # level that one ended on
        levels, fields = _levels(para, folded, last_level if re.match(
            pt.BACK_REFERENCE, folded) else carry, multi_level, multi_body, district_split,
            district_unit)
        last_level = levels[-1][1]
        # the paragraph, the two before it (a paragraph often goes on with their topic:
        # "Ở chỉ số này, …") and the heading it stands under (before any: the title)
        context = " ".join((folded, *before, heading or title))
        para_figs = [] if plan_rank else _paragraph_figures(
            ex, para, folded, row, context, levels, fields, in_list=row in items,
            subject=f"body:{body}" if (body := meaning.central_body(folded)) else subject,
            local=local,
            owner=owner if re.match(pt.GOES_ON_FINDINGS, folded) else "",
            previous=before[-1] if before else "", multi_body=multi_body)
        first = sentences(para)[:1]
        owner = meaning.sub_unit(para, first[0][1], first[0][0], ex.unit_names,
                                 departments=ex.province_wide) if first else ""
        issued = re.search(pt.CONCLUSION_BY, para[:first[0][1]]) if first and not owner else None
        name = []
        for w in issued.group(2).split() if issued else []:  # the capitalised words
            if not w[0].isupper():
                break
            name.append(w)
        if name:
            owner = f"{issued.group(1)[0].upper()}{issued.group(1)[1:]} {' '.join(name)}"
        # (a first paragraph of several sentences is the body's first, not a title)
        if _is_heading(para) or (row == 1 and len(sentences(para)) < 2) or (
                len(para) <= 120 and not re.search(r"[.;:!?]\W*$", para)):
            for f in para_figs:
                f.heading = True  # a title: its figures give way to the body's (see _dedup)
        if _is_heading(para) and not para_figs:
            # a heading's level ("a) Cấp huyện") and words hold for the paragraphs below it
            stated = [v for pos, v in levels if pos >= 0]
            carry = stated[-1] if stated else report_level
            heading = folded
        ex.figures += para_figs
        spans = sentences(para)
        citations.add_documents(ex, para, row, spans)
        ex.findings += prosechecks.count_vs_list(ex, para, folded, row, spans)
    _list_context(ex, items)
    ex.figures = _dedup(ex.figures)
    ex.figures, ex.unclassified = _restated(ex.figures, ex.unclassified)
    ex.unclassified = _unclassified(ex)
    ex.figures += prosechecks.derive(ex.figures)
    ex.findings += prosechecks.check_rates(ex)
    ex.findings += prosechecks.not_found(ex)
    return ex


def _district_split(folded: list[str]) -> bool:
    """Whether the report is a district-level unit's that gives its communes apart: it names
    the commune level, its own People's Committee as a subject (:data:`patterns.DISTRICT_OWN_
    LEVEL`) and no provincial level or body (round 5: the city's own level is "Cấp huyện",
    as a district's is)."""
    text = " ".join(folded)
    return bool(re.search(pt.DISTRICT_SPLIT, text) and re.search(pt.DISTRICT_OWN_LEVEL, text)
                and not re.search(pt.PROVINCE_NAMED, text))


def _report_level(head: list[str]) -> str:
    """The one level below the unit a report is about, named in its first two paragraphs
    ("hồ sơ cấp xã", "UBND cấp huyện"), when no paragraph names another level ("" otherwise)."""
    def named(text: str) -> set[str]:
        # "cấp sở, ban, ngành" names the provincial level (round 5: "… cấp sở, ban, ngành …;
        # cấp huyện có 231 lượt" is no report on the district level)
        return {m.group(1) for m in re.finditer(pt.LEVEL_RE, text)
                if not _PERSON_LEVEL.search(text, max(0, m.start() - 40), m.start())} | (
            {"tinh"} if re.search(r"\bcap so\b", text) else set())

    levels = named(" ".join(fold_chars(p) for p in head[:2]))
    if len(levels) != 1 or levels & {"tinh"}:
        return ""
    level = levels.pop()
    body = " ".join(fold_chars(p) for p in head)  # every paragraph
    if named(body) - {level} or re.search(pt.LEVEL_PAIR_RE, body):
        return ""
    return pt.LEVELS[level]


def _centre_report(paragraphs: list[str], multi_level: bool) -> str:
    """``Cấp tỉnh`` for a report about the provincial one-stop centre itself: its title or
    opening (first three paragraphs) names the centre (:data:`patterns.CENTRE_REPORT`) and
    no paragraph names another level or the whole province (else "").  Not called for a
    report the centre issued under its own letterhead: there the centre is the report's own
    unit, and its figures are the whole's ("")."""
    if multi_level:
        return ""
    head = " ".join(fold_chars(p[:600]) for p in paragraphs[:3])
    if not re.search(pt.CENTRE_REPORT, head):
        return ""
    if any(re.search(pt.CENTRE_NOT_ALONE, fold_chars(p)) for p in paragraphs):
        return ""
    return pt.LEVELS["tinh"]


def _province_wide(ex: Extraction, agencies_path: Path | str | None = None) -> bool:
    """Whether the report's unit is a whole province (see :attr:`Extraction.province_wide`);
    also sets :attr:`Extraction.unit_names` (the unit as written, and its registry names)."""
    ex.unit_names = ex.agency
    if ex.agency_known:
        from ..model import agencies

        unit = agencies.registry(agencies_path).get(ex.agency)
        if unit is not None:
            ex.unit_names = " ".join(str(x) for x in (ex.agency, unit.name_vi, unit.short_vi)
                                     if x)
        return bool(unit and unit.level == "province")
    return bool(re.match(r"\W*((ubnd|uy ban nhan dan) )?tinh\b", fold_chars(ex.agency)))


def _restated(figs: list[Figure], refused: list[Figure]) -> tuple[list[Figure], list[Figure]]:
    """A figure whose indicator, field and period the report already gave another value is
    a breakdown or another scope the words did not name ("vi phạm 10.091 triệu đồng" for all
    inspections, then "5.014 triệu đồng" for the administrative ones): the first statement
    stays, the later one is left unclassified."""
    first: dict[tuple, Figure] = {}
    out = []
    for f in figs:
        key = (f.indicator, f.field, f.period)
        if key in first and round(first[key].value, 6) != round(f.value, 6) and not f.zero:
            g = first[key]
            f.reason = (f"báo cáo đã nêu chỉ tiêu này với giá trị khác (¶{g.row}) / the report "
                        f"already gives this indicator another value (¶{g.row})")
            refused.append(f)
            continue
        first.setdefault(key, f)
        out.append(f)
    return out, refused


def _unclassified(ex: Extraction) -> list[Figure]:
    """The numbers left unclassified: one per number, none that a figure reads after all."""
    taken = {(f.row, f.start, f.end) for f in ex.figures}
    out: dict[tuple[int, int, int], Figure] = {}
    for f in ex.unclassified:
        key = (f.row, f.start, f.end)
        if key not in taken and key not in out:
            out[key] = f
    return sorted(out.values(), key=lambda f: (f.row, f.start))


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


def _paragraph_figures(ex: Extraction, para: str, folded: str, row: int, context: str,
                       levels, fields, in_list: bool = False,
                       subject: str = "", local: bool = False,
                       owner: str = "", previous: str = "",
                       multi_body: bool = False) -> list[Figure]:
    """The figures of one paragraph, sentence by sentence; totals checked against parts.

    A part read as the same indicator and field as its total is a breakdown of that total
    (by reason, by kind: "45 hồ sơ trả lại, rút (12 … xin rút; 33 … trả lại)") and is
    dropped.  ``in_list``: the paragraph is a list item (see :func:`_list_context`).
    ``owner``: the unit below the report's whose findings the paragraph goes on with
    (:data:`patterns.GOES_ON_FINDINGS`); ``previous``: the paragraph before (folded), for a
    topic or subject the paragraph does not name again.
    """
    out: list[Figure] = []
    when_ok = _When(context)
    said = ""  # the period the paragraph's sentences named, from the one that named it on
    apart = False  # a period set apart the paragraph named and no code can give
    for span in sentences(para):
        figs = _match_sentence(para, folded, row, span, context, when_ok,
                               ex.period.year if ex.period else None)
        opening = folded[span[0]:span[0] + 60]
        said = _sentence_period(opening, ex.period) or said
        # "Riêng quý 4, …" in a report whose year is not known: a part of the period set
        # apart that no code can name; its figures, and the paragraph's after it, are not
        # the report's own
        apart = apart or bool(not said and _PERIOD_APART.match(opening))
        for f in figs:
            if not f.period:  # an index's own year, named in its clause, stays
                f.period = said if said != ex.period_code else ""
            if apart and not f.reason:
                f.reason = ("số liệu của một kỳ riêng, không xác định được năm / figures of "
                            "a period set apart, whose year is not known")
        groups = _groups(figs, para, folded)
        _apply_context(figs, groups, lone_on_time=not in_list,
                       sentence=folded[span[0]:span[1]])
        _sentence_rules(figs, para, folded, span, previous)
        for f in figs:
            # a unit below the report's named as the sentence's subject or the number's owner
            # ("Riêng đối với thị xã Bến Cát, … đạt 83,8 điểm") is the figure's field
            below = "" if f.zero else meaning.sub_unit(para, f.start, span[0], ex.unit_names,
                                                          departments=ex.province_wide) or owner
            if below:
                f.field = below
                continue
            if f.indicator.startswith("idx."):
                continue  # an index is the province's: no level (a dimension keeps its name)
            own = _own_field(f, folded, levels, fields, para)
            if own == pt.EXECUTORS["so"] and f.indicator.startswith(pt.BODY_FREE_CODES):
                own = ""  # the departments' specialised inspections are the province's
            if multi_body and not own and not f.field and f.indicator.startswith(
                    pt.BODY_CODES) and not f.indicator.startswith(pt.BODY_FREE_CODES):
                named = _UNPLACED_BODY.search(folded, span[0], f.start)
                if named:  # a body the sentence names, that no rule placed: not the whole's
                    f.reason = (f"câu nêu “{named.group().strip()}” nhưng không xác định được "
                                "số liệu thuộc cơ quan nào / the sentence names a body, and the "
                                "figure cannot be placed")
            f.field = " › ".join(x for x in (own, f.field) if x) if f.field else own
            if f.field and _own_sector(f.field, ex.unit_names):
                f.field = ""  # a department's own sector in its own report is its whole
        ex.findings += prosechecks.check_groups(ex, figs, groups)
        for f in figs:  # the one gate every figure passes (prose.meaning)
            if not f.reason:
                f.reason = meaning.reason(f.indicator, folded, f.start, f.end, span[0],
                                          subject, local=local, zero=f.zero,
                                          province=ex.province, field=f.field,
                                          previous=previous, value=f.value)
        ytd = bool(ex.period and not _starts_the_year(ex.period))
        for f in figs:
            # "Từ đầu năm đến nay …", "…, lũy kế từ đầu năm" in a report on a later part of the
            # year: the year to date, not the report's period (round 7)
            if ytd and not f.reason and not f.period and not f.indicator.startswith("idx.") \
                    and _YEAR_TO_DATE.search(folded[span[0]:f.start] + " " + re.split(
                        r"[;]|\.\s", folded[f.end:span[1]], maxsplit=1)[0]):
                f.reason = ("số liệu lũy kế từ đầu năm, không phải của kỳ báo cáo / the year to "
                            "date, not the report's period")
        for f in sorted(figs, key=lambda f: f.start):
            # a rate read after a count the gate refused is that refused count's rate, whichever
            # phrase read it ("Đã giải quyết 3.400 hồ sơ nộp trực tuyến, đạt 98%") (round 7)
            head = f.of
            if head is None and f.percent and not f.zero:
                before = [g for g in figs if not g.percent and not g.zero and g.end <= f.start
                          and indicators.get(g.indicator).unit not in ("rank", "points")]
                last = max(before, key=lambda g: g.end) if before else None
                if last is not None and _RATE_AFTER.fullmatch(folded, last.end, f.start):
                    head = last
            if head is not None and head.reason and not f.reason:
                f.reason = ("tỷ lệ của một số liệu chưa phân loại / the rate of an unclassified "
                            "figure")
        # a part read as its total's indicator and field is a breakdown of it, unless the
        # gate kept the total out ("thụ lý 687 vụ án, 1.439 bị can; trong đó khởi tố 929 bị can")
        subsets = {id(p) for hi, parts in groups.items() for p in parts
                   if (p.indicator, p.field) == (figs[hi].indicator, figs[hi].field)
                   and not figs[hi].reason}
        kept = [f for f in figs if id(f) not in subsets]
        ex.unclassified += [f for f in kept if f.reason]
        out += [f for f in kept if not f.reason]
    return out


_SENTENCE_PERIOD = re.compile(pt.SENTENCE_PERIOD)


def _sentence_period(start: str, report: periods.Period | None) -> str:
    """The period a sentence opens on (:data:`patterns.SENTENCE_PERIOD`), as a code, or ""."""
    m = _SENTENCE_PERIOD.match(start)
    if not m:
        return ""
    phrase = m.group(1)
    if not re.search(r"\d{4}", phrase):
        if report is None or phrase.startswith("nam"):
            return ""
        # "6 tháng đầu năm" takes the report's year: "6 tháng đầu năm 2018", not "… năm năm"
        phrase += f" {report.year}" if phrase.endswith("nam") else f" nam {report.year}"
    # "9 tháng (năm 2024)" is the first nine months, "6 tháng" the first half: never the year
    phrase = re.sub(r"\b(9|chin|6|sau) thang(?! (dau|cuoi))", r"\1 thang dau", phrase)
    phrase = phrase.replace("chin thang", "9 thang").replace("sau thang", "6 thang")
    try:
        return periods.parse(phrase).code
    except (PapiError, ValueError):
        return ""


def _catalogue(folded: str, s0: int, start: int, previous: str) -> bool:
    """Whether a count of procedures is of a published catalogue (round 8): "Tổng số TTHC được
    công bố là 1.799. Trong đó: 1.302 TTHC cấp tỉnh, …" (a sentence opening on "trong đó" goes
    on the one before), "Bộ thủ tục hành chính của tỉnh gồm …", or after a paragraph on "… công
    bố các bộ thủ tục hành chính". Not a count of procedures in force after a decision that
    announced some ("… Quyết định công bố danh mục TTHC. Tổng số TTHC đang thực hiện là …")."""
    said = folded[s0:start]
    if re.match(r"\W*trong do\b", said):
        back = folded[max(0, s0 - 300):s0].rstrip(" .")
        said = re.split(r"[.;]\s", back)[-1] + ". " + said
    return bool(_CATALOGUE.search(said) or _CATALOGUE_SET.search(previous[-400:]))


def _sentence_rules(figs: list[Figure], para: str, folded: str, span: tuple[int, int],
                    previous: str = "") -> None:
    """Rules that read the sentence around a figure (tables in patterns.py): a relabelling by
    what came before (:data:`RELABEL_IN_SENTENCE`), a topic (:data:`TOPICS`), the kind of a
    complaint count (:data:`KNTC_KIND_RE`), a PAPI dimension's name, and the rate stated
    right after a count (:data:`RATE_OF`)."""
    s0, s1 = span
    heads = [f for f in figs if f.indicator in pt.HEADS_IN_SENTENCE]
    for f in figs:
        for h in heads:
            new = pt.RELABEL_UNDER.get(h.indicator, {}).get(f.indicator)
            if new and h.start < f.start:
                f.indicator, f.relabelled = new, True
        if f.zero:
            continue
        before = folded[max(s0, f.start - 400):f.start]
        for code, new, must, unless in pt.RELABEL_IN_SENTENCE:
            if f.indicator == code and re.search(must, before) and not re.search(
                    unless, _clause_before(before, len(before))) and not (
                    code == "insp.recovered" and _RECOMMENDED_STATED.search(before)):
                f.indicator, f.relabelled = new, True
        if f.indicator == "proc.total" and _catalogue(folded, s0, f.start, previous):
            f.indicator, f.relabelled = "catalog.announced", True
        if f.indicator == "tthc.resolved_late":
            # "Trong số 3.405 hồ sơ đang giải quyết, … có 969 hồ sơ đã quá hạn": the last
            # status named before the count, in its part of the sentence (back to a
            # semicolon), is pending, so the count is pending and overdue
            said = list(_STATUS_SAID.finditer(before.rsplit(";", 1)[-1]))
            if said and said[-1].group("pending"):
                f.indicator, f.relabelled = "tthc.pending_overdue", True
        for topic, mapping in pt.TOPICS:
            if f.indicator in mapping and re.search(topic, before):
                f.indicator, f.relabelled = mapping[f.indicator], True
        after = folded[f.end:f.end + 80]
        if f.indicator in ("tthc.received_in_period", "tthc.files_total") and \
                _IN_PERSON_AND_POST.match(after):
            # "190.319 hồ sơ mới tiếp nhận (trực tiếp và bưu chính)" (round 8)
            f.indicator, f.relabelled = "tthc.received_offline", True
        if (f.indicator.startswith("insp.total") or f.indicator.startswith("inspx.")) and \
                f.indicator != "inspx.all_total" and _SPECIALISED_AFTER.match(after):
            # "…; 12.467 cuộc thanh tra, kiểm tra chuyên ngành": specialised, whatever kind of
            # inspection the sentence named before (round 8)
            f.indicator, f.relabelled = "inspx.specialised", True
        if f.indicator == "insp.recovered" and not f.reason and re.search(
                r"\bphai thu(?: hoi)?\b", re.split(r"[,;]", before)[-1]):
            # "… số phải thu hồi hơn 5,8 tỷ đồng, đã thu hơn 5,3 tỷ": the amount due, not what
            # was recovered (round 8)
            f.reason = ("số tiền phải thu hồi, không phải đã thu hồi / the amount due, not "
                        "the amount recovered")
        if f.indicator == "insp.recovered" and _CRIMINAL_CASE.search(before):
            # "Khởi tố 4 vụ, 6 bị can …, thu hồi 388 triệu đồng": the money of criminal cases,
            # no inspection's; of corruption crimes, the assets recovered (round 8)
            if _CORRUPTION_CRIME.search(before):
                f.indicator, f.relabelled = "ac.assets_recovered", True
            elif not f.reason:
                f.reason = ("tiền thu hồi trong vụ án hình sự, không phải qua thanh tra / money "
                            "recovered in criminal cases, not by inspection")
        if f.indicator in pt.KNTC_BOTH and re.match(
                r"\s*(?:/\s*[\d.]+\s*)?(vu viec|vu)?\s*(?:" + pt.KNTC_BOTH_KINDS
                + r"|\(\s*khieu nai[^)]{0,30}\bto cao)", folded[f.end:f.end + 50]):
            f.indicator = pt.KNTC_BOTH[f.indicator]  # "19/33 vụ việc khiếu nại, tố cáo"
        elif f.indicator in pt.KNTC_DENUNCIATION and re.match(
                r"\s*(?:/\s*[\d.]+\s*)?(vu viec|vu|don)?\s*(to cao|tc\b)",
                folded[f.end:f.end + 40]):
            f.indicator = pt.KNTC_DENUNCIATION[f.indicator]  # "giải quyết 12 vụ tố cáo"
        elif f.indicator in pt.KNTC_DENUNCIATION and not re.match(
                r"\s*(?:/\s*[\d.]+\s*)?(vu viec|vu|don)?\s*(khieu nai|to cao|kn\b|tc\b)",
                folded[f.end:f.end + 40]):
            # the kind named last in the sentence, else in the paragraph before it ("Số vụ việc
            # khiếu nại, tố cáo thuộc thẩm quyền là 40. Đến nay, đã giải quyết 9/40 vụ")
            kinds = (_kinds(before) or _kinds(folded[max(0, s0 - 600):s0])
                     or _kinds(previous[-600:]))
            if kinds and kinds[-1] == "to cao":
                f.indicator = pt.KNTC_DENUNCIATION[f.indicator]
            elif kinds and kinds[-1] != "khieu nai" and f.indicator in pt.KNTC_BOTH:
                f.indicator = pt.KNTC_BOTH[f.indicator]
        if f.indicator == "insp.violation_land":
            # land after a recommendation in the same part of the sentence ("kiến nghị thu hồi
            # hơn 3,8 tỷ đồng và 445,6 nghìn m² đất", "kiến nghị khác … và 11,7 nghìn m² đất"):
            # the last column named before it decides
            said = [(m.start(), m.lastgroup) for m in _LAND_COLUMN.finditer(
                before.rsplit(";", 1)[-1])]
            if said and said[-1][1] in pt.LAND_COLUMNS:
                f.indicator = pt.LAND_COLUMNS[said[-1][1]]
                f.relabelled = True
        if f.indicator in ("pet.received", "pet.eligible"):
            # "tổng số đơn khiếu nại đủ điều kiện xử lý … là 617 đơn": one kind named in the
            # count's clause is that kind's count, not all petitions (round 4)
            clause = re.split(r"[;,]\s|\.\s", before)[-1]
            kind = re.search(pt.ONE_KIND_PETITIONS, clause)
            if kind:
                f.indicator = ("pet.complaints" if kind.group(1) == "khieu nai"
                               else "pet.denunciations")
                f.relabelled = True
        if f.indicator in ("pet.complaints", "pet.denunciations") and re.search(
                r"(?<!khong )\bthuoc tham quyen\b", before) and not re.search(
                r"\bkhong thuoc tham quyen\b", before):
            # "Đơn thuộc thẩm quyền Chủ tịch UBND tỉnh … 2 đơn tố cáo": within competence
            f.indicator = f.indicator.replace("pet.", "pet.competence_")
            f.relabelled = True
        if f.indicator == "tthc.pending_total" and re.match(pt.PENDING_IN_TIME_AFTER,
                                                            folded[f.end:f.end + 50]):
            # "370 hồ sơ đang giải quyết trong hạn (và 9 … quá hạn)": the part in time; "đang
            # giải quyết 12 (còn trong thời hạn)" stays all pending (an aside on the total)
            f.indicator, f.relabelled = "tthc.pending_in_time", True
        scope = _online_scope(folded, s0, f.start, previous)
        if scope and f.indicator in pt.OVERALL_TTHC:
            if scope == "topic" and f.indicator in ("tthc.files_total",
                                                    "tthc.received_in_period"):
                f.indicator, f.relabelled = "tthc.received_online", True
            elif not f.reason:
                f.reason = ("số liệu của riêng hồ sơ trực tuyến, không phải của mọi hồ sơ / a "
                            f"figure of online files only, not of all files ({f.indicator})")
        if f.pattern == pt.OWN_SCORE:
            _own_index_score(f, folded, before, s0)
        if f.indicator in pt.KNTC_OUTCOME_KIND:
            f.indicator = _outcome_kind(f.indicator, folded, before, f.end)
        if f.indicator in pt.KNTC_TOPIC_RELABEL or f.indicator in pt.KNTC_TOPIC_NONE:
            if _kntc_topic(before, (previous[-300:] + " " + folded[:s0])[-600:]):
                if f.indicator in pt.KNTC_TOPIC_NONE:  # no code for it in that clause
                    f.reason = ("cột của thanh tra trong đoạn về giải quyết khiếu nại, tố cáo"
                                " / an inspections' column in a passage on complaints")
                else:
                    f.indicator, f.relabelled = pt.KNTC_TOPIC_RELABEL[f.indicator], True
        if f.indicator in pt.GROUP_VISIT_CODES and re.match(pt.GROUP_VISIT_AFTER,
                                                            folded[f.end:f.end + 30]):
            f.indicator, f.relabelled = pt.GROUP_VISIT_CODES[f.indicator], True
        if f.indicator == "idx.papi_dimension":
            names = [(m.end(), name) for rx, name in pt.PAPI_DIMENSIONS.items()
                     for m in re.finditer(rx, before[-200:])]
            if names:
                f.field = max(names)[1]
    _rates_after_counts(figs, para, folded, span)


def _own_sector(field: str, unit_names: str) -> bool:
    """Whether a sector field is the report's own unit's sector (round 5: "lĩnh vực tài nguyên
    môi trường" in the report of the Department of Natural Resources and Environment is the
    whole's): every word of the field is in the unit's name.  Not a level or a body."""
    if not unit_names or "›" in field or re.match(r"(Cấp|Thanh tra)\b", field):
        return False
    words = set(fold_chars(field.lower()).split()) - {"va", "linh", "vuc"}
    return bool(words) and words <= set(fold_chars(unit_names.lower()).split())


def _online_scope(folded: str, s0: int, start: int, previous: str) -> str:
    """How a number's sentence scopes it to online files only (round 5): "topic" when the
    sentence opens on them ("Về hồ sơ trực tuyến, …", "Đối với việc tiếp nhận, giải quyết hồ
    sơ thủ tục hành chính trực tuyến, …"), "part" when it opens on "Trong đó" after a sentence
    totalling online files ("tổng số hồ sơ trực tuyến … là 43.007 hồ sơ. … Trong đó số được xử
    lý đúng hạn 40.042"), else ""."""
    if re.match(pt.ONLINE_TOPIC, folded[s0:start]):
        return "topic"
    if re.match(r"\W*trong do\b", folded[s0:s0 + 12]):
        back = folded[max(0, s0 - 400):s0] or previous[-400:]
        if not back.strip():
            back = previous[-400:]
        last = re.split(r"\.\s", back.strip(" ."))[-1]
        if re.search(pt.ONLINE_FILES, last):
            return "part"
    return ""


def _kntc_topic(before: str, paragraph_before: str) -> bool:
    """Whether the topic named last before a number is complaints and denunciations
    (:data:`patterns.TOPIC_KNTC` against :data:`patterns.TOPIC_INSPECTION`): in the sentence,
    else, when the sentence names neither ("Kết quả giải quyết đã thu hồi …"), in the
    paragraph before it."""
    for text in (before, paragraph_before):
        topics = [(m.start(), "kntc") for m in re.finditer(pt.TOPIC_KNTC, text)] + [
            (m.start(), "insp") for m in re.finditer(pt.TOPIC_INSPECTION, text)]
        if not topics:
            continue
        insp = [pos for pos, t in topics if t == "insp"]
        # "qua thanh tra, kiểm tra, giải quyết khiếu nại, tố cáo, …" names both together
        return max(topics)[1] == "kntc" and (not insp or max(topics)[0] - max(insp) > 60)
    return False


_INDEX_NAMES = [(re.compile(rx), prefix) for rx, prefix in pt.INDEX_NAMES.items()]


def _own_index_score(f: Figure, folded: str, before: str, s0: int) -> None:
    """The index of a score the report's province "đạt" (:data:`patterns.OWN_SCORE`): the
    index named last before it in the sentence, else the only one named in the paragraph
    before it; else the figure is left unclassified."""
    named = [(m.start(), prefix) for rx, prefix in _INDEX_NAMES for m in rx.finditer(before)]
    if not named:
        named = [(m.start(), prefix) for rx, prefix in _INDEX_NAMES
                 for m in rx.finditer(folded, max(0, s0 - 1500), s0)]
        if len({p for _pos, p in named}) != 1:
            named = []
    if named:
        f.indicator = max(named)[1] + "_score"
    else:
        f.reason = ("không rõ điểm của chỉ số nào / the score's index is not named")


_KIND_SHORT = {"kn": "khieu nai", "tc": "to cao"}


def _kinds(text: str) -> list[str]:
    """The kinds of complaint named in ``text`` (:data:`patterns.KNTC_KIND_RE`), in order,
    the abbreviations KN / TC written out."""
    return [_KIND_SHORT.get(k, "khieu nai, to cao" if k.startswith("kn") else k)
            for k in re.findall(pt.KNTC_KIND_RE, text)]


def _outcome_kind(code: str, folded: str, before: str, end: int) -> str:
    """An outcome code by kind when one kind is named (:data:`patterns.KNTC_OUTCOME_KIND`)."""
    after = re.match(r"\s*(?:vu viec|vu|don)\s+" + pt.KNTC_KIND_RE, folded[end:end + 40])
    clause = re.split(r"[;:]\s|\.\s", before)[-1]
    kinds = ([_KIND_SHORT.get(after.group(1), after.group(1))] if after else _kinds(clause)
             or _kinds(before))
    return pt.KNTC_OUTCOME_KIND[code].get(kinds[-1], code) if kinds else code


_RATE_AFTER = re.compile(pt.RATE_AFTER_COUNT)
_RATE_CONTINUES = re.compile(pt.RATE_CONTINUES)


def _rates_after_counts(figs: list[Figure], para: str, folded: str,
                        span: tuple[int, int]) -> None:
    """A percentage no pattern read, right after a count: the rate of that count."""
    s0, s1 = span
    taken = {(f.start, f.end) for f in figs}
    counts = sorted((f for f in figs if not f.percent and not f.zero), key=lambda f: f.start)
    for m in _PERCENT.finditer(folded, s0, s1):
        if any(a < m.end() and m.start() < b for a, b in taken):
            continue
        rates = [f for f in figs if f.percent and f.end <= m.start()]
        last = max(rates, key=lambda f: f.end) if rates else None
        if last is not None and _RATE_CONTINUES.fullmatch(folded, last.end, m.start()):
            try:  # "… cấp huyện đạt 98,5%, cấp xã đạt 99,1%": the same rate, its own level
                num = vnnumbers.parse(para[m.start():m.end()])
            except ValueError:
                continue
            figs.append(Figure(last.indicator, num.value, last.row, m.start(), m.end(), span,
                               0.8, "rate_continues", m.end() - m.start(),
                               clarity=num.clarity, percent=True, of=last))
            taken.add((m.start(), m.end()))
            continue
        prev = [f for f in counts if f.end <= m.start()]
        if len(prev) > 1 and re.fullmatch(r"\s*/\s*", folded[prev[-2].end:prev[-1].start]):
            prev.pop()  # "4.561/5.650 HS (tỷ lệ 80,7%)": both read; the rate is the numerator's
        if not prev or prev[-1].indicator not in pt.RATE_OF:
            continue
        head = prev[-1]
        # a count written as a fraction ("236/457 PAKN, chiếm 51,64%"): its rate follows the
        # denominator
        frac = re.match(r"\s*/\s*[\d.]+", folded[head.end:m.start()])
        if not _RATE_AFTER.fullmatch(folded, head.end + (frac.end() if frac else 0), m.start()):
            continue
        if _other_period(_clause_before(folded[s0:m.start()], m.start() - s0)):
            continue
        try:
            num = vnnumbers.parse(para[m.start():m.end()])
        except ValueError:
            continue
        decimals = len(re.split(r"[,.]", num.text.rstrip(" %"))[-1]) if re.search(
            r"[,.]\d{1,2}\s*%?$", num.text) else 0
        figs.append(Figure(pt.RATE_OF[head.indicator], num.value, head.row, m.start(), m.end(),
                           span, 0.85, "rate_after_count", m.end() - head.start,
                           clarity=num.clarity, percent=True, decimals=decimals, of=head))
        taken.add((m.start(), m.end()))


_PERCENT = re.compile(vnnumbers.PERCENT)


def _list_context(ex: Extraction, items: dict[int, int]) -> None:
    """A total before a colon and its parts in the list items below it.

    "tiếp nhận 9.874 hồ sơ, trong đó:" / "- Trực tuyến: 7.412 hồ sơ;" / "- Trực tiếp: 2.462
    hồ sơ." get the context rules and checks of a total-and-parts sentence: the first count
    of each item is a part of the last count before the colon.
    """
    by_intro: dict[int, list[int]] = {}
    for item, intro in items.items():
        by_intro.setdefault(intro, []).append(item)
    for intro, rows in by_intro.items():
        block = [f for f in ex.figures if f.row == intro or f.row in rows]
        counts = [f for f in block if not f.percent and not f.zero]
        tail = fold_same_length(ex.paragraphs[intro - 1])
        heads = [f for f in counts if f.row == intro and re.fullmatch(pt.LIST_INTRO, tail[f.end:])]
        parts = [next(f for f in counts if f.row == r) for r in rows
                 if any(f.row == r for f in counts)]
        groups = {block.index(heads[-1]): parts} if heads and parts else {}
        _apply_context(block, groups)
        ex.findings += prosechecks.check_groups(ex, block, groups)


def _dedup(figs: list[Figure]) -> list[Figure]:
    """Keep the first statement of each (indicator, field, value); later repeats go.

    An approximate figure ("hơn 250 cuộc") goes when the report states the same indicator
    and field exactly with a value near it (within 15%): it is the rounded headline of that
    figure.  A value far from it ("hơn 3,8 tỷ đồng" beside "92 triệu đồng") is another scope.
    """
    exact: dict[tuple[str, str], list[float]] = {}
    for f in figs:
        if not f.approximate:
            exact.setdefault((f.indicator, f.field), []).append(f.value)
    figs = [f for f in figs if not f.approximate or not any(
        abs(v - f.value) <= 0.15 * max(abs(v), abs(f.value))
        for v in exact.get((f.indicator, f.field), []))]
    # a title's figure the body states again under another label: the body says more
    body = {(f.field, round(f.value, 6)): f.indicator for f in figs if not f.heading}
    figs = [f for f in figs if not f.heading or body.get((f.field, round(f.value, 6)),
                                                         f.indicator) == f.indicator]
    out, seen = [], set()
    for f in figs:
        key = (f.indicator, f.field, round(f.value, 6), f.period)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# -- the review pages of a submissions folder, the command ---------------------------------------
def main(args, validate=None) -> int:
    """The ``papi-analysis extract`` command (:func:`papi_analysis.prose.command.run` reading
    with :func:`extract_file`); returns 0, or 2 when errors were found."""
    return command.run(args, extract_file, validate)


def review_pages(files: list[Path | str], out_dir: Path | str, lang: str = "vi") -> list[Path]:
    """Write one offline review page per prose report among ``files`` into ``out_dir``.

    For the build: each report of a submissions folder (.docx, .txt, .md; other files,
    README files, hidden and lock files are passed over) gets ``<out_dir>/<stem>.html``
    (``<stem>.en.html`` with ``lang="en"``, as the appendices are named): the page of
    :func:`papi_analysis.prose.review.render`, the report's text with every figure marked, the
    figures with their confidence, the report's own findings.  The unit and period the
    folder's ``corrections.csv`` sets for a report are used, and its corrections of figures
    are listed on the page.  A report that cannot be read gets no page (``validate`` and the
    build's data check report it).  When two reports share a stem, their pages are named
    ``<stem>-<suffix>.html`` (``stc-docx.html``, ``stc-txt.html``).

    Parameters
    ----------
    files : list of path
        Submission files (any kind; only prose reports get a page).
    out_dir : path
        The folder to write into (created if missing).
    lang : str, optional
        "vi" (default) or "en": the page's labels.

    Returns
    -------
    list of Path
        The pages written, in the order of ``files``.

    Raises
    ------
    ParameterError
        If ``lang`` is not "vi" or "en", or a page cannot be written.
    """
    from ..intake import corrections

    fmt.check_lang(lang)
    out_dir = Path(out_dir)
    reports = [Path(f) for f in files if Path(f).suffix.lower() in SUFFIXES
               and not Path(f).name.startswith(("~", "."))
               and not Path(f).name.lower().startswith("readme")]
    stems = [p.stem.lower() for p in reports]
    written: list[Path] = []
    loaded: dict[Path, corrections.Corrections] = {}
    for path in reports:
        folder = path.parent.resolve()
        if folder not in loaded:
            loaded[folder] = corrections.load(folder)
        corr = loaded[folder]
        agency, period = corr.overrides(path.name)
        try:
            ex = extract_file(path, agency=agency, period=period)
        except PapiError:
            continue
        notes = [_correction_note(ex, c) for c in corr.for_file(path.name)]
        found = pd.DataFrame(ex.findings + notes, columns=FINDING_COLUMNS)
        stem = path.stem if stems.count(path.stem.lower()) == 1 else \
            f"{path.stem}-{path.suffix.lower().lstrip('.')}"
        page = out_dir / (f"{stem}.html" if lang == "vi" else f"{stem}.{lang}.html")
        try:
            atomic.write(page, review.render([ex], found, lang))
        except OSError as exc:
            raise atomic.unwritable(page, exc) from None
        written.append(page)
    return written


def _correction_note(ex: Extraction, corr) -> dict:
    """A line of the review page's findings for one of the analyst's corrections."""
    if corr.value is None:
        vi, en = "Sửa tay: bỏ số liệu này", "Corrected by the analyst: figure removed"
    else:
        places = 0 if float(corr.value).is_integer() else 2
        vi = f"Sửa tay: giá trị dùng là {fmt.number(corr.value, 'vi', places)}"
        en = f"Corrected by the analyst: the value used is {fmt.number(corr.value, 'en', places)}"
    return {"severity": "warning", "rule": "corrections.applied", "agency": ex.agency,
            "period": ex.period_code, "indicator": corr.indicator, "field": corr.field,
            "location": corr.where(), "message_vi": f"{vi} ({corr.indicator}). {corr.note}",
            "message_en": f"{en} ({corr.indicator}). {corr.note}"}
