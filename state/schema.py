"""The bundle file's JSON Schema, generated from the pydantic models, for editors to check a bundle as it is typed.

The schema covers each field's type, enumeration and required-ness; the rules across records (ids unique,
references pointing into the same bundle) are for `recap ingest` to check.
"""

from __future__ import annotations

from typing import Any

from state.bundle import Bundle

DRAFT = "https://json-schema.org/draft/2020-12/schema"


def _nullable_optionals(schema: dict[str, Any]) -> None:
    """Let every optional property be null too, as the contract allows (`"disputed": null` reads as false)."""
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        if name in required or "anyOf" in prop:
            continue
        default = prop.pop("default", None)
        title = prop.pop("title", None)
        schema["properties"][name] = {"anyOf": [prop, {"type": "null"}], "default": default, "title": title}


def bundle_json_schema() -> dict[str, Any]:
    """Return the JSON Schema of a bundle file: one bundle object, or a list of them."""
    bundle = Bundle.model_json_schema(ref_template="#/$defs/{model}")
    defs: dict[str, Any] = bundle.pop("$defs")
    defs["Bundle"] = bundle
    for schema in defs.values():
        _nullable_optionals(schema)
    return {
        "$schema": DRAFT,
        "title": "recap account bundle file",
        "description": "One account bundle (an object) or several (a list); see the contract, section 2. "
        "Unknown extra fields are kept but ignored.",
        "anyOf": [{"$ref": "#/$defs/Bundle"}, {"type": "array", "items": {"$ref": "#/$defs/Bundle"}}],
        "$defs": defs,
    }
