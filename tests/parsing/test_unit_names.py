"""Names of bodies: lists split, shared prefixes and head nouns restored, short forms normalised."""

from __future__ import annotations

import pytest

from documents.parsing.unit_names import GENERIC, is_org, normalize_unit_name, split_units

SPLITS = [
    (
        "functional-body-list",
        "网信部门、保密部门、公安部门、通信管理部门",
        ["网信部门", "保密部门", "公安部门", "通信管理部门"],
    ),
    ("place-prefix-shared-with-the-head", "市网信、公安、保密等部门", ["市网信部门", "市公安部门", "市保密部门"]),
    (
        "long-stems-sharing-等部门",
        "组织、科技、人力资源社会保障等部门",
        ["组织部门", "科技部门", "人力资源社会保障部门"],
    ),
    ("elided-prefix-in-a-table-cell", "市财政局、国税局、地税局", ["市财政局", "市国税局", "市地税局"]),
    ("a-named-customs-house-keeps-its-name", "市商务局、苏州海关", ["市商务局", "苏州海关"]),
    ("task-verb-is-no-body", "建设市民服务中心", []),
    ("elided-city-prefix", "市发改委、统计局", ["市发改委", "市统计局"]),
    ("place-named-item-keeps-its-name", "省商务厅、山东银保监局", ["省商务厅", "山东银保监局"]),
    ("shared-head", "发改、工信、商务部门", ["发改部门", "工信部门", "商务部门"]),
    ("generic-items-dropped", "省经济和信息化厅、省财政厅,各市人民政府", ["省经济和信息化厅", "省财政厅"]),
    ("not-a-list-of-bodies", "支持龙头骨干企业", []),
]


@pytest.mark.parametrize("segment, expected", [c[1:] for c in SPLITS], ids=[c[0] for c in SPLITS])
def test_split_units(segment, expected):
    assert split_units(segment, strict=True) == expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("区人力社保局", True),
        ("区经济信息委", True),
        ("建委", True),
        ("州数据资源主管部门", True),
        ("主管部门", False),
        ("项目及产业管理部门", False),
        ("区县工业和信息化主管部门", False),
        ("党委", False),
    ],
    ids=lambda v: str(v),
)
def test_is_org_and_not_generic(name, expected):
    assert (is_org(name) and not GENERIC.search(name)) is expected


@pytest.mark.parametrize(
    "name, expected",
    [
        ("市发改局", "市发展和改革局"),
        ("市发改委", "市发展和改革委员会"),
        ("国家发展改革委", "国家发展和改革委员会"),
        ("省人力资源社会保障厅", "省人力资源和社会保障厅"),
        ("市市场监管局", "市市场监督管理局"),
        ("衢州市政府", "衢州市人民政府"),
        ("县政府办", "县人民政府办公室"),
        ("市委组织部", "市委组织部"),
        ("交通运输部科技司", "交通运输部科技司"),
        ("常德电视台", "常德电视台"),
    ],
    ids=lambda v: v,
)
def test_normalize_unit_name(name, expected):
    assert normalize_unit_name(name) == expected
