"""Responsible units (责任单位) and their roles: a body (unit_names.py says what one is) where a duty is assigned.

The role comes from the cue around the name, not from a list of phrasings: a role word after it
(`(市发改局牵头,市财政局配合)`), a label of any wording (`责任单位:…`, `主办单位:…`, `配合部门:…`, or a table
column `主要责任单位`, also in a table flattened one cell per line), a 由/请 clause (`由市统计局牵头`), a body
opening a clause with a duty (`统计部门要做好…`, `州数据资源主管部门应当…`), one brought in by 会同/联合/组织
(support), or one set up and tasked at once (`成立…领导小组,统筹…`). What is *not* a unit is as important:
generic collectives (各县(市、区)人民政府, 市政府有关部门, 各牵头单位), persons (分管副市长), and bodies
that only receive reports or approve (报市政府, 经市政府同意) — none of those sit where a duty is assigned.
"""

from __future__ import annotations

import re

from .scanning import starting_with
from .types import LEAD, SUPPORT, Task, UnitRef
from .unit_names import FALSE_END, GENERIC, SUFFIX, is_org, named_start, normalize_unit_name, split_units

__all__ = ["collect_units", "extract_units", "normalize_unit_name", "split_units"]

_ROLE_OF = {
    "牵头": LEAD,
    "负责": LEAD,
    "主办": LEAD,
    "主责": LEAD,
    "责任": LEAD,
    "会同": LEAD,
    "联合": LEAD,
    "配合": SUPPORT,
    "参与": SUPPORT,
    "参加": SUPPORT,
    "协助": SUPPORT,
    "协办": SUPPORT,
}
# A label names a role and a kind of body: 牵头单位, 责任部门, 主要责任单位, 主办单位, 配合单位, 协办处室.
# Its meaning, not its wording, gives the role: any support word makes it support, else it is a lead label.
_LABEL_WORD = (
    r"(?:主要|具体|其他)?(?:牵头|责任|主责|主办|承办|负责|落实|配合|协办|参与|参加|协助|协同|协作){1,2}"
    r"(?:单位|部门|处室|科室|机构)"
)
_SUPPORT_LABEL = re.compile(r"配合|协办|参与|参加|协助|协同|协作")
_LEAD_LABEL = re.compile(r"牵头|主责|主办")  # beside these, 责任单位 is the one that helps
_LABEL = starting_with(
    "主具其牵责承负落配协参",
    r"(?P<label>" + _LABEL_WORD + r")(?:[(（](?:单位|部门|处室)[)）])?\s*(?:[:：]|\|)\s*"
    r"(?P<list>(?:(?!" + _LABEL_WORD + r"|完成时限|时限|完成时间|时间节点|完成期限|进度安排|\s+\S{2,8}[:：])"
    r"(?:[^。;；\n|()（）]|" + r"[(（](?:牵头|负责|配合|协办|参与)[)）])){1,300})",
)
# A web page's credits: 主办单位：乐清市人民政府办公室 承办单位：乐清市大数据中心 names who runs the site.
_SITE_CREDIT = re.compile(r"主办单位.{0,40}承办单位|技术支持|网站|ICP|备案|版权|联系电话|联系我们")
# 责任单位:市发改委(牵头)、市财政局: a role marked on one item of a labelled list.
_ITEM_ROLE = re.compile(r"[(（](牵头|负责|配合|协办|参与)[)）]")
# A role word, to read the list of names just before it: (市发改局牵头,市财政局配合), 由市统计局牵头负责.
_ROLE = starting_with(
    "按分具共统主牵负配参协会联",
    r"(?:按职责分工|按职能分工|按职责|分工|具体|共同|统一|分别|主要)?(?P<role>牵头|负责(?!人|同志|干部|领导)|配合|参与|协助|协办|会同|联合)",
)
# What the list before a role word runs back to.
_BOUNDARY = re.compile(r"[。;；,，:：()（）\n|!?【】]")
_LEAD_IN = re.compile(r"^(?:并|均|统一|主要|要|需|应|具体|可|将)?(?:由|请|要求|责成|委托)")
# A name in running text: greedy, without the characters that start a duty (要, 的, 按 …), so the longest
# name ending in an organisation word wins (市委组织部, not 市委 + 组织…). Items are split on 、 and , only,
# which are not name characters, so the list cannot be read two ways (no backtracking blow-up).
# 应当, 会同, 负责, 牵头, 配合, 协助, 积极, 授权, 确定 start a duty, not a name: two character classes in one
# look-ahead keep the test to two lookups per character.
_NAME_CHARS = (
    r"(?:(?![要的把由请将按对在于为是从向前]|[应会负牵配协积授确][当该同责头合助极权定])[\u4e00-\u9fff“”\"A-Za-z])"
)
_NAME_LIST = r"(?P<list>(?:" + _NAME_CHARS + r"{1,30}[、,]){0,24}" + _NAME_CHARS + r"{0,30}" + SUFFIX + r")"
# What, right after a name, shows it was only the start of a person or a collective
# (市委、市政府主要领导, 领导小组成员单位).
_NOT_A_BODY_AFTER = (
    r"(?!成员|单位|负责人|负责同志|同志|干部|领导|主要|组长|副组长|主任|局长|"
    r"等|有关|相关|所属|下属|同意|批准|审议|审定|研究决定)"
)
# A named body opening a clause and charged with a duty: 统计部门要做好…, 衢州市政府制定…, 市统计局负责数据提供.
_DUTY_AHEAD = (
    r"(?=要|应|须|需|将|于|在\d|负责|负总责|牵头|会同|联合|按|每年|每季度|每月|定期|"
    r"及时|做好|抓好|加强|加快|制定|出台|组织|开展|建立|完善|"
    r"推进|落实|统筹|指导|研究制定|督促|协调|切实|认真|积极|进一步|全力|主动|共同|分别|具体|承担|编制|组建|推行|完成|启动|"
    r"引进|实现|争取|确保|力争|"  # a quota charged to a body: 外经贸局、建委引进外资各1亿美元
    r"作为[^,。;\n]{0,20}?(?:牵头|责任|主责|负责)(?:单位|部门))"  # 市经委作为全市域外招商牵头责任部门,要…
)
_SUBJECT = re.compile(
    r"(?:^|(?<=[。;;,,:：\n(（]))\s*(?:第[一二三四五六七八九十百零〇\d]{1,5}条\s*)?"
    + _NAME_LIST
    + _DUTY_AHEAD
    + r"(?![\u4e00-\u9fff]{2}[了过])"  # 市政府出台了…: a past act, not a duty
    r"(?!(?:完成|制定|出台|组织|开展|编制|建立|组建|承担)的)" + _NOT_A_BODY_AFTER
)
# Where a subject's names can end: an organisation word with a duty after it. A sentence without one holds no
# subject, and no subject runs across the end of a sentence (its names hold no 。 or ;).
_SUBJECT_END = re.compile(SUFFIX + _DUTY_AHEAD)
_SENTENCE_END = re.compile(r"[。;；]")
_AFTER_SUBJECT = 40  # characters after a subject's names that its look-aheads read, at most
_AFTER = re.compile(_NAME_LIST)
# A duty said in full: a few characters, or the clause's end, after the name.
_STATED = re.compile(r"[^\n]{0,3}[。;,:!?)]|[^\n]{4}")
# A clause that reports a past act: 了 (not 为了, 了解) or 已 before the clause ends.
_PAST = re.compile(r"[^。;,\n]{0,40}?(?:(?<!为)(?<!除)了(?!解)|已经|已)")
_SUPPORTING = re.compile(
    r"(?:要|应|须|需|将)?(?:按职责分工|按职能分工|按职责|分别|共同)?(?:积极|主动|密切|紧密|大力|全力|做好)?(?:配合|参与|协助)"
)
_CUT = r"[门员公会室]"  # what shows an organisation word was cut short: 部|门, 委|员会, 办|公室
_SUFFIX_AT = re.compile(r"(?<=.)" + SUFFIX)
# 由X… / 请X…: whatever follows, X is charged with it (入围项目由市发改局督促进展, 请省发改委加强指导).
_CHARGED = starting_with(
    "由请责",
    r"(?<![自理缘经提报申呈])(?:由|请|责成)(?![于此])"
    + _NAME_LIST
    + r"(?=[\u4e00-\u9fff])(?![的])"
    + _NOT_A_BODY_AFTER,
)


