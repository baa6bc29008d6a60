"""What a figure means, checked in one place before it is emitted (issue 18).

The patterns of :mod:`papi_analysis.prose.patterns` propose a code for a number; the context
rules of :mod:`papi_analysis.prose.extraction` may change it.  Before a figure is emitted
under a code, :func:`check` asks whether the sentence supports that code:

- **the counted noun** after the number agrees with the code's unit (:data:`NOUN_UNITS`:
  "307 PAKN" are feedback items, never TTHC files; "1.788 lượt người" are persons or visits,
  never files);
- **the status words** agree with the code (:data:`STATUS`): the nearest status before the
  number in its clause ("đang giải quyết … đã quá hạn" is pending, so never a resolved code;
  "kỳ trước chuyển sang" is carried over, so never received-in-period);
- **the subject** is the report's unit: a paragraph about the whole country (it opens on
  "cả nước", "toàn quốc", "Thanh tra Chính phủ …") in a report that then turns to its own
  unit ("Tại Nghệ An, …") gives the nation's figures, not the report's (:data:`NATIONAL`,
  :data:`LOCAL_SWITCH`);
- (round 7) **positive evidence for a scope**: a qualifier around the number (online, within
  competence, through reception, specialised, a plan …) admits only the codes that mean that
  scope (:data:`SCOPE_QUALIFIERS`); a bare number counts the noun heading its clause
  (:data:`NOUNS_BEFORE`); a part set apart or a group of units without a field is not the
  whole (:data:`PART_APART`, :data:`GROUP_SUBJECT`).

A figure that fails is not emitted: it becomes a *số liệu chưa phân loại* (unclassified
figure), kept with its sentence and the reason on the review page; one line in
``corrections.csv`` gives it a code (see :mod:`papi_analysis.intake.corrections`).  Nothing
here holds a phrase that reads a number: only what a phrase's words mean.
"""

from __future__ import annotations

import re

from ..model import indicators

#: Counted nouns (folded, longest first when matched) and the catalogue units they allow.
#: A noun not listed says nothing (the pattern's own words decide).  Extends
#: :data:`papi_analysis.prose.patterns.NOUNS`, which chooses among a slot's codes.
NOUN_UNITS: dict[str, tuple[str, ...]] = {
    "phan anh, kien nghi": ("feedback",), "phan anh kien nghi": ("feedback",),
    "pakn": ("feedback",), "phan anh": ("feedback",), "kien nghi": ("feedback",),
    "luot thong tin": ("contacts",), "luot lien he": ("contacts",), "luot goi": ("contacts",),
    "cuoc goi": ("contacts",),
    "luot nguoi": ("persons", "sessions"), "luot cong dan": ("sessions", "persons"),
    "luot": ("sessions", "persons", "contacts"),
    "luot doan": ("sessions",), "doan cong dan": ("sessions",),
    "ho so": ("files",), "hs": ("files",),
    "don": ("petitions",), "don thu": ("petitions",),
    # complaints resolved are counted in cases or in their petitions ("giải quyết 274 đơn khiếu
    # nại"): both units
    "don khieu nai": ("petitions", "cases"), "don to cao": ("petitions", "cases"),
    "vu viec": ("cases",), "vu an": ("cases",), "vu": ("cases",),
    "bi can": ("persons",), "bi cao": ("persons",),
    "cuoc": ("inspections", "sessions"), "doan": ("sessions", "inspections"),
    "co quan, don vi": ("entities", "units"), "don vi": ("entities", "units"),
    "dia phuong, don vi": ("entities", "units"),
    # counted things no code of the catalogue counts
    # online public services are counted as the procedures they serve
    "dich vu cong truc tuyen": ("procedures",), "dvctt": ("procedures",),
    "dia phuong": (), "quay": (), "dich vu": (), "chi so": (),
}
_NOUNS = sorted(NOUN_UNITS, key=len, reverse=True)
_NOUN_AT = re.compile(r"\s*(?:" + "|".join(re.escape(n) for n in _NOUNS) + r")(?![\w])")

#: Status words (folded) by family: the handling status of a file, petition or case, and the
#: stage of criminal proceedings.  The word of a family nearest before a number in its clause
#: must agree with the code's status in that family (:data:`STATUS`); a clause that states
#: none is not checked.
STATUS_WORDS: dict[str, dict[str, str]] = {
    "handling": {
        "pending": r"\b(dang (giai quyet|xu ly|duoc (giai quyet|xu ly|nghien cuu))"
                   r"|chua giai quyet|con ton)\b",
        "resolved": r"\b(da (giai quyet|xu ly|tra loi|tra ket qua)|giai quyet xong)\b",
        "carried": r"\b(ky truoc chuyen (sang|qua)|tu (ky|nam|quy|thang) truoc chuyen"
                   r"|chuyen tu ky truoc)\b",
        "new": r"\b(tiep nhan moi|moi phat sinh|trong ky tiep nhan|phat sinh moi)\b",
    },
    # round 7: recommended (by an inspection, a resolution) vs done
    "proposal": {
        "recommended": r"\b(kien nghi|de nghi|de xuat)\b(?! (truy to|khoi to))",
        "done": r"\b(da (thu hoi|nop|ky luat|xu ly ky luat|thi hanh)|thu hoi duoc"
                r"|da duoc thu hoi)\b",
    },
    "stage": {
        "initiated": r"\bkhoi to\b",
        "prosecuted": r"\b(truy to|de nghi truy to)\b",
        "tried": r"\b(xet xu|dua ra xet xu)\b",
        "accepted": r"\bthu ly\b",
    },
}
#: The status of a code in each family (codes not listed are not checked).
STATUS: dict[str, dict[str, str]] = {
    "handling": {
        "tthc.resolved_total": "resolved", "tthc.resolved_early": "resolved",
        "tthc.resolved_on_time": "resolved", "tthc.resolved_late": "resolved",
        "tthc.resolved_early_on_time": "resolved",
        "tthc.pending_total": "pending", "tthc.pending_in_time": "pending",
        "tthc.pending_overdue": "pending",
        "tthc.received_in_period": "new", "tthc.carried_over": "carried",
        # round 7: files received by a channel, and all files to handle, are never files
        # resolved or pending ("Đã giải quyết 3.400 hồ sơ nộp trực tuyến")
        "tthc.received_online": "new", "tthc.received_offline": "new",
        "tthc.received_postal": "new", "tthc.files_total": "new",
        "pet.resolved": "resolved", "pet.in_progress": "pending", "pet.carried_over": "carried",
        "pet.received": "new", "pet.complaints": "new", "pet.denunciations": "new",
        "pet.proposals": "new",
        "kntcx.resolved": "resolved", "kntcx.pending": "pending",
        "kntcx.complaints_pending": "pending", "kntcx.denunciations_pending": "pending",
        "kntc.complaints_resolved": "resolved", "kntc.denunciations_resolved": "resolved",
        "insp.carried_over": "carried", "insp.started": "new",
        "pakn.processed": "resolved", "pakn.pending": "pending",
    },
    "proposal": {
        "insp.recovered": "done", "insp.recovery_recommended": "recommended",
        "inspx.land_recovery_recommended": "recommended", "sanc.fines_paid": "done",
        "disc.reprimand_individuals": "done", "disc.reprimand_collectives": "done",
        "disc.warning_individuals": "done", "disc.warning_collectives": "done",
        "disc.dismissal": "done", "disc.expulsion": "done",
    },
    "stage": {
        "crim.cases_initiated": "initiated", "crim.defendants": "initiated",
        "crim.proposed_prosecution": "prosecuted", "crim.cases_prosecuted": "prosecuted",
        "crim.defendants_prosecuted": "prosecuted", "crim.cases_tried": "tried",
        "crim.defendants_tried": "tried", "crim.cases_accepted": "accepted",
    },
}
_STATUS_VI = {"pending": "đang giải quyết", "resolved": "đã giải quyết",
              "carried": "kỳ trước chuyển sang", "new": "tiếp nhận mới", "initiated": "khởi tố",
              "prosecuted": "truy tố", "tried": "xét xử", "accepted": "thụ lý",
              "recommended": "kiến nghị", "done": "đã thực hiện"}
_STATUS_RX = {fam: {k: re.compile(v) for k, v in words.items()}
              for fam, words in STATUS_WORDS.items()}
#: Where a number's clause starts, looking back: a stop, a semicolon, a comma, "trong đó",
#: "còn (lại)", "và".
_CLAUSE_START = re.compile(r"[.;:]\s|\btrong do\b|\bcon lai\b|\bcon\b|\bva\b|,")

