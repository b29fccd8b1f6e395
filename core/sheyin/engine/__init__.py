"""The rule engine: runs a profile's checks over a snapshot and collects findings."""
