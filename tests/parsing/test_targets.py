"""Targets (targets.py, target_years.py, target_tables.py): one per figure, with value, unit and year right.

Phrases are real, from fixtures/notices/, the corpus and the dev set; each case gives (value, value_max, unit, year)
for every target the text holds, so a missed figure and an extra one both fail.
"""

from __future__ import annotations

import pytest

from documents.parsing.target_years import PlanYears, past_section_spans, plan_years
from documents.parsing.targets import extract_targets
from documents.parsing.types import OutlineNode

ANNUAL = "2015年平顶山市加快产业集聚区建设专项工作方案"
GUIDE = "丽水市产业平台整合提升指导意见"


def _found(text, *, title=GUIDE, reference_year=2020, outline=()):
    return [
        (t.value, t.value_max, t.unit, t.year)
        for t in extract_targets(text, outline, reference_year=reference_year, title=title)
    ]


@pytest.mark.parametrize(
    "text, title, expected",
    [
        ("规模以上工业增加值增速力争达到15%", ANNUAL, [(15, None, "%", 2015)]),
        (
            "力争全年产业集聚区新开工亿元以上项目50个以上,建成亿元以上项目50个以上。",
            ANNUAL,
            [(50, None, "个", 2015), (50, None, "个", 2015)],
        ),
        ("新增从业人员2万人以上,成为我市吸纳劳动力就业的重要区域。", ANNUAL, [(2, None, "万人", 2015)]),
        ("力争新建2—3家省级以上研发机构,培育2—3家高新技术企业。", ANNUAL, [(2, 3, "家", 2015), (2, 3, "家", 2015)]),
        ("规模以上工业综合能源消费量下降4%左右", ANNUAL, [(4, None, "%", 2015)]),
        ("力争每个产业集聚区新引进两个以上行业龙头企业或投资10亿元以上项目。", ANNUAL, [(2, None, "个", 2015)]),
        ("转移安置群众1万余人", ANNUAL, [(1, None, "万人", 2015)]),
        (
            "力争5年内引进千名高级经营管理人才和培养千名产业高级人才。",
            GUIDE,
            [(1000, None, "名", None), (1000, None, "名", None)],
        ),
        ("整合后每个重大平台可开发空间达到万亩以上", GUIDE, [(1, None, "万亩", None)]),
        ("力争“南北翼”平台产能跨越500亿产能规模", GUIDE, [(500, None, "亿元", None)]),
        ("带动相关产业总产值突破千亿元", GUIDE, [(1000, None, "亿元", None)]),
        ("力争到2025年,各县域平台产能规模实现“翻番”", GUIDE, [(2, None, "倍", 2025)]),
        (
            "到2010年,烟草、食品产业年销售收入分别达到240亿元、90亿元;",
            GUIDE,
            [(240, None, "亿元", 2010), (90, None, "亿元", 2010)],
        ),
        ("城镇调查失业率全年控制在5.5%以内", "2022年中华人民共和国国务院政府工作报告", [(5.5, None, "%", 2022)]),
        ("政务部门应当在十五个工作日内办结", GUIDE, [(15, None, "个工作日", None)]),
        ("全省培育3家左右在国内具有较强影响力的双跨平台", GUIDE, [(3, None, "家", None)]),
        (
            "培育3家在国内具有较强影响力的跨行业平台,20家行业型、专业型、区域型工业互联网平台。",
            GUIDE,
            [(3, None, "家", None), (20, None, "家", None)],
        ),
        ("推动全省100家企业实施工业互联网网络安全分类分级管理", GUIDE, [(100, None, "家", None)]),
        (
            "全员劳动生产率达到30万元/人,人口自然增长率控制在6‰以内。",
            GUIDE,
            [(30, None, "万元/人", None), (6, None, "‰", None)],
        ),
        (
            "全国农机总动力稳定在11亿千瓦左右,其中灌排机械动力达到1.3亿千瓦。",
            GUIDE,
            [(11, None, "亿千瓦", None), (1.3, None, "亿千瓦", None)],
        ),
    ],
    ids=[
        "percent-annual",
        "one-per-number",
        "wan-ren",
        "ranges",
        "left-right",
        "liang-ge",
        "yu",
        "qian-ming",
        "wan-mu",
        "implicit-yi",
        "bai-yi",
        "fanfan",
        "fenbie",
        "within",
        "working-days",
        "zuoyou-count",
        "list-continues",
        "count-verb",
        "rate-permille",
        "yi-qianwa",
    ],
)
def test_targets_found(text, title, expected):
    assert _found(text, title=title) == expected


