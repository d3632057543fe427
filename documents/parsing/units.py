"""Responsible units (责任单位) and their roles.

Notices name who delivers a task in a few set ways: a parenthesis after the task
(`(市发改局牵头,市财政局配合)`), a label (`责任单位:省经济和信息化厅、省财政厅`, or a table column
`牵头单位`), a 由 clause (`由市统计局牵头`), or a named body as the subject of a duty
(`统计部门要做好…`, `市产业集聚区发展联席会议办公室按季度…通报`). What is *not* a unit is as important:
generic collectives (各县(市、区)人民政府, 市政府有关部门, 各牵头单位), persons (分管副市长), and bodies
that only receive reports or approve (报市政府, 经市政府同意) — none of those sit where a duty is assigned.
"""
from __future__ import annotations

import re

from .gazetteer import candidates, find_mentions
from .types import LEAD, SUPPORT, Task, UnitRef

# How an organisation's name ends. Places (区, 县, 片区) are not bodies; their 人民政府 or 管委会 is.
_SUFFIX = (
    r"(?:委员会|办公室|办公厅|领导小组|工作小组|小组|工作专班|专班|工作组|联席会议|管委会|管理委员会|人民政府|政府|"
    r"部门|机关|总局|分局|支局|局|委|厅|办|部|署|处|科|司|室|中心|集团|公司|银行|分行|支行|社|电视台|广播电台|院|研究所|事务所|派出所|站|"
    r"联合会|总工会|工会|协会|商会|学会|会|妇联|残联|科协|侨联|文联|工商联|团委|党委|党组|海关|法院|检察院|学校|大学|学院|馆)"
)
_ORG_END = re.compile(_SUFFIX + r"$")
_ANY_SUFFIX = re.compile(r"[局委厅办部署处科司室组班议会府门关心团司行社台院所站馆校学财发经工商统税人国规环住交水农科教公审]")
# Words that end like a body but are none: 布局, 格局, 部署, 干部.
_FALSE_END = re.compile(r"(?:布局|格局|变局|大局|全局|开局|结局|部署|局部|内部|外部|全部|干部|东部|西部|中部|南部|北部|社会|机会|大会|年会|峰会|博览会|交流会|推介会|洽谈会|"
                        r"座谈会|展销会|运动会|会议会|委托|局面|部分|所有|院落|室内|跨部门|跨区域部门|可办|举办|拒绝办|或办|民办|承办|"
                        r"开办|创办|兴办|代办|督办|申办|^政府办|会同|会议|会商|会签|会审|"
                        r"(?:展|现场|推进|调度|培训|研讨|发布|说明|对接|见面|动员|总结|表彰|观摩|汇报|报告|协调|例|专题|招聘|订货)会)$")
