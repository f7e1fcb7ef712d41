"""Bundle validation, rule by rule: each refusal names the bad field by its path."""

from __future__ import annotations

import copy
import json
from typing import Any

import pytest

from state.bundle import RECORD_TYPES, Account
from state.errors import BundleInvalid
from state.validation import validate_bundle


def full_bundle() -> dict[str, Any]:
    """Return a valid bundle with every record type, every optional field and every parent type."""
    return {
        "account": {
            "id": "acc-v",
            "name": "Vale Foods",
            "owner": "u-val",
            "industry": "Food",
            "segment": "SMB",
            "arr": 50000,
            "currency": "USD",
            "renewal_date": "2027-03-31",
        },
        "contacts": [
            {
                "id": "con-v-1",
                "name": "Ada Stone",
                "title": "COO",
                "role": "Executive Sponsor",
                "email": "a@v.example",
                "phone": "+1 555 0100",
                "influence": "high",
                "last_engaged": "2026-10-01",
            },
            {"id": "con-v-2", "name": "Ben Ode", "influence": "low"},
        ],
        "success_plans": [
            {"id": "sp-v-1", "name": "Plan", "status": "Active", "start_date": "2026-01-01", "end_date": "2026-12-31"}
        ],
        "business_challenges": [
            {"id": "bc-v-1", "success_plan_id": "sp-v-1", "description": "Slow", "priority": "High"}
        ],
        "objectives": [
            {
                "id": "obj-v-1",
                "name": "Be faster",
                "success_plan_id": "sp-v-1",
                "business_challenge_id": "bc-v-1",
                "status": "In Progress",
                "target_date": "2026-12-31",
            }
        ],
        "objective_kpis": [
            {
                "id": f"kpi-v-{i}",
                "objective_id": "obj-v-1",
                "name": f"KPI {i}",
                "status": "On Track",
                "unit": "%",
                "baseline": 10,
                "target": 50,
                "current": 40.5,
                "direction": "increase",
                "updated_at": "2026-11-01",
                "disputed": False,
            }
            for i in range(1, 4)
        ],
        "playbooks": [
            {
                "id": "pb-v-1",
                "name": "Rollout",
                "objective_id": "obj-v-1",
                "success_plan_id": "sp-v-1",
                "status": "In Progress",
            }
        ],
        "playbook_tasks": [
            {
                "id": "pt-v-1",
                "playbook_id": "pb-v-1",
                "title": "Train",
                "status": "Completed",
                "due_date": "2026-06-30",
                "completed_date": "2026-06-24",
                "owner": "u-val",
            }
        ],
        "activities": [
            {
                "id": f"act-v-{ptype}",
                "date": "2026-10-02",
                "type": "Meeting",
                "parent_type": ptype,
                "parent_id": pid,
                "subject": "Sync",
                "notes": "Fine.",
                "contact_ids": ["con-v-1"],
                "disputed": False,
                "confidential": False,
            }
            for ptype, pid in PARENTS.items()
        ],
        "feedback": [
            {
                "id": "fb-v-1",
                "date": "2026-10-30",
                "source": "NPS",
                "contact_id": "con-v-1",
                "score": 9,
                "comment": "Good.",
                "permission_to_quote": True,
            }
        ],
        "usage": [{"id": "use-v-1", "metric": "weekly_active_users", "period": "2026-10", "value": 84}],
        "risks": [
            {
                "id": "risk-v-1",
                "title": "Vendor",
                "severity": "High",
                "status": "Open",
                "opened": "2026-10-01",
                "description": "Blocked.",
                "disputed": False,
            }
        ],
    }


PARENTS = {
    "account": "acc-v",
    "success_plan": "sp-v-1",
    "business_challenge": "bc-v-1",
    "objective": "obj-v-1",
    "objective_kpi": "kpi-v-1",
    "playbook": "pb-v-1",
    "playbook_task": "pt-v-1",
}
ACTIVITY_INDEX = {ptype: i for i, ptype in enumerate(PARENTS)}


def problems(raw: Any) -> list[str]:
    """Return the problems validation reports for `raw` (failing when it validates)."""
    with pytest.raises(BundleInvalid) as info:
        validate_bundle(raw)
    assert info.value.problems, "a refusal lists at least one problem"
    return info.value.problems


def problem_at(raw: Any, path: str) -> str:
    """Return the message reported for `path`, failing when no problem names that path."""
    found = [p.split(": ", 1)[1] for p in problems(raw) if p.split(": ", 1)[0] == path]
    assert found, f"no problem names {path}: {problems(raw)}"
    return found[0]