@pytest.mark.parametrize(
    "text",
    [
        "对年入库税收首次达到50万元以上的,给予一定奖励。",  # eligibility threshold
        "对固定资产投资超过5000万元的产业集群发展项目,经市政府批准后纳入协调服务体系。",
        "年营业收入2000万元以上的企业",
        "对新认定的国家级企业技术中心给予50万元奖励,最高不超过200万元。",  # reward and cap
        "每年从工业发展专项资金中安排2000万元。",  # allocation
        "落实《关于印发<平顶山市县(市、区)经济社会发展目标考核评价工作试行办法>等三个考核评价办法的通知》(平办〔2014〕14号)规定",
        "重点突出20亿元以上项目(战略性新兴产业10亿以上)。",
        "增加值增速达到10%得基本分(25分)的90%,每多(少)1个百分点加(减)基本分的5%。",  # grading
        "附件所列120项工作任务由各牵头单位负责落实。",
        "按照一个产业、一个挂钩联系领导“五个一”的要求,实现“三个增长”。",  # labels
        "确保在1至2年内完成。",  # a duration
        "《丽水市产业平台整合提升指导意见》已经市政府第65次常务会议审议通过",  # ordinal, doc number
        "2014年全市完成固定资产投资600亿元,比上年增长18%。",  # past year in a 2015 plan
        "重大水利工程已开工的57个项目要加快建设",
        "服务业增加值比重由46.9%提高",
        "对年营业收入达到2000万元以上或年纳税额达到200万元以上的企业,给予奖励。",
        "今年拟安排财政赤字1.62万亿元,比去年增加2700亿元。",  # budget, not a goal
        "同心协力建设56个民族共同团结奋斗的美好家园",
        "不能超过48个月",
        "全力支持香港、澳门两个特别行政区发展经济",  # a tally of names
        "全市涉及人社、公积金、建筑、社会组织等22个业务领域",
        "力争投产叶县常李220千伏输变电工程",  # a rating
        "对招用人员数量达到企业现有在职职工人数15%并与其签订1年以上劳动合同的,可申请创业担保贷款。",  # a condition
        "平均为每个产业集聚区安排用地指标不低于500亩。",  # an allocation
    ],
    ids=[
        "eligibility",
        "threshold-project",
        "threshold-firm",
        "reward-cap",
        "allocation",
        "cited-title",
        "threshold-aside",
        "grading",
        "task-count",
        "labels",
        "duration",
        "ordinal",
        "past-year",
        "already",
        "baseline",
        "eligibility-or",
        "budget",
        "label-minzu",
        "months",
        "named-no-deng",
        "named-deng",
        "kilovolt",
        "condition",
        "allocation-land",
    ],
)
def test_not_targets(text):
    assert _found(text, title=ANNUAL, reference_year=2015) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        ("培育特种钢材加工、不锈钢制品等10个以上百亿级特色产业集群", [(10, None, "个", None)]),  # unnamed: the count
        ("着力打造能源化工、装备制造、钢铁深加工等3个千亿级产业集群", [(1000, None, "亿元", None)]),  # named: the bar
        ("力争有5家以上企业营业收入超50亿元", [(5, None, "家", None)]),
        ("纺织、食品等3个产业产值超百亿元", [(100, None, "亿元", None)]),
        ("销售收入超100亿元企业争取达到7家", [(7, None, "家", None)]),
    ],
    ids=["unnamed-count", "named-tally-grade", "count-over-threshold", "named-tally", "threshold-then-count"],
)
def test_count_or_threshold(text, expected):
    assert _found(text) == expected


