"""Names of government bodies: how a body's name is built, and how a list of them is read.

A body is recognised by its structure: an optional administrative prefix (省, 市, 县, 区, a named place, 国家),
a function (发展改革, 经信, 数据资源主管 …) and a body word (局, 委, 办, 厅, 部门, 领导小组, 集团 …), or one of the
short names officials use (市发改委, 区经信局, 建委). A list shares what its first item spells out: an elided
place prefix (市发改委、统计局 → 市统计局) and a head noun (发改、工信、商务部门 → 发改部门 …). Generic collectives
(各县(市、区)人民政府, 有关部门, 主管部门) and persons are no body. units.py reads where a duty is assigned.
"""

from __future__ import annotations

import re

from .gazetteer import candidates, find_mentions

# How an organisation's name ends. Places (区, 县, 片区) are not bodies; their 人民政府 or 管委会 is.
SUFFIX = (
    r"(?:委员会|办公室|办公厅|领导小组|工作小组|小组|工作专班|专班|工作组|联席会议|管委会|管理委员会|人民政府|政府|"
    r"部门|机关|总局|分局|支局|局|委|厅|办|部|署|处|科|司|室|中心|集团|公司|银行|分行|支行|社|电视台|广播电台|院|研究所|事务所|派出所|站|"
    r"联合会|总工会|工会|协会|商会|学会|会|妇联|残联|科协|侨联|文联|工商联|团委|党委|党组|海关|法院|检察院|学校|大学|学院|馆)"
)
_ORG_END = re.compile(SUFFIX + r"$")
_ANY_SUFFIX = re.compile(
    r"[局委厅办部署处科司室组班议会府门关心团司行社台院所站馆校学财发经工商统税人国规环住交水农科教公审]"
)
# Words that end like a body but are none: 布局, 格局, 部署, 干部.
FALSE_END = re.compile(
    r"(?:布局|格局|变局|大局|全局|开局|结局|部署|局部|内部|外部|全部|干部|东部|西部|中部|南部|北部|社会|机会|大会|年会|峰会|博览会|交流会|推介会|洽谈会|"
    r"座谈会|展销会|运动会|会议会|委托|局面|部分|所有|院落|室内|跨部门|跨区域部门|可办|举办|拒绝办|或办|民办|承办|"
    r"开办|创办|兴办|代办|督办|申办|^政府办|会同|会议|会商|会签|会审|"
    r"(?:展|现场|推进|调度|培训|研讨|发布|说明|对接|见面|动员|总结|表彰|观摩|汇报|报告|协调|例|专题|招聘|订货)会)$"
)
# 科, 处 are sections of a body named before them (市发改局产业科), never a body alone (高校结合自身优势学科).
_SECTION = re.compile(r"(?:局|委|办|厅|部|院|中心).{1,8}[科处]$|[^科处]$")
# A duty or a verb inside an item: the list ran past the name (北京市经济和信息化局会同数据专区监管部门).
_INNER_VERB = re.compile(
    r"的|关于|授权|指定|依法|办理|统一|自(?!治|然|贸|由|主|愿)|会同|联合(?!会)|负责|牵头|配合|协助|参与|进行|通过|自行|另行|径行|反馈|直接|应当|可以|覆盖|所有|委托|成立|报(?!社|刊)|发送|抄送|受理"
)
# An item's outline marker or article number: 第五条国家能源局, 9.鼓励…, (3)由….
_MARKER = re.compile(
    r"^(?:.{0,60}?第[一二三四五六七八九十百零〇\d]+条|\d{1,3}[.、.]|[一二三四五六七八九十]{1,3}、|[((][一二三四五六七八九十\d]{1,3}[))])\s*(?:本(?:办法|意见|方案|细则|规定)由?)?"
)
# Where a name said in running text may start: a place (gazetteer), a level (省, 国家), or a ministry.
_BODY_START = re.compile(
    r"^(?:[省市县州]|区(?!域)|国家|国网|国务院|中央|中共|中国|全国|自治区|人民银行|人行|"
    r"(?:工业和信息化|商务|财政|教育|科技|公安|民政|司法|人力资源(?:和)?社会保障|自然资源|生态环境|住房(?:和)?城乡建设|"
    r"交通运输|水利|农业农村|文化和旅游|应急管理|退役军人事务|外交|审计|海关|发展改革|卫生健康|市场监管|税务|统计|"
    r"发改|经信|工信|人社|国土|规划|环保|住建|交通|农业|商务|金融|网信|"
    # Officials' short names for a bureau, written without its place once the notice's level is plain: 外经贸局, 建委.
    r"外经贸|外经|外贸|经贸|[建经计科教农民侨]委|建设|人事|劳动|物价|粮食|旅游|文化|体育|卫生|林业|国资|安监|质监|药监|工商|"
    r"国税|地税|城管|房管|招商|投促|口岸|地震|气象|档案|保密|监察|纪委|组织部|宣传部|统战部|编办|外办|侨办|台办)"
    r")"
)
# Short forms that stand for a bureau: 市财政 (市财政局), 县发改.
_SHORT_FORM = re.compile(
    r"^(?:[省市县区州])(?:财政|发改|经信|工信|商务|统计|税务|人社|国土|规划|环保|住建|交通|水利|农业|科技|教育|公安|审计)$"
)
# Generic collectives and persons (各县(市、区)人民政府, 市级各有关部门, 分管市领导, 单位领导).
GENERIC = re.compile(
    r"各|有关|相关|其他|其它|其余|所属|属地|所在地|当地|每个|等|全市|全省|全县|全区|全国|本级|同级|上级|下级|基层|"
    r"领导(?!小组|机构)|市长|书记|主任|局长|厅长|部长|负责人|干部|同志|专家|个人|企业$|^(?:部门|单位|政府|人民政府|机关|"
    r"园区管委会|开发区管委会|乡镇政府|乡镇人民政府|街道办事处|行业协会|行业主管部门|主管部门|职能部门|管理部门|"
    r"行政部门|监管部门|业务部门|成员单位|牵头单位|责任单位|配合单位|参与单位|牵头部门|责任部门|配合部门|联系单位|"
    r"工作专班|专项行动工作组|工作组|办公室|政府部门|项目单位|实施单位|申报单位|承担单位|高校|银行|金融机构)$"
    r"|(?:成员|牵头|责任|配合|参与|联系|项目|申报|承担)单位$|^(?:区县|县区|县市|市县|市区|城市|乡镇|镇街|城区)|工作部门$|^[省市县区州]?(?:行业|业务|行政|有关)?(?:主管|职能|管理)部门$|级|^地方|以上|^城市人民政府$|^有权机关$|"
    r"^(?:政务|(?:政务)?数据提供|(?:政务)?数据使用|数源|共享|企业|业务|行政|监管|执法|项目|产业|行业|(?:项目|产业|行业)及(?:项目|产业|行业)|多|[一二三四五六七八九十两]+)(?:主管|管理|行政)?部门$|^(?:有限|运营)?公司$|"
    r"^办公室$|[((〔]市、区[))〕]|[((〔]区、市[))〕]"
)
_CHARGED_BY = re.compile(r"(?<![自理缘经申邀提报])(?:由|请|责成)(?![于此])")
# Words that open a clause but not a name: 建议省委、省政府出台…, 探索设立“政府参与…”.
_VERB_START = re.compile(
    r"^(?:并|经|大力|全面|切实|进一步|今年|明年|当年|同时|此外|其中|目前|建议|支持|鼓励|推动|引导|要求|督促|指导|协调|积极|加强|加快|建立|成立|组建|明确|确定|依托|发挥|"
    r"推进|完善|实行|实施|落实|争取|组织(?!部)|探索|提请|设立|形成|调动|通过|围绕|按照|根据|结合|实现|坚持|强化|"
    r"做好|开展|利用|提升|会同|经|报|送|向|与|同|巩固|要|满足|推行|近年来|跨|起草|注册|确定|依法|充分|者|或|的|了"
    r"|(?:建设|打造|培育|引进|创建|构建|新建|改造|筹建|争创|扩建|升级|提高|扩大|新增|优化|深化|拓展|培训)"
    r"(?![局委厅部办]|部门|银行))"
)
# A list item that itself joins two full names: 常德电视台和常德日报社 (but not 市劳动和社会保障局).
_JOINED = re.compile(r"^(?P<a>.{2,30}?" + SUFFIX + r")(?:和|及|与|以及)(?P<b>.{2,30}" + SUFFIX + r")$")
_ADMIN_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?(?:省|市|县|州|盟|旗)|区)(?![省市县场])(?=[\u4e00-\u9fff]{2})")
_SUB_UNIT = re.compile(
    r"^(?P<parent>.{2,40}?(?:部|局|委|厅|领导小组|委员会))(?P<sub>[^部局委厅]{2,20}?(?:司|处|科|办公室|室))$"
)


