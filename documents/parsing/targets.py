"""Targets: quantified goals (到2025年产值达到1000亿元), one per figure, from sentences and planned-figure tables.

A figure (figures.py) is a number (Arabic, Chinese or mixed: 2万, 千, 两), an optional range end (2—3家), a unit as
written and a modifier (以上, 左右, 以内). It is a target when its clause sets a goal (达到, 力争, 新建 …) and it is
not a threshold (亿元以上项目), a reward or allocation (给予50万元奖励, 安排2000万元), an ordinal (第65次), a quoted
label (“五个一”) or a past fact (2014年完成…, a 工作回顾 section). Its year is the nearest goal year in its
sentence, else its heading's, else the plan's own for an annual plan (2015年…工作方案), else null.
"""

from __future__ import annotations

import re

from .figures import MAX_FIGURES, TIME_UNITS, Figure, read_figures, time_committed
from .target_tables import extract_table_targets
from .target_years import PlanYears, goals_years, heading_years, past_section_spans, plan_years
from .types import OutlineNode, Target

_SENTENCES = re.compile(r"[^。!?！？\n|]+")
# What ends a list of goals within a sentence: a new subject that is past, a condition, or a rule.
_GOAL_BREAK = re.compile(r"其中|已|现有|目前|对|凡|按|给予|奖励|补助|补贴")
# A short parenthesis is part of a name (县(市、区), 开发区(园区)); a long one is an aside with its own figures.
_CLAUSE_BREAK = re.compile(r"[,;:，；：]|[(（](?![^()（）,;，；]{1,8}[)）])")
_GRADING = re.compile(r"\d(?:\.\d+)?分|得分|加分|扣分|基本分|分值|权重")

