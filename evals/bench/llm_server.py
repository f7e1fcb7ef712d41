"""A loopback OpenAI-compatible server that sleeps a fixed time per call and answers every forced function
call with a small valid sample of its schema. It measures parallelism, not writing quality.
"""

from __future__ import annotations

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


def sample(schema: dict[str, Any], root: dict[str, Any] | None = None) -> Any:
    """Return a small value that fits a JSON schema: first enum value, minimum items, a plain sentence."""
    root = root or schema
    if "$ref" in schema:
        return sample(root["$defs"][schema["$ref"].split("/")[-1]], root)
    if "anyOf" in schema:
        return sample(schema["anyOf"][0], root)
    if "enum" in schema:
        return schema["enum"][0]
    if "const" in schema:
        return schema["const"]
    kind = schema.get("type")
    if kind == "object":
        required = schema.get("required", [])
        return {k: sample(v, root) for k, v in schema.get("properties", {}).items() if k in required}
    if kind == "array":
        return [sample(schema["items"], root) for _ in range(max(1, schema.get("minItems", 1)))][
            : schema.get("maxItems", 1)
        ]
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return 1
    return "2026-12-15" if schema.get("format") == "date" else "The account has open work."


def _completion(body: dict[str, Any]) -> dict[str, Any]:
    tool = body["tools"][0]["function"]
    call = {
        "id": "call_1",
        "type": "function",
        "function": {"name": tool["name"], "arguments": json.dumps(sample(tool["parameters"]))},
    }
    return {
        "id": "chatcmpl-bench",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "bench",
        "choices": [
            {
                "index": 0,
                "finish_reason": "stop",
                "message": {"role": "assistant", "content": None, "tool_calls": [call]},
            }
        ],
        "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
    }


class SleepyServer:
    """Serves /v1/models and /v1/chat/completions on 127.0.0.1, sleeping `delay` seconds per chat call."""

    def __init__(self, delay: float) -> None:
        self.delay = delay
        self.calls = 0
        self.in_flight = self.peak_in_flight = 0
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> SleepyServer:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    def count(self) -> None:
        with self._lock:
            self.calls += 1
            self.in_flight += 1
            self.peak_in_flight = max(self.peak_in_flight, self.in_flight)

    def done(self) -> None:
        with self._lock:
            self.in_flight -= 1


def _handler(owner: SleepyServer) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:
            pass

        def _send(self, body: dict[str, Any]) -> None:
            data = json.dumps(body).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def do_GET(self) -> None:  # noqa: N802
            self._send({"object": "list", "data": [{"id": "bench", "object": "model"}]})

        def do_POST(self) -> None:  # noqa: N802
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            owner.count()
            try:
                time.sleep(owner.delay)
            finally:
                owner.done()
            self._send(_completion(body))

    return Handler