@pytest.mark.parametrize(
    "text, title, expected",
    [
        ("到2015年,四大产业群实现销售收入各1000亿元左右。研发投入占销售收入比重达到2%。", GUIDE, [2015, None]),
        ("单位GDP综合能耗比2005年下降20%以上", GUIDE, [None]),  # a baseline year is not the goal's
        ("每年为集群产业培训专业技术人员1000人次以上", ANNUAL, [None]),  # 每年 in an annual plan: null
        ("力争2015年新增标准化厂房建筑面积100万平方米左右", GUIDE, [2015]),
        ("今年经济社会发展的主要预期目标是:国内生产总值增长7%左右", "2015年中华人民共和国国务院政府工作报告", [2015]),
        ("到2021年,全市开发区(园区)管理机构数量缩减60%", GUIDE, [2021]),
    ],
    ids=["no-carry", "baseline", "every-year", "bare-year", "gwr-this-year", "paren-name"],
)
def test_years(text, title, expected):
    assert [t[3] for t in _found(text, title=title, reference_year=2010)] == expected


def test_heading_year_applies_to_its_section():
    text = "(二)2016年工作目标\n新增从业人员2万人以上。\n"
    outline = (OutlineNode("(二)", "(二)", "2016年工作目标", 2, 0, len(text)),)
    assert _found(text, outline=outline, reference_year=2016) == [(2, None, "万人", 2016)]


def test_review_section_gives_no_targets():
    text = "报告\n一、2014年工作回顾\n城镇新增就业1322万人。\n二、2015年工作总体部署\n城镇新增就业1000万人以上。\n"
    assert _found(text, title="2015年中华人民共和国国务院政府工作报告") == [(1000, None, "万人", 2015)]


def test_planned_figure_table():
    text = (
        "全市新兴产业2015-2016年度预计产值见下表。\n产业名称 | 总产值(单位:亿元 ) | |\n2015年 | 2016年 | |\n"
        "信息经济产业 | 430 | 500 |\n高端装备制造业 | 90 | 100 |\n二、主要任务\n"
    )
    targets = extract_targets(text, (), reference_year=2015, title=ANNUAL)
    assert [(t.metric, t.value, t.unit, t.year) for t in targets] == [
        ("信息经济产业", 430, "亿元", 2015),
        ("信息经济产业", 500, "亿元", 2016),
        ("高端装备制造业", 90, "亿元", 2015),
        ("高端装备制造业", 100, "亿元", 2016),
    ]
    assert text[targets[1].start : targets[1].end] == "500"


def test_table_with_unit_column_skips_baseline_and_grading():
    planned = "指标 | 单位 | 2020年 | 2025年 |\n规上工业增加值 | 亿元 | 300 | 500 |\n研发投入强度 | % | 2.1 | 3 |\n"
    grading = "考核内容 | 分值 | 2025年 |\n招商引资 | 20 | 30 |\n"
    found = extract_targets(planned + "\n说明。\n" + grading, (), reference_year=2021, title=GUIDE)
    assert [(t.metric, t.value, t.unit, t.year) for t in found] == [
        ("规上工业增加值", 500, "亿元", 2025),
        ("研发投入强度", 3, "%", 2025),
    ]


def test_target_fields():
    (target,) = extract_targets("规模以上工业增加值增速力争达到15%,", (), reference_year=2015, title=ANNUAL)
    assert (target.text, target.metric, target.comparator, target.qualifier) == (
        "规模以上工业增加值增速力争达到15%",
        "规模以上工业增加值增速",
        ">=",
        "力争",
    )
    assert (target.start, target.end) == (0, len("规模以上工业增加值增速力争达到15%"))


@pytest.mark.parametrize(
    "title, expected",
    [
        (ANNUAL, 2015),
        ("乐清市2015年工作要点", 2015),
        ("安徽省工业互联网创新发展行动计划(2021—2023年)", None),
        (GUIDE, None),
        (None, None),
    ],
    ids=["annual-plan", "work-points", "multi-year", "guide", "no-title"],
)
def test_plan_years(title, expected):
    assert plan_years(title, 2020).plan == expected