# Words that make a clause a goal: the figure must follow one of them (or carry 以上/左右 itself).
_GOAL = re.compile(
    r"达到|达|突破|超过|超|力争|确保|争取|实现|完成|新增|增长|增加|增速|增幅|提高|提升|下降|降低|减少|控制|培育|建成|建设|新建|"
    r"引进|招引|打造|开工|推进|培训|转移|搬迁|安置|保持|不低于|不少于|不超过|低于|高于|累计|年均|扩大|办结|创建|认定|改造|"
    r"组建|形成|吸引|带动|覆盖|淘汰|压减|化解|签约|储备|谋划|创造|增至|压缩|缩短|达标|建立|新上|培养|举办|认定|吸纳|"
    r"招聘|稳定在|取得|实施|推出|举办|遴选|部署|攻克|引育|涨幅|缩减|精简|削减|争创|创成|上市|挂牌|入选|入围|落地|投产|竣工|增加到|提高到|降至|降到|不高于|节约|节能|开通|计划"
)
# Verbs too common to make a goal of any figure, but that do for a count: 推动100家企业实施…
_COUNT_GOAL = re.compile(r"推动|发布|面向|带动|遴选|评选|选取|布局|支持|扶持|争创")
_CONDITION = re.compile(r"[^。;；]{0,60}?的[,，]\s*(?:可|给予|按|予以|即可|方可|视为|享受)")
# 120项工作任务, 八项行动, 四项改革: counts of the notice's own tasks and programmes, not goals.
_TASK_COUNT = re.compile(
    r"[\u4e00-\u9fff]{0,4}?(?:工作|任务|措施|举措|政策|主张|原则|要求|制度|内容|行动|改革|机制|功能)"
)
_RECURRING = re.compile(r"年均|每年|\d年内|[一二三四五]年内")  # searched: \d+ would rescan digit runs
_QUALIFIER = re.compile(r"力争|确保|争取|努力|预计")
# A figure that ends a list opened by 第 is an ordinal too (第3、81项, 第1至4项); searched only in a short window.
_ORDINAL_LIST = re.compile(
    r"第[\d一二三四五六七八九十]{1,4}(?:[、,和及至到—-][\d一二三四五六七八九十]{1,4}){0,8}[、,和及至到—-]$"
)
_REWARD = re.compile(
    r"给予|奖励|补助|补贴|资助|奖补|贴息|一次性|最高|上限|罚款|收费|费用|不超过|不低于|不高于|最多|起点|额度"
)
# Implicit 亿 (500亿产能, 20亿以上) is money only where the clause speaks of money.
_MONEY_WORDS = re.compile(
    r"产值|收入|投资|产能|规模|营业|销售|税|融资|资金|资本|贷款|基金|金额|总额|增加值|GDP|生产总值|经济"
)
# Rules and measures (管理办法, 实施细则) set conditions, not goals: only their processing times count.
# A version or trial mark may follow: 管理办法(试行), 服务资源供给办法(V1.0).
_RULES_TITLE = re.compile(r"(?:办法|细则|规定|规则|条例|通告)(?:[(（][^()（）]{1,12}[)）])?$")
# A rules text names itself in its articles (本实施细则所称…, 本办法适用于…): where no title was found (a page
# that lost its heading), that is how the kind of text shows.
_RULES_SELF = re.compile(r"本(?:实施)?(?:管理)?(?:办法|细则|规定|条例)(?:所称|适用于|自|由)")
_ALLOCATION = re.compile(
    r"安排|下达|拨付|投入|设立|注入|出资|筹集|统筹|发行|支出|预算|赤字|国债|拨款|减税|降费|比上年|比去年"
)
_ELIGIBILITY = re.compile(r"\s*(?:[(（]?[一二三四五六七八九十\d]+[)）、.]\s*)?(?:对|凡|对于|凡是)[^,，。;；]{0,300}?的")
# 对…的 opens a clause anywhere in the sentence: 其中,对年营业收入达到2000万元以上…的企业,给予….
_FOR_THOSE = re.compile(r"(?:^|[可要将并,，;；:：])(?:对|对于)[^。;；]{0,60}$")
_SUPPORT_AFTER = re.compile(r"[^。;；]{0,60}?的[^。;；]{0,30}?(?:给予|予以|补贴|奖励|补助|奖补)")
_PAST = re.compile(r"已|目前|截至|截止|去年|上年度|一年来|过去")
# A sentence that opens on the present or a span up to now reports results in every clause (截至目前,累计为1657家
# 企业提供了…; 平台上线以来,实现…20个部门互动,涵盖449项业务), unless a goal word comes before the figure.
_PAST_OPENING = re.compile(
    r"\s*(?:截至|截止)(?:目前|当前|现在)|\s*(?:目前|近年来|近几年来?|多年来|今年以来)|[^,，;；。]{0,30}以来[,，]"
)
_GOAL_MARK = re.compile(r"力争|确保|争取|预计|计划|目标|(?:到|至)(?:19|20)\d\d|今后|未来|将(?!近)")
# A figure the clause says was acted on: 提供了6245人次, 66个…项目进行了细化安排 (not 为了, 除了, 了解).
_DONE_BEFORE = re.compile(r"(?<![为除])了$")
_DONE_AFTER = re.compile(r"[^,，;；。:：]{0,20}?(?<![为除])了(?!解)")
_THRESHOLD_AFTER = re.compile(
    r"(?:以上|以下|及以上|及以下)?(?:规模)?(?:的|[\u4e00-\u9fff]{0,6}?(?:项目|企业|工程|园区|集群|产业集群|大户|单位))"
)
_LABEL_AFTER = re.compile(
    r"[^,;。，；”\"]{0,3}”|增长|一体|统一|到位|并重|同步|不变|优先|全覆盖|率先|阶段|方面|层次|环节|步|维度|原则|机制|体系|民族|部分|争鸣|会议|全会|全体会议|字"
)
# 80%以上的建筑业企业实现数字化转型: a share of the things counted, with the goal they reach after it.
_SHARE_OF = re.compile(
    r"(?:以上|左右)?的?[\u4e00-\u9fff]{1,12}?(?:实现|达到|具备|完成|采用|开展|建成|应用|接入|覆盖|纳入|通过)"
)
# Lead words of a clause that say nothing about what is measured.
_METRIC_LEAD = re.compile(
    r"^(?:(?:到|至|在)?(?:20\d\d|19\d\d)年(?:底|末)?(?:前)?|全年|今年|本年度|年内|力争|确保|争取|努力|预计|计划|全市|全县|全区|"
    r"全省|全国|我市|我县|我区|其中|同时|并|和|及|或|使|把|将|要|以上|通过|实现|完成|达到|\s)+"
)
_METRIC_VERB = re.compile(
    r"(?:力争|确保|争取)?(?:达到|实现|完成|突破|超过|超|达|保持|控制在|稳定在|为|是|至|到|分别达到|分别|各)+$"
)


