"""The one private cattrs converter that turns validated documents into frozen models.

Its tomllib preset also reads dates from ISO strings, which is how documents
arrive after they are normalised to JSON types for schema validation.
"""

from __future__ import annotations

from cattrs.preconf.tomllib import make_converter

converter = make_converter(forbid_extra_keys=True)
