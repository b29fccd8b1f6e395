"""Comparing profiles: side-by-side diff, catalogue alignment, harmonisation with a baseline."""
