"""Alembic migrations of the registry schema (run on open, or by ``sheyin registry upgrade``)."""
