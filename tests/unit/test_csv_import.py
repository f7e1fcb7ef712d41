"""CSV import: round trips on the demo accounts, mapping, and every refusal named by file, line and column."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest

from demo import DEMO_ACCOUNTS, demo_bundles
from state.bundle import Bundle
from state.csv_mapping import CsvMapping, parse_mapping
from state.errors import InputInvalid
from state.validation import validate_bundle
from tools.csv_export import bundle_tables, csv_text, template_bundle
from tools.csv_import import import_csv
from tools.csv_read import CsvSource
from tools.store import AccountStore

ROOT = Path(__file__).resolve().parents[2]
DEMO_CSV = ROOT / "demo" / "csv"
HAND_WRITTEN = {a.account_id for a in DEMO_ACCOUNTS if a.file}


def demo() -> list[Bundle]:
    return [validate_bundle(b) for b in demo_bundles() if b["account"]["id"] in HAND_WRITTEN]


def files_of(bundles: list[Bundle]) -> dict[str, list[list[str]]]:
    """Return each record type's CSV as rows of cells (header first), ready to be edited by a test."""
    return {f"{key}.csv": [table[0], *table[1]] for key, table in bundle_tables(bundles).items()}


def sources(files: dict[str, list[list[str]]]) -> list[CsvSource]:
    return [CsvSource(name, csv_text((rows[0], rows[1:])).encode()) for name, rows in files.items()]


def set_cell(files: dict[str, list[list[str]]], name: str, row_id: str, column: str, value: str) -> int:
    """Set one cell of the row with this id; return the row's line number in the file."""
    rows = files[name]
    at = next(i for i, row in enumerate(rows) if row[0] == row_id)
    rows[at][rows[0].index(column)] = value
    return at + 1


@pytest.fixture
def store(db_path: str) -> AccountStore:
    return AccountStore(db_path)


# --- round trips ------------------------------------------------------------------------------------------


def test_demo_accounts_round_trip_through_csv(store: AccountStore) -> None:
    bundles = demo()
    report = import_csv(store, sources(files_of(bundles)), CsvMapping())
    assert report.errors() == []
    assert [r.account_id for r in report.loaded] == [b.account.id for b in bundles]
    for bundle in bundles:
        assert store.bundle(bundle.account.id) == bundle


def test_shipped_crm_export_with_its_mapping_gives_the_demo_records(store: AccountStore) -> None:
    mapping = parse_mapping((DEMO_CSV / "salesforce-mapping.toml").read_text(), "salesforce-mapping.toml")
    files = [CsvSource(p.name, p.read_bytes()) for p in sorted(DEMO_CSV.glob("*.csv"))]
    report = import_csv(store, files, mapping)
    assert report.errors() == []
    assert len(report.ignored_columns) == 12 and all(c.endswith(": Last Modified Date") for c in report.ignored_columns)
    for bundle in demo():
        assert store.bundle(bundle.account.id) == bundle


def test_template_rows_import_cleanly_and_keep_one_record_of_each_type(store: AccountStore) -> None:
    example = next(b for b in demo() if b.account.id == "acc-northwind")
    template = template_bundle(example)
    report = import_csv(store, sources(files_of([template])), CsvMapping())
    assert report.errors() == []
    assert report.loaded[0].counts == dict.fromkeys(report.loaded[0].counts, 1)
    assert store.bundle("acc-northwind") == template


def test_one_account_needs_no_account_id_column(store: AccountStore) -> None:
    files = files_of([demo()[0]])
    for name, rows in files.items():
        if name != "accounts.csv":
            at = rows[0].index("account_id")
            files[name] = [row[:at] + row[at + 1 :] for row in rows]
    report = import_csv(store, sources(files), CsvMapping())
    assert report.errors() == [] and report.loaded[0].counts["activities"] == len(demo()[0].activities)


