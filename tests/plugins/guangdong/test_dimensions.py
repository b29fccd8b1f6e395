"""Every requirement the guangdong profiles (province, Guangzhou) declare names its 七统一 dimension."""

from __future__ import annotations

import pytest

from sheyin import Sheyin
from sheyin.dimensions import DIMENSIONS

PROFILES = ["guangdong", "guangdong.guangzhou"]


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


@pytest.mark.parametrize("name", PROFILES)
def test_every_requirement_has_a_dimension(app: Sheyin, name: str) -> None:
    own = [r for r in app.load_profile(name).requirements if r.profile == name]
    assert own
    assert [r.id for r in own if r.dimension is None] == []
    assert {r.dimension for r in own} <= set(DIMENSIONS)
