"""Place names, told from words that merely end like one (辖区, 城市, 示范区) by a gazetteer of China's
divisions down to county level (places.tsv)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from pathlib import Path

NATIONWIDE = "全国"
_LONGEST = 16
# A central body: a ministry or a national administration (司法部, 国家税务总局, 国务院国资委).
_CENTRAL = re.compile(r"^(?:中华人民共和国|国务院|国家|中国|最高人民)?[\u4e00-\u9fa5]{0,10}?"
                      r"(?:部|总局|总署|署|委员会|委|局|院|行|会|办公厅|办)$")
_CENTRAL_PREFIX = ("中华人民共和国", "国务院", "国家", "中国", "最高人民")


# A province-level name is often written short (广东坚持……, 内蒙古): its full name minus these.
_PROVINCE_SUFFIX = re.compile(r"(?:省|市|维吾尔自治区|壮族自治区|回族自治区|自治区|特别行政区)$")
PLACE_SUFFIXES = "市县区州旗盟"


# the place an autonomous prefecture or county is named for, before the first people it is named after
_PEOPLES = ("柯尔克孜 哈萨克 维吾尔 蒙古 土家 布依 朝鲜 哈尼 景颇 傈僳 拉祜 纳西 仫佬 毛南 仡佬 达斡尔 鄂温克 鄂伦春 "
            "撒拉 东乡 保安 裕固 锡伯 塔吉克 普米 独龙 苗 藏 羌 彝 侗 壮 傣 白 回 满 瑶 黎 佤 畲 水 土 怒 各").split()
_ETHNIC_AFTER = re.compile(rf"(.+?)(?:(?:{'|'.join(_PEOPLES)})族|蒙古|哈萨克|柯尔克孜|塔吉克|锡伯)")   # 长白朝鲜族: not 长 + 白


@lru_cache(maxsize=1)
def _table() -> tuple[dict[str, str], dict[str, str], re.Pattern]:
    names: dict[str, str] = {}      # as written → full name (广东 → 广东省)
    codes: dict[str, str] = {}      # full name → division code (the first, for shared names)
    counties: list[tuple[str, str]] = []
    with open(Path(__file__).with_name("places.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            code, name = line.rstrip("\n").split("\t")
            names.setdefault(name, name)
            codes.setdefault(name, code)
            short = _PROVINCE_SUFFIX.sub("", name)
            if code.endswith("0000000000") and len(short) >= 2:
                names.setdefault(short, name)
            if name.endswith("自治州"):   # 伊犁哈萨克自治州 is 伊犁州, 巴音郭楞蒙古自治州 巴州
                names.setdefault(name[:2] + "州", name)
                names.setdefault(name[:1] + "州", name)
                if place := _ETHNIC_AFTER.match(name):   # 黔西南布依族苗族自治州 is 黔西南州, 西双版纳州
                    names.setdefault(place.group(1) + "州", name)
            if name.endswith("自治县") and (place := _ETHNIC_AFTER.match(name)):
                # 金平苗族瑶族傣族自治县 is 金平县, or 金平自治县
                counties += [(place.group(1) + "县", name), (place.group(1) + "自治县", name)]
    for short, name in counties:        # after every real name, which an alias never shadows
        names.setdefault(short, name)
    shorts = [n for n, full in names.items() if n != full and not n.endswith("州")]
    return names, codes, re.compile("|".join(sorted(shorts, key=len, reverse=True)))


def gazetteer() -> dict[str, str]:
    """Place name as written → its full name (广东 → 广东省; 保定市 → 保定市)."""
    return _table()[0]


def within(inner: str, outer: str) -> bool:
    """Whether the place `inner` lies in `outer` (by division code): 鞍山市 in 辽宁省, 雁塔区 in 西安市."""
    codes = _table()[1]
    a, b = codes.get(inner), codes.get(outer)
    if not a or not b or a == b:
        return False
    prefix = b.rstrip("0")
    return len(prefix) < 12 and a.startswith(prefix.ljust(2 if len(prefix) <= 2 else 4, "0"))


def is_place(name: str) -> bool:
    return name in gazetteer()


def leading_places(text: str) -> list[str]:
    """The known places (full names) at the start of `text`, in order: 上海市浦东新区人民政府 →
    [上海市, 浦东新区]; 广东坚持 → [广东省]."""
    return _leading(text)[0]


def leading_end(text: str) -> int:
    """Where the known places `text` opens with end (0 when it opens with none)."""
    return _leading(text)[1]


def shorter_names(name: str) -> list[str]:
    """`name` without its leading places, one more at a time, as a roster and a report may shorten one
    body's name: 山东省济南市市中区 → [济南市市中区, 市中区]; 山东省济南市教育局 → [济南市教育局]. The last
    place always stays; a name led by one place or none has no shorter form."""
    starts = _leading(name)[2]
    return [name[start:] for start in starts[1:]]


def _leading(text: str) -> tuple[list[str], int, list[int]]:
    """leading_places, how many characters of `text` they take (广东 is written short for 广东省), and where
    each begins."""
    names, units, starts, pos = gazetteer(), [], [], 0
    while pos < len(text):
        length = next((n for n in range(min(_LONGEST, len(text) - pos), 1, -1) if text[pos:pos + n] in names), 0)
        word = text[pos:pos + length]
        # a short name that opens a town's name is no province: 湖南镇 (衢江区) is not 湖南
        if not length or (names[word] != word and text[pos + length:pos + length + 1] in _TOWN_CHARS):
            break
        units.append(names[word])
        starts.append(pos)
        pos += length
    return units, pos, starts


_TOWN_CHARS = set("镇乡街村")


def place_suffix(name: str) -> str | None:
    """The known place a longer word ends with: 根据中共枣庄市 → 枣庄市, 返回首页保定市 → 保定市."""
    names = gazetteer()
    for start in range(len(name) - 1):
        if name[start:] in names and name[start:][-1] in PLACE_SUFFIXES + "省":
            return names[name[start:]]
    return None


def count_places(text: str) -> dict[str, int]:
    """How often each known county-level-or-above place is named: full names found at their suffix
    character, province short names (上海, 广东) by name. A two-character name (和县, 房县) counts only after
    a boundary, so "市委市政府和县委" is not 和县."""
    names, lengths = gazetteer(), _lengths_by_ending()
    counts: dict[str, int] = {}
    for match in _SUFFIX.finditer(text):
        end = match.end()
        for length in lengths.get(text[end - 2:end], ()) if end >= 2 else ():
            if length > end:
                continue
            word = text[end - length:end]
            if word in names:
                before = text[end - length - 1:end - length]
                if length > 2 or not ("\u4e00" <= before <= "\u9fff") or before in "省市州在于":
                    counts[names[word]] = counts.get(names[word], 0) + 1
                break
    for match in _table()[2].finditer(text):
        if text[match.end():match.end() + 1] not in "省市":     # 上海市 was counted above
            counts[names[match.group()]] = counts.get(names[match.group()], 0) + 1
    for match in _SLOGAN.finditer(text):                      # 法治武义 names 武义县
        full = _county_by_short().get(match.group(1))
        if full:
            counts[full] = counts.get(full, 0) + 1
    return counts


_SUFFIX = re.compile(f"[{PLACE_SUFFIXES}省]")


@lru_cache(maxsize=1)
def _lengths_by_ending() -> dict[str, tuple[int, ...]]:
    """For the last two characters of the names count_places looks for, the lengths (2 to _LONGEST) of the
    gazetteer's names that end with them, longest first: count_places tries only these, and nothing at all
    after 全市, 市委 or 我县."""
    lengths: dict[str, set[int]] = {}
    for name in gazetteer():
        if name[-1] in PLACE_SUFFIXES + "省" and 2 <= len(name) <= _LONGEST:
            lengths.setdefault(name[-2:], set()).add(len(name))
    return {ending: tuple(sorted(found, reverse=True)) for ending, found in lengths.items()}


# Campaign slogans name a place by its short name: 法治武义, 平安房县.
_SLOGAN = re.compile(r"(?:法治|平安|数字|美丽|幸福|活力|魅力)([\u4e00-\u9fa5]{2})(?![\u4e00-\u9fa5]{0,1}(?:县|市|区|旗|州))")


@lru_cache(maxsize=1)
def _county_by_short() -> dict[str, str]:
    """Short name → the one county-level place it can mean (武义 → 武义县)."""
    return _by_unique_short((name[:2], name) for name, code in _table()[1].items()
                            if name[-1] in "县市区旗" and len(name) == 3 and not code.endswith("00000000"))


@lru_cache(maxsize=1)
def _city_by_short() -> dict[str, str]:
    """Short name → the prefecture-level city it means (株洲 → 株洲市)."""
    return _by_unique_short((name[:-1], name) for name, code in _table()[1].items()
                            if name.endswith("市") and len(name) >= 3 and code.endswith("00000000")
                            and not code.endswith("0000000000"))


def _by_unique_short(pairs) -> dict[str, str]:
    """(short, full) pairs → the full name of each short name that means one place only."""
    found: dict[str, list[str]] = {}
    for short, name in pairs:
        found.setdefault(short, []).append(name)
    return {short: names[0] for short, names in found.items() if len(names) == 1}


def city_at_start(text: str) -> str | None:
    """The city a sentence's subject names by its short name (株洲深入贯彻…), the longest first; not the
    start of another place's name (丹东街道)."""
    shorts = _city_by_short()
    return next((shorts[text[:n]] for n in (4, 3, 2)
                 if text[:n] in shorts and text[n:n + 1] not in _UNIT_CHARS), None)


