"""Targets: quantified goals (到2025年产值达到1000亿元), one per figure, from sentences and planned-figure tables.

A figure is a number (Arabic, Chinese or mixed: 2万, 千, 两), an optional range end (2—3家), a unit as written
and a modifier (以上, 左右, 以内). It is a target when its clause sets a goal (达到, 力争, 新建 …) and it is not
a threshold (亿元以上项目), a reward or allocation (给予50万元奖励, 安排2000万元), an ordinal (第65次), a quoted
label (“五个一”) or a past fact (2014年完成…, a 工作回顾 section). Its year is the nearest goal year in its
sentence, else its heading's, else the plan's own for an annual plan (2015年…工作方案), else null.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import parse_number
from .target_tables import extract_table_targets
from .target_years import PlanYears, goals_years, heading_years, past_section_spans, plan_years
from .types import OutlineNode, Target

_NUM = r"(?:\d+(?:\.\d+)?[十百千万亿]*|[零〇一二两三四五六七八九十百千万亿]+)"
# A figure starts where its digit run starts: a match tried inside a long run would rescan the run's
# rest from every digit (quadratic); _figure() refused such a cut run anyway.
_NUM_START = r"(?:(?<![\d.])(?=\d)|(?<![\d零〇一二两三四五六七八九十百千万亿])(?=[零〇一二两三四五六七八九十百千万亿]))"
# Longest first, so 万平方米 is not read as 万 + 平方米's tail.
_BASE_UNITS = (
    "个百分点",
    "百分点",
    "个工作日",
    "工作日",
    "吨标准煤",
    "标准煤",
    "平方公里",
    "平方米",
    "立方米",
    "千瓦时",
    "千瓦",
    "兆瓦",
    "公里",
    "千米",
    "公顷",
    "标箱",
    "人次",
    "美元",
    "元",
    "公斤",
    "斤",
    "%",
    "‰",
    "倍",
    "亩",
    "吨",
    "个",
    "家",
    "项",
    "名",
    "人",
    "户",
    "座",
    "所",
    "条",
    "台",
    "辆",
    "件",
    "款",
    "种",
    "处",
    "套",
    "部",
    "场",
    "栋",
    "张",
    "艘",
    "架",
    "只",
    "床",
    "支",
    "次",
    "小时",
    "天",
    "位",
    "EB",
    "PB",
    "TB",
    "Gbps",
    "Mbps",
    "GW",
    "MW",
)
# 个 before 月/年/季度 is a duration (48个月), not a count.
_UNIT = "|".join(re.escape(u) + ("(?![月年季星])" if u == "个" else "") for u in _BASE_UNITS) + r"|(?i:[EPT]FLOPS)"
_FIGURE = re.compile(
    rf"{_NUM_START}(?P<num>{_NUM})(?:%?\s*(?:—|–|-|~|～|至|到)\s*(?P<max>{_NUM}))?(?P<approx>余|多)?"
    rf"(?:(?P<unit>{_UNIT})|(?<=亿))(?P<per>/(?:人|亩|吨|年|户|天|平方米|吨标准煤|千瓦时))?(?P<mod>及以上|及以下|以上|以下|左右|以内|之内)?"
)
_FIGURE_HINT = re.compile(r"[\d一二三四五六七八九十百千万亿两番]")  # a sentence without one of these holds no figure
_DOUBLING = re.compile(r"“?翻(?P<times>一|两|二)?番”?")
_SENTENCES = re.compile(r"[^。!?！？\n|]+")
# What ends a list of goals within a sentence: a new subject that is past, a condition, or a rule.
_GOAL_BREAK = re.compile(r"其中|已|现有|目前|对|凡|按|给予|奖励|补助|补贴")
# A short parenthesis is part of a name (县(市、区), 开发区(园区)); a long one is an aside with its own figures.
_CLAUSE_BREAK = re.compile(r"[,;:，；：]|[(（](?![^()（）,;，；]{1,8}[)）])")
_GRADING = re.compile(r"\d(?:\.\d+)?分|得分|加分|扣分|基本分|分值|权重")

COUNT_UNITS = frozenset("位 个 家 项 名 人 户 座 所 条 台 辆 件 款 种 处 套 部 场 栋 张 艘 架 只 床 支 次 人次".split())
_TIME_UNITS = frozenset({"个工作日", "工作日", "小时", "天"})
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
_TIME_DONE = re.compile(r"内(?:办结|完成|办理|答复|审结|出具|反馈|处理|回复)")
# Lead words of a clause that say nothing about what is measured.
_METRIC_LEAD = re.compile(
    r"^(?:(?:到|至|在)?(?:20\d\d|19\d\d)年(?:底|末)?(?:前)?|全年|今年|本年度|年内|力争|确保|争取|努力|预计|计划|全市|全县|全区|"
    r"全省|全国|我市|我县|我区|其中|同时|并|和|及|或|使|把|将|要|以上|通过|实现|完成|达到|\s)+"
)
_METRIC_VERB = re.compile(
    r"(?:力争|确保|争取)?(?:达到|实现|完成|突破|超过|超|达|保持|控制在|稳定在|为|是|至|到|分别达到|分别|各)+$"
)


_WINDOW = 300  # how far back a figure's clause, qualifier and open 《 are looked for
# Each figure is weighed against its clause (tens of microseconds). The notice of the dev corpus with
# most figures holds about 200: past 20,000 a text is a data dump or hostile, and weighing every `5%`
# of a 10 MB run would take minutes. The figures after the bound are not read.
MAX_FIGURES = 20_000


@dataclass(frozen=True)
class _Figure:
    value: float
    value_max: float | None
    unit: str
    mod: str
    start: int
    end: int
    graded: bool = False  # 千亿级: a class a named tally of items reaches (等3个千亿级产业集群)
    explicit: bool = True  # False for 亿 with no 元 written

    @property
    def count(self) -> bool:
        """A count of things, at any scale: 3家, 2万家, 1万名."""
        return self.unit.lstrip("万亿") in COUNT_UNITS


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
        figures = _figures(match.group(), limit=budget)  # first: most sentences hold none, and it is cheap
        if not figures or any(a <= start < b for a, b in table_lines) or any(a <= start < b for a, b in past):
            continue
        budget -= len(figures)
        found.extend(
            t
            for t in _sentence_targets(match.group(), start, years, lambda at: goals(at) or headings(at), figures)
            if not rules or t.unit in _TIME_UNITS
        )
        if budget <= 0:
            break
    return tuple(sorted(found, key=lambda t: (t.start or 0, t.end or 0)))


def _sentence_targets(sentence: str, offset: int, years: PlanYears, headings, figures: list[_Figure]) -> list[Target]:
    if not figures:
        return []
    targets: list[Target] = []
    sentence_years = years.in_sentence(sentence)

    def clause_start(figure: _Figure) -> int:
        return _clause_start(sentence, figure.start)

    accepted: list[_Figure] = []
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


def _paired_year(sentence: str, figure: _Figure, accepted: list[_Figure]) -> int | None:
    """The year a 分别 list pairs with this figure: the k-th figure after 分别 takes the k-th year."""
    if "分别" not in sentence:
        return None
    listed = None
    for match in _YEAR_LIST.finditer(sentence, max(0, figure.start - _WINDOW), figure.start):
        listed = match
    if listed is None:
        return None
    rank = sum(1 for f in accepted if f.start >= listed.end())
    listed_years = _LISTED_YEAR.findall(listed.group(1))
    return int(listed_years[rank]) if rank < len(listed_years) else None


def _reported(sentence: str, figure: _Figure, past_opening: re.Match | None) -> bool:
    """A result the sentence reports: it opens on the present (截至目前, …以来) or says the figure was acted on
    (提供了6245人次), with no goal word (力争, 到2025年, 计划 …) before the figure."""
    if _GOAL_MARK.search(sentence, max(0, figure.start - _WINDOW), figure.start):
        return False
    if past_opening:
        return True
    clause_start = _clause_start(sentence, figure.start)
    return bool(_DONE_BEFORE.search(sentence, clause_start, figure.start) or _DONE_AFTER.match(sentence, figure.end))


def _continues(sentence: str, previous: _Figure, figure: _Figure) -> bool:
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


def _figures(sentence: str, *, limit: int = MAX_FIGURES) -> list[_Figure]:
    """The sentence's first `limit` figures, in reading order."""
    if not _FIGURE_HINT.search(sentence):
        return []
    figures = []
    for m in _FIGURE.finditer(sentence):
        figure = _figure(m, sentence)
        if figure is not None:
            figures.append(figure)
            if len(figures) >= limit:
                break
    for m in _DOUBLING.finditer(sentence, 0, figures[-1].end if len(figures) >= limit else len(sentence)):
        figures.append(_Figure(4.0 if m.group("times") in ("两", "二") else 2.0, None, "倍", "", m.start(), m.end()))
    return sorted(figures, key=lambda f: f.start)[:limit]