# 科, 处 are sections of a body named before them (市发改局产业科), never a body alone (高校结合自身优势学科).
_SECTION = re.compile(r"(?:局|委|办|厅|部|院|中心).{1,8}[科处]$|[^科处]$")
# A duty or a verb inside an item: the list ran past the name (北京市经济和信息化局会同数据专区监管部门).
_INNER_VERB = re.compile(r"的|关于|授权|指定|依法|办理|统一|自(?!治|然|贸|由|主|愿)|会同|联合(?!会)|负责|牵头|配合|协助|参与|进行|通过|自行|另行|径行|反馈|直接|应当|可以|覆盖|所有|委托|成立|报(?!社|刊)|发送|抄送|受理")
# An item's outline marker or article number: 第五条国家能源局, 9.鼓励…, (3)由….
_MARKER = re.compile(r"^(?:.{0,60}?第[一二三四五六七八九十百零〇\d]+条|\d{1,3}[.、.]|[一二三四五六七八九十]{1,3}、|[((][一二三四五六七八九十\d]{1,3}[))])\s*(?:本(?:办法|意见|方案|细则|规定)由?)?")
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
_SHORT_FORM = re.compile(r"^(?:[省市县区州])(?:财政|发改|经信|工信|商务|统计|税务|人社|国土|规划|环保|住建|交通|水利|农业|科技|教育|公安|审计)$")
# Generic collectives and persons (各县(市、区)人民政府, 市级各有关部门, 分管市领导, 单位领导).
_GENERIC = re.compile(
    r"各|有关|相关|其他|其它|其余|所属|属地|所在地|当地|每个|等|全市|全省|全县|全区|全国|本级|同级|上级|下级|基层|"
    r"领导(?!小组|机构)|市长|书记|主任|局长|厅长|部长|负责人|干部|同志|专家|个人|企业$|^(?:部门|单位|政府|人民政府|机关|"
    r"园区管委会|开发区管委会|乡镇政府|乡镇人民政府|街道办事处|行业协会|行业主管部门|主管部门|职能部门|管理部门|"
    r"行政部门|监管部门|业务部门|成员单位|牵头单位|责任单位|配合单位|参与单位|牵头部门|责任部门|配合部门|联系单位|"
    r"工作专班|专项行动工作组|工作组|办公室|政府部门|项目单位|实施单位|申报单位|承担单位|高校|银行|金融机构)$"
    r"|(?:成员|牵头|责任|配合|参与|联系|项目|申报|承担)单位$|^(?:区县|县区|县市|市县|市区|城市|乡镇|镇街|城区)|工作部门$|^[省市县区州]?(?:行业|业务|行政|有关)?(?:主管|职能|管理)部门$|级|^地方|以上|^城市人民政府$|^有权机关$|"
    r"^(?:政务|(?:政务)?数据提供|(?:政务)?数据使用|数源|共享|企业|业务|行政|监管|执法|项目|产业|行业|(?:项目|产业|行业)及(?:项目|产业|行业)|多|[一二三四五六七八九十两]+)(?:主管|管理|行政)?部门$|^(?:有限|运营)?公司$|"
    r"^办公室$|[((〔]市、区[))〕]|[((〔]区、市[))〕]"
)
_ROLE_OF = {"牵头": LEAD, "负责": LEAD, "主办": LEAD, "主责": LEAD, "责任": LEAD, "会同": LEAD, "联合": LEAD,
            "配合": SUPPORT, "参与": SUPPORT, "参加": SUPPORT, "协助": SUPPORT, "协办": SUPPORT}
# A label names a role and a kind of body: 牵头单位, 责任部门, 主要责任单位, 主办单位, 配合单位, 协办处室.
# Its meaning, not its wording, gives the role: any support word makes it support, else it is a lead label.
_LABEL_WORD = (r"(?:主要|具体|其他)?(?:牵头|责任|主责|主办|承办|负责|落实|配合|协办|参与|参加|协助|协同|协作){1,2}"
               r"(?:单位|部门|处室|科室|机构)")
_SUPPORT_LABEL = re.compile(r"配合|协办|参与|参加|协助|协同|协作")
_LEAD_LABEL = re.compile(r"牵头|主责|主办")  # beside these, 责任单位 is the one that helps
_LABEL = re.compile(
    r"(?P<label>" + _LABEL_WORD + r")(?:[(（](?:单位|部门|处室)[)）])?\s*(?:[:：]|\|)\s*"
    r"(?P<list>(?:(?!" + _LABEL_WORD + r"|完成时限|时限|完成时间|时间节点|完成期限|进度安排|\s+\S{2,8}[:：])"
    r"(?:[^。;；\n|()（）]|" + r"[(（](?:牵头|负责|配合|协办|参与)[)）])){1,300})"
)
# A web page's credits: 主办单位：乐清市人民政府办公室 承办单位：乐清市大数据中心 names who runs the site.
_SITE_CREDIT = re.compile(r"主办单位.{0,40}承办单位|技术支持|网站|ICP|备案|版权|联系电话|联系我们")
# 责任单位:市发改委(牵头)、市财政局: a role marked on one item of a labelled list.
_ITEM_ROLE = re.compile(r"[(（](牵头|负责|配合|协办|参与)[)）]")
# A role word, to read the list of names just before it: (市发改局牵头,市财政局配合), 由市统计局牵头负责.
_ROLE = re.compile(r"(?:按职责分工|按职能分工|按职责|分工|具体|共同|统一|分别|主要)?(?P<role>牵头|负责(?!人|同志|干部|领导)|配合|参与|协助|协办|会同|联合)")
# What the list before a role word runs back to.
_BOUNDARY = re.compile(r"[。;；,，:：()（）\n|!?【】]")
_CHARGED_BY = re.compile(r"(?<![自理缘经申邀提报])(?:由|请|责成)(?![于此])")
_LEAD_IN = re.compile(r"^(?:并|均|统一|主要|要|需|应|具体|可|将)?(?:由|请|要求|责成|委托)")
# A name in running text: greedy, without the characters that start a duty (要, 的, 按 …), so the longest
# name ending in an organisation word wins (市委组织部, not 市委 + 组织…). Items are split on 、 and , only,
# which are not name characters, so the list cannot be read two ways (no backtracking blow-up).
# 应当, 会同, 负责, 牵头, 配合, 协助, 积极, 授权, 确定 start a duty, not a name: two character classes in one
# look-ahead keep the test to two lookups per character.
_NAME_CHARS = r"(?:(?![要的把由请将按对在于为是从向前]|[应会负牵配协积授确][当该同责头合助极权定])[\u4e00-\u9fff“”\"A-Za-z])"
_NAME_LIST = r"(?P<list>(?:" + _NAME_CHARS + r"{1,30}[、,]){0,24}" + _NAME_CHARS + r"{0,30}" + _SUFFIX + r")"
# What, right after a name, shows it was only the start of a person or a collective (市委、市政府主要领导, 领导小组成员单位).
_NOT_A_BODY_AFTER = r"(?!成员|单位|负责人|负责同志|同志|干部|领导|主要|组长|副组长|主任|局长|等|有关|相关|所属|下属|同意|批准|审议|审定|研究决定)"
# Words that open a clause but not a name: 建议省委、省政府出台…, 探索设立“政府参与…”.
_VERB_START = re.compile(r"^(?:并|经|大力|全面|切实|进一步|今年|明年|当年|同时|此外|其中|目前|建议|支持|鼓励|推动|引导|要求|督促|指导|协调|积极|加强|加快|建立|成立|组建|明确|确定|依托|发挥|"
                         r"推进|完善|实行|实施|落实|争取|组织(?!部)|探索|提请|设立|形成|调动|通过|围绕|按照|根据|结合|实现|坚持|强化|"
                         r"做好|开展|利用|提升|会同|经|报|送|向|与|同|巩固|要|满足|推行|近年来|跨|起草|注册|确定|依法|充分|者|或|的|了"
                         r"|(?:建设|打造|培育|引进|创建|构建|新建|改造|筹建|争创|扩建|升级|提高|扩大|新增|优化|深化|拓展|培训)"
                         r"(?![局委厅部办]|部门|银行))")
