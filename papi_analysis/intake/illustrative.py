"""The ILLUSTRATIVE panel: made-up half-year figures for every Hưng Yên department, 2022–2024.

Only one real departmental submission exists (SKHCN, 2024-H1, ``data/submissions/``).  The
notebooks still need several agencies and periods to compare, so this module generates a
panel with realistic magnitudes that obeys every identity of the forms and the carry-over
chain, except for a few deliberate, documented faults (:data:`ANOMALIES`) that the
data-quality checks must find.  None of these numbers is real; every row says so
(``illustrative=True``) and the file name says so too.

It agrees with the real seed: nothing is generated for (SKHCN, 2024-H1); SKHCN's files
pending at the end of 2023-H2 are 5 (the seed's "kỳ trước chuyển sang là 05 hồ sơ") and
nothing carries into 2024-H2 (the seed resolved all 281).  No corruption case is invented
for any real, named agency: ``ac.cases`` is 0 throughout.

Reproducible: only ``random.Random(str).random()`` is used, whose sequence Python
guarantees across versions, so a seed gives byte-identical output.
``python -m papi_analysis.intake.illustrative [--out DIR] [--seed N]`` writes the CSV.
"""

from __future__ import annotations

import argparse
import csv
import io
import random
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from .. import config
from ..model import agencies, indicators, periods, schema

SEED = 20240614
OUT_NAME = "hung_yen_panel_illustrative.csv"
#: ``source_file`` of every row: the shipped file, relative to the data folder (as the
#: submission reader names it).
SOURCE_FILE = f"{config.ILLUSTRATIVE_DIR.name}/{OUT_NAME}"
CSV_COLUMNS = ["agency", "period", "indicator", "value", "field", "illustrative", "source_text",
               "note"]
PERIODS = [p.code for p in periods.span("2022-H1", "2024-H2")]
#: (agency, period) pairs the real submissions supply: never generated.
REAL = {("SKHCN", "2024-H1")}


@dataclass(frozen=True)
class Anomaly:
    """A deliberate fault in the panel, with the rule a checker should report."""

    agency: str
    period: str
    field: str
    indicator: str
    rule: str
    vi: str
    en: str


ANOMALIES: tuple[Anomaly, ...] = (
    Anomaly("SLDTBXH", "2023-H2", "", "tthc.carried_over", "chain.carry_over",
            "Số hồ sơ kỳ trước chuyển qua ít hơn 9 so với số đang giải quyết cuối 2023-H1.",
            "Carried-over files are 9 fewer than the files pending at the end of 2023-H1."),
    Anomaly("SNNPTNT", "2024-H1", "", "tthc.files_total", "tthc.balance",
            "7 hồ sơ bị rút, trả lại nhưng không báo cáo: (3) ≠ (7) + (11).",
            "7 files were withdrawn or returned but not reported: (3) ≠ (7) + (11)."),
    Anomaly("SCT", "2022-H2", "", "tthc.pending_in_time", "tthc.pending_split",
            "Lỗi gõ số: hai chữ số của cột (12) bị đảo, (11) ≠ (12) + (13).",
            "Typing error: the two digits of column (12) are swapped, (11) ≠ (12) + (13)."),
    Anomaly("SVHTTDL", "2023-H1", "", "", "submission.missing",
            "Đơn vị không nộp báo cáo kỳ 2023-H1 (không có dòng nào).",
            "The agency did not submit for 2023-H1 (no rows at all)."),
)
_CHAIN_BREAK = {("SLDTBXH", "2023-H2", ""): -9}
_HIDDEN_WITHDRAWN = {("SNNPTNT", "2024-H1", ""): 7}
_DIGIT_SWAP = {("SCT", "2022-H2", "", "tthc.pending_in_time")}
_NOT_SUBMITTED = {("SVHTTDL", "2023-H1")}


