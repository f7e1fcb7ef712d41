"""A real OpenAI-compatible HTTP server on 127.0.0.1 with scripted answers; it records every request."""

from __future__ import annotations

import json
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """One scripted answer: an HTTP status, a JSON body and how long to wait before sending it."""

    body: dict = field(default_factory=dict)
    status: int = 200
    delay: float = 0.0


@dataclass
class Request:
    """One request the server got."""

    path: str
    headers: dict[str, str]
    body: dict

    def text(self) -> str:
        """Return every message's content joined, for assertions on prompts."""
        return "\n".join(str(m.get("content") or "") for m in self.body.get("messages", []))

    def tool_name(self) -> str:
        """Return the name of the function the request forces."""
        return self.body["tools"][0]["function"]["name"]

    def tool_schema(self) -> dict:
        """Return the JSON schema of the forced function's parameters."""
        return self.body["tools"][0]["function"]["parameters"]


def completion(message: dict, usage: tuple[int, int] = (100, 20)) -> dict:
    """Return a chat.completion body holding `message`."""
    return {
        "id": "chatcmpl-loopback",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "loopback",
        "choices": [{"index": 0, "message": {"role": "assistant", **message}, "finish_reason": "stop"}],
        "usage": {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)},
    }


def tool_reply(name: str, arguments: dict | str, usage: tuple[int, int] = (100, 20), delay: float = 0.0) -> Reply:
    """Return a reply that calls function `name` with `arguments` (a dict, or raw text for bad JSON)."""
    args = arguments if isinstance(arguments, str) else json.dumps(arguments)
    call = {"id": "call_1", "type": "function", "function": {"name": name, "arguments": args}}
    return Reply(completion({"content": None, "tool_calls": [call]}, usage), delay=delay)


def text_reply(content: str) -> Reply:
    """Return a reply with plain text and no function call."""
    return Reply(completion({"content": content}))


def error_reply(status: int, delay: float = 0.0) -> Reply:
    """Return an OpenAI-style error reply."""
    return Reply({"error": {"message": f"scripted {status}", "type": "server_error", "code": None}}, status, delay)


def sample(schema: dict, root: dict | None = None) -> Any:
    """Return a small value that fits `schema`: the first enum value, one item per array."""
    root = root or schema
    if "$ref" in schema:
        return sample(root["$defs"][schema["$ref"].split("/")[-1]], root)
    if "anyOf" in schema:
        return sample(schema["anyOf"][0], root)
    if "enum" in schema:
        return schema["enum"][0]
    kind = schema.get("type")
    if kind == "object":
        return {k: sample(v, root) for k, v in schema.get("properties", {}).items() if k in schema.get("required", [])}
    if kind == "array":
        return [sample(schema["items"], root)] if schema.get("maxItems", 1) else []
    if kind == "boolean":
        return True
    if kind in ("integer", "number"):
        return 1
    return "2026-12-15" if schema.get("format") == "date" else "See the record."


def auto_reply(request: Request) -> Reply:
    """Answer any forced function call with a small valid sample of its schema."""
    return tool_reply(request.tool_name(), sample(request.tool_schema()))


class LoopbackOpenAI:
    """Serves /v1/models and /v1/chat/completions; scripted replies first, then `responder`."""

    def __init__(self, api_key: str | None = None, delay: float = 0.0) -> None:
        self.api_key, self.delay = api_key, delay
        self.requests: list[Request] = []
        self.script: deque[Reply] = deque()
        self.responder: Callable[[Request], Reply] = auto_reply
        self.in_flight = self.max_in_flight = 0  # answers being served at once: shows concurrency without a clock
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        self._server.handle_error = lambda request, address: None  # a client that timed out hung up
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.02,), daemon=True)

    @property
    def url(self) -> str:
        """Return the base URL (with /v1) to give OPENAI_BASE_URL."""
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self) -> LoopbackOpenAI:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()

    def then(self, *replies: Reply) -> None:
        """Queue scripted replies, answered in order before the responder takes over."""
        self.script.extend(replies)

    def chat_requests(self) -> list[Request]:
        """Return the chat completion requests received so far."""
        with self._lock:
            return [r for r in self.requests if r.path.endswith("/chat/completions")]

    def answer(self, request: Request) -> Reply:
        with self._lock:
            self.requests.append(request)
            scripted = self.script.popleft() if self.script else None
        return scripted or self.responder(request)

    def authorized(self, headers: dict[str, str]) -> bool:
        return self.api_key is None or headers.get("authorization") == f"Bearer {self.api_key}"


def _handler(owner: LoopbackOpenAI) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: Any) -> None:  # keep test output clean
            pass

        def _send(self, reply: Reply) -> None:
            with owner._lock:
                owner.in_flight += 1
                owner.max_in_flight = max(owner.max_in_flight, owner.in_flight)
            time.sleep(reply.delay or owner.delay)
            with owner._lock:
                owner.in_flight -= 1
            data = json.dumps(reply.body).encode()
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def do_GET(self) -> None:  # noqa: N802
            headers = {k.lower(): v for k, v in self.headers.items()}
            if not owner.authorized(headers):
                return self._send(error_reply(401))
            owner.requests.append(Request(self.path, headers, {}))
            self._send(Reply({"object": "list", "data": [{"id": "loopback", "object": "model"}]}, delay=0.001))

        def do_POST(self) -> None:  # noqa: N802
            headers = {k.lower(): v for k, v in self.headers.items()}
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length", 0))) or b"{}")
            if not owner.authorized(headers):
                return self._send(error_reply(401))
            self._send(owner.answer(Request(self.path, headers, body)))

    return Handler