def split_units(segment: str, *, strict: bool, anchor: str | None = None) -> list[str]:
    """A list of bodies as names, shared head nouns and elided prefixes restored; [] when it is not a list of bodies.

    >>> split_units("发改、工信、商务部门", strict=True)
    ['发改部门', '工信部门', '商务部门']
    >>> split_units("市发改委、统计局", strict=True)
    ['市发改委', '市统计局']
    >>> split_units("支持龙头骨干企业", strict=True)
    []
    """
    if not _ANY_SUFFIX.search(segment):
        return []  # cheap: most text before a role word names no body at all
    segment = _MARKER.sub("", segment.strip())
    # 评价机构由工程指导协调小组负责, 第四条由青岛市工业和信息化局会同…: the body is what follows 由.
    segment = _CHARGED_BY.split(segment)[-1].strip("、,和及与")
    if not segment or len(segment) > 200:
        return []
    items = [item for piece in _pieces(segment) for item in _unjoin(piece) if item]
    if not items:
        return []
    shared = re.search(r"等(?:有关|相关|其他)?(部门)$", segment)  # 民政、公安、人民银行等部门: 部门 is each one's
    items = _share_head(items, shared.group(1) if shared else None)
    items = _restore_prefix([anchor, *items])[1:] if anchor else _restore_prefix(items)
    if any(_VERB_START.match(item) or _INNER_VERB.search(item) or item.count("“") != item.count("”") for item in items):
        return []  # 建议省委、省政府…, 探索设立“政府参与…: words before a name, or a name cut in a quotation
    if strict and not all(is_org(item) or GENERIC.search(item) for item in items):
        return []  # 调动各方参与, 支持龙头骨干企业牵头: not a list of bodies
    return [item for item in items if is_org(item) and not GENERIC.search(item)]


