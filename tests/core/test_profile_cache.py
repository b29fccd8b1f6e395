"""The cache of validated profile data: used when nothing changed, never trusted otherwise."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date
from importlib import import_module
from pathlib import Path

import pytest

from sheyin import InputError, ProfileError, Sheyin
from sheyin.config import load_config
from sheyin.plugin import Profile, ProfileSource, Vocabulary, hookimpl
from sheyin.profile.cache import ENV_CACHE_DIR, ProfileCache, cache_folder
from sheyin.profile.fingerprint import shared_digest
from sheyin.profile.load import Builder
from sheyin.schemas import SchemaStore
from support import TOY, FakeEntryPoint


class CountingSchemas(SchemaStore):
    """A schema store that counts the validators asked for (one per file validated)."""

    def __init__(self) -> None:
        super().__init__()
        self.validations = 0

    def validator(self, name: str):  # type: ignore[no-untyped-def]
        self.validations += 1
        return super().validator(name)


def app_with(folder: Path, cache: ProfileCache | None) -> tuple[Sheyin, CountingSchemas]:
    class Plugin:
        @hookimpl
        def sheyin_profiles(self) -> list[ProfileSource]:
            return [ProfileSource(name="toy", data=folder)]

    app = Sheyin(
        entry_points=lambda: [FakeEntryPoint("p", Plugin(), dist="dist")], profile_cache=cache
    )
    schemas = CountingSchemas()
    app.schemas = schemas
    return app, schemas


def validations(folder: Path, cache: ProfileCache | None) -> int:
    """How many data files were validated to load the toy profile from ``folder``."""
    app, schemas = app_with(folder, cache)
    app.load_profile("toy")
    return schemas.validations


def load_errors(folder: Path, cache: ProfileCache | None) -> list[str]:
    app, _ = app_with(folder, cache)
    with pytest.raises(ProfileError) as caught:
        app.load_profile("toy")
    return [p.render("en") for p in caught.value.problems]


@pytest.fixture
def toy_copy(tmp_path: Path) -> Path:
    target = tmp_path / "toy"
    shutil.copytree(TOY / "data", target)
    return target


@pytest.fixture
def cache(tmp_path: Path) -> ProfileCache:
    return ProfileCache(tmp_path / "cache")


def entries(cache: ProfileCache) -> list[Path]:
    folder = cache.folder / "profiles"
    return sorted(folder.glob("*.json")) if folder.is_dir() else []


def test_without_a_cache_every_file_is_validated_each_time(toy_copy: Path) -> None:
    assert validations(toy_copy, None) == validations(toy_copy, None) > 0


def test_a_second_load_takes_the_data_from_the_cache(toy_copy: Path, cache: ProfileCache) -> None:
    first = validations(toy_copy, cache)
    assert first > 0
    assert validations(toy_copy, cache) == 0


def test_a_cached_profile_is_the_profile_read_afresh(toy_copy: Path, cache: ProfileCache) -> None:
    validations(toy_copy, cache)
    cached, _ = app_with(toy_copy, cache)
    fresh, _ = app_with(toy_copy, None)
    assert cached.load_profile("toy") == fresh.load_profile("toy")


def test_installations_sharing_a_cache_folder_keep_their_own_entries(
    toy_copy: Path, tmp_path: Path
) -> None:
    # Two virtual environments (their code differs, so do their keys) on one user's folder.
    first, second = (
        ProfileCache(tmp_path / "cache", stamp=f"code {n}", installation=f"/venvs/{n}")
        for n in ("a", "b")
    )
    assert validations(toy_copy, first) > 0
    assert validations(toy_copy, second) > 0
    assert validations(toy_copy, first) == 0
    assert validations(toy_copy, second) == 0


def test_a_changed_file_is_validated_again(toy_copy: Path, cache: ProfileCache) -> None:
    validations(toy_copy, cache)
    requirements = toy_copy / "requirements.toml"
    requirements.write_text(requirements.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert validations(toy_copy, cache) > 0
    assert validations(toy_copy, cache) == 0


def test_a_file_made_invalid_after_caching_is_reported_as_without_a_cache(
    toy_copy: Path, cache: ProfileCache
) -> None:
    validations(toy_copy, cache)
    manifest = toy_copy / "profile.toml"
    manifest.write_text('unknown_key = "x"\n' + manifest.read_text("utf-8"), "utf-8")
    expected = load_errors(toy_copy, None)
    assert any("unknown_key" in line for line in expected)
    assert load_errors(toy_copy, cache) == expected


def test_invalid_data_is_never_cached(toy_copy: Path, cache: ProfileCache) -> None:
    manifest = toy_copy / "profile.toml"
    manifest.write_text(manifest.read_text("utf-8") + "\nbroken = [\n", "utf-8")
    first = load_errors(toy_copy, cache)
    assert load_errors(toy_copy, cache) == first
    assert entries(cache) == []


def test_a_corrupt_entry_is_ignored_and_replaced(toy_copy: Path, cache: ProfileCache) -> None:
    validations(toy_copy, cache)
    for entry in entries(cache):
        entry.write_bytes(b"\xff{ not json")
    assert validations(toy_copy, cache) > 0
    assert validations(toy_copy, cache) == 0


def test_an_entry_stored_under_another_key_is_ignored(toy_copy: Path, cache: ProfileCache) -> None:
    validations(toy_copy, cache)
    for entry in entries(cache):
        data = json.loads(entry.read_text("utf-8"))
        entry.write_text(json.dumps({**data, "key": "0" * 64}), "utf-8")
    assert validations(toy_copy, cache) > 0


def test_an_entry_of_the_wrong_shape_is_ignored(toy_copy: Path, cache: ProfileCache) -> None:
    validations(toy_copy, cache)
    for entry in entries(cache):
        data = json.loads(entry.read_text("utf-8"))
        entry.write_text(json.dumps({**data, "documents": {"profile.toml": {}}}), "utf-8")
    assert validations(toy_copy, cache) > 0


def test_a_cache_folder_that_cannot_be_created_is_no_error(toy_copy: Path, tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    cache = ProfileCache(blocker / "cache")
    assert validations(toy_copy, cache) > 0
    assert validations(toy_copy, cache) > 0  # nothing could be stored: validated again


def test_the_cache_key_changes_with_the_schemas_and_the_code(tmp_path: Path) -> None:
    files = {"profile.toml": b"name = 'x'"}
    cache = ProfileCache(tmp_path, stamp="code 1")
    key = cache.key(files, {"profile": b"{}"})
    assert cache.key(files, {"profile": b"{ }"}) != key
    assert ProfileCache(tmp_path, stamp="code 2").key(files, {"profile": b"{}"}) != key
    assert cache.key({"profile.toml": b"name = 'y'"}, {"profile": b"{}"}) != key


def test_the_cache_folder_comes_from_the_environment(tmp_path: Path) -> None:
    assert cache_folder({ENV_CACHE_DIR: str(tmp_path)}) == tmp_path
    xdg = {"XDG_CACHE_HOME": str(tmp_path), "HOME": "/nowhere"}
    assert cache_folder(xdg) == tmp_path / "sheyin"


RUNNER = """
import json, runpy, sys
out, sys.argv = sys.argv[1], ["sheyin", *sys.argv[2:]]
code = None
try:
    runpy.run_module("sheyin", run_name="__main__")