@dataclass(frozen=True)
class Profile:
    """What a department's figures look like (per half year, at the start of 2022)."""

    received: float  # TTHC files received per half year
    growth: float  # multiplier per half year
    online: tuple[float, float]  # online share in 2022-H1 and 2024-H2
    pending: float  # share of files still pending at the period's end
    late: float  # share of resolved files resolved late
    withdrawn: float  # share withdrawn/returned; > 0 means the agency reports the column
    fields: tuple[tuple[str, float], ...]  # lĩnh vực and their shares of files; () = none
    procedures: int  # TTHC in the agency's catalogue
    petitions: float  # petitions received per half year
    inspections: float  # inspections started per half year; 0 = no inspectorate
    declarants: int  # staff who must declare assets
    board: int  # People's Inspection Board members


_P = Profile
PROFILES: dict[str, Profile] = {
    "SNV": _P(180, 1.02, (.55, .92), .03, .004, 0, (), 95, 9, 2, 45, 5),
    "STP": _P(5200, 1.03, (.35, .85), .04, .006, .010,
              (("Lý lịch tư pháp", .85), ("Hộ tịch", .10), ("Công chứng", .05)), 140, 14, 3, 40, 5),
    "SKHDT": _P(3300, 1.02, (.60, .97), .03, .003, .010,
                (("Thành lập và hoạt động của doanh nghiệp", .88), ("Đầu tư tại Việt Nam", .12)),
                130, 8, 2, 42, 5),
    "STC": _P(140, 1.00, (.50, .95), .02, 0, 0, (), 25, 6, 3, 50, 5),
    "SCT": _P(900, 1.02, (.45, .93), .02, .002, 0, (), 120, 10, 5, 45, 5),
    "SNNPTNT": _P(420, 1.01, (.30, .80), .04, .010, 0, (), 110, 16, 6, 90, 7),
    "SGTVT": _P(9800, 1.04, (.25, .70), .03, .002, .005,
                (("Đường bộ", .96), ("Đường thủy nội địa", .04)), 110, 18, 8, 60, 5),
    "SXD": _P(1900, 1.02, (.40, .88), .06, .012, .008,
              (("Hoạt động xây dựng", .70), ("Nhà ở", .18), ("Kinh doanh bất động sản", .12)),
              60, 22, 6, 48, 5),
    "STNMT": _P(2800, 1.02, (.20, .65), .10, .020, .015,
                (("Đất đai", .80), ("Môi trường", .12), ("Tài nguyên nước", .05),
                 ("Khoáng sản", .03)), 100, 40, 7, 70, 7),
    "STTTT": _P(160, 1.00, (.70, 1.0), .02, 0, 0, (), 45, 4, 3, 30, 3),
    "SLDTBXH": _P(1300, 1.02, (.35, .85), .03, .004, 0, (), 150, 25, 5, 55, 5),
    "SVHTTDL": _P(320, 1.01, (.45, .90), .03, .003, 0, (), 130, 7, 3, 45, 5),
    "SKHCN": _P(262, 1.01, (.86, 1.0), .02, 0, 0, (), 58, 2, 2, 28, 3),
    "SGDDT": _P(650, 1.01, (.40, .90), .02, .002, 0, (), 80, 15, 4, 60, 5),
    "SYT": _P(1600, 1.02, (.35, .85), .05, .010, .010,
              (("Khám bệnh, chữa bệnh", .55), ("Dược phẩm", .35), ("An toàn thực phẩm", .10)),
              180, 20, 6, 65, 7),
    "TTT": _P(14, 1.00, (.10, .50), .10, 0, 0, (), 10, 120, 14, 40, 5),
    "VPUBND": _P(45, 1.00, (.40, .85), .05, 0, 0, (), 4, 30, 0, 55, 5),
    "BQLKCN": _P(1500, 1.04, (.50, .95), .03, .004, .010, (), 60, 9, 0, 35, 3),
}


# -- random helpers (only .random(), stable across Python versions) -----------------
def _u(rng: random.Random, lo: float, hi: float) -> float:
    return lo + (hi - lo) * rng.random()


def _n(x: float) -> int:
    """Round half up to a non-negative whole number."""
    return max(0, int(x + 0.5))


