"""Deadlines: each rule of docs/extraction.md, on real phrases from the seeds and the corpus."""

from __future__ import annotations

from datetime import date

import pytest

from documents.parsing.clean import clean_text
from documents.parsing.deadlines import collect_deadlines, extract_deadlines, title_year
from documents.parsing.types import Deadline, Task

D2015 = date(2015, 4, 24)  # 平顶山 plan, signed 2015-04-24
D2020 = date(2020, 8, 20)  # 丽水 guidance, signed 2020-08-20

CASES = [
    # (id, phrase, reference date, expected [(text, ISO date or None)])
    (
        "month-end-before",
        "6月底前，各县（市、区）制定产业集聚区与乡镇行政区域管理套合工作方案；9月底前，区镇管理套合主要工作基本完成",
        D2015,
        [("6月底前", "2015-06-30"), ("9月底前", "2015-09-30")],
    ),
    ("year-end-before", "年底前，基本完成行政区划调整、乡镇规划调整等后续工作", D2015, [("年底前", "2015-12-31")]),
    (
        "explicit-year-end",
        "2015年底前，专项行动工作组出台相应产业发展规划或者实施方案",
        D2015,
        [("2015年底前", "2015-12-31")],
    ),
    (
        "day-before",
        "各与温州产业小组对接的牵头部门于10月15日前将分管领导的联系方式报市发改局产业科",
        D2015,
        [("10月15日前", "2015-10-15")],
    ),
    (
        "year-carried-in-the-sentence",
        "2019年12月底前完成相关建设规划，2020年12月底前完成项目竣工验收。",
        date(2019, 1, 9),
        [("2019年12月底前", "2019-12-31"), ("2020年12月底前", "2020-12-31")],
    ),
    (
        "year-carried-to-a-bare-month",
        "2022年10月底前完成自评，12月底前完成验收。",
        date(2022, 9, 1),
        [("2022年10月底前", "2022-10-31"), ("12月底前", "2022-12-31")],
    ),
    (
        "spaced-year",
        "2025 年底前，将“山东通”打造成全省统一的协同办公平台",
        date(2022, 1, 1),
        [("2025 年底前", "2025-12-31")],
    ),
    ("chinese-numeral-month", "十月底前完成项目申报", D2015, [("十月底前", "2015-10-31")]),
    (
        "explicit-year-end-with-an-action",
        "2025年底建成不少于500个智慧社区",
        date(2022, 1, 1),
        [("2025年底", "2025-12-31")],
    ),
    ("到-year-end", "到2025年底，基本建成数字技术适老化标准体系", date(2020, 12, 1), [("到2025年底", "2025-12-31")]),
    ("到-year-end-before", "到2023年底前，全面完成系统部署", date(2021, 1, 1), [("到2023年底前", "2023-12-31")]),
    ("dated-milestone", "9月底取得阶段性成效", D2015, [("9月底", "2015-09-30")]),
    (
        "weekday-in-brackets",
        "汇总申报材料后于4月26日（周五）前报市工业和信息化局科技处",
        date(2019, 4, 17),
        [("4月26日(周五)前", "2019-04-26")],
    ),
    ("day-without-日", "并于4月28前上报区局办公室", date(2012, 4, 1), [("4月28前", "2012-04-28")]),
    ("this-year-within", "今年内全部取消手机国内长途和漫游费", date(2017, 3, 5), [("今年内", "2017-12-31")]),
    (
        "year-within-published-late",
        "在2007年内帮助组建好十大产业集群专业行业协会",
        date(2008, 9, 24),
        [("2007年内", "2007-12-31")],
    ),
    ("year-before", "2008年前，建好中小企业服务中心", date(2007, 6, 1), [("2008年前", "2008-12-31")]),
    ("quarter-end", "第三季度末前完成第一批试点", D2015, [("第三季度末前", "2015-09-30")]),
    ("mid-year-with-an-action", "年中完成中期评估", D2015, [("年中", "2015-06-30")]),
    ("recurring-is-null", "各产业专项行动工作组要在每月1日前报送月度工作情况", D2015, [("每月1日前", None)]),
    (
        "recurring-year",
        "2020年起，每年2月底前各省份完成辖区内三级公立医院绩效考核工作",
        date(2019, 1, 16),
        [("每年2月底前", None)],
    ),
    (
        "recurring-with-listed-occurrences",
        "每季度末（分别在3月、6月、9月和12月底）报送进展",
        D2015,
        [("3月底", "2015-03-31"), ("6月底", "2015-06-30"), ("9月底", "2015-09-30"), ("12月底", "2015-12-31")],
    ),
    ("no-date-to-resolve-against", "年底前建成省级平台", None, [("年底前", None)]),
    ("year-end-cell", "2 | 建立新三板市场后备企业资源库 | 市金融办 | | 年底前 |", D2015, [("年底前", "2015-12-31")]),
    ("time-limit-cell", "完成时限 | 2015年12月 |", D2015, [("2015年12月", "2015-12-31")]),
    ("labelled-time-limit", "责任单位：市发改局 完成时限：2015年6月", D2015, [("2015年6月", "2015-06-30")]),
    ("year-year-end-spaced", "到 2021年年底,5G基站数量超过3000个", date(2020, 8, 1), [("到 2021年年底", "2021-12-31")]),
    (
        "milestone-opening-paragraph",
        "二、目标任务\n2020年底,城区开办企业、获得电力等事项办理时间压减",
        date(2020, 9, 1),
        [("2020年底", "2020-12-31")],
    ),
    (
        "month-with-an-action",
        "组织监察、统计、建设等部门,7月份对上半年全市重点耗能行业进行专项检查督导,10月份进行预考核。",
        date(2009, 5, 1),
        [("7月份", "2009-07-31"), ("10月份", "2009-10-31")],
    ),
    (
        "mid-and-year-end",
        "各地、各部门应于年中和年末分别组织一次自查活动",
        date(2011, 3, 17),
        [("年中", "2011-06-30"), ("年末", "2011-12-31")],
    ),
    ("year-end-review-with-an-action", "年终考评汇总后报市政府", date(2010, 3, 1), [("年终", "2010-12-31")]),
    # Not deadlines
    ("within-the-year-heads-a-goal", "年内力争完成投资1000亿元以上,增长20%", date(2011, 4, 1), []),
    ("month-takes-effect", "7月1日起施行", date(2011, 4, 1), []),
    ("bare-goal-year", "到2025年，每个重大平台投资强度、研发投入均实现倍增", D2020, []),
    ("relative-window", "对企业投资项目实行网上并联办理，7日内办结", D2015, []),
    ("years-within", "力争5年内引进千名高级经营管理人才", D2015, []),
    ("keep-going", "持续推进基础设施建设", D2015, []),
    ("whole-year-task", "全面完成全年任务", D2015, []),
    ("baseline", "截至2014年底，全市共有规模以上工业企业800家", D2015, []),
    ("past-fact", "2005年底前注册营运的黄标车今年要全部淘汰", date(2015, 3, 5), []),
    ("past-year-end", "去年底企业数量超过5200万户", date(2023, 3, 5), []),
    ("review-rhythm", "扎实开展季度比评、年中督查、年终考核", D2020, []),
    ("year-end-fact", "年末城镇调查失业率降到5.5%", date(2023, 3, 5), []),
    ("central-not-mid-year", "今年中央预算内投资拟安排7350亿元", date(2025, 3, 5), []),
    ("spaced-years-within", "且近 2 年内无违法失信记录", date(2021, 3, 9), []),
    ("dated-past-event", "2008年底IBM首次提出“智慧地球”新理念", None, []),
    ("before-and-already-done", "2018年12月31日之前已完成转制的企业,自2019年1月1日起", date(2018, 12, 18), []),
    ("signature-date", "乐清市人民政府办公室 2015年9月15日", D2015, []),
    ("takes-effect", "本办法自2015年10月1日起施行", D2015, []),
    ("first-three-quarters", "2015年前三季度全市工业增加值增长8%", D2015, []),
    ("period-start", "自2018年5月起，将项目进展季报制度调整为项目进展月报机制", date(2018, 5, 2), []),
    ("a-rhythm-is-no-deadline", "市产业集聚区发展联席会议办公室按季度进行通报", D2015, []),
]