# A named body opening a clause and charged with a duty: 统计部门要做好…, 衢州市政府制定…, 市统计局负责数据提供.
_SUBJECT = re.compile(
    r"(?:^|(?<=[。;;,,:：\n(（]))\s*(?:第[一二三四五六七八九十百零〇\d]{1,5}条\s*)?" + _NAME_LIST +
    r"(?=要|应|须|需|将|于|在\d|负责|负总责|牵头|会同|联合|按|每年|每季度|每月|定期|及时|做好|抓好|加强|加快|制定|出台|组织|开展|建立|完善|"
    r"推进|落实|统筹|指导|研究制定|督促|协调|切实|认真|积极|进一步|全力|主动|共同|分别|具体|承担|编制|组建|推行|完成|启动|"
    r"引进|实现|争取|确保|力争|"  # a quota charged to a body: 外经贸局、建委引进外资各1亿美元
    r"作为[^,。;\n]{0,20}?(?:牵头|责任|主责|负责)(?:单位|部门))"  # 市经委作为全市域外招商牵头责任部门,要…
    r"(?![\u4e00-\u9fff]{2}[了过])"  # 市政府出台了…: a past act, not a duty
    r"(?!(?:完成|制定|出台|组织|开展|编制|建立|组建|承担)的)" + _NOT_A_BODY_AFTER
)
_AFTER = re.compile(_NAME_LIST)
# A duty said in full: a few characters, or the clause's end, after the name.
_STATED = re.compile(r"[^\n]{0,3}[。;,:!?)]|[^\n]{4}")
# A clause that reports a past act: 了 (not 为了, 了解) or 已 before the clause ends.
_PAST = re.compile(r"[^。;,\n]{0,40}?(?:(?<!为)(?<!除)了(?!解)|已经|已)")
_SUPPORTING = re.compile(r"(?:要|应|须|需|将)?(?:按职责分工|按职能分工|按职责|分别|共同)?(?:积极|主动|密切|紧密|大力|全力|做好)?(?:配合|参与|协助)")
_CUT = r"[门员公会室]"  # what shows an organisation word was cut short: 部|门, 委|员会, 办|公室
_SUFFIX_AT = re.compile(r"(?<=.)" + _SUFFIX)
# 由X… / 请X…: whatever follows, X is charged with it (入围项目由市发改局督促进展, 请省发改委加强指导).
_CHARGED = re.compile(r"(?<![自理缘经提报申呈])(?:由|请|责成)(?![于此])" + _NAME_LIST + r"(?=[\u4e00-\u9fff])(?![的])" + _NOT_A_BODY_AFTER)
# A list item that itself joins two full names: 常德电视台和常德日报社 (but not 市劳动和社会保障局).
_JOINED = re.compile(r"^(?P<a>.{2,30}?" + _SUFFIX + r")(?:和|及|与|以及)(?P<b>.{2,30}" + _SUFFIX + r")$")
_ADMIN_PREFIX = re.compile(r"^(?:[\u4e00-\u9fff]{0,6}?(?:省|市|县|州|盟|旗)|区)(?![省市县场])(?=[\u4e00-\u9fff]{2})")
_SUB_UNIT = re.compile(r"^(?P<parent>.{2,40}?(?:部|局|委|厅|领导小组|委员会))(?P<sub>[^部局委厅]{2,20}?(?:司|处|科|办公室|室))$")


