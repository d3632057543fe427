"""Tasks: which numbered items are work items, their titles and texts, and what they hand to units and deadlines."""

from __future__ import annotations

from datetime import date

import pytest

from documents.parsing import tasks as tasks_module
from documents.parsing.clean import clean_text
from documents.parsing.outline import parse_outline
from documents.parsing.tasks import extract_tasks
from documents.parsing.types import Deadline, UnitRef


def _tasks(text: str):
    cleaned = clean_text(text)
    return extract_tasks(cleaned, parse_outline(cleaned), reference_date=date(2015, 4, 24))


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param(
            "一、总体要求\n(一)基本思路。坚持五规合一。\n(二)工作目标\n规模以上工业增加值增速力争达到15%。\n"
            "二、重点任务\n(一)完善功能规划布局。以完善提升为重点。\n1.开展五规合一试点。结合永久基本农田划定。\n"
            "2.统筹专业园区布局。引导各县(市、区)。\n三、保障措施\n(一)加强联动推进。市政府有关部门要制定方案。",
            [("二/(一)/1", "开展五规合一试点"), ("二/(一)/2", "统筹专业园区布局"), ("三/(一)", "加强联动推进")],
            id="leaves-of-work-parts-only",
        ),
        pytest.param(
            "一、指导思想和总体目标\n(一)指导思想。\n全面贯彻落实科学发展观。\n二、主要内容\n(一)全力打造特色产业发展集聚区。\n"
            "1、着力拓展特色产业发展新空间。依托丰富的低丘缓坡资源。\n(二)建立特色产业培育提升机制。\n2、健全产业规划引领机制。以规划引领。",
            [("二/(一)/1", "着力拓展特色产业发展新空间"), ("二/(二)/2", "健全产业规划引领机制")],
            id="zhuyao-neirong",
        ),
        pytest.param(
            "三、主要工作任务\n(一)优化平台空间布局。\n按照“布局重构、规模重整”要求。\n四、保障措施\n(一)加强组织领导。\n成立领导小组。",
            [("三/(一)", "优化平台空间布局"), ("四/(一)", "加强组织领导")],
            id="heading-lines-without-items",
        ),
        pytest.param(
            "一、总体目标\n力争新兴产业增加值增幅10%以上。\n二、发展目标\n(一)规模。到2025年达到1000亿元。",
            [],
            id="scene-parts-hold-no-tasks",
        ),
        pytest.param(
            "一、切实发挥带动作用\n各地要…\n二、提升城市商业能级\n支持…\n三、持续推进示范创建\n鼓励…",
            [("一", "切实发挥带动作用"), ("二", "提升城市商业能级"), ("三", "持续推进示范创建")],
            id="top-level-actions-are-items",
        ),
        pytest.param(
            "一、培育发展产业集群的指导思想\n以科学发展观为指导。\n二、培育发展产业集群的目标\n到2010年达到900亿元。\n"
            "三、培育发展产业集群的重点\n1.扶持壮大一批核心企业。实行动态管理。\n四、强化对产业集群的全方位服务\n1.强化金融支持。市政府将…",
            [("三/1", "扶持壮大一批核心企业"), ("四/1", "强化金融支持")],
            id="chapters-named-by-their-topic",
        ),
        pytest.param(
            "一、总体目标\n到2025年…\n二、重点工作及责任分工\n(一)推进招商引资。由市商务局牵头。\n三、进度安排\n(一)动员部署阶段。4月底前完成。",
            [("二/(一)", "推进招商引资"), ("三/(一)", "动员部署阶段")],
            id="duties-and-schedules",
        ),
        pytest.param(
            "二、主要任务和目标\n(一)主要目标\n到2025年达到1000亿元。\n(二)主要任务\n1.培育龙头企业。支持…\n(三)强化目标考核\n建立考核机制。",
            [("二/(二)/1", "培育龙头企业"), ("二/(三)", "强化目标考核")],
            id="goals-inside-a-work-part",
        ),
        pytest.param(
            "第一章 总则\n第一条 为了加强绿色建筑管理,制定本办法。\n第二条 本办法适用于本市行政区域。",
            [],
            id="articles-of-a-regulation-are-not-tasks",
        ),
        pytest.param(
            "四、主要任务\n(一)实施“育苗扶壮”行动\n1.打造孵化育成体系。…\n(二)实施“创新提质”行动\n2.鼓励企业加大研发投入。…",
            [("四/(一)/1", "打造孵化育成体系"), ("四/(二)/2", "鼓励企业加大研发投入")],
            id="nested-groupings-give-their-items",
        ),
    ],
)
def test_which_items_are_tasks(text, expected):
    assert [(task.path, task.title) for task in _tasks(text)] == expected