#: Codes that need a word in their sentence to mean what they say (folded): an attendee is
#: one of an outreach event; an eligible petition is one "đủ điều kiện"; a code of overall
#: TTHC handling is not one of online files only (:data:`UNLESS`).
REQUIRES: dict[str, str] = {
    "ac.outreach_attendees": r"\b(tuyen truyen|pho bien|quan triet|hoi nghi|tap huan|lop|buoi"
                             r"|hoc tap|boi duong)\b",
    "pet.eligible": r"\bdu dieu kien\b",
}
#: Codes whose clause before the number must not hold these words.
UNLESS: dict[str, str] = {
    # a rate whose own words name another rate ("đã giải quyết 900 hồ sơ, đúng hạn đạt 99%")
    "tthc.resolved_share_stated": r"\b(dung han|truoc han|tre han|qua han|truc tuyen)\b",
    "tthc.pending_total": r"\b(qua han|tre han)\b",
    "tthc.pending_in_time": r"\b(qua han|tre han)\b",
    "tthc.on_time_rate_stated": r"\b(ho so )?(truc tuyen|dich vu cong truc tuyen)\b",
    "insp.violation_land": r"\bkien nghi thu hoi\b",
    "insp.violation_money": r"\bkien nghi thu hoi\b(?!.*\bphat hien\b)",
}
# land or money of violations needs a violation named in the sentence: "chuyển đổi hơn
# 86.500 m² đất" in a petition is no land found in violation
# (or land recommended for handling after an inspection: "kiến nghị xử lý 77.773m2 đất")
REQUIRES["insp.violation_land"] = (r"\b(vi pham|sai pham|lan chiem|sai (muc dich|quy dinh)"
                                   r"|(kien nghi|de nghi) xu ly|thanh tra|kiem tra)\b")
# a channel, a recovery or a count of inspections needs its own words: a self-check ("kiểm
# tra") finds no corruption case "by inspection"; money a check recovered is no corruption asset
REQUIRES["acx.cases_by_inspection"] = r"\bthanh tra\b"
REQUIRES["ac.assets_recovered"] = r"\b(tham nhung|tai san)\b"
REQUIRES["inspx.subjects"] = r"\bthanh tra\b"
# petitions forwarded to another body are not resolved; assets recovered are no corruption
# money found ("thu hồi tài sản tham nhũng … 29,4 tỷ đồng")
UNLESS["pet.resolved"] = r"\bchuyen\b"
UNLESS["ac.money"] = r"\b(thu hoi|nop lai|qua tang|tang qua|thi hanh)\b"
# petitions "không đủ điều kiện xử lý" are the ineligible ones
UNLESS["pet.eligible"] = r"\b(khong|chua) du dieu kien\b"
# a count "thuộc / không thuộc thẩm quyền giải quyết N" names competence, not a resolution
for _code in ("tthc.resolved_total", "pet.resolved", "kntcx.resolved",
              "kntc.complaints_resolved", "kntc.denunciations_resolved"):
    UNLESS[_code] = r"\btham quyen( giai quyet)?\s*(la\s*)?$"
# "tổng số tiền vi phạm đã nộp ngân sách": money of violations paid back, not fines
UNLESS["sanc.fines_paid"] = r"\btien vi pham\b"
# money "involved in corruption" needs corruption in its sentence: violations found by an
# inspection ("phát hiện nhiều sai phạm, với tổng giá trị gần 6 tỷ đồng") are not (round 4);
# gifts handed back and judgments enforced are not either (UNLESS below)
REQUIRES["ac.money"] = r"\btham nhung\b"
#: Files late to be received are no count of files received (round 5: "số chậm được tiếp
#: nhận 188 hồ sơ").
for _code in ("tthc.files_total", "tthc.received_in_period", "tthc.received_online"):
    UNLESS[_code] = r"\bcham (duoc )?tiep nhan\b"
#: Procedures are counted, never handled: "thủ tục … đã giải quyết 1.200" counts files
#: (round 7).
UNLESS["proc.total"] = r"\b(da|duoc|dang) (giai quyet|xu ly|tiep nhan|tra ket qua)\b"
_REQUIRES = {k: re.compile(v) for k, v in REQUIRES.items()}
_UNLESS = {k: re.compile(v) for k, v in UNLESS.items()}
#: Codes whose UNLESS words count anywhere before the number in its sentence (not only in its
#: clause): "14 trường hợp nộp lại quà tặng, với tổng số tiền hơn 260 triệu đồng".
SENTENCE_WIDE = ("ac.money",)

#: Words before a number, in its clause, that make it the nation's or a benchmark's figure.
NATIONAL_CLAUSE = (r"\b(cua ca nuoc|cua toan quoc|(ca nuoc|toan quoc) (chi )?(dat|la|co)"
                   r"|trung binh chung|binh quan chung|trung vi|muc trung binh)\b")
_NATIONAL_CLAUSE = re.compile(NATIONAL_CLAUSE)
#: A benchmark named anywhere before the number in its sentence ("Bình quân chung cả nước,
#: Chỉ số PAR INDEX đạt 86,98%").
BENCHMARK = (r"\b(binh quan chung|trung binh chung|trung vi|(binh quan|trung binh) (cua )?"
             r"(ca nuoc|toan quoc|cac tinh))\b")
_BENCHMARK = re.compile(BENCHMARK)

#: A sentence that opens on the whole country (folded): its paragraph, and the paragraphs
#: after it up to a :data:`LOCAL_SWITCH`, give the nation's figures.
NATIONAL = (r"^\W*(?:(?:trong |qua )?(?:(?:\d+|sau|chin) thang|nam \d{4}|quy [ivx]+)[^,.;]{0,30},"
            r"\s*)?(?:[^\W\d]+\s+){0,4}?(?:(?<!so voi )(?<!hon )(?<!cua )"
            r"(?:ca nuoc|toan quoc|tren pham vi ca nuoc)|thanh tra chinh phu)\b")
#: A sentence that turns to a named place or the report's own unit ("Tại Nghệ An, …",
#: "Riêng tỉnh …", "Trên địa bàn tỉnh, …"): the opening words (folded), then a capital or a
#: level word in the paragraph as written.
LOCAL_SWITCH = r"^\W*(tai|o|rieng|doi voi|tren dia ban) "
_NATIONAL = re.compile(NATIONAL)
_LOCAL = re.compile(LOCAL_SWITCH)
_PLACE = re.compile(r"(?:tỉnh|thành phố|huyện|[A-ZĐÀ-Ỹ])")


#: A sentence about following up conclusions issued before ("đôn đốc việc thực hiện 24 kết
#: luận … với tổng số tiền sai phạm …"): the money it names is the old conclusions', not
#: violations found in the period.
FOLLOW_UP = r"\b(don doc|kiem tra)(, don doc)? (viec )?thuc hien\b(?:(?!\.\s).){0,60}\bket luan"
FOLLOW_UP_CODES = ("insp.violation_money", "insp.violation_land", "insp.recovery_recommended")
_FOLLOW_UP = re.compile(FOLLOW_UP)


#: A zero in words whose clause opens on a system, portal or hotline states what that system
#: takes, not a count ("Hệ thống không tiếp nhận đơn thư khiếu nại, tố cáo").
SCOPE_STATEMENT = (r"\b(he thong|cong thong tin|cong dich vu cong|tong dai|duong day nong)\b"
                   r"[^.;,]{0,30}$")
_SCOPE = re.compile(SCOPE_STATEMENT)
#: Words after a number that say whose it is when the code says otherwise: (codes, words in
#: the rest of the sentence).  Persons who took part in a survey are no outreach attendees.
NOT_THIS: list[tuple[tuple[str, ...], str]] = [
    (("ac.outreach_attendees", "recep.persons"), r"\b(khao sat|lua chon ngau nhien|phong van)\b"),
    # feedback another body forwarded: the receiving bodies', not received from citizens
    (("pakn.received",), r"^[^.;]{0,80}\bdo [^.;]{0,60}\bchuyen\b"),
    # "5 vụ án/20 bị can thuộc diện Ban Chỉ đạo theo dõi": cases monitored by a steering
    # committee (see SENTENCE_UNLESS)
    (("crim.",), r"^[^.;]{0,40}\b(thuoc dien|do) ban chi dao\b[^.;]{0,40}\btheo doi\b"),
    # "247 đơn vị được thanh tra có vi phạm": the units found in violation, not all inspected
    (("inspx.subjects",), r"^[^.;,]{0,40}\bco (vi pham|sai pham)\b"),
]
# a stage right after the count, in its clause ("17 vụ với 21 bị can đã thụ lý và 10 vụ với 10
# bị can đã đề nghị truy tố"): cases accepted or proposed, not initiated or prosecuted (round 5)
_CRIM = ("crim.cases_initiated", "crim.defendants", "crim.cases_prosecuted",
         "crim.defendants_prosecuted", "crim.cases_tried", "crim.defendants_tried")
NOT_THIS.append((_CRIM + ("crim.proposed_prosecution",),
                 r"^(?:(?!\bva\b)[^.;,]){0,40}\bda (duoc )?thu ly\b"))
NOT_THIS.append((_CRIM + ("crim.cases_accepted",),
                 r"^(?:(?!\bva\b)[^.;,]){0,40}\bda (de nghi|kien nghi) truy to\b"))
# procedures "được tích hợp / công bố / công khai": a stage of the catalogue, not all procedures
NOT_THIS.append((("proc.total",), r"^\s*(thu tuc|tthc)[^.;,]{0,30}\b(duoc|da duoc) (tich hop|cong "
                 r"bo|cong khai)\b"))
_NOT_THIS = [(codes, re.compile(rx)) for codes, rx in NOT_THIS]
#: Money recovered "(… và đôn đốc thu hồi sai phạm các năm trước chuyển sang …)" right after
#: the amount: it includes the follow-up of earlier years, not the period's own (round 5).
EARLIER_YEARS = r"[^.;(]{0,20}\([^)]*\b(cac nam truoc|nam truoc|ky truoc|tu nam \d{4})\b"
_EARLIER_YEARS = re.compile(EARLIER_YEARS)

