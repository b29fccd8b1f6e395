"""The canonical services (sheyin/data/services.toml) and the catalogue items that map to them."""

from __future__ import annotations

import re

import pytest

from sheyin import Sheyin
from sheyin.profile.model import Profile
from sheyin.services import load_services

CATEGORIES = {"社会保险", "就业创业", "人才人事", "社会保障卡"}
SNAKE_CASE = re.compile(r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
# Items of each catalogue whose service the other region's catalogue also offers (see services.toml).
SHARED_YULIN_ITEMS = 9
SHARED_GUANGDONG_ITEMS = 9


@pytest.fixture(scope="module")
def app() -> Sheyin:
    return Sheyin()


def item_services(profile: Profile) -> dict[str, str | None]:
    """Catalogue item name → the service it maps to, over every catalogue of ``profile``."""
    return {item.name: item.service for catalogue in profile.catalogues for item in catalogue.items}


def test_services_file_loads() -> None:
    assert len(load_services()) >= 3


def test_service_ids_are_snake_case() -> None:
    assert [key for key in load_services() if not SNAKE_CASE.match(key)] == []


def test_every_service_has_names_and_an_allowed_category() -> None:
    for key, service in load_services().items():
        assert service.id == key
        assert service.zh.strip(), key
        assert service.en.strip(), key
        assert service.category in CATEGORIES, key


def test_seed_services_keep_their_ids_and_meaning() -> None:
    services = load_services()
    assert services["resident_pension_enrolment"].zh == "城乡居民养老保险参保登记"
    assert services["pension_rights_record"].zh == "个人社会保险权益记录查询打印"
    assert services["social_security_card_application"].zh == "社会保障卡申领"


@pytest.mark.parametrize("name", ["yulin", "guangdong"])
def test_every_catalogue_item_maps_to_a_known_service(app: Sheyin, name: str) -> None:
    mapped = item_services(app.load_profile(name))
    assert mapped
    assert [item for item, service in mapped.items() if service is None] == []
    assert set(mapped.values()) <= set(app.services)


def test_yulin_and_guangdong_share_services(app: Sheyin) -> None:
    yulin = item_services(app.load_profile("yulin"))
    guangdong = item_services(app.load_profile("guangdong"))
    shared = set(yulin.values()) & set(guangdong.values())
    assert sum(service in shared for service in yulin.values()) >= SHARED_YULIN_ITEMS
    assert sum(service in shared for service in guangdong.values()) >= SHARED_GUANGDONG_ITEMS


@pytest.mark.parametrize(
    ("yulin_item", "guangdong_item"),
    [
        ("城乡居民养老保险参保登记", "城乡居民养老保险参保登记受理录入"),
        ("失业保险金申领", "失业保险金申领；失业保险待遇发放账户维护申请"),
        ("技能提升补贴申领", "技能提升补贴申领（失业保险服务）"),
        (
            "社会保险待遇领取资格确认",
            "企业职工领取养老保险待遇资格认证；城乡居民领取养老保险待遇资格认证；工伤保险认证信息查询",
        ),
    ],
)
def test_same_service_across_regions(app: Sheyin, yulin_item: str, guangdong_item: str) -> None:
    yulin = item_services(app.load_profile("yulin"))
    guangdong = item_services(app.load_profile("guangdong"))
    assert yulin[yulin_item] is not None
    assert yulin[yulin_item] == guangdong[guangdong_item]


def test_guangdong_card_services_map_to_card_application(app: Sheyin) -> None:
    guangdong = item_services(app.load_profile("guangdong"))
    card = next(service for item, service in guangdong.items() if item.startswith("社会保障卡申领"))
    assert card == "social_security_card_application"
    assert app.services[card].category == "社会保障卡"
