"""The snapshot: departments, banks, partnerships, outlets, staff and their events."""