def extract_units(text: str) -> tuple[UnitRef, ...]:
    """The units a passage makes responsible, in order of first mention, each once (lead wins).

    >>> extract_units("建立统计体系。(市发改局牵头,市财政局、统计局配合)")
    (UnitRef(name='市发改局', role='lead'), UnitRef(name='市财政局', role='support'), UnitRef(name='市统计局', role='support'))
    >>> extract_units("各县(市、区)要加强领导,重大问题报市政府研究决定。")
    ()
    """
    text = _join_level_lists(text)
    found: list[tuple[int, str, str]] = []  # (position, name, role)
    found.extend(_labelled(text))
    found.extend(_before_roles(text))
    found.extend(_joined(text))
    found.extend(_set_up(text))
    found.extend(_subjects(text))
    found.extend(_table_columns(text))
    found.extend(_cell_lines(text))
    return _merge(found)


# 有关区、市政府 / 各县、市、区人民政府 / 县〔市、区〕政府 are one collective (the governments of those districts and county-level
# cities) with the level words listed: the 市政府 in it is not the city government. Joining the levels with 和
# (same length, so positions hold) keeps the list splitter from cutting 市政府 off as a body of its own.
_LEVEL_LIST = re.compile(
    r"(?:各|有关|相关)[县市区](?:、[县市区])+(?=(?:人民)?政府)|[县市区州][(〔\[][县市区](?:、[县市区])+[)〕\]](?=(?:人民)?政府)"
)


def _join_level_lists(text: str) -> str:
    """The level words of such a collective joined with 和.

    >>> _join_level_lists("有关区、市政府"), _join_level_lists("相关县〔市、区〕政府")
    ('有关区和市政府', '相关县〔市和区〕政府')
    """
    return _LEVEL_LIST.sub(lambda match: match.group().replace("、", "和"), text)


def _labelled(text: str) -> list[tuple[int, str, str]]:
    found = []
    labels = list(_LABEL.finditer(text))
    for index, match in enumerate(labels):
        line = text[text.rfind("\n", 0, match.start()) + 1:text.find("\n", match.end()) % (len(text) + 1)]
        if re.search("主办|承办", match["label"]) and _SITE_CREDIT.search(line):
            continue
        role = _label_role(match, labels[index - 1] if index else None, labels[index + 1:index + 2])
        anchor = None  # the item before, whose place prefix an elided item shares (市发改委(牵头)、统计局)
        for item in re.split(r"(?<=[)）])(?=[^、,，])|[、,，]", re.sub(r"等$", "", match["list"].strip())):
            marked = _ITEM_ROLE.search(item)
            names = split_units(_ITEM_ROLE.sub("", item), strict=False, anchor=anchor)
            found.extend((match.start("list"), name, _ROLE_OF[marked.group(1)] if marked else role) for name in names)
            anchor = names[-1] if names else anchor
    return found


def _label_role(match: re.Match, before: re.Match | None, after: list[re.Match]) -> str:
    """A label's role; 责任单位 beside a 牵头单位 label (牵头单位：X，责任单位：Y) is the one that helps.

    >>> [_label_role(m, None, []) for m in _LABEL.finditer("主要责任单位:市统计局。配合部门:市财政局")]
    ['lead', 'support']
    """
    label = match["label"]
    if _SUPPORT_LABEL.search(label):
        return SUPPORT
    if "责任" in label and not _LEAD_LABEL.search(label):
        beside = [m for m in (before, *after) if m and abs(m.start() - match.start()) < 120
                  and not re.search(r"[。\n]", _between(m, match))]
        if any(_LEAD_LABEL.search(m["label"]) for m in beside):
            return SUPPORT
    return LEAD


