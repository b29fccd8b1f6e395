"""表A.1 prints as the checklist an inspector takes to an outlet."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

from click.testing import CliRunner

# Commands register themselves on import, as the console script does.
from sheyin.cli import cli, form  # noqa: F401

DEMO = str(resources.files("sheyin_zhengyin") / "data" / "demo.toml")
TABLE_A1 = {
    "政务服务自助一体机": "电子身份证查询打印、电子户口簿查询打印等",
    "人社自助一体机": "参保信息查询、参保缴费查询、退休信息查询等",
    "社保开卡智能柜台": "社保开卡服务、挂失补卡等",
    "其他部门智能终端机": "国家企业信用公示、公共信用信息报告查询等",
    "营业执照登记自助机": "营业执照及相关文书打印服务、市场主体网上登记等",
    "个人征信查询一体机": "信用报告查询服务",
    "医保一体机": "医保查询等",
    "自助拍照机": "打印办理业务所需的证件照",
    "国家电网自助一体机": "电费充值、用电查询等",
    "金融信息查询设备": "金融信息查询功能",
}


def test_checklist_prints_the_table_and_a_box_per_machine(tmp_path: Path) -> None:
    out = tmp_path / "a1.html"
    args = ["form", "render", "zhengyin", "表A.1", "--snapshot", DEMO, "--outlet", "hexi"]
    result = CliRunner().invoke(cli, [*args, "--format", "html", "-o", str(out)])
    assert result.exit_code == 0, result.output
    html = out.read_text("utf-8")
    assert "表A.1" in html
    assert "河西分理处" in html
    for machine, services in TABLE_A1.items():
        assert machine in html
        assert services in html
    assert html.count("已配备") == len(TABLE_A1)
