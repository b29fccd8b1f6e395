"""The core contract suite, run against the provincial and the Guangzhou profile."""

from __future__ import annotations

import pytest

from sheyin.testing import ProfileContract

pytestmark = pytest.mark.packaging  # also run against the wheel (nox -s wheel)


class TestGuangdongContract(ProfileContract):
    """guangdong: every requirement cited, checked or manual, with examples."""

    profile = "guangdong"


class TestGuangzhouContract(ProfileContract):
    """guangdong.guangzhou: the city item list narrowing 附件2."""

    profile = "guangdong.guangzhou"
