"""Issue 11 item 3: a body over RECAP_MAX_BODY_MB gets 413 before it is read or parsed, whatever the key.

Against a real `recap serve` process on loopback: a raw socket declares a 300 MB body but sends only
a few bytes of it, so the 413 can only come from a server that did not wait for (or read) the body.
"""

from __future__ import annotations

import json
import logging
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from graph.service import RecapService
from tests.conftest import AS_OF
from tests.http.server_support import Server, create_key
from tests.http.support import ACCOUNT, Keys
from tools.keys import KeyStore
from tools.settings import Settings

log = logging.getLogger(__name__)
MB = 1024 * 1024
DECLARED = 300 * MB


@pytest.fixture
def small_limit_server(tmp_path: Path) -> Iterator[Server]:
    """Start a server whose body limit is 1 MB; kill it at the end."""
    srv = Server(str(tmp_path / "recap.db"), tmp_path / "server.log", env={"RECAP_MAX_BODY_MB": "1"})
    try:
        yield srv.start()
    finally:
        srv.kill()


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return -1


def _exchange(port: int, head: str, body_parts: list[bytes]) -> tuple[int, dict]:
    """Send a request head and some body bytes, then read the whole answer; return status and JSON body."""
    with socket.create_connection(("127.0.0.1", port), timeout=60) as sock:
        sock.sendall(head.encode("ascii"))
        for part in body_parts:
            sock.sendall(part)
        answer = b""  # the rest of the body is never sent: the server must answer from what it has
        while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < _length(answer):
            chunk = sock.recv(65536)
            if not chunk:
                break
            answer += chunk
    status_line, _, rest = answer.partition(b"\r\n")
    body = rest.partition(b"\r\n\r\n")[2]
    return int(status_line.split()[1]), json.loads(body)


def _length(answer: bytes) -> int:
    for line in answer.partition(b"\r\n\r\n")[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 1 << 30


def _head(method: str, path: str, key: str | None, framing: str) -> str:
    auth = f"Authorization: Bearer {key}\r\n" if key else ""
    return f"{method} {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n{auth}{framing}\r\n"


@pytest.mark.slow
@pytest.mark.parametrize("role", ["no-key", "admin"])
def test_a_declared_oversize_body_gets_413_unread_whatever_the_key(small_limit_server: Server, role: str) -> None:
    server = small_limit_server
    key = create_key(server.db, "u-admin", admin=True) if role == "admin" else None
    assert server.proc is not None
    rss_before = _rss_kb(server.proc.pid)
    head = _head("PUT", f"/accounts/{ACCOUNT}", key, f"Content-Length: {DECLARED}\r\n")
    status, body = _exchange(server.port, head, [b'{"account": {'])  # 13 of the 300 MB declared
    rss_after = _rss_kb(server.proc.pid)
    log.info("server RSS %d kB before, %d kB after", rss_before, rss_after)  # for the report; not asserted
    assert status == 413
    assert "RECAP_MAX_BODY_MB" in body["detail"] and "1 MB" in body["detail"]
    with server.client(key) as c:
        assert c.get("/health").status_code == 200


@pytest.mark.slow
def test_a_chunked_body_is_refused_once_it_passes_the_limit(small_limit_server: Server) -> None:
    server = small_limit_server
    key = create_key(server.db, "u-admin", admin=True)
    chunk = b"x" * (64 * 1024)
    parts = [f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"] * (MB // len(chunk) + 1)  # 1 MB + 64 kB, no end
    status, body = _exchange(
        server.port, _head("PUT", f"/accounts/{ACCOUNT}", key, "Transfer-Encoding: chunked\r\n"), parts
    )
    assert status == 413 and "RECAP_MAX_BODY_MB" in body["detail"]


@pytest.mark.slow
def test_a_body_without_a_live_key_is_refused_before_it_is_read(small_limit_server: Server) -> None:
    server = small_limit_server
    head = _head("PUT", f"/accounts/{ACCOUNT}", "rk_not-a-key", "Transfer-Encoding: chunked\r\n")
    status, body = _exchange(server.port, head, [b'5\r\n{"a":\r\n'])  # an unfinished body: never parsed
    assert status == 401 and body == {"detail": "missing or invalid API key"}


@pytest.fixture
def limited_client(db_path: str, example_bundle: dict) -> Iterator[tuple[TestClient, Keys]]:
    """A TestClient over an app whose body limit is 1 MB, with an admin key."""
    service = RecapService(Settings(db=db_path, as_of=AS_OF, llm="offline", max_body_mb=1))
    admin = KeyStore(db_path).create("u-admin", admin=True)
    with TestClient(create_app(service=service)) as client:
        yield client, Keys(owner="", other="", admin=admin)


def test_an_oversize_bundle_stores_nothing_and_a_fitting_one_loads(
    limited_client: tuple[TestClient, Keys], example_bundle: dict
) -> None:
    client, keys = limited_client
    padded = example_bundle | {"padding": "x" * MB}  # an extra field: kept but ignored, were it small
    refused = client.put(f"/accounts/{ACCOUNT}", json=padded, headers=keys.header("admin"))
    assert refused.status_code == 413
    assert client.post(f"/accounts/{ACCOUNT}/runs", headers=keys.header("admin")).status_code == 404
    loaded = client.put(f"/accounts/{ACCOUNT}", json=example_bundle, headers=keys.header("admin"))
    assert loaded.status_code == 200, loaded.text


def test_a_streamed_body_over_the_limit_gets_413(limited_client: tuple[TestClient, Keys], example_bundle: dict) -> None:
    client, keys = limited_client

    def stream() -> Iterator[bytes]:
        yield b'{"account": {"id": "acc-northwind", "name": "'
        for _ in range(20):
            yield b"x" * (64 * 1024)
        yield b'", "owner": "u-maria"}}'

    response = client.put(
        f"/accounts/{ACCOUNT}", content=stream(), headers={**keys.header("admin"), "Content-Type": "application/json"}
    )
    assert response.status_code == 413 and "RECAP_MAX_BODY_MB" in response.json()["detail"]


def test_the_default_body_limit_fits_the_largest_bundle_ingest_accepts() -> None:
    assert Settings().body_limit_bytes() == Settings().max_bundle_mb * MB
    assert Settings(max_bundle_mb=7).body_limit_bytes() == 7 * MB
    assert Settings(max_body_mb=2).body_limit_bytes() == 2 * MB


def test_the_owner_pages_are_left_to_their_own_sign_in(limited_client: tuple[TestClient, Keys]) -> None:
    client, _ = limited_client
    # No bearer key and a body: the guard lets /ui through (404 here: no pages in this app), not 401.
    assert client.post("/ui/signin", data={"key": "x"}).status_code != 401
    assert client.post("/runs/r/resume", data={"key": "x"}).status_code == 401