_WINDOW = 300  # how far back a figure's clause, qualifier and open 《 are looked for


def extract_targets(
    text: str, outline: tuple[OutlineNode, ...], *, reference_year: int | None, title: str | None = None
) -> tuple[Target, ...]:
    """Every quantified goal in the text, in reading order.

    >>> [(t.metric, t.value, t.unit, t.year, t.comparator, t.qualifier) for t in extract_targets(
    ...     "规模以上工业增加值增速力争达到15%,新增从业人员2万人以上。", (), reference_year=2015,
    ...     title="2015年平顶山市加快产业集聚区建设专项工作方案")]
    [('规模以上工业增加值增速', 15.0, '%', 2015, '>=', '力争'), ('新增从业人员', 2.0, '万人', 2015, '>=', '力争')]
    """
    years = plan_years(title, reference_year)
    rules = bool(_RULES_TITLE.search(title) if title else _RULES_SELF.search(text))
    headings = heading_years(text, outline, years)
    goals = goals_years(text, outline, years)
    past = past_section_spans(text, outline, years)
    tables, table_lines = extract_table_targets(text, years)
    found = list(tables)
    budget = MAX_FIGURES
    for match in _SENTENCES.finditer(text):
        start = match.start()
        figures = read_figures(match.group(), limit=budget)  # first: most sentences hold none, and it is cheap
        if not figures or any(a <= start < b for a, b in table_lines) or any(a <= start < b for a, b in past):
            continue
        budget -= len(figures)
        found.extend(
            t
            for t in _sentence_targets(match.group(), start, years, lambda at: goals(at) or headings(at), figures)
            if not rules or t.unit in TIME_UNITS
        )
        if budget <= 0:
            break
    return tuple(sorted(found, key=lambda t: (t.start or 0, t.end or 0)))


def _sentence_targets(sentence: str, offset: int, years: PlanYears, headings, figures: list[Figure]) -> list[Target]:
    if not figures:
        return []
    targets: list[Target] = []
    sentence_years = years.in_sentence(sentence)

    def clause_start(figure: Figure) -> int:
        return _clause_start(sentence, figure.start)

    accepted: list[Figure] = []
    recurring = bool(_RECURRING.search(sentence))  # 年均/每年/三年内 goals take no plan year
    past_opening = _PAST_OPENING.match(sentence)
    for index, figure in enumerate(figures):
        # Only the figures of the same clause matter, and a clause is at most _WINDOW long.
        near = [f for f in figures[max(0, index - 8) : index]]
        continued = bool(accepted) and _continues(sentence, accepted[-1], figure)
        if not _is_goal(sentence, figure, near, continued=continued) or _reported(sentence, figure, past_opening):
            continue
        year = _paired_year(sentence, figure, accepted) or years.pick(
            sentence,
            figure.start,
            sentence_years,
            before_only=_RECURRING.search(sentence, clause_start(figure), figure.end),
        )
        if year is False:  # a past year (2014年完成…): a result, not a goal
            continue
        if year is None:
            year = headings(offset + figure.start)
            if year is None and not recurring:
                year = years.plan
        targets.append(_target(sentence, offset, figure, accepted, year, targets))
        accepted.append(figure)
    return targets


# 2024年、2025年分别突破2.2万亿元、2.4万亿元: a list of years paired, in order, with the figures after 分别.
_YEAR_LIST = re.compile(r"((?:(?:19|20)\d\d\s*年\s*[、和及与]\s*)+(?:19|20)\d\d\s*年(?:底|末)?)\s*(?:要|将|力争)?分别")
_LISTED_YEAR = re.compile(r"(?:19|20)\d\d")


