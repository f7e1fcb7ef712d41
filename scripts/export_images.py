"""Render the example account's approved recap for both audiences: first PDF pages as PNG, and the Markdown.

Writes docs/exports/ (run from the repository root with the project's venv):
    .venv/bin/python scripts/export_images.py
PNG pages need `pdftoppm` (Debian's poppler-utils); without it only the Markdown is written.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "docs" / "exports"
EXAMPLE = ROOT / "docs" / "example-bundle.json"


def recap(db: str, *args: str) -> bytes:
    env = {**os.environ, "RECAP_DB": db, "RECAP_AS_OF": "2026-11-23", "RECAP_USER": "u-maria", "RECAP_LLM": "offline"}
    out = subprocess.run([str(Path(sys.executable).parent / "recap"), *args], capture_output=True, env=env, check=True)
    return out.stdout


def main() -> None:
    """Run, approve and export the example account; write the files under docs/exports/."""
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "recap.db")
        recap(db, "ingest", str(EXAMPLE))
        run_id = recap(db, "run", "acc-northwind", "--json").split(b'"run_id": "')[1].split(b'"')[0].decode()
        recap(db, "resume", run_id, "--approve", "--comment", "Checked the numbers with Dana's team.")
        for audience in ("internal", "customer"):
            pdf = Path(tmp) / f"northwind-{audience}.pdf"
            recap(db, "show", run_id, "--audience", audience, "--format", "pdf", "--output", str(pdf))
            recap(
                db,
                "show",
                run_id,
                "--audience",
                audience,
                "--format",
                "md",
                "--output",
                str(OUT / f"northwind-{audience}.md"),
            )
            if shutil.which("pdftoppm"):
                subprocess.run(
                    [
                        "pdftoppm",
                        "-png",
                        "-r",
                        "60",
                        "-f",
                        "1",
                        "-l",
                        "1",
                        "-singlefile",
                        str(pdf),
                        str(OUT / f"northwind-{audience}"),
                    ],
                    check=True,
                )
    print(f"wrote {', '.join(sorted(p.name for p in OUT.iterdir()))}")


if __name__ == "__main__":
    main()
