"""How a build's results are shown: the index pages and the summary table of the CLI.

``reports/<period>/index.html`` is one page per period: one row per agency (full name and
code, the whole province first, then the registry's order), the appendices as columns
with the overview (appendix 4) first (each linking its HTML, its workbook and, where one
exists and is current, its PDF), a marker saying whether the agency's figures are real,
partly real or illustrative, and the row's data-check findings: the agency's errors and
warnings, and on the whole province's row every finding of the period (the province's
appendices hold every agency's figures), linked to appendix 5.  ``reports/index.html``
lists the periods, newest first, with what they cover.  Each language has its own pages
(``index.html`` Vietnamese, ``index.en.html`` English), both written by every build, so an
English build never turns the Vietnamese pages English.  What a page needs beyond the
manifest (agency names, markers, findings counts) is kept beside it in ``index.json``.

Every page is one self-contained HTML file (inline CSS, no script, no external URL), with
links relative to the page, so the folder can be zipped and sent around; on a narrow screen
(a phone, 420 px) each table row becomes a card.  Dates are dd/mm/yyyy.

This module gathers what the pages say (rows, labels, links); the markup is in the Jinja2
templates ``papi_analysis/templates/index/`` (``page.html.j2`` the frame and ``index.css``,
``period.html.j2``, ``root.html.j2``, ``national.html.j2``, ``macros.html.j2``), rendered with
autoescaping on (:func:`render`, :mod:`papi_analysis.appendix.templating`): every value is
escaped by the template, and no HTML is built here.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
from pathlib import Path

from .. import __version__
from ..appendix import templating
from ..errors import PapiError
from ..model import periods
from . import manifest

log = logging.getLogger(__name__)

LANGS = ("vi", "en")
#: The appendices' columns, the overview first.
COLUMN_ORDER = (4, 1, 2, 3, 5, 6)
_SHORT = {1: ("TTHC", "Procedures"), 2: ("PCTN, KNTC, thanh tra", "Anti-corruption"),
          3: ("PAPI", "PAPI"), 4: ("Tổng quan", "Overview"),
          5: ("Chất lượng số liệu", "Data quality"), 6: ("Tóm tắt", "Summary")}
MARKERS = ("real", "partial", "illustrative", "none")

_L = {
    "vi": {"title": "Phụ lục", "root": "Các phụ lục đã xuất", "appendix": "Phụ lục",
           "agency": "Đơn vị", "data": "Số liệu", "status": "Trạng thái",
           "findings": "Kiểm tra số liệu", "ok": "Hoàn thành", "failed": "Lỗi",
           "view": "Xem", "failed_nb": "notebook lỗi", "last_good": "bản tốt gần nhất",
           "none": "Chưa có phụ lục nào.", "generated": "Cập nhật lúc",
           "province_only": "chỉ toàn tỉnh", "not_built": "chưa xuất",
           "dash_help": "phụ lục chỉ lập cho toàn tỉnh (PAPI, chất lượng số liệu, tóm tắt) "
                        "hoặc chưa xuất",
           "xlsx_help": "các bảng của phụ lục, mỗi bảng một trang tính (Excel)",
           "pdf_help": "bản PDF khổ A4 để in, cùng số liệu với bản HTML",
           "province_findings": "mọi lỗi và cảnh báo của kỳ, ở mọi đơn vị (phụ lục toàn "
                                "tỉnh gồm số liệu của mọi đơn vị); chi tiết ở Phụ lục 5",
           "agency_findings": "lỗi và cảnh báo trong số liệu của đơn vị; chi tiết ở Phụ lục 5",
           "all_periods": "← Tất cả các kỳ", "other_lang": "English", "other_suffix": "EN",
           "period": "Kỳ báo cáo", "appendices": "Phụ lục", "coverage": "Số liệu các đơn vị",
           "open": "Mở",
           "counts": "{n} phụ lục: {ok} hoàn thành, {bad} lỗi",
           "findings_n": "{e} lỗi, {w} cảnh báo", "no_findings": "không có",
           "compare": "So sánh với", "fingerprint": "Dấu vân tay số liệu",
           "built": "Xuất lúc", "national": "Phụ lục PAPI — toàn quốc",
           "province": "Tỉnh, thành phố", "periods": "Kỳ",
           "periods_built": "Các kỳ đã lập phụ lục",
           "mk": {"real": "Số liệu thật", "partial": "Thật, một phần",
                  "illustrative": "Minh họa", "none": "Chưa báo cáo"},
           "mk_help": {
               "real": "mọi nhóm chỉ tiêu là số liệu thật của đơn vị",
               "partial": "có số liệu thật nhưng thiếu một số nhóm chỉ tiêu (ô trống, không "
                          "bù bằng số minh họa); với toàn tỉnh: chỉ một số đơn vị có số liệu "
                          "thật",
               "illustrative": "chỉ có số liệu minh họa, không phải số liệu thật",
               "none": "chưa có số liệu nào của kỳ"},
           "coverage_n": "{real} thật, {partial} thật một phần, {illustrative} minh họa, "
                         "{none} chưa báo cáo"},
    "en": {"title": "Appendices", "root": "Built appendices", "appendix": "Appendix",
           "agency": "Agency", "data": "Data", "status": "Status",
           "findings": "Data check", "ok": "OK", "failed": "Failed",
           "view": "View", "failed_nb": "failed notebook", "last_good": "last good version",
           "none": "No appendix yet.", "generated": "Updated",
           "province_only": "province only", "not_built": "not built",
           "dash_help": "appendix built for the whole province only (PAPI, data quality, "
                        "summary), or not built",
           "xlsx_help": "the appendix's tables, one sheet per table (Excel)",
           "pdf_help": "an A4 PDF for printing, the same figures as the HTML",
           "province_findings": "every error and warning of the period, in every agency (the "
                                "province's appendices hold every agency's figures); details "
                                "in appendix 5",
           "agency_findings": "errors and warnings in the agency's figures; details in "
                              "appendix 5",
           "all_periods": "← All periods", "other_lang": "Tiếng Việt", "other_suffix": "VI",
           "period": "Period", "appendices": "Appendices", "coverage": "Agencies' data",
           "open": "Open",
           "counts": "{n}: {ok} OK, {bad} failed",
           "findings_n": "{e}, {w}", "no_findings": "none",
           "compare": "Compared with", "fingerprint": "Data fingerprint",
           "built": "Built", "national": "PAPI appendices — national",
           "province": "Province", "periods": "Periods", "periods_built": "Periods built",
           "mk": {"real": "Real", "partial": "Partly real", "illustrative": "Illustrative",
                  "none": "Not submitted"},
           "mk_help": {
               "real": "every indicator group is the agency's real figures",
               "partial": "real figures, but some indicator groups were not reported (left "
                          "blank, never filled with illustrative ones); for the province: "
                          "only some agencies have real figures",
               "illustrative": "illustrative figures only, not real ones",
               "none": "no figures for the period"},
           "coverage_n": "{real} real, {partial} partly real, {illustrative} illustrative, "
                         "{none} not submitted"},
}
#: The order of the languages: Vietnamese first.
_LANG_RANK = {"vi": 0, "en": 1}


def index_name(lang: str) -> str:
    """The file name of an index page in ``lang``: ``index.html`` or ``index.en.html``."""
    return "index.html" if lang == "vi" else f"index.{lang}.html"


def fmt_time(iso: str | None) -> str:
    """An ISO time as ``dd/mm/yyyy HH:MM`` (``–`` if missing or unreadable)."""
    try:
        return dt.datetime.fromisoformat(str(iso)).strftime("%d/%m/%Y %H:%M")
    except (TypeError, ValueError):
        return "–"


def render(name: str, lang: str, title: str, **values) -> str:
    """The page ``templates/index/<name>`` in ``lang``, titled ``title``: the frame
    (``page.html.j2``) filled by the page's template with ``values``."""
    now = dt.datetime.now().strftime("%d/%m/%Y %H:%M")
    return templating.environment().get_template(f"index/{name}").render(
        lang=lang, title=title, L=_L[lang], now=now, version=__version__, **values)


