"""`POST /accounts/import`: multipart CSV files, admins only, with the CLI's report."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from demo import DEMO_ACCOUNTS
from tests.http.support import Keys

ROOT = Path(__file__).resolve().parents[2]
DEMO_CSV = ROOT / "demo" / "csv"
MAPPING = DEMO_CSV / "salesforce-mapping.toml"
HAND_WRITTEN = [a.account_id for a in DEMO_ACCOUNTS if a.file]


def upload(replace: dict[str, bytes] | None = None, mapping: bool = True) -> list[tuple[str, tuple[str, bytes, str]]]:
    parts = [
        ("files", (p.name, (replace or {}).get(p.name, p.read_bytes()), "text/csv"))
        for p in sorted(DEMO_CSV.glob("*.csv"))
    ]
    if mapping:
        parts.append(("mapping", (MAPPING.name, MAPPING.read_bytes(), "application/toml")))
    return parts


def test_an_admin_imports_the_demo_export(client: TestClient, keys: Keys) -> None:
    response = client.post("/accounts/import", files=upload(), headers=keys.header("admin"))
    assert response.status_code == 200, response.text
    body = response.json()
    assert [r["account_id"] for r in body["loaded"]] == HAND_WRITTEN
    assert body["refused"] == [] and body["errors"] == [] and len(body["ignored_columns"]) == 12
    run = client.post("/accounts/acc-bluewater/runs", headers=keys.header("admin"))
    assert run.status_code == 201 and run.json()["status"] == "awaiting_review"


def test_refused_accounts_answer_422_with_the_report(client: TestClient, keys: Keys) -> None:
    title = b"Seat limit reached before the West rollout completes"
    risks = (DEMO_CSV / "Risks.csv").read_bytes().replace(title, b"", 1)
    usage = (DEMO_CSV / "Usage Metrics.csv").read_text().splitlines(keepends=True)
    usage[1] = usage[1].replace("acc-northwind", "acc-nowhere", 1)
    response = client.post(
        "/accounts/import",
        headers=keys.header("admin"),
        files=upload({"Usage Metrics.csv": "".join(usage).encode(), "Risks.csv": risks}),
    )
    assert response.status_code == 422, response.text
    body = response.json()
    assert body["detail"] == body["errors"]
    assert body["detail"][-1] == "Usage Metrics.csv:2 Account ID: 'acc-nowhere' is not an account of the accounts file"
    assert [r["account_id"] for r in body["refused"]] == ["acc-lumen"]
    assert body["refused"][0]["problems"] == ['Risks.csv:7 "Risk Title" (title): is required']
    assert "acc-lumen" not in [r["account_id"] for r in body["loaded"]]


def test_a_file_shape_problem_is_one_422_and_stores_nothing(client: TestClient, keys: Keys) -> None:
    response = client.post("/accounts/import", files=upload(mapping=False), headers=keys.header("admin"))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("Account Report.csv: not a record type's file")
    assert client.post("/accounts/acc-bluewater/runs", headers=keys.header("admin")).status_code == 404


def test_a_bad_mapping_is_a_422_naming_its_key(client: TestClient, keys: Keys) -> None:
    parts = upload(mapping=False) + [("mapping", ("m.toml", b"[files]\nkpis = 'k.csv'\n", "application/toml"))]
    response = client.post("/accounts/import", files=parts, headers=keys.header("admin"))
    assert response.status_code == 422
    assert response.json()["detail"].startswith("m.toml: files.kpis: 'kpis' is not a record type")


def test_only_admins_may_import(client: TestClient, keys: Keys) -> None:
    assert client.post("/accounts/import", files=upload(), headers=keys.header("owner")).status_code == 403
    assert client.post("/accounts/import", files=upload()).status_code == 401
    assert client.post("/accounts/acc-bluewater/runs", headers=keys.header("admin")).status_code == 404


def test_the_import_is_in_the_openapi_document_as_multipart(client: TestClient) -> None:
    post = client.get("/openapi.json").json()["paths"]["/accounts/import"]["post"]
    assert list(post["requestBody"]["content"]) == ["multipart/form-data"]
    assert {"200", "401", "403", "422"} <= set(post["responses"])