def _between(a: re.Match, b: re.Match) -> str:
    first, second = sorted((a, b), key=lambda m: m.start())
    return first.string[first.end("list"):second.start()]


def _before_roles(text: str) -> list[tuple[int, str, str]]:
    found = []
    previous: tuple[int, str] | None = None  # where the last list ended, and its last name
    for match in _ROLE.finditer(text):
        start = match.start()
        cut = max((m.end() for m in _BOUNDARY.finditer(text, max(0, start - 120), start)), default=max(0, start - 120))
        segment = _LEAD_IN.sub("", text[cut:start].strip())
        # 交通运输部运输服务司牵头,科技司配合: the second list's elided prefix comes from the first.
        anchor = previous[1] if previous and cut - previous[0] <= 2 else None
        names = split_units(segment, strict=True, anchor=anchor)
        if not names:
            continue
        previous = (match.end(), names[-1])
        role = _ROLE_OF[match["role"]]
        found.extend((cut, name, role) for name in names)
    return found


# Bodies brought in to help: 会同市财政局…, 联合网络安全和信息化等部门…, 组织监察、统计、建设等部门(进行检查).
_JOINING = re.compile(r"会同|联合(?![国会体社])|协同|(?<![委党])组织(?![部机领实开])")


def _joined(text: str) -> list[tuple[int, str, str]]:
    """The bodies named after 会同/联合/组织, whoever does the joining (the issuer itself when unnamed): support.

    >>> _joined("市政务数据主管部门应当会同市网信、公安、保密等部门统筹建立全市政务数据安全管理制度")[0][1:]
    ('市网信部门', 'support')
    """
    return [(match.end(), name, SUPPORT) for match in _JOINING.finditer(text)
            for name in _after(text, match.end()) if _named_start(name)]  # 联合高校院所, 组织召开现场会: no body


def _after(text: str, start: int) -> list[str]:
    """The bodies named after 会同: 会同市财政局、市统计局制定 → 市财政局, 市统计局."""
    match = _AFTER.match(text, start, start + 200)
    if not match:
        return []
    # 会同组织、科技、人力资源社会保障等部门: the list's head noun ends it and is each item's.
    shared = re.match(r"[^,]{1,120}?等(?:有关|相关|其他)?部门", match["list"])
    if shared:
        return split_units(shared.group(), strict=True)
    # The greedy list may run on into the clause (市交通运输局共同组成…小组): each item ends at its first
    # organisation word that is not itself cut short (部|门).
    return split_units("、".join(filter(None, map(_shortest, match["list"].split("、")))), strict=True)


def _shortest(item: str) -> str | None:
    """The item up to its first organisation word that ends a name: 人力资源社会保障部, not 人力资源社会."""
    for end in _SUFFIX_AT.finditer(item):
        name = item[:end.end()]
        if not _FALSE_END.search(name) and not re.match(_CUT, item[end.end():end.end() + 1]):
            return name
    return None


def _subjects(text: str) -> list[tuple[int, str, str]]:
    found = []
    for match in _SUBJECT.finditer(text):
        if _FALSE_END.search(match["list"] + text[match.end():match.end() + 1]):
            continue  # 生态环境部会|同…: the name was cut inside a word
        start, names = _clause_subject(match["list"])
        if _PAST.match(text, match.end(), match.end() + 60):
            continue  # 市政府组织对…进行了责任分解: a report of what was done, not a duty
        if not _STATED.match(text, match.end()):
            continue  # …人事部门要会|: the text was cut before the duty was said
        if names and _named_start(names[0]):  # a clause opening with any word ending in 局 is no duty
            role = SUPPORT if _SUPPORTING.match(text, match.end()) else LEAD  # 公安部门要积极配合: support
            found.extend((match.start("list") + start, name, role) for name in names)
    for match in _CHARGED.finditer(text):
        following = text[match.end():match.end() + 1]
        if _FALSE_END.search(match["list"] + following) or re.match(_CUT, following):
            continue  # 由国家和社|会: the name was cut inside a word
        found.extend((match.start("list"), name, LEAD) for name in split_units(match["list"], strict=True))
    return found