def extract_units(text: str) -> tuple[UnitRef, ...]:
    """The units a passage makes responsible, in order of first mention, each once (lead wins).

    >>> for unit in extract_units("建立统计体系。(市发改局牵头,市财政局、统计局配合)"):
    ...     print(repr(unit))
    UnitRef(name='市发改局', role='lead')
    UnitRef(name='市财政局', role='support')
    UnitRef(name='市统计局', role='support')
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


# 有关区、市政府 / 各县、市、区人民政府 / 县〔市、区〕政府 are one collective (the governments of those districts
# and county-level cities) with the level words listed: the 市政府 in it is not the city government. Joining
# the levels with 和 (same length, so positions hold) keeps the list splitter from cutting 市政府 off as a
# body of its own.
_LEVEL_LIST = starting_with(
    "各有相县市区州",
    r"(?:各|有关|相关)[县市区](?:、[县市区])+(?=(?:人民)?政府)|[县市区州][(〔\[][县市区](?:、[县市区])+[)〕\]](?=(?:人民)?政府)",
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
        line = text[text.rfind("\n", 0, match.start()) + 1 : text.find("\n", match.end()) % (len(text) + 1)]
        if re.search("主办|承办", match["label"]) and _SITE_CREDIT.search(line):
            continue
        role = _label_role(match, labels[index - 1] if index else None, labels[index + 1 : index + 2])
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
        beside = [
            m
            for m in (before, *after)
            if m and abs(m.start() - match.start()) < 120 and not re.search(r"[。\n]", _between(m, match))
        ]
        if any(_LEAD_LABEL.search(m["label"]) for m in beside):
            return SUPPORT
    return LEAD


def _between(a: re.Match, b: re.Match) -> str:
    first, second = sorted((a, b), key=lambda m: m.start())
    return first.string[first.end("list") : second.start()]


# What follows a role word or a 由X when the act is reported or describes a thing, not charged: 联合下发了,
# 牵头组织编制了《若干政策》 (done), 由中国电子信息行业联合会发布的…榜单, 联合发布的 (a list someone published).
_REPORTED_ACT = re.compile(
    r"[^,，。;；:：\n]{0,10}?(?:(?<![为除])了(?!解)|(?:发布|下发|印发|公布|颁发|出具|评定|命名)的)"
)


def _before_roles(text: str) -> list[tuple[int, str, str]]:
    found = []
    previous: tuple[int, str] | None = None  # where the last list ended, and its last name
    for match in _ROLE.finditer(text):
        start = match.start()
        if _REPORTED_ACT.match(text, match.end()):
            continue
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
_JOINING = starting_with("会联协组", r"会同|联合(?![国会体社])|协同|(?<![委党])组织(?![部机领实开])")


def _joined(text: str) -> list[tuple[int, str, str]]:
    """The bodies named after 会同/联合/组织, whoever does the joining (the issuer itself when unnamed): support.

    >>> _joined("市政务数据主管部门应当会同市网信、公安、保密等部门统筹建立全市政务数据安全管理制度")[0][1:]
    ('市网信部门', 'support')
    """
    return [
        (match.end(), name, SUPPORT)
        for match in _JOINING.finditer(text)
        for name in _after(text, match.end())
        if named_start(name)
    ]  # 联合高校院所, 组织召开现场会: no body


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
        name = item[: end.end()]
        if not FALSE_END.search(name) and not re.match(_CUT, item[end.end() : end.end() + 1]):
            return name
    return None


def _subject_matches(text: str):
    """_SUBJECT.finditer(text), tried only in the sentences holding a _SUBJECT_END: the others cannot hold a
    match, and trying one at each of a sentence's commas was most of the units' parse. A sentence is searched
    from its start (the look-behind still sees the character before) to _AFTER_SUBJECT past its end (as far
    as the look-aheads read); a match that starts past the sentence's end belongs to the next one."""
    start = 0
    for end in _SUBJECT_END.finditer(text):
        if end.start() < start:
            continue  # in the sentence just read
        boundary = max(text.rfind(mark, start, end.start()) for mark in "。;；")
        start = max(start, boundary + 1)
        stop = _SENTENCE_END.search(text, end.start())
        stop = stop.end() if stop else len(text)
        for match in _SUBJECT.finditer(text, start, stop + _AFTER_SUBJECT):
            if match.start() >= stop:
                break
            yield match
        start = stop


