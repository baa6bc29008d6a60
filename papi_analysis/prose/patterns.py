"""Every phrase the prose reader knows, in one place, written the way reports write them.

:mod:`papi_analysis.prose.extraction` reads figures out of a report by matching the phrases below,
sentence by sentence.  Nothing else in the package holds a Vietnamese phrase for extraction,
so this file is the one place to read (what is understood?) and to extend (teach it a new
wording).  It is rule-based: no model, no network; every figure says which pattern read it.

How to add a pattern
--------------------
Add one line to :data:`PATTERNS` (keep it near the others of its indicator)::

    P("số hồ sơ tồn @ {N:tthc.pending_total}", 0.85),

The phrase is written as the report writes it, with these conventions:

- Diacritics and capitals do not matter: "tiếp nhận" also matches "Tiếp nhận", "TIẾP NHẬN"
  and "tiep nhan" (phrase and text are both folded, see :func:`papi_analysis.text.fold`).
- ``{N:code}`` is a count or amount read as indicator ``code`` ("05", "1.234", "5,65 nghìn",
  "3,12 tỷ đồng"; amounts in million-VND indicators are converted).  ``{P:code}`` is a
  percentage ("98,81%", "100 %").  ``{N}`` / ``{P}`` without a code must be there but are not
  read.  Several codes separated by ``|`` (``{N:tthc.carried_over|pet.carried_over}``): the
  first whose unit agrees with the word after the number ("hồ sơ", "đơn", "cuộc", see
  :data:`NOUNS`) is taken, else the first.  A number may touch its unit ("1cuộc",
  "77.773m2"); a number followed by đồng / triệu / tỷ never fills a count, one followed by
  m² / ha never an amount of money (hectares are converted to m²).
- ``…`` stands for up to six words (letters only: no digit, no punctuation);
  ``~`` for up to 80 characters of any text without digits, "." ";" ":" or "trong đó" (it
  may cross commas, never into the parts of a total).
- ``@`` stands for optional linking words between a label and its number: "là", ":",
  "có", "gồm", "còn", "chỉ", "đạt", "với (tổng) số tiền", "tổng cộng", "lên tới" and the
  approximations "hơn", "trên", "gần", "khoảng" (up to five of them: "với tổng số tiền lên
  tới hơn 59,538 tỷ đồng").  A number after an approximation is read with
  ``approximate`` set and less confidence.
- Spellings are written once, in :data:`SPELLINGS`: "hồ sơ" in a phrase also matches "HS"
  and "hồ sơ TTHC", "tỷ lệ" also "tỉ lệ", "trước hạn" also "sớm hạn".
- A space matches any run of spaces (`` ?`` an optional one); ``( là|:)?`` and other
  regular-expression pieces work as usual (``(a|b)`` one of, ``?`` optional, ``[:,]`` one of
  the characters).  Write ``\\(`` for a literal parenthesis and ``\\.`` for a literal dot.
- The second argument is the pattern's weight (0–1): how sure a match is when it fires.
  Specific wordings get 0.9–0.95; conventions (e.g. unqualified "tiếp nhận N hồ sơ" read as the
  total to handle) 0.7; catch-alls 0.6.  When two patterns read the same number, the higher
  weight wins, then the longer match.
- ``when=`` (optional) is a phrase the context must also contain, for wordings that are
  only unambiguous there ("ban hành 02 kế hoạch" counts anti-corruption plans only when the
  text is about "tham nhũng").  The context is the paragraph, the two paragraphs before it
  and the heading it stands under (before the first heading: the report's title).
- ``Z(phrase, code, ...)`` declares a zero written in words: the phrase sets each code to 0
  ("không nhận được đơn thư khiếu nại, tố cáo" → pet.complaints 0, pet.denunciations 0).

Run ``python -m pytest tests/test_extraction.py`` afterwards: the test set in
``tests/extraction_cases/`` measures precision and recall, and a pattern that reads too much
shows up there.  Then add a passage with the new wording and its expected figures.

Keep the table a table: one line per wording.  A sentence is matched only against the
phrases whose required words it contains (:func:`required_atoms`), which is how a long
report stays fast; nothing to do for that, but a phrase made only of optional parts would
be matched on every sentence.

The other tables below (:data:`NOUNS`, :data:`SPLITS`, :data:`RELABEL_UNDER`, other
periods and plans, lists, levels and executing bodies, fields, topics, complaint kinds,
rates after their counts, text tables, document kinds, rates) are the context rules; each
says what it is for.
"""

from __future__ import annotations

# the pattern language (compiler, matcher helpers) lives in patternlang; its names are
# re-exported here so that a phrase's author needs one file
from .patternlang import (  # noqa: F401
    _COMPILED,
    LINK_WORDS,
    MACROS,
    SPELLINGS,
    P,
    Pattern,
    Slot,
    Z,
    _spell,
    compile_phrase,
    required_atoms,
    required_words,
)

# -- the patterns -----------------------------------------------------------------------------
# Shared wordings (plain strings, spliced into the phrases below).
_EARLY_ON_TIME = ("(trước hạn và đúng hạn|đúng hạn và trước hạn|đúng và trước hạn|"
                  "trước và đúng hạn|trước hạn, đúng hạn|đúng hạn, trước hạn|đúng hoặc trước hạn|"
                  "đúng và sớm hạn|sớm và đúng hạn|đúng hạn và sớm hạn|sớm hạn và đúng hạn)")
_ONLINE = "(trực tuyến|qua mạng|qua dịch vụ công trực tuyến|qua cổng dịch vụ công)"
_IS = "( là|:| đạt| có)?"
_WHERE = "( (toàn|của|tại) (tỉnh|huyện|xã|thành phố|sở|trung tâm|đơn vị|cơ quan))?"
_OFFERED = ("( được)?( cung cấp)?( ở)?( mức( độ)?)?( dịch vụ công)?( trực tuyến)?"
            "( mức( độ)?)?")
_PREV = "(kỳ trước|tháng trước|quý trước|năm trước|các kỳ trước|kỳ báo cáo trước)"
# an earlier period named by its date: "năm 2023", "quý IV/2023", "tháng 12 năm 2023"
_PREV_NAMED = "(năm|quý|tháng) [^\\s,;.]+( năm \\d{4})?"
_IN_PERIOD = ("( trong (kỳ|kỳ báo cáo|năm|quý|tháng|tuần)( \\d{4}| [ivx]+/\\d{4}| \\d{1,2}/\\d{4}|"
              " này)?)?")
# a short aside in parentheses between a count and what follows: "(tăng 8,3% so với …)"
_ASIDE = "( ?\\([^()]{0,120}\\))?"
# the rate that follows its count: ", đạt 99,3%", "(chiếm 82,69%)", ", đạt tỷ lệ 98%"
_RATE_AFTER = "(,| \\(| -)? ?(đạt|chiếm|bằng)( tỷ lệ)?( là)? ?"
# between an index's name and its rank: words, its year ("(SIPAS năm 2023), Hưng Yên xếp …")
_RANK_GAP = "( năm \\d{4})?[^.;:\\d]{0,80}?( năm \\d{4})?[^.;:\\d]{0,60}?"
# after an index's name: its year, an aside "(PAR INDEX)", "của tỉnh …", in either order
_IDX_TAIL = ("\\)?( \\([^()]{0,40}\\))?( năm \\d{4})?( của (?!các )[^\\d,.;:()]{0,30}?)?"
             "( năm \\d{4})?")

#: What feedback on regulations is called (issue 18): "phản ánh, kiến nghị", "PAKN".
_PAKN = "(phản ánh, kiến nghị|phản ánh kiến nghị|PAKN)( của (người dân|công dân)[^,;.]{0,40})?"

#: The name of the pattern that reads a score of the report's own province named before it
#: (its index is settled by :data:`INDEX_NAMES`).
OWN_SCORE = "idx.own_score"


def _province_names() -> str:
    from .meaning import provinces

    return "|".join(n for n in provinces() if "(" not in n)


# read on first use (a phrase naming it is compiled): importing this module reads no data file
MACROS["provinces"] = _province_names
_PROVINCE_NAMES = "<<provinces>>"