@pytest.mark.parametrize("phrase, reference, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_extract_deadlines(phrase, reference, expected):
    found = extract_deadlines(clean_text(phrase), reference_date=reference)
    assert [(d.text, d.date.isoformat() if d.date else None) for d in found] == expected


def test_offsets_point_into_the_whole_text():
    text = "一、工作任务\n8月底前,明确方案。"
    (deadline,) = extract_deadlines(text[7:], reference_date=D2020, offset=7)
    assert text[deadline.start : deadline.end] == deadline.text == "8月底前"


def test_collect_keeps_one_entry_per_date():
    text = (
        "按照平台整合攻坚行动年底前完成的目标。8月底前,明确方案,12月底前完成实施方案制定。每月1日前报送,每季度末报送。"
    )
    found = collect_deadlines(text, (), reference_date=D2020)
    assert [(d.text, d.date) for d in found] == [
        ("年底前", date(2020, 12, 31)),
        ("8月底前", date(2020, 8, 31)),
        ("每月1日前", None),
        ("每季度末", None),
    ]


def test_collect_adds_a_tasks_deadline_once():
    text = "6月底前,制定方案。"
    task = Task(
        path="1",
        title="t",
        text=text,
        deadlines=(Deadline("6月底前", date(2015, 6, 30), 0, 5), Deadline("10月底前", date(2015, 10, 31), 40, 45)),
    )
    found = collect_deadlines(text, (task,), reference_date=D2015)
    assert [d.text for d in found] == ["6月底前", "10月底前"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2015年平顶山市加快产业集聚区建设专项工作方案\n正文", date(2015, 1, 1)),
        ("2022年中华人民共和国国务院政府工作报告\n", date(2022, 1, 1)),
        ("关于印发行动计划(2021—2023年)的通知\n", None),
        ("关于大力培育发展产业集群的意见\n", None),
    ],
    ids=["annual-plan", "work-report", "period-is-no-year", "no-year"],
)
def test_title_year(text, expected):
    assert title_year(text) == expected


def test_a_notice_without_a_date_is_read_in_its_titles_year():
    text = "2022年中华人民共和国国务院政府工作报告\n对小微企业的存量留抵税额于6月底前一次性全部退还"
    assert [(d.text, d.date) for d in collect_deadlines(text, (), reference_date=None)] == [
        ("6月底前", date(2022, 6, 30))
    ]
