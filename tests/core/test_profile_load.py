"""Loading profile data: validation errors, layering with extends, dated versions."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from sheyin import ProfileError, Sheyin
from sheyin.plugin import ProfileSource, hookimpl
from support import TOY, FakeEntryPoint, ProfilesPlugin


def app_with(folder: Path, name: str = "toy") -> Sheyin:
    class Plugin:
        @hookimpl
        def sheyin_profiles(self) -> list[ProfileSource]:
            return [ProfileSource(name=name, data=folder)]

    return Sheyin(entry_points=lambda: [FakeEntryPoint("p", Plugin(), dist="dist")])


@pytest.fixture
def toy_copy(tmp_path: Path) -> Path:
    target = tmp_path / "toy"
    shutil.copytree(TOY / "data", target)
    return target


def load_errors(folder: Path) -> list[str]:
    with pytest.raises(ProfileError) as caught:
        app_with(folder).load_profile("toy")
    return [p.render("zh") for p in caught.value.problems]


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text("utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_toy_profile_loads(toy_copy: Path) -> None:
    profile = app_with(toy_copy).load_profile("toy")
    assert profile.requirement("toy.zones") is not None
    assert profile.requirement("core.identity.id_number") is not None
    assert profile.requirement("toy.manual").severity == "warning"  # type: ignore[union-attr]
    assert profile.requirement("toy.zones.optional").severity == "info"  # type: ignore[union-attr]


def test_unknown_check_kind(toy_copy: Path) -> None:
    replace(toy_copy / "requirements.toml", 'kind = "outlet_code"', 'kind = "outlet_cod"')
    [error] = load_errors(toy_copy)
    assert error.startswith(
        "dist:toy/requirements.toml:/requirements/4/check/kind: 未知的核查方式“outlet_cod”"
    )


def test_unknown_term_in_check_parameters(toy_copy: Path) -> None:
    replace(toy_copy / "requirements.toml", '"等候区", "受理区"', '"等候区", "受理台"')
    [error] = load_errors(toy_copy)
    assert error == "dist:toy/requirements.toml:/requirements/1/check/all/1: 未知的名称“受理台”"


def test_undefined_parameter(toy_copy: Path) -> None:
    replace(toy_copy / "requirements.toml", '"$idle_months"', '"$idle"')
    [error] = load_errors(toy_copy)
    assert error.endswith("未定义的参数“idle”")


def test_wrong_parameter_type(toy_copy: Path) -> None:
    replace(toy_copy / "requirements.toml", "min = 1,", 'min = "one",')
    [error] = load_errors(toy_copy)
    assert "/requirements/5/check" in error
    assert "核查参数不正确" in error


def test_check_and_manual_together(toy_copy: Path) -> None:
    replace(
        toy_copy / "requirements.toml",
        'manual = "只能现场察看。"',
        'manual = "x"\ncheck = { kind = "outlet_code" }',
    )
    [error] = load_errors(toy_copy)
    assert error.endswith("check 与 manual 只能给出其一")


def test_severity_override_needs_interpretation(toy_copy: Path) -> None:
    replace(toy_copy / "requirements.toml", 'modal = "可"', 'modal = "可"\nseverity = "error"')
    [error] = load_errors(toy_copy)
    assert error.endswith("改变情态动词所对应的严重程度时须在 interpretation 中说明理由")


def test_requirement_id_must_carry_the_profile_name(toy_copy: Path) -> None:
    replace(toy_copy / "requirements.toml", 'id = "toy.code"', 'id = "other.code"')
    assert any("要求标识应以“toy.”开头" in e for e in load_errors(toy_copy))


def test_lifecycle_with_undeclared_state(toy_copy: Path) -> None:
    replace(toy_copy / "lifecycle.toml", 'to = "serving"', 'to = "servng"')
    [error] = load_errors(toy_copy)
    assert error.endswith("未声明的状态“servng”")


def test_transition_must_cite_a_lifecycle_requirement(toy_copy: Path) -> None:
    replace(
        toy_copy / "lifecycle.toml",
        'to = "serving", partnership = ["agreed"], requirement = "toy.order"',
        'to = "serving", requirement = "toy.code"',
    )
    [error] = load_errors(toy_copy)
    assert "不是以 lifecycle 方式核查的要求" in error


def test_toml_syntax_error_names_the_file(toy_copy: Path) -> None:
    (toy_copy / "catalogue.toml").write_text("[[catalogues]\n", encoding="utf-8")
    [error] = load_errors(toy_copy)
    assert error.startswith("dist:toy/catalogue.toml: TOML 语法错误")


def test_missing_required_file(toy_copy: Path) -> None:
    (toy_copy / "requirements.toml").unlink()
    assert load_errors(toy_copy) == ["dist:toy/requirements.toml: 缺少必需的数据文件"]


def test_registered_name_must_match(toy_copy: Path) -> None:
    with pytest.raises(ProfileError) as caught:
        app_with(toy_copy, name="other").load_profile("other")
    assert "与插件注册的名称“other”不一致" in caught.value.render("zh")


class TestLayering:
    @pytest.fixture
    def app(self) -> Sheyin:
        plugin = ProfilesPlugin(("toy", "data"), ("toy.city", "data_city"))
        return Sheyin(entry_points=lambda: [FakeEntryPoint("toy", plugin)])

    def test_child_inherits_requirements_and_documents(self, app: Sheyin) -> None:
        city = app.load_profile("toy.city")
        assert city.requirement("toy.zones") is not None
        assert {d.id for d in city.documents} >= {"city", "toy", "gb11643"}
        assert city.requirement("toy.zones").profile == "toy"  # type: ignore[union-attr]

    def test_baseline_relation_drops_the_tightened_requirement(self, app: Sheyin) -> None:
        city = app.load_profile("toy.city")
        assert city.requirement("toy.zones.optional") is None
        assert city.requirement("toy.city.zones") is not None
        [relation] = city.baseline
        assert (relation.relation, relation.by) == ("tightens", ("toy.city.zones",))

    def test_child_parameters_override(self, app: Sheyin) -> None:
        assert app.load_profile("toy.city").parameters["notice_days"].value == 60
        assert app.load_profile("toy").parameters["notice_days"].value == 30

    def test_catalogue_narrowing(self, app: Sheyin) -> None:
        [catalogue] = app.load_profile("toy.city").catalogues
        assert [i.id for i in catalogue.items] == ["i2"]

    def test_extends_cycle_is_an_error(self, tmp_path: Path) -> None:
        for name, parent in (("a", "b"), ("b", "a")):
            folder = tmp_path / name
            folder.mkdir()
            (folder / "profile.toml").write_text(
                f'name = "{name}"\ntitle = "t"\ntitle_en = "t"\nextends = "{parent}"\n[[documents]]\nid = "d{name}"\ntitle = "t"\n',
                encoding="utf-8",
            )
            (folder / "requirements.toml").write_text(
                f'[[requirements]]\nid = "{name}.x"\nclause = "1"\ntitle = "t"\ntext = "t"\nmodal = "应"\nmanual = "m"\n',
                encoding="utf-8",
            )

        class Plugin:
            @hookimpl
            def sheyin_profiles(self) -> list[ProfileSource]:
                return [ProfileSource(name=n, data=tmp_path / n) for n in ("a", "b")]

        app = Sheyin(entry_points=lambda: [FakeEntryPoint("p", Plugin())])
        with pytest.raises(ProfileError) as caught:
            app.load_profile("a")
        assert "a → b → a" in caught.value.render("zh")


class TestVersions:
    @pytest.fixture
    def app(self, tmp_path: Path) -> Sheyin:
        for folder, dates in (("old", "valid_to = 2024-06-13"), ("new", "valid_from = 2024-06-14")):
            shutil.copytree(TOY / "data", tmp_path / folder)
            replace(
                tmp_path / folder / "profile.toml",
                "outlet_kinds",
                f"{dates}\ntitle_suffix_marker = 1\noutlet_kinds",
            )
            replace(tmp_path / folder / "profile.toml", "title_suffix_marker = 1\n", "")
            replace(
                tmp_path / folder / "profile.toml",
                'title = "测试规范"',
                f'title = "测试规范（{folder}）"',
            )

        class Plugin:
            @hookimpl
            def sheyin_profiles(self) -> list[ProfileSource]:
                return [ProfileSource(name="toy", data=tmp_path / f) for f in ("old", "new")]

        return Sheyin(entry_points=lambda: [FakeEntryPoint("p", Plugin())])

    def test_as_of_picks_the_version_in_force(self, app: Sheyin) -> None:
        assert app.load_profile("toy", date(2024, 1, 1)).title == "测试规范（old）"
        assert app.load_profile("toy", date(2024, 6, 14)).title == "测试规范（new）"

    def test_unknown_profile_lists_the_installed_ones(self, app: Sheyin) -> None:
        with pytest.raises(ProfileError) as caught:
            app.load_profile("zhejiang")
        assert caught.value.render("zh").endswith("未安装名为“zhejiang”的规范；已安装：toy")


def test_duration_with_days_and_months_is_refused(toy_copy: Path) -> None:
    replace(
        toy_copy / "requirements.toml",
        "every = { months = 12 }",
        "every = { months = 12, days = 5 }",
    )
    [error] = load_errors(toy_copy)
    assert "核查参数不正确" in error
    assert error.endswith("$.every")


def test_duration_with_an_unknown_unit_is_refused(toy_copy: Path) -> None:
    replace(toy_copy / "requirements.toml", "every = { months = 12 }", "every = { weeks = 2 }")
    [error] = load_errors(toy_copy)
    assert "核查参数不正确" in error
