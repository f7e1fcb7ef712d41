"""`recap eval`: being written (issue 6)."""