def _other_lang(lang: str) -> dict:
    """The link to the same page in the other language."""
    other = "en" if lang == "vi" else "vi"
    return {"href": index_name(other), "lang": other, "text": _L[lang]["other_lang"]}


def _period_label(code: str, lang: str) -> str:
    try:
        return f"{periods.parse(code).label(lang)} ({code})"
    except PapiError:  # a folder with an odd name still gets listed, under its name
        log.debug("%s is not a period code: listed as it is", code)
        return code


def _lang(entry: dict) -> str:
    """The language an appendix was built in."""
    return entry.get("lang") or entry.get("parameters", {}).get("lang", "vi")


def plural(n: int, one: str, many: str, lang: str = "en") -> str:
    """``n`` and the noun, singular or plural in English (Vietnamese nouns do not change)."""
    return f"{n} {one if lang == 'vi' or n == 1 else many}"


def _findings_text(err: int, warn: int, lang: str) -> str:
    if lang == "vi":
        return _L["vi"]["findings_n"].format(e=err, w=warn)
    return f"{plural(err, 'error', 'errors')}, {plural(warn, 'warning', 'warnings')}"


def _counts_text(n: int, ok: int, bad: int, lang: str) -> str:
    if lang == "vi":
        return _L["vi"]["counts"].format(n=n, ok=ok, bad=bad)
    return _L["en"]["counts"].format(n=plural(n, "appendix", "appendices"), ok=ok, bad=bad)


