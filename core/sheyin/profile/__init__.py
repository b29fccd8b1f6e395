"""Profiles: a region's rules as data (TOML) plus hook implementations."""