def _figure(m: re.Match, sentence: str) -> _Figure | None:
    num, unit, maximum = m.group("num"), m.group("unit") or "", m.group("max")
    if m.start() and re.match(r"[\d.A-Za-z第]", sentence[m.start() - 1]):  # 第65次, G20, a cut digit run
        return None
    if maximum and maximum[-1] in "万亿" and num[-1] not in "万亿":  # 2—3万人: the scale belongs to both ends
        num += maximum[-1]
    scale = ""
    for big in ("万亿", "亿", "万"):
        if (maximum or num).endswith(big) and (unit or big == "亿"):
            scale, num = big, num[: -len(big)]
            maximum = maximum[: -len(big)] if maximum and maximum.endswith(big) else maximum
            break
    if scale == "万亿" and unit == "元":  # 超万亿元: written in 亿元 like every other large sum
        scale, num = "亿", f"{num or '1'}万"
        maximum = f"{maximum}万" if maximum else maximum
    unit = _unit(scale, unit, m.group("approx")) + (m.group("per") or "")  # 30万元/人: a rate, as written
    if not unit:
        return None
    if not num:  # 万亩以上: one 万, but only right after a verb (达到万亩以上), not 亿元以上项目
        if not re.search(r"(?:达到|突破|超过|超|过|近)$", sentence[max(0, m.start() - 4) : m.start()]):
            return None
        num = "1"
    if num == "一" and not scale:  # 一个产业, 一家: an article, not a count
        return None
    if (
        unit == "次"
        and len(num) == 1
        and not num.isdigit()
        and re.match(r"[\u4e00-\u9fff]", sentence[m.end() : m.end() + 1])
    ):
        return None  # 二次开发, 三次产业: a compound word, not a count
    value = parse_number(num)
    value_max = parse_number(maximum) if maximum else None
    if not value or (maximum and value_max is None):  # 零部件: 零 is no figure
        return None
    if not num[0].isdigit() and (unit in ("元", "处") or unit == "项" and value <= 10 and not m.group("mod")):
        return None  # 人机物三元, 审批服务三处, 四项工作, 六项保障措施: words and labels, not figures
    if unit in _TIME_UNITS and not _time_committed(sentence, m.end(), unit):
        return None
    graded = unit == "亿元" and not m.group("unit") and sentence.startswith("级", m.end())
    return _Figure(value, value_max, unit, m.group("mod") or "", m.start(), m.end(), graded, bool(m.group("unit")))