def mutate(path: str, value: Any = ..., *, delete: bool = False) -> dict[str, Any]:
    """Return a full bundle with the field at `path` (`objective_kpis[2].status`) set or deleted."""
    raw = full_bundle()
    target: Any = raw
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        target = target[int(part)] if part.isdigit() else target[part]
    last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
    if delete:
        del target[last]
    else:
        target[last] = value
    return raw


def test_full_bundle_is_valid() -> None:
    bundle = validate_bundle(full_bundle())
    assert bundle.counts()["activities"] == len(PARENTS)
    assert bundle.associated_count() == sum(len(v) for k, v in full_bundle().items() if k != "account")


# --- required fields --------------------------------------------------------------------------------------

MODELS = {"account": Account, **RECORD_TYPES}
REQUIRED = [
    (key, field) for key, model in MODELS.items() for field, info in model.model_fields.items() if info.is_required()
]
OPTIONAL = [
    (key, field)
    for key, model in MODELS.items()
    for field, info in model.model_fields.items()
    if not info.is_required()
]


# The spec's table, bold fields.
SPEC_REQUIRED = {
    "account": "id name owner",
    "contacts": "id name",
    "success_plans": "id name",
    "business_challenges": "id success_plan_id description",
    "objectives": "id name",
    "objective_kpis": "id objective_id name status",
    "playbooks": "id name",
    "playbook_tasks": "id playbook_id title status",
    "activities": "id date type parent_type parent_id",
    "feedback": "id date",
    "usage": "id metric period value",
    "risks": "id title severity status",
}


def test_required_fields_match_the_spec() -> None:
    assert set(REQUIRED) == {(key, f) for key, fields in SPEC_REQUIRED.items() for f in fields.split()}
    assert ("account", "renewal_date") in OPTIONAL and ("activities", "contact_ids") in OPTIONAL


@pytest.mark.parametrize(("key", "field"), REQUIRED, ids=[f"required-{k}.{f}" for k, f in REQUIRED])
def test_missing_required_field_is_refused(key: str, field: str) -> None:
    path = f"account.{field}" if key == "account" else f"{key}[0].{field}"
    assert problem_at(mutate(path, delete=True), path) == "is required"


# --- enumerations -----------------------------------------------------------------------------------------

ENUMS = [
    ("objective_kpis[0].status", ["On Track", "Completed", "Off Track", "Not Started", "Blocked"]),
    ("objective_kpis[0].direction", ["increase", "decrease"]),
    ("playbook_tasks[0].status", ["Open", "In Progress", "Completed", "Blocked", "Cancelled"]),
    ("activities[0].type", ["Meeting", "Call", "Email", "Note", "Escalation"]),
    ("feedback[0].source", ["NPS", "CSAT", "Survey", "Quote"]),
    ("risks[0].severity", ["Low", "Medium", "High", "Critical"]),
    ("risks[0].status", ["Open", "Mitigating", "Resolved"]),
    ("contacts[0].influence", ["high", "medium", "low"]),
]
ENUM_VALUES = [(path, value) for path, values in ENUMS for value in values]


@pytest.mark.parametrize(("path", "value"), ENUM_VALUES, ids=[f"enum-ok-{p}={v}" for p, v in ENUM_VALUES])
def test_every_enumeration_value_is_accepted(path: str, value: str) -> None:
    assert validate_bundle(mutate(path, value)).account.id == full_bundle()["account"]["id"]


@pytest.mark.parametrize(("path", "allowed"), ENUMS, ids=[f"enum-bad-{p}" for p, _ in ENUMS])
@pytest.mark.parametrize("bad", ["Green", "on track", ""], ids=["word", "wrong-case", "empty"])
def test_value_outside_an_enumeration_is_refused(path: str, allowed: list[str], bad: str) -> None:
    message = problem_at(mutate(path, bad), path)
    assert message.startswith("must be one of")
    assert all(value in message for value in allowed)


def test_parent_type_outside_its_enumeration_is_refused() -> None:
    message = problem_at(mutate("activities[0].parent_type", "customer"), "activities[0].parent_type")
    assert "must be one of" in message and "playbook_task" in message


def test_kpi_status_green_is_refused_naming_its_path() -> None:
    raw = mutate("objective_kpis[2].status", "Green")
    assert problems(raw) == [
        "objective_kpis[2].status: must be one of On Track, Completed, Off Track, Not Started, Blocked"
    ]


# --- dates ------------------------------------------------------------------------------------------------

