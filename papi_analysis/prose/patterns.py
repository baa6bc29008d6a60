"""Every phrase the prose reader knows, in one place, written the way reports write them.

:mod:`papi_analysis.prose.extraction` reads figures out of a report by matching the phrases below,
sentence by sentence.  Nothing else in the package holds a Vietnamese phrase for extraction,
so this file is the one place to read (what is understood?) and to extend (teach it a new
wording).  It is rule-based: no model, no network; every figure says which pattern read it.

How to add a pattern
--------------------
Add one line to :data:`PATTERNS` (keep it near the others of its indicator)::

    P("số hồ sơ tồn( là|:)? {N:tthc.pending_total}", 0.85),

The phrase is written as the report writes it, with these conventions:

- Diacritics and capitals do not matter: "tiếp nhận" also matches "Tiếp nhận", "TIẾP NHẬN"
  and "tiep nhan" (phrase and text are both folded, see :func:`papi_analysis.text.fold`).
- ``{N:code}`` is a count or amount read as indicator ``code`` ("05", "1.234", "5,65 nghìn",
  "3,12 tỷ đồng"; amounts in million-VND indicators are converted).  ``{P:code}`` is a
  percentage ("98,81%", "100 %").  ``{N}`` / ``{P}`` without a code must be there but are not
  read.  Several codes separated by ``|`` (``{N:tthc.carried_over|pet.carried_over}``): the
  first whose unit agrees with the word after the number ("hồ sơ", "đơn", "cuộc", see
  :data:`NOUNS`) is taken, else the first.
- ``…`` stands for up to six words (letters only: no digit, no punctuation);
  ``~`` for up to 80 characters of any text without digits, "." ";" ":" or "trong đó" (it
  may cross commas, never into the parts of a total).
- A space matches any run of spaces (`` ?`` an optional one); ``( là|:)?`` and other
  regular-expression pieces work as usual (``(a|b)`` one of, ``?`` optional, ``[:,]`` one of
  the characters).  Write ``\\(`` for a literal parenthesis and ``\\.`` for a literal dot.
- The second argument is the pattern's weight (0–1): how sure a match is when it fires.
  Specific wordings get 0.9–0.95; conventions (e.g. unqualified "tiếp nhận N hồ sơ" read as the
  total to handle) 0.7; catch-alls 0.6.  When two patterns read the same number, the higher
  weight wins, then the longer match.
- ``when=`` (optional) is a phrase the context must also contain, for wordings that are
  only unambiguous there ("ban hành 02 kế hoạch" counts anti-corruption plans only when the
  text is about "tham nhũng").  The context is the paragraph and the heading it stands
  under (before the first heading: the report's title).
- ``Z(phrase, code, ...)`` declares a zero written in words: the phrase sets each code to 0
  ("không nhận được đơn thư khiếu nại, tố cáo" → pet.complaints 0, pet.denunciations 0).

Run ``python -m pytest tests/test_extraction.py`` afterwards: the test set in
``tests/extraction_cases/`` measures precision and recall, and a pattern that reads too much
shows up there.  Then add a passage with the new wording and its expected figures.

The other tables below (:data:`NOUNS`, :data:`SPLITS`, :data:`RELABEL_UNDER`, other
periods and plans, lists, levels, fields, document kinds, rates) are the context rules; each
says what it is for.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property

from ..text import fold
from . import vnnumbers

# -- the pattern language ------------------------------------------------------------------
_SLOT = re.compile(r"\{([NP])(?::([\w.|]+))?\}")


@dataclass(frozen=True)
class Slot:
    """One number slot of a compiled pattern: regex group, codes, percentage or not."""

    group: str
    codes: tuple[str, ...]
    percent: bool


@dataclass(frozen=True)
class Pattern:
    """A phrase that reads one or more figures (see the module docstring for the syntax)."""

    text: str
    weight: float = 0.9
    when: str = ""
    zero: tuple[str, ...] = ()
    name: str = ""

    @cached_property
    def regex(self) -> re.Pattern:
        """The compiled regular expression, on folded text."""
        rx, _ = compile_phrase(self.text)
        return rx

    @cached_property
    def when_regex(self) -> re.Pattern | None:
        """The compiled context condition, or ``None``."""
        return compile_phrase(self.when)[0] if self.when else None

    @property
    def codes(self) -> tuple[str, ...]:
        """Every indicator code this pattern can produce."""
        out = list(self.zero)
        for s in compile_phrase(self.text)[1]:
            out.extend(s.codes)
        return tuple(out)


def P(text: str, weight: float = 0.9, when: str = "") -> Pattern:
    """A pattern with number slots."""
    return Pattern(text=text, weight=weight, when=when)


def Z(text: str, *codes: str, weight: float = 0.8, when: str = "") -> Pattern:
    """A zero written in words: ``text`` sets every code in ``codes`` to 0."""
    return Pattern(text=text, weight=weight, when=when, zero=tuple(codes))


_GAP_WORDS = r"(?:[^\W\d_]+\s+){0,6}?"  # "…": up to six words, each with its space
_GAP_TEXT = r"(?:(?!trong do\b)[^\d.;:]){0,80}?"  # "~": ≤ 80 chars, no digit . ; : "trong đó"


def _fold_piece(piece: str) -> str:
    """Translate a piece of phrase (no slots) into a regex on folded text.

    Letters are folded, backslash escapes kept, a space becomes ``\\s+`` (a single ``\\s``
    inside a look-behind, which must have a fixed width), and the gaps ``…`` / ``~`` take
    the spaces around them.
    """
    out: list[str] = []
    depth_lookbehind: list[bool] = []
    i, n = 0, len(piece)
    while i < n:
        ch = piece[i]
        if ch == "\\" and i + 1 < n:
            out.append(piece[i:i + 2])
            i += 2
            continue
        if ch == "(":
            behind = piece.startswith("(?<!", i) or piece.startswith("(?<=", i)
            depth_lookbehind.append(behind)
            out.append(ch)
        elif ch == ")":
            if depth_lookbehind:
                depth_lookbehind.pop()
            out.append(ch)
        elif ch == " " and i + 1 < n and piece[i + 1] == "?":
            out.append(r"\s*")  # "x ?y": an optional space
            i += 2
            continue
        elif ch == " ":
            if any(depth_lookbehind):
                out.append(r"\s")
            elif i + 1 < n and piece[i + 1] == "~":
                out.append(r"\s*")
            elif out and out[-1] in (_GAP_WORDS, _GAP_TEXT):
                out.append(r"\s*" if out[-1] == _GAP_TEXT else "")
            else:
                out.append(r"\s+")
        elif ch == "…":
            out.append(_GAP_WORDS)
        elif ch == "~":
            out.append(_GAP_TEXT)
        else:
            f = fold(ch)
            out.append(f if len(f) == 1 else ch)
        i += 1
    return "".join(out)


_COMPILED: dict[str, tuple[re.Pattern, tuple[Slot, ...]]] = {}


def compile_phrase(text: str) -> tuple[re.Pattern, tuple[Slot, ...]]:
    """Compile a phrase of the pattern language into a regex on folded text and its slots.

    Raises
    ------
    ValueError
        If the phrase is not a valid pattern (the message names it).
    """
    if text in _COMPILED:
        return _COMPILED[text]
    parts, slots, pos = [], [], 0
    for i, m in enumerate(_SLOT.finditer(text)):
        parts.append(_fold_piece(text[pos:m.start()]))
        percent = m.group(1) == "P"
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end()] if m.end() < len(text) else ""
        num = vnnumbers.number_regex(percent=percent, after_slash=before == "/",
                                     before_slash=after == "/")
        codes = tuple(c for c in (m.group(2) or "").split("|") if c)
        group = f"s{i}"
        parts.append(f"(?P<{group}>{num})")
        slots.append(Slot(group, codes, percent))
        pos = m.end()
    parts.append(_fold_piece(text[pos:]))
    body = "".join(parts)
    if text[:1].isalpha():
        body = r"(?<!\w)" + body
    if text[-1:].isalpha():
        body += r"(?!\w)"
    try:
        rx = re.compile(body)
    except re.error as exc:
        raise ValueError(f"invalid pattern {text!r}: {exc}") from None
    _COMPILED[text] = (rx, tuple(slots))
    return _COMPILED[text]


# -- the patterns -----------------------------------------------------------------------------
# Shared wordings (plain strings, spliced into the phrases below).
_EARLY_ON_TIME = ("(trước hạn và đúng hạn|đúng hạn và trước hạn|đúng và trước hạn|"
                  "trước và đúng hạn|trước hạn, đúng hạn|đúng hạn, trước hạn|đúng hoặc trước hạn)")
_ONLINE = "(trực tuyến|qua mạng|qua dịch vụ công trực tuyến|qua cổng dịch vụ công)"
_IS = "( là|:| đạt| có)?"
_WHERE = "( (toàn|của|tại) (tỉnh|huyện|xã|thành phố|sở|trung tâm|đơn vị|cơ quan))?"
_OFFERED = ("( được)?( cung cấp)?( ở)?( mức( độ)?)?( dịch vụ công)?( trực tuyến)?"
            "( mức( độ)?)?")
_PREV = "(kỳ trước|tháng trước|quý trước|năm trước|các kỳ trước|kỳ báo cáo trước)"
# an earlier period named by its date: "năm 2023", "quý IV/2023", "tháng 12 năm 2023"
_PREV_NAMED = "(năm|quý|tháng) [^\\s,;.]+( năm \\d{4})?"
_IN_PERIOD = "( trong (kỳ|kỳ báo cáo|năm|quý|tháng))?"

PATTERNS: list[Pattern] = [
    # --- TTHC files: total to handle (Biểu II.06a column 3) -------------------------------------
    P("tổng số hồ sơ (đã )?(tiếp nhận|nhận|phải|cần|nhận và)( giải quyết| xử lý)?"
      f"{_IN_PERIOD}( là|:)? {{N:tthc.files_total}}", 0.9),
    P(f"số hồ sơ (tiếp nhận|nhận) giải quyết{_IN_PERIOD}( là|:)? {{N:tthc.files_total}}", 0.9),
    # "nhận giải quyết N hồ sơ" is column 3 of the form, not files resolved
    P("(đã )?nhận giải quyết( là|:)? {N:tthc.files_total}", 0.9),
    # convention: unqualified "tiếp nhận N hồ sơ" is the total to handle; context may relabel it
    P("(tiếp nhận|nhận được|tiếp nhận và giải quyết|tiếp nhận, giải quyết)"
      "( tổng cộng| tổng số| tất cả)?( là|:)? {N:tthc.files_total|pet.received}( hồ sơ)?", 0.7),
    P("số hồ sơ tiếp nhận( là|:)? {N:tthc.files_total}", 0.75),
    # a field line: "- Lĩnh vực Thú y: 512 hồ sơ, đã giải quyết 498 hồ sơ" (files to handle)
    P("lĩnh vực ~: {N:tthc.files_total} hồ sơ(?=[,;.]|$)", 0.75),
    # --- received in the period, online / offline, carried over --------------------------------
    P("(tiếp nhận mới|mới tiếp nhận|tiếp nhận trong kỳ|nhận mới|tiếp nhận mới trong kỳ|"
      "phát sinh trong kỳ|tiếp nhận trong tháng|tiếp nhận trong quý)( là|:)? "
      "{N:tthc.received_in_period|pet.received}", 0.9),
    P("(nhận được|tiếp nhận)( mới)? trong (kỳ|năm|quý|tháng)( là|:)? "
      "{N:tthc.received_in_period|pet.received}", 0.85),
    P("{N:tthc.received_in_period|pet.received} (hồ sơ|đơn)( thư)? (tiếp nhận mới|mới tiếp nhận|"
      "tiếp nhận trong kỳ|phát sinh trong kỳ)", 0.9),
    P(f"(tiếp nhận |nộp |hồ sơ )?{_ONLINE}( là|:)? {{N:tthc.received_online}}", 0.85),
    # "- Tiếp nhận trực tuyến qua Hệ thống thông tin …: N hồ sơ"
    P(f"(tiếp nhận|nộp) {_ONLINE}~: {{N:tthc.received_online}} hồ sơ", 0.85),
    P(f"{{N:tthc.received_online}} hồ sơ (được )?(tiếp nhận |nộp )?{_ONLINE}", 0.9),
    P("(tiếp nhận |nộp )?(trực tiếp|bản giấy)( và| hoặc|,)?( qua)?( dịch vụ)?( bưu chính)?"
      "( công ích)?( là|:)? {N:tthc.received_offline}", 0.85),
    P("{N:tthc.received_offline} hồ sơ (còn lại )?(được )?(tiếp nhận |nộp )?"
      "(trực tiếp|qua bưu chính)", 0.9),
    P(f"{_PREV} chuyển (sang|qua)( là|:)? "
      "{N:tthc.carried_over|pet.carried_over|insp.carried_over}", 0.9),
    P(f"tồn (từ )?{_PREV}( chuyển (sang|qua))?( là|:)? {{N:tthc.carried_over}}", 0.85),
    P(f"{{N:tthc.carried_over|pet.carried_over|insp.carried_over}} (hồ sơ|đơn|cuộc) "
      f"(tồn |của |từ )?{_PREV}( chuyển (sang|qua))?", 0.9),
    # "47 hồ sơ từ quý IV/2023 chuyển sang", "từ năm 2023 chuyển sang 11 cuộc"
    P(f"{{N:tthc.carried_over|pet.carried_over|insp.carried_over}} (hồ sơ|đơn|cuộc) "
      f"(tồn )?từ {_PREV_NAMED} chuyển (sang|qua)", 0.9),
    P(f"(tồn )?từ {_PREV_NAMED} chuyển (sang|qua)( là|:)? "
      "{N:tthc.carried_over|pet.carried_over|insp.carried_over}", 0.85),
    # --- resolved -----------------------------------------------------------------------------
    P("(?<!đang )(?<!chưa )(?<!nhận )(?<!đốc )(giải quyết|xử lý, giải quyết|"
      "giải quyết, trả kết quả|trả kết quả|xử lý|giải quyết xong)( được)?( là|:)? "
      "{N:tthc.resolved_total|pet.resolved}", 0.85),
    P("số hồ sơ (đã )?(giải quyết|trả kết quả)( là|:)? {N:tthc.resolved_total}", 0.9),
    P("{N:tthc.resolved_total} hồ sơ (đã được|đã|được) (giải quyết|xử lý|trả kết quả)"
      "(?! (trước|đúng|quá|trễ) hạn)(?!, (trước|đúng|quá|trễ) hạn)", 0.85),
    P("(giải quyết )?trước hạn( là|:)? {N:tthc.resolved_early}", 0.9),
    P("{N:tthc.resolved_early} hồ sơ (được )?(giải quyết |trả kết quả )?trước hạn"
      "(?! và| đúng|, đúng)", 0.9),
    P(f"(giải quyết )?{_EARLY_ON_TIME}( là|:)? {{N:tthc.resolved_early_on_time}}", 0.95),
    P(f"{{N:tthc.resolved_early_on_time}} hồ sơ (được )?(giải quyết |trả kết quả )?"
      f"{_EARLY_ON_TIME}", 0.95),
    # "148/148 hồ sơ được giải quyết trước và đúng hạn, đạt 100%"
    P(f"{{N:tthc.resolved_early_on_time}}/{{N:tthc.resolved_total}} hồ sơ (được )?"
      f"(giải quyết |trả kết quả )?{_EARLY_ON_TIME},? (đạt|chiếm)( tỷ lệ)? "
      f"{{P:tthc.on_time_rate_stated}}", 0.95),
    P("(giải quyết )?đúng hạn( là|:)? {N:tthc.resolved_on_time}", 0.85),
    P("{N:tthc.resolved_on_time} hồ sơ (được )?(giải quyết |trả kết quả )?đúng hạn"
      "(?! và)", 0.85),
    P("(giải quyết |trả kết quả )?(quá hạn|trễ hạn|chậm)( là|:)? {N:tthc.resolved_late}", 0.8),
    P("{N:tthc.resolved_late} hồ sơ (bị |đã )?(giải quyết |trả kết quả )?(quá hạn|trễ hạn)", 0.8),
    # --- pending ------------------------------------------------------------------------------
    P("(đang giải quyết|đang xử lý|chưa giải quyết xong|đang trong thời gian giải quyết)"
      "( là|:)? {N:tthc.pending_total}", 0.9),
    P("{N:tthc.pending_total} hồ sơ đang (giải quyết|xử lý)(?! quá hạn)", 0.9),
    P("(đang giải quyết )?trong hạn( là|:)? {N:tthc.pending_in_time}", 0.85),
    P("{N:tthc.pending_in_time} hồ sơ (đang giải quyết )?(còn |đang )?trong (thời )?hạn", 0.85),
    P("đang giải quyết (quá hạn|trễ hạn)( là|:)? {N:tthc.pending_overdue}", 0.9),
    P("{N:tthc.pending_overdue} hồ sơ (đang giải quyết |chưa giải quyết )?(quá hạn|trễ hạn) "
      "(chưa giải quyết|đang giải quyết)", 0.9),
    # --- returned, withdrawn, stopped ---------------------------------------------------------
    P("(trả lại|rút( hồ sơ)?|dừng xử lý|không đủ điều kiện)~( là|:) {N:tthc.returned_withdrawn}",
      0.8),
    P("{N:tthc.returned_withdrawn} hồ sơ (bị )?(trả lại|rút|dừng xử lý)", 0.85),
    # --- stated rates ---------------------------------------------------------------------------
    P(f"tỷ lệ (hồ sơ )?(được )?(giải quyết|xử lý|trả kết quả) (hồ sơ )?"
      f"({_EARLY_ON_TIME}|đúng hạn)( \\(~\\))?{_WHERE}{_IS}( tỷ lệ)? "
      "{P:tthc.on_time_rate_stated}", 0.95),
    # rate first, counts after it in parentheses: "99,87% hồ sơ … được giải quyết trước và
    # đúng hạn (3.012/3.016 hồ sơ)"
    P(f"{{P:tthc.on_time_rate_stated}} hồ sơ~(được )?(giải quyết |trả kết quả )?"
      f"({_EARLY_ON_TIME}|đúng hạn)( \\( ?{{N:tthc.resolved_early_on_time}}/"
      "{N:tthc.resolved_total}( hồ sơ)? ?\\))?", 0.9),
    P("{P} (hồ sơ )?(được )?(giải quyết |trả kết quả )?trước hạn \\( ?"
      "{N:tthc.resolved_early}( hồ sơ)? ?\\)", 0.9),
    P(f"{{P:tthc.on_time_rate_stated}}( hồ sơ)?( được)?( giải quyết| xử lý| trả kết quả)? "
      f"({_EARLY_ON_TIME}|đúng hạn)", 0.9),
    P(f"({_EARLY_ON_TIME}|đúng hạn) {{N}}( hồ sơ)?,? (đạt|chiếm)( tỷ lệ)? "
      "{P:tthc.on_time_rate_stated}", 0.85),
    P(f"({_EARLY_ON_TIME}|đúng hạn){_IS} {{P:tthc.on_time_rate_stated}} \\( ?"
      "{N:tthc.resolved_early_on_time}/{N:tthc.resolved_total}( hồ sơ)? ?\\)", 0.95),
    P(f"tỷ lệ (tiếp nhận |nộp )?(hồ sơ )?(được )?(tiếp nhận |nộp |giải quyết )?{_ONLINE}{_WHERE}"
      "( trên tổng số~)?( là|:| đạt| chiếm)?( tỷ lệ)? {P:tthc.online_share_stated}", 0.95),
    P(f"{{P:tthc.online_share_stated}} hồ sơ (được )?(tiếp nhận|nộp) {_ONLINE}", 0.9),
    P(f"{_ONLINE}(~:| là)? {{N}}( hồ sơ)?(,| \\()? ?(chiếm|đạt)( tỷ lệ)? "
      "{P:tthc.online_share_stated}", 0.9),
    P(f"{{N}} hồ sơ (được )?(tiếp nhận |nộp )?{_ONLINE},? (chiếm|đạt)( tỷ lệ)? "
      "{P:tthc.online_share_stated}", 0.9),
    # --- procedure catalogue --------------------------------------------------------------------
    P("tổng số (thủ tục hành chính|TTHC|thủ tục)~((3|ba) cấp)?~( là|:) {N:proc.total}", 0.9),
    P("(đang thực hiện|đang triển khai|thực hiện|có) {N:proc.total} (thủ tục|TTHC)", 0.75),
    P("{N:proc.total} (thủ tục|TTHC)", 0.6),
    P("toàn trình( là|:)? {N:proc.full_online}", 0.9),
    P(f"{{N:proc.full_online}} (thủ tục|TTHC){_OFFERED} toàn trình", 0.9),
    P("một phần( là|:)? {N:proc.partial_online} (thủ tục|TTHC)", 0.9),
    P(f"{{N:proc.partial_online}} (thủ tục|TTHC){_OFFERED} một phần", 0.9),
    # --- petitions (Biểu 01/XLD) ---------------------------------------------------------------
    P("tổng số đơn( thư)?( đã)?( tiếp nhận| nhận được| xử lý)?( là|:)? {N:pet.total}", 0.9),
    P(f"tổng số đơn( thư)? phải (xử lý|giải quyết){_IN_PERIOD}( là|:)? {{N:pet.total}}", 0.9),
    P("(tiếp nhận|nhận được|tiếp nhận, xử lý)( mới)?( trong kỳ)?( là|:)? {N:pet.received} đơn",
      0.9),
    P("đủ điều kiện( xử lý)?( là|:)? {N:pet.eligible}", 0.9),
    P("{N:pet.eligible} đơn( thư)? đủ điều kiện", 0.9),
    P("{N:pet.complaints} đơn( thư)? khiếu nại(?!, tố cáo)", 0.9),
    P("{N:pet.denunciations} đơn( thư)? tố cáo", 0.9),
    P("{N:pet.proposals} đơn( thư)? (kiến nghị|phản ánh)", 0.9),
    P("(đơn )?khiếu nại( là|:) {N:pet.complaints}", 0.85),
    P("(đơn )?tố cáo( là|:) {N:pet.denunciations}", 0.85),
    P("(đơn )?kiến nghị, phản ánh( là|:) {N:pet.proposals}", 0.85),
    # by content, the count before its noun: "khiếu nại 182 đơn, tố cáo 64 đơn, …"
    P("khiếu nại {N:pet.complaints} đơn", 0.85),
    P("(?<!khiếu nại, )(?<!khiếu nại và )tố cáo {N:pet.denunciations} đơn", 0.85),
    P("kiến nghị, phản ánh {N:pet.proposals} đơn", 0.85),
    P("{N:pet.within_competence} đơn( thư)? thuộc thẩm quyền", 0.85),
    P("(đơn|đơn thư) thuộc thẩm quyền( giải quyết)?( là|:)? {N:pet.within_competence}", 0.9),
    P("giải quyết {N:pet.resolved}/{N:pet.within_competence} đơn", 0.95),
    P("{N:pet.outside_competence} đơn( thư)? không thuộc thẩm quyền", 0.9),
    # outside competence: guided, transferred, urged (Biểu 01/XLD)
    P("hướng dẫn( công dân)?( là|:)? {N:pet.guided} đơn", 0.9),
    P("{N:pet.guided} đơn( thư)? (được )?hướng dẫn", 0.85),
    P("chuyển( đơn)?( đến| tới| cho)?( cơ quan có thẩm quyền)?( là|:)? "
      "{N:pet.transferred} đơn", 0.85),
    P("{N:pet.transferred} đơn( thư)? (được )?chuyển (đến|tới|cho) (cơ quan|đơn vị)", 0.85),
    P("đôn đốc( giải quyết)?( là|:)? {N:pet.urged} đơn", 0.9),
    # complaint / denunciation cases within competence, often "giải quyết 98/112 vụ việc"
    P("giải quyết {N:kntc.complaints_resolved}/{N:kntc.complaints_received} vụ( việc)? "
      "khiếu nại", 0.95),
    P("giải quyết {N:kntc.denunciations_resolved}/{N:kntc.denunciations_received} vụ( việc)? "
      "tố cáo", 0.95),
    P("{N:kntc.complaints_resolved}/{N:kntc.complaints_received} vụ( việc)? khiếu nại", 0.9,
      when="giải quyết"),
    P("{N:kntc.denunciations_resolved}/{N:kntc.denunciations_received} vụ( việc)? tố cáo", 0.9,
      when="giải quyết"),
    P("{N:kntc.complaints_received} vụ( việc)? khiếu nại thuộc thẩm quyền", 0.85),
    P("{N:kntc.denunciations_received} vụ( việc)? tố cáo thuộc thẩm quyền", 0.85),
    # --- citizen reception, accountability ------------------------------------------------------
    P("tiếp {N:recep.sessions} lượt (công dân|người)( với| gồm|,)? {N:recep.persons} "
      "(người|lượt người)(~{N:recep.cases} vụ( việc)?)?", 0.9),
    P("tiếp( công dân)? {N:recep.sessions} lượt/{N:recep.persons} (người|lượt người)"
      "( ~{N:recep.cases} vụ( việc)?)?", 0.9),
    P("(đã )?tiếp( công dân)? {N:recep.sessions} lượt", 0.85),
    P("{N:recep.group_visits} đoàn( khiếu kiện)? đông người", 0.9),
    P("đoàn đông người( là|:) {N:recep.group_visits}", 0.85),
    P("ban thanh tra nhân dân~(gồm|có) {N:acct.people_inspection_members} "
      "(thành viên|công chức|người|đồng chí|viên chức)", 0.9),
    P("tổ chức {N:acct.sessions_on_request} (buổi|cuộc) ((tiếp xúc|đối thoại)(,| và) )?"
      "giải trình", 0.85),
    # --- inspections ----------------------------------------------------------------------------
    P("(triển khai|tiến hành|thực hiện) {N:insp.total} cuộc (thanh tra|kiểm tra)", 0.85),
    P("tổng số cuộc thanh tra( là|:)? {N:insp.total}", 0.9),
    P("(triển khai|tiến hành|thực hiện) (mới|mới trong kỳ|trong kỳ)( là|:)? {N:insp.started} cuộc",
      0.9),
    P("{N:insp.started} cuộc (thanh tra )?(triển khai|tiến hành|thực hiện) (mới|trong kỳ)", 0.9),
    P("(theo kế hoạch|kế hoạch)( là|:)? {N:insp.planned} cuộc", 0.85),
    P("{N:insp.planned} cuộc (thanh tra )?theo kế hoạch", 0.85),
    P("đột xuất( là|:)? {N:insp.unannounced} cuộc", 0.85),
    P("{N:insp.unannounced} cuộc (thanh tra )?đột xuất", 0.85),
    P("(ban hành|đã ban hành) {N:insp.conclusions} kết luận", 0.9),
    P("(vi phạm|sai phạm) (về )?(kinh tế|tiền|tài chính|ngân sách)( là|:)? "
      "{N:insp.violation_money}", 0.9),
    P("{N:insp.violation_land} (m2|m²|mét vuông) đất", 0.9),
    P("kiến nghị thu hồi( về ngân sách( nhà nước)?)?( là|:)? {N:insp.recovery_recommended}",
      0.9),
    P("kiến nghị xử lý hành chính( đối với)? {N:insp.handling_collectives} tập thể,?( và)? "
      "{N:insp.handling_individuals} cá nhân", 0.9),
    P("chuyển (cơ quan (cảnh sát )?điều tra|CQĐT|cơ quan công an)( xử lý)?( là|:)? "
      "{N:insp.transferred_investigation} vụ( việc)?", 0.9),
    P("(?<!kiến nghị )thu hồi( được)?( là|:)? {N:insp.recovered}", 0.8),
    # --- anti-corruption (PCTN) -----------------------------------------------------------------
    P("ban hành {N:ac.plans_issued} kế hoạch", 0.85, when="tham nhũng|pctn"),
    P("{N:ac.documents_issued} văn bản (chỉ đạo|hướng dẫn|triển khai|quán triệt)", 0.8,
      when="tham nhũng|pctn"),
    P("{N:ac.outreach_sessions} (buổi|hội nghị|lớp|cuộc)( tuyên truyền| tập huấn| quán triệt"
      "| phổ biến)", 0.85, when="tham nhũng|pctn"),
    P("{N:ac.outreach_attendees} (lượt )?(người|cán bộ|đại biểu|công chức)~tham (dự|gia)", 0.9,
      when="tham nhũng|pctn"),
    P("(cho|với) {N:ac.outreach_attendees} (lượt )?(người|cán bộ|đại biểu|công chức|học viên)",
      0.85, when="tham nhũng|pctn"),
    P("chuyển đổi( vị trí công tác)?( đối với| cho| của)?( là|:)? {N:ac.job_rotations}", 0.9),
    P("{N:ac.job_rotations} (lượt )?(người|cán bộ|công chức|viên chức|trường hợp)~"
      "chuyển đổi vị trí", 0.9),
    P("(phải|có nghĩa vụ|thuộc diện) kê khai( tài sản, thu nhập)?( năm \\d{4})?( là|:)? "
      "{N:ac.declarations_required}", 0.9),
    P("(đã )?kê khai( là|:)? {N:ac.declarations_made} (người|trường hợp)", 0.85),
    P("{N:ac.declarations_made}/{N:ac.declarations_required} (người|trường hợp)~kê khai", 0.9),
    P("{N:ac.declarations_required} (người|trường hợp) (thuộc diện |thuộc đối tượng )?"
      "phải kê khai", 0.9),
    P("xác minh( tài sản, thu nhập)?( của| đối với)? {N:ac.declarations_verified} "
      "(người|trường hợp)", 0.9),
    P("phát hiện {N:ac.cases} vụ( việc)?( có dấu hiệu)? tham nhũng", 0.9),
    P("liên quan( đến)? {N:ac.persons} (người|đối tượng|cá nhân)", 0.85, when="tham nhũng"),
    P("{N:ac.persons} (người|đối tượng|cá nhân)( có)? liên quan", 0.85, when="tham nhũng"),
    P("(số tiền|giá trị)( là|:)? {N:ac.money}", 0.8, when="tham nhũng"),
    P("thu hồi( được)? {N:ac.assets_recovered}( tiền,)?( tài sản)? tham nhũng", 0.95),
    P("(?<!kiến nghị )thu hồi( được)?( là|:)? {N:ac.assets_recovered}", 0.85, when="tham nhũng"),
    P("(xử lý trách nhiệm người đứng đầu|người đứng đầu bị xử lý)~( là|:)? "
      "{N:ac.heads_responsible}", 0.9),
    P("xử lý trách nhiệm( đối với)? {N:ac.heads_responsible} người đứng đầu", 0.9),
    # --- e-governance ---------------------------------------------------------------------------
    P("{P:egov.docs_electronic_pct} văn bản (đến|đi)", 0.85),
    P("{P:egov.staff_computers_pct} (cán bộ, )?(công chức|CBCCVC)~máy (vi )?tính", 0.85),
    P("{P:egov.digital_signature_pct} văn bản~ký số", 0.85),
    # --- zeros written in words -----------------------------------------------------------------
    Z("không (nhận được|tiếp nhận|có|phát sinh) (đơn|đơn thư) khiếu nại(,| và| hoặc) "
      "(đơn )?tố cáo", "pet.complaints", "pet.denunciations"),
    Z("không (nhận được|tiếp nhận|có|phát sinh) (đơn|đơn thư) khiếu nại"
      "(?!(,| và| hoặc) (đơn )?tố cáo)", "pet.complaints"),
    Z("không (nhận được|tiếp nhận|có|phát sinh) (đơn|đơn thư) tố cáo", "pet.denunciations"),
    Z("không (có|phát hiện|xảy ra)~(vụ việc|trường hợp|hành vi|vụ)~tham nhũng", "ac.cases"),
    Z("không có (người đứng đầu|trường hợp người đứng đầu)~(bị )?xử lý trách nhiệm",
      "ac.heads_responsible"),
    Z("không (phải )?(tổ chức|thực hiện)( buổi| cuộc)? giải trình", "acct.sessions_on_request"),
    Z("không (có|phát sinh) (lượt|buổi) tiếp công dân", "recep.sessions"),
    Z("không có (yêu cầu|trường hợp) (phải )?giải trình", "acct.sessions_on_request"),
    Z("không có đoàn đông người", "recep.group_visits"),
    Z("không có hồ sơ (giải quyết|bị giải quyết|trả kết quả) (quá hạn|trễ hạn|chậm)",
      "tthc.resolved_late"),
    Z("không (có|còn) hồ sơ (tồn đọng|tồn|đang giải quyết|chưa giải quyết) (quá hạn|trễ hạn)",
      "tthc.pending_overdue"),
    Z(f"không có hồ sơ (tồn )?(từ )?{_PREV} chuyển (sang|qua)", "tthc.carried_over"),
    Z("(không|chưa) (phát hiện|có) (trường hợp |người )?(nào )?(vi phạm|kê khai không trung thực)",
      "ac.declaration_violations", when="kê khai|xác minh tài sản"),
]

# -- context rules -----------------------------------------------------------------------------
#: Words that name what a number counts, and the catalogue units they may stand for.  A slot
#: followed by a word of another unit is not read ("trực tiếp 30 cuộc" is no file count).
NOUNS: dict[str, tuple[str, ...]] = {
    "hồ sơ": ("files",),
    "thủ tục": ("procedures",), "TTHC": ("procedures",),
    "đơn": ("petitions",),
    "vụ việc": ("cases",), "vụ": ("cases",), "trường hợp": ("cases", "persons"),
    "lượt người": ("persons",), "lượt": ("sessions", "persons"), "buổi": ("sessions",),
    "hội nghị": ("sessions",), "lớp": ("sessions",), "đoàn": ("sessions",),
    "cuộc": ("inspections", "sessions"),
    "người": ("persons",), "công chức": ("persons",), "viên chức": ("persons",),
    "cán bộ": ("persons",), "cá nhân": ("persons",), "thành viên": ("persons",),
    "đồng chí": ("persons",), "đối tượng": ("persons",), "đại biểu": ("persons",),
    "tập thể": ("units",),
    "kế hoạch": ("documents",), "văn bản": ("documents",), "quyết định": ("documents",),
    "kết luận": ("inspections",),
    "phiếu": (), "cuộc gọi": (), "lượt truy cập": (), "xã": (), "phòng": (), "phút": (),
    "sao": (),
}

#: Totals and the parts that make them up, as reports state them "tổng … trong đó …".
#: ``True`` = the parts are complete (they must add up to the total); ``False`` = parts only
#: (their sum may not exceed the total).  Used to relabel a head figure from its parts, to
#: check the sentence's arithmetic (finding ``prose.total_mismatch``) and for confidence.
SPLITS: list[tuple[str, tuple[str, ...], bool]] = [
    ("tthc.received_in_period", ("tthc.received_online", "tthc.received_offline"), True),
    ("tthc.files_total", ("tthc.received_in_period", "tthc.carried_over"), True),
    ("tthc.files_total", ("tthc.received_online", "tthc.received_offline", "tthc.carried_over"),
     True),
    ("tthc.resolved_early_on_time", ("tthc.resolved_early", "tthc.resolved_on_time"), True),
    ("tthc.resolved_total", ("tthc.resolved_early", "tthc.resolved_on_time",
                             "tthc.resolved_late"), True),
    ("tthc.resolved_total", ("tthc.resolved_early_on_time", "tthc.resolved_late"), True),
    ("tthc.pending_total", ("tthc.pending_in_time", "tthc.pending_overdue"), True),
    ("proc.total", ("proc.full_online", "proc.partial_online"), False),
    ("pet.total", ("pet.carried_over", "pet.received"), True),
    ("pet.eligible", ("pet.complaints", "pet.denunciations", "pet.proposals"), True),
    ("pet.received", ("pet.complaints", "pet.denunciations", "pet.proposals"), True),
    ("insp.total", ("insp.carried_over", "insp.started"), True),
    ("insp.total", ("insp.planned", "insp.unannounced"), True),
]

#: Parts whose meaning depends on the head they follow: under "đang giải quyết N hồ sơ,
#: trong đó quá hạn M", M is pending overdue, not resolved late.
RELABEL_UNDER: dict[str, dict[str, str]] = {
    "tthc.pending_total": {"tthc.resolved_late": "tthc.pending_overdue",
                           "tthc.resolved_on_time": "tthc.pending_in_time"},
}

#: Words that open the parts of a total: "N hồ sơ, trong đó …", "N hồ sơ (…)", "gồm".
GROUP_OPENER = r"^\s*[,;:.]?\s*(\(|trong do\b|gom\b|bao gom\b|cu the\b)"

#: A number right after one of these words is approximate and is not read ("Trên 7.600").
APPROXIMATE = r"(tren|hon|gan|khoang|xap xi|chua den|duoi|hang|gan nhu)\s*$"

#: A clause comparing with another period: its figures belong to that period and are skipped.
COMPARISON = r"(cung ky|so voi|(ky|thang|quy|nam) truoc(?! chuyen))"

#: A sentence that opens on another period ("Cùng kỳ năm 2023, Sở không phát hiện …") is
#: about that period as a whole: none of its figures, zeros included, is read.
OTHER_PERIOD_SENTENCE = r"^\W*(trong )?cung ky\b"

#: A clause stating a plan or a target: its figures are not results of the period and are
#: skipped ("dự kiến triển khai 32 cuộc", "phấn đấu … đạt 100%", "mục tiêu … là 100%").
PLANNED = (r"\b(du kien|phan dau|muc tieu|chi tieu|se (tiep tuc )?(to chuc|trien khai|"
           r"thuc hien|tien hanh))\b")

#: A heading whose section is about the next period or asks for something (tasks, directions,
#: recommendations): the figures under it, up to the next heading of the same or a higher
#: rank, are not read ("III. NHIỆM VỤ 6 THÁNG CUỐI NĂM", "4. Kiến nghị").
PLAN_HEADING = (r"^\W*(?:(?:[ivx]+|\d+(?:\.\d+)*|[a-z])[.)]\s*)?"
                r"(?:(?:danh gia chung|ket luan)(?:,| va)\s+)?"
                r"(?:phuong huong|nhiem vu|kien nghi|de xuat|giai phap)\b"
                r"(?!.*\b(?:ket qua|da thuc hien)\b)")

#: A paragraph that introduces a list in the paragraphs below it ("…, trong đó:"), and the
#: marks that start a list item.  The number before the colon is the total of the items.
LIST_INTRO = r"\s*(?:[^\W\d_]+,?\s*){0,6}:\s*$"
LIST_ITEM = r"^\s*[-–+•*]\s"

#: Administrative levels (cấp) and how they are written in the output's ``field``.
LEVELS = {"tinh": "Cấp tỉnh", "huyen": "Cấp huyện", "xa": "Cấp xã"}
LEVEL_RE = r"(?<!hanh chinh cong )\bcap (tinh|huyen|xa)\b(?! \(papi)"
#: Phrases that return to the whole unit (no level).
LEVEL_RESET = r"\b(toan tinh|toan huyen|ca (3|ba) cap|tren dia ban tinh)\b"
#: A field (lĩnh vực) named before its figures: "lĩnh vực đất đai tiếp nhận …".
#: ("đạt" folds like "đất": only "đạt" before a rate ends a name, "… quyền sử dụng đất" stays.)
FIELD_RE = (r"\blinh vuc ([^\d,.;:()]{2,60}?)(?=\s*[:,;(]|\s+(tiep nhan|giai quyet|co|la|da|"
            r"voi|chiem|nhan)\b|\s+dat\s+(ty le|\d)|\s+\d)")
#: A field name cannot start with these words ("lĩnh vực có số lượng lớn" names no field).
FIELD_STOP = ("có", "là", "đã", "được", "này", "khác", "trên", "của", "như", "từ", "nào")

#: Document kinds by the abbreviation in their number ("40/KH-SKHCN" → Kế hoạch).
DOC_KINDS = {
    "KH": "Kế hoạch", "QĐ": "Quyết định", "QD": "Quyết định", "TT": "Thông tư",
    "TTLT": "Thông tư liên tịch", "NĐ": "Nghị định", "ND": "Nghị định", "NQ": "Nghị quyết",
    "CT": "Chỉ thị", "BC": "Báo cáo", "TB": "Thông báo", "HD": "Hướng dẫn", "CV": "Công văn",
    "QC": "Quy chế", "KL": "Kết luận", "CĐ": "Công điện", "TTr": "Tờ trình",
}
#: A reference to a document: kind word (optional), "số", number, date.
DOC_RE = (
    r"(?:(?P<kind>Kế hoạch|Quyết định|Công văn|Thông tư|Nghị định|Nghị quyết|Chỉ thị|Báo cáo|"
    r"Thông báo|Hướng dẫn|Văn bản|Công điện|Kết luận)\s+)?(?:số\s+)?"
    r"(?P<number>\d+[a-z]?(?:/\d{4})?/[A-ZĐ][A-ZĐa-z0-9&]*(?:-[A-ZĐ0-9&][A-ZĐa-z0-9&]*)*)"
    r"\s*,?\s*ngày\s+(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"
)
#: Where a document's title ends.
DOC_TITLE_END = r";|\.\s|\.$|\s(?:nhằm|với các nội dung|cụ thể như sau)\b"
#: "04 Quyết định …: 651/QĐ-UBND …; 751/…" — a count of documents followed by their list.
COUNTED_DOCS = {"ke hoach": ("KH",), "quyet dinh": ("QĐ", "QD"), "cong van": (),
                "van ban": None, "thong bao": ("TB",), "chi thi": ("CT",),
                "bao cao": ("BC",), "huong dan": ("HD",)}
#: Words between the count and the list that make the list a selection, not the whole.
LIST_IS_PARTIAL = r"\b(nhu|trong do|dien hinh|tieu bieu|mot so|gom co mot so)\b"

#: Stated rates, and how to recompute them from counts: numerator candidates (a code, or a
#: "+"-joined sum of codes), denominator candidates.  A stated rate agrees when any pair
#: gives it within rounding (finding ``prose.rate_mismatch`` otherwise).  At exactly 100% the
#: numerator count is derived from the first denominator found (confidence 0.6).
RATES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "tthc.on_time_rate_stated": (
        ("tthc.resolved_early_on_time", "tthc.resolved_early+tthc.resolved_on_time"),
        ("tthc.resolved_total",)),
    "tthc.online_share_stated": (
        ("tthc.received_online",),
        ("tthc.received_in_period", "tthc.received_online+tthc.received_offline",
         "tthc.files_total")),
}

#: The line that gives a report's number: "Số: 138/BC-SKHCN" → the issuer's abbreviation.
NUMBER_LINE = r"^\W*so\s*:?\s*\d+[^\s/]*/(?:\d{4}/)?[a-z]+-([a-z0-9&-]+)"
#: The line that stands before a report's title.
TITLE_MARK = r"^\W*bao cao\W*$"
#: Header lines that are not the issuing unit.
NOT_UNIT = r"(cong hoa xa hoi|doc lap|^so\s*:|ngay \d+ thang \d+ nam \d{4}|^bao cao$|^kinh gui)"
#: A unit named in the body when the report has no header ("Theo Trung tâm Phục vụ hành chính
#: công tỉnh Quảng Ninh, …"): kept as written.
UNIT_PHRASE = (r"(?:Trung tâm Phục vụ hành chính công|Bộ phận Một cửa|Văn phòng UBND|UBND|"
               r"Ủy ban nhân dân|Sở [A-ZĐ][^\s,.;:]*(?: [^\s,.;:]+){0,6}?)\s+"
               r"(?:tỉnh|huyện|thành phố|thị xã|xã)\s+(?:[A-ZĐ][^\s,.;:()]*\s?){1,3}")
#: The word before a province's name ("tỉnh Lâm Đồng", "TỈNH KON TUM"), on the text as written.
PROVINCE_WORD = r"\b(?:tỉnh|TỈNH|Tỉnh)\s+"
#: The header line of the province's People's Committee, above a department's name.
PROVINCE_COMMITTEE = r"^\W*(ubnd|uy ban nhan dan) tinh\b"
#: Where a header line stops being the unit (a two-column header flattened into one line).
HEADER_CUT = r"(?i)cộng hòa|cộng hoà|độc lập"
#: A paragraph addressed to someone ("Kính gửi: Sở Nội vụ") names the recipient, not the author.
ADDRESSEE = r"^\W*kinh gui\b"
#: A sentence starting with these still states the parts of the previous one's total.
SENTENCE_CONTINUES = r"(Trong đó|trong đó|Cụ thể|Bao gồm|Gồm)\b"
#: Abbreviations whose dot does not end a sentence ("TP. Hưng Yên").
ABBREVIATIONS = {"tp", "tt", "ths", "ts", "pgs", "gs", "đ/c", "v.v", "ông", "bà", "k", "q", "p"}
