"""What the zhengyin profile declares: coverage, modal verbs, vocabulary, catalogue, form, API use."""

from __future__ import annotations

import ast
from importlib import resources
from pathlib import Path

import pytest

from sheyin import Profile, Sheyin

MACHINES = [
    "政务服务自助一体机",
    "人社自助一体机",
    "社保开卡智能柜台",
    "其他部门智能终端机",
    "营业执照登记自助机",
    "个人征信查询一体机",
    "医保一体机",
    "自助拍照机",
    "国家电网自助一体机",
    "金融信息查询设备",
]
GOVERNMENT = [
    "人社服务",
    "户籍服务",
    "车驾管服务",
    "出行服务",
    "旅游服务",
    "执业服务",
    "企业登记服务",
    "公积金服务",
    "教育服务",
    "医保服务",
    "不动产登记服务",
    "信用服务",
]
FINANCIAL = ["银行开户", "企业办理POS机", "开通数字人民币", "代发业务", "代扣代缴", "融资服务"]


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


@pytest.fixture(scope="module")
def profile(app: Sheyin) -> Profile:
    return app.load_profile("zhengyin")


def test_every_clause_of_chapters_4_to_8_and_annex_a_is_declared(profile: Profile) -> None:
    [document] = [d for d in profile.documents if d.id == "dbxx"]
    wanted = {
        "4.1",
        "4.2",
        "4.3",
        "5.1",
        "5.2",
        "5.3",
        "5.4",
        "6.1",
        "6.2.1",
        "6.2.2",
        "7.1",
        "7.2",
        "7.3.1",
        "7.3.2",
        "7.4",
        "7.5",
        "8.1",
        "8.2",
        "附录A 表A.1",
    }
    wanted |= {f"6.3.{n}" for n in range(1, 7)}
    assert wanted <= set(document.clauses)


def test_coverage_accounts_for_every_provision(app: Sheyin) -> None:
    from sheyin.profile.coverage import coverage  # the function `sheyin profile coverage` prints

    [own] = [c for c in coverage(app.load_profile("zhengyin")) if c.document.id == "dbxx"]
    assert own.missing == ()
    assert own.checked >= 25


def test_permissions_are_never_errors_and_recommendations_are_warnings(profile: Profile) -> None:
    own = [r for r in profile.requirements if r.profile == "zhengyin"]
    assert [r.id for r in own if r.modal in ("可", "可以") and r.severity == "error"] == []
    assert {r.severity for r in own if r.modal == "宜"} == {"warning"}
    assert {r.severity for r in own if r.modal in ("应", "应当", "不得")} == {"error"}


def test_every_requirement_names_its_dimension(profile: Profile) -> None:
    own = [r for r in profile.requirements if r.profile == "zhengyin"]
    assert [r.id for r in own if r.dimension is None] == []


def test_each_annex_machine_is_equipment_by_its_exact_name(profile: Profile) -> None:
    ids = [profile.vocabulary.resolve("equipment", name) for name in MACHINES]
    assert None not in ids
    assert [profile.vocabulary.label("equipment", i, "zh") for i in ids] == MACHINES


@pytest.mark.parametrize(
    ("domain", "name"),
    [
        ("posts", "帮办"),
        ("facilities", "供电"),
        ("facilities", "网络通信"),
        ("facilities", "消防"),
        ("facilities", "意见箱"),
        ("zones", "政银合作专区（窗、柜）"),
        ("zones", "自助终端服务区"),
        ("posts", "资料岗"),
    ],
)
def test_the_standards_own_words_are_names(profile: Profile, domain: str, name: str) -> None:
    assert profile.vocabulary.resolve(domain, name) is not None  # type: ignore[arg-type]


def test_catalogue_holds_the_twelve_and_the_six_categories(profile: Profile) -> None:
    [catalogue] = profile.catalogues
    by_category: dict[str, list[str]] = {}
    for item in catalogue.items:
        by_category.setdefault(item.category, []).append(item.name)
    assert by_category["政务服务"][:12] == GOVERNMENT
    assert by_category["金融服务"][:6] == FINANCIAL
    assert all(item.level is None for item in catalogue.items)


def test_social_insurance_items_map_to_canonical_services(app: Sheyin, profile: Profile) -> None:
    [catalogue] = profile.catalogues
    mapped = {item.name: item.service for item in catalogue.items if item.service}
    assert mapped["社保开卡服务"] == "social_security_card_application"
    assert mapped["参保信息查询"] == "insurance_information_query"
    assert set(mapped.values()) <= set(app.services)
    # Categories that span many services map to none.
    assert "人社服务" not in mapped


def test_table_a1_is_a_printable_checklist(profile: Profile) -> None:
    form = profile.form("表A.1")
    assert form is not None
    assert form.clause == "附录A 表A.1"
    assert form.scope == "outlet"
    ticks = [f for f in form.fields if f.type == "choice"]
    assert [f.label.split("（")[0] for f in ticks] == MACHINES
    assert all(f.choices == ("已配备", "未配备") for f in ticks)
    assert all(f.source is None for f in ticks)  # ticked by the inspector on site


def test_plugin_code_imports_only_the_public_plugin_api() -> None:
    package = Path(str(resources.files("sheyin_zhengyin")))
    imported = set()
    for source in package.rglob("*.py"):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
            elif isinstance(node, ast.Import):
                imported.update(alias.name for alias in node.names)
    assert {m for m in imported if m.startswith("sheyin")} == {"sheyin.plugin"}
