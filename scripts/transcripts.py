"""Produce the README's real transcripts: the CLI review flow and the HTTP API against `recap serve`."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
RECAP = str(Path(sys.executable).parent / "recap")
EXAMPLE = ROOT / "docs" / "example-bundle.json"


def _env(db: str) -> dict[str, str]:
    return {
        **os.environ,
        "RECAP_DB": db,
        "RECAP_AS_OF": "2026-11-23",
        "RECAP_USER": "u-maria",
        "RECAP_LLM": "offline",
        "COLUMNS": "100",
    }


def _cli(db: str, shown: str, *args: str, head: int | None = None) -> tuple[str, str]:
    out = subprocess.run([RECAP, *args], capture_output=True, text=True, env=_env(db), cwd=Path(db).parent)
    text = (out.stdout + out.stderr).rstrip()
    lines = text.splitlines()
    if head is not None and len(lines) > head:
        text = "\n".join(lines[:head] + [f"... ({len(lines) - head} more lines)"])
    return f"$ {shown}\n{text}", out.stdout


def cli_transcript() -> str:
    """Run the review flow from the command line in a fresh store and return what it printed."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "recap.db")
        parts = [_cli(db, "recap ingest docs/example-bundle.json", "ingest", str(EXAMPLE))[0]]
        shown, out = _cli(db, "recap run acc-northwind --json", "run", "acc-northwind", "--json")
        run = json.loads(out)
        rid = run["run_id"]
        parts.append(
            f"$ recap run acc-northwind --json | summarise\nrun_id={rid} status={run['status']} "
            f"stop_reasons={[r['code'] for r in run['stop_reasons']]} claims="
            f"{sum(len(v) for v in run['recap']['sections'].values())} in sections, "
            f"{len(run['recap']['value_recap'])} value-recap entries"
        )
        parts.append(_cli(db, f"recap show {rid}", "show", rid, head=24)[0])
        edits = Path(tmp) / "edits.json"
        edits.write_text(
            json.dumps(
                {"edit": [{"id": "es-1", "text": "Median first-response time fell 75%.", "citations": ["kpi-nw-1"]}]}
            )
        )
        parts.append(f"$ cat edits.json\n{edits.read_text()}")
        shown, out = _cli(
            db, f"recap resume {rid} --edit edits.json --json", "resume", rid, "--edit", str(edits), "--json"
        )
        claim = next(c for c in json.loads(out)["recap"]["sections"]["executive_summary"] if c["id"] == "es-1")
        parts.append(
            f"$ recap resume {rid} --edit edits.json --json | claim es-1\n"
            + json.dumps({k: claim[k] for k in ("id", "text", "verdict", "supported", "reasons")}, indent=2)
        )
        parts.append(_cli(db, f"recap resume {rid} --approve", "resume", rid, "--approve")[0])
        edits.write_text(
            json.dumps(
                {
                    "edit": [
                        {
                            "id": "es-1",
                            "text": "Median first-response time fell 58%, from 12 hours to 5 hours.",
                            "citations": ["kpi-nw-1"],
                        }
                    ]
                }
            )
        )
        parts.append(_cli(db, f"recap resume {rid} --edit edits.json", "resume", rid, "--edit", str(edits), head=3)[0])
        parts.append(_cli(db, f"recap resume {rid} --approve", "resume", rid, "--approve", head=3)[0])
        parts.append(_cli(db, f"recap history {rid}", "history", rid)[0])
    return "```\n" + "\n\n".join(parts).replace(str(EXAMPLE), "docs/example-bundle.json") + "\n```"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _show(method: str, path: str, response: httpx.Response, keep: int = 14) -> str:
    body = json.dumps(response.json(), indent=2).splitlines()
    if len(body) > keep:
        body = body[:keep] + [f"  ... ({len(body) - keep} more lines)"]
    return f"> {method} {path}\n< {response.status_code}\n" + "\n".join(body)


def api_transcript() -> str:
    """Start a real `recap serve`, drive the flow over HTTP and return the exchange."""
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "recap.db")
        env = _env(db)
        key = json.loads(
            subprocess.run(
                [RECAP, "keys", "create", "u-maria", "--json"], capture_output=True, text=True, env=env, check=True
            ).stdout
        )["key"]
        other = json.loads(
            subprocess.run(
                [RECAP, "keys", "create", "u-james", "--json"], capture_output=True, text=True, env=env, check=True
            ).stdout
        )["key"]
        port = _free_port()
        server = subprocess.Popen(
            [RECAP, "serve", "--port", str(port)], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        try:
            return _api_flow(f"http://127.0.0.1:{port}", key, other)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _api_flow(base: str, key: str, other: str) -> str:
    client = httpx.Client(base_url=base, timeout=60)
    for _ in range(100):
        try:
            if client.get("/health").status_code == 200:
                break
        except httpx.HTTPError:
            time.sleep(0.2)
    auth = {"Authorization": f"Bearer {key}"}
    lines = ["$ recap keys create u-maria --json   # prints the key once; only its hash is stored"]
    bundle = json.loads(EXAMPLE.read_text())
    lines.append(
        _show(
            "PUT", "/accounts/acc-northwind", client.put("/accounts/acc-northwind", json=bundle, headers=auth), keep=8
        )
    )
    created = client.post("/accounts/acc-northwind/runs", headers=auth | {"Idempotency-Key": "qbr-2026-11"})
    rid = created.json()["run_id"]
    lines.append(_show("POST", "/accounts/acc-northwind/runs  (Idempotency-Key: qbr-2026-11)", created, keep=12))
    again = client.post("/accounts/acc-northwind/runs", headers=auth | {"Idempotency-Key": "qbr-2026-11"})
    lines.append(
        f"> POST /accounts/acc-northwind/runs  (same Idempotency-Key)\n< {again.status_code} "
        f"run_id={again.json()['run_id']}  (the same run)"
    )
    lines.append(
        _show(
            "GET",
            f"/runs/{rid}  (another user's key)",
            client.get(f"/runs/{rid}", headers={"Authorization": f"Bearer {other}"}),
        )
    )
    lines.append(
        _show(
            "POST",
            f'/runs/{rid}/resume  {{"decision": "maybe"}}',
            client.post(f"/runs/{rid}/resume", json={"decision": "maybe"}, headers=auth),
            keep=10,
        )
    )
    lines.append(
        _show(
            "POST",
            f'/runs/{rid}/resume  {{"decision": "approve"}}',
            client.post(f"/runs/{rid}/resume", json={"decision": "approve"}, headers=auth),
            keep=6,
        )
    )
    lines.append(
        _show(
            "POST",
            f'/runs/{rid}/resume  {{"decision": "reject"}}',
            client.post(f"/runs/{rid}/resume", json={"decision": "reject"}, headers=auth),
            keep=6,
        )
    )
    lines.append(_show("GET", "/metrics", client.get("/metrics", headers=auth), keep=12))
    return "```\n" + "\n\n".join(lines) + "\n```"