PATTERNS: list[Pattern] = [
    # --- TTHC files: total to handle (Biểu II.06a column 3) -------------------------------------
    P("tổng số hồ sơ (đã )?(tiếp nhận|nhận|phải|cần|nhận và)( giải quyết| xử lý)?"
      f"{_IN_PERIOD} @ {{N:tthc.files_total}}", 0.9),
    P(f"số hồ sơ (tiếp nhận|nhận) giải quyết{_IN_PERIOD} @ {{N:tthc.files_total}}", 0.9),
    # "nhận giải quyết N hồ sơ" is column 3 of the form, not files resolved
    P("(đã )?nhận giải quyết @ {N:tthc.files_total}", 0.9),
    # convention: unqualified "tiếp nhận N hồ sơ" is the total to handle; context may relabel it
    P("(tiếp nhận|nhận được|tiếp nhận và giải quyết|tiếp nhận, giải quyết)"
      "( tổng cộng| tổng số| tất cả)? @ {N:tthc.files_total|pet.received}( hồ sơ)?", 0.7),
    P("số hồ sơ tiếp nhận @ {N:tthc.files_total}", 0.75),
    # a field line: "- Lĩnh vực Thú y: 512 hồ sơ, đã giải quyết 498 hồ sơ" (files to handle)
    P("lĩnh vực ~: {N:tthc.files_total} hồ sơ(?=[,;.]|$)", 0.75),
    P(f"tổng số hồ sơ (đã )?(yêu cầu|đề nghị)( giải quyết| xử lý)?{_IN_PERIOD} @ "
      "{N:tthc.files_total}", 0.9),
    P("{N:tthc.files_total} hồ sơ (phải|cần) (giải quyết|xử lý)", 0.85),
    P(f"(số )?hồ sơ (phải|cần) (giải quyết|xử lý){_IN_PERIOD} @ {{N:tthc.files_total}}", 0.85),
    P("(lũy kế|luỹ kế)( từ đầu năm)?( đến nay)?,? (đã )?(tiếp nhận|nhận) @ {N:tthc.files_total}",
      0.8),
    # --- received in the period, online / offline, carried over --------------------------------
    P("(tiếp nhận mới|mới tiếp nhận|tiếp nhận trong kỳ|nhận mới|tiếp nhận mới trong kỳ|"
      "phát sinh trong kỳ|tiếp nhận trong tháng|tiếp nhận trong quý) @ "
      "{N:tthc.received_in_period|pet.received}", 0.9),
    P("(nhận được|tiếp nhận)( mới)? trong (kỳ|năm|quý|tháng) @ "
      "{N:tthc.received_in_period|pet.received}", 0.85),
    P("{N:tthc.received_in_period|pet.received} (hồ sơ|đơn)( thư)? (tiếp nhận mới|mới tiếp nhận|"
      "tiếp nhận trong kỳ|phát sinh trong kỳ)", 0.9),
    # the new ones beside those carried over, the noun first: "đơn mới 100 đơn", "100 đơn mới"
    P("(hồ sơ|đơn)( thư)? mới( phát sinh| tiếp nhận)?( trong kỳ)? @ "
      "{N:tthc.received_in_period|pet.received}( hồ sơ| đơn)", 0.85),
    P("{N:tthc.received_in_period|pet.received} (hồ sơ|đơn)( thư)? mới( phát sinh| tiếp nhận)?"
      "(?! (nhất|đây|ban hành|được))", 0.85),
    P(f"(tiếp nhận |nộp |hồ sơ )?{_ONLINE} @ {{N:tthc.received_online}}", 0.85),
    # "- Tiếp nhận trực tuyến qua Hệ thống thông tin …: N hồ sơ"
    P(f"(tiếp nhận|nộp) {_ONLINE}~: {{N:tthc.received_online}} hồ sơ", 0.85),
    P(f"{{N:tthc.received_online}} hồ sơ (được )?(tiếp nhận |nộp )?{_ONLINE}", 0.9),
    P("(tiếp nhận |nộp )?(trực tiếp|bản giấy)( và| hoặc|,)?( qua)?( dịch vụ)?( bưu chính)?"
      "( công ích)? @ {N:tthc.received_offline}", 0.85),
    P("{N:tthc.received_offline} hồ sơ (còn lại )?(được )?(tiếp nhận |nộp )?"
      "(trực tiếp|qua bưu chính)", 0.9),
    P(f"{_PREV} chuyển (sang|qua) @ "
      "{N:tthc.carried_over|pet.carried_over|insp.carried_over}", 0.9),
    P(f"tồn (từ )?{_PREV}( chuyển (sang|qua))? @ {{N:tthc.carried_over}}", 0.85),
    P(f"{{N:tthc.carried_over|pet.carried_over|insp.carried_over}} (hồ sơ|đơn|cuộc)( thanh tra)?"
      f"( được)?( triển khai| thực hiện| tiến hành)? (tồn |của |từ )?{_PREV}( chuyển (sang|qua))?",
      0.9),
    # "47 hồ sơ từ quý IV/2023 chuyển sang", "từ năm 2023 chuyển sang 11 cuộc"
    P(f"{{N:tthc.carried_over|pet.carried_over|insp.carried_over}} (hồ sơ|đơn|cuộc) "
      f"(tồn )?từ {_PREV_NAMED} chuyển (sang|qua)", 0.9),
    P(f"(tồn )?từ {_PREV_NAMED} chuyển (sang|qua) @ "
      "{N:tthc.carried_over|pet.carried_over|insp.carried_over}", 0.85),
    # "2.134 hồ sơ chuyển tiếp từ tháng trước", "hồ sơ tồn chuyển sang 47"
    P(f"{{N:tthc.carried_over|pet.carried_over|insp.carried_over}} (hồ sơ|đơn|cuộc) "
      f"(chuyển tiếp|chuyển|tồn) (từ )?{_PREV}", 0.9),
    P("{N:tthc.received_postal} hồ sơ (được )?(tiếp nhận |nộp |gửi )?qua (dịch vụ )?bưu chính",
      0.9),
    P("(tiếp nhận |nộp |gửi )?qua (dịch vụ )?bưu chính( công ích)? @ {N:tthc.received_postal} "
      "hồ sơ", 0.85),
    P("(tiếp nhận|tiếp đón|đón tiếp|hướng dẫn) @ {N:tthc.centre_visits} lượt (người|công dân|"
      "tổ chức, cá nhân|cá nhân, tổ chức)( đến)?( liên hệ| giao dịch| thực hiện)", 0.85),
    P("{N:tthc.centre_visits} lượt (người|công dân|tổ chức, cá nhân) (đến )?(liên hệ|giao dịch)",
      0.85),
    # --- resolved -----------------------------------------------------------------------------
    P("(?<!đang )(?<!chưa )(?<!nhận )(?<!đốc )(?<!hạn )(?<!phải )(?<!cần )(?<!nhận và )"
      "(?<!nhận, )"
      "(giải quyết|xử lý, giải quyết|"
      "giải quyết, trả kết quả|trả kết quả|xử lý|giải quyết xong)( được)? @ "
      "{N:tthc.resolved_total|pet.resolved}", 0.85),
    P("số hồ sơ (đã )?(giải quyết|trả kết quả) @ {N:tthc.resolved_total}", 0.9),
    P("{N:tthc.resolved_total} hồ sơ (đã được|đã|được) (giải quyết|xử lý|trả kết quả)"
      "(?! (trước|đúng|quá|trễ) hạn)(?!, (trước|đúng|quá|trễ) hạn)", 0.85),
    P("(giải quyết )?trước hạn @ {N:tthc.resolved_early}", 0.9),
    P("{N:tthc.resolved_early} hồ sơ (được )?(giải quyết |trả kết quả )?trước hạn"
      "(?! và| đúng|, đúng)", 0.9),
    P(f"(giải quyết )?{_EARLY_ON_TIME} @ {{N:tthc.resolved_early_on_time}}", 0.95),
    P(f"{{N:tthc.resolved_early_on_time}} hồ sơ (được )?(giải quyết |trả kết quả )?"
      f"{_EARLY_ON_TIME}", 0.95),
    # "148/148 hồ sơ được giải quyết trước và đúng hạn, đạt 100%"
    P(f"{{N:tthc.resolved_early_on_time}}/{{N:tthc.resolved_total}} hồ sơ (được )?"
      f"(giải quyết |trả kết quả )?{_EARLY_ON_TIME},? (đạt|chiếm)( tỷ lệ)? "
      f"{{P:tthc.on_time_rate_stated}}", 0.95),
    P("(giải quyết )?đúng hạn @ {N:tthc.resolved_on_time}", 0.85),
    # "trả quá hạn so với quy định 267 hồ sơ": late against the set time, not a comparison
    P("(trả|giải quyết)( kết quả)? (quá|trễ|chậm) hạn so với (thời hạn |thời gian )?quy định @ "
      "{N:tthc.resolved_late}", 0.88),
    P("{N:tthc.resolved_on_time} hồ sơ (được )?(giải quyết |trả kết quả )?đúng hạn"
      "(?! và)", 0.85),
    P("(giải quyết |trả kết quả )?(quá hạn|trễ hạn|chậm) @ {N:tthc.resolved_late}", 0.8),
    P("{N:tthc.resolved_late} hồ sơ (bị |đã )?(giải quyết |trả kết quả )?(quá hạn|trễ hạn)", 0.8),
    P("{N:tthc.files_due} hồ sơ (đã )?đến hạn( giải quyết| trả kết quả| xử lý)?", 0.9),
    P(f"(số )?hồ sơ (đã )?đến hạn( giải quyết| trả kết quả| xử lý)?{_IN_PERIOD} @ "
      "{N:tthc.files_due}", 0.9),
    P(f"{{N:tthc.resolved_early_on_time}} hồ sơ (được )?(giải quyết |trả kết quả |xử lý )?"
      f"{_EARLY_ON_TIME}{_RATE_AFTER}{{P:tthc.on_time_rate_stated}}", 0.95),
    P(f"(giải quyết|trả kết quả|xử lý)( hồ sơ)?( TTHC| thủ tục hành chính)? "
      f"({_EARLY_ON_TIME}|đúng hạn) (đạt|là|chiếm)( tỷ lệ)? @ {{P:tthc.on_time_rate_stated}}",
      0.9),
    # --- pending ------------------------------------------------------------------------------
    P("(đang giải quyết|đang xử lý|chưa giải quyết xong|đang trong thời gian giải quyết)"
      " @ {N:tthc.pending_total}", 0.9),
    P("{N:tthc.pending_total} hồ sơ đang (giải quyết|xử lý)(?! quá hạn)", 0.9),
    P("(đang giải quyết )?trong hạn @ {N:tthc.pending_in_time}", 0.85),
    P("{N:tthc.pending_in_time} hồ sơ (đang giải quyết )?(còn |đang )?trong (thời )?hạn", 0.85),
    P("đang giải quyết (quá hạn|trễ hạn) @ {N:tthc.pending_overdue}", 0.9),
    P("{N:tthc.pending_overdue} hồ sơ (đang giải quyết |chưa giải quyết )?(quá hạn|trễ hạn) "
      "(chưa giải quyết|đang giải quyết)", 0.9),
    P("(chưa đến hạn|còn hạn|trong hạn)( giải quyết)? @ {N:tthc.pending_in_time}", 0.85),
    P("{N:tthc.pending_in_time} hồ sơ (chưa đến hạn|còn hạn|còn trong hạn)", 0.85),
    P("quá hạn (nhưng |mà )?chưa (có kết quả|giải quyết|trả kết quả) @ {N:tthc.pending_overdue}",
      0.9),
    P("{N:tthc.pending_overdue} hồ sơ (đã )?quá hạn (nhưng |mà )?chưa (có kết quả|giải quyết|"
      "trả kết quả)", 0.9),
    P("số hồ sơ (đang giải quyết|đang xử lý|chưa giải quyết) @ {N:tthc.pending_total}", 0.9),
    # --- returned, withdrawn, stopped ---------------------------------------------------------
    P("(trả lại|rút( hồ sơ)?|dừng xử lý|không đủ điều kiện)~( là|:) {N:tthc.returned_withdrawn}",
      0.8),
    P("{N:tthc.returned_withdrawn} hồ sơ (bị )?(trả lại|rút|dừng xử lý)", 0.85),
    P("số hồ sơ (bị )?(trả lại|rút|dừng xử lý) @ {N:tthc.returned_withdrawn}", 0.85),
    P("hồ sơ (bị )?(trả lại|rút)((,| và| hoặc) (rút|trả lại))?( hồ sơ)? @ "
      "{N:tthc.returned_withdrawn}",
      0.85),
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
    P(f"tỷ lệ (hồ sơ )?(TTHC )?(được )?(giải quyết|xử lý|trả kết quả) (hồ sơ )?(TTHC )?"
      f"({_EARLY_ON_TIME}|đúng hạn)~(đạt|là|:)( tỷ lệ)? @ {{P:tthc.on_time_rate_stated}}", 0.85),
    P("tỷ lệ (hồ sơ )?(giải quyết |xử lý |trả kết quả )?(trễ hạn|quá hạn)( là|:| đạt| chiếm)? "
      "{P:tthc.late_rate_stated}", 0.9),
    P("tỷ lệ (hồ sơ )?(giải quyết |xử lý |trả kết quả )?(hồ sơ )?trước hạn( là|:| đạt| chiếm)? "
      "{P:tthc.early_rate_stated}", 0.9),
    # rates listed one after the other: "trước hạn đạt 68,2%, đúng hạn đạt 31,5%, trễ hạn 0,3%"
    P("trước hạn( là|:| đạt| chiếm)? [\\d,.]+ ?%,? (và )?đúng hạn( là|:| đạt| chiếm)? "
      "{P:tthc.on_time_only_rate_stated}", 0.85),
    P("(trước hạn|đúng hạn)( là|:| đạt| chiếm)? [\\d,.]+ ?%,? (và )?(trễ hạn|quá hạn)"
      "( là|:| đạt| chiếm)? {P:tthc.late_rate_stated}", 0.85),
    P("tỷ lệ (hồ sơ )?(bị )?(trả lại|rút)( là|:| đạt| chiếm)? {P:tthc.returned_rate_stated}", 0.9),
    # --- procedure catalogue --------------------------------------------------------------------
    P("tổng số (thủ tục hành chính|TTHC|thủ tục)~((3|ba) cấp)?~( là|:) {N:proc.total}", 0.9),
    P("(đang thực hiện|đang triển khai|thực hiện|có) {N:proc.total} (thủ tục|TTHC)", 0.75),
    P("{N:proc.total} (thủ tục|TTHC)", 0.6),
    P("toàn trình @ {N:proc.full_online}", 0.9),
    P(f"{{N:proc.full_online}} (thủ tục|TTHC){_OFFERED} toàn trình", 0.9),
    P("một phần @ {N:proc.partial_online} (thủ tục|TTHC)", 0.9),
    P(f"{{N:proc.partial_online}} (thủ tục|TTHC){_OFFERED} một phần", 0.9),
    P("{N:proc.full_online} (DVCTT|dịch vụ công trực tuyến) toàn trình", 0.85),
    P("{N:proc.partial_online} (DVCTT|dịch vụ công trực tuyến) một phần", 0.85),
    # announced in decisions: "công bố 7.518 TTHC, trong đó: 3.595 TTHC mới …"
    P("công bố @ {N:catalog.announced} (TTHC|thủ tục)", 0.9),
    P("{N:catalog.announced_new} (TTHC|thủ tục)( hành chính)? (được công bố )?(ban hành )?mới"
      "( và thay thế|, thay thế)?", 0.9),
    P("{N:catalog.announced_amended} (TTHC|thủ tục)( hành chính)? (được )?sửa đổi(,| và)? bổ sung",
      0.9),
    P("{N:catalog.announced_abolished} (TTHC|thủ tục)( hành chính)? (bị |được )?(bãi bỏ|hủy bỏ)",
      0.9),
    P("niêm yết công khai @ {P:catalog.posted_pct}", 0.9),
    P("{P:catalog.posted_pct} (thủ tục hành chính|TTHC|thủ tục)~(được )?(niêm yết |công bố )?"
      "công khai", 0.85),
    P("(cung cấp|cung ứng|thực hiện) dịch vụ công trực tuyến( mức độ [\\d, ]+)?( (cả )?(3|ba) cấp)?"
      "( với| cho| là| gồm|:) {N:catalog.online} (TTHC|thủ tục)", 0.85),
    P("{N:catalog.online} (TTHC|thủ tục)( hành chính)? (được )?(cung cấp|cung ứng) "
      "(dưới hình thức )?dịch vụ công trực tuyến", 0.85),
    # --- petitions (Biểu 01/XLD) ---------------------------------------------------------------
    P("tổng số đơn( thư)?( đã)?( tiếp nhận| nhận được| xử lý)? @ {N:pet.total}", 0.9),
    P(f"tổng số đơn( thư)? phải (xử lý|giải quyết){_IN_PERIOD} @ {{N:pet.total}}", 0.9),
    P("(tiếp nhận|nhận được|tiếp nhận, xử lý)( mới)?( trong kỳ)? @ {N:pet.received} đơn",
      0.9),
    P("đủ điều kiện( xử lý)? @ {N:pet.eligible}", 0.9),
    P("{N:pet.eligible} đơn( thư)? đủ điều kiện", 0.9),
    # (not an outcome: "11 đơn khiếu nại đúng", "70 đơn tố cáo sai")
    P("{N:pet.complaints} đơn( thư)? khiếu nại(?!, tố cáo| đúng| sai)", 0.9),
    P("{N:pet.denunciations} đơn( thư)? tố cáo(?! đúng| sai)", 0.9),
    P("{N:pet.proposals} đơn( thư)? (kiến nghị|phản ánh)", 0.9),
    P("(đơn )?khiếu nại( là|:) {N:pet.complaints}", 0.85),
    P("(đơn )?tố cáo( là|:) {N:pet.denunciations}", 0.85),
    P("(đơn )?kiến nghị, phản ánh( là|:) {N:pet.proposals}", 0.85),
    P("{N:pet.not_started} đơn( thư)?( khiếu nại| tố cáo| khiếu nại, tố cáo)? chưa (được )?"
      "giải quyết", 0.85),
    P("chưa (được )?giải quyết @ {N:pet.not_started} đơn", 0.85),
    P("(giải quyết|trả kết quả)( xong)?:? {N:tthc.resolved_total}/{N:tthc.files_total} hồ sơ"
      "(?! (được )?(giải quyết |trả kết quả )?(trước|đúng|sớm))", 0.85),
    P("{N:pet.within_competence} đơn( thư)?( khiếu nại, tố cáo| khiếu nại và tố cáo| khiếu nại| "
      "tố cáo| kiến nghị, phản ánh)? thuộc thẩm quyền", 0.9),
    P("(tiếp nhận|nhận được|tiếp nhận,? xử lý|tiếp nhận và xử lý)( mới)?( trong kỳ)? @ "
      "{N:pet.received} đơn", 0.85),
    # by content, the count before its noun: "khiếu nại 182 đơn, tố cáo 64 đơn, …"
    P("khiếu nại {N:pet.complaints} đơn", 0.85),
    P("(?<!khiếu nại, )(?<!khiếu nại và )tố cáo {N:pet.denunciations} đơn", 0.85),
    P("kiến nghị, phản ánh {N:pet.proposals} đơn", 0.85),
    P("{N:pet.within_competence} đơn( thư)? thuộc thẩm quyền", 0.85),
    P("(đơn|đơn thư) thuộc thẩm quyền( giải quyết)? @ {N:pet.within_competence}", 0.9),
    # "tiếp nhận giải quyết theo thẩm quyền 2.886 đơn (gồm 359 đơn khiếu nại; …)", or the
    # count first: "2.886 đơn được tiếp nhận giải quyết theo thẩm quyền"
    P("(tiếp nhận |thụ lý )?giải quyết theo thẩm quyền @ {N:pet.within_competence} đơn", 0.88),
    P("{N:pet.within_competence} đơn( thư)? (được )?(tiếp nhận |thụ lý )?giải quyết theo thẩm "
      "quyền", 0.88),
    P("số đơn( thư)?( khiếu nại, tố cáo| khiếu nại và tố cáo)? thuộc thẩm quyền~ (là|có) @ "
      "{N:pet.within_competence} đơn", 0.88),
    P("giải quyết {N:pet.resolved}/{N:pet.within_competence} đơn", 0.95),
    P("giải quyết (được |xong )+{N:pet.resolved}/{N:pet.within_competence} đơn", 0.95),
    P("{N:pet.outside_competence} đơn( thư)? không thuộc thẩm quyền", 0.9),
    # outside competence: guided, transferred, urged (Biểu 01/XLD)
    P("hướng dẫn( công dân)? @ {N:pet.guided} đơn", 0.9),
    P("{N:pet.guided} đơn( thư)? (được )?hướng dẫn", 0.85),
    P("chuyển( đơn)?( đến| tới| cho)?( cơ quan có thẩm quyền)? @ "
      "{N:pet.transferred} đơn", 0.85),
    P("{N:pet.transferred} đơn( thư)? (được )?chuyển (đến|tới|cho) (cơ quan|đơn vị)", 0.85),
    P("đôn đốc( giải quyết)? @ {N:pet.urged} đơn", 0.9),
    # with the receiver between ("hướng dẫn công dân khiếu nại đến người có thẩm quyền 780 đơn,
    # chuyển cơ quan có thẩm quyền giải quyết 1.742 đơn và có 183 đơn đôn đốc …")
    P("hướng dẫn( công dân)?~ (đến|tới) (người|cơ quan)( có thẩm quyền)?( giải quyết)? @ "
      "{N:pet.guided} đơn", 0.9),
    P("chuyển( đơn)?( đến| tới| cho)? (cơ quan|đơn vị)( có thẩm quyền)? giải quyết @ "
      "{N:pet.transferred} đơn", 0.9),
    P("{N:pet.urged} đơn( thư)? (được )?đôn đốc", 0.85),
    # complaint / denunciation cases within competence, often "giải quyết 98/112 vụ việc"
    P("(?<!thụ lý )giải quyết {N:kntc.complaints_resolved}/{N:kntc.complaints_received} vụ( việc)? "
      "khiếu nại", 0.95),
    P("(?<!thụ lý )giải quyết {N:kntc.denunciations_resolved}/{N:kntc.denunciations_received} "
      "vụ( việc)? tố cáo", 0.95),
    P("{N:kntc.complaints_resolved}/{N:kntc.complaints_received} vụ( việc)? khiếu nại", 0.9,
      when="giải quyết"),
    P("{N:kntc.denunciations_resolved}/{N:kntc.denunciations_received} vụ( việc)? tố cáo", 0.9,
      when="giải quyết"),
    P("{N:kntc.complaints_received} vụ( việc)? khiếu nại thuộc thẩm quyền", 0.85),
    P("{N:kntc.denunciations_received} vụ( việc)? tố cáo thuộc thẩm quyền", 0.85),
    # cases accepted, resolved, carried over, pending; the kind (khiếu nại / tố cáo) may be
    # named once for several counts: see KNTC_KIND
    P("thụ lý( giải quyết)? @ {N:kntc.complaints_received} vụ( việc)? khiếu nại", 0.9),
    P("thụ lý( giải quyết)? @ {N:kntc.denunciations_received} vụ( việc)? tố cáo", 0.9),
    P("thụ lý( giải quyết)? @ {N:kntc.complaints_received}/{N} vụ( việc)?( khiếu nại)?", 0.85,
      when="khiếu nại|tố cáo"),
    P("thụ lý( giải quyết)? @ {N:kntc.denunciations_received}/{N} vụ( việc)? tố cáo", 0.9),
    P(f"{{N:kntcx.complaints_carried_over}} vụ( việc)?( khiếu nại| tố cáo)? "
      "(tồn |của |từ |chuyển )?"
      f"(từ )?{_PREV}( chuyển (sang|qua))?", 0.9, when="khiếu nại|tố cáo"),
    P("giải quyết( xong)? @ {N:kntc.complaints_resolved}/{N} vụ( việc)?"
      "(?!( việc)? (khiếu nại|tố cáo))",
      0.85, when="khiếu nại|tố cáo"),
    P("(?<!phải )(?<!cần )(đã )?giải quyết( xong)? @ {N:kntc.complaints_resolved} vụ( việc)?"
      "(?!( việc)? (khiếu nại|tố cáo))",
      0.75, when="khiếu nại|tố cáo"),
    # the kind right after the count: "giải quyết 8.952 vụ việc khiếu nại, tố cáo thuộc thẩm
    # quyền" (both kinds: the joint code, see KNTC_BOTH), "giải quyết 12 vụ tố cáo"
    P("(?<!phải )(?<!cần )(đã )?giải quyết( xong| được)? @ {N:kntc.complaints_resolved} vụ( việc)?"
      " (khiếu nại|tố cáo)", 0.88),
    P("(đang|còn)( tiếp tục)?( thụ lý)?( giải quyết| xem xét| xác minh)? @ "
      "{N:kntcx.complaints_pending} vụ( việc)?( khiếu nại| tố cáo)?( đang)?( giải quyết)?", 0.85,
      when="khiếu nại|tố cáo"),
    P("(tổng )?số vụ( việc)? khiếu nại( thuộc thẩm quyền)?( phải giải quyết)? @ "
      "{N:kntc.complaints_received}", 0.9),
    P("(tổng )?số vụ( việc)? khiếu nại(,| và) tố cáo( thuộc thẩm quyền)?( phải giải quyết)? @ "
      "{N:kntcx.received}", 0.92),
    P("(tổng )?số vụ( việc)? khiếu nại(,| và) tố cáo thuộc thẩm quyền~ (là|có) @ "
      "{N:kntcx.received}(?! đơn)", 0.88),
    P("(tổng )?số vụ( việc)? tố cáo( thuộc thẩm quyền)?( phải giải quyết)? @ "
      "{N:kntc.denunciations_received}", 0.9),
    P("khiếu nại lần đầu @ {N:kntcx.complaints_first}", 0.85),
    P("{N:kntcx.complaints_first} vụ( việc)? khiếu nại lần đầu", 0.9),
    P("khiếu nại lần (hai|2) @ {N:kntcx.complaints_second}", 0.85),
    P("{N:kntcx.complaints_second} vụ( việc)? khiếu nại lần (hai|2)", 0.9),
    # --- citizen reception, accountability ------------------------------------------------------
    P("tiếp {N:recep.sessions} lượt (công dân|người)( với| gồm|,)? {N:recep.persons} "
      "(người|lượt người)(~{N:recep.cases} vụ( việc)?)?", 0.9),
    P("tiếp( công dân)? {N:recep.sessions} lượt/{N:recep.persons} (người|lượt người)"
      "( ~{N:recep.cases} vụ( việc)?)?", 0.9),
    P(f"tiếp( công dân)? @ {{N:recep.sessions}} lượt( công dân| người)?{_ASIDE},?( với| về| gồm)? "
      "{N:recep.cases} vụ( việc)?", 0.9),
    P(f"tiếp( công dân)? {{N:recep.sessions}} lượt/{{N:recep.persons}} (người|lượt người|công dân)"
      f"{_ASIDE}(,| với| về| gồm)? {{N:recep.cases}} vụ( việc)?", 0.92),
    P("{N:recep.sessions} lượt (công dân|người)( đến)? (trụ sở tiếp công dân|nơi tiếp công dân|"
      "ban tiếp công dân|phòng tiếp công dân)", 0.85),
    P("{N:recep.sessions} lượt công dân", 0.7, when="tiếp công dân|tiếp dân"),
    P("(tiếp|tiếp được|đã tiếp) @ {N:recep.persons} (người|công dân)(?!/)", 0.75,
      when="tiếp công dân|tiếp dân"),
    P("{N:recep.group_visits} (lượt )?đoàn( khiếu kiện)? đông người( với| gồm|,)? "
      "{N:recepx.group_persons} (lượt )?người", 0.92),
    P("đoàn đông người~(có )?{N:recep.group_visits} (lượt )?đoàn( với| gồm|,) "
      "{N:recepx.group_persons} (lượt )?người", 0.9),
    P("đoàn đông người~(có )?{N:recep.group_visits} (lượt )?đoàn/{N:recepx.group_persons} "
      "(lượt )?người", 0.9),
    P("(đứng|xếp)( ở)?( vị trí)?( thứ| hạng) {N:idx.sipas_rank}(/{N:idx.sipas_rank_of})?,? "
      "(đạt|với) @ {P:idx.sipas_score}", 0.85, when="sipas"),
    P("(đã )?tiếp( công dân)? {N:recep.sessions} lượt", 0.85),
    P("{N:recep.group_visits} (lượt )?đoàn( khiếu kiện)? đông người", 0.9),
    P("đoàn đông người( là|:) {N:recep.group_visits}", 0.85),
    P("ban thanh tra nhân dân~(gồm|có) {N:acct.people_inspection_members} "
      "(thành viên|công chức|người|đồng chí|viên chức)", 0.9),
    P("tổ chức {N:acct.sessions_on_request} (buổi|cuộc) ((tiếp xúc|đối thoại)(,| và) )?"
      "giải trình", 0.85),
    # --- inspections ----------------------------------------------------------------------------
    P("(triển khai|tiến hành|thực hiện) {N:insp.total} cuộc (thanh tra|kiểm tra)", 0.85),
    # checks alone ("12 cuộc kiểm tra") are not inspections
    P("(triển khai|tiến hành|thực hiện) @ {N:inspx.checks} cuộc kiểm tra(?!,? (chuyên ngành|"
      "trách nhiệm))", 0.86),
    P("{N:inspx.checks} cuộc kiểm tra(?!,? (chuyên ngành|trách nhiệm))", 0.8),
    P("tổng số cuộc thanh tra @ {N:insp.total}", 0.9),
    P("(triển khai|tiến hành|thực hiện) (mới|mới trong kỳ|trong kỳ) @ {N:insp.started} cuộc",
      0.9),
    P("{N:insp.started} cuộc (thanh tra )?(triển khai|tiến hành|thực hiện) (mới|trong kỳ)", 0.9),
    P("(theo kế hoạch|kế hoạch) @ {N:insp.planned} cuộc", 0.85),
    P("{N:insp.planned} cuộc (thanh tra )?theo kế hoạch", 0.85),
    P("đột xuất @ {N:insp.unannounced} cuộc", 0.85),
    P("{N:insp.unannounced} cuộc (thanh tra )?đột xuất", 0.85),
    P("(ban hành|đã ban hành) {N:insp.conclusions} kết luận", 0.9),
    P("(vi phạm|sai phạm) (về )?(kinh tế|tiền|tài chính|ngân sách) @ "
      "{N:insp.violation_money}", 0.9),
    P("{N:insp.violation_land} (m2|m²|mét vuông) đất", 0.9),
    P("kiến nghị thu hồi( về ngân sách( nhà nước)?)? @ {N:insp.recovery_recommended}",
      0.9),
    P("kiến nghị xử lý (kỷ luật( hành chính)?|hành chính)( đối với)? "
      "{N:insp.handling_collectives} tập thể,?( và)? {N:insp.handling_individuals} cá nhân",
      0.9),
    P("chuyển (cơ quan (cảnh sát )?điều tra|CQĐT|cơ quan công an)( xử lý)? @ "
      "{N:insp.transferred_investigation} vụ( việc)?", 0.9),
    P("(?<!kiến nghị )thu hồi( được)? @ {N:insp.recovered}", 0.8),
    # all inspections, then the administrative ones among them
    P("{N:inspx.all_total} cuộc thanh tra,? (kiểm tra,? )?trong đó( có)? {N:insp.total} cuộc "
      "thanh tra hành chính", 0.95),
    P("{N:insp.total} cuộc (thanh tra )?(do|thuộc|của) thanh tra", 0.85),
    P("{N:insp.planned} cuộc (thanh tra )?(được )?(thực hiện |tiến hành |triển khai )?"
      "theo kế hoạch", 0.9),
    P("{N:insp.unannounced} cuộc (thanh tra )?(được )?(thực hiện |tiến hành |triển khai )?đột xuất",
      0.9),
    P("(thanh tra )?theo kế hoạch @ {N:insp.planned} cuộc", 0.85),
    P("{N:insp.started} cuộc (thanh tra )?(triển khai|tiến hành|thực hiện) (mới|trong kỳ|"
      "trong (năm|quý|tháng))", 0.9),
    P("{N:insp.conclusions} cuộc (thanh tra )?(đã )?(kết thúc( và)? )?(ban hành|có) kết luận", 0.9),
    P("ban hành kết luận( thanh tra)? @ {N:insp.conclusions} cuộc", 0.9),
    P("{N:insp.total} cuộc thanh tra hành chính", 0.8),
    P("(triển khai|tiến hành|thực hiện) @ {N:insp.total} cuộc thanh tra( hành chính)?", 0.8),
    # specialised inspections and checks, responsibility inspections (see TOPICS)
    P("{N:inspx.specialised} cuộc (thanh tra, kiểm tra|thanh tra|kiểm tra)( và kiểm tra)? "
      "chuyên ngành", 0.95),
    P("(thanh tra|kiểm tra|thanh tra, kiểm tra) chuyên ngành~(thực hiện|tiến hành|triển khai) @ "
      "{N:inspx.specialised} cuộc", 0.9),
    P("{N:inspx.responsibility} cuộc (thanh tra, kiểm tra|thanh tra|kiểm tra) trách nhiệm", 0.95),
    P("ban hành @ {N:insp.conclusions} kết luận", 0.85),
    P("kết luận( thanh tra)? (với|đối với) @ {N:inspx.subjects} (đối tượng|đơn vị|tổ chức|"
      "cơ quan|tổ chức, cá nhân)", 0.85),
    P("{N:inspx.subjects} (tổ chức, cá nhân|cơ quan, đơn vị|đơn vị|tổ chức|cá nhân|đối tượng) "
      "(được|bị) (thanh tra|kiểm tra)", 0.85),
    P("(thanh tra|kiểm tra) @ {N:inspx.subjects} (tổ chức, cá nhân|cơ quan, đơn vị|đơn vị|"
      "tổ chức|doanh nghiệp|cơ sở)", 0.8),
    P("cuộc~ tại {N:inspx.subjects} (đơn vị|cơ quan|tổ chức|cơ sở|doanh nghiệp)", 0.8),
    P("phát hiện @ {N:inspx.units_violating} (địa phương, đơn vị|cơ quan, đơn vị|đơn vị|tổ chức|"
      "cơ quan|cơ sở|doanh nghiệp)( có)? (vi phạm|sai phạm)", 0.85),
    P("(phát hiện|xử lý|phát hiện, xử lý) @ {N:inspx.violations_found} (trường hợp|hành vi|vụ việc)"
      " vi phạm", 0.85),
    # money and land: total, recovery recommended, recovered, other handling, written off
    P("(kiến nghị|đề nghị)( xem xét,?)? xử lý (về )?(mặt )?kinh tế @ {N:insp.violation_money}",
      0.9),
    P("(vi phạm|sai phạm)(, thiếu sót)?( về kinh tế)?,? (với )?(tổng )?(số tiền|giá trị) @ "
      "{N:insp.violation_money}", 0.88),
    P("(?<!thu hồi )(vi phạm|sai phạm) (về )?(kinh tế|tiền|tài chính|ngân sách) @ "
      "{N:insp.violation_money}", 0.88),
    P("số tiền (vi phạm|sai phạm) @ {N:insp.violation_money}", 0.9),
    P("phát hiện (các )?(vi phạm|sai phạm) @ {N:insp.violation_money}", 0.85),
    P("(kiến nghị|đề nghị|quyết định)( xử lý)? thu hồi~ @ {N:insp.recovery_recommended}", 0.9),
    P("(kiến nghị|đề nghị)( xử lý)? khác( về đất( đai)?)? @ {N:inspx.land_other} ?(m2|m²|ha)", 0.9),
    P("(?<!kiến nghị )(?<!đề nghị )(đã )?thu hồi( và)?( nộp)?( vào| về)? ngân sách( nhà nước)?"
      "( số tiền)? @ {N:insp.recovered}", 0.8),
    P("số tiền đã thu hồi~ @ {N:insp.recovered}", 0.85),
    P("(kiến nghị|đề nghị)( xử lý)? khác( về (mặt )?kinh tế)? @ {N:inspx.other_money}", 0.9),
    P("(kiến nghị )?xử lý (về )?(mặt )?kinh tế khác @ {N:inspx.other_money}", 0.9),
    P("xử lý khác( về (mặt )?kinh tế)? @ {N:inspx.other_money}", 0.88),
    P("kiến nghị (các )?cơ quan (có|chức năng)( trách nhiệm| thẩm quyền)? (xem xét, )?xử lý"
      "( theo thẩm quyền)? @ {N:inspx.other_money}", 0.85),
    P("(xuất toán|loại (ra )?khỏi giá trị (đề nghị )?quyết toán)~ @ {N:inspx.written_off_money}",
      0.85),
    P("{N:insp.violation_land} ?(m2|m²|mét vuông|ha|héc ?ta) đất", 0.9),
    P("(kiến nghị |đề nghị )?xử lý (về )?(đất đai|đất) @ {N:insp.violation_land}", 0.85),
    P("(kiến nghị|đề nghị) thu hồi( về)? (đất|diện tích đất) @ {N:inspx.land_recovery_recommended}",
      0.9),
    P("(xử lý hành chính|kiểm điểm trách nhiệm)( đối với)? @ {N:insp.handling_collectives} "
      "(tập thể|tổ chức)", 0.88),
    P("xử lý hành chính( đối với)?( {N} (tập thể|tổ chức),?( và)?)? @ "
      "{N:insp.handling_individuals} (cá nhân|người)", 0.88),
    P("chuyển( hồ sơ)?( sang| đến)? (cơ quan (cảnh sát )?điều tra|CQĐT|cơ quan công an)( xem xét,)?"
      "( xử lý)?( theo quy định)? @ {N:insp.transferred_investigation} vụ( việc)?( với| gồm|,)? ?"
      "({N:inspx.transferred_persons} (đối tượng|người|cá nhân))?", 0.9),
    P(f"chuyển {{N:insp.transferred_investigation}} vụ( việc)?{_ASIDE} (sang|đến|cho) "
      "(cơ quan (cảnh sát )?điều tra|CQĐT|cơ quan công an)", 0.9),
    P("chuyển {N} vụ( việc)? \\(?(với|gồm) {N:inspx.transferred_persons} (đối tượng|người)", 0.85),
    P("tỷ lệ (thực hiện|hoàn thành) kế hoạch( thanh tra)? @ {P:inspx.plan_pct}", 0.9),
    P("kết luận (thanh tra )?(đã )?đến hạn( phải)?( thực hiện)? @ {N:inspx.conclusions_due}", 0.85),
    P("{N:inspx.conclusions_due} kết luận (thanh tra )?(đã )?đến hạn", 0.85),
    P("{N:inspx.conclusions_implemented} kết luận (thanh tra )?(đã )?(thực hiện|hoàn thành) xong",
      0.85),
    P("{N:inspx.conclusions_not_implemented} kết luận (thanh tra )?(chưa|đang) "
      "(thực hiện|hoàn thành)",
      0.85),
    # administrative sanctions
    P("{N:sanc.decisions} quyết định xử phạt", 0.9),
    P("xử phạt~(đối với|cho) @ {N:sanc.organisations} (tổ chức|đơn vị|doanh nghiệp|cơ sở)", 0.85),
    P("xử phạt~(đối với|cho) ({N} (tổ chức|đơn vị|doanh nghiệp|cơ sở),? (và )?)?"
      "{N:sanc.individuals} (cá nhân|trường hợp|hộ)", 0.85),
    P("xử phạt vi phạm hành chính( bằng tiền)?( với)?( tổng)?( số tiền)?( phạt)? @ {N:sanc.fines}",
      0.88),
    P("xử phạt[^.;]{0,120}? (với|tổng|thu)( tổng)? số tiền( phạt)? @ {N:sanc.fines}", 0.85),
    P("xử phạt( vi phạm hành chính)? {N} (trường hợp|tổ chức|cá nhân|đối tượng|vụ|cơ sở)"
      "( vi phạm)?,? (với|số tiền|tổng số tiền|thu)( tổng)?( số tiền)?( phạt)? @ {N:sanc.fines}",
      0.85),
    P("đã nộp (vào )?ngân sách( nhà nước)? @ {N:sanc.fines_paid}", 0.8, when="xử phạt"),
    # discipline, criminal proceedings
    P("kiểm điểm( rút kinh nghiệm)?( đối với)? @ {N:disc.review_collectives} tập thể", 0.9),
    P("kiểm điểm( rút kinh nghiệm)?( đối với)?( {N} tập thể,?( và)?)? @ "
      "{N:disc.review_individuals} (cá nhân|cán bộ|người)", 0.9),
    P("khiển trách( đối với)? @ {N:disc.reprimand_collectives} tập thể", 0.9),
    P("khiển trách( đối với)?( {N} tập thể,?( và)?)? @ {N:disc.reprimand_individuals} "
      "(cá nhân|cán bộ|người)", 0.9),
    P("cảnh cáo( đối với)? @ {N:disc.warning_collectives} tập thể", 0.9),
    P("cảnh cáo( đối với)?( {N} tập thể,?( và)?)? @ {N:disc.warning_individuals} "
      "(cá nhân|cán bộ|người)", 0.9),
    P("cách chức( đối với)? @ {N:disc.dismissal} (cá nhân|cán bộ|người|trường hợp)", 0.9),
    # the count alone after the form of discipline, in a list of forms ("Hình thức kỷ luật:
    # khiển trách 28 (chiếm 45%), cảnh cáo 21, cách chức 1")
    *[P(f"{form} @ {{N:{code}}}( (đảng viên|cá nhân|cán bộ|người|trường hợp))?(?= ?[(,;.]|$)",
        0.85, when="kỷ luật")
      for form, code in (("khiển trách", "disc.reprimand_individuals"),
                         ("cảnh cáo", "disc.warning_individuals"),
                         ("cách chức", "disc.dismissal"), ("khai trừ", "disc.expulsion"))],
    P("khai trừ( khỏi đảng)?( đối với)? @ {N:disc.expulsion} (đảng viên|người|trường hợp)", 0.9),
    P("(thi hành|xử lý|xem xét, thi hành) kỷ luật( đối với)? @ {N:disc.total} (đảng viên|cán bộ"
      "|công chức|viên chức|cán bộ, công chức|cá nhân|người)", 0.85),
    P("chưa (xem xét )?xử lý( kỷ luật)? @ {N:disc.not_handled} (tập thể|cá nhân|trường hợp|người)",
      0.8, when="kỷ luật"),
    P("xem xét xử lý( kỷ luật)?( đối với)? @ {N:disc.total} (tập thể, cá nhân|cá nhân|người|"
      "trường hợp)", 0.8),
    P("khởi tố @ {N:crim.cases_initiated} vụ( án)?", 0.9),
    P("{N:crim.defendants} bị can", 0.9),
    P("thụ lý( điều tra)? @ {N:crim.cases_accepted} vụ án", 0.85),
    P("đề nghị truy tố @ {N:crim.proposed_prosecution} vụ", 0.9),
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
    P("chuyển đổi( vị trí công tác)?( đối với| cho| của)? @ {N:ac.job_rotations}", 0.9),
    P("{N:ac.job_rotations} (lượt )?(người|cán bộ|công chức|viên chức|trường hợp)~"
      "chuyển đổi vị trí", 0.9),
    P("(phải|có nghĩa vụ|thuộc diện) kê khai( tài sản, thu nhập)?( năm \\d{4})? @ "
      "{N:ac.declarations_required}", 0.9),
    P("(đã )?kê khai @ {N:ac.declarations_made} (người|trường hợp)", 0.85),
    P("{N:ac.declarations_made}/{N:ac.declarations_required} (người|trường hợp)~kê khai", 0.9),
    P("(đã )?kê khai( tài sản, thu nhập)? {N:ac.declarations_made}/{N:ac.declarations_required} "
      "(người|trường hợp)", 0.9),
    P("{N:ac.declarations_required} (người|trường hợp) (thuộc diện |thuộc đối tượng )?"
      "phải kê khai", 0.9),
    P("xác minh( tài sản, thu nhập)?( của| đối với)? {N:ac.declarations_verified} "
      "(người|trường hợp)", 0.9),
    P("phát hiện {N:ac.cases} vụ( việc)?( có dấu hiệu)? tham nhũng", 0.9),
    *[P(f"phát hiện {{N:ac.cases}} vụ( việc| án)?{sep}{{N:ac.persons}} (bị can|người|đối tượng)"
        "( có)?( hành vi| dấu hiệu)+ tham nhũng", 0.9) for sep in ("/", "(,| với| gồm) @ ")],
    P("vụ( việc)?( có dấu hiệu)? tham nhũng,? (với|gồm|liên quan đến) @ {N:ac.persons} "
      "(người|đối tượng|cá nhân)", 0.9),
    P("liên quan( đến)? {N:ac.persons} (người|đối tượng|cá nhân)", 0.85, when="tham nhũng"),
    P("{N:ac.persons} (người|đối tượng|cá nhân)( có)? liên quan", 0.85, when="tham nhũng"),
    P("(số tiền|giá trị) @ {N:ac.money}", 0.8, when="tham nhũng"),
    P("thu hồi( được)? {N:ac.assets_recovered}( tiền,)?( tài sản)? tham nhũng", 0.95),
    P("(?<!kiến nghị )thu hồi( được)? @ {N:ac.assets_recovered}", 0.85, when="tham nhũng"),
    P("(xử lý trách nhiệm người đứng đầu|người đứng đầu bị xử lý)~ @ "
      "{N:ac.heads_responsible}", 0.9),
    P("xử lý trách nhiệm( đối với)? {N:ac.heads_responsible} người đứng đầu", 0.9),
    P("(tiếp nhận|nhận|thu nhận) @ {N:acx.declaration_forms} bản kê khai", 0.9),
    P("{N:acx.declaration_forms} bản kê khai", 0.85),
    # --- composite indices: PAPI, PAR INDEX, SIPAS, PCI, the 766 service index --------------
    P(f"(chỉ số )?papi{_IDX_TAIL} (đạt|là|được|với) @ {{N:idx.papi_score}} điểm", 0.9),
    P(f"(chỉ số )?papi{_IDX_TAIL} (đạt|là|được|với) @ {{N:idx.papi_score}}/"
      "{N:idx.papi_max} điểm", 0.9),
    P("(xếp|đứng)( ở)?( vị trí)?( thứ| hạng)? {N:idx.papi_rank}/{N:idx.papi_rank_of}~"
      "(với|đạt)( tổng)?( điểm)?( số)? @ {N:idx.papi_score} điểm", 0.9, when="papi"),
    P("tổng điểm( số)? @ {N:idx.papi_score} điểm", 0.85, when="papi"),
    P("(?<!các )tỉnh (ta )?(đạt|được) @ {N:idx.papi_score} điểm", 0.8, when="papi"),
    P("(đạt|được|với) @ {N:idx.papi_score} điểm (chỉ số )?papi", 0.9),
    P("(đạt|được|với) @ {N:idx.pci_score} điểm (chỉ số )?(pci|năng lực cạnh tranh)", 0.9),
    P(f"(papi|hiệu quả quản trị và hành chính công){_RANK_GAP}(xếp|đứng)( ở)?( vị trí)?"
      "( thứ| hạng)? "
      "{N:idx.papi_rank}/{N:idx.papi_rank_of}", 0.85),
    # a rank right after the index's own score: "đạt 43,27 điểm, xếp thứ 21/63"
    P(f"papi{_IDX_TAIL} (đạt|là|với) [\\d,./]+ điểm, (xếp|đứng)( ở)?( vị trí)?( thứ| hạng)? "
      "{N:idx.papi_rank}/{N:idx.papi_rank_of}", 0.85),
    P(f"(par ?index|chỉ số cải cách hành chính|chỉ số cchc){_IDX_TAIL} (đạt|là|với) [\\d,.]+ ?%, "
      "(xếp|đứng)( ở)?( vị trí)?( thứ| hạng)? {N:idx.par_rank}/{N:idx.par_rank_of}", 0.85),
    P(f"(sipas|chỉ số hài lòng~){_IDX_TAIL} (đạt|là|với) [\\d,.]+ ?%, (xếp|đứng)( ở)?( vị trí)?"
      "( thứ| hạng)? {N:idx.sipas_rank}/{N:idx.sipas_rank_of}", 0.85),
    P("(tham gia của người dân( ở)? (cấp )?cơ sở|công khai, minh bạch~|trách nhiệm giải trình~|"
      "kiểm soát tham nhũng~|thủ tục hành chính công|cung ứng dịch vụ công|quản trị môi trường|"
      "quản trị điện tử)( của tỉnh)? (đạt|được|với|là) @ {N:idx.papi_dimension} điểm", 0.85,
      when="papi|chỉ số nội dung"),
    P(f"(par ?index|chỉ số cải cách hành chính|chỉ số cchc){_IDX_TAIL} (đạt|là|với) @ "
      "{P:idx.par_score}", 0.9),
    P(f"(par ?index|chỉ số cải cách hành chính|chỉ số cchc){_IDX_TAIL} (đạt|là|với) @ "
      "{N:idx.par_score} điểm", 0.9),
    P(f"(par ?index|chỉ số cải cách hành chính|chỉ số cchc){_RANK_GAP}(xếp|đứng)( ở)?"
      "( vị trí)?( thứ| hạng)? "
      "{N:idx.par_rank}/{N:idx.par_rank_of}", 0.85),
    P(f"(sipas|chỉ số hài lòng~){_IDX_TAIL} (đạt|là|với) @ {{P:idx.sipas_score}}", 0.9),
    P(f"(sipas|chỉ số hài lòng~){_RANK_GAP}(xếp|đứng)( ở)?( vị trí)?( thứ| hạng)? "
      "{N:idx.sipas_rank}/{N:idx.sipas_rank_of}", 0.85),
    P(f"(pci|năng lực cạnh tranh cấp tỉnh){_IDX_TAIL} (đạt|là|với) @ {{N:idx.pci_score}} "
      "điểm", 0.9),
    P(f"(pci|năng lực cạnh tranh cấp tỉnh){_RANK_GAP}(xếp|đứng)( ở)?( vị trí)?( thứ| hạng)? "
      "{N:idx.pci_rank}/{N:idx.pci_rank_of}", 0.85),
    P(f"(bộ chỉ số (phục vụ|766)|chỉ số phục vụ người dân, doanh nghiệp)~{_IDX_TAIL} "
      "(đạt|là|với) @ {N:idx.dvc_score} điểm", 0.9),
    P(f"(bộ chỉ số (phục vụ|766)|chỉ số phục vụ người dân, doanh nghiệp)~{_IDX_TAIL} "
      "(đạt|là|với) @ {N:idx.dvc_score}/{N:idx.dvc_max} điểm", 0.9),
    P(f"(bộ chỉ số (phục vụ|766)|chỉ số phục vụ người dân, doanh nghiệp){_RANK_GAP}"
      "(xếp|đứng)( ở)?( vị trí)?"
      "( thứ| hạng)? {N:idx.dvc_rank}/{N:idx.dvc_rank_of}", 0.85),
    # the report's own province, by name, scoring on an index named before it in the sentence
    # or the paragraph ("Theo đó, Bình Dương đạt 83,47 điểm"): read as a score here, its index
    # settled by the names before it (INDEX_NAMES, extraction._own_index_score)
    Pattern(text=f"(?<!các )(tỉnh |thành phố )?({_PROVINCE_NAMES}|tỉnh ta) (đạt|được) @ "
            "{N:idx.papi_score}( điểm)?", weight=0.75, name=OWN_SCORE),
    # procedures usable regardless of administrative boundaries ("2.234 dịch vụ công trực tuyến
    # được thực hiện … không phụ thuộc địa giới", "… không phụ thuộc vào địa giới: 2.234 thủ tục")
    P("{N:catalog.boundary_free} (dịch vụ công trực tuyến|DVCTT|thủ tục hành chính|thủ tục|TTHC)"
      "( \\([^()]{0,30}\\))?~không phụ thuộc (vào )?địa giới", 0.9),
    P("không phụ thuộc (vào )?địa giới( hành chính)?( (là|gồm|có)|:) @ {N:catalog.boundary_free} "
      "(dịch vụ công trực tuyến|DVCTT|thủ tục hành chính|thủ tục|TTHC)", 0.88),
    # its levels in the next sentence ("Trong đó, cấp tỉnh có 1.809 DVCTT")
    P("cấp (tỉnh|huyện|xã) có @ {N:catalog.boundary_free} (dịch vụ công trực tuyến|DVCTT|thủ tục"
      "|TTHC)", 0.8, when="không phụ thuộc (vào )?địa giới"),
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
    # --- issue 18 (appended: the ids of the patterns above stay as they were) -----------------
    # feedback on administrative regulations (phản ánh, kiến nghị): received, processed,
    # pending, forwarded; never TTHC files or petitions (the noun decides, see NOUNS)
    P(f"(tiếp nhận|nhận được)( được)?( tổng cộng| tổng số)? @ {{N:pakn.received}}(/{{N}})? "
      f"{_PAKN}", 0.92),
    P(f"{_PAKN}~(tiếp nhận|gửi đến|nhận được) (là )?@ {{N:pakn.received}}", 0.85),
    P(f"(đã )?(xem xét, )?(xử lý|trả lời|giải quyết)(,| và)?( trả lời)?( được| xong)? @ "
      f"{{N:pakn.processed}}(/{{N}})? {_PAKN}", 0.92),
    P(f"{_PAKN} (đã được|đã|được) (xử lý|trả lời|giải quyết)( xong)?( là)? @ "
      f"{{N:pakn.processed}}", 0.9),
    P(f"(còn )?(đang|còn) (được )?(xem xét, )?(xử lý|giải quyết) @ {{N:pakn.pending}}(/{{N}})? "
      f"{_PAKN}", 0.93),
    P(f"{{N:pakn.pending}}(/{{N}})? {_PAKN}( còn lại)?( \\([^)]*\\))? (đang|còn đang) "
      f"(được )?(xem xét, )?(xử lý|giải quyết|nghiên cứu)", 0.88),
    P(f"(phân loại và )?chuyển( tiếp)? @ {{N:pakn.transferred}}(/{{N}})? {_PAKN}", 0.9),
    P(f"{_PAKN}~(qua|trên) Cổng (Dịch vụ công|DVC) quốc gia~@ {{N:pakn.via_portal}}", 0.85),
    P(f"(qua|trên) Cổng (Dịch vụ công|DVC) quốc gia~(tiếp nhận|nhận được) @ "
      f"{{N:pakn.via_portal}} {_PAKN}", 0.88),
    # the 1022 hotline: contacts (lượt) of information requests and feedback
    P("(Tổng đài|đường dây nóng|Cổng)( thông tin)?( dịch vụ công)? 1022~(tiếp nhận|nhận được|"
      "trả lời|xử lý) @ {N:pakn.hotline_1022} lượt", 0.9),
    P("{N:pakn.hotline_1022} lượt (gọi|cuộc gọi|thông tin|liên hệ|phản ánh)~(Tổng đài|đường "
      "dây nóng|Cổng)( thông tin)?( dịch vụ công)? 1022", 0.88),
    # entities found in violation, the noun a pair ("37 cơ quan, đơn vị có sai phạm")
    P("{N:inspx.units_violating} (cơ quan, đơn vị|cơ quan, tổ chức|tổ chức, cá nhân|cá nhân, "
      "tổ chức|tổ chức, đơn vị, cá nhân|đơn vị)( có)? (sai phạm|vi phạm)", 0.9, when="thanh tra"),
    P("(sai phạm|vi phạm) (tại|ở) @ {N:inspx.units_violating} (cơ quan, đơn vị|cơ quan|đơn vị"
      "|tổ chức)", 0.85, when="thanh tra"),
    # carried over, the verb split around the period: "chuyển từ kỳ trước sang 47 cuộc"
    P(f"chuyển từ {_PREV} sang @ {{N:tthc.carried_over|pet.carried_over|insp.carried_over}}",
      0.9),
    P(f"{{N:tthc.carried_over|pet.carried_over|insp.carried_over}} (hồ sơ|đơn|cuộc)( thanh tra)?"
      f" (được )?chuyển từ {_PREV} sang", 0.9),
    # a reduction of the settled value is written off ("giảm trừ quyết toán 280,5 triệu đồng")
    P("giảm trừ (giá trị )?quyết toán @ {N:inspx.written_off_money}", 0.9, when="thanh tra"),
    P("{N:inspx.written_off_money} (triệu đồng|tỷ đồng|đồng)~giảm trừ (giá trị )?quyết toán",
      0.85, when="thanh tra"),
    # money collected after recommending its recovery ("… kiến nghị thu hồi 1,6 tỷ đồng. Đã thu
    # hơn 2,5 tỷ đồng"), the sentence opening on it
    P("^đã thu( hồi)?( được| về)?( cho ngân sách| nộp ngân sách)? @ {N:insp.recovered}", 0.8,
      when="kiến nghị thu hồi"),
    # cases resolved by outcome: right, partly right, wrong (either order)
    P("(?<!giải quyết )(?<!hạn )đúng @ {N:kntcx.outcome_right} vụ( việc)?", 0.85,
      when="khiếu nại|tố cáo"),
    P("đúng một phần @ {N:kntcx.outcome_partly} vụ( việc)?", 0.88, when="khiếu nại|tố cáo"),
    P("(?<!không )(?<!có đúng có )(?<!có đúng, có )sai( toàn bộ)? @ {N:kntcx.outcome_wrong} "
      "vụ( việc)?", 0.85,
      when="khiếu nại|tố cáo"),
    P("{N:kntcx.outcome_right} (vụ( việc)?|đơn)( khiếu nại| tố cáo)?( có nội dung)? (là )?đúng"
      "(?! (hạn|một phần|quy định|thời hạn|thẩm quyền))", 0.85, when="khiếu nại|tố cáo"),
    P("{N:kntcx.outcome_partly} (vụ( việc)?|đơn)( khiếu nại| tố cáo)?( có nội dung)? (là )?đúng "
      "một phần", 0.88, when="khiếu nại|tố cáo"),
    P("{N:kntcx.outcome_wrong} (vụ( việc)?|đơn)( khiếu nại| tố cáo)?( có nội dung)? (là )?sai"
      "(?! (hạn|phạm|quy định))", 0.85, when="khiếu nại|tố cáo"),
    # petitions resolved by kind, counted in đơn: "đã giải quyết 274 đơn khiếu nại và 105 đơn tố
    # cáo", or the kind first: "giải quyết đơn khiếu nại 274 đơn"
    P("(?<!phải )(?<!cần )giải quyết( xong| được)? @ {N:kntc.complaints_resolved} đơn khiếu nại"
      "(?!,? tố cáo)", 0.92),
    P("(?<!phải )(?<!cần )giải quyết( xong| được)? @ {N:kntc.denunciations_resolved} đơn tố cáo",
      0.92),
    P("giải quyết( xong| được)? @ [\\d.]+ đơn khiếu nại (và|,) {N:kntc.denunciations_resolved} đơn "
      "tố cáo", 0.93),
    # files overdue and still pending, the status after "quá hạn"
    P("hồ sơ (đã )?(quá hạn|trễ hạn) (đang|chưa|còn đang) (giải quyết|xử lý)( là)? @ "
      "{N:tthc.pending_overdue}", 0.93),
    P("{N:tthc.pending_overdue} hồ sơ (đã )?(quá hạn|trễ hạn) (đang|chưa|còn đang) "
      "(giải quyết|xử lý)", 0.93),
    P("{N:tthc.pending_overdue} hồ sơ (đang|chưa|còn đang) (giải quyết|xử lý)~(nhưng )?"
      "(đã )?(quá hạn|trễ hạn)", 0.93),
    P("(đang|chưa|còn đang) (giải quyết|xử lý) (nhưng )?(đã )?(quá hạn|trễ hạn)( là)? @ "
      "{N:tthc.pending_overdue}", 0.93),
    # complaint and denunciation cases of both kinds still being resolved
    P("{N:kntcx.pending} vụ( việc)?( còn lại)? (đang|còn đang) (giải quyết|xem xét)", 0.85,
      when="khiếu nại|tố cáo"),
    P("{N:kntcx.pending} vụ( việc)?( còn lại)? (đang|còn đang)( tiếp tục)?( được)?~"
      "(xem xét|giải quyết|xác minh)", 0.8, when="khiếu nại|tố cáo"),
    P("(đang|còn đang) giải quyết @ {N:kntcx.pending} vụ( việc)?(?! khiếu nại| tố cáo)", 0.85,
      when="khiếu nại|tố cáo"),
    # criminal proceedings by stage (khởi tố, truy tố, xét xử)
    # "N vụ/M bị can" or "N vụ, M bị can" (a slash must touch the second number)
    *[P(f"{verb} @ {{N:{cases}}} vụ( án)?{sep}{{N:{persons}}} {noun}", 0.92)
      for verb, cases, persons, noun in (
          ("khởi tố( mới)?", "crim.cases_initiated", "crim.defendants", "bị can"),
          ("truy tố", "crim.cases_prosecuted", "crim.defendants_prosecuted", "bị can"),
          ("(đưa ra )?xét xử( sơ thẩm| phúc thẩm)?", "crim.cases_tried",
           "crim.defendants_tried", "bị cáo"))
      for sep in ("/", "(,| với| và) @ ")],
    *[P(f"{{N:{cases}}} vụ( án)?{sep}{{N:{persons}}} {noun}~{verb}", 0.92)
      for verb, cases, persons, noun in (
          ("truy tố", "crim.cases_prosecuted", "crim.defendants_prosecuted", "bị can"),
          ("xét xử", "crim.cases_tried", "crim.defendants_tried", "bị cáo"))
      for sep in ("/", "(,| với| và) ")],
    P("(đưa ra )?xét xử( sơ thẩm| phúc thẩm)? @ {N:crim.cases_tried} vụ( án)?", 0.88),
    P("{N:crim.defendants_tried} bị cáo", 0.85),
    # corruption cases by the channel that detected them
    P("(qua|thông qua) (công tác )?(thanh tra, kiểm tra|thanh tra|kiểm tra)~phát hiện @ "
      "{N:acx.cases_by_inspection} vụ( việc)?", 0.88, when="tham nhũng"),
    P("(qua|thông qua) (công tác )?(giải quyết )?(khiếu nại, tố cáo|đơn thư)~phát hiện @ "
      "{N:acx.cases_by_petitions} vụ( việc)?", 0.88, when="tham nhũng"),
    P("(qua|thông qua) (công tác )?(tự kiểm tra nội bộ|kiểm tra nội bộ)~phát hiện @ "
      "{N:acx.cases_by_self_check} vụ( việc)?", 0.88, when="tham nhũng"),
    P("(qua|thông qua) (công tác )?(điều tra|hoạt động điều tra)~phát hiện @ "
      "{N:acx.cases_by_investigation} vụ( việc)?", 0.88, when="tham nhũng"),
    P("phát hiện @ {N:acx.cases_by_inspection} vụ( việc)?~(qua|thông qua) (công tác )?"
      "(thanh tra, kiểm tra|thanh tra|kiểm tra)(?! nội bộ)", 0.85, when="tham nhũng"),
    P("phát hiện @ {N:acx.cases_by_petitions} vụ( việc)?~(qua|thông qua) (công tác )?"
      "(giải quyết )?(khiếu nại, tố cáo|đơn thư)", 0.85, when="tham nhũng"),
    # stated recovery and collection rates
    P("tỷ lệ thu hồi( tiền| tài sản)?( tham nhũng)? @ {P:acx.recovery_rate_stated}", 0.9,
      when="tham nhũng"),
    P("tỷ lệ thu hồi( tiền)?( sau thanh tra| qua thanh tra)? @ {P:inspx.recovery_rate_stated}",
      0.85, when="thanh tra"),
    P("(xử phạt|tiền phạt)~(thu|nộp) (được )?(đạt )?(tỷ lệ )?@ {P:sanc.collection_rate_stated}",
      0.8),
    P("xử phạt với (tổng )?số tiền @ {N}~\\(đạt tỷ lệ {P:sanc.collection_rate_stated}\\)", 0.85),
    # --- issue 18, round 5 (appended likewise) --------------------------------------------------
    P("kiến nghị xử lý (kỷ luật( hành chính)?|hành chính)( đối với)? "
      "{N:insp.handling_individuals} cá nhân,?( và)? {N:insp.handling_collectives} tập thể",
      0.9),
    P("(qua|đã) thanh tra( tại)? {N:inspx.subjects} (đơn vị|cơ quan|tổ chức|cơ sở|doanh nghiệp)",
      0.8),
    P("(vi phạm|sai phạm) (tại|ở) @ {N:inspx.units_violating} (địa phương, đơn vị|cơ quan, đơn "
      "vị|đơn vị|tổ chức)", 0.8, when="thanh tra"),
    # the violation named after the amount: "phát hiện hơn 5,6 nghìn tỷ đồng, 57,7ha đất vi
    # phạm" (a count there is refused by the gate: a money code needs a money unit)
    P("phát hiện @ {N:insp.violation_money}(?:(?<=đồng)|(?<=tỷ)|(?<=triệu))[^;]{0,40}?"
      "(vi phạm|sai phạm)", 0.85),
    P("kiến nghị giảm trừ (thanh toán|giá trị thanh toán)(, chấn chỉnh)?(, khắc phục)? @ "
      "{N:inspx.other_money}", 0.85),
    P("{N:ac.declarations_verified} (người|trường hợp) được xác minh( tài sản, thu nhập)?", 0.9),
    P("{N:ac.heads_responsible} người đứng đầu( cơ quan, đơn vị)?( đã)? bị xử lý", 0.9),
    # a dimension named, its score in brackets: "Kiểm soát tham nhũng trong khu vực công (8,286
    # điểm)"
    P("(tham gia của người dân( ở)? (cấp )?cơ sở|công khai, minh bạch~|trách nhiệm giải trình~|"
      "kiểm soát tham nhũng~|thủ tục hành chính công|cung ứng dịch vụ công|quản trị môi trường|"
      "quản trị điện tử) \\({N:idx.papi_dimension} điểm\\)", 0.85,
      when="papi|chỉ số nội dung"),
    # the score after its change: "PAR Index 2021 tăng 2,54%, đạt 85,11%", "Chỉ số CCHC … giảm
    # nhẹ … từ 87,61% xuống 86,78%" (the first value is the year before's)
    P(f"(par ?index|chỉ số cải cách hành chính|chỉ số cchc){_IDX_TAIL}( \\d{{4}})? "
      "(tăng|giảm)( nhẹ)? [\\d,.]+ ?%, (đạt|là) @ {P:idx.par_score}", 0.85),
    P("(par ?index|chỉ số cải cách hành chính|chỉ số cchc)[^.;]{0,120}? từ [\\d,.]+ ?%"
      "( \\(\\d{4}\\))? (xuống|lên)( còn| mức)? {P:idx.par_score}", 0.85),
    P(f"(sipas|chỉ số hài lòng){_IDX_TAIL}( \\d{{4}})? (tăng|giảm)( nhẹ)? [\\d,.]+ ?%, (đạt|là) @ "
      "{P:idx.sipas_score}", 0.85),
    P("(sipas|chỉ số hài lòng)[^.;]{0,120}? từ [\\d,.]+ ?%( \\(\\d{4}\\))? (xuống|lên)"
      "( còn| mức)? {P:idx.sipas_score}", 0.85),
    # the report's own province's score (OWN_SCORE) written as a percentage ("Đồng Nai đạt
    # 82,92% điểm"), or after its rank ("Tỉnh Lâm Đồng đứng thứ 18 với 43,539 điểm")
    Pattern(text=f"(?<!các )(tỉnh |thành phố )?({_PROVINCE_NAMES}|tỉnh ta) (đạt|được) @ "
            "{P:idx.papi_score}", weight=0.75, name=OWN_SCORE),
    Pattern(text=f"(?<!các )(tỉnh |thành phố )?({_PROVINCE_NAMES}|tỉnh ta) (đứng|xếp)( ở)?"
            "( vị trí)?( thứ| hạng)? \\d+(/\\d+)?( tỉnh, thành phố)? (với|đạt) @ "
            "{N:idx.papi_score}( điểm)?", weight=0.75, name=OWN_SCORE),
    # transferred to investigators with what for: "chuyển cơ quan điều tra tiếp tục làm rõ 1 vụ",
    # "chuyển thông tin sang Công an tỉnh để xem xét theo thẩm quyền 1 vụ việc"
    P("chuyển( hồ sơ| thông tin)?( sang| đến| cho)? (cơ quan (cảnh sát )?điều tra|CQĐT|(cơ quan )?"
      "công an( tỉnh| huyện)?)( để)?( tiếp tục)?( làm rõ| xem xét,? xử lý| xem xét| điều tra)?"
      "( theo thẩm quyền)? {N:insp.transferred_investigation} vụ( việc)?", 0.85,
      when="thanh tra"),
    # persons whose declarations were wrong, in both orders
    P("{N:ac.declaration_violations} (người|trường hợp)( đã)? kê khai (tài sản, thu nhập )?"
      "(chưa đúng|không đúng|không trung thực|sai)", 0.85, when="kê khai|xác minh"),
    P("kê khai (tài sản, thu nhập )?(chưa đúng|không đúng|không trung thực)( quy định)?( là| có)? "
      "{N:ac.declaration_violations} (người|trường hợp)", 0.85, when="kê khai|xác minh"),
    # a PAPI total without "điểm" after it: "dẫn đầu bảng xếp hạng PAPI 2020 với tổng điểm 48,811"
    P("(với|đạt) tổng (số )?điểm @ {N:idx.papi_score}", 0.8, when="papi"),
    # rates named without a verb or with their level between (round 6): "Tỷ lệ hồ sơ trễ hạn
    # còn 1,79%", "Tỷ lệ hồ sơ trễ hạn của cấp xã chỉ chiếm 0,39%", "tỷ lệ đúng và sớm hạn
    # 99,61%", "tỷ lệ hồ sơ giải quyết sớm và đúng hạn chiếm 99,48%"
    P("tỷ lệ (hồ sơ )?(giải quyết |xử lý |trả kết quả )?(trễ hạn|quá hạn)( chung)?( của~)?"
      "( chỉ)?( còn| chiếm| là|:| ở mức) {P:tthc.late_rate_stated}", 0.85),
    P(f"tỷ lệ (hồ sơ )?(được )?(giải quyết |xử lý |trả kết quả )?{_EARLY_ON_TIME}( của~)?"
      "( chỉ)?( đạt| chiếm| là|:)? {P:tthc.on_time_rate_stated}", 0.9),
    # reception: "đã tiếp tổng số gần 900 lượt trên 1000 người", "với 38 lượt tiếp công dân"
    P("tiếp( công dân)? @ {N:recep.sessions} lượt( công dân)?( với| gồm|,)? @ "
      "{N:recep.persons} (người|lượt người|công dân)", 0.9),
    P("(với|có|gồm) {N:recep.sessions} lượt tiếp (công dân|dân)", 0.85),
    # online files: their total ("tổng số hồ sơ trực tuyến đã tiếp nhận, giải quyết … là 43.007
    # hồ sơ") and their share with its fraction ("tỷ lệ nộp hồ sơ trực tuyến, … đạt 72,35%
    # (224.930/310.903)")
    P(f"(tổng )?số hồ sơ {_ONLINE}( đã)?( được)? (tiếp nhận|nộp)(, giải quyết| và giải quyết)?~"
      "( là|:) {N:tthc.received_online}", 0.9),
    P(f"tỷ lệ (nộp |tiếp nhận )?hồ sơ {_ONLINE}~(đạt|là) {{P:tthc.online_share_stated}} \\( ?"
      "{N:tthc.received_online}/{N:tthc.files_total}( hồ sơ)?", 0.9),
    # an index's score after the news of its announcement ("Chỉ số … (PAR index 2019) của
    # Tiền Giang vừa được Ban Chỉ đạo … công bố đạt 79,68 điểm"; "(SIPAS 2019) của Tiền Giang
    # cũng vừa được công bố, đạt 83,39 điểm")
    P(f"(par ?index|chỉ số cải cách hành chính|chỉ số cchc)( năm)?( \\d{{4}})?{_IDX_TAIL}"
      "( cũng)?( vừa)?"
      "( được[^\\d.;:]{0,80}?công bố)?,? (đạt|là|với) @ {N:idx.par_score} điểm", 0.85),
    P(f"(sipas|chỉ số hài lòng~)( năm)?( \\d{{4}})?{_IDX_TAIL}( cũng)?( vừa)?"
      "( được[^\\d.;:]{0,80}?công bố)?,? (đạt|là|với) @ {N:idx.sipas_score} điểm", 0.85),
    # the stage after the count: "17 vụ với 21 bị can đã thụ lý và 10 vụ với 10 bị can đã đề
    # nghị truy tố" (the defendants of those stages have no code)
    P("{N:crim.cases_accepted} vụ( án| việc)?( tham nhũng)?( với|,|/) {N} bị can (đã )?(được )?"
      "thụ lý", 0.93),
    P("{N:crim.proposed_prosecution} vụ( án| việc)?( tham nhũng)?( với|,|/) {N} bị can (đã )?"
      "(được )?(đề nghị|kiến nghị) truy tố", 0.93),
    # round 7: cases "có đúng có sai" are partly right, either order ("6 vụ khiếu nại có đúng có
    # sai", "khiếu nại có đúng, có sai 6 vụ")
    P("có đúng,? có sai @ {N:kntcx.outcome_partly} vụ( việc)?", 0.9, when="khiếu nại|tố cáo"),
    P("{N:kntcx.outcome_partly} (vụ( việc)?|đơn)( khiếu nại| tố cáo| kn| tc)?( có nội dung)? "
      "(là )?có đúng,? có sai", 0.9, when="khiếu nại|tố cáo"),
    # planned inspections done as a fraction of the plan ("triển khai 193/193 cuộc thanh tra, đạt
    # tỷ lệ 100% kế hoạch", "thực hiện 40/42 cuộc thanh tra theo kế hoạch")
    P("(triển khai|thực hiện|tiến hành)( được)? {N:insp.planned}/[\\d.]+ cuộc( thanh tra)?"
      "( hành chính)?,? (đạt|bằng)( tỷ lệ)? {P:inspx.plan_pct} (so với )?kế hoạch", 0.9),
    P("(triển khai|thực hiện|tiến hành)( được)? {N:insp.planned}/[\\d.]+ cuộc( thanh tra)?"
      "( hành chính)? theo kế hoạch", 0.9),
    # the late share of a level's files in a list by level ("Ở cấp huyện, …; số hồ sơ chậm
    # 0,87%"; "hồ sơ trễ hạn chiếm 0,63%")
    P("(số )?hồ sơ (giải quyết )?(chậm|trễ hạn)( giải quyết)?( chỉ)?( chiếm| là| còn)?:? "
      "{P:tthc.late_rate_stated}", 0.85),
    # the on-time share opening a level's clause, without a verb ("Cấp huyện: đúng hạn và trước
    # hạn đạt 98,96%")
    P(f"(?<![\\w] ){_EARLY_ON_TIME} (đạt|là|chiếm)( tỷ lệ)? @ {{P:tthc.on_time_rate_stated}}",
      0.85),
]