#: Words before a number in its part of the sentence (back to a semicolon or the sentence's
#: start) that make it another thing than its code: (codes, words, reason).
#: - money or land "with" cases transferred to investigators is those cases', not the
#:   violations found by inspection ("chuyển cơ quan điều tra 5 vụ với số tiền 6,1 tỷ đồng");
#: - reviews ("kiểm điểm") recommended, or done to carry out recommendations, are not the
#:   period's disciplinary reviews; a discipline count after "kiến nghị" in its part, with no
#:   "đã" / "kết quả" between, is recommended handling, not discipline done.
SEGMENT_UNLESS: list[tuple[tuple[str, ...], str, str]] = [
    (("insp.violation_money", "insp.violation_land", "insp.recovery_recommended",
      "insp.recovered"),
     r"\bchuyen\b[^;]{0,60}\bdieu tra\b(?:(?!, )[^;]){0,60}\b(voi|lien quan|gay thiet hai|"
     r"thiet hai)\b(?:(?!, )[^;])*$",
     "số liệu của các vụ chuyển cơ quan điều tra / money or land of the cases transferred to "
     "investigators"),
    (("disc.review_individuals", "disc.review_collectives"),
     r"\b(kien nghi|de nghi)\s+(xem xet\s+)?(to chuc\s+)?kiem diem\b",
     "kiểm điểm được kiến nghị, chưa thực hiện / reviews recommended, not done"),
    # "kiến nghị kiểm điểm (rút kinh nghiệm / trách nhiệm) N tập thể": a review, not
    # administrative handling (round 4)
    (("insp.handling_collectives", "insp.handling_individuals"),
     r"\bkiem diem\b(?:(?!\bxu ly\b)[^;])*$",
     "kiểm điểm được kiến nghị, không phải xử lý hành chính / a review recommended, not "
     "administrative handling"),
    # "xuất toán, loại khỏi giá trị quyết toán và đề nghị … xem xét, xử lý 3,4 nghìn tỷ": one
    # sum of two kinds (round 4)
    (("inspx.written_off_money",),
     r"\bxuat toan\b[^;]{0,80}\bva (de nghi|kien nghi)\b[^;]*$",
     "tổng của hai loại (xuất toán và đề nghị xử lý) / one sum of two kinds"),
    # persons drawn by lot or selected to be verified are not yet verified
    (("ac.declarations_verified",),
     r"\b(boc tham|lua chon|ngau nhien|ke hoach|du kien)\b[^;]{0,80}$",
     "người được chọn để xác minh, chưa xác minh / persons selected for verification, not "
     "verified yet"),
    (("disc.total", "disc.review_individuals", "disc.review_collectives"),
     r"\b(kien nghi|de nghi)\b(?:(?!\b(da|ket qua)\b)[^;])*$",
     "xử lý được kiến nghị, chưa thực hiện / handling recommended, not done"),
]
# a clause whose subject is "các địa phương" (the provinces, or the districts, together) gives
# a sum of units, not the report's whole (round 5: "Năm 2023, các địa phương đã khởi tố mới 839
# vụ án … với 2.276 bị can" in a national report)
SEGMENT_UNLESS.append(
    (("*",), r"(?:^|[,;:]\s|\bnam \d{4},?\s)\W*(?:trong do,?\s*)?cac dia phuong\s+(?:da|cung|co"
     r"|tiep nhan|khoi to|phat hien)\b(?:(?!\b(?:toan tinh|ca nuoc|toan quoc)\b)[^;])*$",
     "số liệu của các địa phương cộng lại, không phải của toàn bộ đơn vị báo cáo / a sum of "
     "the local units' figures, not the report's whole"))
# "đề nghị truy tố 10 vụ": proposed for prosecution, not prosecuted (round 5)
SEGMENT_UNLESS.append(
    (("crim.cases_prosecuted", "crim.defendants_prosecuted"),
     r"\b(de nghi|kien nghi) truy to\b(?:(?!\bda truy to\b)[^;])*$",
     "đề nghị truy tố, chưa truy tố / proposed for prosecution, not prosecuted"))
_SEGMENT_UNLESS = [(codes, re.compile(rx), why) for codes, rx, why in SEGMENT_UNLESS]
#: Words anywhere before a number in its sentence that make it another thing: reviews done
#: to carry out recommendations (follow-up), cases monitored by a steering committee (a
#: subset of the criminal proceedings, not the unit's own).
SENTENCE_UNLESS: list[tuple[tuple[str, ...], str, str]] = [
    (("disc.review_individuals", "disc.review_collectives"),
     r"\bthuc hien (cac |viec )?kien nghi\b",
     "kiểm điểm khi thực hiện kiến nghị / reviews in the follow-up of recommendations"),
    (("crim.",),
     r"\b(thuoc dien|do) ban chi dao\b[^.]{0,80}\btheo doi\b",
     "vụ án thuộc diện Ban Chỉ đạo theo dõi / cases monitored by the steering committee"),
]
# matters sorted "qua tiếp dân" (through citizen reception) include proposals and feedback:
# not petitions or complaints by kind (round 5: "Kết quả phân loại, xử lý qua tiếp dân: …
# tiếp nhận giải quyết 660 vụ việc")
SENTENCE_UNLESS.append(
    (("kntc.", "kntcx.", "pet."), r"\b(phan loai|xu ly)(, (phan loai|xu ly))? (don )?qua tiep "
     r"(cong )?dan\b", "vụ việc qua tiếp công dân (cả kiến nghị, phản ánh), không phải đơn "
     "khiếu nại, tố cáo theo loại / matters through citizen reception, not petitions by kind"))
_SENTENCE_UNLESS = [(codes, re.compile(rx), why) for codes, rx, why in SENTENCE_UNLESS]


#: A detection channel right after a count of corruption cases ("không phát hiện vụ việc tham
#: nhũng nào qua công tác giám sát, kiểm tra và tự kiểm tra nội bộ"): that channel's count.
CHANNEL_AFTER = (r"\s*(?:(?:vu viec|vu)\s+)?(?:tham nhung\s+)?(?:nao\s+)?"
                 r"(?:duoc phat hien\s+)?qua (?:cong tac\s+)?(?:giam sat|kiem tra|"
                 r"tu kiem tra|thanh tra|giai quyet (?:don|khieu nai)|to giac)\b")
_CHANNEL_AFTER = re.compile(CHANNEL_AFTER)


#: Round 7, positive evidence for a scope: a qualifier in the number's clause (back to a comma,
#: "và", "trong đó" or a stop, asides in brackets left out) or right after its counted noun
#: (up to a comma or a bracket) narrows what is counted to one channel, one competence, one
#: route, one kind of inspection or a plan.  Only a code that itself means that scope may take
#: the number; every other code is refused, whatever the wording around it: (name, words,
#: words that make the qualifier no narrowing, codes allowed, reason).
SCOPE_QUALIFIERS: list[tuple[str, str, str, tuple[str, ...], str]] = [
    ("online", r"\b(truc tuyen|qua mang|toan trinh|qua (cong )?dich vu cong|dvctt|dvc)\b",
     r"\b(truc tiep|buu chinh|buu dien|ca hai|khong qua mang)\b",
     ("tthc.received_online", "tthc.online_share_stated", "proc.", "catalog.", "egov.",
      "pakn.", "idx."),
     "số liệu của riêng hồ sơ / dịch vụ trực tuyến, chỉ tiêu là toàn bộ / a figure of online "
     "files or services only, the code means all"),
    ("competence", r"\b(khong )?thuoc (tham quyen|dien)\b", r"^$",
     ("pet.competence_", "pet.within_competence", "pet.outside_competence", "pet.guided",
      "pet.transferred", "pet.urged", "pet.resolved", "pet.eligible", "kntcx.", "kntc.",
      "recep.", "tthc.", "proc.", "catalog.", "idx.", "ac.declarations_required"),
     "số liệu trong (ngoài) một thẩm quyền, chỉ tiêu là toàn bộ / a figure within (outside) "
     "one competence, the code means all"),
    ("reception", r"\bqua (cong tac |viec )?tiep (cong )?dan\b", r"^$", ("recep.", "recepx."),
     "số liệu qua tiếp công dân, không phải toàn bộ / a figure through citizen reception, not "
     "all"),
    ("resolution", r"\bqua (cong tac |viec )?giai quyet (don|khieu nai|to cao)\b", r"^$",
     ("kntcx.", "kntc.", "acx.cases_by_"),
     "số liệu qua giải quyết khiếu nại, tố cáo, không phải toàn bộ / a figure through the "
     "resolution of complaints, not all"),
    ("monitoring", r"\bqua (cong tac |viec )?(giam sat|tu kiem tra|kiem tra noi bo|to giac)\b",
     r"^$", ("acx.cases_by_",),
     "số liệu qua một kênh (giám sát, tự kiểm tra, tố giác), không phải toàn bộ / a figure "
     "found through one channel (monitoring, self-checks, reports), not all"),
    # cases and persons found "qua điều tra" are the investigators' channel; what is recovered
    # through investigation and trial is the whole recovery
    ("investigation", r"\bqua (cong tac )?(dieu tra|kiem toan)\b", r"^$",
     ("crim.", "acx.cases_by_", "ac.assets_recovered", "acx.recovery_rate_stated", "ac.money",
      "ac.prosecutions", "insp.", "inspx.", "sanc."),
     "số liệu qua một kênh (điều tra, kiểm toán), không phải toàn bộ / a figure found through "
     "one channel (investigation, audit), not all"),
    ("specialised", r"\bchuyen nganh\b", r"\bhanh chinh\b",
     ("inspx.specialised", "inspx.specialised_conclusions", "inspx.checks",
      "inspx.violations_found", "sanc.", "inspx.subjects", "inspx.units_violating"),
     "số liệu của thanh tra, kiểm tra chuyên ngành, chỉ tiêu là thanh tra hành chính / a figure "
     "of specialised inspections or checks, the code is administrative inspections'"),
    # reception of one kind ("tiếp 12 lượt công dân theo định kỳ"): not all reception (round 7)
    ("reception kind", r"\b(dinh ky|thuong xuyen|dot xuat)\b", r"^$",
     ("tthc.", "proc.", "catalog.", "pet.", "kntc.", "kntcx.", "recepx.", "acct.", "insp.",
      "inspx.", "ac.", "acx.", "egov.", "sanc.", "disc.", "crim.", "pakn.", "idx."),
     "tiếp công dân một loại (định kỳ, thường xuyên, đột xuất), không phải toàn bộ / reception "
     "of one kind (periodic, regular, unannounced), not all"),
    ("plan", r"\btheo ke hoach\b", r"^$",
     ("insp.planned", "inspx.plan_pct", "ac.", "acx.", "tthc.", "proc.", "catalog.", "recep.",
      "sanc.", "disc.", "crim.", "idx.", "egov.", "pakn."),
     "số liệu theo một kế hoạch, không phải toàn bộ / a figure of one plan, not all"),
]
_SCOPE_QUALIFIERS = [(name, re.compile(rx), re.compile(unless), allowed, why)
                     for name, rx, unless, allowed, why in SCOPE_QUALIFIERS]