# A body set up and given its work in one breath: 成立九江市…领导小组,统筹协调推进…相关工作.
_SET_UP = re.compile(
    r"(?:成立|设立|组建)(?P<name>" + _NAME_CHARS + r"{2,30}?(?:领导小组|工作小组|工作专班|专班|指挥部|委员会|联席会议))"
    r"(?:\(以下简称[^()]{1,12}\))?,?(?=负责|统筹|协调|研究|指导|推进|组织|牵头|承担)"
)


def _set_up(text: str) -> list[tuple[int, str, str]]:
    """The body a notice sets up for the work, when the same sentence gives it that work: lead.

    >>> _set_up("市委、市政府成立九江市大南昌都市圈发展协调推进领导小组,统筹协调推进相关工作")[0][1:]
    ('九江市大南昌都市圈发展协调推进领导小组', 'lead')
    """
    return [(match.start("name"), match["name"], LEAD) for match in _SET_UP.finditer(text)
            if _is_org(match["name"]) and not _GENERIC.search(match["name"])]


def _clause_subject(names: str) -> tuple[int, list[str]]:
    """The bodies that open the last clause of a run: a comma both ends a clause and separates list items.

    >>> _clause_subject("形成项目库,领导小组办公室")
    (6, ['领导小组办公室'])
    """
    start = 0
    while True:
        found = split_units(names[start:], strict=True)
        comma = names.find(",", start)
        if found or comma < 0:
            return start, found
        start = comma + 1


def _table_columns(text: str) -> list[tuple[int, str, str]]:
    """A table whose header names unit columns (牵头单位, 主要责任单位, 配合部门 …): each row's cells in them.

    >>> _table_columns("任务 | 牵头单位 | 配合单位 |\\n建立统计制度 | 市统计局 | 市发改局 |")[0][1:]
    ('市统计局', 'lead')
    """
    found = []
    position = 0
    header: tuple[int, list[tuple[int, str]]] | None = None  # (header width, [(column index, role)])
    for line in text.split("\n"):
        cells = _row(line)
        if len(cells) < 2:
            header = None
        elif header is None:
            labels = [(i, c) for i, c in enumerate(cells) if _COLUMN_LABEL.fullmatch(c)]
            roles = _column_roles([c for _, c in labels])
            header = (len(cells), [(i, role) for (i, _), role in zip(labels, roles)]) if labels else None
        else:
            for index, role in header[1]:
                found.extend((position, name, item_role or role)
                             for name, item_role in _cell_units(_cell_of(cells, index, header[0]) or ""))
        position += len(line) + 1
    return found


_COLUMN_LABEL = re.compile(_LABEL_WORD + r"(?:[(（][^()（）]{1,10}[)）])?")


def _column_roles(labels: list[str]) -> list[str]:
    """Each unit column's role; 责任单位 beside a 牵头单位 column helps, as in a bracket.

    >>> _column_roles(["牵头单位", "责任单位"]), _column_roles(["主要责任单位"])
    (['lead', 'support'], ['lead'])
    """
    led = any(_LEAD_LABEL.search(label) for label in labels)
    return [SUPPORT if _SUPPORT_LABEL.search(label) or led and "责任" in label and not _LEAD_LABEL.search(label)
            else LEAD for label in labels]


def _cell_units(cell: str) -> list[tuple[str, str | None]]:
    """The bodies in a unit cell, with any role marked on an item (市发改委(牵头)); [] for a cell of prose.

    >>> _cell_units("市发改委(牵头)、统计局")
    [('市发改委', 'lead'), ('市统计局', None)]
    """
    cell = re.sub(r"等$", "", cell.strip())
    if not _ITEM_ROLE.search(cell):
        return [(name, None) for name in split_units(cell, strict=True)]
    found: list[tuple[str, str | None]] = []
    for item in re.split(r"(?<=[)）])(?=[^、,，])|[、,，]", cell):
        marked = _ITEM_ROLE.search(item)
        names = split_units(_ITEM_ROLE.sub("", item), strict=True, anchor=found[-1][0] if found else None)
        if not names:
            return []
        found.extend((name, _ROLE_OF[marked.group(1)] if marked else None) for name in names)
    return found