_COLLECTIVE_TAIL = re.compile(
    r"(?<=[\u4e00-\u9fff]{2})(?:等(?:有关|相关|其他)?(?:部门|单位|机构)|(?:及|和|与|以及)(?:各|有关|相关|其他|其|所属)[\u4e00-\u9fff]{1,12})"
    r"(?:及(?:各|有关|相关)[\u4e00-\u9fff]{1,8})?$"
)


def _pieces(segment: str) -> list[str]:
    """Items split on 、 and ,; a space separates two names (市发改局 市经信局)
    but not a wrapped one (项目及 产业管理部门)."""
    pieces = []
    for piece in re.split(r"[、,，]", segment):
        words = piece.split()
        if len(words) > 1 and all(is_org(w) for w in words):
            pieces.extend(words)
        else:
            pieces.append("".join(words))
    return pieces


def _unjoin(piece: str) -> list[str]:
    piece = re.sub(r"^(?:或|和|及|与|以及)", "", piece)
    # 公安部等相关部门, 交通运输部及各地区: the named body stays, the collective after it goes.
    piece = _COLLECTIVE_TAIL.sub("", piece)
    joined = _JOINED.match(piece)
    if joined and not _JOINED.match(joined["b"]) and _ORG_END.search(joined["a"]):
        return [joined["a"], joined["b"]]
    return (
        [re.sub(r"^(?:或)", "", part) for part in re.split(r"或(?=[\u4e00-\u9fff]{2})", piece)]
        if "或" in piece
        else [piece]
    )


def _share_head(items: list[str], shared: str | None = None) -> list[str]:
    """发改、工信、商务部门 → 发改部门, 工信部门, 商务部门: bare stems take the last item's head noun."""
    head = re.search(r"(部门|局|委|厅|办)$", shared or items[-1])
    if not head or len(items) < 2 and not shared:
        return items
    levels = (
        "省",
        "市",
        "县",
        "区",
        "自治区",
        "中央",
        "国家",
        "地方",
        "直辖市",
        "乡镇",
        "街道",
        "省级",
        "市级",
        "县级",
    )
    longest = 8 if shared else 4  # 人力资源社会保障、…等部门: the 等 makes the shared head certain
    stems = [not _ORG_END.search(item) and 2 <= len(item) <= longest and item not in levels for item in items]
    # 市网信、公安、保密等部门: the first stem's place prefix is the others' too.
    prefix = _ADMIN_PREFIX.match(items[0]) if stems[0] and len(items[0]) <= 5 else None
    place = (
        prefix.group()
        if prefix and not _BODY_START.match(items[0][len(prefix.group()) :]) or prefix and len(prefix.group()) == 1
        else ""
    )
    return [
        (place if stem and i and not _ADMIN_PREFIX.match(item) else "") + item + head.group(1) if stem else item
        for i, (item, stem) in enumerate(zip(items, stems, strict=False))
    ]


def _restore_prefix(items: list[str]) -> list[str]:
    """市发改委、统计局 → 市统计局; 交通运输部运输服务司、科技司 → 交通运输部科技司."""
    restored = [items[0]]
    for item in items[1:]:
        anchor = restored[-1]
        sub = _SUB_UNIT.match(anchor)
        if sub and re.search(r"(司|处|科|办公室|室)$", item) and not item.startswith(sub["parent"][:2]):
            restored.append(sub["parent"] + item)
            continue
        prefix = _ADMIN_PREFIX.match(anchor)
        if prefix and _elided(item):
            restored.append(prefix.group() + item)
        else:
            restored.append(item)
    return restored