# -- what the pages say about each agency --------------------------------------------------
def coverage(tidy, period: str, order: list[str], province: str = "HY",
             groups: list[str] | None = None) -> dict[str, str]:
    """Each agency's marker for ``period``: ``real``, ``partial``, ``illustrative`` or
    ``none`` (see :data:`MARKERS`), from the tidy table the appendices read.

    A department is ``real`` when it has real figures in every indicator group of the
    catalogue (``groups``), ``partial`` when it has real figures but not in every group; the
    province is ``real`` when every department is, ``partial`` when some have real figures.
    """
    if groups is None:
        from ..model import indicators

        groups = sorted({i.group for i in indicators.CATALOGUE.values()})
    rows = tidy[tidy["period"].astype(str) == period] if len(tidy) else tidy
    out: dict[str, str] = {}
    for code in order:
        if code == province:
            continue
        mine = rows[rows["agency"] == code] if len(rows) else rows
        if not len(mine):
            out[code] = "none"
            continue
        real = mine[~mine["illustrative"].astype(bool)]
        if not len(real):
            out[code] = "illustrative"
            continue
        have = set(real["indicator"].astype(str).str.split(".").str[0])
        out[code] = "real" if set(groups) <= have else "partial"
    members = [out[c] for c in order if c != province]
    if province in order:
        if members and all(m == "real" for m in members):
            out[province] = "real"
        elif any(m in ("real", "partial") for m in members):
            out[province] = "partial"
        elif any(m == "illustrative" for m in members):
            out[province] = "illustrative"
        else:
            out[province] = "none"
    return out


def finding_counts(findings) -> dict[str, list[int]]:
    """``{agency: [errors, warnings]}`` of a findings table (agency ``""`` for the rest)."""
    out: dict[str, list[int]] = {}
    if findings is None or not len(findings):
        return out
    for agency, severity in zip(findings["agency"], findings["severity"], strict=True):
        slot = out.setdefault(str(agency or ""), [0, 0])
        if severity == "error":
            slot[0] += 1
        elif severity == "warning":
            slot[1] += 1
    return out


def period_facts(period: str, order: list[str], findings=None, data_dir: Path | None = None,
                 illustrative: bool = True) -> dict:
    """What the index pages know of a period beyond its manifest: agency names, the order,
    each agency's marker and the findings counts (kept in ``index.json``).

    They cover every unit of the registry reporting for the period, not only the agencies of
    this build (``order``, the whole province first), so that a build of one agency leaves the
    page's other rows as they were.
    """
    from ..intake import datasets
    from ..model import agencies

    try:
        path = agencies.registry_path(data_dir)
        reg = agencies.registry(path)
        try:
            members = [a.code for a in agencies.departments(path, periods.parse(period))]
        except PapiError:
            members = [a.code for a in agencies.departments(path)]
    except PapiError:
        reg, members = {}, []
    full = list(dict.fromkeys([*order[:1], *members, *order[1:]]))
    names = {c: [getattr(reg.get(c), "name_vi", c), getattr(reg.get(c), "name_en", c)]
             for c in full}
    try:
        marks = coverage(datasets.load(data_dir, illustrative), period, full,
                         province=full[0] if full else "HY")
    except (PapiError, KeyError, ValueError, OSError):  # unreadable data: no markers
        marks = {}
    return {"period": period, "order": full, "names": names, "coverage": marks,
            "findings": finding_counts(findings)}


def _facts_path(period_dir: Path) -> Path:
    return period_dir / "index.json"


