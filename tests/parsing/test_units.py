"""Responsible units: each rule of docs/extraction.md, on real phrases from the seeds and the corpus.

Phrases go through clean_text first, as in parse_notice, so full-width punctuation (，（）：) is as the parser meets it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from documents.parsing.clean import clean_text
from documents.parsing.types import LEAD, SUPPORT, Task, UnitRef
from documents.parsing.units import _SUBJECT, _subject_matches, collect_units, extract_units

L, S = LEAD, SUPPORT

CASES = [
    # (id, phrase, expected [(name, role)])
    ("lead-and-support-in-parenthesis", "出口占比。（省商务厅牵头，合肥海关配合）", [("省商务厅", L), ("合肥海关", S)]),
    (
        "按职责分工配合-list",
        "（合肥海关牵头，省贸促会、省商务厅按职责分工配合）",
        [("合肥海关", L), ("省贸促会", S), ("省商务厅", S)],
    ),
    (
        "按职责分工负责-is-lead",
        "（合肥海关牵头，省港航集团、省机场集团按职责分工负责）",
        [("合肥海关", L), ("省港航集团", L), ("省机场集团", L)],
    ),
    (
        "national-names-without-prefix",
        "（发展改革委、工业和信息化部、中央网信办牵头，各地区、各部门负责）",
        [("发展改革委", L), ("工业和信息化部", L), ("中央网信办", L)],
    ),
    ("named-bodies-before-a-collective", "（国家卫生健康委等相关部门及各地区按职责分工负责）", [("国家卫生健康委", L)]),
    ("named-body-and-the-regions", "（交通运输部及各地区按职责分工负责）", [("交通运输部", L)]),
    (
        "elided-ministry-prefix-across-roles",
        "交通运输部运输服务司牵头，科技司、人事教育司配合。",
        [("交通运输部运输服务司", L), ("交通运输部科技司", S), ("交通运输部人事教育司", S)],
    ),
    (
        "责任单位-label",
        "（责任单位：省经济和信息化厅、人行合肥中心支行、安徽银保监局，各市人民政府）",
        [("省经济和信息化厅", L), ("人行合肥中心支行", L), ("安徽银保监局", L)],
    ),
    (
        "牵头单位-and-参加单位-labels",
        "（牵头单位：省商务厅，参加单位：省文化和旅游厅、省邮政管理局）",
        [("省商务厅", L), ("省文化和旅游厅", S), ("省邮政管理局", S)],
    ),
    (
        "role-marked-on-an-item",
        "（责任单位：市发改委（牵头）、市财政局、统计局）",
        [("市发改委", L), ("市财政局", L), ("市统计局", L)],
    ),
    ("support-marked-on-an-item", "责任单位：市经信委、市发改委（配合）", [("市经信委", L), ("市发改委", S)]),
    ("table-cell-label", "牵头单位 | 市统计局 |", [("市统计局", L)]),
    (
        "由X牵头负责",
        "由市推进新型工业化领导小组办公室牵头负责，在2007年内帮助组建好十大产业集群专业行业协会",
        [("市推进新型工业化领导小组办公室", L)],
    ),
    (
        "由X牵头-generic-配合",
        "由市统计局牵头，各产业专项行动工作组积极配合，加快建立新兴产业统计体系",
        [("市统计局", L)],
    ),
    (
        "由X会同有关部门",
        "由市推进新型工业化领导小组办公室会同有关部门制定本意见的实施细则。",
        [("市推进新型工业化领导小组办公室", L)],
    ),
    (
        "由X和Y-two-bodies",
        "并由常德电视台和常德日报社免费播放、刊载，拓宽发布渠道",
        [("常德电视台", L), ("常德日报社", L)],
    ),
    ("X要-category", "统计部门要做好产业增加值测算工作，并确定相关新兴产业2014年基数。", [("统计部门", L)]),
    (
        "X按季度通报",
        "市产业集聚区发展联席会议办公室按季度对市政府有关部门和各产业集聚区工作开展情况进行通报。",
        [("市产业集聚区发展联席会议办公室", L)],
    ),
    ("请X", "请省发改委加强对衢州市特色产业发展综合配套改革试点工作的指导和督促检查", [("省发改委", L)]),
    ("X将于-deadline", "国务院办公厅将于2020年4月底前组织对试点工作进行验收总结", [("国务院办公厅", L)]),
    (
        "list-with-和-inside-names",
        "市委组织部、市经委、市劳动和社会保障局、市企业联合会每年联合组织开展各种形式的企业家培训班",
        [("市委组织部", L), ("市经委", L), ("市劳动和社会保障局", L), ("市企业联合会", L)],
    ),
    (
        "elided-parent-body",
        "市“一六五”产业发展工作领导小组工业产业办公室、服务业产业办公室做好信息汇总报送",
        [("市“一六五”产业发展工作领导小组工业产业办公室", L), ("市“一六五”产业发展工作领导小组服务业产业办公室", L)],
    ),
    ("shared-head-noun", "发改、工信、商务部门要加强协调", [("发改部门", L), ("工信部门", L), ("商务部门", L)]),
    ("label-stops-at-the-time-limit", "责任单位：市发改局 完成时限：2015年6月", [("市发改局", L)]),
    (
        "table-columns-lead-and-support",
        "序号 | 工作任务 | 牵头单位 | 配合单位 | 完成时限 |\n1 | 建立统计制度 | 市统计局 | 市发改局、市财政局 | 2015年6月底前 |\n"
        "2 | 完善平台 | 市经信局 | 市发改局 市科技局 | 2015年12月 |",
        [("市统计局", L), ("市发改局", S), ("市财政局", S), ("市经信局", L), ("市科技局", S)],
    ),
    (
        "table-row-under-a-merged-cell",
        "考核项目 | 分值 | 考核内容及赋分标准 | 牵头单位 |\n产业发展 | 40 | 考核增加值增速 | 市统计局 |\n"
        "产业土地指标用于当年新兴产业项目的比例按照排名得分 | 市国土资源局 | ||",
        [("市统计局", L), ("市国土资源局", L)],
    ),
    (
        "shared-head-after-等",
        "民政、公安、国家安全、人民银行等部门要积极配合，以保证清理整顿工作的顺利进行。",
        [("民政部门", S), ("公安部门", S), ("国家安全部门", S), ("人民银行", S)],
    ),
    (
        "category-with-行政",
        "教育行政部门要参与小区配套幼儿园规划、建设、验收、移交等各个环节的工作。",
        [("教育行政部门", S)],
    ),
    (
        "flattened-table-主要责任单位",
        "苏州市2011年政府工作任务分解表\n\n序号\n\n名称\n\n工作任务\n\n主要责任单位\n\n经济社会发展主要预期目标分解(15项)\n\n1\n\n"
        "地区生产总值\n\n地区生产总值增长12%\n\n市发改委、统计局\n\n2\n\n财政收入\n\n地方财政一般预算收入增长12%以上\n\n"
        "市财政局、国税局、地税局\n\n7\n\n外贸\n\n进出口总额增长10%\n\n市商务局、苏州海关",
        [
            ("市发改委", L),
            ("市统计局", L),
            ("市财政局", L),
            ("市国税局", L),
            ("市地税局", L),
            ("市商务局", L),
            ("苏州海关", L),
        ],
    ),
    (
        "flattened-table-责任单位-abbreviations",
        "序号\n\n2022年预期目标\n\n责任单位\n\n1\n\n地区生产总值增长5.5%左右\n\n区发展改革委\n\n3\n\n工业增加值增长7%左右\n\n"
        "区经济信息委\n\n8\n\n全体居民人均可支配收入增长6%左右\n\n区人力社保局",
        [("区发展改革委", L), ("区经济信息委", L), ("区人力社保局", L)],
    ),
    (
        "flattened-table-牵头-and-配合-columns",
        "序号\n工作任务\n牵头单位\n配合单位\n1\n联动共建科学城\n推动量子通信器件国家重点实验室落地\n区科技局\n区发展改革委、区经济信息委",
        [("区科技局", L), ("区发展改革委", S), ("区经济信息委", S)],
    ),
    (
        "pipe-table-牵头-beside-责任",
        "序号 | 重点任务 | 牵头单位 | 责任单位 |\n1 | 建设工业互联网平台 | 省经济和信息化厅 | 省财政厅、省通信管理局 |",
        [("省经济和信息化厅", L), ("省财政厅", S), ("省通信管理局", S)],
    ),
    ("label-with-a-gloss", "（责任单位（部门）：县发改局、县财政局）", [("县发改局", L), ("县财政局", L)]),
    ("a-state-company", "国网乐清市供电公司负责做好电力保障", [("国网乐清市供电公司", L)]),
    ("负责-in-parenthesis", "(市统计局负责数据提供)", [("市统计局", L)]),
    (
        "a-body-with-both-roles-is-lead",
        "(市发改局牵头,市财政局配合)。(市财政局牵头)",
        [("市发改局", L), ("市财政局", L)],
    ),
    (
        "functional-主管部门-with-a-place",
        "第八条 州数据资源主管部门应当编制政务数据资源发展规划，明确政务数据资源发展目标",
        [("州数据资源主管部门", L)],
    ),
    (
        "functional-管理部门",
        "第三十九条 市档案行政管理部门应当会同有关部门加快推进电子文件归档",
        [("市档案行政管理部门", L)],
    ),
    (
        "article-number-before-a-list",
        "第四十条 网信部门、保密部门、公安部门、通信管理部门和其他有关部门应当按照各自职责，做好政务数据安全",
        [("网信部门", L), ("保密部门", L), ("公安部门", L), ("通信管理部门", L)],
    ),
    (
        "应当-is-not-part-of-the-name",
        "第三十二条 市政务数据主管部门应当统筹建立全市政务数据安全管理制度",
        [("市政务数据主管部门", L)],
    ),
    (
        "领导小组办公室-charged",
        "梳理一批重大项目和事项形成项目库，领导小组办公室积极向省领导小组办公室报送需协调解决事项",
        [("领导小组办公室", L)],
    ),
    (
        "领导小组办公室-具体负责",
        "依托市工业强市建设领导小组，统筹协调各项工作，领导小组办公室具体负责推进方案实施。",
        [("领导小组办公室", L)],
    ),
    ("subject-of-the-last-clause", "按照远近结合的原则,梳理一批重大项目,市发改委要加强调度", [("市发改委", L)]),
    (
        "主办单位-label",
        "1.地区生产总值增长13.5%。主办单位:市发展和改革委员会、统计局。",
        [("市发展和改革委员会", L), ("市统计局", L)],
    ),
    (
        "负责部门-label",
        "（负责部门：人力资源社会保障部、住房城乡建设部、商务部；适用范围：所有自贸试验区）",
        [("人力资源社会保障部", L), ("住房城乡建设部", L), ("商务部", L)],
    ),
    (
        "责任单位-beside-牵头单位-is-support",
        "（牵头单位：省发展改革委、省工业和信息化厅，责任单位：省科技厅、省教育厅、省卫生健康委、省海洋局等）",
        [
            ("省发展改革委", L),
            ("省工业和信息化厅", L),
            ("省科技厅", S),
            ("省教育厅", S),
            ("省卫生健康委", S),
            ("省海洋局", S),
        ],
    ),
    (
        "参加单位-label",
        "（牵头单位：省医保局，参加单位：省卫生健康委、省大数据局、省药监局）",
        [("省医保局", L), ("省卫生健康委", S), ("省大数据局", S), ("省药监局", S)],
    ),
    (
        "会同-list-sharing-head-and-prefix",
        "第三十二条 市政务数据主管部门应当会同市网信、公安、保密等部门统筹建立全市政务数据安全管理工作制度和规范,建立同城和远程异地备份、应急处理机制",
        [("市政务数据主管部门", L), ("市网信部门", S), ("市公安部门", S), ("市保密部门", S)],
    ),
    (
        "会同-by-the-issuer",
        "会同组织、科技、人力资源社会保障等部门，实施数字人才培育行动",
        [("组织部门", S), ("科技部门", S), ("人力资源社会保障部门", S)],
    ),
    ("联合-one-item-sharing-the-head", "联合网络安全和信息化等部门开展数据安全检查", [("网络安全和信息化部门", S)]),
    (
        "组织-bodies-to-inspect",
        "组织监察、统计、建设等部门,7月份对上半年全市重点耗能行业节能措施落实情况进行专项检查督导",
        [("监察部门", S), ("统计部门", S), ("建设部门", S)],
    ),
    (
        "one-body-in-two-forms",
        "（责任单位：省市场监督管理局）加强标准建设。（责任单位：省市场监管局、省财政厅）",
        [("省市场监督管理局", L), ("省财政厅", L)],
    ),
    # Not units
    ("a-duty-cut-off-by-the-page", "确保完成引进200亿元招商引资指标;人事部门要会", []),
    ("经-is-a-condition", "应当由具备资质的检测机构出具检测报告，并经建设行政主管部门组织论证、审定后，方可使用。", []),
    ("组织-a-meeting", "对以市政府名义组织企业参加全国性、区域性大型展会所发生的参展费用给予适当补贴。", []),
    ("联合-universities", "支持企业联合高校院所建设新型研发机构", []),
    ("数据提供部门-is-a-role", "政务部门提出核实、比对需求的，政务数据提供部门应当予以配合。", []),
    (
        "a-past-act-in-a-later-clause",
        "推动全市经济社会发展再上新台阶,市政府组织对2010年《政府工作报告》主要目标任务进行了责任分解。",
        [],
    ),
    (
        "flattened-table-then-a-signature",
        "序号\n责任单位\n1\n市发改委\n\n苏州市人民政府\n\n二○一一年三月十七日",
        [("市发改委", L)],
    ),
    (
        "flattened-table-prose-cells",
        "序号\n\n工作任务\n\n责任单位\n\n1\n\n推动量子通信器件国家重点实验室落地\n\n2\n\n建设市民服务中心",
        [],
    ),
    ("a-contact-is-not-a-duty", "支撑单位：\n中国电子技术标准化研究院　　 何宏宏　010-64102797", []),
    ("提请-is-a-request", "对一些办理难度大、涉及面广、需提请县人民政府协调的责任事项", []),
    ("bracketed-level-list", "（责任单位：市发改委，市直有关单位，相关县〔市、区〕政府）", [("市发改委", L)]),
    ("designated-by-another-body", "县（市）人民政府确定的数据资源主管部门负责辖区内政务数据资源管理工作。", []),
    ("managing-departments-of-a-kind", "入围项目由项目及产业管理部门督促进展", []),
    ("bare-主管部门", "由行业主管部门负责审核", []),
    ("generic-county-governments", "各县（市、区）要加强对产业集聚区建设的组织领导", []),
    ("generic-city-departments", "市政府有关部门要按照本方案确定的工作要求，制定具体工作方案", []),
    ("generic-各牵头单位", "由各牵头单位制定相应产业的考核管理办法，并组织实施考核工作。", []),
    ("receives-a-report", "重大问题报市委、市政府研究决定。", []),
    ("approves", "《丽水市产业平台整合提升指导意见》已经市政府第65次常务会议审议通过", []),
    ("officials-are-persons", "成员由教育部、住房城乡建设部等部门负责同志组成", []),
    ("person-leads", "由政府分管副市长牵头、市级相关单位负责人为成员", []),
    ("enterprises-lead", "支持龙头骨干企业牵头，打造一批产业联盟。", []),
    ("a-suggestion-is-no-duty", "建议省委、省政府出台支持衢州特色产业发展充分利用低丘缓坡的优惠政策", []),
    ("quoted-slogan", "探索设立“政府参与，市场主体”的新兴产业发展基金", []),
    ("word-ending-like-a-body", "明确平台负责经济发展的职能定位，属地政府负责公共服务", []),
    ("leaders-not-bodies", "建立由市委、市政府主要领导召集的例会制度", []),
    ("district-and-city-governments", "(责任单位:市工业和信息化局,有关区、市政府)", [("市工业和信息化局", L)]),
    ("county-and-city-governments", "(责任单位:市委宣传部,各区、市政府)", [("市委宣传部", L)]),
    ("page-footer", "主办单位：乐清市人民政府办公室 承办单位：乐清市大数据中心", []),
    ("a-past-act", "近年来,市政府出台了一系列扶持政策。", []),
    ("drafting-is-past", "市发改委制定的《2015年平顶山市加快产业集聚区建设专项工作方案》已经市政府同意", []),
    # A role word or 由X whose act is reported (了) or names what someone made (发布的 榜单): no duty.
    (
        "jointly-issued-is-past",
        "近日，省工业和信息化厅和省教育厅联合下发了《关于强化产学研融合创新的通知》，现将有关通知转发给你们。",
        [],
    ),
    (
        "led-the-drafting-is-past",
        "市科技局牵头组织编制了《若干政策》，并广泛征求市直有关部门及社会意见后修订完善。",
        [],
    ),
    (
        "a-ranking-someone-published",
        "首次进入由中国电子信息行业联合会发布的中国电子信息企业百强榜单或由中国互联网协会、"
        "工业和信息化部信息中心联合发布的中国互联网企业百强榜单的企业。",
        [],
    ),
    ("leading-a-mechanism-still-charges", "建立由市发改委牵头的联席会议制度", [("市发改委", L)]),
]


@pytest.mark.parametrize("phrase, expected", [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_extract_units(phrase, expected):
    assert [(u.name, u.role) for u in extract_units(clean_text(phrase))] == expected


def test_collect_units_unions_the_text_and_the_tasks_lead_winning():
    text = "由市统计局牵头,各产业专项行动工作组积极配合。(市财政局配合)"
    task = Task(path="1", title="t", text="x", units=(UnitRef("市财政局", LEAD), UnitRef("市国土资源局", SUPPORT)))
    assert collect_units(text, (task,)) == (
        UnitRef("市统计局", LEAD),
        UnitRef("市财政局", LEAD),
        UnitRef("市国土资源局", SUPPORT),
    )


def test_a_megabyte_line_is_read_quickly():
    # No catastrophic backtracking on a long single-line body: a timing bound would be flaky, so this
    # only has to finish; the benchmarks measure speed.
    text = ("市发改局、市经信局、市财政局要加强协调,由市统计局牵头" + "产业集聚区" * 30) * 4000
    assert extract_units(text)[0] == UnitRef("市发改局", LEAD)


def test_a_long_flattened_table_is_read_quickly():
    # Header lines repeated all the way down once made each row re-read every header before it; this only has
    # to finish (the benchmarks measure speed).
    text = "责任单位\n市发改委、统计局\n" * 20000
    assert extract_units(text) == (UnitRef("市发改委", LEAD), UnitRef("市统计局", LEAD))


# _subject_matches tries the subject pattern only in sentences that can hold a match: it must find what the
# pattern finds over the whole passage, sentence ends, look-behinds and look-aheads at the windows' edges included.
_SUBJECT_TEXT = st.text(
    alphabet=list("市发改局财政委员会办公室要负责牵头推进作为责任单位了的。;；,、:\n 第一条研究决定"), max_size=120
)


def _subject_spans(matches):
    return [(match.start(), match.end(), match.start("list"), match["list"]) for match in matches]


@settings(max_examples=400, deadline=None)
@given(_SUBJECT_TEXT)
def test_subjects_are_found_sentence_by_sentence_as_in_the_whole_passage(text):
    assert _subject_spans(_subject_matches(text)) == _subject_spans(_SUBJECT.finditer(text))


def test_subjects_sentence_by_sentence_on_the_samples():
    for path in sorted((Path(__file__).resolve().parents[2] / "fixtures" / "notices").iterdir()):
        text = clean_text(path.read_text(encoding="utf-8"))
        found = _subject_spans(_subject_matches(text))
        assert found == _subject_spans(_SUBJECT.finditer(text)) and found