# -- context rules -----------------------------------------------------------------------------
#: Words that name what a number counts, and the catalogue units they may stand for.  A slot
#: followed by a word of another unit is not read ("trực tiếp 30 cuộc" is no file count).
NOUNS: dict[str, tuple[str, ...]] = {
    "hồ sơ": ("files",), "HS": ("files",),
    "thủ tục": ("procedures",), "TTHC": ("procedures",),
    "đơn": ("petitions",),
    # complaints resolved are counted in cases or in their petitions ("giải quyết 274 đơn khiếu
    # nại", "11 đơn khiếu nại đúng")
    "đơn khiếu nại": ("petitions", "cases"), "đơn tố cáo": ("petitions", "cases"),
    "vụ việc": ("cases",), "vụ": ("cases",), "trường hợp": ("cases", "persons"),
    "lượt người": ("persons", "sessions"), "lượt": ("sessions", "persons"), "buổi": ("sessions",),
    "hội nghị": ("sessions",), "lớp": ("sessions",), "đoàn": ("sessions",),
    "cuộc": ("inspections", "sessions"),
    "người": ("persons",), "công chức": ("persons",), "viên chức": ("persons",),
    "cán bộ": ("persons",), "cá nhân": ("persons", "entities"), "thành viên": ("persons",),
    "đồng chí": ("persons",), "đối tượng": ("persons", "entities"), "đại biểu": ("persons",),
    "tập thể": ("units",), "tổ chức, cá nhân": ("entities", "persons"),
    "tổ chức": ("units", "entities"), "đơn vị": ("entities",), "cơ quan, đơn vị": ("entities",),
    "địa phương, đơn vị": ("entities",),
    "doanh nghiệp": ("entities",), "cơ sở": ("entities",),
    "bị can": ("persons",), "bản": ("documents",), "điểm": ("points",), "bậc": (),
    "tỉnh": (), "huyện": (), "cấp": (), "địa phương": (), "nhóm": (), "chỉ tiêu": (),
    "trung tâm": (), "bộ phận": (),
    "kế hoạch": ("documents",), "văn bản": ("documents",), "quyết định": ("documents",),
    "kết luận": ("inspections",),
    "phiếu": (), "cuộc gọi": ("contacts",), "lượt truy cập": (), "xã": (), "phòng": (), "phút": (),
    "sao": (),
    # issue 18: feedback on regulations is neither files nor petitions; a hotline's contacts
    "phản ánh, kiến nghị": ("feedback",), "phản ánh kiến nghị": ("feedback",),
    "PAKN": ("feedback",), "lượt thông tin": ("contacts",), "lượt liên hệ": ("contacts",),
    "lượt gọi": ("contacts",),
    "bị cáo": ("persons",), "vụ án": ("cases",),
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
    ("inspx.all_total", ("insp.total", "inspx.specialised"), True),
    ("insp.violation_money", ("insp.recovery_recommended", "inspx.other_money"), True),
    ("insp.violation_money", ("insp.recovery_recommended", "inspx.other_money",
                              "inspx.written_off_money"), True),
    ("catalog.announced", ("catalog.announced_new", "catalog.announced_amended",
                           "catalog.announced_abolished"), True),
    ("tthc.pending_total", ("tthc.pending_in_time", "tthc.pending_overdue"), True),
    ("kntc.complaints_received", ("kntc.complaints_resolved", "kntcx.complaints_pending"), True),
    ("kntc.denunciations_received", ("kntc.denunciations_resolved",
                                     "kntcx.denunciations_pending"), True),
]

