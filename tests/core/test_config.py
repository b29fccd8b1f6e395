"""The workspace file and the origin of settings."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from sheyin import _toml
from sheyin.config import Config, load_config, new_config, render_config
from sheyin.errors import InputError
from sheyin.origin import Origin, Setting, first, overruled
from sheyin.schemas import SchemaStore


@pytest.mark.parametrize("name", ['a"b', "line\nbreak", "back\\slash", "引号“”"])
def test_rendered_workspace_round_trips_any_value(name: str) -> None:
    settings = new_config(name, (name, "x"))
    assert _toml.loads(render_config(settings)) == settings


def test_environment_comes_before_the_workspace_file(tmp_path: Path) -> None:
    (tmp_path / "sheyin.toml").write_text('profile = "yulin"\n', encoding="utf-8")
    config = load_config(tmp_path, SchemaStore(), {"SHEYIN_PROFILE": "guangdong"})
    assert config.profile == Setting("guangdong", Origin.env("SHEYIN_PROFILE"))
    assert config.from_file("profile") == Setting(
        "yulin", Origin.workspace(str(tmp_path / "sheyin.toml"), "/profile")
    )


def test_an_empty_variable_counts_as_unset(tmp_path: Path) -> None:
    config = load_config(tmp_path, SchemaStore(), {"SHEYIN_PROFILE": ""})
    assert config.profile is None


def test_nested_keys_name_their_table(tmp_path: Path) -> None:
    config = Config(path=tmp_path / "sheyin.toml", data={"plugins": {"disabled": ["x"]}})
    found = config.from_file("plugins", "disabled")
    assert found is not None
    assert found.origin.where().render("en").endswith("sheyin.toml:/plugins/disabled")
    assert config.from_file("plugins", "missing") is None


def test_unknown_language_variable_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_config(tmp_path, SchemaStore(), {"SHEYIN_LANG": "fr"})
    assert caught.value.render("en") == "environment variable SHEYIN_LANG: expected zh, zh-CN or en"


def test_precedence_and_what_was_overruled() -> None:
    option = Setting("a", Origin.option("--profile"))
    env = Setting("b", Origin.env("SHEYIN_PROFILE"))
    same = Setting("a", Origin.workspace("w/sheyin.toml", "/profile"))
    assert first(None, option, env) is option
    assert overruled(option, (option, None, env, same)) == (env,)


def test_output_to_a_full_device_is_an_exit_2_message(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full on this system")
    with Path("/dev/full").open("w") as full:
        done = subprocess.run(
            [sys.executable, "-m", "sheyin", "profiles"],
            stdout=full,
            stderr=subprocess.PIPE,
            cwd=tmp_path,
            env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
            check=False,
        )
    stderr = done.stderr.decode("utf-8")
    assert done.returncode == 2, stderr
    assert stderr.strip() == "无法写入标准输出：磁盘空间不足"