def test_past_sections_from_outline():
    nodes = (
        OutlineNode("一", "一、", "发展基础", 1, 0, 50),
        OutlineNode("二", "二、", "“十三五”时期发展成就和主要目标任务", 1, 50, 90),
    )
    assert past_section_spans("", nodes, PlanYears(None, 2021)) == [(0, 50)]


def test_long_single_line_is_linear():
    text = "力争新建2—3家省级以上研发机构," * 5_000  # one line, no full stop
    assert len(extract_targets(text, (), reference_year=2015, title=ANNUAL)) == 5_000


def test_grading_rule_only_rules_out_its_own_clause():
    text = "增加值增速达到10%得基本分(25分),力争新建2—3家省级以上研发机构"  # one sentence, no full stop
    assert _found(text) == [(2, 3, "家", None)]


def test_table_unit_in_the_row_label():
    text = "指标 | 2020年 | 2025年 | 属性 |\n地区生产总值(亿元) | 2300 | 3500 | 预期性 |\n城镇新增就业(万人) | — | 5 | 预期性 |\n"
    found = extract_targets(text, (), reference_year=2021, title=GUIDE)
    assert [(t.metric, t.value, t.unit, t.year) for t in found] == [
        ("地区生产总值", 3500, "亿元", 2025),
        ("城镇新增就业", 5, "万人", 2025),
    ]


def _years_of(text, *, title=GUIDE, reference_year=2024):
    from documents.parsing.outline import parse_outline

    return [
        (t.value, t.unit, t.year)
        for t in extract_targets(text, parse_outline(text), reference_year=reference_year, title=title)
    ]


@pytest.mark.parametrize(
    "text, expected",
    [
        # 济南 2024: the year in the goals heading's sentence holds for the —— bullets after it.
        (
            "一、总体要求\n(一)发展思路。坚持创新驱动。\n(二)发展目标。到2026年,人工智能核心产业规模突破600亿元。\n"
            "——创新能力持续增强。形成50个人工智能通用、垂直领域大模型产品。\n"
            "——应用水平显著提升。累计培育300个以上人工智能典型应用场景。\n二、重点任务\n(一)实施行动\n建成10个平台。\n",
            [(600, "亿元", 2026), (50, "个", 2026), (300, "个", 2026), (10, "个", None)],
        ),
        # 青岛 2024: no goals heading, but a paragraph leading into bullets names the year.
        (
            "一、总体要求\n以习近平新时代中国特色社会主义思想为指导。到2026年,我市人工智能产业总体水平处于全国前列。\n"
            "——集群发展。打造10个左右人工智能产业集聚与赋能应用特色园区,培育20家左右企业。\n"
            "——技术体系。算力总规模达到12EFLOPS。\n二、重点任务\n",
            [(10, "个", 2026), (20, "家", 2026), (12, "EFLOPS", 2026)],
        ),
        # 三明 2019: yearly paragraphs under 主要目标; each year holds until the next is named.
        (
            "一、主要目标\n2019年,新增宽带接入端口11.2万个。新建4G基站1400个,4G用户达204.9万户。\n"
            "2020年,新建4G基站800个。全市5G基站累计达693座。\n二、重点任务\n",
            [(11.2, "万个", 2019), (1400, "个", 2019), (204.9, "万户", 2019), (800, "个", 2020), (693, "座", 2020)],
        ),
        # 山东 2023: 每年 goals under a goals part take its year (the heading rule, not the plan rule).
        (
            "(二)主要目标\n到2025年,创新环境进一步优化。\n——优质企业培育规模逐年壮大。每年新培育瞪羚企业400家。\n(三)基本原则\n",
            [(400, "家", 2025)],
        ),
    ],
    ids=["goals-heading-bullets", "lead-in-paragraph", "yearly-paragraphs", "every-year-under-goals"],
)
def test_goals_part_year(text, expected):
    # The notices' own dates: a year before the notice's is a past result, not a goal.
    reference_year = min(year for _, _, year in expected if year)
    assert _years_of(text, reference_year=reference_year) == expected