def _paired_year(sentence: str, figure: Figure, accepted: list[Figure]) -> int | None:
    """The year a 分别 list pairs with this figure: the k-th figure after 分别 takes the k-th year."""
    if sentence.find("分别", max(0, figure.start - _WINDOW), figure.start) < 0:  # a look back, not the sentence
        return None
    listed = None
    for match in _YEAR_LIST.finditer(sentence, max(0, figure.start - _WINDOW), figure.start):
        listed = match
    if listed is None:
        return None
    rank = sum(1 for f in accepted if f.start >= listed.end())
    listed_years = _LISTED_YEAR.findall(listed.group(1))
    return int(listed_years[rank]) if rank < len(listed_years) else None


def _reported(sentence: str, figure: Figure, past_opening: re.Match | None) -> bool:
    """A result the sentence reports: it opens on the present (截至目前, …以来) or says the figure was acted on
    (提供了6245人次), with no goal word (力争, 到2025年, 计划 …) before the figure."""
    if _GOAL_MARK.search(sentence, max(0, figure.start - _WINDOW), figure.start):
        return False
    if past_opening:
        return True
    clause_start = _clause_start(sentence, figure.start)
    return bool(_DONE_BEFORE.search(sentence, clause_start, figure.start) or _DONE_AFTER.match(sentence, figure.end))


def _continues(sentence: str, previous: Figure, figure: Figure) -> bool:
    """A clause right after a goal's continues its list: 培育3家…平台,20家…平台; 累计培育项目120个,供应商15个;
    要实现开工项目31项,签约项目53项,洽谈项目137项. A semicolon closes the list."""
    opening = _clause_start(sentence, figure.start)
    if opening == 0 or sentence[opening - 1] not in ",，、":
        return False
    between = sentence[previous.end : opening - 1]
    return (
        previous.end <= opening - 1
        and not _CLAUSE_BREAK.search(between)
        and not _GOAL_BREAK.search(sentence, opening, figure.start)
    )


def _is_goal(sentence: str, figure: Figure, figures: list[Figure], *, continued: bool = False) -> bool:
    """Whether a figure is a goal: nothing rules it out, and its clause sets one."""
    clause_start = _clause_start(sentence, figure.start)
    prefix, after = sentence[clause_start : figure.start], sentence[figure.end : figure.end + 40]
    if figure.graded:
        return any(
            f.count and _is_named_tally(sentence[clause_start : f.start], f)
            for f in figures
            if clause_start <= f.start < figure.start
        )
    if _is_ruled_out(sentence, figure, prefix, after, clause_start):
        return False
    if _is_named_tally(prefix, figure) or _is_threshold_after_count(sentence, prefix, figure, figures, clause_start):
        return False
    if figure.unit == "倍" or time_committed(sentence, figure.end, figure.unit) or figure.mod and figure.count:
        return True
    if _is_share_goal(prefix, after, figure):
        return True
    # (全市规模以上工业企业年销售收入1000亿元以上), 赤字占国内生产总值比重在3%以内; not 税额标准为…的50%左右.
    if figure.mod and _MONEY_WORDS.search(prefix) and not prefix.endswith("的"):
        return True
    # Weak verbs make a goal of a real quantity (推动100家企业, 支持千家企业), not of 支持两个特别行政区.
    if figure.count and _COUNT_GOAL.search(prefix) and (sentence[figure.start].isdigit() or figure.value >= 100):
        return True
    return continued or bool(_GOAL.search(prefix))


