"""Observations: what the sources say, one dataset file at a time (values, evaluations, points)."""