#: Parts whose meaning depends on the head they follow: under "đang giải quyết N hồ sơ,
#: trong đó quá hạn M", M is pending overdue, not resolved late.
RELABEL_UNDER: dict[str, dict[str, str]] = {
    "tthc.pending_total": {"tthc.resolved_late": "tthc.pending_overdue",
                           "tthc.resolved_on_time": "tthc.pending_in_time"},
    # "Đơn thuộc thẩm quyền 120 đơn, trong đó khiếu nại 80 đơn, tố cáo 40 đơn": kinds within
    # competence, not every complaint received (issue 18)
    "catalog.boundary_free": {"proc.full_online": "catalog.boundary_free_full",
                              "proc.partial_online": "catalog.boundary_free_partial"},
    "pet.within_competence": {"pet.complaints": "pet.competence_complaints",
                              "pet.denunciations": "pet.competence_denunciations",
                              "pet.proposals": "pet.competence_proposals"},
}

#: Heads whose parts are named later in the same sentence, not right after them ("2.234 DVCTT
#: được thực hiện không phụ thuộc địa giới (1.096 DVCTT toàn trình và 1.138 DVCTT một phần)"):
#: a figure after such a head in its sentence takes the code :data:`RELABEL_UNDER` gives it.
HEADS_IN_SENTENCE = ("catalog.boundary_free", "pet.within_competence")