def _split(total: int, weights: list[float]) -> list[int]:
    """Split a whole ``total`` in proportion to ``weights``; the parts sum exactly to it."""
    parts = [_n(total * w / sum(weights)) for w in weights[:-1]]
    while sum(parts) > total:
        parts[parts.index(max(parts))] -= 1
    return parts + [total - sum(parts)]


# -- TTHC ---------------------------------------------------------------------------
def _tthc(rng: random.Random, prof: Profile, t: int, received: int, carried: int,
          key: tuple[str, str, str], force_pending: int | None) -> dict[str, int]:
    """One field's Biểu II.06a row for period number ``t`` (0 = 2022-H1)."""
    s0, s1 = prof.online
    share = min(1.0, max(0.0, s0 + (s1 - s0) * t / (len(PERIODS) - 1) + _u(rng, -.03, .03)))
    online = _n(received * share)
    total = received + carried
    withdrawn = _n(total * prof.withdrawn * _u(rng, .5, 1.5)) + _HIDDEN_WITHDRAWN.get(key, 0)
    pending = (_n(total * prof.pending * _u(rng, .6, 1.4)) if force_pending is None
               else force_pending)
    resolved = max(0, total - pending - withdrawn)
    late = _n(resolved * prof.late * _u(rng, 0, 2)) if prof.late else 0
    early = _n((resolved - late) * _u(rng, .55, .85))
    overdue = _n(pending * _u(rng, .05, .3)) if rng.random() < .35 else 0
    if force_pending is not None:  # SKHCN 2023-H2: the seed resolved every one of them in time
        overdue = 0
    row = {
        "tthc.files_total": total, "tthc.received_in_period": received,
        "tthc.received_online": online, "tthc.received_offline": received - online,
        "tthc.carried_over": carried, "tthc.resolved_total": resolved,
        "tthc.resolved_early": early, "tthc.resolved_on_time": resolved - late - early,
        "tthc.resolved_late": late, "tthc.resolved_early_on_time": resolved - late,
        "tthc.pending_total": pending, "tthc.pending_in_time": pending - overdue,
        "tthc.pending_overdue": overdue,
    }
    if prof.withdrawn:
        row["tthc.returned_withdrawn"] = withdrawn - _HIDDEN_WITHDRAWN.get(key, 0)
    return row


def _rates(row: dict[str, float]) -> dict[str, float]:
    """The rates a report states, each with the common definition (DOMAIN §4)."""
    out = {}
    if row["tthc.received_in_period"]:
        out["tthc.online_share_stated"] = round(
            100 * row["tthc.received_online"] / row["tthc.received_in_period"], 2)
    if row["tthc.resolved_total"]:
        out["tthc.on_time_rate_stated"] = round(
            100 * row["tthc.resolved_early_on_time"] / row["tthc.resolved_total"], 2)
    return out


# -- the other forms ----------------------------------------------------------------
def _procedures(rng: random.Random, prof: Profile, t: int, code: str) -> dict[str, int]:
    total = prof.procedures + (_n(_u(rng, -1.4, 2.4)) if prof.procedures > 20 else 0)
    full = _n(total * (.30 + .45 * t / (len(PERIODS) - 1) + _u(rng, -.03, .03)))
    if code == "SKHCN":  # leads up to the seed's 58 / 43 / 15 in 2024-H1
        total, full = 58 if t >= 3 else 57, (34, 36, 38, 40, 43, 45)[t]
    partial = min(total - full, _n((total - full) * _u(rng, .6, 1.0)))
    return {"proc.total": total, "proc.full_online": full, "proc.partial_online": partial}