#: Qualifiers that scope a whole sentence when it opens on them ("Qua tiếp công dân, …").  A
#: unit's own checks named first ("Qua công tác tự kiểm tra, Sở phát hiện 01 vụ việc …") say
#: how it found its cases, all of them: that opening is not a channel apart.
OPENING_SCOPES = ("online", "reception", "resolution", "specialised")
_ASIDE = re.compile(r"\([^()]*\)")
#: A sentence opening on its route or scope up to its first comma ("Qua tiếp công dân, …",
#: "Thông qua công tác giám sát, …", "Riêng hồ sơ trực tuyến, …"): it scopes every number of
#: the sentence.
_OPENING_ROUTE = re.compile(r"\W*(?:thong qua|qua|rieng)\b[^,;.:]{0,80},")
#: Both channels named together ("hồ sơ trực tuyến và trực tiếp"): the whole, never one channel.
BOTH_CHANNELS = (r"\b(truc tuyen|qua mang)\s*(va|,|hoac|lan)\s*(truc tiep|buu chinh)|"
                 r"\b(truc tiep|buu chinh)\s*(va|,|hoac|lan)\s*(truc tuyen|qua mang)")
_BOTH_CHANNELS = re.compile(BOTH_CHANNELS)
_RECEIVE_OR_HANDLE = re.compile(r"\b(tiep nhan|nhan|nop|gui|phat sinh)\b|\b(giai quyet|xu ly"
                                r"|tra ket qua|dung han|tre han|qua han|truoc han|som han)\b")
CHANNEL_CODES = ("tthc.received_online", "tthc.received_offline", "tthc.received_postal",
                 "tthc.online_share_stated")
_NOUN_PHRASE_END = re.compile(r"[,;:(.]|\bva\b|\btrong do\b|\d")


_ONE_KIND_AFTER = re.compile(r"\s*don (?:thu )?(khieu nai|to cao)\b(?!\s*(?:,|va|hoac|/)\s*"
                             r"(?:don )?(?:khieu nai|to cao|kien nghi|phan anh))")


def scope_window(folded: str, start: int, end: int, sentence_start: int) -> str:
    """The words that scope the number at ``start:end``: its clause before it (asides in
    brackets left out, an open bracket the number stands in kept) and its noun phrase after it."""
    before = _ASIDE.sub(" ", folded[max(sentence_start, start - 160):start])
    cut = [m.end() for m in _CLAUSE_START.finditer(before)]
    before = before[cut[-1]:] if cut else before
    after = folded[end:end + 80]
    frac = re.match(r"\s*/\s*[\d.,]+", after)  # "6/8 vụ việc …": the noun after the fraction
    after = after[frac.end():] if frac else after
    stop = _NOUN_PHRASE_END.search(after)
    opening = _OPENING_ROUTE.match(folded, sentence_start, start)
    return ((opening.group() + " ## " if opening else "") + before + " # "
            + (after[:stop.start()] if stop else after))


#: Round 7: what may follow "N hồ sơ" when the number is a count of all files (folded): a
#: status, a channel, a level, a time, an owner, the files' generic names.  Another word names
#: a kind of file ("120 hồ sơ đăng ký doanh nghiệp", "300 hồ sơ đất đai"): one procedure's or
#: one field's count, not the whole's, unless a rule gave it a field.
FILES_FOLLOW = (r"\s*(?!dang k[yi]\b)(?:[^\w\s]|$|(?:chuyen|thong qua|phat sinh|luy ke"
                r"|tiep|va|hoac|cua|tu|trong|tai|tren|qua|thuoc|theo|da|duoc|dang|chua|con|bi"
                r"|can|phai|den|dung|truoc|som|tre|cham|ton|moi|cu|ky|tthc|thu tuc"
                r"|cac loai|truc tuyen|truc tiep|buu chinh|giai quyet|xu ly|tiep nhan|nop|tra"
                r"|cap (?:tinh|huyen|xa|so)|o|voi|nhan|chiem|dat (?:ty le|\d|muc)|tang|giam"
                r"|so voi|(?:cua )?to chuc|cong dan|ca nhan"
                r"|nguoi dan|doanh nghiep|hanh chinh|mot cua|lien thong|dich vu|dvc|tuong ung"
                r"|gom|trong do|la|nay|tren|duoi|khac|con lai|thuoc tham quyen)\b)")
_FILES_FOLLOW = re.compile(FILES_FOLLOW)
_FILES_NOUN = re.compile(r"\s*(?:ho so|hs)\b")
#: TTHC counts of all files (a kind of file is a part of them).
ALL_FILES_CODES = ("tthc.files_total", "tthc.received_in_period", "tthc.resolved_total",
                   "tthc.pending_total", "tthc.carried_over", "tthc.received_online",
                   "tthc.received_offline", "tthc.resolved_early_on_time", "tthc.resolved_late",
                   "tthc.resolved_on_time", "tthc.resolved_early", "tthc.pending_overdue",
                   "tthc.pending_in_time", "tthc.returned_withdrawn", "tthc.files_due")


def kind_reason(code: str, folded: str, end: int, sentence_start: int | None = None) -> str:
    """Why "N hồ sơ <a kind of file>" is not all files (:data:`FILES_FOLLOW`), or "" (only
    asked of a figure without a field)."""
    if code in ALL_FILES_CODES:
        noun = _FILES_NOUN.match(folded, end)
        if not noun and sentence_start is not None and _BARE_AFTER.match(folded, end):
            # "Số hồ sơ đất đai tồn đọng là 120": the files heading the clause before
            before = _ASIDE.sub(" ", folded[max(sentence_start, end - 160):end])
            cut = [m.end() for m in _CLAUSE_START.finditer(before)]
            head = re.search(r"\b(?:ho so|hs)\b", before[cut[-1]:] if cut else before)
            if head:
                offset = end - len(before) + (cut[-1] if cut else 0)
                noun = _FILES_NOUN.match(folded, offset + head.start() - 1) if offset + \
                    head.start() > 0 else None
        if noun and not _FILES_FOLLOW.match(folded, noun.end()):
            kind = " ".join(folded[noun.end():noun.end() + 40].split()[:3])
            return (f"hồ sơ của một loại (“{kind}”), không phải toàn bộ / files of one kind "
                    f"(“{kind}”), not all ({code})")
    return ""


def scope_reason(code: str, folded: str, start: int, end: int, sentence_start: int) -> str:
    """Why a qualifier around the number narrows it to a scope ``code`` does not mean
    (:data:`SCOPE_QUALIFIERS`), or ""."""
    if code in ("pet.received", "pet.total", "pet.eligible") and _ONE_KIND_AFTER.match(folded,
                                                                                      end):
        # "45 đơn tố cáo hành vi tham nhũng": petitions of one kind, not all (round 7)
        return f"đơn của một loại, không phải toàn bộ / petitions of one kind, not all ({code})"
    window = scope_window(folded, start, end, sentence_start)
    inner = window.split(" ## ", 1)[-1]
    if code in CHANNEL_CODES[:3]:
        # files received by a channel: the words since the number before name receiving
        # ("tiếp nhận 581 hồ sơ trực tuyến") when they name handling ("giải quyết đúng hạn 1.200
        # hồ sơ trực tuyến" counts files resolved online, which no code counts)
        since = re.split(r"\d|[.;]\s", folded[max(sentence_start, start - 160):start])[-1]
        words = list(_RECEIVE_OR_HANDLE.finditer(since))
        if words and not any(w.group(1) for w in words):
            return (f"hồ sơ được “{words[-1].group(2)}”, không phải tiếp nhận / "
                    f"files handled, not received ({code})")
    region = re.split(r"\d|[.;:]\s", folded[max(sentence_start, start - 80):start])[-1]
    if code in CHANNEL_CODES and (_BOTH_CHANNELS.search(region) or _BOTH_CHANNELS.search(
            folded, end, min(len(folded), end + 60))):
        return ("hồ sơ của cả hai kênh, không phải một kênh / files of both channels, not one "
                f"({code})")
    for name, rx, unless, allowed, why in _SCOPE_QUALIFIERS:
        hit = rx.search(window if name in OPENING_SCOPES else inner)
        if hit and not _among(code, allowed) and not unless.search(window):
            return f"{why} (“{hit.group().strip()}”)"
    return ""