DATES = [
    "account.renewal_date",
    "contacts[0].last_engaged",
    "success_plans[0].start_date",
    "success_plans[0].end_date",
    "objectives[0].target_date",
    "objective_kpis[0].updated_at",
    "playbook_tasks[0].due_date",
    "playbook_tasks[0].completed_date",
    "activities[0].date",
    "feedback[0].date",
    "risks[0].opened",
]
BAD_DATES = {
    "slashes": "2026/10/02",
    "day-first": "02-10-2026",
    "month-13": "2026-13-01",
    "feb-30": "2026-02-30",
    "word": "yesterday",
    "number": 20261002,
    "empty": "",
}


@pytest.mark.parametrize("path", DATES, ids=[f"date-{p}" for p in DATES])
@pytest.mark.parametrize("bad", list(BAD_DATES.values()), ids=list(BAD_DATES))
def test_non_iso_date_is_refused(path: str, bad: Any) -> None:
    assert "must be an ISO date" in problem_at(mutate(path, bad), path)


@pytest.mark.parametrize(
    "good",
    ["2026-10-02", "2026-10-02T09:30:00", "2026-10-02T09:30:00Z", "2026-10-02T09:30:00+02:00"],
    ids=["date", "timestamp", "utc", "offset"],
)
def test_iso_dates_and_timestamps_are_accepted(good: str) -> None:
    bundle = validate_bundle(mutate("activities[0].date", good))
    assert bundle.activities[0].date.isoformat() == "2026-10-02"


# --- numbers and booleans ---------------------------------------------------------------------------------

NUMBERS = [
    "account.arr",
    "objective_kpis[0].baseline",
    "objective_kpis[0].target",
    "objective_kpis[0].current",
    "feedback[0].score",
    "usage[0].value",
]
BAD_NUMBERS = {
    "string-12": ("12", "must be a number"),
    "bool": (True, "must be a number"),
    "nan": (float("nan"), "must be a finite number"),
    "inf": (float("inf"), "must be a finite number"),
    "list": ([1], "must be a number"),
}


@pytest.mark.parametrize("path", NUMBERS, ids=[f"number-{p}" for p in NUMBERS])
@pytest.mark.parametrize(("bad", "message"), list(BAD_NUMBERS.values()), ids=list(BAD_NUMBERS))
def test_non_number_is_refused(path: str, bad: Any, message: str) -> None:
    assert problem_at(mutate(path, bad), path) == message


def test_nan_parsed_from_json_text_is_refused() -> None:
    raw = json.loads(json.dumps(full_bundle()).replace('"current": 40.5', '"current": NaN', 1))
    assert problem_at(raw, "objective_kpis[0].current") == "must be a finite number"


@pytest.mark.parametrize("value", [0, -3, 12.75, 10**12], ids=["zero", "negative", "float", "large"])
def test_numbers_are_accepted(value: float) -> None:
    assert validate_bundle(mutate("usage[0].value", value)).usage[0].value == value


FLAGS = [
    "objective_kpis[0].disputed",
    "activities[0].disputed",
    "activities[0].confidential",
    "feedback[0].permission_to_quote",
    "risks[0].disputed",
]


@pytest.mark.parametrize("path", FLAGS, ids=[f"bool-{p}" for p in FLAGS])
@pytest.mark.parametrize("bad", ["yes", "true", 1], ids=["word", "string-true", "one"])
def test_non_boolean_flag_is_refused(path: str, bad: Any) -> None:
    assert problem_at(mutate(path, bad), path) == "must be true or false"


STRINGS = ["account.name", "contacts[0].name", "objective_kpis[0].name", "activities[0].notes", "usage[0].period"]


@pytest.mark.parametrize("path", STRINGS, ids=[f"string-{p}" for p in STRINGS])
def test_non_string_text_is_refused(path: str) -> None:
    assert problem_at(mutate(path, 12), path) == "must be a string"


@pytest.mark.parametrize("bad", [12, ""], ids=["number", "empty"])
def test_bad_record_id_is_refused(bad: Any) -> None:
    assert problem_at(mutate("risks[0].id", bad), "risks[0].id") in ("must be a string", "must not be empty")


# --- duplicate ids ----------------------------------------------------------------------------------------

DUPLICATES = {
    "same-type": ("contacts[1].id", "con-v-1", "contacts[0].id"),
    "across-types": ("risks[0].id", "kpi-v-1", "objective_kpis[0].id"),
    "account-id-reused": ("usage[0].id", "acc-v", "account.id"),
    "activity-vs-task": ("activities[3].id", "pt-v-1", "playbook_tasks[0].id"),
}


@pytest.mark.parametrize(("path", "value", "first"), list(DUPLICATES.values()), ids=list(DUPLICATES))
def test_duplicate_id_in_the_bundle_is_refused(path: str, value: str, first: str) -> None:
    message = problem_at(mutate(path, value), path)
    assert f"duplicate id '{value}'" in message and first in message