def _load_facts(period_dir: Path) -> dict:
    try:
        return json.loads(_facts_path(period_dir).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


# -- the period page ------------------------------------------------------------------------
def _by_cell(entries: dict) -> dict[tuple[str, int], dict[str, dict]]:
    """``{(agency, appendix): {lang: entry}}``."""
    out: dict[tuple[str, int], dict[str, dict]] = {}
    for e in entries.values():
        key = (str(e.get("agency", "")), int(e.get("appendix", 0) or 0))
        out.setdefault(key, {})[_lang(e)] = e
    return out


def _agency_order(entries: dict, facts: dict, order: list[str] | None) -> list[str]:
    """Agencies in one order for every page: the build's (province first, then the
    registry's), then any other agency of the manifest, by code."""
    first = list(dict.fromkeys([*(facts.get("order") or []), *(order or [])]))
    rest = sorted({str(e.get("agency", "")) for e in entries.values()} - set(first))
    seen = {str(e.get("agency", "")) for e in entries.values()}
    return [c for c in first if c in seen] + rest


def _columns(entries: dict) -> list[tuple[int, str, str]]:
    """``(appendix, title_vi, title_en)`` of the manifest's appendices, overview first."""
    found: dict[int, tuple[str, str]] = {}
    for e in entries.values():
        n = int(e.get("appendix", 0) or 0)
        found.setdefault(n, (e.get("title_vi") or e.get("notebook", ""),
                             e.get("title_en") or e.get("notebook", "")))
    rank = {n: i for i, n in enumerate(COLUMN_ORDER)}
    return [(n, *found[n]) for n in sorted(found, key=lambda n: (rank.get(n, 99), n))]


def _short(n: int, title_vi: str, title_en: str, lang: str) -> str:
    vi, en = _SHORT.get(n, (title_vi, title_en))
    return vi if lang == "vi" else en


def _marker(mark: str | None, lang: str) -> dict | None:
    """A data marker as the templates show it (``macros.marker``): ``{mark, text, help}``,
    or ``None`` (a dash) for anything but :data:`MARKERS`."""
    if mark not in MARKERS:
        return None
    L = _L[lang]
    return {"mark": mark, "text": L["mk"][mark], "help": L["mk_help"][mark]}


def _markers(lang: str) -> list[dict]:
    """Every marker, for the legend."""
    return [m for m in (_marker(k, lang) for k in MARKERS) if m]


def _cell(langs: dict[str, dict], prefix: str, lang: str, scope_province: bool,
          pdfs: frozenset[str] = frozenset()) -> dict:
    """One appendix of one agency, as ``period.html.j2``'s ``cell`` shows it: a link in the
    page's language (with its workbook, and its PDF when the HTML's path is in ``pdfs``), the
    other language beside it; a failure with its notebook and the last good version.

    ``{label, na, why, parts}``: ``na`` when there is nothing (a dash titled ``why``), else
    ``parts``, each ``{kind, href, text, title, when}``; ``kind`` is ``not_built``,
    ``failed``, ``view`` (a tick and the link), ``last_good`` (the link and its time),
    ``more`` (a ``·`` and the link) or ``link``."""
    L = _L[lang]
    if not langs:
        why = L["province_only"] if scope_province else L["not_built"]
        return {"na": True, "why": why, "parts": []}

    def part(kind: str, rel: str = "", text: str = "", title: str = "", when: str = "") -> dict:
        return {"kind": kind, "href": prefix + rel if rel else "", "text": text,
                "title": title, "when": when}

    e = langs.get(lang)
    other = next((langs[k] for k in LANGS if k != lang and k in langs), None)
    parts = []
    if e is None:
        parts.append(part("not_built", text=L["not_built"]))
    elif e.get("status") == "failed":
        parts.append(part("failed", text=L["failed"], title=e.get("error", "")))
        if e.get("failed_ipynb"):
            parts.append(part("link", e["failed_ipynb"], L["failed_nb"]))
        if e.get("html"):
            parts.append(part("last_good", e["html"], L["last_good"],
                              when=fmt_time(e.get("built_at"))))
    elif e.get("html"):
        parts.append(part("view", e["html"], L["view"],
                          f'{L["built"]} {fmt_time(e.get("built_at"))}'))
        if e.get("xlsx"):
            parts.append(part("more", e["xlsx"], "xlsx", L["xlsx_help"]))
        if e["html"] in pdfs:
            parts.append(part("more", pdf_path(e["html"]), "PDF", L["pdf_help"]))
    if other is not None and other.get("status") != "failed" and other.get("html"):
        parts.append(part("more", other["html"], L["other_suffix"],
                          f'{_L[_lang(other)]["title"]} ({_lang(other)})'))
    return {"na": False, "why": "", "parts": parts}


def _quality_link(entries: dict, lang: str) -> str:
    """The period's appendix 5 (data quality) in ``lang``, or in the other language."""
    found = {_lang(e): e["html"] for e in entries.values()
             if int(e.get("appendix", 0) or 0) == 5 and e.get("html")}
    return found.get(lang) or next(iter(found.values()), "")


def row_findings(facts: dict, code: str) -> tuple[int, int]:
    """``(errors, warnings)`` shown on ``code``'s row: the agency's own, and on the whole
    province's row (the first of the order) every finding of the period."""
    counts = facts.get("findings", {})
    if code == (facts.get("order") or [None])[0]:
        return (sum(v[0] for v in counts.values()), sum(v[1] for v in counts.values()))
    err, warn = counts.get(code, [0, 0])
    return err, warn


def _period_table(entries: dict, facts: dict, order: list[str] | None, lang: str,
                  prefix: str = "", pdfs: frozenset[str] = frozenset()) -> dict | None:
    """The table of a period page (``period.html.j2``): ``{heads, rows}``, or ``None`` when
    the manifest has no appendix.  ``heads``: the appendices' columns ``{n, title, short}``;
    ``rows``: one per agency, ``{name, code, marker, cells, findings}``, ``cells`` from
    :func:`_cell` with their label, ``findings`` ``{text, error, href, title}`` (``href``
    to appendix 5 when there is something to see there)."""
    L = _L[lang]
    if not entries:
        return None
    cols = _columns(entries)
    cells = _by_cell(entries)
    names = facts.get("names", {})
    marks = facts.get("coverage", {})
    province = (facts.get("order") or [None])[0]
    quality = _quality_link(entries, lang)
    province_only = {int(e.get("appendix", 0) or 0) for e in entries.values()
                     if e.get("scope") == "province"}
    heads = [{"n": n, "title": tv if lang == "vi" else te, "short": _short(n, tv, te, lang)}
             for n, tv, te in cols]
    rows = []
    for code in _agency_order(entries, facts, order):
        name = names.get(code, [code, code])[0 if lang == "vi" else 1]
        row_cells = []
        for n, tv, te in cols:
            cell = _cell(cells.get((code, n), {}), prefix, lang, n in province_only, pdfs)
            row_cells.append({**cell, "label": f"{L['appendix']} {n}. {_short(n, tv, te, lang)}"})
        err, warn = row_findings(facts, code)
        text = _findings_text(err, warn, lang) if err or warn else L["no_findings"]
        why = L["province_findings"] if code == province else L["agency_findings"]
        href = prefix + quality if (err or warn) and quality else ""
        rows.append({"name": name, "code": code, "marker": _marker(marks.get(code), lang),
                     "cells": row_cells,
                     "findings": {"text": text, "error": bool(err), "href": href,
                                  "title": why}})
    return {"heads": heads, "rows": rows}


def _status_line(entries: list[dict], lang: str) -> str:
    ok = sum(e.get("status") == "ok" for e in entries)
    bad = sum(e.get("status") == "failed" for e in entries)
    return _counts_text(len(entries), ok, bad, lang)


def _coverage_line(facts: dict, lang: str) -> str:
    marks = facts.get("coverage", {})
    province = (facts.get("order") or [None])[0]
    n = {m: sum(v == m for c, v in marks.items() if c != province) for m in MARKERS}
    return _L[lang]["coverage_n"].format(**n) if marks else ""


def _findings_line(facts: dict, lang: str) -> str:
    counts = facts.get("findings", {})
    err = sum(v[0] for v in counts.values())
    warn = sum(v[1] for v in counts.values())
    return _findings_text(err, warn, lang)


def period_page(man: dict, facts: dict, lang: str, order: list[str] | None = None,
                pdfs: frozenset[str] = frozenset()) -> str:
    """The HTML of a period's index page in ``lang``; ``pdfs`` are the appendices (their
    HTML's path in the period folder) that have a current PDF beside them, which the page
    links (:func:`current_pdfs`)."""
    L = _L[lang]
    code = man.get("period", facts.get("period", ""))
    entries = man.get("entries", {})
    listed = [e for e in entries.values() if _lang(e) == lang] or list(entries.values())
    compares = sorted({", ".join(_compare_word(c, code, lang) for c in
                                 e.get("parameters", {}).get("compare", []) or [])
                       for e in listed} - {""})
    prints = sorted({str(e.get("data_fingerprint", "")) for e in listed} - {""})
    meta = [{"label": L["status"], "text": _status_line(listed, lang)},
            {"label": L["findings"], "text": _findings_line(facts, lang)}]
    if _coverage_line(facts, lang):
        meta.append({"label": L["coverage"], "text": _coverage_line(facts, lang)})
    if compares:
        meta.append({"label": L["compare"], "text": "; ".join(compares)})
    return render("period.html.j2", lang, f"{L['title']} — {_period_label(code, lang)}",
                  up={"href": f"../{index_name(lang)}", "text": L["all_periods"]},
                  other=_other_lang(lang), meta=meta, prints=prints,
                  table=_period_table(entries, facts, order, lang, pdfs=pdfs),
                  markers=_markers(lang), dash_help=L["dash_help"])


def pdf_path(html: str) -> str:
    """The PDF beside an appendix's HTML, as a path relative to the period folder."""
    return html[: -len(".html")] + ".pdf" if html.endswith(".html") else html + ".pdf"


def current_pdfs(period_dir: Path, man: dict) -> frozenset[str]:
    """The HTML paths of the manifest's appendices that have a PDF beside them at least as
    new as the HTML (an older one shows an earlier build's figures: never linked)."""
    from . import pdf

    return frozenset(e["html"] for e in man.get("entries", {}).values()
                     if e.get("html") and pdf.is_current(period_dir / e["html"]))


def write_period(period_dir: Path, man: dict, lang: str = "vi",
                 order: list[str] | None = None, facts: dict | None = None) -> Path:
    """Write the period's index pages, one per language, from its manifest and ``facts``
    (:func:`period_facts`; kept in ``index.json``, and read back from it when not given);
    return the path of the page in ``lang``.  The pages link the PDFs that are there
    (:func:`current_pdfs`)."""
    if facts is None:
        facts = _load_facts(period_dir)
    else:
        manifest.write_json(_facts_path(period_dir), facts)
    pdfs = current_pdfs(period_dir, man)
    for each in LANGS:
        manifest.atomic_write(period_dir / index_name(each),
                              period_page(man, facts, each, order, pdfs))
    return period_dir / index_name(lang)


def refresh_period(period_dir: Path, lang: str = "vi") -> Path:
    """Write the period's index pages again from what is on disk (its manifest and
    ``index.json``): after ``--pdf`` has written PDFs, so that the pages link them."""
    man = manifest.load_manifest(period_dir.parent, period_dir.name)
    return write_period(period_dir, man, lang)


# -- the top-level page ---------------------------------------------------------------------
def _newest_first(m: dict) -> tuple:
    try:
        start, end = periods.parse(m["period"]).date_range()
        return (end.toordinal(), end.toordinal() - start.toordinal())
    except (PapiError, KeyError, TypeError, AttributeError):  # an odd folder name sorts last
        log.debug("period %r of an index entry is unreadable: sorted last", m.get("period"))
        return (0, 0)


def root_page(reports_dir: Path, lang: str) -> str:
    """The HTML of the top-level index in ``lang``: the periods, newest first."""
    mans = [manifest.load_manifest(reports_dir, p.parent.name)
            for p in reports_dir.glob("*/manifest.json")]
    rows = []
    for m in sorted(mans, key=_newest_first, reverse=True):
        code = m["period"]
        facts = _load_facts(reports_dir / code)
        entries = list(m.get("entries", {}).values())
        mine = [e for e in entries if _lang(e) == lang] or entries
        province = (facts.get("order") or ["HY"])[0]
        langs = sorted({_lang(e) for e in entries}, key=lambda x: _LANG_RANK.get(x, 9))
        rows.append({"href": f"{code}/{index_name(lang)}", "label": _period_label(code, lang),
                     "marker": _marker(facts.get("coverage", {}).get(province), lang),
                     "coverage": _coverage_line(facts, lang),
                     "status": _status_line(mine, lang),
                     "failed": any(e.get("status") == "failed" for e in mine),
                     "langs": ", ".join(langs), "findings": _findings_line(facts, lang)})
    return render("root.html.j2", lang, _L[lang]["root"], other=_other_lang(lang), rows=rows,
                  markers=_markers(lang))


def write_root(reports_dir: Path, lang: str = "vi") -> Path:
    """Write the top-level index pages, one per language; return the path of ``lang``'s."""
    for each in LANGS:
        manifest.atomic_write(reports_dir / index_name(each), root_page(reports_dir, each))
    return reports_dir / index_name(lang)


# -- the national page ----------------------------------------------------------------------
def national_page(reports_root: Path, provinces: list[tuple[str, str]], lang: str) -> str:
    """The HTML of the national index in ``lang``: one row per province (code, name), with
    its periods newest first, each linked to that province's period page."""
    rows = []
    for code, name in provinces:
        folder = reports_root / code
        mans = [manifest.load_manifest(folder, p.parent.name)
                for p in folder.glob("*/manifest.json")]
        links = []
        for m in sorted(mans, key=_newest_first, reverse=True):
            entries = list(m.get("entries", {}).values())
            links.append({"href": f'{code}/{m["period"]}/{index_name(lang)}',
                          "text": m["period"],
                          "failed": sum(e.get("status") == "failed" for e in entries)})
        rows.append({"href": f"{code}/{index_name(lang)}", "name": name, "code": code,
                     "periods": links})
    return render("national.html.j2", lang, _L[lang]["national"], other=_other_lang(lang),
                  rows=rows)


def write_national(reports_root: Path, provinces: list[tuple[str, str]], lang: str = "vi"
                   ) -> Path:
    """Write the national index pages (one per language); return the path of ``lang``'s."""
    for each in LANGS:
        manifest.atomic_write(reports_root / index_name(each),
                              national_page(reports_root, provinces, each))
    return reports_root / index_name(lang)


# -- the summary table printed by the CLI ---------------------------------------------------
_HEAD = {"vi": ("Phụ lục", "Đơn vị", "Trạng thái", "Thời gian", "Kết quả"),
         "en": ("Appendix", "Agency", "Status", "Duration", "Output")}
_STATUS = {"vi": {"ok": "ok", "skipped": "bỏ qua", "failed": "LỖI"},
           "en": {"ok": "ok", "skipped": "skipped", "failed": "FAILED"}}


def _show(path: Path) -> str:
    """``path`` relative to the working directory when inside it, else absolute."""
    full = Path(path).resolve()
    try:
        return str(full.relative_to(Path.cwd()))
    except ValueError:
        return str(full)


def summary(result, lang: str = "vi") -> str:
    """The summary table printed at the end of a build (plain text, one row per appendix),
    the failures, and the one summary line (:func:`summary_line`)."""
    return "\n".join([*table_lines(result, lang), summary_line(result, lang)])


def table_lines(result, lang: str = "vi") -> list[str]:
    """One row per appendix, then one ``! notebook/agency: error`` line per failure."""
    rows = []
    for r in result.results:
        out = _show(r.html)
        if r.status == "failed":
            out = _show(r.failed) if r.failed else "—"
        took = "–" if r.status == "skipped" else f"{r.duration:.1f} s"
        rows.append((f"{r.appendix:02d} {r.notebook}", r.agency, _STATUS[lang][r.status], took,
                     out))
    head = _HEAD[lang]
    widths = [max(len(x) for x in col) for col in zip(head, *rows, strict=True)]

    def line(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)).rstrip()

    return [line(head), line(["-" * w for w in widths])] + [line(r) for r in rows] + \
        failure_lines(result)


