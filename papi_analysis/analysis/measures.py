"""Measures: what a comparison-table row shows, and the lists of rows each appendix uses.

A *measure* is a catalogue indicator, a figure derived from others (received in period =
online + in person) or a rate.  Each rate carries its definition (DOMAIN §4, §5) -- its
numerator and denominator -- so every table can say which one it uses.  The lists
(:data:`TTHC`, :data:`PROCEDURES`, :data:`ANTICORRUPTION` …) are the rows of the appendix
tables, in display order; :mod:`papi_analysis.analysis.comparison` computes their values.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..model import indicators


@dataclass(frozen=True)
class Measure:
    """A table row: an indicator, a derived count or a rate.

    ``terms`` lists alternatives, each a tuple of indicator codes to add up; the first
    alternative an agency reports completely is used (a stated total wins over the sum of
    its parts).  For a rate, ``terms`` is the numerator and ``denominator`` the denominator,
    both per agency, and the rate is ``100 * Σ numerator / Σ denominator`` over agencies that
    report both.
    """

    code: str
    kind: str  # "count", "amount", "rate" (computed, in %), "percent" (stated, in %)
    terms: tuple[tuple[str, ...], ...]
    denominator: tuple[tuple[str, ...], ...] = ()
    vi: str = ""
    en: str = ""
    definition_vi: str = ""
    definition_en: str = ""
    unit: str = ""  # a key of indicators.UNITS; "" = the unit of the first term
    #: True when the alternatives count different things (cases vs petitions): two periods
    #: are then compared only if every agency used the same alternative in both.
    same_basis: bool = False
    #: For a rate a report states itself: the code of the measure that computes it from the
    #: counts, so that a table can show both and flag a difference.  Rows of such measures
    #: are left out silently when the report states nothing.
    stated_of: str = ""

    def label(self, lang: str = "vi") -> str:
        """The row label in ``lang``."""
        own = self.vi if lang == "vi" else self.en
        return own or indicators.label(self._catalogue_code, lang)

    def definition(self, lang: str = "vi") -> str:
        """How the figure is computed, in ``lang`` ("" for a plain indicator)."""
        return self.definition_vi if lang == "vi" else self.definition_en

    def unit_label(self, lang: str = "vi") -> str:
        """The unit in ``lang`` ("hồ sơ", "%")."""
        if self.is_rate:
            return "%"
        key = self.unit or indicators.get(self._catalogue_code).unit
        vi, en = indicators.UNITS[key]
        return vi if lang == "vi" else en

    @property
    def is_rate(self) -> bool:
        """True for percentages, whose changes are in percentage points."""
        return self.kind in ("rate", "percent")

    @property
    def _catalogue_code(self) -> str:
        """The catalogue indicator that names the measure: itself, else its first term."""
        return self.code if self.code in indicators.CATALOGUE else self.terms[0][0]

    def codes(self) -> set[str]:
        """Every indicator code the measure may read."""
        return {c for alt in self.terms + self.denominator for c in alt}


def indicator(code: str) -> Measure:
    """The measure that shows one catalogue indicator as it is."""
    ind = indicators.get(code)
    return Measure(code, ind.kind, ((code,),))


MEASURES: dict[str, Measure] = {}


def _register(*items: Measure) -> tuple[Measure, ...]:
    for m in items:
        MEASURES[m.code] = m
    return items


def get(code: str) -> Measure:
    """The measure with ``code``: a registered one, else the catalogue indicator itself."""
    return MEASURES[code] if code in MEASURES else indicator(code)


_I = indicator
_T = "tthc."
ON_TIME = Measure(
    "rate.tthc_on_time", "rate",
    ((_T + "resolved_early", _T + "resolved_on_time"), (_T + "resolved_early_on_time",)),
    ((_T + "resolved_total",),),
    "Tỷ lệ giải quyết trước hạn và đúng hạn", "On-time rate (early or on time)",
    "(trước hạn + đúng hạn) / đã giải quyết; dùng số “trước hạn và đúng hạn” khi báo cáo "
    "không tách hai cột (8), (9)",
    "(early + on time) / resolved; the combined “early or on time” figure is used where a "
    "report does not split columns (8) and (9)",
)
ONLINE_SHARE = Measure(
    "rate.tthc_online_received", "rate",
    ((_T + "received_online",),),
    ((_T + "received_in_period",), (_T + "received_online", _T + "received_offline")),
    "Tỷ lệ tiếp nhận trực tuyến (hồ sơ tiếp nhận trong kỳ)",
    "Online share (files received in period)",
    "trực tuyến / tiếp nhận trong kỳ, tức (4) / [(4) + (5)]",
    "online / received in period, i.e. (4) / [(4) + (5)]",
)
ONLINE_SHARE_ALL = Measure(
    "rate.tthc_online_all", "rate",
    ((_T + "received_online",),),
    ((_T + "files_total",), (_T + "received_online", _T + "received_offline", _T + "carried_over")),
    "Tỷ lệ trực tuyến trên tổng hồ sơ (kể cả kỳ trước chuyển qua)",
    "Online share of all files (incl. carried over)",
    "trực tuyến / tổng số hồ sơ nhận giải quyết, tức (4) / (3)",
    "online / all files to handle, i.e. (4) / (3)",
)
STATED_ON_TIME = Measure(
    _T + "on_time_rate_stated", "percent", ((_T + "on_time_rate_stated",),),
    vi="Tỷ lệ giải quyết trước hạn và đúng hạn (theo báo cáo)",
    en="On-time rate (early or on time), as stated",
    definition_vi="tỷ lệ đơn vị tự nêu trong báo cáo, không tính lại",
    definition_en="the rate the agency states in its report, not recomputed",
    stated_of=ON_TIME.code,
)
STATED_ONLINE_SHARE = Measure(
    _T + "online_share_stated", "percent", ((_T + "online_share_stated",),),
    vi="Tỷ lệ tiếp nhận trực tuyến (theo báo cáo)", en="Online share, as stated",
    definition_vi="tỷ lệ đơn vị tự nêu trong báo cáo, không tính lại; so với tỷ lệ tính trên "
    "hồ sơ tiếp nhận trong kỳ",
    definition_en="the rate the agency states in its report, not recomputed; compared with "
    "the share of files received in the period",
    stated_of=ONLINE_SHARE.code,
)
FILES_TOTAL = Measure(
    _T + "files_total", "count",
    ((_T + "files_total",), (_T + "received_online", _T + "received_offline", _T + "carried_over")),
)
RECEIVED = Measure(
    _T + "received_in_period", "count",
    ((_T + "received_in_period",), (_T + "received_online", _T + "received_offline")),
)
RESOLVED = Measure(
    _T + "resolved_total", "count",
    ((_T + "resolved_total",),
     (_T + "resolved_early", _T + "resolved_on_time", _T + "resolved_late")),
)
EARLY_ON_TIME = Measure(
    _T + "resolved_early_on_time", "count",
    ((_T + "resolved_early_on_time",), (_T + "resolved_early", _T + "resolved_on_time")),
)
PENDING = Measure(
    _T + "pending_total", "count",
    ((_T + "pending_total",), (_T + "pending_in_time", _T + "pending_overdue")),
)
FULL_ONLINE_SHARE = Measure(
    "rate.proc_full_online", "rate", (("proc.full_online",),), (("proc.total",),),
    "Tỷ lệ TTHC trực tuyến toàn trình", "Share of procedures fully online",
    "TTHC trực tuyến toàn trình / tổng số TTHC", "procedures fully online / all procedures",
)
ONLINE_PROC_SHARE = Measure(
    "rate.proc_online", "rate", (("proc.full_online", "proc.partial_online"),), (("proc.total",),),
    "Tỷ lệ TTHC trực tuyến (toàn trình và một phần)",
    "Share of procedures online (full or partial)",
    "(toàn trình + một phần) / tổng số TTHC", "(fully + partly online) / all procedures",
)

#: Rows of the TTHC comparison table, in display order.
TTHC = _register(
    FILES_TOTAL, RECEIVED, _I(_T + "received_online"), _I(_T + "received_offline"),
    _I(_T + "carried_over"), RESOLVED, EARLY_ON_TIME, _I(_T + "resolved_early"),
    _I(_T + "resolved_on_time"), _I(_T + "resolved_late"), PENDING, _I(_T + "pending_in_time"),
    _I(_T + "pending_overdue"), ON_TIME, STATED_ON_TIME, ONLINE_SHARE, STATED_ONLINE_SHARE,
    ONLINE_SHARE_ALL,
)
#: Rows of the procedure catalogue table.
PROCEDURES = _register(_I("proc.total"), _I("proc.full_online"), _I("proc.partial_online"),
                       FULL_ONLINE_SHARE, ONLINE_PROC_SHARE)
#: Columns of the TTHC breakdown by agency or field.
TTHC_BREAKDOWN = (FILES_TOTAL, RESOLVED, _I(_T + "resolved_late"), _I(_T + "pending_overdue"),
                  ON_TIME, ONLINE_SHARE)

PET_RESOLUTION = Measure(
    "rate.pet_resolution", "rate", (("pet.resolved",),), (("pet.within_competence",),),
    "Tỷ lệ giải quyết đơn thuộc thẩm quyền", "Resolution rate (petitions within competence)",
    "đơn đã giải quyết / đơn thuộc thẩm quyền (Biểu 01/XLD)",
    "petitions resolved / petitions within competence (form 01/XLD)",
)
COMPLAINT_RESOLUTION = Measure(
    "rate.kntc_complaints", "rate", (("kntc.complaints_resolved",),),
    (("kntc.complaints_received",),),
    "Tỷ lệ giải quyết khiếu nại thuộc thẩm quyền", "Complaints resolved (within competence)",
    "vụ việc khiếu nại đã giải quyết / vụ việc khiếu nại thuộc thẩm quyền",
    "complaint cases resolved / complaint cases within competence",
)
DENUNCIATION_RESOLUTION = Measure(
    "rate.kntc_denunciations", "rate", (("kntc.denunciations_resolved",),),
    (("kntc.denunciations_received",),),
    "Tỷ lệ giải quyết tố cáo thuộc thẩm quyền", "Denunciations resolved (within competence)",
    "vụ việc tố cáo đã giải quyết / vụ việc tố cáo thuộc thẩm quyền",
    "denunciation cases resolved / denunciation cases within competence",
)
DECLARATION_RATE = Measure(
    "rate.ac_declarations", "rate", (("ac.declarations_made",),), (("ac.declarations_required",),),
    "Tỷ lệ kê khai tài sản, thu nhập", "Asset declarations made",
    "người đã kê khai / người phải kê khai", "declarations made / declarations required",
)
RECOVERY_RATE = Measure(
    "rate.insp_recovery", "rate", (("insp.recovered",),), (("insp.recovery_recommended",),),
    "Tỷ lệ thu hồi so với kiến nghị", "Recovered as share of recovery recommended",
    "đã thu hồi / kiến nghị thu hồi (triệu đồng)", "recovered / recovery recommended (million VND)",
)
PET_TOTAL = Measure("pet.total", "count", (("pet.total",), ("pet.carried_over", "pet.received")))
INSP_TOTAL = Measure("insp.total", "count",
                     (("insp.total",), ("insp.carried_over", "insp.started")))
KNTC_CASES = Measure(
    "sum.kntc_cases", "count", (("kntc.complaints_received", "kntc.denunciations_received"),
                                ("pet.complaints", "pet.denunciations")),
    vi="Khiếu nại, tố cáo (vụ việc hoặc đơn)", en="Complaints and denunciations",
    definition_vi="vụ việc khiếu nại + tố cáo thuộc thẩm quyền; nếu không có, đơn khiếu nại + "
    "đơn tố cáo", definition_en="complaint + denunciation cases within competence; where "
    "not reported, complaint + denunciation petitions",
    unit="cases", same_basis=True,
)

#: Anti-corruption (PCTN) rows.
ANTICORRUPTION = _register(
    _I("ac.plans_issued"), _I("ac.documents_issued"), _I("ac.outreach_sessions"),
    _I("ac.outreach_attendees"), _I("ac.job_rotations"), _I("ac.declarations_required"),
    _I("ac.declarations_made"), DECLARATION_RATE, _I("ac.declarations_verified"),
    _I("ac.declaration_violations"), _I("ac.cases"), _I("ac.persons"), _I("ac.money"),
    _I("ac.heads_responsible"), _I("ac.assets_recovered"), _I("ac.prosecutions"),
)
#: Citizen reception and petition rows.
PETITIONS = _register(
    _I("recep.sessions"), _I("recep.persons"), _I("recep.cases"), _I("recep.group_visits"),
    _I("acct.sessions_on_request"), _I("acct.people_inspection_members"),
    _I("pet.carried_over"), _I("pet.received"), PET_TOTAL, _I("pet.eligible"),
    _I("pet.complaints"), _I("pet.denunciations"), _I("pet.proposals"),
    _I("pet.within_competence"), _I("pet.outside_competence"), _I("pet.resolved"),
    _I("pet.in_progress"), _I("pet.not_started"), PET_RESOLUTION,
)
#: Complaint and denunciation case rows.
COMPLAINTS = _register(
    _I("kntc.complaints_received"), _I("kntc.complaints_resolved"), COMPLAINT_RESOLUTION,
    _I("kntc.denunciations_received"), _I("kntc.denunciations_resolved"),
    DENUNCIATION_RESOLUTION,
)
#: Inspection rows.
INSPECTIONS = _register(
    _I("insp.carried_over"), _I("insp.started"), INSP_TOTAL, _I("insp.planned"),
    _I("insp.unannounced"), _I("insp.conclusions"), _I("insp.violation_money"),
    _I("insp.violation_land"), _I("insp.recovery_recommended"), _I("insp.recovered"),
    RECOVERY_RATE, _I("insp.handling_collectives"), _I("insp.handling_individuals"),
    _I("insp.transferred_investigation"),
)
#: What inspections led to: inspections of every kind, money and land recommended for
#: handling, conclusions carried out, persons transferred (read from prose reports).
INSPECTION_RESULTS = _register(
    _I("inspx.all_total"), _I("inspx.specialised"), _I("inspx.checks"),
    _I("inspx.units_violating"), _I("inspx.other_money"), _I("inspx.written_off_money"),
    _I("inspx.land_recovery_recommended"), _I("inspx.land_other"),
    _I("inspx.conclusions_due"), _I("inspx.conclusions_implemented"),
    _I("inspx.conclusions_not_implemented"), _I("inspx.transferred_persons"),
)
#: Administrative sanctions, discipline and criminal proceedings (read from prose reports).
SANCTIONS = _register(
    _I("sanc.decisions"), _I("sanc.fines"), _I("sanc.fines_paid"), _I("sanc.organisations"),
    _I("sanc.individuals"), _I("disc.total"), _I("disc.review_collectives"),
    _I("disc.review_individuals"), _I("disc.reprimand_collectives"),
    _I("disc.reprimand_individuals"), _I("disc.warning_collectives"),
    _I("disc.warning_individuals"), _I("disc.dismissal"), _I("disc.not_handled"),
    _I("crim.cases_accepted"), _I("crim.cases_initiated"), _I("crim.defendants"),
    _I("crim.proposed_prosecution"),
)
#: Columns of the anti-corruption breakdown by agency.
AC_BREAKDOWN = _register(_I("pet.received"), PET_RESOLUTION, KNTC_CASES, INSP_TOTAL,
                         _I("ac.cases"))
PET_OPEN = Measure(
    "sum.pet_open", "count", (("pet.in_progress", "pet.not_started"),),
    vi="Đơn chưa giải quyết xong", en="Petitions not yet resolved",
    definition_vi="đơn đang giải quyết + chưa giải quyết", definition_en="petitions being "
    "resolved + not yet started", unit="petitions",
)
#: The leadership summary: a handful of figures with their direction.
SUMMARY = (FILES_TOTAL, ON_TIME, ONLINE_SHARE, _I("tthc.pending_overdue"), _I("pet.received"),
           PET_RESOLUTION, INSP_TOTAL, _I("ac.cases"))
#: What makes a department need attention: (measure, the worst end, Vietnamese, English).
ATTENTION = ((ON_TIME, "lowest", "Tỷ lệ giải quyết đúng hạn thấp nhất", "Lowest on-time rate"),
             (_I("tthc.pending_overdue"), "highest", "Nhiều hồ sơ quá hạn nhất",
              "Most files overdue"),
             (PET_OPEN, "highest", "Nhiều đơn chưa giải quyết xong nhất",
              "Most petitions not yet resolved"))
_register(PET_OPEN, *SUMMARY)
#: Key figures of the overview appendix.
OVERVIEW = (FILES_TOTAL, RESOLVED, ON_TIME, ONLINE_SHARE, _I("pet.received"), PET_RESOLUTION,
            KNTC_CASES, INSP_TOTAL, _I("ac.cases"))