def _among(code: str, codes: tuple[str, ...]) -> bool:
    """Whether ``code`` is one of ``codes`` ("crim." stands for every code of that family,
    "pet.competence_" for every code it begins, "*" for every code)."""
    return any(code == c or c == "*" or (c.endswith((".", "_")) and code.startswith(c))
               for c in codes)


#: A stated change is not a figure: a number right before "so với" (cùng kỳ, năm trước …)
#: or right after "tăng" / "giảm" ("giảm 12,8% so với cùng kỳ", "tăng 39 bậc").
CHANGE_AFTER = (r"\s*(%\s*)?(\w+\s+)?so (voi|cung ky)\b"
                r"(?! (quy dinh|thoi han|thoi gian quy dinh))")
CHANGE_BEFORE = r"\b(tang|giam)( them| con| duoc)?\s*(hon |gan |khoang |tren )?$"
_CHANGE_AFTER = re.compile(CHANGE_AFTER)
#: A rate whose own words name a larger whole ("đạt 98% số hồ sơ … của toàn tỉnh"): a share
#: of that whole, not the rate the code means.
OTHER_WHOLE = (r"\s*%?\s*(?:(?:so|tong so|tong)\s+)?[^.;,()]{0,60}?\b(toan tinh|ca tinh"
               r"|ca nuoc|toan quoc|tren dia ban tinh)\b")
_OTHER_WHOLE = re.compile(OTHER_WHOLE)
_CHANGE_BEFORE = re.compile(CHANGE_BEFORE)


#: Units written after a number (folded): money, land, a percentage.  A code counted in
#: money needs a money unit in or right after the number ("1.900 sai phạm" is a count); a
#: count never takes a number followed by money, land or a percentage.
MONEY_UNIT = r"\b(dong|trieu|ty|ti|nghin|ngan|trd|vnd)\b"
_MONEY_UNIT = re.compile(MONEY_UNIT)
NOT_A_COUNT = r"\s*(%|(ty|ti|trieu|nghin|ngan)? ?dong\b|ty\b|trieu\b|m2\b|m²|ha\b|hecta\b)"
_NOT_A_COUNT = re.compile(NOT_A_COUNT)
_COUNT_UNITS_FREE = ("percent", "points", "rank", "million_vnd", "m2")
#: Codes of inspections ("thanh tra") that a check ("kiểm tra") alone never fills, and the words
#: that make a count one of checks: the sentence up to the number says "kiểm tra" and not
#: "thanh tra", or the count is of "thanh tra, kiểm tra" together on a theme.
INSPECTION_CODES = ("insp.total", "insp.started", "insp.carried_over", "insp.conclusions",
                    "insp.violation_money", "insp.recovery_recommended", "insp.recovered",
                    "insp.handling_individuals")
JOINT_CHECKS = r"\s*cuoc (thanh tra, kiem tra|kiem tra, thanh tra|kiem tra)\b"
_JOINT_CHECKS = re.compile(JOINT_CHECKS)
#: Money of administrative inspections in a sentence about specialised inspections ("thanh tra,
#: kiểm tra chuyên ngành … số tiền sai phạm"): that money has no code apart.
SPECIALISED = r"\bchuyen nganh\b"
_SPECIALISED = re.compile(SPECIALISED)
#: A paragraph opening on specialised inspections as its topic, up to a colon or comma
#: ("Về công tác thanh tra, kiểm tra chuyên ngành: …", "Đối với thanh tra chuyên ngành, …").
_SPECIALISED_TOPIC = re.compile(r"\W*(?:\d+[.)]?\s*)?(?:[a-z][.)]\s*)?(?:ve|doi voi|trong)?\s*"
                                r"(?:cong tac\s+)?(?:thanh tra|kiem tra)(?:,?\s*(?:va\s+)?"
                                r"(?:thanh tra|kiem tra))?\s+chuyen nganh\s*[:,]")
#: A TTHC rate needs files or procedures as its subject: a rate in a paragraph on feedback
#: ("phản ánh, kiến nghị", "PAKN") that names no file is the feedback's.
FEEDBACK_WORDS = r"\b(phan anh|kien nghi|pakn)\b"
FILE_WORDS = r"\b(ho so|hs|thu tuc|tthc)\b"
_FEEDBACK = re.compile(FEEDBACK_WORDS)
_FILES = re.compile(FILE_WORDS)


def unit_reason(code: str, folded: str, start: int, end: int, sentence_start: int,
                previous: str = "") -> str:
    """Why the unit written with a number, or the counted thing, cannot be ``code``'s, or "".
    ``previous``: the paragraph before (folded), for a rate whose paragraph names no subject."""
    unit = indicators.get(code).unit
    if unit == "million_vnd" and not _MONEY_UNIT.search(folded, start, min(len(folded),
                                                                        end + 25)):
        return ("chỉ tiêu tiền nhưng số không có đơn vị tiền / a money code, and no money unit "
                "with the number")
    if unit not in _COUNT_UNITS_FREE and _NOT_A_COUNT.match(folded, end):
        return ("số tiền, diện tích hoặc tỷ lệ không phải số đếm / money, land or a percentage "
                f"is no count ({code})")
    if code in INSPECTION_CODES:
        upto = folded[sentence_start:min(len(folded), end + 40)]
        if (re.search(r"\bkiem tra\b", upto) and not re.search(r"\bthanh tra\b", upto)) or (
                unit == "inspections" and _JOINT_CHECKS.match(folded, end)):
            return ("kiểm tra không phải thanh tra / checks, not inspections "
                    f"({code} counts inspections)")
        sentence = folded[sentence_start:start]
        if unit == "million_vnd" and not re.search(r"\bthanh tra\b", sentence):
            # "Qua đó phát hiện vi phạm … 1,9 tỷ đồng" after a count of checks: the checks'
            back = folded[max(0, sentence_start - 300):sentence_start]
            joint = list(re.finditer(r"\d" + JOINT_CHECKS, back))
            if joint or (re.search(r"\bkiem tra\b", back)
                         and not re.search(r"\bthanh tra\b", back)):
                return ("tiền phát hiện qua kiểm tra, không phải thanh tra / money found by "
                        "checks, not inspections")
        if unit == "million_vnd" and _SPECIALISED_TOPIC.match(folded) and not re.search(
                r"\bhanh chinh\b", folded[:start]):
            # "Về công tác thanh tra, kiểm tra chuyên ngành: … Qua thanh tra, kiểm tra đã …
            # kiến nghị thu hồi … 62,09 triệu đồng": the paragraph's topic (round 8)
            return ("tiền trong đoạn về thanh tra chuyên ngành, không phải thanh tra hành chính "
                    "/ money in a paragraph on specialised inspections, not administrative ones")
        if unit == "million_vnd" and _SPECIALISED.search(folded, sentence_start, start) and \
                not re.search(r"\bhanh chinh\b", folded[sentence_start:start]):
            return ("tiền của thanh tra chuyên ngành, không phải thanh tra hành chính / money "
                    "of specialised inspections, not administrative ones")
    if unit == "procedures":
        # "số hồ sơ trực tuyến toàn trình là 115.665": files, not procedures (round 5)
        clause = _clause(folded, start, sentence_start)
        if re.search(r"\b(ho so|hs)\b", clause) and not re.search(
                r"\b(thu tuc|tthc|dich vu|dvc|dvctt)\b", clause):
            return (f"số đếm hồ sơ, chỉ tiêu đếm thủ tục / the number counts files, {code} "
                    "counts procedures")
    if unit == "inspections" and code.startswith("insp.") and re.search(
            r"\b(thanh tra, kiem tra|kiem tra, thanh tra)\b(?:(?!\bva\b)[^,;()\d]){0,30}$",
            folded[sentence_start:start].rsplit(";", 1)[-1]):
        # "thanh tra, kiểm tra theo kế hoạch 5 cuộc": inspections and checks together
        return ("cuộc thanh tra, kiểm tra gộp, không phải thanh tra hành chính / inspections and "
                f"checks together, not administrative inspections ({code})")
    if code.startswith("insp.") and re.match(r"\W*trong do\b", folded[sentence_start:start]):
        back = folded[max(0, sentence_start - 300):sentence_start] or previous[-300:]
        if _SPECIALISED.search(re.split(r"\.\s", back.strip(" ."))[-1]):
            # "… 7 cuộc thanh tra, kiểm tra chuyên ngành … Trong đó, thanh tra, kiểm tra theo kế
            # hoạch 5 cuộc": the specialised ones' parts, not the administrative inspections'
            return ("phần của thanh tra chuyên ngành, không phải thanh tra hành chính / a part "
                    f"of the specialised inspections, not of the administrative ones ({code})")
    if code.startswith("tthc.") and code.endswith("_stated"):
        before = folded[max(0, start - 400):start]
        if not (_FEEDBACK.search(before) or _FILES.search(before)):
            before = previous[-300:]  # "Trong đó, tỷ lệ … đạt 93,77%" after the feedback
        if _FEEDBACK.search(before) and not _FILES.search(before):
            return ("tỷ lệ của phản ánh, kiến nghị, không phải hồ sơ TTHC / a rate of feedback "
                    "items, not of TTHC files")
    return ""