def failure_lines(result) -> list[str]:
    """``! notebook/agency: error`` for each appendix that failed."""
    return [f"! {r.notebook}/{r.agency}: {r.error}" for r in result.results
            if r.status == "failed"]


def _check_counts(result) -> tuple[int, int]:
    f = getattr(result, "findings", None)
    if f is None or not len(f):
        return 0, 0
    return int((f["severity"] == "error").sum()), int((f["severity"] == "warning").sum())


def summary_line(result, lang: str = "vi") -> str:
    """The build in one line: built, skipped, failed, the data check's findings, the time, the
    exit code when it is not 0, and the index page."""
    ok, sk, bad = result.count("ok"), result.count("skipped"), result.count("failed")
    err, warn = _check_counts(result)
    code = getattr(result, "exit_code", 0)
    if lang == "vi":
        why = {1: "có phụ lục lỗi", 4: "số liệu có lỗi, xem Phụ lục 5"}.get(code, "")
        end = f"; mã thoát {code} ({why})" if code else ""
        return (f"Kỳ {result.period}: {ok} đã chạy, {sk} bỏ qua (không đổi), {bad} lỗi; kiểm tra "
                f"số liệu: {err} lỗi, {warn} cảnh báo — {result.wall_time:.1f} s{end}. "
                f"Mục lục: {_show(result.index)}")
    why = {1: "an appendix failed", 4: "the data have errors, see appendix 5"}.get(code, "")
    end = f"; exit code {code} ({why})" if code else ""
    return (f"Period {result.period}: {ok} built, {sk} skipped (unchanged), {bad} failed; data "
            f"check: {_findings_text(err, warn, 'en')} — {result.wall_time:.1f} s{end}. "
            f"Index: {_show(result.index)}")