def _unit(scale: str, unit: str, approx: str | None) -> str:
    if scale and not unit:
        return "亿元" if scale == "亿" else ""
    unit = unit.replace("％", "%")
    return scale + unit if scale else unit


def _is_goal(sentence: str, figure: _Figure, figures: list[_Figure], *, continued: bool = False) -> bool:
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
    if figure.unit == "倍" or _time_committed(sentence, figure.end, figure.unit) or figure.mod and figure.count:
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


def _is_ruled_out(sentence: str, figure: _Figure, prefix: str, after: str, clause_start: int) -> bool:
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


def _is_share_goal(prefix: str, after: str, figure: _Figure) -> bool:
    """全市80%以上工程项目采用数字化建造模式: the share of things reaching a goal, not a bar they pass."""
    return figure.unit == "%" and bool(_SHARE_OF.match(after)) and not _METRIC_LEAD.sub("", prefix).strip()


def _time_committed(sentence: str, end: int, unit: str) -> bool:
    """10个工作日内办结: a processing time the body commits to. Working days are only ever such a time;
    hours and days only with the act that is done within them (2天内完成, not 7天内 as a window)."""
    if "工作日" in unit:
        return sentence.startswith("内", end)
    return bool(_TIME_DONE.match(sentence, end))


def _clause_start(sentence: str, position: int) -> int:
    # A bounded look back keeps a 1 MB body with no full stops linear.
    window = max(0, position - _WINDOW)
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(sentence, window, position)]
    return breaks[-1] if breaks else window


def _is_money(unit: str) -> bool:
    return unit.endswith("元")


def _is_named_tally(prefix: str, figure: _Figure) -> bool:
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


def _is_threshold_after_count(
    sentence, prefix: str, figure: _Figure, figures: list[_Figure], clause_start: int
) -> bool:
    """5家以上企业营业收入超50亿元: the money is the bar the counted firms pass, the count is the goal."""
    if figure.count or not re.search(r"(?:超过|超|过|突破)$", prefix):
        return False
    return any(
        f.count and clause_start <= f.start < figure.start and not _is_named_tally(sentence[clause_start : f.start], f)
        for f in figures
    )


def _target(sentence, offset, figure: _Figure, accepted: list[_Figure], year: int | None, earlier) -> Target:
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


def _counted(figure: _Figure, sentence: str) -> str:
    """What a count counts: 新建2—3家省级以上研发机构 → 省级以上研发机构."""
    if not figure.count:
        return ""
    m = re.match(r"[^,;:。，；：、或和及等()（）]{1,20}", sentence[figure.end : figure.end + 20])  # 等 closes a list
    return re.sub(r"(?:建设|工作|等)$", "", m.group()) if m else ""


def _following_noun(sentence: str, figure: _Figure) -> str:
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