def _subjects(text: str) -> list[tuple[int, str, str]]:
    found = []
    for match in _subject_matches(text):
        if FALSE_END.search(match["list"] + text[match.end() : match.end() + 1]):
            continue  # 生态环境部会|同…: the name was cut inside a word
        start, names = _clause_subject(match["list"])
        if _PAST.match(text, match.end(), match.end() + 60):
            continue  # 市政府组织对…进行了责任分解: a report of what was done, not a duty
        if not _STATED.match(text, match.end()):
            continue  # …人事部门要会|: the text was cut before the duty was said
        if names and named_start(names[0]):  # a clause opening with any word ending in 局 is no duty
            role = SUPPORT if _SUPPORTING.match(text, match.end()) else LEAD  # 公安部门要积极配合: support
            found.extend((match.start("list") + start, name, role) for name in names)
    for match in _CHARGED.finditer(text):
        following = text[match.end() : match.end() + 1]
        if FALSE_END.search(match["list"] + following) or re.match(_CUT, following):
            continue  # 由国家和社|会: the name was cut inside a word
        if _REPORTED_ACT.match(text, match.end()):
            continue  # 由中国互联网协会发布的榜单: who made a thing, not who is charged
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
    return [
        (match.start("name"), match["name"], LEAD)
        for match in _SET_UP.finditer(text)
        if is_org(match["name"]) and not GENERIC.search(match["name"])
    ]


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
            header = (len(cells), [(i, role) for (i, _), role in zip(labels, roles, strict=False)]) if labels else None
        else:
            for index, role in header[1]:
                found.extend(
                    (position, name, item_role or role)
                    for name, item_role in _cell_units(_cell_of(cells, index, header[0]) or "")
                )
        position += len(line) + 1
    return found


_COLUMN_LABEL = re.compile(_LABEL_WORD + r"(?:[(（][^()（）]{1,10}[)）])?")


def _column_roles(labels: list[str]) -> list[str]:
    """Each unit column's role; 责任单位 beside a 牵头单位 column helps, as in a bracket.

    >>> _column_roles(["牵头单位", "责任单位"]), _column_roles(["主要责任单位"])
    (['lead', 'support'], ['lead'])
    """
    led = any(_LEAD_LABEL.search(label) for label in labels)
    return [
        SUPPORT if _SUPPORT_LABEL.search(label) or led and "责任" in label and not _LEAD_LABEL.search(label) else LEAD
        for label in labels
    ]


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
                found.extend(
                    (position, name, item_role or roles[min(run, len(roles) - 1)]) for name, item_role in units
                )
                run += 1
            else:
                run = 0
        position += len(line) + 1
    return found


_DATE_LINE = re.compile(
    r"\s*(?:\d{4}|[一二三四五六七八九〇○零]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日\s*"
)


def _signed(lines: list[str], number: int) -> bool:
    """Whether lines[number] signs a text: its next non-blank line, within two, is a date alone."""
    following = [line for line in lines[number + 1 : number + 4] if line.strip()][:1]
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