def _is_ruled_out(sentence: str, figure: Figure, prefix: str, after: str, clause_start: int) -> bool:
    """Cited titles, labels, thresholds, rewards, allocations, eligibility, past facts and counts of tasks."""
    before = sentence[max(0, figure.start - _WINDOW) : figure.start]
    if before.count("《") > before.count("》") or before.count("<") > before.count(">"):
        return True  # a cited title: 《…等三个考核评价办法的通知》
    if _GRADING.search(sentence, clause_start, figure.end + 20):
        return True  # a grading rule: 增加值增速达到10%得基本分(25分)的90%
    money, count = _is_money(figure.unit), figure.count
    if (
        figure.unit == "亿元"
        and not figure.explicit
        and not _MONEY_WORDS.search(sentence[clause_start : figure.end + 6])
    ):
        return True
    if (
        prefix.endswith(("“", '"', "第", "每", "由", "从", "以"))
        or count
        and _LABEL_AFTER.match(after)
        or _ORDINAL_LIST.search(sentence, max(0, figure.start - 40), figure.start)  # 第十二条第4、6、10、88项
    ):
        return True
    if figure.unit in ("名", "位") and prefix.endswith("前") and re.match(r"[\u4e00-\u9fff]", after):
        return True  # 自然指数前100名高校: a rank that qualifies what is named, not a count
    if re.search(r"每[\u4e00-\u9fff]{1,3}$", prefix) and not re.search(
        r"每(?:年|月|季度?|周)[\u4e00-\u9fff]{0,3}$", prefix
    ):
        return True
    if (
        not _is_share_goal(prefix, after, figure)
        and not count
        and figure.unit != "倍"
        and _THRESHOLD_AFTER.match(after)
    ):
        return True  # 亿元以上项目, 2000万元以上的企业: a threshold naming what is counted
    if money and (_REWARD.search(prefix) or re.match(r"[\u4e00-\u9fff]{0,3}(?:奖励|补助|补贴|资助)", after)):
        return True
    if figure.unit == "%" and (
        _REWARD.search(_CLAUSE_BREAK.split(after, 1)[0][:8]) or re.search(r"按|给予|贴息|补助|奖励", prefix)
    ):
        return True
    if money and (_ALLOCATION.search(prefix) and not _QUALIFIER.search(prefix) or _ELIGIBILITY.match(sentence)):
        return True  # 安排2000万元; 对年营业收入达到2000万元以上…的: who qualifies
    if _FOR_THOSE.search(sentence, max(0, figure.start - 80), figure.start) and _SUPPORT_AFTER.match(
        sentence, figure.end
    ):
        return True  # 可对单户担保金额500万元及以下…的担保业务给予适当补贴: who qualifies for support
    if _CONDITION.match(sentence, figure.end, figure.end + 80):
        return True  # …达到15%并与其签订1年以上劳动合同的,可申请: a condition for support
    if re.search(r"安排|下达|拨付", prefix) and not _QUALIFIER.search(prefix):
        return True  # 为每个产业集聚区安排用地指标不低于500亩: an allocation of land, not a goal
    if figure.unit in ("项", "条") and _TASK_COUNT.match(after):
        return True
    return bool(_PAST.search(prefix))


def _is_share_goal(prefix: str, after: str, figure: Figure) -> bool:
    """全市80%以上工程项目采用数字化建造模式: the share of things reaching a goal, not a bar they pass."""
    return figure.unit == "%" and bool(_SHARE_OF.match(after)) and not _METRIC_LEAD.sub("", prefix).strip()


def _clause_start(sentence: str, position: int) -> int:
    # A bounded look back keeps a 1 MB body with no full stops linear.
    window = max(0, position - _WINDOW)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, window, position)]
    return breaks[-1] if breaks else window


def _is_money(unit: str) -> bool:
    return unit.endswith("元")


def _is_named_tally(prefix: str, figure: Figure) -> bool:
    """纺织、食品等3个产业: the count only tallies the names before it, so the threshold is the goal."""
    # The clause's last stretch, cut with rfind: a search for `[^,;:]*等$` retried every start (quadratic).
    tail = prefix[max(prefix.rfind(c) for c in ",;:，；：") + 1 :]
    m = re.fullmatch(r"(.*)等", tail, re.S) or re.fullmatch(r"(.*、[^、]*)", tail, re.S)
    if m and not m.group().endswith("等") and _GOAL.search(m.group().rsplit("、", 1)[-1]):
        return False  # 高端装备等领域建设2—3家: the names are where, the count is what is built
    if not figure.count or not m:  # 香港、澳门两个特别行政区 tallies without 等 too
        return False
    # 等 stands for a name or two more (纺织、食品等3个); 等10个以上 counts firms the text does not name.
    names = len(m.group(1).split("、"))
    return not figure.mod and names <= figure.value <= names + 2