#: A count "received" whose parts include a carried-over count is the total to handle
#: ("Đã tiếp nhận 120 đơn, trong đó kỳ trước chuyển sang 20 đơn, đơn mới 100 đơn").
TOTAL_WITH_CARRIED = {"pet.received": "pet.total", "tthc.received_in_period": "tthc.files_total",
                      "insp.started": "insp.total"}

#: Words that open the parts of a total: "N hồ sơ, trong đó …", "N hồ sơ (…)", "gồm".
GROUP_OPENER = r"^\s*[,;:.]?\s*(\(|trong do\b|gom\b|bao gom\b|cu the\b)"

#: A number right after one of these words is approximate: it is read with the flag
#: ``approximate`` and less confidence ("hơn 12.200 hồ sơ"), and left out when the report
#: states the same indicator exactly (a rounded headline beside the exact figure).
APPROXIMATE = r"(tren|hon|gan|khoang|xap xi|gan nhu|chung|uoc|uoc tinh|tong cong hon)\s*:?\s*$"
#: A number right after one of these words is a bound, not a figure, and is not read.
NOT_A_FIGURE = r"(chua den|duoi|hang|it nhat|toi da|toi thieu)\s*$"

#: A clause comparing with another period: its figures belong to that period and are skipped.
#: ("so với quy định", "so với thời hạn" compare with the set time, not another period)
COMPARISON = (r"(cung ky|(?<!co )(?<!ho )\bso voi(?! (quy dinh|thoi han|thoi gian quy dinh))"
              r"|(?<!tu )(ky|thang|quy|nam) truoc(?! chuyen))")

