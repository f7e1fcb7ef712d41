"""Stop rules: every code of the contract, triggered and not triggered."""

from __future__ import annotations

from typing import Any

import pytest
from recap_bundles import AS_OF, bundle_of, contoso_raw, example_raw

from state.recap import (
    FLAG_CONFIDENTIAL,
    FLAG_PERSONAL_DATA,
    FLAG_UNQUOTABLE,
    STOP_CODES,
    Claim,
    Recap,
)
from tools.evidence import build_evidence
from tools.stop_rules import stop_reasons


def calm_raw() -> dict[str, Any]:
    """The example with its open issue resolved: no stop reason on its own."""
    raw = example_raw()
    raw["risks"][0]["status"] = "Resolved"
    raw["activities"][1]["type"] = "Call"
    return raw


def recap_of(*claims: Claim) -> Recap:
    recap = Recap()
    recap.sections["executive_summary"] = list(claims)
    return recap


def ok(cid: str = "es-1", citations: tuple[str, ...] = ("kpi-nw-1",), **fields: Any) -> Claim:
    return Claim(id=cid, text="text", citations=list(citations), **{"supported": True, **fields})


def codes(recap: Recap, raw: dict[str, Any]):
    bundle = bundle_of(raw)
    return {r.code: r for r in stop_reasons(recap, build_evidence(bundle, AS_OF), bundle)}


def test_a_calm_account_with_supported_claims_has_no_stop_reason() -> None:
    assert codes(recap_of(ok()), calm_raw()) == {}


def _disputed_raw() -> dict[str, Any]:
    raw = calm_raw()
    raw["objective_kpis"][0]["disputed"] = True
    return raw


def _missing_proof_raw() -> dict[str, Any]:
    raw = calm_raw()
    raw["objectives"].append({"id": "obj-nw-3", "name": "Cut no-shows"})
    return raw


CASES = [
    ("unsupported_claims", recap_of(ok(), ok("es-2", supported=False)), calm_raw, ["es-2"], []),
    ("disputed_data", recap_of(ok(), ok("es-2", ("kpi-nw-2",))), _disputed_raw, ["es-1"], ["kpi-nw-1"]),
    ("incomplete_data", recap_of(ok()), _missing_proof_raw, [], ["obj-nw-3"]),
    ("unresolved_customer_issue", recap_of(ok()), example_raw, [], ["risk-nw-1", "act-nw-2"]),
    (
        "sensitive_details",
        recap_of(ok(flags=[FLAG_CONFIDENTIAL]), ok("es-2", flags=[FLAG_PERSONAL_DATA])),
        calm_raw,
        ["es-1", "es-2"],
        [],
    ),
    (
        "permission_missing",
        recap_of(ok(citations=("fb-nw-2",), flags=[FLAG_UNQUOTABLE])),
        calm_raw,
        ["es-1"],
        ["fb-nw-2"],
    ),
]


@pytest.mark.parametrize(("code", "recap", "raw", "claim_ids", "record_ids"), CASES, ids=[c[0] for c in CASES])
def test_each_stop_rule_triggers_alone(code, recap, raw, claim_ids, record_ids) -> None:
    found = codes(recap, raw())
    assert set(found) == {code}
    reason = found[code]
    assert reason.claim_ids == claim_ids and reason.record_ids == record_ids
    assert reason.message and all(i in reason.message for i in claim_ids)


@pytest.mark.parametrize("code", STOP_CODES)
def test_each_stop_rule_stays_quiet_without_its_cause(code: str) -> None:
    assert code not in codes(recap_of(ok(), ok("es-2", ("fb-nw-1",))), calm_raw())


def test_messages_name_the_records_and_goals() -> None:
    found = codes(recap_of(ok()), {**_missing_proof_raw(), "risks": example_raw()["risks"]})
    assert "Cut no-shows" in found["incomplete_data"].message
    assert "EHR integration blocked by vendor" in found["unresolved_customer_issue"].message


def test_disputed_activity_and_risk_citations_stop_too() -> None:
    raw = contoso_raw()
    raw["risks"][0]["disputed"] = True
    found = codes(recap_of(ok(citations=("act-co-3",)), ok("es-2", ("risk-co-1",))), raw)
    assert found["disputed_data"].record_ids == ["act-co-3", "risk-co-1"]


def test_sensitive_details_name_the_sensitive_records() -> None:
    found = codes(recap_of(ok(citations=("act-co-2", "kpi-co-1"), flags=[FLAG_CONFIDENTIAL])), contoso_raw())
    assert found["sensitive_details"].record_ids == ["act-co-2"]
    assert "confidential" in found["sensitive_details"].message


def test_unsupported_claims_are_found_in_every_part_of_the_recap() -> None:
    recap = recap_of(ok())
    recap.caveats = [ok("cv-1", ("acc-northwind",), supported=False)]
    assert codes(recap, calm_raw())["unsupported_claims"].claim_ids == ["cv-1"]