def _petitions(rng: random.Random, prof: Profile, carried: int) -> dict[str, int]:
    received = _n(prof.petitions * _u(rng, .5, 1.5))
    total = carried + received
    eligible = total - _n(total * _u(rng, .1, .3))
    kinds = _split(eligible, [_u(rng, .15, .3), _u(rng, .05, .12), _u(rng, .6, .75)])
    within = _n(eligible * _u(rng, .35, .6))
    outside = _split(eligible - within, [.35, .55, .10])
    # The resolution rate is resolved / within competence (DOMAIN §5), so petitions outside
    # competence (guided, transferred, urged) are never counted as resolved here: they sit in
    # the open statuses, and resolved stays at most the petitions within competence.
    open_ = (eligible - within) + _n(within * _u(rng, 0, .15))
    not_started = _n(open_ * _u(rng, 0, .4))
    complaints = _n(min(kinds[0], within) * _u(rng, .3, .8))
    denunciations = _n(min(kinds[1], within) * _u(rng, .3, .8))
    return {
        "pet.carried_over": carried, "pet.received": received, "pet.total": total,
        "pet.eligible": eligible, "pet.complaints": kinds[0], "pet.denunciations": kinds[1],
        "pet.proposals": kinds[2], "pet.resolved": eligible - open_,
        "pet.in_progress": open_ - not_started, "pet.not_started": not_started,
        "pet.within_competence": within, "pet.outside_competence": eligible - within,
        "pet.guided": outside[0], "pet.transferred": outside[1], "pet.urged": outside[2],
        "kntc.complaints_received": complaints,
        "kntc.complaints_resolved": complaints - _n(complaints * _u(rng, 0, .3)),
        "kntc.denunciations_received": denunciations,
        "kntc.denunciations_resolved": denunciations - _n(denunciations * _u(rng, 0, .3)),
    }


def _reception(rng: random.Random, prof: Profile) -> dict[str, int]:
    sessions = _n(24 * _u(rng, .8, 1.2) + prof.petitions * .3)
    persons = sessions + _n(prof.petitions * _u(rng, .2, .9))
    return {
        "recep.sessions": sessions, "recep.persons": persons,
        "recep.cases": _n(persons * _u(rng, .3, .7)),
        "recep.group_visits": _n(_u(rng, 0, prof.petitions / 25)),
        "acct.sessions_on_request": 1 if rng.random() < .12 else 0,
        "acct.people_inspection_members": prof.board,
    }


def _inspections(rng: random.Random, prof: Profile, carried: int, code: str) -> dict[str, float]:
    started = _n(prof.inspections * _u(rng, .6, 1.4))
    total = carried + started
    conclusions = _n(total * _u(rng, .6, .9))
    money = round(conclusions * _u(rng, 15, 400 if code == "TTT" else 80), 1)
    recommended = round(money * _u(rng, .3, .8), 1)
    row = {
        "insp.carried_over": carried, "insp.started": started, "insp.total": total,
        "insp.unannounced": _n(total * _u(rng, .1, .4)),
        "insp.conclusions": conclusions, "insp.violation_money": money,
        "insp.recovery_recommended": recommended,
        "insp.recovered": round(recommended * _u(rng, .4, 1.0), 1),
        "insp.handling_collectives": _n(conclusions * _u(rng, 0, .4)),
        "insp.handling_individuals": _n(conclusions * _u(rng, 0, .8)),
        "insp.transferred_investigation": 1 if code == "TTT" and rng.random() < .2 else 0,
    }
    row["insp.planned"] = total - row["insp.unannounced"]
    if code in ("STNMT", "TTT"):
        row["insp.violation_land"] = round(conclusions * _u(rng, 50, 900), 1)
    return row


def _anticorruption(rng: random.Random, prof: Profile, half: int) -> dict[str, int]:
    sessions = _n(_u(rng, 1, 4))
    row = {
        "ac.plans_issued": 1 if half == 1 else 0,
        "ac.documents_issued": _n(_u(rng, 2, 8)),
        "ac.outreach_sessions": sessions,
        "ac.outreach_attendees": _n(sessions * _u(rng, 20, 80)),
        "ac.job_rotations": _n(_u(rng, 0, 4)) if half == 2 else 0,
        "ac.cases": 0,
        "ac.persons": 0,
    }
    if half == 1:  # the declaration round that closed at the end of the previous year
        row["ac.declarations_required"] = prof.declarants + _n(_u(rng, -3, 3))
        row["ac.declarations_made"] = row["ac.declarations_required"]
        row["ac.declarations_verified"] = _n(row["ac.declarations_made"] * _u(rng, .1, .2))
        row["ac.declaration_violations"] = 0
    return row