@pytest.mark.parametrize(
    "text, title, body",
    [
        pytest.param(
            "二、重点任务 (一)加强管理体制机制创新。坚持改革创新。 1.开展行政管理套合。按照统一领导、以区为主的要求。",
            "开展行政管理套合",
            "按照统一领导、以区为主的要求。",
            id="inline-title-ends-at-the-first-full-stop",
        ),  # fmt: skip
        pytest.param(
            "三、保障措施\n(一)加强组织领导\n加强对新兴产业发展工作的引导。",
            "加强组织领导",
            "加强对新兴产业发展工作的引导。",
            id="heading-line",
        ),  # fmt: skip
        pytest.param(
            "三、保障措施\n(一)建立组织,加强领导。\n建立领导小组。",
            "建立组织,加强领导",
            "建立领导小组。",
            id="title-with-a-comma",
        ),
        pytest.param(
            "三、保障措施 (一)加强组织领导 成立丽水市平台整合提升专项行动领导小组。",
            "加强组织领导",
            "成立丽水市平台整合提升专项行动领导小组。",
            id="inline-heading-followed-by-a-space",
        ),  # fmt: skip
        pytest.param("三、保障措施\n(一)加强组织领导", "加强组织领导", "加强组织领导", id="title-only"),
        pytest.param(
            "四、保障措施\n(一)规范 OTA 升级备案。企业应具有规范化实施汽车OTA升级的能力。",
            "规范 OTA 升级备案",
            "企业应具有规范化实施汽车OTA升级的能力。",
            id="latin-word-set-off-by-spaces",
        ),  # fmt: skip
        pytest.param(
            "二、重点任务\n1.加快重大项目建设(市发改委牵头,市财政局配合)。重点推进136个亿元以上重大项目建设。",
            "加快重大项目建设",
            "重点推进136个亿元以上重大项目建设。",
            id="units-in-brackets-after-the-title",
        ),  # fmt: skip
        pytest.param(
            "六、保障措施\n(一)鼓励企业积极参与 “两化”融合贯标。对通过两化融合管理体系贯标的企业给予奖励。",
            "鼓励企业积极参与 “两化”融合贯标",
            "对通过两化融合管理体系贯标的企业给予奖励。",
            id="stray-space-before-a-quote",
        ),  # fmt: skip
    ],
)
def test_title_and_text(text, title, body):
    (task,) = _tasks(text)
    assert (task.title, task.text) == (title, body)


def test_offsets_span_the_item_and_stop_at_the_closing():
    text = clean_text(
        "三、保障措施\n(一)加强联动推进\n市政府有关部门要制定方案。\n(二)积极帮扶指导\n市政府各部门要结合各自职能帮扶。\n"
        "本方案自发布之日起施行。\n平顶山市人民政府办公室\n2015年4月24日"
    )
    first, second = extract_tasks(text, parse_outline(text), reference_date=None)
    assert text[first.start : first.end] == "(一)加强联动推进\n市政府有关部门要制定方案。"
    assert text[second.start : second.end] == "(二)积极帮扶指导\n市政府各部门要结合各自职能帮扶。"


def test_the_paragraph_after_a_list_of_one_paragraph_items_is_not_the_last_item():
    text = clean_text(
        "三、保障措施\n(三)加强考核评估\n1.建立健全产业统计制度。由市统计局牵头。\n2.完善信息报送制度。每月1日前报送。\n"
        "3.建立健全考核制度。组织实施考核工作。\n各牵头部门于10月15日前将联系方式报市发改局。"
    )
    assert [task.text for task in extract_tasks(text, parse_outline(text), reference_date=None)] == [
        "由市统计局牵头。", "每月1日前报送。", "组织实施考核工作。",
    ]  # fmt: skip


