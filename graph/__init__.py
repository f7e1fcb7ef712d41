"""Graph topology: build_graph() and its routers."""

import os

# Checkpoints hold plain JSON only; refuse to deserialise anything unregistered.
os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")