def _egov(rng: random.Random, t: int) -> dict[str, float]:
    step = t / (len(PERIODS) - 1)
    return {
        "egov.docs_electronic_pct": round(min(100, 93 + 7 * step + _u(rng, -1.5, 1.5)), 1),
        "egov.staff_computers_pct": 100 if rng.random() < .7 else round(_u(rng, 95, 99.9), 1),
        "egov.digital_signature_pct": round(min(100, 86 + 14 * step + _u(rng, -2, 2)), 1),
    }


# -- the panel ----------------------------------------------------------------------
def _agency_rows(code: str, prof: Profile, seed: int) -> list[tuple[str, str, str, float]]:
    """(period, field, indicator, value) for one agency, every period, in output order."""
    rng = random.Random(f"{seed}:{code}")
    fields = prof.fields or (("", 1.0),)
    names = [f for f, _ in fields]
    pending = {f: _n(prof.received * w * prof.pending * _u(rng, .7, 1.3)) for f, w in fields}
    pet_open, insp_open = 0, 0
    out: list[tuple[str, str, str, float]] = []
    for t, period in enumerate(PERIODS):
        real = (code, period) in REAL
        received = _n(prof.received * prof.growth ** t * _u(rng, .88, 1.12))
        per_field = _split(received, [w * _u(rng, .9, 1.1) for _, w in fields]) \
            if len(fields) > 1 else [received]
        rows: dict[str, dict[str, float]] = {}
        for name, got in zip(names, per_field, strict=True):
            key = (code, period, name)
            carried = max(0, pending[name] + _CHAIN_BREAK.get(key, 0))
            force = 5 if (code, period) == ("SKHCN", "2023-H2") else None
            rows[name] = _tthc(rng, prof, t, got, carried, key, force)
            # the seed resolved every file, so nothing carries into SKHCN 2024-H2
            pending[name] = 0 if real else rows[name]["tthc.pending_total"]
        if len(names) > 1:
            rows = {"": {k: sum(r[k] for r in rows.values()) for k in rows[names[0]]}, **rows}
        rows[""].update(_rates(rows[""]))
        other = {**_procedures(rng, prof, t, code), **_petitions(rng, prof, pet_open),
                 **_reception(rng, prof)}
        pet_open = 0 if real else other["pet.in_progress"] + other["pet.not_started"]
        if prof.inspections:
            other.update(_inspections(rng, prof, insp_open, code))
            insp_open = 0 if real else other["insp.total"] - other["insp.conclusions"]
        other.update(_anticorruption(rng, prof, int(period[-1])))
        other.update(_egov(rng, t))
        rows[""].update(other)
        if real or (code, period) in _NOT_SUBMITTED:
            continue
        for name, row in rows.items():
            for ind in (c for c in indicators.CATALOGUE if c in row):
                value = row[ind]
                if (code, period, name, ind) in _DIGIT_SWAP:
                    value = _swap_digits(int(value))
                out.append((period, name, ind, float(value)))
    return out


def _swap_digits(n: int) -> int:
    """A typist's error: the last two digits swapped (or +10 when that changes nothing)."""
    s = str(n)
    swapped = int(s[:-2] + s[-1] + s[-2]) if len(s) >= 2 else n
    return swapped if swapped != n else n + 10


def panel(seed: int = SEED) -> pd.DataFrame:
    """The panel in the tidy CSV layout (:data:`CSV_COLUMNS`), in file order."""
    records = []
    for agency in agencies.departments():
        prof = PROFILES[agency.code]
        for period, name, ind, value in _agency_rows(agency.code, prof, seed):
            records.append((agency.code, period, ind, value, name, True, "", ""))
    return pd.DataFrame.from_records(records, columns=CSV_COLUMNS)


# -- after the 2025 reorganisation ----------------------------------------------------
#: The second ILLUSTRATIVE file: 2025-H1 … 2026-H1, for the units of the registry with time.
OUT_NAME_2025 = "hung_yen_panel_2025_illustrative.csv"
PERIODS_2025 = [p.code for p in periods.span("2025-H1", "2026-H1")]
#: Thái Bình's departments are drawn at this fraction of the Hưng Yên department of the
#: same function (an assumption of the illustration, not a fact about Thái Bình).
TB_SCALE = 0.85


