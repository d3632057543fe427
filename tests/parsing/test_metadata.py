"""Metadata: 文号, titles, issuer, place and dates, on the page shapes real notices come in."""

from __future__ import annotations

from datetime import date

import pytest

from documents.parsing.clean import clean_text
from documents.parsing.metadata import extract_metadata, parse_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("二○一○年五月六日", date(2010, 5, 6)),
        ("二OO八年一月十五日", date(2008, 1, 15)),
        ("二〇一六年十二月三十一日", date(2016, 12, 31)),
        ("发布时间: 2013.08.15", date(2013, 8, 15)),
        ("成文日期 | 2020-08-27 |", date(2020, 8, 27)),
        ("2015年4月24日", date(2015, 4, 24)),
        ("2015年2月30日", None),
    ],
    ids=["cn-circle-zero", "cn-letter-o", "cn-tens", "dotted", "iso", "arabic", "impossible"],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


WENZHOU = """首页 > 政务公开 > 政策文件
温州市人民政府办公室关于印发温州市工业企业技术改造三年行动计划(2018—2020年)的通知
发布日期:2018-05-10 来源:市府办 浏览次数:1234
温政办〔2018〕45号
各县(市、区)人民政府,市政府直属各单位:
《温州市工业企业技术改造三年行动计划(2018—2020年)》已经市政府同意,现印发给你们,请认真贯彻执行。
温州市人民政府办公室
2018年5月8日
温州市工业企业技术改造三年行动计划(2018—2020年)
为加快推进工业企业技术改造,制定本计划。"""
RUIAN = """瑞安市人民政府关于加快推进产业集群转型升级的若干意见
瑞政发[2016]12号
各乡镇人民政府、街道办事处,市政府各部门:
为加快产业集群转型升级,现提出如下意见:
瑞安市人民政府
二〇一六年三月一日"""
LISHUI_TABLE = """索引号 | 113325000026455663/2020-14921 | 文号 | 丽政办发〔2020〕55号 |
组配分类 | 市政府文件 | 发布机构 | 市府办 |
成文日期 | 2020-08-27 | 公开方式 | 主动公开 |
各县(市、区)人民政府,市政府直属各单位:
《丽水市产业平台整合提升指导意见》已经市政府第65次常务会议审议通过,现印发给你们,请认真遵照执行。
(此件公开发布)
丽水市产业平台整合提升指导意见"""
TRADITIONAL = """廣州市人民政府辦公廳關於印發廣州市加快發展現代服務業實施方案的通知
穗府辦〔2013〕5號
各區、縣級市人民政府,市政府各部門:
現將《廣州市加快發展現代服務業實施方案》印發給你們。
廣州市人民政府辦公廳
2013年1月20日"""
DISTRICT = """杭州市余杭区人民政府办公室关于印发余杭区数字经济发展三年行动计划(2019—2021年)的通知
余政办〔2019〕30号
杭州市余杭区人民政府办公室
2019年6月3日"""
NATIONAL = """国务院办公厅关于推广第二批
支持创新相关改革举措的通知
国办发〔2018〕126号
各省、自治区、直辖市人民政府,国务院各部委、各直属机构:
按照党中央、国务院决策部署,京津冀、上海、广东(珠三角)、湖北武汉、陕西西安等8个区域在知识产权保护方面先行先试。
国务院办公厅
2018年12月23日"""
EXCERPT = """加快培育产业集群。全市规模以上工业增加值增长8%。赣州经济技术开发区要发挥引领作用,赣州高新区加快建设。
到2020年,赣州市主导产业集群产值突破千亿元。(责任单位:市工信局)"""
LABELLED = """【规范性文件】宁波市人民政府关于加快发展战略性新兴产业的意见(征求意见稿)
甬政发【2011】 101号
2011年10月10日"""