# --- references -------------------------------------------------------------------------------------------

REFERENCES = [
    ("business_challenges[0].success_plan_id", "a success_plan"),
    ("objectives[0].success_plan_id", "a success_plan"),
    ("objectives[0].business_challenge_id", "a business_challenge"),
    ("objective_kpis[1].objective_id", "an objective"),
    ("playbooks[0].objective_id", "an objective"),
    ("playbooks[0].success_plan_id", "a success_plan"),
    ("playbook_tasks[0].playbook_id", "a playbook"),
    ("feedback[0].contact_id", "a contact"),
    ("activities[2].contact_ids[0]", "a contact"),
]


@pytest.mark.parametrize(("path", "noun"), REFERENCES, ids=[f"ref-{p}" for p, _ in REFERENCES])
def test_reference_to_a_missing_record_is_refused(path: str, noun: str) -> None:
    assert problem_at(mutate(path, "nope-1"), path) == f"'nope-1' is not {noun} of this bundle"


@pytest.mark.parametrize("ptype", list(PARENTS), ids=[f"parent-missing-{p}" for p in PARENTS])
def test_activity_parent_missing_is_refused(ptype: str) -> None:
    path = f"activities[{ACTIVITY_INDEX[ptype]}].parent_id"
    assert "'ghost' is not" in problem_at(mutate(path, "ghost"), path)


# Each parent type pointed at a record of another type: it must name the type `parent_type` names.
WRONG_TYPE = {
    "account": "sp-v-1",
    "success_plan": "acc-v",
    "business_challenge": "obj-v-1",
    "objective": "kpi-v-1",
    "objective_kpi": "obj-v-1",
    "playbook": "pt-v-1",
    "playbook_task": "pb-v-1",
}


@pytest.mark.parametrize("ptype", list(PARENTS), ids=[f"parent-wrong-type-{p}" for p in PARENTS])
def test_activity_parent_of_another_type_is_refused(ptype: str) -> None:
    path = f"activities[{ACTIVITY_INDEX[ptype]}].parent_id"
    message = problem_at(mutate(path, WRONG_TYPE[ptype]), path)
    assert message.startswith(f"'{WRONG_TYPE[ptype]}' is not") and ptype in message


def test_kpi_pointing_at_a_missing_objective_is_refused_naming_its_path() -> None:
    raw = mutate("objective_kpis[1].objective_id", "obj-missing")
    assert problems(raw) == ["objective_kpis[1].objective_id: 'obj-missing' is not an objective of this bundle"]


def test_references_may_not_reach_into_another_bundle() -> None:
    other = full_bundle()
    raw = mutate("feedback[0].contact_id", "con-nw-1")
    assert other["contacts"][0]["id"] != "con-nw-1"
    assert problem_at(raw, "feedback[0].contact_id") == "'con-nw-1' is not a contact of this bundle"


# --- account and bundle level -----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [[], "x", 1, None], ids=["list", "string", "number", "null"])
def test_bundle_that_is_not_an_object_is_refused(value: Any) -> None:
    assert problems(value) == ["bundle: must be a JSON object"]


def test_problem_paths_can_carry_where_the_bundle_came_from() -> None:
    with pytest.raises(BundleInvalid) as info:
        validate_bundle(mutate("risks[0].severity", "Huge"), "file.json[3]")
    assert info.value.problems[0].startswith("file.json[3]: risks[0].severity: must be one of")


def test_missing_account_is_refused() -> None:
    raw = full_bundle()
    del raw["account"]
    assert "account: is required" in problems(raw)


@pytest.mark.parametrize("value", [[], "acc-v", None], ids=["list", "string", "null"])
def test_account_that_is_not_an_object_is_refused(value: Any) -> None:
    assert problem_at(mutate("account", value), "account") == "must be an object"


def test_account_only_bundle_is_valid_with_no_associated_records() -> None:
    bundle = validate_bundle({"account": {"id": "acc-1", "name": "One", "owner": "u-1"}})
    assert bundle.associated_count() == 0


@pytest.mark.parametrize("key", list(RECORD_TYPES), ids=[f"list-{k}" for k in RECORD_TYPES])
def test_record_list_that_is_not_a_list_is_refused(key: str) -> None:
    raw = full_bundle()
    raw[key] = {"id": "x"}
    assert problem_at(raw, key) == "must be a list"


@pytest.mark.parametrize("key", list(RECORD_TYPES), ids=[f"item-{k}" for k in RECORD_TYPES])
def test_record_that_is_not_an_object_is_refused(key: str) -> None:
    raw = full_bundle()
    raw[key] = ["x"]
    assert problem_at(raw, f"{key}[0]") == "must be an object"


