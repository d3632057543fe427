"""Mainland China's provinces, prefecture-level cities and counties, read from documents/data/regions.csv.

Notices name places in full (平顶山市, 阿坝藏族羌族自治州) or short (平顶山, 阿坝州, 乐清). Short names can
be ambiguous (朝阳: a city in 辽宁, districts in 北京 and 长春, a county) and some are ordinary words
(合作, 东方, 长治久安), so lookups take the rest of the text as context and a few short names are only
accepted in full. Pure Python: loaded once per process.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

REGIONS_CSV = Path(__file__).resolve().parent.parent / "data" / "regions.csv"

# Short forms that are also everyday words or phrases in policy prose; only the full name counts.
_AMBIGUOUS_WORDS = frozenset(
    {
        "合作",
        "东方",
        "大方",
        "通道",
        "长治",
        "和平",
        "太和",
        "永和",
        "安宁",
        "大同",
        "开原",
        "新华",
        "红旗",
        "城关",
        "江南",
        "江北",
        "河东",
        "河西",
        "城中",
        "城东",
        "城西",
        "城南",
        "城北",
        "市中",
        "郊区",
        "矿区",
        "新区",
        "高新",
        "开发",
        "向阳",
        "前进",
        "东风",
        "胜利",
        "安定",
        "永定",
        "平安",
        "丰收",
        "光明",
        "团结",
        "振兴",
        "城厢",
        "龙华",
        "宁国",
        "文化",
        "建设",
        "长安",
        "海南",
        "中山",
        "宜宾",
        "东兴",
        "安全",
        "建华",
        "解放",
        "五四",
        "滨海",
        "临港",
        "大安",
    }
)
# Full names that are also generic words (矿区 in a coal-mining text, 新城区 of any city): never matched.
_GENERIC_FULL_NAMES = frozenset(
    {
        "矿区",
        "郊区",
        "城区",
        "新区",
        "市中区",
        "新城区",
        "城中区",
        "城东区",
        "城西区",
        "城南区",
        "城北区",
        "城关区",
        "开发区",
        "高新区",
        "市辖区",
        "河东区",
        "河西区",
        "江北区",
        "江南区",
    }
)
_ETHNIC_AUTONOMY = re.compile(r"^(.{2,}?)(?:[\u4e00-\u9fff]{1,5}族)+自治(州|县|旗)$")
_PROVINCE_SUFFIX = re.compile(r"(?:壮族|回族|维吾尔)?(?:自治区|特别行政区|省|市)$")
# Prefixes of 文号 for provinces: 浙政发 → 浙江省. Used only to break ties, never alone.
PROVINCE_ABBREVIATIONS = {
    "京": "北京市",
    "津": "天津市",
    "冀": "河北省",
    "晋": "山西省",
    "蒙": "内蒙古自治区",
    "辽": "辽宁省",
    "吉": "吉林省",
    "黑": "黑龙江省",
    "沪": "上海市",
    "苏": "江苏省",
    "浙": "浙江省",
    "皖": "安徽省",
    "闽": "福建省",
    "赣": "江西省",
    "鲁": "山东省",
    "豫": "河南省",
    "鄂": "湖北省",
    "湘": "湖南省",
    "粤": "广东省",
    "桂": "广西壮族自治区",
    "琼": "海南省",
    "渝": "重庆市",
    "川": "四川省",
    "黔": "贵州省",
    "滇": "云南省",
    "云": "云南省",
    "藏": "西藏自治区",
    "陕": "陕西省",
    "甘": "甘肃省",
    "青": "青海省",
    "宁": "宁夏回族自治区",
    "新": "新疆维吾尔自治区",
}


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str  # province, city, county
    parent_code: str | None


@dataclass(frozen=True)
class Place:
    province: str | None = None
    city: str | None = None
    county: str | None = None


@cache
def regions() -> dict[str, Region]:
    """Every region by its code, loaded once.

    >>> regions()["330382"].name
    '乐清市'
    """
    with REGIONS_CSV.open(encoding="utf-8", newline="") as handle:
        return {
            row["code"]: Region(row["code"], row["name"], row["level"], row["parent_code"] or None)
            for row in csv.DictReader(handle)
        }


def short_names(region: Region) -> tuple[str, ...]:
    """The forms a notice may use besides the full name.

    >>> short_names(regions()["513200"])
    ('阿坝州', '阿坝')
    """
    name = region.name
    autonomy = _ETHNIC_AUTONOMY.match(name)
    if autonomy:
        base, kind = autonomy.groups()
        # 阿坝州 and 阿坝 are common; an autonomous county is 镇沅县, as its bare stem may be a word (互助).
        forms = (base + kind, base) if kind == "州" else (base + kind,)  # 镇沅县, not 镇沅
    elif region.level == "province":
        forms = (_PROVINCE_SUFFIX.sub("", name),)
    elif name.endswith(("地区", "林区")):
        forms = (name[:-2],)
    elif name.endswith("市") or region.level != "county" and name.endswith(("县", "盟")):
        forms = (name[:-1],)
    else:  # counties (县), districts (区), banners (旗): bare stems are too often ordinary words (资源, 新兴)
        forms = ()
    return tuple(f for f in forms if len(f) >= 2 and f != name and f not in _AMBIGUOUS_WORDS)


@cache
def _index() -> dict[str, tuple[Region, ...]]:
    index: dict[str, list[Region]] = {}
    for region in regions().values():
        full = () if region.name in _GENERIC_FULL_NAMES else (region.name,)
        for form in (*full, *short_names(region)):
            index.setdefault(form, []).append(region)
    return {form: tuple(found) for form, found in index.items()}


@cache
def _prefixes() -> dict[str, tuple[int, ...]]:
    # Every form is two characters or more: a two-character prefix picks the lengths worth trying.
    lengths: dict[str, set[int]] = {}
    for form in _index():
        lengths.setdefault(form[:2], set()).add(len(form))
    return {prefix: tuple(sorted(found, reverse=True)) for prefix, found in lengths.items()}


def candidates(name: str) -> tuple[Region, ...]:
    """All regions a name may mean.

    >>> [r.name for r in candidates("朝阳")]
    ['朝阳市']
    """
    return _index().get(name, ())


def ancestors(region: Region) -> Place:
    """Province, city and county of a region, as full names.

    >>> ancestors(regions()["330382"])
    Place(province='浙江省', city='温州市', county='乐清市')
    """
    chain = {}
    current: Region | None = region
    while current is not None:
        chain[current.level] = current.name
        current = regions().get(current.parent_code) if current.parent_code else None
    province, city = chain.get("province"), chain.get("city")
    if province in MUNICIPALITIES:
        city = province  # 天津市 and its 津南区: the municipality stands as province and city at once
    return Place(province, city, chain.get("county"))


MUNICIPALITIES = frozenset({"北京市", "天津市", "上海市", "重庆市"})


def find_mentions(text: str) -> list[tuple[int, str, tuple[Region, ...]]]:
    """Place names in a text, longest match first at each position, as (offset, form, candidates).

    >>> [(i, form) for i, form, _ in find_mentions("丽水市人民政府办公室、乐清市")]
    [(0, '丽水市'), (11, '乐清市')]
    """
    index, prefixes, first = _index(), _prefixes(), _first_characters()
    found, position = [], 0
    while match := first.search(text, position):  # jump in C to the next two characters a name can start with
        i = match.start()
        position = i + 1
        for length in prefixes.get(text[i : i + 2], ()):
            form = text[i : i + length]
            if len(form) == length and form in index:
                found.append((i, form, index[form]))
                position = i + length
                break
    return found


@cache
def _first_characters() -> re.Pattern:
    # A form's first character, followed by a character some form has second: a third of a notice's characters
    # can open a form, a fifteenth can open its first two characters, and the regex engine skips the rest in C.
    firsts, seconds = ({form[i] for form in _index()} for i in (0, 1))
    firsts, seconds = ("".join(map(re.escape, sorted(characters))) for characters in (firsts, seconds))
    return re.compile(f"[{firsts}](?=[{seconds}])")


def lookup(name: str, *, context: str = "", province_hint: str | None = None) -> Region | None:
    """The region a name means, using other places in `context` (or a 文号 province) to choose.

    >>> lookup("朝阳", context="辽宁省朝阳市").name
    '朝阳市'
    >>> lookup("朝阳区", context="北京市人民政府").code
    '110105'
    """
    found = candidates(name)
    if len(found) <= 1:
        return found[0] if found else None
    return _choose(found, _context_names(context), province_hint)


@lru_cache(maxsize=32)  # one notice asks about several ambiguous names against the same context
def _context_names(context: str) -> frozenset[str]:
    names = set()
    for _, _, found in find_mentions(context):
        if len(found) == 1:
            place = ancestors(found[0])
            names.update(n for n in (place.province, place.city, place.county) if n)
    return frozenset(names)


def _choose(found: tuple[Region, ...], context: frozenset[str], province_hint: str | None) -> Region:
    # Prefer a candidate whose province or city the context names; then the 文号 province; then the
    # higher level (a short name usually means the city: 朝阳 → 朝阳市); then the lowest code.
    def score(region: Region) -> tuple:
        place = ancestors(region)
        named = sum(1 for n in (place.province, place.city) if n in context and n != region.name)
        hinted = province_hint is not None and place.province == province_hint
        rank = {"province": 0, "city": 1, "county": 2}[region.level]
        return (region.name not in context, -named, not hinted, rank, region.code)

    return min(found, key=score)


def place_of(region: Region | None) -> Place:
    """The Place a notice about `region` gets: municipalities keep city empty, as provincial documents.

    >>> place_of(lookup("平顶山"))
    Place(province='河南省', city='平顶山市', county=None)
    """
    return ancestors(region) if region else Place()


# Issuers that speak for the whole country: their notices have no place even when they name cities.
_NATIONAL = re.compile(
    r"^(?:国务院|中共中央|全国|国家|中央|最高人民|工业和信息化部|财政部|教育部|科技部|科学技术部|商务部|"
    r"人力资源和社会保障部|自然资源部|生态环境部|住房和城乡建设部|交通运输部|水利部|农业农村部|文化和旅游部|"
    r"市场监管总局|国家市场监督管理总局|海关总署|中国人民银行|民政部|公安部|司法部|审计署|应急管理部)"
)


def locate(text: str, head: list[str], fields: list[str | None], doc_prefix: str = "") -> Place:
    """Where a notice is from: the first of `fields` (issuer, titles) that names a place, else the place the
    text keeps naming; nationwide documents get no place. `doc_prefix` is the 文号's prefix (丽政办发),
    used only to break ties.

    >>> locate("", [], ["乐清市人民政府办公室"])
    Place(province='浙江省', city='温州市', county='乐清市')
    """
    hint = PROVINCE_ABBREVIATIONS.get(doc_prefix[:1])
    context = "\n".join(f for f in fields if f) + "\n" + "\n".join(head)
    for position, field in enumerate(fields):
        if not field:
            continue
        found = _place_in(field, context, hint)
        if found:
            return found
        # 国务院办公厅 as issuer, or 国务院关于…… as a title; not a title that merely begins 国家级……
        if _NATIONAL.match(field) and (position == 0 or "关于" in field[:25]):
            return Place()
    if _is_national(head):
        return Place()
    return _most_named(text, context, hint, doc_prefix)


def _place_in(field: str, context: str, hint: str | None) -> Place | None:
    chosen = None
    for _, form, _ in find_mentions(field):
        region = lookup(form, context=context, province_hint=hint)
        if region and (chosen is None or _is_within(region, chosen)):
            chosen = region
    return ancestors(chosen) if chosen else None


def _is_within(inner, outer) -> bool:
    place = ancestors(inner)
    return outer.name in (place.province, place.city) and inner.level != outer.level


def _is_national(head: list[str]) -> bool:
    addressees = next((line for line in head if re.match(r"^各(?:省|部门|有关)", line)), "")
    return addressees.startswith("各省、自治区") or addressees.startswith("各省,自治区")


def _dominant(counts: dict[str, int], text: str) -> str | None:
    if not counts:
        return None
    best = max(counts, key=counts.get)
    share = counts[best] / sum(counts.values())
    local = len(_LOCAL_VOICE.findall(text))
    speaks_locally = local >= 2 and local > len(_PROVINCIAL_VOICE.findall(text))
    if share >= 0.5 and (counts[best] >= 3 or counts[best] >= 2 and speaks_locally):
        return best
    # A city's own excerpt (全市, 我市) that names one place once and no other: that place.
    if share == 1 and speaks_locally and local >= 3:
        return best
    return None


_LOCAL_VOICE = re.compile(r"(?:全|我|本)(?:市|县|区)")
_PROVINCIAL_VOICE = re.compile(r"(?:全|我|本)省")


def _most_named(text: str, context: str, hint: str | None, prefix: str) -> Place:
    # An excerpt with no header: the place it keeps naming, when it names one clearly more than others.
    # Counties count towards their city, so 叶县, 鲁山县 and 宝丰县 together point at 平顶山市.
    by_city: dict[str, int] = {}
    by_county: dict[str, int] = {}
    mentions = find_mentions(text)
    for _, form, _ in mentions:
        region = lookup(form, context=context, province_hint=hint)
        if region is None or region.level == "province":
            continue
        weight = 1 + (2 if prefix and form.startswith(prefix[:1]) else 0)
        city = region if region.level == "city" else regions().get(region.parent_code or "")
        if region.level == "county":
            by_county[region.code] = by_county.get(region.code, 0) + weight
        key = city.code if city and city.level == "city" else region.code
        by_city[key] = by_city.get(key, 0) + weight
    chosen = _dominant(by_city, text)
    provincial_voice = len(_PROVINCIAL_VOICE.findall(text))
    provincial = provincial_voice >= 3 and provincial_voice > 2 * len(_LOCAL_VOICE.findall(text))
    if chosen and not provincial:  # a province's plan names its cities often, but speaks of 全省
        county = _dominant({k: v for k, v in by_county.items() if k.startswith(chosen[:4])}, text)
        # A county-level city speaks of itself as 全市 too: 乐清 named again and again is the place.
        if county and by_county[county] >= 0.7 * by_city[chosen]:
            return ancestors(regions()[county])
        return ancestors(regions()[chosen])
    provinces = [
        r
        for offset, form, _ in mentions
        if offset < 3000
        for r in [lookup(form, context=context)]
        if r and r.level == "province"
    ]
    if provinces and re.search(r"(?:全|我|本)省", text[:5000]):
        # A tie goes to the province named first: max over a set would follow the hash seed (PYTHONHASHSEED).
        return ancestors(max(provinces, key=provinces.count))
    if hint and re.search(r"(?:全|我|本)省", text[:5000]):
        return Place(province=hint)
    return Place()