#: A year named in the clause before a number: when it is not the report's year, the number is
#: that year's ("(6 tháng đầu năm 2019 đã tiếp 1.012 lượt)") and is not read.
YEAR_IN_CLAUSE = r"\b(?:nam|/)\s*((?:19|20)\d{2})\b"

#: "9 tháng năm 2017", "6 tháng năm 2024" (as written): the first months of that year.
MONTHS_OF_YEAR = r"(?i)\b(6|9|sáu|chín) tháng năm (\d{4})\b"
#: A period named without a year ("trong tháng 7", "Quý II", "6 tháng đầu năm"), as written,
#: and a date of the text that gives it one (d/m/yyyy or d.m.yyyy).
PERIOD_NO_YEAR = (r"(?i)\b((?:tháng \d{1,2}|quý (?:[IVX]+|\d)|(?:6|9) tháng đầu năm))"
                  r"(?!\s*(?:[/.-]\s*\d|năm \d))")
TEXT_DATE = r"\b(\d{1,2})[/.](\d{1,2})[/.]((?:19|20)\d{2})\b"

#: "(kể) từ năm 2009 (cho) tới nay": a starting point, not a reporting period (as written).
SINCE = r"(?i)\b(?:kể )?từ (?:năm )?\d{4},? (?:cho )?(?:tới|đến) nay\b"

#: A sentence that opens on a period of its own ("Quý II/2021, toàn tỉnh giải quyết …",
#: "Tháng 3/2024, Trung tâm …"): its figures, and those of the rest of the paragraph, belong
#: to that period (a period without a year takes the report's year).
SENTENCE_PERIOD = (r"^\W*(?:trong |rieng |tinh rieng |luy ke |tinh den het )?"
                   r"((?:thang \d{1,2}|quy (?:[ivx]+|\d))(?:\s*[/.-]\s*\d{4}|\s+nam \d{4})?|"
                   r"(?:6|9|sau|chin) thang(?: dau)?(?: nam)?(?: \d{4})?|nam \d{4})\s*[,:]")

#: A sentence that sets a part of the period apart ("Riêng quý 4, …", "Tính riêng tháng 12,
#: …"): when no code can name that part (the report's year is unknown), its figures are
#: not the report's own.
PERIOD_APART = r"^\W*(?:rieng|tinh rieng)\s+(?:trong\s+)?(?:thang|quy|(?:\d+|sau|chin) thang)\b"

#: A sentence that opens on another period ("Cùng kỳ năm 2023, Sở không phát hiện …") is
#: about that period as a whole: none of its figures, zeros included, is read.
OTHER_PERIOD_SENTENCE = r"^\W*(trong )?cung ky (nam|cua nam|ky|thang|quy|tuan)\b"

#: A clause stating a plan or a target: its figures are not results of the period and are
#: skipped ("dự kiến triển khai 32 cuộc", "phấn đấu … đạt 100%", "mục tiêu … là 100%", "được
#: giao thực hiện 40 cuộc").
PLANNED = (r"\b(du kien|phan dau|muc tieu|chi tieu|(duoc )?giao (thuc hien|trien khai|tien hanh)"
           r"|se (tiep tuc )?(to chuc|trien khai|"
           r"thuc hien|tien hanh)|ke hoach\b[^.;]{0,40}\b(dat ra|de ra|giao|xac dinh|phe duyet)"
           r"\b[^.;]{0,20}\b(la|thuc hien|tien hanh|trien khai))\b")
#: A mean per day, month or person ("bình quân mỗi tháng tiếp nhận 2.500 hồ sơ", "trung bình
#: 1 ngày 120 hồ sơ"): not a count of the period.
MEAN = (r"\b((binh quan|trung binh)\b[^.;\d]{0,20}?\b(moi|mot|1|/)\s*(ngay|thang|tuan|quy|nam"
        r"|nguoi|ho so|don vi)|moi (ngay|thang|tuan|buoi|phien))\b|/\s?(ngay|tuan|thang)\b")
#: A sentence about a span longer than the report's, before the number (back to a semicolon):
#: "Từ đầu nhiệm kỳ đến nay, …", "Trong 5 năm qua, …", "Giai đoạn 2021-2025, …", "Lũy kế từ
#: năm 2020, …", "Lũy tiến đến kỳ báo cáo, …" (round 6): its figures are that span's, not the
#: period's.
OTHER_SPAN = (r"\b(tu dau nhiem ky|(hai|ba|bon|nam|nhieu|\d+) nam (lien|lien tiep|lien tuc)"
              r"|trong (nhiem ky|(\d+|hai|ba|bon|nam|muoi) nam (qua|gan day|"
              r"tro lai day))|giai doan (\d{4}\s*-\s*\d{4}|\d{4}\s*den\s*(nam )?\d{4})"
              r"|luy ke tu (nam |thang )?\d|luy tien (den|tu)\b)")

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
LEVEL_RE = r"(?<!hanh chinh cong )(?<!canh tranh )\bcap (tinh|huyen|xa)\b(?! \((papi|pci))"
#: A report that names several levels: "cấp huyện", "cấp xã", or levels listed after one
#: "cấp" ("cấp tỉnh, huyện, xã", "cấp tỉnh và huyện").
MULTI_LEVEL = r"\bcap (huyen|xa)\b|\bcap tinh\s*(?:,|va)\s*(?:huyen|xa)\b"
#: Persons ranked by a level ("3 chủ tịch UBND cấp tỉnh", "cán bộ lãnh đạo cấp huyện"): the
#: level qualifies those persons and is no level of the figures around them.
PERSON_BEFORE_LEVEL = (r"\b(?:chu tich|pho chu tich|can bo|cong chuc|lanh dao|giam doc|"
                       r"thu truong|si quan)(?: (?:lanh dao|quan ly))?"
                       r"(?: (?:ubnd|uy ban nhan dan))?\s*$")
