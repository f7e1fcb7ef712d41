"""Entry point for LangGraph Studio (`langgraph dev`): the uncompiled builder, no checkpointer."""

from graph.build import build_builder

builder = build_builder()