def start_line(argv: list[str] | str, lang: str = "vi",
               now: dt.datetime | None = None) -> str:
    """The dated line a build's log opens with: when, and the command as given."""
    when = (now or dt.datetime.now()).strftime("%d/%m/%Y %H:%M:%S")
    cmd = argv if isinstance(argv, str) else " ".join(argv)
    word = "bắt đầu" if lang == "vi" else "started"
    return f"== {when} papi-analysis {__version__} {word}: {cmd}"


def build_log(result, lang: str = "vi", *, quiet: bool = False, start: str = "",
              findings_shown: bool = False) -> str:
    """What ``build`` prints once it is done (a scheduler's log stays short):

    * the findings of the data check and the table of appendices only when an appendix was
      built or failed (``findings_shown``: the findings were printed already);
    * then the one summary line (:func:`summary_line`);
    * with ``quiet``, nothing at all unless an appendix failed or the data have errors, and
      then ``start`` (the dated line), the failures and the summary line.
    """
    failed = failure_lines(result)
    err, _ = _check_counts(result)
    if quiet:
        if not failed and not err:
            return ""
        return "\n".join([x for x in (start,) if x] + failed + [summary_line(result, lang)])
    lines: list[str] = []
    if result.count("ok") or failed:
        f = getattr(result, "findings", None)
        if not findings_shown and f is not None and len(f):
            lines.append(findings_summary(f, lang, period=result.period))
        lines += table_lines(result, lang)
    lines.append(summary_line(result, lang))
    return "\n".join(lines)


