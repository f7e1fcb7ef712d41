"""`recap serve` and `recap keys`: being written (issue 5)."""