def _combine(profs: list[Profile]) -> Profile:
    """The profile of a unit made of several: sizes add, shares are weighted by files."""
    if len(profs) == 1:
        return profs[0]
    w = [p.received for p in profs]
    tot = sum(w) or 1.0

    def avg(get):
        return sum(get(p) * x for p, x in zip(profs, w, strict=True)) / tot

    return Profile(received=tot, growth=avg(lambda p: p.growth),
                   online=(avg(lambda p: p.online[0]), avg(lambda p: p.online[1])),
                   pending=avg(lambda p: p.pending), late=avg(lambda p: p.late),
                   withdrawn=max(p.withdrawn for p in profs), fields=(),
                   procedures=sum(p.procedures for p in profs),
                   petitions=sum(p.petitions for p in profs),
                   inspections=sum(p.inspections for p in profs),
                   declarants=sum(p.declarants for p in profs),
                   board=max(p.board for p in profs))


def _profile_2025(reg, code: str) -> Profile:
    """A 2025 unit's profile: its own and its predecessors' combined; for a department of
    another province, the profile of the home department it merged into (as of 2024 when
    that one existed then), scaled."""
    if reg.units[code].parent != reg.home:
        own = next(s.successor for s in reg.out_of(code)
                   if s.kind == "merge" and reg.units[s.successor].parent == reg.home)
        base = PROFILES[own] if own in PROFILES else _profile_2025(reg, own)
        return Profile(**{**base.__dict__, "fields": (),
                          **{k: getattr(base, k) * TB_SCALE for k in
                             ("received", "petitions", "inspections")},
                          **{k: int(getattr(base, k) * TB_SCALE) for k in
                             ("procedures", "declarants")}})
    parts = [PROFILES[code]] if code in PROFILES else []
    parts += [PROFILES[s.predecessor] for s in reg.into(code)
              if s.kind == "merge" and s.predecessor in PROFILES]
    combined = _combine(parts)
    return Profile(**{**combined.__dict__, "fields": ()})


def panel_2025(seed: int = SEED) -> pd.DataFrame:
    """ILLUSTRATIVE totals for 2025-H1 … 2026-H1: every unit of the registry that reports for
    each period (Hưng Yên's and Thái Bình's departments up to 30/06/2025, the merged units
    after).  A unit's files carried over are its predecessors' pending files of the period
    before (:meth:`~papi_analysis.model.agencies.Registry.baseline`), so the carry-over chain
    holds across the mergers.  No field breakdown is drawn."""
    reg = agencies.load()
    old = panel(seed)
    pend = old[(old["period"] == PERIODS[-1]) & (old["field"] == "")
               & (old["indicator"].isin(["tthc.pending_total", "pet.in_progress",
                                         "pet.not_started"]))]
    pending = {(r.agency, r.indicator): r.value for r in pend.itertuples(index=False)}
    last = old[(old["period"] == PERIODS[-1]) & (old["field"] == "")].pivot_table(
        index="agency", columns="indicator", values="value", aggfunc="sum")
    if {"insp.total", "insp.conclusions"} <= set(last.columns):
        for code, r in last.iterrows():
            if r["insp.total"] == r["insp.total"]:
                pending[(code, "insp.open")] = r["insp.total"] - r["insp.conclusions"]
    records = []
    prev = PERIODS[-1]
    t0 = len(PERIODS)
    for k, period in enumerate(PERIODS_2025):
        day = agencies.as_of(period)
        units = [a for a in reg.units.values() if a.kind != "province" and a.valid_on(day)]
        new_pending = {}
        for a in units:
            prof = _profile_2025(reg, a.code)
            rng = random.Random(f"{seed}:2025:{a.code}:{period}")
            feeders = reg.baseline(a.code, prev, period).feeders
            if any((f.code, "tthc.pending_total") in pending for f in feeders):
                carried = sum(pending.get((f.code, "tthc.pending_total"), 0) for f in feeders)
            else:
                carried = _n(prof.received * prof.pending * _u(rng, .7, 1.3))
            pet_open = sum(pending.get((f.code, c), 0) for f in feeders
                           for c in ("pet.in_progress", "pet.not_started"))
            t = t0 + k
            received = _n(prof.received * prof.growth ** t * _u(rng, .88, 1.12))
            row = _tthc(rng, prof, len(PERIODS) - 1, received, int(carried),
                        (a.code, period, ""), None)
            row.update(_rates(row))
            other = {**_procedures(rng, prof, len(PERIODS) - 1, a.code),
                     **_petitions(rng, prof, int(pet_open)), **_reception(rng, prof)}
            if prof.inspections:
                insp_open = sum(pending.get((f.code, "insp.open"), 0) for f in feeders)
                other.update(_inspections(rng, prof, int(insp_open), a.code))
                new_pending[(a.code, "insp.open")] = (other["insp.total"]
                                                      - other["insp.conclusions"])
            other.update(_anticorruption(rng, prof, int(period[-1])))
            other.update(_egov(rng, len(PERIODS) - 1))
            row.update(other)
            new_pending[(a.code, "tthc.pending_total")] = row["tthc.pending_total"]
            new_pending[(a.code, "pet.in_progress")] = row["pet.in_progress"]
            new_pending[(a.code, "pet.not_started")] = row["pet.not_started"]
            for ind in (c for c in indicators.CATALOGUE if c in row):
                records.append((a.code, period, ind, float(row[ind]), "", True, "", ""))
        pending, prev = new_pending, period
    return pd.DataFrame.from_records(records, columns=CSV_COLUMNS)