META_CASES = [
    (
        WENZHOU,
        dict(
            title="温州市工业企业技术改造三年行动计划(2018—2020年)",
            doc_number="温政办〔2018〕45号",
            issuer="温州市人民政府办公室",
            province="浙江省",
            city="温州市",
            county=None,
            issue_date=date(2018, 5, 8),
            publication_date=date(2018, 5, 10),
        ),
    ),
    (
        RUIAN,
        dict(
            title="瑞安市人民政府关于加快推进产业集群转型升级的若干意见",
            notice_title=None,
            doc_number="瑞政发〔2016〕12号",
            issuer="瑞安市人民政府",
            county="瑞安市",
            city="温州市",
            issue_date=date(2016, 3, 1),
        ),
    ),
    (
        LISHUI_TABLE,
        dict(
            title="丽水市产业平台整合提升指导意见",
            doc_number="丽政办发〔2020〕55号",
            city="丽水市",
            issuer="丽水市人民政府办公室",
            issue_date=date(2020, 8, 27),
        ),
    ),
    (
        TRADITIONAL,
        dict(
            title="广州市加快发展现代服务业实施方案",
            doc_number="穗府办〔2013〕5号",
            province="广东省",
            city="广州市",
            issuer="广州市人民政府办公厅",
            issue_date=date(2013, 1, 20),
        ),
    ),
    (
        DISTRICT,
        dict(title="余杭区数字经济发展三年行动计划(2019—2021年)", province="浙江省", city="杭州市", county="余杭区"),
    ),
    (
        NATIONAL,
        dict(
            notice_title=None,
            title="国务院办公厅关于推广第二批支持创新相关改革举措的通知",
            province=None,
            city=None,
            county=None,
            doc_number="国办发〔2018〕126号",
            issuer="国务院办公厅",
        ),
    ),
    (EXCERPT, dict(title=None, doc_number=None, issuer=None, province="江西省", city="赣州市", issue_date=None)),
    (
        LABELLED,
        dict(title="宁波市人民政府关于加快发展战略性新兴产业的意见", city="宁波市", issue_date=date(2011, 10, 10)),
    ),
]


@pytest.mark.parametrize(
    "text, expected",
    META_CASES,
    ids=[
        "web-page-with-notice-title",
        "direct-opinion-cn-date",
        "metadata-table-unsigned-date",
        "traditional-page",
        "district",
        "national-wrapped-title",
        "cut-off-excerpt",
        "labels-dropped",
    ],
)
def test_extract_metadata(text, expected):
    meta = extract_metadata(clean_text(text))
    assert {key: getattr(meta, key) for key in expected} == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("关于加快产业集群发展的意见\n2015-04-10\n正文。\n常德市人民政府\n2015年4月8日", date(2015, 4, 8)),
        ("正文。\n平顶山市人民政府办公室 2015年4月24日", date(2015, 4, 24)),
        ("正文。\n(市发改委2015年4月15日)\n正文。", None),
        ("正文。\n抄送:市委办公室。\n平顶山市人民政府办公室 2015年4月28日印发", date(2015, 4, 28)),
        (
            "鲁政办发[2015]4号各市人民政府:省科技厅《关于加快推动创新型产业集群发展的意见》已经省政府同意,现转发给你们,"
            "请认真贯彻执行。山东省人民政府办公厅2015年1月23日关于加快推动创新型产业集群发展的意见省科技厅为加大创新驱动发展战略实施力度。",
            date(2015, 1, 23),
        ),
        (
            "文号 | 平政办〔2015〕26号 |\n《方案》已经市政府同意,现转发给你们。\n2015年4月24日\n方案\n市发改委\n2015年4月15日",
            date(2015, 4, 24),
        ),
    ],
    ids=[
        "page-date-then-signature",
        "signature-on-one-line",
        "drafting-note-is-not-a-signature",
        "printed-on",
        "signature-inside-a-flattened-page",
        "unsigned-covering-date-before-the-plan's-own",
    ],
)
def test_issue_date(text, expected):
    assert extract_metadata(clean_text(text)).issue_date == expected