except SystemExit as done:
    code = done.code
with open(out, "w", encoding="utf-8") as f:
    json.dump({"code": code, "jsonschema": "jsonschema" in sys.modules,
               "metadata": "importlib.metadata" in sys.modules}, f)
"""


def run_profiles(tmp_path: Path, cache_dir: Path) -> dict[str, object]:
    out = tmp_path / "result.json"
    env = {**_environ(), ENV_CACHE_DIR: str(cache_dir)}
    subprocess.run(
        [sys.executable, "-c", RUNNER, str(out), "profiles"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        check=False,
    )
    return json.loads(out.read_text("utf-8"))  # type: ignore[no-any-return]


def _environ() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if not k.startswith("SHEYIN_")}


def test_sheyin_profiles_with_a_warm_cache_imports_neither_validator_nor_metadata(
    tmp_path: Path,
) -> None:
    cache_dir = tmp_path / "cache"
    cold = {"code": 0, "jsonschema": True, "metadata": True}
    assert run_profiles(tmp_path, cache_dir) == cold
    warm = {"code": 0, "jsonschema": False, "metadata": False}
    assert run_profiles(tmp_path, cache_dir) == warm


# --- remembering that a profile builds ---------------------------------------------------


def builds(
    folder: Path,
    cache: ProfileCache | None,
    monkeypatch: pytest.MonkeyPatch,
    parameters: dict[str, object] | None = None,
) -> int:
    """How many times the toy profile was built to learn whether it loads."""
    count = 0
    original = Builder.build

    def counted(self: Builder) -> Profile:
        nonlocal count
        count += 1
        return original(self)

    class Plugin:
        @hookimpl
        def sheyin_profiles(self) -> list[ProfileSource]:
            return [ProfileSource(name="toy", data=folder)]

    app = Sheyin(
        entry_points=lambda: [FakeEntryPoint("p", Plugin(), dist="dist")],
        profile_cache=cache,
        parameters=parameters,
    )
    with monkeypatch.context() as patch:
        patch.setattr(Builder, "build", counted)
        app.check_loads("toy", date(2025, 1, 1))
    return count


def test_a_profile_that_built_before_is_not_built_again(
    toy_copy: Path, cache: ProfileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert builds(toy_copy, cache, monkeypatch) == 1
    assert builds(toy_copy, cache, monkeypatch) == 0


def test_without_a_cache_the_profile_is_built_each_time(
    toy_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert builds(toy_copy, None, monkeypatch) == builds(toy_copy, None, monkeypatch) == 1


def test_a_profile_whose_data_changed_is_built_again(
    toy_copy: Path, cache: ProfileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds(toy_copy, cache, monkeypatch)
    requirements = toy_copy / "requirements.toml"
    requirements.write_text(requirements.read_text("utf-8") + "\n# edited\n", "utf-8")
    assert builds(toy_copy, cache, monkeypatch) == 1


def test_a_profile_whose_template_changed_is_built_again(
    toy_copy: Path, cache: ProfileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds(toy_copy, cache, monkeypatch)
    template = toy_copy / "templates" / "T.1.html.j2"
    template.write_text(template.read_text("utf-8") + "\n", "utf-8")
    assert builds(toy_copy, cache, monkeypatch) == 1


def test_other_workspace_parameters_build_the_profile_again(
    toy_copy: Path, cache: ProfileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    builds(toy_copy, cache, monkeypatch, {"notice_days": 30})
    assert builds(toy_copy, cache, monkeypatch, {"notice_days": 30}) == 0
    assert builds(toy_copy, cache, monkeypatch, {"notice_days": 31}) == 1


def test_a_profile_that_fails_to_build_is_reported_every_time(
    toy_copy: Path, cache: ProfileCache, monkeypatch: pytest.MonkeyPatch
) -> None:
    requirements = toy_copy / "requirements.toml"
    text = requirements.read_text("utf-8")
    requirements.write_text(text.replace('kind = "outlet_code"', 'kind = "outlet_cod"'), "utf-8")
    for _ in range(2):
        with pytest.raises(ProfileError, match="outlet_cod"):
            builds(toy_copy, cache, monkeypatch)


def test_edited_code_changes_the_digest(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    package = tmp_path / "edited_plugin"
    (package / "sub").mkdir(parents=True)
    (package / "__init__.py").write_text("", "utf-8")
    source = package / "sub" / "checks.py"
    source.write_text("LIMIT = 1\n", "utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "edited_plugin", raising=False)
    import_module("edited_plugin")

    def digest() -> str:
        vocabulary = Vocabulary.of([])
        return shared_digest(
            core=[],
            parameters={},
            parameters_source="sheyin.toml",
            kinds={},
            vocabulary=vocabulary,
            services={},
            code_packages=["edited_plugin"],
        )

    before = digest()
    assert digest() == before
    source.write_text("LIMIT = 12\n", "utf-8")
    assert digest() != before


# --- workspace settings ------------------------------------------------------------------


def settings_checks(folder: Path, cache: ProfileCache | None) -> int:
    """How many times sheyin.toml in ``folder`` was checked against its schema."""
    schemas = CountingSchemas()
    load_config(folder, schemas, {}, cache=cache)
    return schemas.validations


def test_workspace_settings_found_valid_are_not_checked_again(
    tmp_path: Path, cache: ProfileCache
) -> None:
    (tmp_path / "sheyin.toml").write_text('profile = "yulin"\n', encoding="utf-8")
    assert settings_checks(tmp_path, cache) == 1
    assert settings_checks(tmp_path, cache) == 0
    assert settings_checks(tmp_path, None) == 1


def test_changed_workspace_settings_are_checked_again(tmp_path: Path, cache: ProfileCache) -> None:
    settings = tmp_path / "sheyin.toml"
    settings.write_text('profile = "yulin"\n', encoding="utf-8")
    settings_checks(tmp_path, cache)
    settings.write_text('profile = "national"\n', encoding="utf-8")
    assert settings_checks(tmp_path, cache) == 1


def test_invalid_workspace_settings_are_refused_every_time(
    tmp_path: Path, cache: ProfileCache
) -> None:
    (tmp_path / "sheyin.toml").write_text('profil = "yulin"\n', encoding="utf-8")
    for _ in range(2):
        with pytest.raises(InputError, match="profil"):
            load_config(tmp_path, SchemaStore(), {}, cache=cache)


# --- a related profile known to build is not built again ----------------------------------


@pytest.fixture
def built(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the profiles built while a test runs, in order."""
    names: list[str] = []
    original = Builder.build

    def recorded(self: Builder) -> Profile:
        names.append(self.raw.name)
        return original(self)

    monkeypatch.setattr(Builder, "build", recorded)
    return names