def noun_after(folded: str, pos: int) -> str:
    """The counted noun right after ``pos`` in folded text ("" when none is known)."""
    m = _NOUN_AT.match(folded, pos)
    return m.group().strip() if m else ""


#: Round 7: counted nouns that name what a number counts when they head its clause before it
#: and no noun follows the number ("Số PAKN đã xử lý là 1.276"); words that are also verbs or
#: subjects ("kiến nghị", "đơn vị", "đoàn") are left out.
NOUNS_BEFORE = ("phan anh, kien nghi", "phan anh kien nghi", "pakn", "phan anh", "ho so", "hs",
                "don thu", "don khieu nai", "don to cao", "vu viec", "vu an", "luot cong dan",
                "luot nguoi", "bi can", "bi cao", "cuoc thanh tra", "cuoc kiem tra")
_NOUN_BEFORE = re.compile(r"\b(" + "|".join(re.escape(n) for n in sorted(
    NOUNS_BEFORE, key=len, reverse=True)) + r")\b")
_NOUN_UNITS_BEFORE = {"cuoc thanh tra": ("inspections",), "cuoc kiem tra": ("inspections",)}


#: A number followed by no word of its own (a stop, a bracket, a link to the next clause): only
#: then does the noun before it say what it counts ("với 2 đối tượng" counts persons).
_BARE_AFTER = re.compile(r"\s*(?:[,.;:)(/]|$|(?:va|trong do|dat|chiem|tang|giam|so voi)\b)")


#: What may stand before the noun that heads a sentence ("- Tổng số đơn thư …", "Số lượng …").
_SUBJECT_LEAD = re.compile(r"[\s\-–+*•]*(?:(?:tong so|so luong|so)\s+)?")


def noun_before(folded: str, start: int, sentence_start: int) -> str:
    """The first counted noun of :data:`NOUNS_BEFORE` in the clause before ``start`` (asides
    in brackets left out), or ""."""
    before = _ASIDE.sub(" ", folded[max(sentence_start, start - 160):start])
    cut = [m.end() for m in _CLAUSE_START.finditer(before)]
    m = _NOUN_BEFORE.search(before[cut[-1]:] if cut else before)
    if not m:
        # the sentence's subject, before its first number ("Phản ánh của người dân đã được xử
        # lý 1.276, đang xử lý 22": the 22 are feedback items too)
        head = re.split(r"\d", folded[sentence_start:start], maxsplit=1)[0]
        if len(head) < start - sentence_start:
            lead = _SUBJECT_LEAD.match(head)
            m = _NOUN_BEFORE.match(head, lead.end())
    return m.group(1) if m else ""


def noun_reason(code: str, folded: str, end: int, start: int | None = None,
                sentence_start: int = 0) -> str:
    """Why the noun after a number (ending at ``end``) cannot be counted by ``code``, or "".
    With ``start``, a number followed by no noun is checked against the noun heading its
    clause before it (round 7)."""
    noun = noun_after(folded, end)
    if not noun and start is not None and _BARE_AFTER.match(folded, end):
        noun = noun_before(folded, start, sentence_start)
        if noun:
            unit = indicators.get(code).unit
            allowed = _NOUN_UNITS_BEFORE.get(noun) or NOUN_UNITS[noun]
            if unit in allowed or unit in _COUNT_UNITS_FREE:
                return ""
            return (f"mệnh đề đếm “{noun}”, chỉ tiêu đếm "
                    f"{indicators.UNITS.get(unit, (unit,))[0]} / the clause counts “{noun}”, "
                    f"{code} counts {unit}")
    if not noun:
        return ""
    unit = indicators.get(code).unit
    allowed = NOUN_UNITS[noun]
    if unit in allowed or unit in ("percent", "points", "rank", "million_vnd", "m2"):
        return ""
    if not allowed:
        return f"“{noun}” không phải đơn vị đếm của chỉ tiêu / “{noun}” is not what {code} counts"
    return (f"số đếm “{noun}”, chỉ tiêu đếm {indicators.UNITS.get(unit, (unit,))[0]} / "
            f"the number counts “{noun}”, {code} counts {unit}")


def _clause(folded: str, start: int, sentence_start: int, window: int = 160) -> str:
    """The clause before a number: back to a stop, semicolon, comma, "trong đó", "và"."""
    text = folded[max(sentence_start, start - window):start]
    cut = [m.end() for m in _CLAUSE_START.finditer(text)]
    return text[cut[-1]:] if cut else text


_STAGE_START = re.compile(r"[.;:]\s|\btrong do\b|\bcon lai\b|\bva\b")


def _stage_clause(folded: str, start: int, sentence_start: int) -> str:
    """The part of a sentence before a number whose stage of proceedings it shares: back to a
    stop, a semicolon, "trong đó" or "và" (not a comma: "thụ lý 687 vụ án, 1.439 bị can" — the
    defendants are those of the cases accepted)."""
    text = folded[max(sentence_start, start - 200):start]
    cut = [m.end() for m in _STAGE_START.finditer(text)]
    return text[cut[-1]:] if cut else text


def status_reason(code: str, folded: str, start: int, sentence_start: int) -> str:
    """Why the status words before a number (at ``start``) contradict ``code``, or ""."""
    clause = None
    for fam, codes in STATUS.items():
        want = codes.get(code)
        if not want:
            continue
        clause = _clause(folded, start, sentence_start) if clause is None else clause
        # a stage, or a recommendation of discipline, holds over a list ("Kiến nghị cảnh cáo 3
        # cá nhân, khiển trách 2 cá nhân"): back to a semicolon, "trong đó" or "và", not a
        # comma (money recovered after a comma has its own verb: "…, thu hồi 900 triệu đồng")
        text = _stage_clause(folded, start, sentence_start) if fam == "stage" or (
            fam == "proposal" and code.startswith("disc.")) else clause
        found = [(m.start(), k) for k, rx in _STATUS_RX[fam].items()
                 for m in rx.finditer(text)]
        if found and max(found)[1] != want:
            said = max(found)[1]
            return (f"câu nói “{_STATUS_VI[said]}”, chỉ tiêu là “{_STATUS_VI[want]}” / "
                    f"status words say {said}, {code} is {want}")
    return ""


#: (codes, words in the number's clause, words anywhere in its sentence, reason): files
#: received "trực tiếp" in a sentence that counts postal ones apart are in person only, not
#: all offline files (which are in person and by post).
CLAUSE_AND_SENTENCE: list[tuple[tuple[str, ...], str, str, str]] = [
    (("tthc.received_offline",), r"\btruc tiep\b(?!.*\bbuu (chinh|dien)\b)",
     r"\bbuu (chinh|dien)\b",
     "hồ sơ nộp trực tiếp, bưu chính được nêu riêng / files in person, postal ones counted "
     "apart"),
    # "19 người đứng đầu bị xử lý …, trong đó cách chức 1 người, cảnh cáo 5 người": the heads
    # held responsible split by form (named before or after), not all discipline (round 4)
    (("disc.",), r"", r"\bnguoi dung dau\b",
     "hình thức xử lý người đứng đầu, không phải toàn bộ kỷ luật / heads held responsible "
     "by form, not all discipline"),
]


def context_reason(code: str, folded: str, start: int, end: int, sentence_start: int) -> str:
    """Why the words of the sentence do not support ``code`` (:data:`REQUIRES`,
    :data:`UNLESS`, :data:`NOT_THIS`), or ""."""
    sentence_end = folded.find(". ", end)
    sentence = folded[sentence_start:sentence_end if sentence_end >= 0 else len(folded)]
    need = _REQUIRES.get(code)
    if need and not need.search(sentence):
        return (f"câu không có từ cần cho chỉ tiêu / the sentence lacks the words {code} needs "
                f"({REQUIRES[code][:40]}…)")
    unless = _UNLESS.get(code)
    if unless:
        hit = unless.search(folded[sentence_start:start] if code in SENTENCE_WIDE
                            else _clause(folded, start, sentence_start))
        if hit:
            return (f"“{hit.group().strip()}” trước số liệu trái với chỉ tiêu / "
                    f"“{hit.group().strip()}” before the number contradicts {code}")
    segment = folded[sentence_start:start]
    for codes, rx, why in _SENTENCE_UNLESS:
        if _among(code, codes) and rx.search(segment):
            return why
    segment = segment.rsplit(";", 1)[-1]
    for codes, rx, why in _SEGMENT_UNLESS:
        if _among(code, codes) and rx.search(segment):
            return why
    for codes, here, elsewhere, why in CLAUSE_AND_SENTENCE:
        if _among(code, codes) and re.search(here, _clause(folded, start, sentence_start)) \
                and re.search(elsewhere, sentence):
            return why
    if code == "insp.recovered" and _EARLIER_YEARS.match(folded, end, end + 400):
        return ("số tiền thu hồi gồm cả đôn đốc các năm trước / money recovered including the "
                "follow-up of earlier years")
    for codes, rx in _NOT_THIS:
        hit = rx.search(folded[end:end + 120].split(". ")[0]) if _among(code, codes) else None
        if hit:
            return (f"câu nói về việc khác (“{hit.group().strip()}”) / the sentence is about "
                    f"something else than {code}")
    return ""


