"""The indicator catalogue: every figure the project reads, checks or compares.

One place defines each indicator's stable code, Vietnamese and English labels, unit,
source form, PAPI dimension and group, and the identities that must hold between
indicators of one agency, period and field (DOMAIN §4, §5).  Codes are part of the
project's public interface (CSV files, notebooks and other tools use them): never
rename one; add a new code instead.  ``papi-analysis indicators`` prints the table.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

import pandas as pd

from ..errors import IndicatorError


@dataclass(frozen=True)
class Indicator:
    """One indicator of the catalogue."""

    code: str
    vi: str
    en: str
    unit: str  # "files", "procedures", "petitions", "cases", "persons", "sessions", ...
    form: str  # the form key (see FORMS) it is reported on
    dimension: int | None  # PAPI dimension 1–8 it informs, or None
    group: str  # "tthc", "procedures", "petitions", "reception", "inspections", ...
    kind: str = "count"  # "count" (whole, ≥ 0), "amount" (≥ 0, may be decimal), "percent"

    def label(self, lang: str = "vi") -> str:
        """The label in ``lang``."""
        return self.vi if lang == "vi" else self.en


UNITS = {
    "files": ("hồ sơ", "files"),
    "procedures": ("thủ tục", "procedures"),
    "petitions": ("đơn", "petitions"),
    "cases": ("vụ việc", "cases"),
    "persons": ("người", "persons"),
    "sessions": ("buổi", "sessions"),
    "inspections": ("cuộc", "inspections"),
    "documents": ("văn bản", "documents"),
    "units": ("tập thể", "collectives"),
    "million_vnd": ("triệu đồng", "million VND"),
    "m2": ("m²", "m²"),
    "percent": ("%", "%"),
    "points": ("điểm", "points"),
    "rank": ("hạng", "rank"),
    "entities": ("đối tượng", "entities"),
    "feedback": ("phản ánh, kiến nghị", "feedback items"),
    "contacts": ("lượt", "contacts"),
}

# code, vi, en, unit, form, dimension, kind
_ROWS: list[tuple] = [
    # --- TTHC handling, Biểu II.06a/VPCP/KSTT (Thông tư 01/2020/TT-VPCP); column numbers in vi
    ("tthc.files_total", "Số hồ sơ nhận giải quyết - Tổng số (3)", "Files to handle, total (3)", "files", "tthc", 5, "count"),
    ("tthc.received_online", "Tiếp nhận trong kỳ - Trực tuyến (4)", "Received in period, online (4)", "files", "tthc", 5, "count"),
    ("tthc.received_offline", "Tiếp nhận trong kỳ - Trực tiếp, dịch vụ bưu chính (5)", "Received in period, in person or by post (5)", "files", "tthc", 5, "count"),
    ("tthc.carried_over", "Từ kỳ trước chuyển qua (6)", "Carried over from previous period (6)", "files", "tthc", 5, "count"),
    ("tthc.resolved_total", "Đã giải quyết - Tổng số (7)", "Resolved, total (7)", "files", "tthc", 5, "count"),
    ("tthc.resolved_early", "Đã giải quyết - Trước hạn (8)", "Resolved early (8)", "files", "tthc", 5, "count"),
    ("tthc.resolved_on_time", "Đã giải quyết - Đúng hạn (9)", "Resolved on time (9)", "files", "tthc", 5, "count"),
    ("tthc.resolved_late", "Đã giải quyết - Quá hạn (10)", "Resolved late (10)", "files", "tthc", 5, "count"),
    ("tthc.pending_total", "Đang giải quyết - Tổng số (11)", "Pending, total (11)", "files", "tthc", 5, "count"),
    ("tthc.pending_in_time", "Đang giải quyết - Trong hạn (12)", "Pending, not yet due (12)", "files", "tthc", 5, "count"),
    ("tthc.pending_overdue", "Đang giải quyết - Quá hạn (13)", "Pending, overdue (13)", "files", "tthc", 5, "count"),
    # variants seen in reports and portals (not columns of II.06a)
    ("tthc.received_in_period", "Tiếp nhận trong kỳ (4)+(5)", "Received in period (4)+(5)", "files", "tthc", 5, "count"),
    ("tthc.resolved_early_on_time", "Giải quyết trước hạn và đúng hạn (8)+(9)", "Resolved early or on time (8)+(9)", "files", "tthc", 5, "count"),
    ("tthc.returned_withdrawn", "Hồ sơ trả lại, rút, dừng xử lý", "Files returned, withdrawn or stopped", "files", "tthc", 5, "count"),
    ("tthc.online_share_stated", "Tỷ lệ tiếp nhận trực tuyến (theo báo cáo)", "Online share as stated", "percent", "tthc", 8, "percent"),
    ("tthc.on_time_rate_stated", "Tỷ lệ giải quyết đúng hạn (theo báo cáo)", "On-time rate as stated", "percent", "tthc", 5, "percent"),
    # --- procedure catalogue
    ("proc.total", "Tổng số thủ tục hành chính", "Administrative procedures, total", "procedures", "procedures", 5, "count"),
    ("proc.full_online", "TTHC cung cấp dịch vụ công trực tuyến toàn trình", "Procedures offered fully online", "procedures", "procedures", 8, "count"),
    ("proc.partial_online", "TTHC cung cấp dịch vụ công trực tuyến một phần", "Procedures offered partly online", "procedures", "procedures", 8, "count"),
    # --- petitions, Biểu 01/XLD
    ("pet.carried_over", "Đơn kỳ trước chuyển sang", "Petitions carried over", "petitions", "petitions", 3, "count"),
    ("pet.received", "Đơn tiếp nhận trong kỳ", "Petitions received in period", "petitions", "petitions", 3, "count"),
    ("pet.total", "Tổng số đơn", "Petitions, total", "petitions", "petitions", 3, "count"),
    ("pet.eligible", "Đơn đủ điều kiện xử lý", "Petitions eligible for handling", "petitions", "petitions", 3, "count"),
    ("pet.complaints", "Đơn khiếu nại", "Complaints", "petitions", "petitions", 3, "count"),
    ("pet.denunciations", "Đơn tố cáo", "Denunciations", "petitions", "petitions", 3, "count"),
    ("pet.proposals", "Đơn kiến nghị, phản ánh", "Proposals and feedback", "petitions", "petitions", 3, "count"),
    ("pet.resolved", "Đã giải quyết", "Resolved", "petitions", "petitions", 3, "count"),
    ("pet.in_progress", "Đang giải quyết", "Being resolved", "petitions", "petitions", 3, "count"),
    ("pet.not_started", "Chưa giải quyết", "Not yet resolved", "petitions", "petitions", 3, "count"),
    ("pet.within_competence", "Thuộc thẩm quyền", "Within competence", "petitions", "petitions", 3, "count"),
    ("pet.outside_competence", "Không thuộc thẩm quyền", "Outside competence", "petitions", "petitions", 3, "count"),
    ("pet.guided", "Hướng dẫn", "Petitioner guided", "petitions", "petitions", 3, "count"),
    ("pet.transferred", "Chuyển đơn", "Transferred", "petitions", "petitions", 3, "count"),
    ("pet.urged", "Đôn đốc giải quyết", "Follow-up urged", "petitions", "petitions", 3, "count"),
    # --- complaints and denunciations (Luật Khiếu nại, Luật Tố cáo)
    ("kntc.complaints_received", "Vụ việc khiếu nại thuộc thẩm quyền", "Complaint cases within competence", "cases", "petitions", 3, "count"),
    ("kntc.complaints_resolved", "Vụ việc khiếu nại đã giải quyết", "Complaint cases resolved", "cases", "petitions", 3, "count"),
    ("kntc.denunciations_received", "Vụ việc tố cáo thuộc thẩm quyền", "Denunciation cases within competence", "cases", "petitions", 3, "count"),
    ("kntc.denunciations_resolved", "Vụ việc tố cáo đã giải quyết", "Denunciation cases resolved", "cases", "petitions", 3, "count"),
    # --- citizen reception
    ("recep.sessions", "Lượt tiếp công dân", "Citizen reception sessions", "sessions", "reception", 3, "count"),
    ("recep.persons", "Số người được tiếp", "Persons received", "persons", "reception", 3, "count"),
    ("recep.cases", "Số vụ việc", "Cases raised", "cases", "reception", 3, "count"),
    ("recep.group_visits", "Đoàn đông người", "Group visits", "sessions", "reception", 3, "count"),
    ("acct.sessions_on_request", "Buổi giải trình theo yêu cầu", "Accountability sessions on request", "sessions", "reception", 3, "count"),
    ("acct.people_inspection_members", "Thành viên Ban Thanh tra nhân dân", "People's Inspection Board members", "persons", "reception", 3, "count"),
    # --- inspections
    ("insp.carried_over", "Cuộc thanh tra kỳ trước chuyển sang", "Inspections carried over", "inspections", "inspections", 4, "count"),
    ("insp.started", "Cuộc thanh tra triển khai trong kỳ", "Inspections started", "inspections", "inspections", 4, "count"),
    ("insp.total", "Tổng số cuộc thanh tra", "Inspections, total", "inspections", "inspections", 4, "count"),
    ("insp.planned", "Theo kế hoạch", "Planned", "inspections", "inspections", 4, "count"),
    ("insp.unannounced", "Đột xuất", "Unannounced", "inspections", "inspections", 4, "count"),
    ("insp.conclusions", "Kết luận thanh tra đã ban hành", "Conclusions issued", "inspections", "inspections", 4, "count"),
    ("insp.violation_money", "Vi phạm về tiền (triệu đồng)", "Violations, money (million VND)", "million_vnd", "inspections", 4, "amount"),
    ("insp.violation_land", "Vi phạm về đất (m²)", "Violations, land (m²)", "m2", "inspections", 4, "amount"),
    ("insp.recovery_recommended", "Kiến nghị thu hồi (triệu đồng)", "Recovery recommended (million VND)", "million_vnd", "inspections", 4, "amount"),
    ("insp.recovered", "Đã thu hồi (triệu đồng)", "Recovered (million VND)", "million_vnd", "inspections", 4, "amount"),
    ("insp.handling_collectives", "Kiến nghị xử lý hành chính - tập thể", "Administrative handling recommended, collectives", "units", "inspections", 4, "count"),
    ("insp.handling_individuals", "Kiến nghị xử lý hành chính - cá nhân", "Administrative handling recommended, individuals", "persons", "inspections", 4, "count"),
    ("insp.transferred_investigation", "Chuyển cơ quan điều tra", "Cases transferred to investigation", "cases", "inspections", 4, "count"),
    # --- anti-corruption (PCTN)
    ("ac.plans_issued", "Kế hoạch PCTN ban hành", "Anti-corruption plans issued", "documents", "anticorruption", 4, "count"),
    ("ac.documents_issued", "Văn bản chỉ đạo PCTN ban hành", "Anti-corruption documents issued", "documents", "anticorruption", 4, "count"),
    ("ac.outreach_sessions", "Buổi tuyên truyền PCTN", "Outreach sessions", "sessions", "anticorruption", 4, "count"),
    ("ac.outreach_attendees", "Lượt người tham dự tuyên truyền", "Outreach attendees", "persons", "anticorruption", 4, "count"),
    ("ac.job_rotations", "Chuyển đổi vị trí công tác", "Job rotations", "persons", "anticorruption", 4, "count"),
    ("ac.declarations_required", "Người phải kê khai tài sản, thu nhập", "Asset declarations required", "persons", "anticorruption", 4, "count"),
    ("ac.declarations_made", "Người đã kê khai", "Asset declarations made", "persons", "anticorruption", 4, "count"),
    ("ac.declarations_verified", "Người được xác minh", "Declarations verified", "persons", "anticorruption", 4, "count"),
    ("ac.declaration_violations", "Vi phạm kê khai", "Declaration violations", "persons", "anticorruption", 4, "count"),
    ("ac.cases", "Vụ việc tham nhũng phát hiện", "Corruption cases detected", "cases", "anticorruption", 4, "count"),
    ("ac.persons", "Người có hành vi tham nhũng", "Persons involved in corruption", "persons", "anticorruption", 4, "count"),
    ("ac.money", "Tiền, tài sản tham nhũng (triệu đồng)", "Money and assets involved (million VND)", "million_vnd", "anticorruption", 4, "amount"),
    ("ac.heads_responsible", "Người đứng đầu bị xử lý trách nhiệm", "Heads of units held responsible", "persons", "anticorruption", 4, "count"),
    ("ac.assets_recovered", "Tài sản tham nhũng đã thu hồi (triệu đồng)", "Assets recovered (million VND)", "million_vnd", "anticorruption", 4, "amount"),
    ("ac.prosecutions", "Vụ việc chuyển truy tố", "Prosecutions", "cases", "anticorruption", 4, "count"),
    # --- e-governance
    ("egov.docs_electronic_pct", "Tỷ lệ văn bản xử lý trên môi trường mạng (%)", "Documents handled electronically (%)", "percent", "egov", 8, "percent"),
    ("egov.staff_computers_pct", "Tỷ lệ CBCCVC có máy tính kết nối mạng (%)", "Staff with networked computers (%)", "percent", "egov", 8, "percent"),
    ("egov.digital_signature_pct", "Tỷ lệ văn bản đi ký số (%)", "Outgoing documents digitally signed (%)", "percent", "egov", 8, "percent"),
    # --- added for prose reports (issue 9); form "prose": read from prose reports, on no form
    # TTHC handling: statuses and rates reports state beside Biểu II.06a
    ("tthc.files_due", "Hồ sơ đến hạn giải quyết", "Files due for resolution", "files", "prose", 5, "count"),
    ("tthc.received_postal", "Tiếp nhận qua dịch vụ bưu chính công ích", "Received by public postal service", "files", "prose", 5, "count"),
    ("tthc.centre_visits", "Lượt người đến Bộ phận Một cửa", "Visits to the one-stop centre", "persons", "prose", 5, "count"),
    ("tthc.early_rate_stated", "Tỷ lệ giải quyết trước hạn (theo báo cáo)", "Early rate as stated", "percent", "prose", 5, "percent"),
    ("tthc.on_time_only_rate_stated", "Tỷ lệ giải quyết đúng hạn, không kể trước hạn (theo báo cáo)", "On-time-only rate as stated (early excluded)", "percent", "prose", 5, "percent"),
    ("tthc.late_rate_stated", "Tỷ lệ giải quyết quá hạn (theo báo cáo)", "Late rate as stated", "percent", "prose", 5, "percent"),
    ("tthc.returned_rate_stated", "Tỷ lệ hồ sơ trả lại, rút (theo báo cáo)", "Returned or withdrawn rate as stated", "percent", "prose", 5, "percent"),
    ("tthc.resolved_share_stated", "Tỷ lệ hồ sơ đã giải quyết trên số tiếp nhận (theo báo cáo)", "Resolved share of files received as stated", "percent", "prose", 5, "percent"),
    # procedures announced, posted and offered online
    ("catalog.announced", "TTHC được công bố", "Procedures announced", "procedures", "prose", 5, "count"),
    ("catalog.announced_new", "TTHC công bố mới, thay thế", "Procedures announced as new or replacing", "procedures", "prose", 5, "count"),
    ("catalog.announced_amended", "TTHC sửa đổi, bổ sung", "Procedures amended", "procedures", "prose", 5, "count"),
    ("catalog.announced_abolished", "TTHC bị bãi bỏ", "Procedures abolished", "procedures", "prose", 5, "count"),
    ("catalog.online", "TTHC cung cấp dịch vụ công trực tuyến", "Procedures offered online", "procedures", "prose", 8, "count"),
    ("catalog.online_share_stated", "Tỷ lệ TTHC cung cấp trực tuyến (theo báo cáo)", "Share of procedures offered online as stated", "percent", "prose", 8, "percent"),
    # procedures a citizen may file anywhere in the province, regardless of the administrative
    # boundary of residence (thủ tục hành chính không phụ thuộc địa giới hành chính), issue 18
    ("catalog.boundary_free", "TTHC, DVCTT thực hiện không phụ thuộc địa giới hành chính", "Procedures or online services usable regardless of administrative boundaries", "procedures", "prose", 5, "count"),
    ("catalog.boundary_free_full", "Trong đó: DVCTT toàn trình không phụ thuộc địa giới", "Of which fully online, regardless of boundaries", "procedures", "prose", 5, "count"),
    ("catalog.boundary_free_partial", "Trong đó: DVCTT một phần không phụ thuộc địa giới", "Of which partly online, regardless of boundaries", "procedures", "prose", 5, "count"),
    ("catalog.posted_pct", "Tỷ lệ TTHC được niêm yết công khai (%)", "Procedures publicly posted (%)", "percent", "prose", 2, "percent"),
    # complaints and denunciations: carried over, pending, by stage, both kinds together
    ("kntcx.received", "Vụ việc khiếu nại, tố cáo thuộc thẩm quyền", "Complaint and denunciation cases within competence", "cases", "prose", 3, "count"),
    ("kntcx.resolved", "Vụ việc khiếu nại, tố cáo đã giải quyết", "Complaint and denunciation cases resolved", "cases", "prose", 3, "count"),
    ("kntcx.complaints_carried_over", "Vụ việc khiếu nại kỳ trước chuyển sang", "Complaint cases carried over", "cases", "prose", 3, "count"),
    ("kntcx.complaints_pending", "Vụ việc khiếu nại đang giải quyết", "Complaint cases pending", "cases", "prose", 3, "count"),
    ("kntcx.denunciations_carried_over", "Vụ việc tố cáo kỳ trước chuyển sang", "Denunciation cases carried over", "cases", "prose", 3, "count"),
    ("kntcx.denunciations_pending", "Vụ việc tố cáo đang giải quyết", "Denunciation cases pending", "cases", "prose", 3, "count"),
    ("kntcx.complaints_first", "Khiếu nại lần đầu", "First-instance complaints", "cases", "prose", 3, "count"),
    ("kntcx.complaints_second", "Khiếu nại lần hai", "Second-instance complaints", "cases", "prose", 3, "count"),
    # citizen reception
    ("recepx.group_persons", "Số người trong đoàn đông người", "Persons in group visits", "persons", "prose", 3, "count"),
    # inspections beyond Biểu PA-04
    ("inspx.all_total", "Tổng số cuộc thanh tra (hành chính và chuyên ngành)", "Inspections of all kinds, total", "inspections", "prose", 4, "count"),
    ("inspx.specialised", "Cuộc thanh tra, kiểm tra chuyên ngành", "Specialised inspections and checks", "inspections", "prose", 4, "count"),
    ("inspx.specialised_conclusions", "Kết luận thanh tra, kiểm tra chuyên ngành", "Specialised inspection conclusions", "inspections", "prose", 4, "count"),
    ("inspx.responsibility", "Cuộc thanh tra, kiểm tra trách nhiệm", "Responsibility inspections and checks", "inspections", "prose", 4, "count"),
    ("inspx.responsibility_conclusions", "Kết luận thanh tra trách nhiệm", "Responsibility inspection conclusions", "inspections", "prose", 4, "count"),
    ("inspx.checks", "Cuộc kiểm tra", "Checks (kiểm tra)", "inspections", "prose", 4, "count"),
    ("inspx.subjects", "Đối tượng được thanh tra, kiểm tra", "Entities inspected", "entities", "prose", 4, "count"),
    ("inspx.units_violating", "Đơn vị có vi phạm", "Entities found in violation", "entities", "prose", 4, "count"),
    ("inspx.violations_found", "Trường hợp vi phạm phát hiện", "Violations found", "cases", "prose", 4, "count"),
    ("inspx.other_money", "Kiến nghị xử lý khác về kinh tế (triệu đồng)", "Other economic handling recommended (million VND)", "million_vnd", "prose", 4, "amount"),
    ("inspx.written_off_money", "Xuất toán, loại khỏi giá trị quyết toán (triệu đồng)", "Written off, excluded from settlement (million VND)", "million_vnd", "prose", 4, "amount"),
    ("inspx.land_recovery_recommended", "Kiến nghị thu hồi đất (m²)", "Land recovery recommended (m²)", "m2", "prose", 4, "amount"),
    ("inspx.land_other", "Kiến nghị xử lý khác về đất (m²)", "Other land handling recommended (m²)", "m2", "prose", 4, "amount"),
    ("inspx.plan_pct", "Tỷ lệ thực hiện kế hoạch thanh tra (%, có thể trên 100)", "Inspection plan fulfilment (%, may exceed 100)", "percent", "prose", 4, "amount"),
    ("inspx.conclusions_due", "Kết luận thanh tra đến hạn phải thực hiện", "Conclusions due for implementation", "inspections", "prose", 4, "count"),
    ("inspx.conclusions_implemented", "Kết luận thanh tra đã thực hiện xong", "Conclusions implemented", "inspections", "prose", 4, "count"),
    ("inspx.conclusions_not_implemented", "Kết luận thanh tra chưa thực hiện xong", "Conclusions not yet implemented", "inspections", "prose", 4, "count"),
    ("inspx.transferred_persons", "Đối tượng chuyển cơ quan điều tra", "Persons transferred to investigation", "persons", "prose", 4, "count"),
    # administrative sanctions
    ("sanc.decisions", "Quyết định xử phạt vi phạm hành chính", "Administrative sanction decisions", "documents", "prose", 4, "count"),
    ("sanc.fines", "Số tiền xử phạt vi phạm hành chính (triệu đồng)", "Administrative fines (million VND)", "million_vnd", "prose", 4, "amount"),
    ("sanc.fines_paid", "Tiền xử phạt đã nộp ngân sách (triệu đồng)", "Fines paid to the budget (million VND)", "million_vnd", "prose", 4, "amount"),
    ("sanc.organisations", "Tổ chức bị xử phạt", "Organisations fined", "units", "prose", 4, "count"),
    ("sanc.individuals", "Cá nhân bị xử phạt", "Individuals fined", "persons", "prose", 4, "count"),
    # discipline of officials
    ("disc.total", "Tập thể, cá nhân bị xem xét xử lý kỷ luật", "Collectives and individuals concerned by discipline", "persons", "prose", 4, "count"),
    ("disc.not_handled", "Chưa xử lý kỷ luật", "Discipline not yet decided", "persons", "prose", 4, "count"),
    ("disc.review_collectives", "Kiểm điểm rút kinh nghiệm - tập thể", "Reviewed to learn lessons, collectives", "units", "prose", 4, "count"),
    ("disc.review_individuals", "Kiểm điểm rút kinh nghiệm - cá nhân", "Reviewed to learn lessons, individuals", "persons", "prose", 4, "count"),
    ("disc.reprimand_collectives", "Khiển trách - tập thể", "Reprimanded, collectives", "units", "prose", 4, "count"),
    ("disc.reprimand_individuals", "Khiển trách - cá nhân", "Reprimanded, individuals", "persons", "prose", 4, "count"),
    ("disc.warning_collectives", "Cảnh cáo - tập thể", "Warned, collectives", "units", "prose", 4, "count"),
    ("disc.warning_individuals", "Cảnh cáo - cá nhân", "Warned, individuals", "persons", "prose", 4, "count"),
    ("disc.dismissal", "Cách chức", "Dismissed from post", "persons", "prose", 4, "count"),
    ("disc.expulsion", "Khai trừ (kỷ luật đảng viên)", "Expelled (party discipline)", "persons", "prose", 4, "count"),
    # criminal proceedings
    ("crim.cases_initiated", "Vụ án khởi tố", "Criminal cases initiated", "cases", "prose", 4, "count"),
    ("crim.cases_accepted", "Vụ việc, vụ án thụ lý", "Criminal cases accepted", "cases", "prose", 4, "count"),
    ("crim.defendants", "Bị can", "Defendants", "persons", "prose", 4, "count"),
    ("crim.proposed_prosecution", "Vụ đề nghị truy tố", "Cases proposed for prosecution", "cases", "prose", 4, "count"),
    # criminal proceedings by stage (issue 18): prosecution (truy tố) and trial (xét xử)
    ("crim.cases_prosecuted", "Vụ án truy tố", "Criminal cases indicted", "cases", "prose", 4, "count"),
    ("crim.defendants_prosecuted", "Bị can bị truy tố", "Defendants indicted", "persons", "prose", 4, "count"),
    ("crim.cases_tried", "Vụ án xét xử", "Criminal cases tried", "cases", "prose", 4, "count"),
    ("crim.defendants_tried", "Bị cáo xét xử", "Accused tried", "persons", "prose", 4, "count"),
    # corruption cases by the channel that detected them (issue 18)
    ("acx.cases_by_inspection", "Vụ việc tham nhũng phát hiện qua thanh tra, kiểm tra", "Corruption cases detected by inspection", "cases", "prose", 4, "count"),
    ("acx.cases_by_petitions", "Vụ việc tham nhũng phát hiện qua giải quyết khiếu nại, tố cáo", "Corruption cases detected through complaints and denunciations", "cases", "prose", 4, "count"),
    ("acx.cases_by_investigation", "Vụ việc tham nhũng phát hiện qua điều tra", "Corruption cases detected by investigation", "cases", "prose", 4, "count"),
    ("acx.cases_by_self_check", "Vụ việc tham nhũng phát hiện qua tự kiểm tra nội bộ", "Corruption cases detected by internal self-checks", "cases", "prose", 4, "count"),
    # recovery rates as stated (issue 18)
    ("inspx.recovery_rate_stated", "Tỷ lệ thu hồi tiền sau thanh tra (theo báo cáo)", "Recovery rate after inspection as stated", "percent", "prose", 4, "percent"),
    ("sanc.collection_rate_stated", "Tỷ lệ thu tiền xử phạt (theo báo cáo)", "Fine collection rate as stated", "percent", "prose", 4, "percent"),
    ("acx.recovery_rate_stated", "Tỷ lệ thu hồi tài sản tham nhũng (theo báo cáo)", "Corruption asset recovery rate as stated", "percent", "prose", 4, "percent"),
    # petitions within competence by kind, and cases resolved by outcome (issue 18)
    ("pet.competence_complaints", "Đơn khiếu nại thuộc thẩm quyền", "Complaints within competence", "petitions", "prose", 3, "count"),
    ("pet.competence_denunciations", "Đơn tố cáo thuộc thẩm quyền", "Denunciations within competence", "petitions", "prose", 3, "count"),
    ("pet.competence_proposals", "Đơn kiến nghị, phản ánh thuộc thẩm quyền", "Proposals within competence", "petitions", "prose", 3, "count"),
    ("kntcx.outcome_right", "Vụ việc giải quyết: khiếu nại, tố cáo đúng", "Cases resolved: complaint or denunciation right", "cases", "prose", 3, "count"),
    ("kntcx.outcome_partly", "Vụ việc giải quyết: đúng một phần", "Cases resolved: partly right", "cases", "prose", 3, "count"),
    ("kntcx.outcome_wrong", "Vụ việc giải quyết: khiếu nại, tố cáo sai", "Cases resolved: complaint or denunciation wrong", "cases", "prose", 3, "count"),
    # the same outcomes by kind, as the Inspectorate's forms on complaint and on denunciation
    # resolution split them (khiếu nại / tố cáo đúng, đúng một phần (có đúng có sai), sai)
    ("kntcx.complaints_right", "Vụ việc khiếu nại đúng", "Complaint cases found right", "cases", "prose", 3, "count"),
    ("kntcx.complaints_partly", "Vụ việc khiếu nại đúng một phần", "Complaint cases found partly right", "cases", "prose", 3, "count"),
    ("kntcx.complaints_wrong", "Vụ việc khiếu nại sai", "Complaint cases found wrong", "cases", "prose", 3, "count"),
    ("kntcx.denunciations_right", "Vụ việc tố cáo đúng", "Denunciation cases found right", "cases", "prose", 3, "count"),
    ("kntcx.denunciations_partly", "Vụ việc tố cáo đúng một phần", "Denunciation cases found partly right", "cases", "prose", 3, "count"),
    ("kntcx.denunciations_wrong", "Vụ việc tố cáo sai", "Denunciation cases found wrong", "cases", "prose", 3, "count"),
    # what the resolution of complaints and denunciations led to (not the inspections' columns)
    ("kntcx.transferred_investigation", "Vụ việc chuyển cơ quan điều tra qua giải quyết khiếu nại, tố cáo", "Cases transferred to investigation through complaint and denunciation resolution", "cases", "prose", 3, "count"),
    ("kntcx.persons_handled", "Người bị xử lý hành chính qua giải quyết khiếu nại, tố cáo", "Persons handled administratively through complaint and denunciation resolution", "persons", "prose", 3, "count"),
    # complaints and denunciations of both kinds still being resolved (issue 18)
    ("kntcx.pending", "Vụ việc khiếu nại, tố cáo đang giải quyết", "Complaint and denunciation cases pending", "cases", "prose", 3, "count"),
    # citizens' and businesses' feedback on administrative regulations (phản ánh, kiến nghị
    # về quy định hành chính, Nghị định 20/2008/NĐ-CP), issue 18; not petitions (đơn)
    ("pakn.received", "Phản ánh, kiến nghị tiếp nhận", "Feedback on regulations received", "feedback", "prose", 5, "count"),
    ("pakn.processed", "Phản ánh, kiến nghị đã xử lý, trả lời", "Feedback processed or answered", "feedback", "prose", 5, "count"),
    ("pakn.pending", "Phản ánh, kiến nghị đang xử lý", "Feedback being processed", "feedback", "prose", 5, "count"),
    ("pakn.transferred", "Phản ánh, kiến nghị chuyển cơ quan có thẩm quyền", "Feedback forwarded to the competent body", "feedback", "prose", 5, "count"),
    ("pakn.processed_rate_stated", "Tỷ lệ phản ánh, kiến nghị đã xử lý (theo báo cáo)", "Feedback processed, share as stated", "percent", "prose", 5, "percent"),
    ("pakn.via_portal", "Phản ánh, kiến nghị qua Cổng Dịch vụ công quốc gia", "Feedback received through the national public service portal", "feedback", "prose", 5, "count"),
    ("pakn.hotline_1022", "Lượt liên hệ Tổng đài 1022 (thông tin, phản ánh, kiến nghị)", "Contacts with the 1022 hotline (information, feedback)", "contacts", "prose", 5, "count"),
    # asset declarations as forms (bản kê khai), apart from persons who declared
    ("acx.declaration_forms", "Bản kê khai tài sản, thu nhập đã tiếp nhận", "Asset declaration forms received", "documents", "prose", 4, "count"),
    # composite indices: score, maximum, rank and the number ranked
    ("idx.papi_score", "Điểm Chỉ số PAPI", "PAPI score", "points", "prose", 1, "amount"),
    ("idx.papi_max", "Điểm tối đa Chỉ số PAPI", "PAPI maximum score", "points", "prose", 1, "amount"),
    ("idx.papi_rank", "Xếp hạng Chỉ số PAPI", "PAPI rank", "rank", "prose", 1, "count"),
    ("idx.papi_rank_of", "Số tỉnh được xếp hạng PAPI", "Provinces ranked in PAPI", "rank", "prose", 1, "count"),
    ("idx.papi_dimension", "Điểm chỉ số nội dung PAPI", "PAPI dimension score", "points", "prose", 1, "amount"),
    ("idx.par_score", "Chỉ số cải cách hành chính (PAR INDEX)", "PAR INDEX score", "points", "prose", 5, "amount"),
    ("idx.par_rank", "Xếp hạng PAR INDEX", "PAR INDEX rank", "rank", "prose", 5, "count"),
    ("idx.par_rank_of", "Số đơn vị được xếp hạng PAR INDEX", "Units ranked in PAR INDEX", "rank", "prose", 5, "count"),
    ("idx.sipas_score", "Chỉ số hài lòng SIPAS", "SIPAS satisfaction score", "points", "prose", 5, "amount"),
    ("idx.sipas_rank", "Xếp hạng SIPAS", "SIPAS rank", "rank", "prose", 5, "count"),
    ("idx.sipas_rank_of", "Số đơn vị được xếp hạng SIPAS", "Units ranked in SIPAS", "rank", "prose", 5, "count"),
    ("idx.pci_score", "Chỉ số năng lực cạnh tranh cấp tỉnh (PCI)", "PCI score", "points", "prose", None, "amount"),
    ("idx.pci_rank", "Xếp hạng PCI", "PCI rank", "rank", "prose", None, "count"),
    ("idx.pci_rank_of", "Số tỉnh được xếp hạng PCI", "Provinces ranked in PCI", "rank", "prose", None, "count"),
    ("idx.dvc_score", "Chỉ số phục vụ người dân, doanh nghiệp (Bộ chỉ số 766)", "Service index for citizens and businesses (766)", "points", "prose", 5, "amount"),
    ("idx.dvc_max", "Điểm tối đa Bộ chỉ số 766", "Service index (766) maximum score", "points", "prose", 5, "amount"),
    ("idx.dvc_rank", "Xếp hạng Bộ chỉ số 766", "Service index (766) rank", "rank", "prose", 5, "count"),
    ("idx.dvc_rank_of", "Số đơn vị được xếp hạng Bộ chỉ số 766", "Units ranked in the service index (766)", "rank", "prose", 5, "count"),
]

CATALOGUE: dict[str, Indicator] = {
    r[0]: Indicator(code=r[0], vi=r[1], en=r[2], unit=r[3], form=r[4], dimension=r[5],
                    group=r[0].split(".")[0], kind=r[6])
    for r in _ROWS
}


@dataclass(frozen=True)
class Identity:
    """An arithmetic rule between indicators of one agency, period and field.

    ``op`` is ``"="`` (total equals the sum of parts) or ``"<="`` (parts at most the total).
    ``severity`` is ``"error"`` for rules of the form itself and ``"warning"`` for rules that
    real data legitimately breaks (withdrawn files break resolved + pending = total).
    """

    rule: str
    total: str
    parts: tuple[str, ...]
    op: str = "="
    severity: str = "error"
    vi: str = ""
    en: str = ""


IDENTITIES: tuple[Identity, ...] = (
    Identity("tthc.total_sources", "tthc.files_total",
             ("tthc.received_online", "tthc.received_offline", "tthc.carried_over"),
             vi="(3) = (4) + (5) + (6)", en="(3) = (4) + (5) + (6)"),
    Identity("tthc.received_split", "tthc.received_in_period",
             ("tthc.received_online", "tthc.received_offline"),
             vi="tiếp nhận trong kỳ = (4) + (5)", en="received in period = (4) + (5)"),
    Identity("tthc.resolved_split", "tthc.resolved_total",
             ("tthc.resolved_early", "tthc.resolved_on_time", "tthc.resolved_late"),
             vi="(7) = (8) + (9) + (10)", en="(7) = (8) + (9) + (10)"),
    Identity("tthc.early_on_time_split", "tthc.resolved_early_on_time",
             ("tthc.resolved_early", "tthc.resolved_on_time"),
             vi="trước hạn và đúng hạn = (8) + (9)", en="early or on time = (8) + (9)"),
    Identity("tthc.pending_split", "tthc.pending_total",
             ("tthc.pending_in_time", "tthc.pending_overdue"),
             vi="(11) = (12) + (13)", en="(11) = (12) + (13)"),
    Identity("tthc.balance", "tthc.files_total",
             ("tthc.resolved_total", "tthc.pending_total", "tthc.returned_withdrawn"),
             severity="warning",
             vi="(3) = (7) + (11) (+ hồ sơ trả lại, rút nếu có)",
             en="(3) = (7) + (11) (+ returned or withdrawn files, if any)"),
    Identity("proc.online_within_total", "proc.total",
             ("proc.full_online", "proc.partial_online"), op="<=",
             vi="toàn trình + một phần ≤ tổng số TTHC",
             en="fully + partly online ≤ all procedures"),
    Identity("pet.total_sources", "pet.total", ("pet.carried_over", "pet.received"),
             vi="tổng số đơn = kỳ trước chuyển sang + tiếp nhận trong kỳ",
             en="total = carried over + received"),
    Identity("pet.eligible_within_total", "pet.total", ("pet.eligible",), op="<=",
             vi="đơn đủ điều kiện ≤ tổng số đơn", en="eligible ≤ total"),
    Identity("pet.by_content", "pet.eligible", ("pet.complaints", "pet.denunciations", "pet.proposals"),
             vi="đủ điều kiện = khiếu nại + tố cáo + kiến nghị, phản ánh",
             en="eligible = complaints + denunciations + proposals"),
    Identity("pet.by_status", "pet.eligible", ("pet.resolved", "pet.in_progress", "pet.not_started"),
             vi="đủ điều kiện = đã + đang + chưa giải quyết",
             en="eligible = resolved + in progress + not started"),
    Identity("pet.by_competence", "pet.eligible", ("pet.within_competence", "pet.outside_competence"),
             vi="đủ điều kiện = thuộc + không thuộc thẩm quyền",
             en="eligible = within + outside competence"),
    Identity("pet.outside_split", "pet.outside_competence", ("pet.guided", "pet.transferred", "pet.urged"),
             vi="không thuộc thẩm quyền = hướng dẫn + chuyển đơn + đôn đốc",
             en="outside competence = guided + transferred + urged"),
    Identity("pet.resolved_within_competence", "pet.within_competence", ("pet.resolved",),
             op="<=", severity="warning",
             vi="đã giải quyết ≤ thuộc thẩm quyền (tỷ lệ giải quyết không vượt 100%)",
             en="resolved ≤ within competence (resolution rate at most 100%)"),
    Identity("kntc.complaints_resolved_le", "kntc.complaints_received", ("kntc.complaints_resolved",),
             op="<=", vi="khiếu nại đã giải quyết ≤ thuộc thẩm quyền",
             en="complaints resolved ≤ within competence"),
    Identity("kntc.denunciations_resolved_le", "kntc.denunciations_received",
             ("kntc.denunciations_resolved",), op="<=",
             vi="tố cáo đã giải quyết ≤ thuộc thẩm quyền",
             en="denunciations resolved ≤ within competence"),
    Identity("recep.group_le_persons", "recep.persons", ("recep.group_visits",), op="<=",
             severity="warning", vi="đoàn đông người ≤ số người được tiếp",
             en="group visits ≤ persons received"),
    Identity("insp.total_sources", "insp.total", ("insp.carried_over", "insp.started"),
             vi="tổng số cuộc = kỳ trước chuyển sang + triển khai trong kỳ",
             en="total = carried over + started"),
    Identity("insp.by_kind", "insp.total", ("insp.planned", "insp.unannounced"),
             vi="tổng số cuộc = theo kế hoạch + đột xuất", en="total = planned + unannounced"),
    Identity("insp.conclusions_le", "insp.total", ("insp.conclusions",), op="<=",
             vi="kết luận ≤ tổng số cuộc", en="conclusions ≤ inspections"),
    Identity("insp.recovered_le", "insp.recovery_recommended", ("insp.recovered",), op="<=",
             severity="warning", vi="đã thu hồi ≤ kiến nghị thu hồi",
             en="recovered ≤ recovery recommended"),
    Identity("ac.declarations_le", "ac.declarations_required", ("ac.declarations_made",), op="<=",
             vi="đã kê khai ≤ phải kê khai", en="declarations made ≤ required"),
    Identity("ac.verified_le", "ac.declarations_made", ("ac.declarations_verified",), op="<=",
             vi="được xác minh ≤ đã kê khai", en="verified ≤ made"),
    # families added for prose reports (issue 9)
    Identity("catalog.announced_split", "catalog.announced",
             ("catalog.announced_new", "catalog.announced_amended", "catalog.announced_abolished"),
             severity="warning", vi="TTHC công bố = mới, thay thế + sửa đổi, bổ sung + bãi bỏ",
             en="announced = new or replacing + amended + abolished"),
    Identity("catalog.boundary_free_split", "catalog.boundary_free",
             ("catalog.boundary_free_full", "catalog.boundary_free_partial"),
             severity="warning", vi="không phụ thuộc địa giới = toàn trình + một phần",
             en="regardless of boundaries = fully online + partly online"),
    Identity("tthc.due_le_total", "tthc.files_total", ("tthc.files_due",), op="<=",
             severity="warning", vi="hồ sơ đến hạn ≤ hồ sơ nhận giải quyết",
             en="files due ≤ files to handle"),
    Identity("inspx.all_total_ge", "inspx.all_total", ("insp.total", "inspx.specialised"),
             op="<=", severity="warning",
             vi="tổng số cuộc (hành chính + chuyên ngành) ≥ từng loại",
             en="all inspections ≥ administrative + specialised"),
    Identity("kntcx.resolved_le", "kntcx.received", ("kntcx.resolved",), op="<=",
             vi="vụ việc khiếu nại, tố cáo đã giải quyết ≤ thuộc thẩm quyền",
             en="cases resolved ≤ cases within competence"),
    Identity("idx.papi_score_le_max", "idx.papi_max", ("idx.papi_score",), op="<=",
             vi="điểm PAPI ≤ điểm tối đa", en="PAPI score ≤ its maximum"),
    Identity("idx.dvc_score_le_max", "idx.dvc_max", ("idx.dvc_score",), op="<=",
             vi="điểm Bộ chỉ số 766 ≤ điểm tối đa", en="service index score ≤ its maximum"),
)


def get(code: str) -> Indicator:
    """Return the indicator with ``code``.

    Raises
    ------
    IndicatorError
        If the code is unknown; the message suggests the closest codes.
    """
    try:
        return CATALOGUE[code]
    except KeyError:
        close = difflib.get_close_matches(str(code), list(CATALOGUE), n=3, cutoff=0.5)
        sug = ", ".join(close) if close else "papi-analysis indicators"
        raise IndicatorError(
            f"Chỉ tiêu “{code}” không có trong danh mục.",
            f"Indicator “{code}” is not in the catalogue.",
            hint_vi=f"Có phải: {sug}? Xem danh mục bằng lệnh `papi-analysis indicators`.",
            hint_en=f"Did you mean: {sug}? List them with `papi-analysis indicators`.",
        ) from None


def label(code: str, lang: str = "vi") -> str:
    """The label of ``code`` in ``lang``."""
    return get(code).label(lang)


def unit_label(code: str, lang: str = "vi") -> str:
    """The unit of ``code`` in ``lang`` ("hồ sơ" / "files")."""
    vi, en = UNITS[get(code).unit]
    return vi if lang == "vi" else en


def of_group(group: str) -> list[str]:
    """Codes of one group, in catalogue order."""
    return [c for c, i in CATALOGUE.items() if i.group == group]


def table(lang: str = "vi") -> pd.DataFrame:
    """The catalogue as a DataFrame (code, label, unit, form, dimension, kind)."""
    return pd.DataFrame(
        [
            {"code": i.code, "label_vi": i.vi, "label_en": i.en, "unit": i.unit,
             "form": i.form, "papi_dimension": i.dimension, "kind": i.kind}
            for i in CATALOGUE.values()
        ]
    )


def markdown(df: pd.DataFrame | None = None) -> str:
    """The catalogue (or a slice of :func:`table`) and the identities as Markdown tables."""
    df = table() if df is None else df
    lines = ["| code | Vietnamese | English | unit | form | PAPI dim. | kind |",
             "|---|---|---|---|---|---|---|"]
    for r in df.itertuples(index=False):
        dim = "" if r.papi_dimension is None or pd.isna(r.papi_dimension) else f"D{int(r.papi_dimension)}"
        lines.append(f"| `{r.code}` | {r.label_vi} | {r.label_en} | {r.unit} | {r.form} | {dim} | {r.kind} |")
    lines += ["", "Identities (checked by `papi-analysis validate` within one agency, period and field):",
              "", "| rule | check | severity |", "|---|---|---|"]
    for i in IDENTITIES:
        op = " = " if i.op == "=" else " ≥ "
        lines.append(f"| `{i.rule}` | `{i.total}`{op}{' + '.join(f'`{p}`' for p in i.parts)} "
                     f"({i.en}) | {i.severity} |")
    return "\n".join(lines) + "\n"