@pytest.mark.parametrize(
    "text, title, expected",
    [
        # A list of goals after one verb: each figure of the following clauses is a goal too.
        (
            "累计培育智能制造试点示范项目120个,智能制造系统解决方案供应商15个。",
            GUIDE,
            [(120, None, "个", None), (15, None, "个", None)],
        ),
        (
            "各部门招商引资要实现当年开工项目31项,签约并注册项目53项,洽谈项目137项。",
            "2009年市政府各部门招商引资工作任务安排意见",
            [(31, None, "项", 2009), (53, None, "项", 2009), (137, None, "项", 2009)],
        ),
        # Counts at any scale: 万名, 万家.
        ("面向3万名专业技术人才和企业高级管理人员开展工业互联网素质提升培训", GUIDE, [(3, None, "万名", None)]),
        # A share of things that reach a goal.
        ("全省50%以上的文化馆具备数字服务能力", GUIDE, [(50, None, "%", None)]),
        ("全市80%以上工程项目采用数字化建造模式", GUIDE, [(80, None, "%", None)]),
        # Committed processing times in working days, in any wording, numerals included.
        ("市政务数据主管部门应当自收到报送材料之日起五个工作日内完成目录更新", GUIDE, [(5, None, "个工作日", None)]),
        ("并在3个工作日内将更新后的政务数据资源目录报送本级数据资源主管部门", GUIDE, [(3, None, "个工作日", None)]),
        (
            "省级依申请政务服务事项网上可办率不低于90%,市、县级不低于70%",
            GUIDE,
            [(90, None, "%", None), (70, None, "%", None)],
        ),
        ("其中重点耗能企业计划节约标准煤65万吨", GUIDE, [(65, None, "万吨", None)]),
        ("到2022年底,全县开通5G基站600个", GUIDE, [(600, None, "个", 2022)]),
        ("人工智能算力规模(FP16)突破3500PFlops", GUIDE, [(3500, None, "PFlops", None)]),
        ("带动相关产业规模超万亿元", GUIDE, [(10000, None, "亿元", None)]),
        ("全省规模以上高新技术产业实现产值4.77万亿元", GUIDE, [(47700, None, "亿元", None)]),
        ("选取3—5个重点领域开展目录规范化建设试点", GUIDE, [(3, 5, "个", None)]),
        ("支持千家企业产学研协同创新", GUIDE, [(1000, None, "家", None)]),
        ("到 2021年年底,5G基站数量超过3000个", GUIDE, [(3000, None, "个", 2021)]),
    ],
    ids=[
        "list-after-verb",
        "list-annual",
        "wan-ming",
        "share-of",
        "share-of-no-de",
        "gongzuori-cn",
        "gongzuori-in",
        "percent-list",
        "jieyue",
        "kaitong",
        "flops-case",
        "wanyi",
        "wanyi-decimal",
        "xuanqu-range",
        "qian-jia",
        "year-year-end",
    ],
)
def test_goals_in_other_wordings(text, title, expected):
    assert _found(text, title=title, reference_year=2009 if "2009" in title else 2020) == expected