#: Openings that name the report's own unit without a place name.
OWN_UNIT = r"^\W*(toan tinh|toan huyen|ca tinh|tinh ta|tren dia ban (tinh|huyen|thanh pho))\b"
_OWN_UNIT = re.compile(OWN_UNIT)
#: After "Riêng / Tại / Đối với …": a central body, not a place (folded).
NOT_A_PLACE = (r"(?:co quan\s+)?(?:thanh tra chinh phu|ttcp|chinh phu|quoc hoi|bo \w+|cuc \w+"
               r"|vu \d+|vksnd|tand|vien kiem sat|toa an|kiem toan nha nuoc)\b")
_NOT_A_PLACE = re.compile(NOT_A_PLACE)


#: A paragraph that opens on one central body other than the report's unit (folded): a
#: department of a ministry ("C03 - Bộ Công an đã …", "Cục Cảnh sát …"), a department of the
#: Supreme Procuracy ("Vụ 5 - VKSND Tối cao …"), the Supreme Procuracy or Court, the State
#: Audit, the Central Inspection Commission.  Its figures are that body's, not the whole's
#: (round 4 convention): left unclassified.  Not a provincial body ("Cục Thuế tỉnh").
CENTRAL_BODY = (r"^\W*(?:(?:theo |rieng |doi voi )?(?:(?:cuc|vu) [^\W\d]+(?: [^\W\d]+){0,3}|c0\d"
                r"|vu \d+)\s*(?:-|–|\(|,|thuoc|cua)?\s*(?:bo [^\W\d]+|vksnd|vien kiem sat|tand"
                r"|toa an)|(?:theo |rieng )?(?:vksnd|vien kiem sat nhan dan|tand|toa an nhan dan) "
                r"toi cao|(?:theo |rieng )?kiem toan nha nuoc|(?:theo |rieng )?uy ban kiem tra "
                r"trung uong|(?:theo |rieng )?bo cong an)\b(?![^.;]{0,20}\btinh\b)")
_CENTRAL_BODY = re.compile(CENTRAL_BODY)


def central_body(folded: str) -> str:
    """The central body a paragraph opens on (:data:`CENTRAL_BODY`), as written folded, or
    ""."""
    m = _CENTRAL_BODY.match(folded)
    return m.group().strip(" -–(,") if m else ""


def _turns_local(para: str, folded: str) -> bool:
    if _OWN_UNIT.match(folded):
        return True
    m = _LOCAL.match(folded)
    if m and _NOT_A_PLACE.match(folded, m.end()):
        return False  # "Riêng TTCP đã …": a central body, not a place
    return bool(m and _PLACE.match(para, m.end()))


def subject_of(para: str, folded: str, current: str) -> str:
    """The subject of a paragraph (``folded`` is ``para`` folded, same length): "national"
    when it opens on the whole country, "" when it turns to a place or the report's unit, else
    the subject of the paragraph before (``current``)."""
    if _NATIONAL.match(folded):
        return "national"
    if _turns_local(para, folded):
        return ""
    return current


def switches_to_local(paragraphs: list[str], folded: list[str], unit: str = "",
                      title: str = "") -> bool:
    """Whether the report is a place's own: its unit or title names a province, or it turns
    from the nation to a place somewhere ("Tại Nghệ An, …").  Only then are the nation's
    figures not the report's."""
    from ..text import fold

    rx = _province_rx()
    if (unit and rx.search(fold(unit))) or (title and rx.search(fold(title))):
        return True
    return any(_turns_local(p, f) for p, f in zip(paragraphs, folded, strict=True))


#: The values an index can take: a number outside is misread ("5.202" written with an English
#: decimal point is no 5202 points) or another measure.
VALUE_RANGE: dict[str, tuple[float, float]] = {
    "idx.papi_dimension": (0.0, 10.0), "idx.papi_score": (0.0, 80.0),
    "idx.pci_score": (0.0, 100.0), "idx.par_score": (0.0, 100.0),
    "idx.sipas_score": (0.0, 100.0),
}


#: Round 7: a part set apart or a group of units as the subject, with no field to name it.
#: "Riêng …" opening the sentence or the number's clause ("Riêng hồ sơ đất đai, …", "…, riêng
#: các xã vùng cao …") sets a part apart (not a period: "Riêng quý 4", a topic: "Riêng về
#: công tác tiếp dân", nor a unit, a body or a level, which other rules place); the ministries,
#: the provinces or a central body ("trung ương") as the subject of the number's clause give
#: their figures, not the report's unit's.  Either is the report's own only when a rule gave it
#: a field (a level, a body, a unit).
PART_APART = (r"\W*(?:trong do,?\s*)?rieng\b(?!\s+(?:(?:ve|doi voi)\s+(?:cong tac|viec)|(?:trong |"
              r"doi voi |tai |o )?(?:thang|quy|nam|tuan|dot|ky|ngay|sau thang|chin thang|\d"
              r"|ubnd|uy ban|thanh tra|huyen|thi xa|thanh pho|quan|xa|phuong|thi tran|tinh|ttcp"
              r"|cap (?:tinh|huyen|xa))\b))")
_PART_APART = re.compile(PART_APART)
GROUP_SUBJECT = (r"\W*(?:trong do,?\s*)?(?:cac (?:bo|tinh(?!,? thanh))\b(?![^\d,;]{0,40}\b(?:cac "
                 r"cap|toan tinh|trong tinh|cua tinh|tren dia ban))|(?:[^\W\d]+\s+){0,4}"
                 r"trung uong\b)")
_GROUP_SUBJECT = re.compile(GROUP_SUBJECT)


def part_reason(folded: str, start: int, sentence_start: int) -> str:
    """Why the number at ``start`` is a part set apart or a group's sum (:data:`PART_APART`,
    :data:`GROUP_SUBJECT`), or "" (only asked of a figure without a field)."""
    before = _ASIDE.sub(" ", folded[max(sentence_start, start - 160):start])
    cut = [m.end() for m in re.finditer(r"[.;:]\s|,(?!\s*cac nganh)", before)]
    clause = before[cut[-1]:] if cut else before
    if _PART_APART.match(folded, sentence_start) or _PART_APART.match(clause):
        return ("một phần được nêu riêng (“riêng …”), không phải toàn bộ / a part set apart "
                "(“riêng …”), not the whole")
    if _GROUP_SUBJECT.match(clause):
        return ("số liệu của các bộ, các tỉnh hoặc trung ương, không phải của đơn vị báo cáo / "
                "the ministries', the provinces' or a central body's figures, not the report's "
                "unit's")
    return ""


def reason(code: str, folded: str, start: int, end: int, sentence_start: int,
           subject: str = "", local: bool = False, zero: bool = False,
           province: str = "", field: str = "", previous: str = "",
           value: float | None = None) -> str:
    """Why a figure read as ``code`` at ``start:end`` of folded paragraph text is not emitted
    (the first failing check), or "" when the sentence supports the code.  ``field``: the
    level or body the figure was given (a level's share of the whole province is no rate of
    that level)."""
    if subject.startswith("body:"):
        return (f"số liệu của một cơ quan ({subject[5:]}), không phải của toàn bộ đơn vị báo "
                f"cáo / a figure of one body ({subject[5:]}), not of the report's whole unit")
    span = VALUE_RANGE.get(code)
    if span and value is not None and not span[0] <= value <= span[1]:
        return (f"giá trị ngoài khoảng của chỉ tiêu ({span[0]:g}–{span[1]:g}) / the value is "
                f"outside {code}'s range ({span[0]:g}–{span[1]:g})")
    if local and (subject == "national" or _NATIONAL.match(folded[sentence_start:start])):
        return ("số liệu của cả nước, không phải của đơn vị báo cáo / a figure of the whole "
                "country, not of the report's unit")
    if code == "ac.cases" and _CHANNEL_AFTER.match(folded, end):
        return ("vụ việc phát hiện qua một kênh, không phải toàn bộ / cases found through one "
                "channel, not all cases")
    if zero:
        if _SCOPE.search(folded, max(sentence_start, start - 60), start):
            return ("câu nói phạm vi của một hệ thống, không phải số liệu / a system's scope, "
                    "not a figure")
        return ""
    if code in FOLLOW_UP_CODES and _FOLLOW_UP.search(folded, sentence_start, start):
        return ("số tiền của các kết luận được đôn đốc thực hiện, không phải phát hiện trong kỳ"
                " / money of conclusions followed up, not found in the period")
    clause = _clause(folded, start, sentence_start, 120)
    if _CHANGE_AFTER.match(folded, end) or _CHANGE_BEFORE.search(
            folded[max(sentence_start, start - 40):start]):
        return "mức thay đổi, không phải số liệu / a stated change, not a figure"
    whole = _OTHER_WHOLE.match(folded, end) if code.endswith(
        ("_rate_stated", "_share_stated")) else None
    if whole and (field or whole.group(1) in ("ca nuoc", "toan quoc")):
        return ("tỷ lệ trên một tổng khác (toàn tỉnh, cả nước …) / a share of another whole "
                "(the province, the country …)")
    if _NATIONAL_CLAUSE.search(clause) or _BENCHMARK.search(folded, sentence_start, start):
        return ("số liệu của cả nước hoặc mức chung, không phải của đơn vị báo cáo / the "
                "nation's or a benchmark's figure, not the report's unit's")
    if province and not code.endswith("rank_of"):
        other = other_province(folded, start, sentence_start, province)
        if other:
            return (f"số liệu của tỉnh khác ({other}) / another province's figure ({other})")
        other = last_province(folded, start, province) if code.startswith("idx.") else ""
        if other:
            return (f"tỉnh được nêu gần nhất trước số liệu là tỉnh khác ({other}) / the province "
                    f"named last before the score is another ({other})")
    if not field and not code.startswith("idx."):
        part = part_reason(folded, start, sentence_start) or kind_reason(code, folded, end,
                                                                            sentence_start)
        if part:
            return part
    return (noun_reason(code, folded, end, start, sentence_start)
            or scope_reason(code, folded, start, end, sentence_start)
            or unit_reason(code, folded, start, end, sentence_start, previous)
            or status_reason(code, folded, start, sentence_start)
            or context_reason(code, folded, start, end, sentence_start))