def test_units_and_deadlines_come_from_the_item_text(monkeypatch):
    seen = []
    lead = UnitRef("市统计局", "lead")

    def units(text):
        seen.append(("units", text))
        return (lead,)

    def deadlines(text, *, reference_date, offset):
        seen.append(("deadlines", text, reference_date, offset))
        return (Deadline("6月底前", date(2015, 6, 30)),)

    monkeypatch.setattr(tasks_module, "extract_units", units)
    monkeypatch.setattr(tasks_module, "extract_deadlines", deadlines)
    text = "三、保障措施\n(一)建立统计制度。由市统计局牵头,6月底前完成。"
    (task,) = extract_tasks(text, parse_outline(text), reference_date=date(2015, 4, 24))
    item = "(一)建立统计制度。由市统计局牵头,6月底前完成。"
    assert seen == [("units", item), ("deadlines", item, date(2015, 4, 24), text.index("(一)"))]
    assert task.units == (lead,) and task.deadlines == (Deadline("6月底前", date(2015, 6, 30)),)


TASK_TABLE = (
    "附件1\n2015年重点工作任务分解表\n序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n"
    "1 | 制定主导产业集群培育行动计划。明确年度主攻方向。 | 市发改委 | 市工信局 | 6月底前 |\n"
    "2 | 建立新三板市场后备企业资源库 | 市金融办 | | 年底前 |\n"
)


def test_a_task_table_gives_one_task_per_row():
    tasks = _tasks(TASK_TABLE)
    assert [(t.path, t.title) for t in tasks] == [
        ("附件1/1", "制定主导产业集群培育行动计划"),
        ("附件1/2", "建立新三板市场后备企业资源库"),
    ]
    cleaned = clean_text(TASK_TABLE)
    assert [cleaned[t.start : t.end] for t in tasks] == [t.text for t in tasks]
    assert tasks[1].text == "2 | 建立新三板市场后备企业资源库 | 市金融办 | | 年底前 |"


def test_table_rows_hand_their_unit_columns_to_units_with_their_roles(monkeypatch):
    seen = []
    monkeypatch.setattr(tasks_module, "extract_units", lambda text: seen.append(text) or ())
    _tasks(TASK_TABLE)
    assert seen[0] == "制定主导产业集群培育行动计划。明确年度主攻方向。\n牵头单位 | 市发改委 |\n配合单位 | 市工信局 |"


@pytest.mark.parametrize(
    "table",
    [
        pytest.param(
            "考核项目 | 分值 | 考核内容及赋分标准 | 牵头单位 |\n产业发展 | 40 | 考核增加值增速。 | 市统计局 |",
            id="grading-table",
        ),
        pytest.param("产业名称 | 总产值(单位:亿元) | |\n信息经济产业 | 430 | 500 |", id="table-of-figures"),
        pytest.param("文号 | 平政办〔2015〕26号 | 索引号 | 005452065/2015-00034 |", id="metadata-table"),
    ],
)
def test_other_tables_give_no_tasks(table):
    assert _tasks(table) == ()


def test_task_table_rows_end_to_end():
    # With the real extractors: the unit columns give lead and support, the time column the date.
    first, second = _tasks(TASK_TABLE)
    assert [(u.name, u.role) for u in first.units] == [("市发改委", "lead"), ("市工信局", "support")]
    assert [(d.text, d.date) for d in first.deadlines] == [("6月底前", date(2015, 6, 30))]
    assert [(d.text, d.date) for d in second.deadlines] == [("年底前", date(2015, 12, 31))]


def test_a_notice_without_a_date_reads_task_deadlines_in_its_title_year():
    text = "2015年乐清市新兴产业培育发展工作方案\n三、保障措施\n(一)加强组织领导\n6月底前,专项行动工作组出台实施方案。"
    (task,) = extract_tasks(text, parse_outline(text), reference_date=None)
    assert [(d.text, d.date) for d in task.deadlines] == [("6月底前", date(2015, 6, 30))]


def test_a_caption_row_before_the_header():
    table = "2015年重点工作任务分解表 | | |\n序号 | 工作任务 | 责任单位 | 完成时限 |\n1 | 制定实施方案 | 市发改委 | 6月底前 |"
    assert [(t.path, t.title) for t in _tasks(table)] == [("表/1", "制定实施方案")]


def test_the_label_lines_after_a_last_one_line_item_are_its_own():
    text = "二、重点任务\n1.开展招商。引进龙头企业。\n2.建设园区。完善配套设施。\n责任单位:市商务局\n完成时限:6月底前"
    last = extract_tasks(text, parse_outline(text), reference_date=None)[-1]
    assert text[last.start : last.end] == "2.建设园区。完善配套设施。\n责任单位:市商务局\n完成时限:6月底前"