DAY = date(2025, 6, 1)


def test_a_related_profile_remembered_to_build_is_not_built_again(
    cache: ProfileCache, built: list[str]
) -> None:
    Sheyin(profile_cache=cache).load_profile("yulin", DAY)
    assert sorted(built) == ["national", "yulin"]
    built.clear()
    again = Sheyin(profile_cache=cache).load_profile("yulin", DAY)
    assert built == ["yulin"]
    assert again == Sheyin().load_profile("yulin", DAY)


def test_a_related_profile_is_built_again_when_what_it_depends_on_changed(
    cache: ProfileCache, built: list[str]
) -> None:
    Sheyin(profile_cache=cache).load_profile("yulin", DAY)
    built.clear()
    Sheyin(profile_cache=cache, parameters_source="elsewhere.toml").load_profile("yulin", DAY)
    assert sorted(built) == ["national", "yulin"]


def test_a_build_remembered_without_its_requirements_is_built_again(
    cache: ProfileCache, built: list[str]
) -> None:
    app = Sheyin(profile_cache=cache)
    app.load_profile("yulin", DAY)
    digest = app._build_digest("national", DAY)
    assert digest is not None
    cache.put("build national", digest, {})  # as remembered before requirement ids were kept
    built.clear()
    Sheyin(profile_cache=cache).load_profile("yulin", DAY)
    assert sorted(built) == ["national", "yulin"]


def test_listing_profiles_remembers_their_requirements(cache: ProfileCache) -> None:
    app = Sheyin(profile_cache=cache)
    app.check_loads("national", DAY)
    digest = app._build_digest("national", DAY)
    assert digest is not None
    profile = app.load_profile("national", DAY)
    assert cache.built_requirements("national", digest) == tuple(r.id for r in profile.requirements)
    assert cache.built_requirements("national", "0" * 64) is None


def test_a_build_digest_does_not_change_once_profiles_were_built(cache: ProfileCache) -> None:
    before = Sheyin(profile_cache=cache)._build_digest("guangdong", DAY)
    Sheyin().load_profile("guangdong", DAY)  # building resolves the check kinds' field types
    assert Sheyin(profile_cache=cache)._build_digest("guangdong", DAY) == before
