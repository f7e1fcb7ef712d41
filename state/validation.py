"""Validate a raw bundle and report every problem at once, each named by its path."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from state.bundle import RECORD_TYPES, TYPE_NAMES, Account, Bundle
from state.errors import BundleInvalid
from state.fields import closest_field
from state.text import INVALID_TEXT_MESSAGE, clean_text, invalid_text_locs

# Reference fields: record list -> field -> record list the id must point into.
REFERENCES: dict[str, dict[str, str]] = {
    "business_challenges": {"success_plan_id": "success_plans"},
    "objectives": {"success_plan_id": "success_plans", "business_challenge_id": "business_challenges"},
    "objective_kpis": {"objective_id": "objectives"},
    "playbooks": {"objective_id": "objectives", "success_plan_id": "success_plans"},
    "playbook_tasks": {"playbook_id": "playbooks"},
    "feedback": {"contact_id": "contacts"},
}
PARENT_LISTS: dict[str, str] = {name: key for key, name in TYPE_NAMES.items()}


def _a(noun: str) -> str:
    return ("an " if noun[0] in "aeiou" else "a ") + noun


def format_loc(loc: tuple[Any, ...]) -> str:
    """Render a pydantic location as `objective_kpis[2].status`."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "bundle"


def _message(error: ErrorDetails) -> str:
    kind = error["type"]
    if kind == "missing":
        return "is required"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [c.strip().strip("'") for c in expected.replace(" or ", ", ").split(",")]
        return "must be one of " + ", ".join(c for c in choices if c)
    simple = {
        "string_type": "must be a string",
        "list_type": "must be a list",
        "model_type": "must be an object",
        "model_attributes_type": "must be an object",
        "dict_type": "must be an object",
        "bool_type": "must be true or false",
        "string_too_short": "must not be empty",
        "string_too_long": "is too long (at most 200 characters)",
    }
    if kind in simple:
        return simple[kind]
    return str(error["msg"]).removeprefix("Value error, ")


def _structure_errors(raw: dict[str, Any]) -> list[str]:
    try:
        Bundle.model_validate(raw)
    except ValidationError as exc:
        return [f"{format_loc(e['loc'])}: {_message(e)}" for e in exc.errors()]
    return []


def _records(raw: dict[str, Any], key: str) -> Iterator[tuple[int, dict[str, Any]]]:
    items = raw.get(key)
    if isinstance(items, list):
        for i, item in enumerate(items):
            if isinstance(item, dict):
                yield i, item


def _ids(raw: dict[str, Any], key: str) -> set[str]:
    return {item["id"] for _, item in _records(raw, key) if isinstance(item.get("id"), str)}


def _duplicate_errors(raw: dict[str, Any]) -> list[str]:
    seen: dict[str, str] = {}
    account = raw.get("account")
    if isinstance(account, dict) and isinstance(account.get("id"), str):
        seen[account["id"]] = "account.id"
    errors = []
    for key in RECORD_TYPES:
        for i, item in _records(raw, key):
            rid = item.get("id")
            if not isinstance(rid, str):
                continue
            if rid in seen:
                errors.append(f"{key}[{i}].id: duplicate id '{rid}' (already used by {seen[rid]})")
            else:
                seen[rid] = f"{key}[{i}].id"
    return errors


def _reference_errors(raw: dict[str, Any]) -> list[str]:
    ids = {key: _ids(raw, key) for key in RECORD_TYPES}
    errors = []
    for key, fields in REFERENCES.items():
        for i, item in _records(raw, key):
            for field, target in fields.items():
                ref = item.get(field)
                if isinstance(ref, str) and ref not in ids[target]:
                    errors.append(f"{key}[{i}].{field}: '{ref}' is not {_a(TYPE_NAMES[target])} of this bundle")
    errors += _activity_reference_errors(raw, ids)
    return errors


def _activity_reference_errors(raw: dict[str, Any], ids: dict[str, set[str]]) -> list[str]:
    account = raw.get("account")
    account_id = account.get("id") if isinstance(account, dict) else None
    errors = []
    for i, item in _records(raw, "activities"):
        ptype, pid = item.get("parent_type"), item.get("parent_id")
        if isinstance(ptype, str) and isinstance(pid, str) and ptype in PARENT_LISTS:
            target = PARENT_LISTS[ptype]
            ok = pid == account_id if target == "account" else pid in ids[target]
            if not ok:
                errors.append(f"activities[{i}].parent_id: '{pid}' is not {_a(ptype)} of this bundle")
        contact_ids = item.get("contact_ids")
        if isinstance(contact_ids, list):
            for j, cid in enumerate(contact_ids):
                if isinstance(cid, str) and cid not in ids["contacts"]:
                    errors.append(f"activities[{i}].contact_ids[{j}]: '{cid}' is not a contact of this bundle")
    return errors


def _misspelled(item: dict[str, Any], known: Iterable[str], where: str) -> Iterator[str]:
    known = list(known)
    for key in item:
        if isinstance(key, str) and key not in known:
            suggestion = closest_field(key, known)
            if suggestion:
                yield f"{where}.{key}: unknown field; did you mean {suggestion}?"


def _unknown_field_errors(raw: dict[str, Any]) -> list[str]:
    """Refuse unknown keys that misspell a known field; other extra keys are kept but ignored (spec 2)."""
    errors = [e.removeprefix(".") for e in _misspelled(raw, Bundle.model_fields, "")]
    account = raw.get("account")
    if isinstance(account, dict):
        errors += _misspelled(account, Account.model_fields, "account")
    for key, model in RECORD_TYPES.items():
        for i, item in _records(raw, key):
            errors += _misspelled(item, model.model_fields, f"{key}[{i}]")
    return errors


def _invalid_text_errors(raw: dict[str, Any]) -> list[str]:
    return [f"{format_loc(loc)}: {INVALID_TEXT_MESSAGE}" for loc in invalid_text_locs(raw)]


def validate_bundle(raw: Any, where: str = "") -> Bundle:
    """Return the validated bundle or raise BundleInvalid listing every problem by path."""
    prefix = f"{where}: " if where else ""
    if not isinstance(raw, dict):
        raise BundleInvalid([f"{prefix}bundle: must be a JSON object"])
    errors = _invalid_text_errors(raw) + _unknown_field_errors(raw)
    errors += _structure_errors(raw) + _duplicate_errors(raw) + _reference_errors(raw)
    if errors:
        raise BundleInvalid([clean_text(prefix + e) for e in dict.fromkeys(errors)])
    return Bundle.model_validate(raw)
