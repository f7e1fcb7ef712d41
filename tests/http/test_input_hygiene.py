"""Issue 11 items 8 and 11 over HTTP: invalid text gets 422 with its path, never a 500; unknown fields
are refused naming the field and the known one it misspells.

Bodies are raw bytes: `"\\ud800"` is valid JSON text that decodes to a lone surrogate, which an
HTTP client could not even encode from a Python string.
"""

from __future__ import annotations

import json

import pytest
from fastapi.testclient import TestClient

from tests.http.support import ACCOUNT, Keys, copy_bundle

SURROGATE = "\\ud800"  # as it appears in the JSON text


def _first_claim(run: dict) -> str:
    return run["recap"]["sections"]["executive_summary"][0]["id"]


def _post_raw(client: TestClient, url: str, text: str, keys: Keys, role: str = "owner"):  # noqa: ANN202
    return client.post(
        url, content=text.encode("ascii"), headers={**keys.header(role), "Content-Type": "application/json"}
    )


DECISIONS = {
    "claim-id": ('{"decision": "edit", "edits": {"edit": [{"id": "\\ud800", "text": "x"}]}}', "edits.edit[0].id"),
    "edit-text": (
        '{"decision": "edit", "edits": {"edit": [{"id": "CLAIM", "text": "a\\ud800b"}]}}',
        "edits.edit[0].text",
    ),
    "removed-id": ('{"decision": "edit", "edits": {"remove": ["\\ud800"]}}', "edits.remove[0]"),
    "comment": ('{"decision": "reject", "comment": "\\ud800"}', "comment"),
    "nul-in-text": (
        '{"decision": "edit", "edits": {"edit": [{"id": "CLAIM", "text": "a\\u0000b"}]}}',
        "edits.edit[0].text",
    ),
    "unknown-key-with-surrogate": ('{"decision": "reject", "\\ud800": 1}', "body"),
}


@pytest.mark.parametrize(("text", "field"), DECISIONS.values(), ids=DECISIONS.keys())
def test_invalid_text_in_a_decision_is_422_naming_its_path(
    client: TestClient, keys: Keys, paused_run: dict, text: str, field: str
) -> None:
    url = f"/runs/{paused_run['run_id']}/resume"
    response = _post_raw(client, url, text.replace("CLAIM", _first_claim(paused_run)), keys)
    assert response.status_code == 422, response.text
    assert field in [problem["field"] for problem in response.json()["detail"]]
    assert "contains invalid text" in response.text
    assert client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json() == paused_run


def test_invalid_text_in_claims_to_verify_is_422(client: TestClient, keys: Keys) -> None:
    text = '[{"id": "c1", "text": "Fine.", "citations": ["kpi-\\ud800"]}]'
    response = _post_raw(client, f"/accounts/{ACCOUNT}/verify", text, keys)
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == ["[0].citations[0]"]


def test_invalid_text_in_a_bundle_is_422_naming_its_path_and_stores_nothing(
    client: TestClient, keys: Keys, example_bundle: dict
) -> None:
    bundle = copy_bundle(example_bundle, "fresh")
    text = json.dumps(bundle).replace('"name": "', f'"name": "{SURROGATE}', 1)
    response = client.put(
        "/accounts/acc-fresh",
        content=text.encode("ascii"),
        headers={**keys.header("admin"), "Content-Type": "application/json"},
    )
    assert response.status_code == 422
    assert "account.name: contains invalid text" in response.json()["detail"][0]
    assert client.post("/accounts/acc-fresh/runs", headers=keys.header("admin")).status_code == 404


def test_a_non_ascii_idempotency_key_is_422_naming_the_header(client: TestClient, keys: Keys) -> None:
    response = client.post(
        f"/accounts/{ACCOUNT}/runs", headers={**keys.header("owner"), "Idempotency-Key": b"caf\xc3\xa9"}
    )
    assert response.status_code == 422
    assert [p["field"] for p in response.json()["detail"]] == ["Idempotency-Key"]


UNKNOWN = {
    "edit-txt": (
        {"decision": "edit", "edits": {"edit": [{"id": "CLAIM", "txt": "x"}]}},
        "edits.edit[0].txt",
        "unknown field; did you mean text?",
    ),
    "add-citation": (
        {
            "decision": "edit",
            "edits": {"add": [{"section": "caveats", "text": "x", "citations": [], "citation": ["kpi-nw-1"]}]},
        },
        "edits.add[0].citation",
        "unknown field; did you mean citations?",
    ),
    "edits-removed": (
        {"decision": "edit", "edits": {"removed": ["CLAIM"]}},
        "edits.removed",
        "unknown field; did you mean remove?",
    ),
    "comments": ({"decision": "reject", "comments": "no"}, "comments", "unknown field; did you mean comment?"),
    "far-off": (
        {"decision": "reject", "force": True},
        "force",
        "unknown field; expected one of decision, edits, comment",
    ),
}