def test_a_reimport_replaces_the_account(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    import_csv(store, sources(files), CsvMapping())
    files["activities.csv"] = files["activities.csv"][:2]
    report = import_csv(store, sources(files), CsvMapping())
    assert report.loaded[0].replaced and report.loaded[0].counts["activities"] == 1


# --- problems in cells: each account all-or-nothing ---------------------------------------------------------

CELL_PROBLEMS = {
    "kpi-status": (
        "objective_kpis.csv",
        "kpi-nw-3",
        "status",
        "Amber",
        "status: 'Amber' must be one of On Track, Completed, Off Track, Not Started, Blocked",
    ),
    "ambiguous-date": ("activities.csv", "act-nw-2", "date", "03/04/2026", "date: '03/04/2026' is ambiguous"),
    "number": ("account", "acc-northwind", "arr", "240.000,00", "arr: '240.000,00' is not a number"),
    "flag": ("risks.csv", "risk-nw-1", "disputed", "perhaps", "disputed: 'perhaps' is not yes/no"),
    "missing-required": ("objective_kpis.csv", "kpi-nw-1", "name", "", "name: is required"),
    "dangling-reference": (
        "objective_kpis.csv",
        "kpi-nw-2",
        "objective_id",
        "obj-nope",
        "objective_id: 'obj-nope' is not an objective of this bundle",
    ),
    "dangling-contact": (
        "activities.csv",
        "act-nw-1",
        "contact_ids",
        "con-nw-1;con-zz",
        "contact_ids: 'con-zz' is not a contact of this bundle",
    ),
}


@pytest.mark.parametrize(
    ("name", "row_id", "column", "value", "message"), list(CELL_PROBLEMS.values()), ids=list(CELL_PROBLEMS)
)
def test_a_bad_cell_refuses_its_account_only_naming_file_line_and_column(
    store: AccountStore, name: str, row_id: str, column: str, value: str, message: str
) -> None:
    files = files_of(demo())
    name = "accounts.csv" if name == "account" else name
    line = set_cell(files, name, row_id, column, value)
    report = import_csv(store, sources(files), CsvMapping())
    assert [r.account_id for r in report.refused] == ["acc-northwind"]
    problems = report.refused[0].problems
    assert len(problems) == 1 and problems[0].startswith(f"{name}:{line} {message}")
    assert {r.account_id for r in report.loaded} == HAND_WRITTEN - {"acc-northwind"}
    assert "acc-northwind" not in {a["id"] for a in store.accounts()}


def test_many_problems_of_one_account_are_reported_at_once_without_repeats(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    set_cell(files, "objective_kpis.csv", "kpi-nw-1", "status", "Green")
    set_cell(files, "objective_kpis.csv", "kpi-nw-2", "objective_id", "obj-nope")
    set_cell(files, "usage.csv", "use-nw-1", "value", "many")
    problems = import_csv(store, sources(files), CsvMapping()).errors()
    assert [p.split(":", 2)[:2] for p in problems] == [
        ["objective_kpis.csv", "2 status"],
        ["usage.csv", "2 value"],
        ["objective_kpis.csv", "3 objective_id"],
    ]


def test_a_duplicate_id_names_both_rows(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    set_cell(files, "risks.csv", "risk-nw-1", "id", "con-nw-1")
    problems = import_csv(store, sources(files), CsvMapping()).errors()
    assert problems == ["risks.csv:2 id: duplicate id 'con-nw-1' (already used by contacts.csv:2)"]


def test_an_account_listed_twice_is_refused(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    files["accounts.csv"].append(list(files["accounts.csv"][1]))
    report = import_csv(store, sources(files), CsvMapping())
    assert report.refused[0].problems == [
        "accounts.csv:3 id: account 'acc-northwind' is listed twice (first on line 2)"
    ]


def test_a_row_of_no_account_in_the_import_is_reported(store: AccountStore) -> None:
    files = files_of(demo()[:2])
    line = set_cell(files, "usage.csv", "use-nw-1", "account_id", "acc-gone")
    report = import_csv(store, sources(files), CsvMapping())
    assert report.problems == [f"usage.csv:{line} account_id: 'acc-gone' is not an account of the accounts file"]
    assert len(report.loaded) == 2


def test_an_id_of_another_stored_account_is_refused_by_the_store(store: AccountStore) -> None:
    store.load({"account": {"id": "acc-x", "name": "X", "owner": "u-x"}, "contacts": [{"id": "con-x", "name": "X"}]})
    files = files_of(demo()[:1])
    set_cell(files, "risks.csv", "risk-nw-1", "id", "con-x")
    problems = import_csv(store, sources(files), CsvMapping()).errors()
    assert problems == ["risks.csv:2 id: id 'con-x' already belongs to another account"]


# --- problems with a file's shape: nothing stored -----------------------------------------------------------


def _shape_problem(files: dict[str, list[list[str]]], store: AccountStore, mapping: CsvMapping | None = None) -> str:
    with pytest.raises(InputInvalid) as info:
        import_csv(store, sources(files), mapping or CsvMapping())
    assert store.accounts() == []
    return info.value.message


def test_an_unknown_column_is_refused_with_a_suggestion(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    files["objective_kpis.csv"][0][files["objective_kpis.csv"][0].index("status")] = "stauts"
    assert _shape_problem(files, store) == (
        'objective_kpis.csv: column "stauts" is not a field of objective_kpis (did you mean status?); rename it in '
        "the mapping's [columns] or list it under [ignore]"
    )


def test_an_unknown_column_listed_under_ignore_is_dropped_and_reported(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    for row in files["contacts.csv"]:
        row.append("Owner Notes" if row is files["contacts.csv"][0] else "x")
    report = import_csv(store, sources(files), parse_mapping('[ignore]\ncontacts = ["owner notes"]', "m.toml"))
    assert report.errors() == [] and report.ignored_columns == ["contacts.csv: Owner Notes"]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda f: f.pop("accounts.csv"), "no accounts file: the import needs accounts.csv"),
        (lambda f: f.update({"notes.csv": [["id"], ["n-1"]]}), "notes.csv: not a record type's file"),
        (
            lambda f: f.update({"Objective KPIs.csv": f["objective_kpis.csv"]}),
            "Objective KPIs.csv: a second file of objective_kpis (the first is objective_kpis.csv)",
        ),
        (lambda f: f["risks.csv"][1].append("extra"), "risks.csv:2: 9 cells but the header has 8 columns"),
        (lambda f: f["risks.csv"][0].__setitem__(1, "id"), 'risks.csv: columns "id" and "id" both map to id'),
    ],
    ids=["no-accounts-file", "unknown-file", "two-files-one-type", "long-row", "repeated-column"],
)
def test_a_file_of_the_wrong_shape_refuses_the_import(store: AccountStore, change: Any, message: str) -> None:
    files = files_of(demo()[:1])
    change(files)
    assert _shape_problem(files, store).startswith(message)


def test_a_blank_trailing_column_passes_only_while_empty(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    for row in files["usage.csv"]:
        row.append("")
    assert import_csv(store, sources(files), CsvMapping()).errors() == []
    files["usage.csv"][2][-1] = "stray"
    assert _shape_problem(files, AccountStore(str(Path(store.path).with_name("other.db")))) == (
        "usage.csv:3: column 6 has no header but holds a value"
    )


def test_several_accounts_need_the_account_id_column(store: AccountStore) -> None:
    files = files_of(demo()[:2])
    files["usage.csv"] = [row[:1] + row[2:] for row in files["usage.csv"]]
    assert _shape_problem(files, store).startswith("usage.csv: no account_id column; with several accounts")


def test_a_file_that_is_not_utf8_is_refused(store: AccountStore) -> None:
    good = sources(files_of(demo()[:1]))
    bad = [
        CsvSource("contacts.csv", "id,name\ncon-1,Jürgen".encode("latin-1")) if s.name == "contacts.csv" else s
        for s in good
    ]
    with pytest.raises(InputInvalid, match="contacts.csv: not UTF-8 text"):
        import_csv(store, bad, CsvMapping())


def test_excel_exports_with_a_bom_and_semicolons_are_read(store: AccountStore) -> None:
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows([["id", "name", "owner", "arr"], ["acc-se", "Semi Co", "u-s", "1,200"]])
    report = import_csv(store, [CsvSource("accounts.csv", b"\xef\xbb\xbf" + out.getvalue().encode())], CsvMapping())
    assert report.errors() == [] and store.bundle("acc-se").account.arr == 1200


# --- mapping ----------------------------------------------------------------------------------------------

MAPPING = """
[files]
objective_kpis = "KPI Report.csv"
[columns.all]
"Account ID" = "account_id"
[columns.objective_kpis]
"Health" = "status"
[values.objective_kpis.status]
Green = "On Track"
Amber = "Off Track"
"""


def test_mapping_renames_files_columns_and_values_and_errors_name_the_crm_column(store: AccountStore) -> None:
    files = files_of(demo()[:1])
    kpis = files.pop("objective_kpis.csv")
    kpis[0] = ["Health" if h == "status" else "Account ID" if h == "account_id" else h for h in kpis[0]]
    status = kpis[0].index("Health")
    kpis[1][status], kpis[2][status], kpis[3][status] = "green", "AMBER", "Purple"
    files["KPI Report.csv"] = kpis
    report = import_csv(store, sources(files), parse_mapping(MAPPING, "m.toml"))
    assert report.errors() == [
        "KPI Report.csv:4 \"Health\" (status): 'Purple' must be one of On Track, Completed, "
        "Off Track, Not Started, Blocked"
    ]
    kpis[3][status] = "Blocked"
    import_csv(store, sources(files), parse_mapping(MAPPING, "m.toml"))
    assert [k.status for k in store.bundle("acc-northwind").objective_kpis] == ["On Track", "Off Track", "Blocked"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("[files]\nkpis = 'k.csv'", "files.kpis: 'kpis' is not a record type"),
        ("[columns.contacts]\n'Full Name' = 'full_name'", "columns.contacts.\"Full Name\": 'full_name' is not a field"),
        ("[values.risks.colour]\nRed = 'High'", "values.risks.colour: 'colour' is not a field of risks"),
        ("[colums.contacts]\nx = 'name'", "colums: Extra inputs are not permitted"),
        ("[files\n", "not valid TOML"),
        ("[ignore]\ncontacts = 'Notes'", "ignore.contacts: Input should be a valid list"),
    ],
    ids=["unknown-type", "unknown-field", "unknown-value-field", "misspelt-section", "bad-toml", "ignore-not-a-list"],
)
def test_a_bad_mapping_is_refused_naming_its_key(text: str, message: str) -> None:
    with pytest.raises(InputInvalid) as info:
        parse_mapping(text, "m.toml")
    assert info.value.message.startswith("m.toml: ") and message in info.value.message


def test_the_shipped_schema_file_is_current() -> None:
    from state.schema import bundle_json_schema

    assert json.loads((ROOT / "docs" / "bundle.schema.json").read_text()) == bundle_json_schema()
