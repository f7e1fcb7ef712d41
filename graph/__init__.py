"""The graph layer: topology (build.py), its runtime, and the run service that starts, resumes and replays runs."""

import os

# Checkpoints hold plain JSON only; refuse to deserialise anything unregistered.
os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")