def generate(seed: int = SEED) -> pd.DataFrame:
    """The illustrative panel as a tidy table (:data:`papi_analysis.model.schema.COLUMNS`).

    Every row has ``illustrative=True``, ``source_file`` = :data:`SOURCE_FILE`,
    ``source_row`` = its line in that CSV (the header is line 1) and ``source_column`` =
    ``"value"``.  The same seed always gives the same table.
    """
    df = panel(seed).drop(columns="note")
    df["source_file"] = SOURCE_FILE
    df["source_row"] = range(2, len(df) + 2)
    df["source_column"] = "value"
    return schema.conform(df)


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}".rstrip("0").rstrip(".")


def render(seed: int = SEED, which: str = "2022") -> str:
    """The CSV text of the panel (``which``: ``"2022"`` for 2022–2024, ``"2025"`` for the
    reorganised units): UTF-8, ``\\n`` line ends, whole numbers without ``.0``."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for row in (panel(seed) if which == "2022" else panel_2025(seed)).itertuples(index=False):
        writer.writerow([row.agency, row.period, row.indicator, _fmt(row.value), row.field,
                         "True", row.source_text, row.note])
    return buf.getvalue()


def write(out_dir: Path | str | None = None, seed: int = SEED) -> Path:
    """Write :data:`OUT_NAME` into ``out_dir`` (default ``config.ILLUSTRATIVE_DIR``)."""
    folder = Path(out_dir) if out_dir else config.ILLUSTRATIVE_DIR
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / OUT_NAME
    path.write_bytes(render(seed).encode("utf-8"))
    (folder / OUT_NAME_2025).write_bytes(render(seed, "2025").encode("utf-8"))
    return path


def main(argv: list[str] | None = None) -> int:
    """Command line: regenerate the illustrative panel."""
    parser = argparse.ArgumentParser(
        prog="python -m papi_analysis.intake.illustrative",
        description="Write the ILLUSTRATIVE (not real) multi-agency panel as a tidy CSV.")
    parser.add_argument("--out", default=None,
                        help=f"output folder (default: {config.ILLUSTRATIVE_DIR})")
    parser.add_argument("--seed", type=int, default=SEED, help=f"random seed (default: {SEED})")
    args = parser.parse_args(argv)
    path = write(args.out, args.seed)
    rows = render(args.seed).count("\n") - 1
    print(f"{path}: {rows} rows (ILLUSTRATIVE / minh họa, seed {args.seed})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