def _cell_lines(text: str) -> list[tuple[int, str, str]]:
    """A table flattened one cell per line (a page's table copied as text): the header's unit columns are lines
    of their own (主要责任单位), and each row's unit cells are lines that hold nothing but bodies.

    >>> _cell_lines("序号\\n工作任务\\n主要责任单位\\n1\\n地区生产总值增长12%\\n市发改委、统计局")[1][1:]
    ('市统计局', 'lead')
    """
    found = []
    position = 0
    labels: list[str] = []  # the header's unit columns, in order
    roles: list[str] = []
    since_label = 0  # lines since the last label line: a header's cells stand a few lines apart
    run = 0  # which unit cell of the row this is: consecutive body lines fill the columns in turn
    lines = text.split("\n")
    for number, line in enumerate(lines):
        cell = line.strip()
        since_label += 1
        if _signed(lines, number):
            labels = []  # a signature (the body, then its date) ends the table: what follows is another text
        elif _COLUMN_LABEL.fullmatch(cell):
            labels = (labels + [cell])[-6:] if since_label <= 6 else [cell]  # a header has a few unit columns
            roles = _column_roles(labels)
            since_label, run = 0, 0
        elif labels and 0 < len(cell) <= 100 and "|" not in cell:
            units = _cell_units(cell)
            if units:
                found.extend((position, name, item_role or roles[min(run, len(roles) - 1)]) for name, item_role in units)
                run += 1
            else:
                run = 0
        position += len(line) + 1
    return found


_DATE_LINE = re.compile(r"\s*(?:\d{4}|[一二三四五六七八九〇○零]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日\s*")


def _signed(lines: list[str], number: int) -> bool:
    """Whether lines[number] signs a text: its next non-blank line, within two, is a date alone."""
    following = [line for line in lines[number + 1:number + 4] if line.strip()][:1]
    return bool(lines[number].strip() and following and _DATE_LINE.fullmatch(following[0]))


def _row(line: str) -> list[str]:
    cells = [c.strip() for c in line.split("|")]
    while cells and not cells[-1]:
        cells.pop()
    return cells


def _cell_of(cells: list[str], index: int, width: int) -> str | None:
    # Rows under a merged cell lose their leading cells: count those columns from the right.
    if len(cells) < width:
        index -= width - len(cells)
    return cells[index] if 0 <= index < len(cells) else None


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
    if strict and not all(_is_org(item) or _GENERIC.search(item) for item in items):
        return []  # 调动各方参与, 支持龙头骨干企业牵头: not a list of bodies
    return [item for item in items if _is_org(item) and not _GENERIC.search(item)]


_COLLECTIVE_TAIL = re.compile(
    r"(?<=[\u4e00-\u9fff]{2})(?:等(?:有关|相关|其他)?(?:部门|单位|机构)|(?:及|和|与|以及)(?:各|有关|相关|其他|其|所属)[\u4e00-\u9fff]{1,12})"
    r"(?:及(?:各|有关|相关)[\u4e00-\u9fff]{1,8})?$"
)


def _pieces(segment: str) -> list[str]:
    """Items split on 、 and ,; a space separates two names (市发改局 市经信局) but not a wrapped one (项目及 产业管理部门)."""
    pieces = []
    for piece in re.split(r"[、,，]", segment):
        words = piece.split()
        if len(words) > 1 and all(_is_org(w) for w in words):
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
    return [re.sub(r"^(?:或)", "", part) for part in re.split(r"或(?=[\u4e00-\u9fff]{2})", piece)] if "或" in piece else [piece]


def _share_head(items: list[str], shared: str | None = None) -> list[str]:
    """发改、工信、商务部门 → 发改部门, 工信部门, 商务部门: bare stems take the last item's head noun."""
    head = re.search(r"(部门|局|委|厅|办)$", shared or items[-1])
    if not head or len(items) < 2 and not shared:
        return items
    levels = ("省", "市", "县", "区", "自治区", "中央", "国家", "地方", "直辖市", "乡镇", "街道", "省级", "市级", "县级")
    longest = 8 if shared else 4  # 人力资源社会保障、…等部门: the 等 makes the shared head certain
    stems = [not _ORG_END.search(item) and 2 <= len(item) <= longest and item not in levels for item in items]
    # 市网信、公安、保密等部门: the first stem's place prefix is the others' too.
    prefix = _ADMIN_PREFIX.match(items[0]) if stems[0] and len(items[0]) <= 5 else None
    place = prefix.group() if prefix and not _BODY_START.match(items[0][len(prefix.group()):]) or prefix and len(prefix.group()) == 1 else ""
    return [(place if stem and i and not _ADMIN_PREFIX.match(item) else "") + item + head.group(1) if stem else item
            for i, (item, stem) in enumerate(zip(items, stems))]


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
    return not item.startswith(("国家", "中央", "中国", "国务院", "人民银行", "人行", "全国")) and not find_mentions(item)