@pytest.mark.parametrize(
    "text, field, expected",
    [
        (
            "索引号 | 0001/2015 | 标 题 | 关于印发平顶山市工业转型升级方案的通知 |\n正文",
            "title",
            "平顶山市工业转型升级方案",
        ),
        ("平政办?2015?26号\n正文", "doc_number", "平政办〔2015〕26号"),
        ("市政府办公室关于印发平顶山市招商引资工作方案的通知\n正文", "issuer", "平顶山市人民政府办公室"),
        ("济 南 市 公 安 局\n2021年3月1日", "issuer", "济南市公安局"),
        (
            "天津市人民政府办公厅印发关于促进我市开发区改革和创新发展实施方案的通知\n津政办函〔2017〕103号\n"
            "经市人民政府同意,现将《关于促进我市开发区改革和创新发展的实施方案》印发给你们,请照此执行。",
            "title",
            "关于促进我市开发区改革和创新发展的实施方案",
        ),
        (
            "成都市发展和改革委员会 成都市规划和自然资源局 关于印发成都市社区服务设施建设工程实施方案的通知\n正文",
            "issuer",
            "成都市发展和改革委员会、成都市规划和自然资源局",
        ),
        (
            "关于促进工业经济平稳增长的意见\n……《中国制造2025》发布,各地加快推进。",
            "title",
            "关于促进工业经济平稳增长的意见",
        ),
        (
            "广东省人民政府办公厅关于印发广东省\n进一步加大力度支持民间投资发展\n实施方案的通知\n粤府办〔2023〕5号",
            "notice_title",
            "广东省人民政府办公厅关于印发广东省进一步加大力度支持民间投资发展实施方案的通知",
        ),
        (
            "关于下达2015年重点项目建设计划的通知\n现将计划下达给你们。\n附件:2015年平顶山市重点项目建设计划表\n平顶山市人民政府\n2015年3月1日",
            "title",
            "2015年平顶山市重点项目建设计划表",
        ),
        ("平顶山市人民政府\n政务公开\n加快发展。", "title", None),
        (
            "Interim Provisions\n移动智能终端应用软件预置\n和分发管理暂行规定\n第一条 为规范管理,制定本规定。",
            "title",
            "移动智能终端应用软件预置和分发管理暂行规定",
        ),
        (
            "国务院办公厅关于印发国家组织药品集中采购和使用试点方案的通知\n《国家组织药品集中采购和使用试点方案》(以下简称《方案》)"
            "已经国务院同意,现印发给你们。",
            "title",
            "国家组织药品集中采购和使用试点方案",
        ),
        ("为深入贯彻落实党中央、国务院关于加快发展人工智能的部署,现提出如下意见。", "issuer", None),
        ("关于加快产业集群发展的意见_常德市人民政府门户网站\n正文", "title", "关于加快产业集群发展的意见"),
    ],
    ids=[
        "title-in-metadata-table",
        "question-marks-for-brackets",
        "abbreviated-issuer-expanded",
        "letter-spaced-signer",
        "transmitted-name-as-quoted",
        "joint-issuers-in-title",
        "quoted-name-in-preamble-is-not-transmitted",
        "title-wrapped-over-three-lines",
        "attachment-named-instrument",
        "site-name-is-not-a-title",
        "title-wrapped-before-its-end",
        "short-name-after-full-name",
        "preamble-is-not-an-issuer",
        "site-name-after-the-title",
    ],
)
def test_metadata_field(text, field, expected):
    assert getattr(extract_metadata(clean_text(text)), field) == expected


