"""Screenshot HTML appendices with headless Chromium, to look at what readers see.

Usage: python scripts/screenshot.py reports/2024-H1 [--width 1200] [--phone] [--limit 5]

Writes PNGs next to each HTML file as <name>.png (or <name>.phone.png with --phone).
Needs Debian's `chromium` package. Chromium runs without network access so a page that
needs the network shows it.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--no-first-run", "--hide-scrollbars"]


def shoot(html: Path, png: Path, width: int, height: int) -> None:
    """Render ``html`` to ``png`` at ``width``×``height``."""
    exe = shutil.which("chromium") or shutil.which("chromium-browser")
    if not exe:
        sys.exit("chromium not found: apt-get install chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([exe, *FLAGS, f"--user-data-dir={profile}",
                        f"--window-size={width},{height}", f"--screenshot={png}",
                        html.resolve().as_uri()],
                       check=True, capture_output=True, timeout=120)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("folder", type=Path)
    ap.add_argument("--width", type=int, default=1200)
    ap.add_argument("--height", type=int, default=3000)
    ap.add_argument("--phone", action="store_true", help="420 px wide")
    ap.add_argument("--limit", type=int, default=0, help="at most N files")
    a = ap.parse_args()
    files = sorted(a.folder.rglob("*.html")) if a.folder.is_dir() else [a.folder]
    if a.limit:
        files = files[: a.limit]
    width = 420 if a.phone else a.width
    for f in files:
        png = f.with_suffix(".phone.png" if a.phone else ".png")
        shoot(f, png, width, a.height)
        print(png)
    return 0


if __name__ == "__main__":
    sys.exit(main())
