"""Without the `llm` extra the real-model tests fail with an install hint; they never skip."""

from __future__ import annotations

import pytest
from smollm2_server import INSTALL, package_dir


def test_a_missing_package_fails_with_the_install_command():
    with pytest.raises(pytest.fail.Exception) as caught:
        package_dir("no_such_package_for_recap")
    assert "no_such_package_for_recap is not installed" in str(caught.value) and INSTALL in str(caught.value)
