"""The project's exceptions: one base class, each error bilingual and located.

Every error raised for bad input says *what* was wrong, *where* (file, sheet, row,
column, parameter) and *what to do*, in Vietnamese and English, so the CLI can print
one clear message and exit non-zero instead of showing a traceback.
"""

from __future__ import annotations


class PapiError(Exception):
    """Base class of every error this package raises on purpose."""

    exit_code = 2

    def __init__(
        self,
        vi: str,
        en: str | None = None,
        *,
        where: str | None = None,
        hint_vi: str | None = None,
        hint_en: str | None = None,
    ) -> None:
        self.vi = vi
        self.en = en or vi
        self.where = where
        self.hint_vi = hint_vi
        self.hint_en = hint_en or hint_vi
        super().__init__(self.message("en"))

    def message(self, lang: str = "vi") -> str:
        """Return the full message (what, where, what to do) in ``lang`` ('vi' or 'en')."""
        text = self.vi if lang == "vi" else self.en
        parts = [text]
        if self.where:
            parts.append(("Vị trí: " if lang == "vi" else "Where: ") + self.where)
        hint = self.hint_vi if lang == "vi" else self.hint_en
        if hint:
            parts.append(("Cách xử lý: " if lang == "vi" else "What to do: ") + hint)
        return "\n  ".join(parts)

    def _render_traceback_(self) -> list[str]:
        # IPython calls this instead of printing a traceback: an analyst who sets a bad
        # parameter in JupyterLab sees the same bilingual message as on the command line.
        return [f"{type(self).__name__}: {self.message('vi')}", "", self.message("en")]


class PeriodError(PapiError):
    """A period code or phrase could not be read."""


class IndicatorError(PapiError):
    """An indicator code is not in the catalogue."""


class AgencyError(PapiError):
    """An agency code is not in the registry."""


class InputFileError(PapiError):
    """A submission or data file cannot be read (missing, empty, wrong format, wrong sheet)."""


class ParameterError(PapiError):
    """A notebook or command parameter is unknown, missing or has a bad value."""


class BuildError(PapiError):
    """A build could not start or finished with failures."""

    exit_code = 1
