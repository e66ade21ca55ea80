"""Regenerate the README's picture: the demo network as `ref map` draws it, photographed by
headless Chromium (Debian's `chromium`). Run from the repository after changing the map:

    python docs/make_pictures.py      # writes docs/img/network.png

It uses only what a user has: `ref demo` builds the sample chapter in its own throwaway
database, `ref map` writes the page, the browser takes the picture. REF_TODAY pins the day, so
the same code gives the same picture.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
DAY = "2026-03-14"  # the demo's "today"


def main() -> None:
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        sys.exit("needs Chromium: apt-get install chromium")
    env = dict(os.environ, REF_TODAY=DAY)
    ref = [sys.executable, "-m", "refcli"]
    made = subprocess.run([*ref, "demo", "--no-steps", "--json"], env=env, capture_output=True, text=True, check=True)
    database = json.loads(made.stdout)["database"]
    with tempfile.TemporaryDirectory() as folder:
        page = Path(folder) / "network.html"
        subprocess.run([*ref, "--db", database, "map", "-o", str(page)], env=env, check=True)
        target = HERE / "img" / "network.png"
        flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={folder}/p"]
        subprocess.run(
            [browser, *flags, "--window-size=1200,820", f"--screenshot={target}", page.as_uri()],
            check=True, capture_output=True,
        )  # fmt: skip
    shutil.rmtree(Path(database).parent, ignore_errors=True)
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