# Real page excerpts: titles as the genre writes them, and the 直辖市.
@pytest.mark.parametrize(
    "text, field, expected",
    [
        (
            "津南区人民政府办公室关于印发《津南区加快智能工业发展的实施意见》《津南区加快智能工业发展的若干政策》"
            "《津南区工业园区基础设施建设补贴资金管理办法》的通知\n津南政办发〔2018〕6号",
            "title",
            "津南区加快智能工业发展的实施意见",
        ),
        (
            "乐山市人民政府办公室关于印发《〈政府工作报告〉重点工作任务分工方案》《统筹做好新冠肺炎疫情防控和经济社会发展相关工作"
            "责任分工方案》的通知\n(乐府办函〔2020〕8号)",
            "title",
            "《政府工作报告》重点工作任务分工方案",
        ),
        (
            "各县(市、区)人民政府:\n《九江市支持大南昌都市圈发展的行动方案》已经市政府研究同意,现印发给你们,请认真贯彻执行。\n"
            "2019年6月19日\n九江市支持大南昌都市圈发展行动方案\n为深度融入大南昌都市圈,制定本方案。",
            "title",
            "九江市支持大南昌都市圈发展行动方案",
        ),
        (
            "苏州市人民政府关于下达2011年政府工作任务的通知\n(苏府〔2011〕57号)\n各市、区人民政府:\n现下达给你们。\n"
            "苏州市人民政府\n二○一一年三月十七日\n苏州市2011年政府工作任务分解表\n序号\n名称",
            "title",
            "苏州市2011年政府工作任务分解表",
        ),
        (
            "乳山市人民政府办公室\n\n关于加快5G网络建设推动5G产业发展的实施意见\n\n乳政办字〔2020〕30号\n各镇人民政府:",
            "title",
            "乳山市人民政府办公室关于加快5G网络建设推动5G产业发展的实施意见",
        ),
        (
            "浏览次数:285 发布时间:2021-05-27 08:39:11\n中共杭州市委 杭州市人民政府\n关于加快建设“未来工厂”的若干意见\n"
            "为认真贯彻落实全省数字化改革的部署要求,特提出如下意见。",
            "title",
            "中共杭州市委 杭州市人民政府关于加快建设“未来工厂”的若干意见",
        ),
        (
            "名称: 泾县人民政府关于分解落实政府工作报告目标任务的通知 文号: 泾政〔2023〕1号\n发布日期: 2023-01-30 08:56\n"
            "泾县人民政府关于分解落实政府工作报告目标任务的通知",
            "title",
            "泾县人民政府关于分解落实政府工作报告目标任务的通知",
        ),
        ("重庆市沙坪坝区人民政府办公室关于印发沙坪坝区促进消费实施方案的通知\n各街道办事处:", "city", "重庆市"),
        ("虹口区人民政府办公室关于印发虹口区城市数字化转型重点工作计划的通知\n上海市虹口区", "city", "上海市"),
    ],
    ids=[
        "several-transmitted-first",
        "nested-quotes",
        "own-heading-over-covering-sentence",
        "transmitted-table-heading",
        "issuer-line-above-title",
        "joint-issuers-line-above-title",
        "labelled-title-with-more-fields",
        "municipality-district-chongqing",
        "municipality-district-shanghai",
    ],
)
def test_metadata_in_other_wordings(text, field, expected):
    assert getattr(extract_metadata(clean_text(text)), field) == expected


FLAT = (
    "今天是: 您的位置: 首页 >党务公开>详细内容 关于大力培育发展产业集群的意见 发布时间:2008-09-24 信息来源:市委办公室 "
    "中共常德市委文件 常发〔2007〕4号 当前,产业集群化已成为世界产业发展的总体趋势。根据《关于加快推进新型工业化的意见》"
    "(湘发〔2006〕7号)精神,现提出如下意见。 2007年3月1日 一、培育发展产业集群的指导思想 以科学发展观为指导,"
    + "加快产业集聚,提升产业集群竞争力。"
    * 30
)


def test_page_flattened_to_one_line():
    meta = extract_metadata(clean_text(FLAT))
    assert (meta.title, meta.doc_number, meta.city, meta.issue_date) == (
        "关于大力培育发展产业集群的意见",
        "常发〔2007〕4号",
        "常德市",
        date(2007, 3, 1),
    )
