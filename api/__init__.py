"""The HTTP API and the command line: the only places that read settings and build real clients."""

import os

# Checkpoints hold plain JSON only; refuse to deserialise anything unregistered.
os.environ.setdefault("LANGGRAPH_STRICT_MSGPACK", "true")