#: Units of a level placed in the unit ("91 xã, phường, thị trấn trên địa bàn tỉnh", "các
#: huyện trên địa bàn tỉnh"): "trên địa bàn tỉnh" right after them places those units and
#: does not return to the whole.
UNITS_BEFORE_RESET = r"\b(?:xa|phuong|thi tran|huyen|thi xa|thanh pho)\s*$"
#: Phrases that return to the whole unit (no level).
LEVEL_RESET = (r"\b(toan tinh|toan huyen|toan thanh pho|toan thi xa|ca (3|ba) cap|(3|ba) cap"
               r"|tren dia ban tinh)\b")
#: A report on a district-level unit (a district, a town, a city under a province) that gives
#: its communes apart (round 5 convention, as "cấp huyện" / "cấp xã" in a district's report):
#: the unit's own People's Committee or one-stop desk as a clause's subject ("UBND TP. Nha
#: Trang đã tiếp nhận …", "tại Bộ phận Một cửa UBND thành phố, …", "của UBND thành phố") is
#: the district level; "UBND các phường, xã" is the commune level; "toàn thành phố" the whole.
#: Not "UBND TP X cho biết" (the source), not "các UBND huyện" (units of a province).
DISTRICT_OWN_LEVEL = (r"(?<!cac )(?<!\bcac )\b(?:bo phan (?:mot cua|tiep nhan va tra ket qua)"
                      r"(?: cua)? )?(?:ubnd|uy ban nhan dan) (?:tp\.?|thanh pho|huyen|thi xa)\b"
                      r"(?![^.;,]{0,30}\b(?:cho biet|bao cao|thong tin|cung cap)\b)")
DISTRICT_COMMUNES = (r"\b(?:ubnd|uy ban nhan dan) (?:cac )?(?:phuong|xa|thi tran)"
                     r"(?:,? (?:va )?(?:phuong|xa|thi tran))+\b")
#: A report that is a district-level unit's with its communes apart: it names the commune
#: level and no provincial one.
DISTRICT_SPLIT = r"\bcap xa\b|\bubnd cac (?:phuong|xa)\b|\bkhoi ubnd cac\b"
PROVINCE_NAMED = r"\b(cap tinh|toan tinh|cac so|so, ban, nganh|cac huyen|cac so, nganh)\b"
#: A field named right after a count ("18 cuộc thanh tra về lĩnh vực tài chính ngân sách",
#: "300 hồ sơ thuộc lĩnh vực đất đai"): that count's own field, up to , ; . ( or "và".
FIELD_AFTER_COUNT = (r"\s*(?:cuoc|ho so|hs|don|vu viec|thu tuc)\s+(?:(?:thanh tra|kiem tra)"
                     r"\s+)?(?:ve|trong|thuoc|o)\s+(?:cac\s+)?linh vuc\s+([^\d,;.()]{3,40}?)"
                     r"(?=\s*(?:[,;.()]|$|\bva\b|\bda\b))")
#: Two levels named together are one level of the figures that follow ("Bộ phận một cửa cấp
#: huyện, cấp xã", "Trung tâm … cấp tỉnh và huyện"): the field names both.
LEVEL_PAIR_RE = r"\bcap (tinh|huyen|xa)\s*(?:,|va|và|\+)\s*(?:cap\s+)?(tinh|huyen|xa)\b"
#: A level right after a count's noun is that count's own ("1.833 thủ tục cấp tỉnh, 301 thủ
#: tục cấp huyện"); it does not hold for the figures after it.
LEVEL_AFTER_COUNT = (r"\s*(?:ho so|hs|thu tuc|tthc|don|cuoc|vu viec|luot)(?:\s+hanh chinh)?"
                     r"\s+(?:o\s+|thuoc\s+)?cap (tinh|huyen|xa)\b")
#: The provincial one-stop centre is the provincial level when the report names other levels
#: too ("Tại Trung tâm Phục vụ hành chính công tỉnh …; cấp huyện, cấp xã …").
CENTRE_RE = (r"(?<!theo )(?<!cua )(?<!tu )"
             r"\b(?:(?<!theo )cac (?:co quan, )?so,? (?:ban, )?nganh(?: (?:cap )?tinh)?|"
             r"trung tam (?:phuc vu )?hanh chinh cong (?:cua )?(?:cap )?tinh|"
             r"bo phan (?:tiep nhan va tra ket qua|mot cua) (?:cap )?tinh)\b")
#: Who carried out a count: "109 cuộc do Thanh tra tỉnh thực hiện", "56 cuộc thuộc Thanh tra
#: Sở"; "Riêng Thanh tra tỉnh …" opening a paragraph holds for its figures.  The field names
#: the body (:data:`EXECUTORS`).
EXECUTOR_AFTER = (r"\s*cuoc\s+(?:thanh tra\s+)?(?:hanh chinh\s+)?(?:do|thuoc|cua)\s+"
                  r"thanh tra (?:cac\s+)?(tinh|huyen|so)\b")
EXECUTOR_PARA = (r"^\W*rieng\s+(?:(?:thanh tra (?:cac\s+)?(tinh|huyen|so))\b"
                 r"|(?:co quan\s+)?(thanh tra chinh phu|ttcp)\b)")
#: A clause (paragraph, sentence or part after ";") whose subject is one body, right before
#: its verb (issue 18): "Thanh tra tỉnh thực hiện 70 cuộc; …" gives that body to the figures
#: up to the next such clause; not "Thanh tra tỉnh và thanh tra các huyện …", "Thanh tra các
#: sở, ngành …" nor "Thanh tra tỉnh Quảng Trị …".  Only when the report names two bodies or
#: more (:data:`BODIES_RE`): one alone is the report's own.
EXECUTOR_CLAUSE = (r"(?:^|[.;:]\s+)\W*(?:(?:trong do|ngoai ra|rieng|dong thoi),?\s+)?"
                   r"thanh tra (?:cac\s+)?(tinh|huyen|so)"
                   r"(?:,?\s+(?:nganh|thanh|thi|thi xa|thanh pho|ban|quan)\b)*"
                   r"\s+(?:da\s+|cung\s+|con\s+|tiep tuc\s+)*(?:thuc hien|tien hanh|trien khai)\b")
#: An inspectorate cited as the source and then taken up as the subject ("Theo Thanh tra tỉnh
#: X, năm 2022, đơn vị này tiếp nhận 4.953 bản kê khai"): the figures of that sentence are
#: that body's (round 5).
SOURCE_THEN_SUBJECT = (r"(?:^|[.;]\s+)\W*theo thanh tra (tinh|huyen|so)\b[^.;]{0,80}?"
                       r"\b(?:don vi|co quan) nay\b")
EXECUTORS = {"tinh": "Thanh tra tỉnh", "huyen": "Thanh tra huyện", "so": "Thanh tra sở",
             "thanh tra chinh phu": "Thanh tra Chính phủ", "ttcp": "Thanh tra Chính phủ"}
#: The Government Inspectorate as the subject of a clause, right before its verb: "Thanh tra
#: Chính phủ đã ban hành 15 kết luận", "…; TTCP triển khai 50 cuộc" (not "Theo TTCP, …",
#: "TTCP cho biết", "Báo cáo của TTCP", nor "toàn ngành Thanh tra").
TTCP_CLAUSE = (r"(?:^|[.;:]\s+|,\s+(?:trong do|rieng)\s+)\W*(?:rieng\s+)?(thanh tra chinh phu|ttcp)"
               r"(?:\s+\(ttcp\))?\s+(?:da\s+|cung\s+)*(?:tien hanh|trien khai|thuc hien|ban hanh|"
               r"phat hien|kien nghi|chuyen|thanh tra|giai quyet|tiep)\b")
#: A report about the provincial one-stop centre itself (round 4 convention, see
#: docs/indicators.md "Field"): its title or opening names the centre (not a district's);
#: when the text names no other level and no "toàn tỉnh", its figures are ``Cấp tỉnh`` (the
#: centre's total is not the province's: districts and communes have their own).
CENTRE_REPORT = (r"\b(?:trung tam (?:phuc vu )?hanh chinh cong|trung tam pvhcc|ttpvhcc|"
                 r"trung tam hcc|bo phan (?:tiep nhan va tra ket qua|mot cua) (?:cap )?tinh)\b"
                 r"(?!\s+(?:cap\s+)?(?:huyen|quan|thi xa|xa|phuong)\b)"
                 # a city's centre is a district's, unless the city is a province
                 r"(?!\s+(?:thanh pho|tp\.?)\s+(?!(?:ha noi|ho chi minh|hai phong|da nang|can tho"
                 r"|hue)\b))")
CENTRE_NOT_ALONE = r"\b(toan tinh|ca tinh|toan huyen|cac huyen|cap huyen|cap xa)\b"
#: Codes a department's inspectorate reports for the province as a whole (specialised
#: inspections, the units found in violation, sanctions): no body field.
BODY_FREE_CODES = ("inspx.specialised", "inspx.units_violating", "sanc.")
#: Codes of inspections that belong to one body when the report names several.
BODY_CODES = ("insp.", "inspx.")
#: A body named before a number in its sentence (of a report naming several): a figure no rule
#: gave a body is then left unclassified, not given to the whole ("Kết quả, Thanh tra huyện
#: đã kiến nghị thu hồi …").  Bodies named together ("Thanh tra tỉnh và thanh tra các huyện")
#: or the whole branch ("ngành Thanh tra tỉnh") are not one body.
UNPLACED_BODY = (r"(?<!nganh )(?<!va )(?<!, )(?<!tu )(?<!cua )(?<!theo )"
                 r"\bthanh tra (?:cac\s+)?(?:tinh|huyen|so)\b"
                 r"(?!(?:\s*,\s*|\s+va\s+|\s+)(?:cac\s+)?(?:thanh tra\s+)?(?:cac\s+)?"
                 r"(?:so|huyen|tinh)\b)")
#: A paragraph that goes on with the findings of the one before ("Qua thanh tra phát hiện …"
#: after "UBND huyện A ban hành kết luận …"): its figures are that paragraph's unit's.
GOES_ON_FINDINGS = r"^\W*qua (thanh tra|kiem tra|xac minh)\b"
#: A conclusion issued by a named unit below the report's, anywhere in a paragraph's first
#: sentence ("Trong thời gian này, UBND huyện Đức Thọ đã ban hành kết luận …"): the unit whose
#: findings the next paragraph gives (as written: kind, capitalised name).
CONCLUSION_BY = (r"(?:UBND|Ủy ban nhân dân|Thanh tra)\s+((?i:huyện|thị xã|thành phố|quận))\s+"
                 r"([^\W\d_]+(?:\s+[^\W\d_]+){0,4}?)\s+(?:đã\s+)?ban hành kết luận")
#: The inspection bodies a report names; a paragraph opening on one of them gives its figures
#: that body only when the report names two or more (one alone is the report's own).
BODIES_RE = r"\bthanh tra (?:cac\s+)?(tinh|huyen|so)\b"

#: The column of an inspection's land, by the last words before it in its part of the sentence
#: (round 5): found in violation, recommended for recovery, other recommendations (not when
#: the recommendations are carried out: "đã thực hiện kiến nghị thu hồi … 223m2 đất").
LAND_COLUMN = (r"(?P<found>\b(phat hien|vi pham|sai pham)\b)"
               r"|(?P<recovery>(?<!thuc hien )\b(kien nghi|de nghi) thu hoi\b)"
               r"|(?P<other>(?<!thuc hien )\b(kien nghi|de nghi)( xu ly)? khac\b)"
               r"|(?P<done>\bthuc hien (cac |viec )?(kien nghi|de nghi)\b)")
LAND_COLUMNS = {"recovery": "inspx.land_recovery_recommended", "other": "inspx.land_other"}

#: A count of petitions whose clause names one kind ("đơn khiếu nại đủ điều kiện xử lý … là
#: 617 đơn", "đơn tố cáo … 266 đơn"), not both ("đơn khiếu nại, tố cáo", "đơn khiếu tố").
ONE_KIND_PETITIONS = (r"\bdon (khieu nai|to cao)\b(?!\s*(?:,|va|và|\/|-)\s*(?:don\s+)?"
                      r"(?:to cao|khieu nai|kien nghi|phan anh))")

#: Complaint and denunciation counts whose kind is named once for several numbers ("thụ lý 5/5
#: vụ tố cáo (4 vụ việc từ kỳ trước chuyển sang), giải quyết xong 1/5 vụ"): the patterns give
#: the complaint code; the last kind named before the number decides.  Both kinds named
#: together ("33 đơn khiếu nại, tố cáo …, đã giải quyết 20 vụ việc") give the joint code.
KNTC_KIND_RE = (r"(khieu nai(?:,| va| hoac) to cao|\bkn(?:,| va)\s*tc\b|khieu nai|to cao"
                r"|\bkn\b|\btc\b)")
KNTC_DENUNCIATION = {"kntc.complaints_received": "kntc.denunciations_received",
                     "kntc.complaints_resolved": "kntc.denunciations_resolved",
                     "kntcx.complaints_carried_over": "kntcx.denunciations_carried_over",
                     "kntcx.complaints_pending": "kntcx.denunciations_pending"}
KNTC_BOTH = {"kntc.complaints_resolved": "kntcx.resolved",
             "kntc.complaints_received": "kntcx.received",
             "kntcx.complaints_pending": "kntcx.pending"}
#: Cases resolved by outcome (:data:`kntcx.outcome_*`, both kinds together) whose kind is
#: named: right after the number ("4 vụ khiếu nại đúng"), else in the number's clause ("khiếu
#: nại sai 17 vụ việc"), else last in the sentence before it ("Giải quyết 20 vụ khiếu nại:
#: đúng 3 vụ, sai 12 vụ").  One kind named gives that kind's code; both kinds, or none, keep
#: the joint code.
KNTC_OUTCOME_KIND = {
    "kntcx.outcome_right": {"khieu nai": "kntcx.complaints_right",
                            "to cao": "kntcx.denunciations_right"},
    "kntcx.outcome_partly": {"khieu nai": "kntcx.complaints_partly",
                             "to cao": "kntcx.denunciations_partly"},
    "kntcx.outcome_wrong": {"khieu nai": "kntcx.complaints_wrong",
                            "to cao": "kntcx.denunciations_wrong"},
}
#: An inspection column read in a clause about complaints and denunciations ("giải quyết 8.952
#: vụ việc khiếu nại, tố cáo …; xử lý hành chính 183 người, chuyển cơ quan điều tra 11 vụ"): the
#: topic named last before the number (:data:`TOPIC_KNTC` against :data:`TOPIC_INSPECTION`)
#: decides whose column it is.
KNTC_TOPIC_RELABEL = {"insp.transferred_investigation": "kntcx.transferred_investigation",
                      "insp.handling_individuals": "kntcx.persons_handled"}
#: Inspections' columns with no code of complaint handling: in a passage on complaints
#: ("Kết quả giải quyết đã thu hồi 3,1 triệu đồng") they are left unclassified.
KNTC_TOPIC_NONE = ("insp.recovered", "insp.violation_money", "insp.recovery_recommended",
                   "insp.handling_collectives")
#: A count of delegations ("65 lượt đoàn công dân", "12 đoàn đông người"): group visits, never
#: reception sessions.
GROUP_VISIT_CODES = {"recep.sessions": "recep.group_visits"}
GROUP_VISIT_AFTER = r"\s*(luot )?doan\b"
TOPIC_KNTC = r"\b(khieu nai|to cao|don thu|tiep cong dan)\b"
TOPIC_INSPECTION = r"\b(thanh tra|kiem tra)\b"
#: Both kinds named right after a complaint count ("19/33 vụ việc khiếu nại, tố cáo"): the
#: count is of both kinds together (:data:`KNTC_BOTH`).
KNTC_BOTH_KINDS = r"(khieu nai(?:,| va| hoac) to cao|to cao(?:,| va| hoac) khieu nai)"
#: A paragraph that opens by pointing back at the one before ("Trong số hồ sơ trên, …",
#: "Trong số này", "Số hồ sơ nói trên"): it keeps the level the paragraph before ended on.
BACK_REFERENCE = (r"^\W*(trong so (ho so |don |vu viec )?(tren|nay|do|noi tren)"
                  r"|so (ho so|don|vu viec) (tren|noi tren))\b")

