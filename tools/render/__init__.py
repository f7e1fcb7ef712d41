"""Rendering helpers shared by exports and the review pages: escaping, audiences, source notes."""
