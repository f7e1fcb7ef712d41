"""Write the demo accounts as a Salesforce-style CSV export, read back by demo/csv/salesforce-mapping.toml.

    python scripts/demo_csv.py [--out demo/csv]

The export is generated from the demo's JSON bundles (the hand-written ones; the large generated
account stays JSON-only), in the CRM's headers and values as the mapping names them, with
month-name dates, thousands separators, Yes/No flags and one column the mapping ignores, so that
importing it exercises every forgiving rule. Re-run it after changing a demo bundle or the mapping.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from demo import DEMO_ACCOUNTS, demo_bundles  # noqa: E402
from state.csv_mapping import parse_mapping  # noqa: E402
from state.validation import validate_bundle  # noqa: E402
from tools.csv_export import bundle_tables, crm_style, write_tables  # noqa: E402

FOLDER = ROOT / "demo" / "csv"
MAPPING = FOLDER / "salesforce-mapping.toml"
LAST_MODIFIED = "20 Nov 2026"


def export(out: Path) -> list[Path]:
    """Write the demo export's CSV files into `out`; return their paths."""
    mapping = parse_mapping(MAPPING.read_text(encoding="utf-8"), MAPPING.name)
    hand_written = {a.account_id for a in DEMO_ACCOUNTS if a.file}
    bundles = [validate_bundle(b) for b in demo_bundles() if b["account"]["id"] in hand_written]
    style = crm_style(mapping, date_format="%d %b %Y", true_word="Yes", false_word="No", thousands=True)
    parent_types = [
        "account",
        "success_plan",
        "business_challenge",
        "objective",
        "objective_kpi",
        "playbook",
        "playbook_task",
    ]  # written as a CRM shows them ("Success Plan"), read by enum matching
    style.values.setdefault("activities", {})["parent_type"] = {p: p.replace("_", " ").title() for p in parent_types}
    style.values.setdefault("contacts", {})["influence"] = {i: i.title() for i in ("high", "medium", "low")}
    tables = bundle_tables(bundles, style)
    for headers, rows in tables.values():  # a column the CRM adds and the mapping ignores
        headers.append("Last Modified Date")
        for row in rows:
            row.append(LAST_MODIFIED)
    return write_tables(out, tables, mapping.files)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=FOLDER)
    for path in export(parser.parse_args().out):
        print(f"wrote {path.relative_to(ROOT) if path.is_relative_to(ROOT) else path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