def _is_threshold_after_count(sentence, prefix: str, figure: Figure, figures: list[Figure], clause_start: int) -> bool:
    """5家以上企业营业收入超50亿元: the money is the bar the counted firms pass, the count is the goal."""
    if figure.count or not re.search(r"(?:超过|超|过|突破)$", prefix):
        return False
    return any(
        f.count and clause_start <= f.start < figure.start and not _is_named_tally(sentence[clause_start : f.start], f)
        for f in figures
    )


def _target(sentence, offset, figure: Figure, accepted: list[Figure], year: int | None, earlier) -> Target:
    clause_start = _clause_start(sentence, figure.start)
    prefix = sentence[clause_start : figure.start]
    # 分别达到240亿元、90亿元 / 比重达到50%以上、研发投入强度达到3%: after a figure of the same clause, what is between.
    metric_start = max([clause_start] + [f.end for f in accepted[-8:] if f.end <= figure.start])
    segment = sentence[metric_start : figure.start].lstrip("、以上左右")
    counted = _counted(figure, sentence)
    if (
        metric_start > clause_start and counted
    ):  # 10个现代农业综合区、20个主导产业示范区: the segment is the first's noun
        segment = ""
    qualifier = _QUALIFIER.search(sentence, max(0, figure.start - _WINDOW), figure.start)
    return Target(
        text=sentence[clause_start : figure.end].strip(),
        metric=_metric(segment, earlier, counted) or _following_noun(sentence, figure),
        value=figure.value,
        unit=figure.unit,
        value_max=figure.value_max,
        year=year,
        comparator=_comparator(prefix, figure.mod),
        qualifier=qualifier.group() if qualifier else (figure.mod or None),
        start=offset + clause_start + len(prefix) - len(prefix.lstrip()),
        end=offset + figure.end,
    )


def _counted(figure: Figure, sentence: str) -> str:
    """What a count counts: 新建2—3家省级以上研发机构 → 省级以上研发机构."""
    if not figure.count:
        return ""
    m = re.match(r"[^,;:。，；：、或和及等()（）]{1,20}", sentence[figure.end : figure.end + 20])  # 等 closes a list
    return re.sub(r"(?:建设|工作|等)$", "", m.group()) if m else ""


def _following_noun(sentence: str, figure: Figure) -> str:
    """力争到2025年达到1000亿产能规模: the metric written after the figure."""
    m = re.match(r"(?:以上|左右|以内|内)?([\u4e00-\u9fff]{2,10})", sentence[figure.end : figure.end + 12])
    return m.group(1) if m else ""


def _metric(prefix: str, earlier: list[Target], counted: str = "") -> str:
    """规模以上工业增加值增速力争达到 → 规模以上工业增加值增速; 实现主营业务收入 → 主营业务收入.

    A count takes what it counts (新建 + 省级以上研发机构); the second figure of a list (分别达到240亿元、90亿元)
    and a bare 同比增长 take the figure before theirs.
    """
    if counted:
        lead = re.sub(r"^(?:有|是|为)", "", _METRIC_VERB.sub("", _METRIC_LEAD.sub("", prefix.strip())))
        return (re.sub(r"^(?:重点|大力|积极|加快|着力|继续)+", "", lead) + counted)[-40:]
    metric = _METRIC_LEAD.sub("", prefix.strip())
    metric = re.sub(r"^(?:实现|完成|达到)", "", metric)
    metric = _METRIC_VERB.sub("", metric).strip(' “”"()（）')
    if earlier and (not metric or re.match(r"(?:同比|比上年|较上年|年均)?(?:增长|下降|增速|提高)", metric)):
        metric = earlier[-1].metric + metric
    return metric[-40:]


def _comparator(prefix: str, mod: str) -> str:
    if mod in ("以上", "及以上"):
        return ">="
    if re.search(r"(?:不[得应能]?(?:低于|少于)|至少)\s*$", prefix):
        return ">="
    if mod in ("以下", "以内", "之内") or re.search(
        r"(?:不超过|控制在|低于|不高于|压缩至|压缩到|缩短至|缩短到)\s*$", prefix
    ):
        return "<="
    if mod == "左右":
        return "="
    if re.search(r"(?:超过|超|突破|高于|大于)\s*$", prefix):
        return ">"
    if re.search(r"(?:达到|不低于|不少于|至少|力争|确保)\s*$", prefix):
        return ">="
    return "="