#: A recovery recommended already stated with its amount earlier in the sentence ("kiến nghị
#: thu hồi 3,8 tỷ đồng …, thu hồi 978 triệu đồng"): a later bare "thu hồi" is what was
#: recovered, not recommended again (no relabelling by RELABEL_IN_SENTENCE).
RECOVERY_RECOMMENDED_STATED = r"\b(kien nghi|de nghi)( xu ly)? thu hoi\b[^.;\d]{0,40}\d"
#: Status words of TTHC files, the pending ones named ``pending``: a late count whose last
#: status before it in its sentence is pending ("Trong số hồ sơ đang giải quyết, có 5.950 hồ
#: sơ chưa đến hạn và 1.222 hồ sơ đã quá hạn") is pending overdue, not resolved late; "trả
#: quá hạn" is resolved late.
STATUS_SAID = (r"\b(?:(?P<pending>(?<!da va )(?<!da, )dang giai quyet|chua giai quyet|"
               r"chua den han|chua co ket qua|dang xu ly|con ton)|da giai quyet|giai quyet xong|"
               r"da tra ket qua|tra ket qua|tra qua han|tra tre han|tra cham|da xu ly|"
               r"da va dang giai quyet)\b")
#: Figures whose meaning depends on what the sentence said before them: (code, new code,
#: must occur in the sentence before the number, must NOT occur in the clause just before).
#: "kiến nghị xử lý về kinh tế X, (trong đó) thu hồi nộp ngân sách Y" → Y is recommended.
#: Online files named as a sentence's topic (folded, from the sentence's start): its counts
#: are of online files only (round 5), and a total of all files is the online files received.
ONLINE_TOPIC = (r"\W*(?:ve|doi voi|rieng)\s+(?:viec\s+)?(?:tiep nhan, giai quyet\s+|tiep nhan\s+"
                r"|giai quyet\s+)?(?:ho so|hs)(?:\s+(?:thu tuc hanh chinh|tthc))?\s+"
                r"(?:nop\s+)?truc tuyen\b[^.;]{0,20},")
#: A total of online files ("tổng số hồ sơ trực tuyến …").
ONLINE_FILES = r"\b(?:ho so|hs)(?:\s+(?:thu tuc hanh chinh|tthc))?\s+(?:nop\s+)?truc tuyen\b"
#: The codes that count every TTHC file: a figure of online files only is none of them.
OVERALL_TTHC = ("tthc.files_total", "tthc.received_in_period", "tthc.resolved_total",
                "tthc.resolved_early_on_time", "tthc.resolved_on_time", "tthc.resolved_early",
                "tthc.resolved_late", "tthc.pending_total", "tthc.pending_in_time",
                "tthc.pending_overdue", "tthc.on_time_rate_stated", "tthc.late_rate_stated",
                "tthc.resolved_share_stated")
#: Right after a pending count: "đang giải quyết trong hạn" is the part in time.
PENDING_IN_TIME_AFTER = (r"\s*(?:ho so|hs)?\s*(?:dang|con dang)\s+(?:giai quyet|xu ly)\s+"
                         r"(?:trong han|chua den han|con han)\b")

RELABEL_IN_SENTENCE: list[tuple[str, str, str, str]] = [
    # "đã công bố, công khai 2.156 thủ tục": procedures announced, not all procedures (round 5)
    ("proc.total", "catalog.announced", r"\bcong bo\b(?:, cong khai)?\s*$", r"(?!)"),
    # "đã giải quyết 38 đơn thuộc thẩm quyền": resolved, not received within competence
    ("pet.within_competence", "pet.resolved",
     r"\b(?<!tiep nhan )(?<!thu ly )(?<!tham quyen )giai quyet(?: duoc| xong)?\s*$",
     r"\b(thu ly|tiep nhan)\s+giai quyet\s*$"),
    ("insp.recovered", "insp.recovery_recommended", r"\b(kien nghi|de nghi)\b",
     r"\b(da|hien|den nay|hien nay)\b"),
    # "đã thu hồi tài sản tham nhũng với số tiền hơn 29,4 tỷ đồng": assets recovered, not the
    # corruption money found
    ("ac.money", "ac.assets_recovered", r"\bthu hoi( duoc)? tai san\b[^.;]{0,80}$",
     r"\bkien nghi\b"),
]

#: A topic named in a sentence turns the inspection counts after it into that topic's codes:
#: "… thanh tra, kiểm tra chuyên ngành, ban hành 6 kết luận" (specialised conclusions).
TOPICS: list[tuple[str, dict[str, str]]] = [
    (r"\b(thanh tra|kiem tra)( va kiem tra|, kiem tra)? chuyen nganh\b",
     {"insp.total": "inspx.specialised", "insp.conclusions": "inspx.specialised_conclusions"}),
    (r"\b(thanh tra|kiem tra)(, kiem tra| va kiem tra)? trach nhiem\b",
     {"insp.total": "inspx.responsibility", "insp.conclusions": "inspx.responsibility_conclusions",
      "inspx.specialised": "inspx.responsibility"}),
    # inspections of how units lead citizen reception, complaints or anti-corruption are
    # responsibility inspections, named or not (round 5)
    (r"\b(thanh tra|kiem tra)\b[^.;]{0,60}\b(trong|ve) (cong tac|viec) (lanh dao, chi dao "
     r"(viec )?)?(tiep cong dan|giai quyet khieu nai|phong, chong tham nhung)\b",
     {"insp.total": "inspx.responsibility",
      "insp.conclusions": "inspx.responsibility_conclusions"}),
]

#: An early count stated on its own in a sentence (folded): "trước hạn 120", "trả trước thời
#: hạn 22.357 hồ sơ", "120 hồ sơ sớm hạn"; not "trước hạn và đúng hạn 300" (both together).
#: When it is there, "đúng hạn N" in the same sentence is on time only, never early or on time.
EARLY_STATED = (r"(?<!dung va )(?<!dung han va )(?<!dung han, )(?<!dung hoac )(?<!dung han hoac )"
                r"\b(truoc|som) (thoi )?han(?! (va|,|hoac) (dung|truoc))\W{0,3}"
                r"(la |dat |co )?\d|\d[\d.,]*\s*(ho so|hs)?\s*(duoc )?(giai quyet |tra ket qua )?"
                r"(?<!dung va )(truoc|som) (thoi )?han(?! (va|,|hoac) (dung|truoc))")

#: The rate a count's own percentage gives, when the percentage follows the count
#: ("4.186 hồ sơ … trước và đúng hạn, đạt 99,3%", "39.870 hồ sơ trực tuyến, chiếm 82,69%").
RATE_OF: dict[str, str] = {
    "tthc.resolved_early_on_time": "tthc.on_time_rate_stated",
    "tthc.received_online": "tthc.online_share_stated",
    "tthc.resolved_early": "tthc.early_rate_stated",
    "tthc.resolved_on_time": "tthc.on_time_only_rate_stated",
    "tthc.resolved_late": "tthc.late_rate_stated",
    "tthc.returned_withdrawn": "tthc.returned_rate_stated",
    "tthc.resolved_total": "tthc.resolved_share_stated",
    "catalog.online": "catalog.online_share_stated",
    "pakn.processed": "pakn.processed_rate_stated",
}
#: A rate listed after another for another level or field ("… của cấp huyện đạt 98,5%, cấp xã
#: đạt 99,1%"): the same indicator, its own level.
RATE_CONTINUES = (r"\s*[,;]\s*(?:va\s+|con\s+|rieng\s+)?(?:cap (?:tinh|huyen|xa)|linh vuc "
                  r"[^\d,;.%]{1,30}?)\s+(?:dat|la|chiem)\s*:?\s*")
#: What may stand between a count and its own rate.
#: ("còn 5.685 hồ sơ quá hạn, tỷ lệ 1,7%": "tỷ lệ" right after the comma is that count's too)
RATE_AFTER_COUNT = (r"[^\d.;%]{0,70}?(?:(?:,|\(|-|;)?\s*(?:dat|chiem|bang)(?:\s+den)?"
                    r"(?:\s+ty\s+le)?|(?:,|\()\s*ty\s+le)(?:\s+la)?\s*:?\s*$")

#: Composite indices by their names (folded) → the prefix of their codes.  A score read by
#: :data:`OWN_SCORE` takes the index named last before it in its sentence, else the one index
#: its paragraph names before it; with none or several, it is left unclassified.
INDEX_NAMES = {
    r"\bpapi\b|hieu qua quan tri va hanh chinh cong": "idx.papi",
    r"\bpar index\b|chi so cai cach hanh chinh": "idx.par",
    r"\bsipas\b|chi so hai long": "idx.sipas",
    r"\bpci\b|nang luc canh tranh": "idx.pci",
    r"\bbo chi so (766|phuc vu)|\bchi so 766\b|chi so phuc vu nguoi dan": "idx.dvc",
}

#: The eight PAPI dimensions, as fields of ``idx.papi_dimension`` (folded name → field).
PAPI_DIMENSIONS = {
    r"tham gia cua nguoi dan (?:o )?(?:cap )?co so": "Tham gia của người dân ở cơ sở",
    r"cong khai,? minh bach": "Công khai, minh bạch",
    r"trach nhiem giai trinh": "Trách nhiệm giải trình với người dân",
    r"kiem soat tham nhung": "Kiểm soát tham nhũng trong khu vực công",
    r"thu tuc hanh chinh cong": "Thủ tục hành chính công",
    r"cung ung dich vu cong": "Cung ứng dịch vụ công",
    r"quan tri moi truong": "Quản trị môi trường",
    r"quan tri dien tu": "Quản trị điện tử",
}

#: Tables rendered as text ("Mức độ Tổng Đã xử lý … / Mức 3 68544 61827 …"): the words of a
#: header line and the indicator of their column (folded; longest first when matched).  A
#: header is a line of these words (its first words may name the row labels); a second line
#: of "Tổng % Tổng %" / "TTHC %" says which columns hold a count and a rate.  Rows are lines
#: ending in as many numbers as the header has columns.
TABLE_COLUMNS: dict[str, str] = {
    "tong so ho so": "tthc.files_total", "tong so": "tthc.files_total", "tong": "tthc.files_total",
    "tiep nhan": "tthc.files_total", "so ho so tiep nhan": "tthc.files_total",
    "tiep nhan moi": "tthc.received_in_period", "tiep nhan trong ky": "tthc.received_in_period",
    "ky truoc chuyen sang": "tthc.carried_over", "ton ky truoc": "tthc.carried_over",
    "truc tuyen": "tthc.received_online", "truc tiep": "tthc.received_offline",
    "da xu ly": "tthc.resolved_total", "da giai quyet": "tthc.resolved_total",
    "chua xu ly": "tthc.pending_total", "dang xu ly": "tthc.pending_total",
    "dang giai quyet": "tthc.pending_total", "chua giai quyet": "tthc.pending_total",
    "truoc han": "tthc.resolved_early", "som han": "tthc.resolved_early",
    "dung han": "tthc.resolved_on_time", "tre han": "tthc.resolved_late",
    "qua han": "tthc.resolved_late", "tra lai": "tthc.returned_withdrawn",
}
#: Column groups of a table header that name a field ("Mức độ 1 … Mức độ 4", "Cấp tỉnh").
TABLE_GROUP = r"(muc do \d(?:,\s*\d)?|muc \d(?:,\s*\d)?|cap (?:tinh|huyen|xa))"
#: Words of the second header line: a count or a rate.
TABLE_SUB = {"tong": "count", "so luong": "count", "tthc": "count", "ho so": "count",
             "thu tuc": "count", "so": "count", "%": "rate", "ty le": "rate"}
#: Row labels that name what a table's counts are when its columns are groups.
TABLE_ROWS = {r"(cung cap|cung ung)?\s*(dich vu cong )?truc tuyen": "catalog.online"}
#: Words that may head the row-label column of a table.
TABLE_LABEL_HEAD = r"^\s*(stt|tt|muc do|muc|cap|don vi|linh vuc|noi dung|chi tieu|co quan)\b"
#: A field (lĩnh vực) named before its figures: "lĩnh vực đất đai tiếp nhận …".
#: ("đạt" folds like "đất": only "đạt" before a rate ends a name, "… quyền sử dụng đất" stays.)
#: "các lĩnh vực …" lists the topics of inspections, not one field.
FIELD_RE = (r"(?<!cac )(?<!nhung )\blinh vuc ([^\d,.;:()]{2,60}?)(?=\s*[:,;(]"
            r"|\s+(tiep nhan|giai quyet|co|la|da|voi|chiem|nhan)\b|\s+dat\s+(ty le|\d)|\s+\d)")
#: A paragraph opening on its field, up to its verb, on the text as written, lower case
#: ("Lĩnh vực tài chính, ngân sách, đã thực hiện 190 cuộc" → "tài chính, ngân sách"; the
#: commas go and a leading "quản lý" too: "Tài chính ngân sách", "Đất đai").
FIELD_OPENING = (r"^\W*lĩnh vực ((?:(?!\b(?:đã|thực hiện|tiến hành|triển khai|có|là)\b)"
                 r"[^\d.;:()])+?)\s*,?\s+(?:[^\W\d]+\s+){0,3}?(?:cũng\s+)?(?:đã\s+)?"
                 r"(?:thực hiện|tiến hành|triển khai)\b")
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
        ("tthc.resolved_total", "tthc.files_due")),
    "tthc.online_share_stated": (
        ("tthc.received_online",),
        ("tthc.received_in_period", "tthc.received_online+tthc.received_offline",
         "tthc.files_total")),
    "tthc.early_rate_stated": (("tthc.resolved_early",), ("tthc.resolved_total",)),
    "tthc.on_time_only_rate_stated": (("tthc.resolved_on_time",), ("tthc.resolved_total",)),
    "tthc.late_rate_stated": (("tthc.resolved_late",), ("tthc.resolved_total", "tthc.files_due")),
    "tthc.returned_rate_stated": (("tthc.returned_withdrawn",),
                                  ("tthc.files_total", "tthc.received_in_period")),
    "tthc.resolved_share_stated": (("tthc.resolved_total",),
                                   ("tthc.files_total", "tthc.received_in_period")),
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
               r"Ủy ban nhân dân|Thanh tra|Sở [A-ZĐ][^\s,.;:]*(?: [^\s,.;:]+){0,6}?)\s+"
               r"(?:tỉnh|huyện|thành phố|thị xã|xã)\s+(?:[A-ZĐ][^\s,.;:()]*\s?){1,3}")
#: Where a unit's name stops: a title or a family name starts a person's name ("Thanh tra
#: tỉnh Hưng Yên Nguyễn Văn A", "… tỉnh Bắc Ninh Chánh Thanh tra …").
PERSON_START = (r"(?:Chánh|Phó|Giám|Chủ|Ông|Bà|Đồng|Nguyễn|Trần|Lê|Phạm|Hoàng|Huỳnh|Phan|Vũ|Võ|"
                r"Đặng|Bùi|Đỗ|Hồ|Ngô|Dương|Lý|Đinh|Đào|Lương|Trịnh|Mai|Cao|Tạ|Lâm)\b")
#: A paragraph that is a picture's caption ("… Ảnh tư liệu", "Ảnh: HYO") names no author.
CAPTION = r"(?:\banh(?: minh hoa| tu lieu| nguon)?\s*:?\s*[^.]{0,40}\.?\s*$|^\W*anh\s*:)"
#: Units named in a list ("Sở Tài chính, Sở Nội vụ, …") are not the report's author.
UNIT_LIST = r"^\s*(?:,|và)\s*(?:Sở|UBND|Ủy ban|Ban|Phòng|Văn phòng|Thanh tra|Trung tâm)\b"
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