def _elided(item: str) -> bool:
    """Whether a list item dropped its place prefix: 统计局 after 市发改委 (not 山东银保监局, 中铁济南局, 海关).

    >>> _elided("统计局"), _elided("山东银保监局")
    (True, False)
    """
    if len(item) > 9 or not re.search(r"(局|委|厅|办)$", item) or re.search(r"[省市县区州]", item[:4]):
        return False
    return not item.startswith(("国家", "中央", "中国", "国务院", "人民银行", "人行", "全国")) and not find_mentions(
        item
    )


# Two-character short names of bureaus (建委 = 建设委员会); 党委, 常委, 政委 are no body charged with work.
_SHORT_BODY = re.compile(r"[建经计科教农民侨商]委|[外侨台]办")


def is_org(name: str) -> bool:
    if _SHORT_BODY.fullmatch(name):
        return True
    if not 3 <= len(name) <= 40 or FALSE_END.search(name) or name[0] in "我本其该此受":
        return False
    return bool(_ORG_END.search(name) and _SECTION.search(name) or _SHORT_FORM.match(name))


# A body set up for the work, named in full or by its type alone once the notice has set it up (领导小组办公室).
_STANDING_BODY = re.compile(r"(?:领导小组|指挥部|工作专班|联席会议)(?:办公室)?$")


def named_start(name: str) -> bool:
    """Whether a clause-opening name is a body's own name: 统计部门, 衢州市政府, 工业和信息化部, not 充分利用省….

    >>> named_start("衢州市政府"), named_start("充分利用省推进小组")
    (True, False)
    """
    if _BODY_START.match(name) or re.fullmatch(r"[\u4e00-\u9fff]{2,8}部门", name) or _STANDING_BODY.search(name):
        return True
    return any(candidates(name[:k]) for k in range(2, min(7, len(name))))


# Short forms of department names and their full forms, so 市发改委 and 市发展改革委 file under one name.
# Only whole trailing names are expanded, after the place prefix: 市发改局 → 市发展和改革局, never inside a word.
_FULL_FORMS = {
    "发改委": "发展和改革委员会",
    "发展改革委": "发展和改革委员会",
    "发改局": "发展和改革局",
    "发展改革局": "发展和改革局",
    "经信委": "经济和信息化委员会",
    "经信局": "经济和信息化局",
    "经信厅": "经济和信息化厅",
    "工信局": "工业和信息化局",
    "工信厅": "工业和信息化厅",
    "工信部": "工业和信息化部",
    "人社局": "人力资源和社会保障局",
    "人力资源社会保障局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅",
    "人力资源社会保障厅": "人力资源和社会保障厅",
    "住建局": "住房和城乡建设局",
    "住房城乡建设局": "住房和城乡建设局",
    "住建厅": "住房和城乡建设厅",
    "住房城乡建设厅": "住房和城乡建设厅",
    "住房城乡建设部": "住房和城乡建设部",
    "市场监管局": "市场监督管理局",
    "市场监管总局": "市场监督管理总局",
    "卫健委": "卫生健康委员会",
    "卫生健康委": "卫生健康委员会",
    "国资委": "国有资产监督管理委员会",
    "文旅局": "文化和旅游局",
    "文化旅游厅": "文化和旅游厅",
    "医保局": "医疗保障局",
    "应急局": "应急管理局",
    "投促局": "投资促进局",
    "金融办": "金融工作办公室",
    "政府办": "人民政府办公室",
}
_FULL_FORM_END = re.compile("(?:" + "|".join(sorted(_FULL_FORMS, key=len, reverse=True)) + ")$")


def normalize_unit_name(name: str) -> str:
    """One name for the forms a body is written in (the model's normalized_name); `name` keeps the text's form.

    >>> normalize_unit_name("市发改委"), normalize_unit_name("省发展改革委"), normalize_unit_name("市市场监管局")
    ('市发展和改革委员会', '省发展和改革委员会', '市市场监督管理局')
    >>> normalize_unit_name("市政府"), normalize_unit_name("常德电视台")
    ('市人民政府', '常德电视台')
    """
    name = re.sub(r"\s+", "", name)
    if re.fullmatch(r"(?:[\u4e00-\u9fff]{0,6}?[省市县区州]|国务院)?政府", name) and not name.endswith("人民政府"):
        return name[:-2] + "人民政府"
    short = _FULL_FORM_END.search(name)
    if not short:
        return name
    prefix = name[: short.start()]
    # 市场监管局 after 市 is the whole short form; a longer stem ending in one (国家市场监管总局) keeps its start.
    return prefix + _FULL_FORMS[short.group()]