# Two-character short names of bureaus (建委 = 建设委员会); 党委, 常委, 政委 are no body charged with work.
_SHORT_BODY = re.compile(r"[建经计科教农民侨商]委|[外侨台]办")


def _is_org(name: str) -> bool:
    if _SHORT_BODY.fullmatch(name):
        return True
    if not 3 <= len(name) <= 40 or _FALSE_END.search(name) or name[0] in "我本其该此受":
        return False
    return bool(_ORG_END.search(name) and _SECTION.search(name) or _SHORT_FORM.match(name))


# A body set up for the work, named in full or by its type alone once the notice has set it up (领导小组办公室).
_STANDING_BODY = re.compile(r"(?:领导小组|指挥部|工作专班|联席会议)(?:办公室)?$")


def _named_start(name: str) -> bool:
    """Whether a clause-opening name is a body's own name: 统计部门, 衢州市政府, 工业和信息化部, not 充分利用省….

    >>> _named_start("衢州市政府"), _named_start("充分利用省推进小组")
    (True, False)
    """
    if _BODY_START.match(name) or re.fullmatch(r"[\u4e00-\u9fff]{2,8}部门", name) or _STANDING_BODY.search(name):
        return True
    return any(candidates(name[:k]) for k in range(2, min(7, len(name))))


def _merge(found: list[tuple[int, str, str]]) -> tuple[UnitRef, ...]:
    """Each body once, under the form first written (省市场监督管理局 then 省市场监管局 is one body), lead winning."""
    first: dict[str, tuple[int, str]] = {}  # normalized name → (position, name as first written)
    roles: dict[str, str] = {}
    for position, name, role in sorted(found, key=lambda f: f[0]):
        key = normalize_unit_name(name)
        first.setdefault(key, (position, name))
        roles[key] = LEAD if LEAD in (role, roles.get(key)) else SUPPORT
    return tuple(UnitRef(first[key][1], roles[key]) for key in sorted(first, key=lambda key: first[key][0]))


def collect_units(text: str, tasks: tuple[Task, ...]) -> tuple[UnitRef, ...]:
    """Every unit named anywhere in the notice, each once (lead wins), in order of first mention.

    >>> collect_units("由市统计局牵头,各产业专项行动工作组积极配合。统计部门要做好测算工作。", ())
    (UnitRef(name='市统计局', role='lead'), UnitRef(name='统计部门', role='lead'))
    """
    whole = extract_units(text)
    # Tasks read their own passage; a unit only they found goes after the ones the whole text gives.
    found = [(i, u.name, u.role) for i, u in enumerate(whole)]
    found.extend((len(whole) + i, u.name, u.role) for i, u in enumerate(u for task in tasks for u in task.units))
    return _merge(found)


# Short forms of department names and their full forms, so 市发改委 and 市发展改革委 file under one name.
# Only whole trailing names are expanded, after the place prefix: 市发改局 → 市发展和改革局, never inside a word.
_FULL_FORMS = {
    "发改委": "发展和改革委员会", "发展改革委": "发展和改革委员会", "发改局": "发展和改革局", "发展改革局": "发展和改革局",
    "经信委": "经济和信息化委员会", "经信局": "经济和信息化局", "经信厅": "经济和信息化厅",
    "工信局": "工业和信息化局", "工信厅": "工业和信息化厅", "工信部": "工业和信息化部",
    "人社局": "人力资源和社会保障局", "人力资源社会保障局": "人力资源和社会保障局",
    "人社厅": "人力资源和社会保障厅", "人力资源社会保障厅": "人力资源和社会保障厅",
    "住建局": "住房和城乡建设局", "住房城乡建设局": "住房和城乡建设局", "住建厅": "住房和城乡建设厅",
    "住房城乡建设厅": "住房和城乡建设厅", "住房城乡建设部": "住房和城乡建设部",
    "市场监管局": "市场监督管理局", "市场监管总局": "市场监督管理总局",
    "卫健委": "卫生健康委员会", "卫生健康委": "卫生健康委员会", "国资委": "国有资产监督管理委员会",
    "文旅局": "文化和旅游局", "文化旅游厅": "文化和旅游厅", "医保局": "医疗保障局", "应急局": "应急管理局",
    "投促局": "投资促进局", "金融办": "金融工作办公室", "政府办": "人民政府办公室",
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
    prefix = name[:short.start()]
    # 市场监管局 after 市 is the whole short form; a longer stem ending in one (国家市场监管总局) keeps its start.
    return prefix + _FULL_FORMS[short.group()]
