"""The findings vocabulary that the readers and the validator share.

A finding is one row of the findings table (:data:`COLUMNS`): its severity (:data:`ERROR` or
:data:`WARNING`), a stable rule id, the agency, period, indicator and field it is about, where
the figure is (:func:`location`) and a message in Vietnamese and English.  The readers of
submissions raise or collect :func:`problem` errors, which :func:`from_error` turns back into
findings; :mod:`papi_analysis.intake.validation` builds findings with :func:`finding`.
"""

from __future__ import annotations

import pandas as pd

from ..errors import InputFileError, PapiError

#: Columns of the findings table, in order.
COLUMNS: list[str] = ["severity", "rule", "agency", "period", "indicator", "field", "location",
                      "message_vi", "message_en"]

ERROR, WARNING = "error", "warning"
#: A note that is neither an error nor a warning (a check not done, and why): it never
#: changes the exit code.
INFO = "info"

#: The note a form reader leaves for a cell written "x" or "—" (no figure), so that the
#: validator can say which identity it could not check (``identity.not_checked``).
NO_FIGURE_RULE = "value.no_figure"


#: No figure an agency reports (files, persons, million VND, m²) comes near 10^12: a larger
#: value is a typing or export error, and arithmetic on it would lose precision.  The readers
#: leave such a cell out (``value.implausible``); the validator reports it in any table.
PLAUSIBLE = 1e12


def big_number(x: float, lang: str = "vi") -> str:
    """A number of any size for a message: 1.234.567 (vi) / 1,234,567 (en) up to 10^15,
    else 1,2e+28 / 1.2e+28 (the number formatting of the appendices stops near 10^28)."""
    import math

    from .. import fmt

    x = float(x)
    if math.isnan(x):
        return "–"
    if math.isinf(x):
        return "∞" if x > 0 else "−∞"
    if abs(x) < 1e15:
        whole = abs(x - round(x)) < 1e-6
        return fmt.number(x, lang, 0 if whole else 2)
    text = f"{x:.3g}" if "e" in f"{x:.3g}" else f"{x:.3e}"
    return text.replace(".", ",") if lang == "vi" else text


def location(file: str = "", sheet: str = "", row: int = 0, column: str = "") -> str:
    """Where a figure is: ``bieu.xlsx › TTHC › dòng/row 12 › cột/col G`` (empty parts left out)."""
    parts = [str(p) for p in (file, sheet) if p]
    if row:
        parts.append(f"dòng/row {int(row)}")
    if column:
        parts.append(f"cột/col {column}")
    return " › ".join(parts)


def finding(severity: str, rule: str, vi: str, en: str, *, agency: str = "", period: str = "",
            indicator: str = "", field: str = "", where: str = "") -> dict:
    """One row of the findings table, as a dict."""
    return {"severity": severity, "rule": rule, "agency": agency, "period": period,
            "indicator": indicator, "field": field, "location": where,
            "message_vi": vi, "message_en": en}


def problem(rule: str, vi: str, en: str, *, where: str = "", hint_vi: str = "",
            hint_en: str = "", severity: str = ERROR, **context: str) -> InputFileError:
    """A reader's error that also carries its finding's rule, severity and context.

    :func:`from_error` turns it back into a finding, so a problem that stops
    :func:`papi_analysis.intake.submissions.read` is one row of the findings of ``read_many``.

    Parameters
    ----------
    rule : str
        The finding's stable id (``value.not_number``, ``header.unknown`` …).
    vi, en : str
        What is wrong.
    where : str, optional
        The place (:func:`location`).
    hint_vi, hint_en : str, optional
        What to do.
    severity : str, optional
        :data:`ERROR` (default) or :data:`WARNING`.
    **context : str
        ``agency``, ``period``, ``indicator``, ``field`` of the finding, when known.

    Returns
    -------
    InputFileError
        To be raised, or collected when reading goes on.
    """
    err = InputFileError(vi, en, where=where or None, hint_vi=hint_vi or None,
                         hint_en=hint_en or None)
    err.rule, err.severity, err.context = rule, severity, context
    return err


def from_error(err: PapiError, *, rule: str | None = None, severity: str | None = None) -> dict:
    """A finding from a reader's error (its ``rule``, ``severity`` and ``context`` if set)."""
    ctx = getattr(err, "context", {}) or {}
    hint_vi = f" {err.hint_vi}" if err.hint_vi else ""
    hint_en = f" {err.hint_en}" if err.hint_en else ""
    return finding(severity or getattr(err, "severity", ERROR),
                   rule or getattr(err, "rule", "file.unreadable"),
                   err.vi + hint_vi, err.en + hint_en, where=err.where or "",
                   agency=ctx.get("agency", ""), period=ctx.get("period", ""),
                   indicator=ctx.get("indicator", ""), field=ctx.get("field", ""))


def frame(rows: list[dict] | None = None) -> pd.DataFrame:
    """A findings table (possibly empty) with exactly :data:`COLUMNS`, all strings."""
    df = pd.DataFrame(rows or [], columns=COLUMNS)
    for col in COLUMNS:
        df[col] = df[col].fillna("").astype(str)
    return df.reset_index(drop=True)