@pytest.mark.parametrize(
    "text",
    [
        "每认定1家给予一次性奖励。",  # the basis of a rate
        "根据市委的决策部署和市十三届人大四次会议精神",  # a session's ordinal
        "工业用地税额标准为非工业用地税额标准的50%左右。",  # a rule's proportion
        "加快推动智能车载终端、车规级芯片等关键零部件研发",  # 零部件
        "推进产业集聚区用地二次开发",  # a compound word
        "知识驱动的人机物三元协同",  # a word, not money
        "高等学校要重点推进四项工作",  # the notice's own programme
        "抓好支持高质量共建“一带一路”八项行动的落实",
        "在“巩固、增强、提升、畅通”八个字上下功夫",  # a slogan
        "全力支持两个特别行政区行政长官和政府依法施政",
        "打造以四个产业园为支撑的发展格局",
        "有条件的地方可对单户担保金额500万元及以下、平均担保费率不超过1%的担保业务给予适当担保费补贴",
        # Results a sentence reports: it opens on the present or a span up to now, or says the figure was acted on.
        "截至目前，累计为青岛市1657家企业提供了6245人次的“链上审批”服务，有效减少企业群众跑腿近万次。",
        "目前青岛市涉及社会组织、卫生许可、医疗保健等12个领域199个高频事项实现“零材料”申报，"
        "企业提交材料从原来7项减少到0项，填写字段从原来的92项减少到70项，缩减比例达76%。",
        "平台上线以来，实现青岛市行政审批服务局与青岛市住房和城乡建设局等20个监管部门的审管互动，"
        "涵盖449项审批业务，互动次数达4.4万余次，审管实现高效衔接。",
        "场景建设完成后，目前操作人员已从5人减少至2人，加工效率提升了30%，产品不良品率降低了10%。",
        "如，《规划》把国家、省“十四五”规划中明确支持济南建设的66个重大载体平台和项目进行了细化安排。",
        # Who qualifies, in a clause that opens mid-sentence.
        "其中，对年营业收入达到2000万元以上或年纳税额达到200万元以上、每年保持稳定增长的企业，给予五年100%房租补贴。",
        "组织数字化转型成熟度贯标试点和工业互联网平台贯标，对服务并通过贯标企业数量超过10家的贯标服务机构给予100万元奖励。",
        # A rank that qualifies what is named.
        "引进全球TOP200高校、自然指数前100名高校、科研院所以及“双一流”建设高校的毕业生。",
        # The last of a list of ordinals (青岛 2022).
        "除原申请材料外，还应按本实施细则第十二条第4、6、10、88项规定提供拟增加车辆的申请材料。",
    ],
    ids=[
        "per-unit-basis",
        "session",
        "rule-proportion",
        "lingbujian",
        "compound",
        "sanyuan",
        "sixiang",
        "baxiang",
        "bageizi",
        "liangge-label",
        "yi-label",
        "eligibility-support",
        "past-so-far",
        "past-present",
        "past-since",
        "past-le",
        "past-le-after",
        "eligibility-mid-sentence",
        "eligibility-count",
        "rank-bar",
        "ordinal-list",
    ],
)
def test_not_targets_in_other_wordings(text):
    assert _found(text) == []


@pytest.mark.parametrize(
    "text, expected",
    [
        # A list of years paired in order with the figures after 分别 (山东 2024).
        (
            "全省信息技术产业营收年均增长10%以上，2024年、2025年分别突破2.2万亿元、2.4万亿元。",
            [(10, None, "%", None), (22000, None, "亿元", 2024), (24000, None, "亿元", 2025)],
        ),
        # A 年均 goal takes no year from a later clause, but does from its own lead-in.
        ("到2025年，年均增长8%。", [(8, None, "%", 2025)]),
    ],
    ids=["year-list-fenbie", "average-growth-own-year"],
)
def test_years_paired_and_recurring(text, expected):
    assert _found(text, title=GUIDE, reference_year=2023) == expected


# A rules text (办法, 细则) sets conditions, not goals; only its processing times count. It shows by its title,
# a version mark included, or, where the page lost its title, by naming itself in its articles (济南, 青岛 2021-22).
RULES_BODY = (
    "第二条 本实施细则适用于在青岛市行政区域内进行的智能网联汽车道路测试与示范应用。\n"
    "(四)最近8年内无超速50%以上、超员、超载等严重交通违法行为记录；\n"
    "11.交通事故责任强制险凭证，或不少于五百万元人民币的自动驾驶道路测试事故赔偿保函。\n"
    "专业机构收到测试主体申请材料后，应于10个工作日内完成材料初审。"
)


@pytest.mark.parametrize(
    "text, title, expected",
    [
        (RULES_BODY, None, [(10, None, "个工作日", None)]),
        (
            "第十一条 X86资源类占比不超过服务资源总量的30%；服务资源分配给企业的比例不低于服务资源总量的80%。",
            "服务资源供给办法(V1.0)",
            [],
        ),
        ("到2025年，全省软件业务收入达到14000亿元。", None, [(14000, None, "亿元", 2025)]),
    ],
    ids=["names-itself-without-title", "versioned-title", "no-title-no-rules"],
)
def test_rules_texts_count_only_processing_times(text, title, expected):
    assert _found(text, title=title) == expected