@pytest.mark.parametrize(("body", "field", "message"), UNKNOWN.values(), ids=UNKNOWN.keys())
def test_an_unknown_decision_field_is_refused_with_a_suggestion(
    client: TestClient, keys: Keys, paused_run: dict, body: dict, field: str, message: str
) -> None:
    body = json.loads(json.dumps(body).replace("CLAIM", _first_claim(paused_run)))
    response = client.post(f"/runs/{paused_run['run_id']}/resume", json=body, headers=keys.header("owner"))
    assert response.status_code == 422
    assert {"field": field, "msg": message} in [{k: p[k] for k in ("field", "msg")} for p in response.json()["detail"]]
    assert client.get(f"/runs/{paused_run['run_id']}", headers=keys.header("owner")).json() == paused_run


MISSPELLED = {
    "kpis": (lambda b: b | {"kpis": b.pop("objective_kpis")}, "kpis: unknown field; did you mean objective_kpis?"),
    "objective_kpi": (
        lambda b: b | {"objective_kpi": b.pop("objective_kpis")},
        "objective_kpi: unknown field; did you mean objective_kpis?",
    ),
    "titel": (
        lambda b: b | {"playbook_tasks": [{**t, "titel": t["title"]} for t in b["playbook_tasks"]]},
        "playbook_tasks[0].titel: unknown field; did you mean title?",
    ),
    "renewal-date": (
        lambda b: b | {"account": {**b["account"], "renewal": "2027-01-01"}},
        "account.renewal: unknown field; did you mean renewal_date?",
    ),
}


@pytest.mark.parametrize(("change", "problem"), MISSPELLED.values(), ids=MISSPELLED.keys())
def test_a_misspelled_bundle_field_is_refused_and_nothing_is_stored(
    client: TestClient, keys: Keys, example_bundle: dict, change, problem: str
) -> None:  # noqa: ANN001
    bundle = change(copy_bundle(example_bundle, "fresh"))
    response = client.put("/accounts/acc-fresh", json=bundle, headers=keys.header("admin"))
    assert response.status_code == 422
    assert problem in response.json()["detail"]
    assert client.post("/accounts/acc-fresh/runs", headers=keys.header("admin")).status_code == 404


def test_an_unrelated_extra_bundle_field_is_still_kept_and_ignored(
    client: TestClient, keys: Keys, example_bundle: dict
) -> None:
    bundle = copy_bundle(example_bundle, "fresh")
    bundle["crm_export_version"] = 7
    bundle["objective_kpis"][0]["colour"] = "green"
    response = client.put("/accounts/acc-fresh", json=bundle, headers=keys.header("admin"))
    assert response.status_code == 200, response.text
    assert response.json()["counts"]["objective_kpis"] == len(bundle["objective_kpis"])


OTHER_BODIES = {
    "replay-checkpoint": ("/runs/RUN/replay", '{"checkpoint_id": "\\ud800"}', "checkpoint_id"),
    "batch-owner": ("/batches", '{"owner": "\\ud800"}', "owner"),
    "batch-accounts": ("/batches", '{"account_ids": ["acc-northwind", "\\udc00"]}', "account_ids[1]"),
}


@pytest.mark.parametrize(("url", "text", "field"), OTHER_BODIES.values(), ids=OTHER_BODIES.keys())
def test_invalid_text_in_other_bodies_is_422_not_500(
    client: TestClient, keys: Keys, paused_run: dict, url: str, text: str, field: str
) -> None:
    response = _post_raw(client, url.replace("RUN", paused_run["run_id"]), text, keys, role="admin")
    assert response.status_code == 422, response.text
    assert [p["field"] for p in response.json()["detail"]] == [field]


def test_a_nan_in_a_decision_is_422_not_500(client: TestClient, keys: Keys, paused_run: dict) -> None:
    response = _post_raw(client, f"/runs/{paused_run['run_id']}/resume", '{"decision": NaN}', keys)
    assert response.status_code == 422 and response.json()["detail"][0]["field"] == "decision"


PARAMS_WITH_NUL = {
    "runs-account": ("/runs?account_id=acc%00x", "account_id"),
    "runs-owner": ("/runs?owner=ana%00", "owner"),
    "metrics-account": ("/metrics?account_id=%00", "account_id"),
    "report-owner": ("/reports/summary?owner=%00", "owner"),
    "run-path": ("/runs/run%00x", "run_id"),
    "account-runs-path": ("/accounts/acc%00x/runs", "account_id"),
    "key-path": ("/keys/k%00", "key_id"),
}


@pytest.mark.parametrize(("url", "field"), PARAMS_WITH_NUL.values(), ids=PARAMS_WITH_NUL.keys())
def test_a_nul_in_a_path_or_query_parameter_is_422_naming_it_on_either_store(
    client: TestClient, keys: Keys, url: str, field: str
) -> None:
    method = {"/keys": client.delete, "/accounts": client.post}.get("/" + url.split("/")[1], client.get)
    response = method(url, headers=keys.header("admin"))
    assert response.status_code == 422, response.text
    assert [p["field"] for p in response.json()["detail"]] == [field]
    assert "NUL" in response.json()["detail"][0]["msg"]
