"""Benchmark of the prose reader on long reports: time and peak memory by size.

Builds a report of the given sizes from the passages of ``tests/extraction_cases/`` (their
paragraphs joined into ONE long paragraph, the worst case for sentence splitting; or as
ordinary paragraphs with ``--paragraphs``) and times
:func:`papi_analysis.prose.extraction.extract_paragraphs`.
Reading must stay linear: 5 MB of prose well under 30 s.  Not a test (timings depend on the
machine); run ``make bench-extract`` or ``python scripts/bench_extract.py 50k 200k 1m 5m``.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from papi_analysis.prose import extraction  # noqa: E402

CASES = ROOT / "tests" / "extraction_cases"


def _size(text: str) -> int:
    units = {"k": 1_000, "m": 1_000_000}
    text = text.strip().lower().rstrip("b")
    return int(float(text[:-1]) * units[text[-1]]) if text[-1] in units else int(text)


def _body() -> list[str]:
    """The body paragraphs of every case (headers and headings left out)."""
    paras: list[str] = []
    for path in sorted(CASES.glob("*.txt")) + sorted(CASES.glob("*.md")):
        for para in extraction.read_paragraphs(path):
            if len(para) > 120:
                paras.append(para.strip())
    return paras


def build(size: int, one_paragraph: bool) -> list[str]:
    """Paragraphs of about ``size`` characters made of the cases' body paragraphs."""
    body, out, n, i = _body(), [], 0, 0
    while n < size:
        # a mark of its own keeps a paragraph from being skipped as a repeat of an earlier one
        para = body[i % len(body)] + ("" if one_paragraph else f" (Mục {i}.)")
        out.append(para)
        n += len(para) + 1
        i += 1
    head = ["SỞ THỬ NGHIỆM", "BÁO CÁO", "Kết quả 6 tháng đầu năm 2024"]
    return head + ([" ".join(out)] if one_paragraph else out)


def run(size: int, one_paragraph: bool) -> tuple[float, float, float, int]:
    """Wall seconds, CPU seconds, the process's peak resident MB so far, and figures read."""
    paras = build(size, one_paragraph)
    t0, c0 = time.perf_counter(), time.process_time()
    ex = extraction.extract_paragraphs(paras, "bench.txt")
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1e3  # kB on Linux
    return secs, cpu, peak, len(ex.figures)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("sizes", nargs="*", default=["50k", "200k", "1m", "5m"],
                    help="report sizes in characters (50k, 200k, 1m, 5m)")
    ap.add_argument("--paragraphs", action="store_true",
                    help="ordinary paragraphs instead of one long paragraph")
    args = ap.parse_args(argv)
    shape = "paragraphs" if args.paragraphs else "one paragraph"
    print(f"prose reader, {shape}: whole extraction, wall and CPU time; peak resident memory "
          "of the process so far")
    for s in args.sizes:
        secs, cpu, peak, n = run(_size(s), not args.paragraphs)
        print(f"{s:>6}: {secs:7.2f} s (CPU {cpu:6.2f} s)  peak {peak:7.1f} MB  {n:6d} figures",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