# --- tolerance: extra fields, nulls, null lists -----------------------------------------------------------


def test_extra_fields_are_kept_but_ignored() -> None:
    raw = full_bundle()
    raw["crm_export_version"] = 7
    raw["account"]["tier"] = "gold"
    raw["objective_kpis"][0]["colour"] = "green"
    raw["activities"][0]["sentiment"] = {"score": 0.4}
    bundle = validate_bundle(raw)
    assert bundle.model_extra == {"crm_export_version": 7}
    assert bundle.account.model_extra == {"tier": "gold"}
    assert bundle.objective_kpis[0].model_extra == {"colour": "green"}
    assert bundle.activities[0].model_extra == {"sentiment": {"score": 0.4}}


@pytest.mark.parametrize(("key", "field"), OPTIONAL, ids=[f"null-{k}.{f}" for k, f in OPTIONAL])
def test_optional_field_may_be_null(key: str, field: str) -> None:
    path = f"account.{field}" if key == "account" else f"{key}[0].{field}"
    bundle = validate_bundle(mutate(path, None))
    record = bundle.account if key == "account" else bundle.records(key)[0]
    default = type(record).model_fields[field].get_default(call_default_factory=True)
    assert getattr(record, field) == default


@pytest.mark.parametrize(("key", "field"), OPTIONAL, ids=[f"absent-{k}.{f}" for k, f in OPTIONAL])
def test_optional_field_may_be_absent(key: str, field: str) -> None:
    path = f"account.{field}" if key == "account" else f"{key}[0].{field}"
    assert validate_bundle(mutate(path, delete=True)).account.id == full_bundle()["account"]["id"]


def test_defaults_apply_to_absent_and_null_flags() -> None:
    raw = full_bundle()
    kpi, activity, feedback = raw["objective_kpis"][0], raw["activities"][0], raw["feedback"][0]
    del kpi["direction"], kpi["disputed"], activity["contact_ids"]
    activity["confidential"] = None
    feedback["permission_to_quote"] = None
    bundle = validate_bundle(raw)
    assert bundle.objective_kpis[0].direction == "increase"
    assert bundle.objective_kpis[0].disputed is False
    assert bundle.activities[0].contact_ids == []
    assert bundle.activities[0].confidential is False
    assert bundle.feedback[0].permission_to_quote is False


@pytest.mark.parametrize("key", list(RECORD_TYPES), ids=[f"null-list-{k}" for k in RECORD_TYPES])
def test_null_record_list_reads_as_empty(key: str) -> None:
    raw: dict[str, Any] = {"account": copy.deepcopy(full_bundle()["account"]), key: None}
    assert validate_bundle(raw).records(key) == []


# --- many problems at once --------------------------------------------------------------------------------


def test_many_problems_are_reported_at_once() -> None:
    raw = full_bundle()
    raw["objective_kpis"][2]["status"] = "Green"
    raw["objective_kpis"][1]["objective_id"] = "obj-missing"
    raw["activities"][0]["date"] = "last week"
    raw["usage"][0]["value"] = "12"
    raw["risks"][0]["id"] = "con-v-1"
    del raw["contacts"][1]["name"]
    paths = {p.split(": ", 1)[0] for p in problems(raw)}
    assert paths == {
        "objective_kpis[2].status",
        "objective_kpis[1].objective_id",
        "activities[0].date",
        "usage[0].value",
        "risks[0].id",
        "contacts[1].name",
    }


def test_every_problem_line_starts_with_a_path() -> None:
    raw = full_bundle()
    for kpi in raw["objective_kpis"]:
        kpi["status"] = "Amber"
    listed = problems(raw)
    assert listed == [f"objective_kpis[{i}].status: " + listed[0].split(": ", 1)[1] for i in range(3)]


@pytest.mark.parametrize(
    ("key", "field"),
    [
        ("account", "name"),
        ("contacts", "name"),
        ("business_challenges", "description"),
        ("playbook_tasks", "title"),
        ("usage", "metric"),
        ("risks", "title"),
    ],
    ids=lambda v: str(v),
)
def test_required_text_must_not_be_empty(example_bundle: dict, key: str, field: str) -> None:
    target = example_bundle[key] if key == "account" else example_bundle[key][0]
    target[field] = ""
    path = f"{key}.{field}" if key == "account" else f"{key}[0].{field}"
    with pytest.raises(BundleInvalid) as exc:
        validate_bundle(example_bundle)
    assert f"{path}: must not be empty" in exc.value.problems