_UNIT_CHARS = set("省市县区旗州盟镇乡街路村社")


def city_by_short_name(text: str) -> str | None:
    """The one city `text` names by its short name, at least twice (《法治天水》, 天水广播电视台 → 天水市),
    where no other city's short name comes up twice; not the start of a longer place's name (丹东街道)."""
    counts = Counter(match.group(1) for match in _short_names().finditer(text)
                     if text[match.end():match.end() + 1] not in _UNIT_CHARS)
    named = [short for short, n in counts.items() if n >= 2]
    return _city_by_short()[named[0]] if len(named) == 1 else None


@lru_cache(maxsize=1)
def _short_names() -> re.Pattern:
    return re.compile("(" + "|".join(map(re.escape, sorted(_city_by_short(), key=len, reverse=True))) + ")")


def region_of_body(name: str) -> str | None:
    """The region an issuing body speaks for: its most specific leading place (济南市教育局 → 济南市;
    上海市浦东新区人民政府 → 浦东新区), 全国 for a central body (司法部, 国家税务总局), else None."""
    if zone := zone_in(name):
        return zone
    units, taken, _ = _leading(name)
    if units:
        # the most specific place it names: 广州市公安局增城区分局 → 增城区; 鲤城区人民政府金龙街道办事处 → 金龙街道
        return (places_in(name[taken:]) or units)[-1]
    for cut in range(2, len(name)):   # a central body's local office: 国家税务总局北京市税务局
        if is_central(name[:cut]) and (local := leading_places(name[cut:])):
            return local[-1]
    if is_central(name):
        return NATIONWIDE
    town = _SUBDISTRICT.match(re.sub(r"人民政府|政府|办事处", "|", name))
    return town.group(1) if town else None