def findings_summary(findings, lang: str = "vi", *, most: int = 3, period: str = "") -> str:
    """What ``build`` prints after checking the period's data: per agency, its errors and
    warnings (up to ``most`` messages of each, with where), then what the exit code means.

    ``findings`` is the findings table of the period (columns of
    :data:`papi_analysis.intake.findings.COLUMNS`), errors first.
    """
    vi = lang == "vi"
    msg_col = "message_vi" if vi else "message_en"
    n_err = int((findings["severity"] == "error").sum()) if len(findings) else 0
    n_warn = int((findings["severity"] == "warning").sum()) if len(findings) else 0
    period = period or (next((p for p in findings["period"] if p), "") if len(findings) else "")
    head = (f"Kiểm tra số liệu{' kỳ ' + period if period else ''}: {n_err} lỗi, "
            f"{n_warn} cảnh báo." if vi else
            f"Data check{' of ' + period if period else ''}: "
            f"{_findings_text(n_err, n_warn, 'en')}.")
    if not len(findings):
        return head
    lines = [head]
    order = list(dict.fromkeys(findings["agency"]))
    for agency in order:
        mine = findings[findings["agency"] == agency]
        errs = mine[mine["severity"] == "error"]
        warns = len(mine) - len(errs)
        who = agency or ("(không rõ đơn vị)" if vi else "(no agency)")
        counts = _findings_text(len(errs), warns, "vi" if vi else "en")
        lines.append(f"  {who}: {counts}")
        for severity, word_vi, word_en in (("error", "LỖI", "ERROR"),
                                            ("warning", "CẢNH BÁO", "WARNING")):
            these = mine[mine["severity"] == severity]
            for r in these.head(most).itertuples(index=False):
                where = f" [{r.location}]" if r.location else ""
                lines.append(f"    {word_vi if vi else word_en} {r.rule}: "
                             f"{getattr(r, msg_col)}{where}")
            if len(these) > most:
                lines.append(f"    … và {len(these) - most} {word_vi.lower()} khác" if vi
                             else f"    … and {len(these) - most} more")
    if n_err:
        lines.append(
            "Phụ lục của các đơn vị có lỗi vẫn được tạo, kèm khung báo lỗi; lệnh sẽ kết thúc "
            "với mã 4. Chi tiết: Phụ lục 5 hoặc `papi-analysis validate`; --strict để dừng "
            "trước khi tạo phụ lục." if vi else
            "The appendices of agencies with errors are still built, with an error box; the "
            "command will exit with code 4. Details: appendix 5 or `papi-analysis validate`; "
            "--strict stops before any appendix is built.")
    return "\n".join(lines)


def _compare_word(item, period: str, lang: str) -> str:
    """A ``compare`` item as the appendices name it: ``6 tháng cuối năm 2025 (kỳ trước)``."""
    from ..analysis import comparison
    from ..appendix import tables

    try:
        p = periods.parse(period)
        base = comparison.comparison_periods(p, [str(item)])[0]
    except PapiError:  # an unreadable item is shown as it was given
        return str(item)
    return tables.compare_label(p, base, lang)