# -- whose figure: provinces ------------------------------------------------------------------
_PROVINCES: list[str] = []


def provinces() -> list[str]:
    """Province names, folded (``data/papi/provinces.csv``; longest first)."""
    if not _PROVINCES:
        import csv

        from .. import config
        from ..text import fold

        with open(config.PAPI_DIR / "provinces.csv", encoding="utf-8") as fh:
            names = {fold(r["name_vi"]).strip() for r in csv.DictReader(fh)}
        # other spellings; never the bare "Hồ Chí Minh" (tư tưởng Hồ Chí Minh) nor "Huế"
        # (a person's name folds the same)
        names |= {"thanh pho ho chi minh", "tp ho chi minh", "tp hcm", "thua thien hue",
                  "thanh pho hue"}
        names.discard("ho chi minh")
        _PROVINCES.extend(sorted(names, key=len, reverse=True))
    return _PROVINCES


def _province_rx() -> re.Pattern:
    if not _PROV_RX:
        _PROV_RX.append(re.compile(r"\b(" + "|".join(re.escape(n) for n in provinces())
                                   + r")\b"))
    return _PROV_RX[0]


_PROV_RX: list[re.Pattern] = []


def own_province(folded_paragraphs: list[str], unit: str = "") -> str:
    """The report's province (folded): the one its unit names, else the one its text names
    most often (the first named on a tie), else ""."""
    from ..text import fold

    rx = _province_rx()
    m = rx.search(fold(unit)) if unit else None
    if m:
        return m.group(1)
    counts: dict[str, int] = {}
    first: dict[str, int] = {}
    pos = 0
    for p in folded_paragraphs:
        for hit in rx.finditer(p):
            counts[hit.group(1)] = counts.get(hit.group(1), 0) + 1
            first.setdefault(hit.group(1), pos + hit.start())
        pos += len(p) + 1
    if not counts:
        return ""
    return max(counts, key=lambda n: (counts[n], -first[n]))


def other_province(folded: str, start: int, sentence_start: int, own: str) -> str:
    """The province other than ``own`` that the clause before a number names (its nearest
    province name back to a stop or semicolon, or just before a parenthesis the number stands
    in: "Đà Nẵng (58,89%)"), or ""."""
    text = folded[max(sentence_start, start - 120):start]
    cut = [m.end() for m in re.finditer(r"[.;]\s|,\s(?=[^,]*\b(dat|la|xep|dung)\b)", text)]
    clause = text[cut[-1]:] if cut else text
    names = list(_province_rx().finditer(clause))
    if not names:
        # an index's owner named in the sentence ("Chỉ số SIPAS 2023 của Trà Vinh cũng vừa được
        # công bố, đạt 83,4 điểm"): the province after the last "của" before the number
        owners = [m for m in _province_rx().finditer(folded, sentence_start, start)
                  if re.search(r"\bcua (tinh |thanh pho )?$", folded[max(0, m.start() - 20):
                                                                      m.start()])]
        if not owners:
            return ""
        names = owners[-1:]
    name = names[-1].group(1)
    return "" if name == own or own.endswith(name) or name.endswith(own) else name


#: Words that name the report's own province without its name ("tỉnh ta", "của tỉnh").
OWN_MARK = r"\b(tinh ta|tinh nha|cua tinh)\b"
_OWN_MARK = re.compile(OWN_MARK)
#: Words that point back to a province named before ("Tỉnh này dẫn đầu …").
ANAPHOR = r"\b(tinh nay|tinh do|dia phuong nay|thanh pho nay)\b"
_ANAPHOR = re.compile(ANAPHOR)


def last_province(folded: str, start: int, own: str, window: int = 800) -> str:
    """For an index's score that points back to a province ("tỉnh này", "địa phương này"):
    the province other than ``own`` named last before the number in its paragraph (back
    ``window`` characters, over sentences: "Xếp thứ hai là Đồng Tháp … Tỉnh này dẫn đầu … với
    5,202 điểm"), unless the report's own is named or marked ("tỉnh ta") after it; else
    ""."""
    lo = max(0, start - window)
    names = list(_province_rx().finditer(folded, lo, start))
    if not names:
        return ""
    last = names[-1]
    name = last.group(1)
    if name == own or own.endswith(name) or name.endswith(own):
        return ""
    if _OWN_MARK.search(folded, last.end(), start) or not _ANAPHOR.search(folded, last.end(),
                                                                            start):
        return ""
    return name


# -- whose figure: a unit below the report's ----------------------------------------------------
#: A unit below the province named as a sentence's or a clause's subject ("Riêng đối với thị
#: xã Bến Cát, …", "Tại huyện Văn Lâm, …", "Thành phố Thủ Dầu Một tiếp nhận …; thị xã Sơn Tây
#: tiếp nhận …") or as the owner in the number's clause ("điểm của huyện Kim Động
#: đạt …"): as written, the kind of unit then a capitalised name.
SUB_UNIT = (r"(?:(?:^\W*|;\s*)(?:[Rr]iêng\s+(?:đối với\s+)?|[Đđ]ối với\s+|[Tt]ại\s+|[Ởở]\s+)?"
            r"(?:(?:[Tt]hanh tra|UBND|Ủy ban nhân dân|[Cc]hủ tịch UBND)\s+)?"
            r"|\bcủa\s+)"
            r"((?i:thị xã|huyện|quận|thành phố|thị trấn|xã|phường))\s+"
            r"([^\W\d_]+(?:\s+[^\W\d_]+){0,3})")
_SUB_UNIT = re.compile(SUB_UNIT)


#: A department named the same ways, in a report on a whole province ("Sở Xây dựng có 15 hồ
#: sơ trễ hạn"): its name runs up to a verb or a stop word (:data:`NAME_STOP`).
DEPARTMENT = (r"(?:(?:^\W*|;\s*)(?:[Rr]iêng\s+(?:đối với\s+)?|[Đđ]ối với\s+|[Tt]ại\s+)?"
              r"|\bcủa\s+)(Sở)\s+([^\W\d_]+(?:\s+[^\W\d_]+){0,6})")
_DEPARTMENT = re.compile(DEPARTMENT)
NAME_STOP = {"đã", "có", "tiếp", "giải", "đạt", "thực", "tiến", "là", "với", "được", "đang",
             "nhận", "trả", "ban", "tổ", "triển", "thụ", "cũng", "vẫn", "chỉ", "còn", "hiện",
             "trong", "tại", "của", "tổng", "báo", "cho", "thông", "theo", "chủ", "phối", "số",
             "luôn", "không", "xử", "ra", "nhiều", "ít"}
#: Words between a unit and the number that give the figure back to the whole ("Sở Nội vụ tổng
#: hợp, toàn tỉnh tiếp nhận …") or make the unit the source, not the subject.
SUB_UNIT_RESET = (r"\b(toan tinh|ca tinh|tren dia ban tinh|cap (tinh|huyen|xa)|cac (huyen|xa|so)"
                  r"|tong hop|bao cao|cho biet|thong tin)\b")
_SUB_UNIT_RESET = re.compile(SUB_UNIT_RESET)


def sub_unit(para: str, start: int, sentence_start: int, unit: str = "",
             departments: bool = False) -> str:
    """The unit below the report's whose figure the number at ``start`` is ("Thị xã Bến
    Cát"), or "": named at the sentence's start or after a semicolon, or after "của" in the
    number's clause (back to a semicolon, a stop or a colon).  A province's name (a city of
    the centre) and the report's own unit are not units below it."""
    from ..text import fold

    text = para[sentence_start:start]
    rxs = (_SUB_UNIT, _DEPARTMENT) if departments else (_SUB_UNIT,)
    hits = [m for rx in rxs for m in rx.finditer(text)
            if (m.start() == 0 or m.group().startswith(";")) and not m.group().startswith("của")
            or m.group().startswith("của") and not re.search(r"[;:]|\.\s", text[m.end():])]
    if not hits:
        return ""
    m = max(hits, key=lambda h: h.start())
    if _SUB_UNIT_RESET.search(fold(text[m.end(2):])):
        return ""
    if m.group(1) == "Sở":
        words = []
        for w in m.group(2).split():
            if w.lower() in NAME_STOP:
                break
            words.append(w)
        if not words or not words[0][0].isupper():
            return ""
        name = " ".join(words)
        return "" if unit and fold(name).strip() in fold(unit) else f"Sở {name}"
    kind, words = m.group(1), []
    for w in m.group(2).split():  # the name: the capitalised words after the kind
        if not w[0].isupper():
            break
        words.append(w)
    if not words:
        return ""
    name = " ".join(words)
    folded_name = fold(name).strip()
    if folded_name in provinces() or (unit and folded_name in fold(unit)):
        return ""
    return f"{kind[0].upper()}{kind[1:]} {name}"