TOWN = r"[\u4e00-\u9fa5]{2,6}?(?:街道|镇|乡)"      # a town or sub-district, which the gazetteer lacks
_SUBDISTRICT = re.compile(rf"({TOWN})(?:\||党工委|党委|委员会|$)")   # before its office or Party committee


# State-level new areas and development zones, named as their own place (湖南湘江新区, 武汉经开区),
# after the start or after the body or place they belong to.
_ZONE = re.compile(r"(?:^|(?<=[局厅委府会市省区县]))([\u4e00-\u9fa5]{2,8}?(?:新区|经开区|开发区|高新区))")


def zone_in(name: str) -> str | None:
    found = _ZONE.search(name)
    return found.group(1) if found else None


def places_in(name: str) -> list[str]:
    """Known places named anywhere in a body's name after its own place, and a town or sub-district
    (街道, 镇, 乡, which the gazetteer lacks) before its office."""
    names, found, pos = gazetteer(), [], 0
    while pos < len(name):
        for length in range(min(_LONGEST, len(name) - pos), 1, -1):
            word = name[pos:pos + length]
            if word in names and word[-1] in PLACE_SUFFIXES + "省":
                found.append(names[word])
                pos += length - 1
                break
        pos += 1
    town = _SUBDISTRICT.search(re.sub(r"人民政府|政府|办事处", "|", name))
    if town:
        found.append(town.group(1))
    return found


def is_central(name: str) -> bool:
    """A national ministry or administration, named without a place: 司法部, 国家税务总局."""
    if not _CENTRAL.match(name) or leading_places(name):
        return False
    if name.startswith(_CENTRAL_PREFIX) or name in _CENTRAL_BY_SHORT_NAME:
        return True
    # 司法部, 审计署, 海关总署, 市场监管总局; not 一是领导干部, 加强部署, nor a prefecture's 行政公署
    return len(name) <= 8 and ((name.endswith("部") and not name.endswith(_NOT_MINISTRY))
                               or (name.endswith(("署", "总局")) and not name.endswith(("公署", "部署", "签署"))))


# national bodies whose everyday short name no local body shares (中国民用航空局 is 民航局; a province has a
# 证监局, not a 证监会)
_CENTRAL_BY_SHORT_NAME = ("民航局", "证监会", "银保监会")
# words ending in 部 that name no ministry: 一是领导干部…… is no body
_NOT_MINISTRY = ("干部", "全部", "内部", "外部", "局部", "支部", "总部", "东部", "西部", "南部", "北部", "中部")
