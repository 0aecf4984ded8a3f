"""The reporting year, the issuing body and the region a report speaks for."""
from __future__ import annotations

import re
from collections import Counter

from ..document.normalize import GLOSS_FILLER, compact
from .model import Outline, Span
from .places import (NATIONWIDE, TOWN, city_at_start, city_by_short_name, count_places, is_central, is_place,
                     leading_end, leading_places, place_suffix, region_of_body, within, zone_in)

_YEAR = re.compile(r"(?<![\d\-~至])((?:19|20)\d{2})\s*年(?!\s*[\-~至])")
_REPORTED_YEAR = re.compile(r"现将[^。]{0,20}?((?:19|20)\d{2})\s*年度?[^。]{0,40}?(?:报告|汇报)如下")
_PLACE = r"[\u4e00-\u9fa5]{2,8}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|县|区|旗|镇|乡|街道|街)"
_PLACE_AT_START = re.compile(rf"^(?:中共)?({_PLACE})")
ORG_SUFFIX = (r"(?:人民政府办公室|人民政府办公厅|人民政府|街道办事处|办事处|政府|委员会|办公室|办公厅|总局|局|厅|委|部|署|"
               r"院|中心|办|所|站|队)")
_BODY = re.compile(rf"^(?:中共)?([\u4e00-\u9fa5]{{2,30}}?{ORG_SUFFIX})(?:\(盖章\))?$")
_TITLE_TOPIC = r"(?:关于|(?:19|20)\d{2}|[〇二]〇|法治|依法行政)"       # what a title goes on with after its body or place
_TITLE_GOES_ON = rf"(?:发布|公布)?{_TITLE_TOPIC}"
# 横县2020年度……报告: a county of one character (renamed since, so not in the gazetteer); not 某县 or 市县
_ONE_CHAR_COUNTY = re.compile(rf"^((?![某该本我全各此市区省州乡镇旗盟])[\u4e00-\u9fa5]县)(?=人民政府|{_TITLE_TOPIC})")
# 乐清市柳市镇2024年……: the town a title names right after its city
_TOWN_AFTER = re.compile(rf"({TOWN})(?=人民政府|政府|办事处|党委|{_TITLE_TOPIC})")
# 杭州市农业农村局(杭州市乡村振兴局)2023年……: one body under two names, the second in brackets
_BODY_IN_TITLE = re.compile(rf"^(?:中共)?([\u4e00-\u9fa5]{{2,30}}?{ORG_SUFFIX}(?:[(（][\u4e00-\u9fa5]{{2,30}}?{ORG_SUFFIX}[)）])?)"
                            rf"(?={_TITLE_GOES_ON})")
# A Party body heading the title or signing, alone or with the government it reports with: 中共海南省委
# 海南省人民政府, 中共黄湾镇委员会 黄湾镇人民政府, 中共青岛市交通运输局党组. 中共 is part of its name.
PARTY_BODY = r"中共[\u4e00-\u9fa5]{2,30}?(?:委员会|党工委|党委|党组|委)"
_PARTY = re.compile(rf"^({PARTY_BODY})([\u4e00-\u9fa5]{{2,30}}?{ORG_SUFFIX})?(?=$|{_TITLE_GOES_ON})")
# An issuing body named in the opening sentence: "2023年,在……指导下,前进区教育局深入开展……",
# "2021年,司法部坚持……", "2022年,民政部党组坚持……" (its Party group), "现将2023年度枣庄市教育局法治政府建设
# 工作情况报告如下".
_BODY_IN_TEXT = re.compile(rf"(?:^|[,，。;:、]|现将|(?:19|20)\d{{2}}年度?)原?((?!原|现将)[\u4e00-\u9fa5]{{2,20}}?{ORG_SUFFIX})"
                           r"(?:党组|党委)?(?=坚持|深入|认真|全面|高度重视|坚决|大力|以|在|紧紧|始终|积极|持续|扎实|切实|着力|围绕|法治|推进|贯彻|按照|聚焦|"
                           r"(?:19|20)\d{2})")
_OFFICE = re.compile(r"(?:办公室|办公厅)$")
_SELF_DEPARTMENT = re.compile(r"我(局|委|厅|办)")
_SELF_PLACE = re.compile(r"我(县|市|区|州|旗)")
_GOVERNMENT_WORD = re.compile(r"(?:人民)?政府|办公室|办公厅|委员会")   # too common to stand for one body
_SENDS = re.compile(r"^现将.{0,60}(?:呈报|报送|报上|上报|报告如下|印送|随文)")
# A body named by its level alone (县卫生健康局, 市教育局, 省商务厅), as a report names itself; the text
# often gives the place elsewhere (《汶上县卫生健康局主要负责人……清单》).
_BARE = re.compile(r"^[省市县区州旗]")
# A page's 来源 names the issuer when it is a government or a department itself (not its 办公室).
_GOVERNMENT = re.compile(r"^([\u4e00-\u9fa5]{2,30}?(?:人民政府|政府|局|厅|部|委员会))$")
# the subject after the year and the circumstances (在区委、区政府的坚强领导下,在区司法局的悉心指导下,荔枝街道……)
_SUBJECT = re.compile(r"^(?:(?:19|20)\d{2}年度?(?:以来)?[,，]?)?(?:在[^,，。]{2,40}[,，]){0,3}([\u4e00-\u9fa5]{2,12})")
_SELF = re.compile(r"(?:我|全|本)(省|市|县|区|州|旗|镇|乡)")   # not X政府: 在省委、省政府领导下 names the superior
_YEAR_FIRST = re.compile(r"^(?:19|20)\d{2}年度?")
_ANNOUNCED_PLACE = re.compile(rf"现将({_PLACE})[^。]{{0,40}}?(?:报告|汇报)如下")
# Words that make a name shaped like a place something else: an office, a slogan (依法治县), a verb.
_NOT_A_PLACE_WORD = re.compile(r"局|委|办|厅|部|政府|法治|依法治|监管|发挥|根据|按照|依照|对照|遵照|协同|作为|成为|认为|因为|召开|组织|"
                               r"参加|出席")
# Words glued before a place name by page furniture or grammar; never part of the name.
_NOT_NAME = re.compile(r"^(?:返回首页|网站首页|首页|通知公告|政务公开|信息公开|标题|关于|在|对|由|据|[一二三四五六七八九十]是)+")
# the unit that ends a place name, not where it begins another word: 交易市场, 市民, 区域, 县域, 市级
_UNIT = re.compile(r"市(?![场民级域])|县(?![域级])|区(?![域级])|州|旗|盟|镇|乡|街道")
_OPENING = re.compile(rf"\s*(?:(?:19|20)\d{{2}}\s*年度?\s*(?:以来)?\s*[,]?\s*)?(?:我们|在)?({_PLACE})(?![\u4e00-\u9fa5]{{0,1}}[,])")
# Words ending like a place name that are not one (辖区, 全市 …); only consulted for names found by
# frequency, since a title or signature may well name 东城区 or 青山区.
_NOT_PLACE = set(
    "社区 园区 辖区 城区 市区 片区 景区 小区 山区 湾区 城市 都市 超市 街区 校区 矿区 灾区 牧区 林区 库区 "
    "营区 试区 政区 管区 分区 专区 郊区 老区 特区 商区 全市 本市 我市 全县 我县 本县 全区 我区 本区 各区 各县 "
    "自治区 自治州 自治县 本镇 全镇 我镇 各镇 乡镇 城镇 集镇 各乡 全乡 本乡 各市 省市 市县 县区 区县 地市 地区 全省 本省 我省 各省 外省 跨省 跨区 跨市 乡县 示范区 先行区 开发区 "
    "试验区 保护区 功能区 集聚区 风景区 新城区 合作区 贸易区 产业区 生态区 经济区 工业区 住宅区 城乡区 复市".split()
)


def detect_year(text: str, outline: Outline) -> int | None:
    """Year reported on: from the title, else the opening sentence, else the year before the date."""
    if outline.title:
        found = _YEAR.search(text, outline.title.start, outline.title.end)
        if found:
            return int(found.group(1))
    # the year the report says it reports on (现将我镇2024年……报告如下) outweighs one the opening names first
    # (在2023年工作基础上……)
    opening_end = min(outline.body.end, outline.body.start + 400)
    if reported := _REPORTED_YEAR.search(text, outline.body.start, opening_end):
        return int(reported.group(1))
    found = _YEAR.search(text, outline.body.start, min(outline.body.end, outline.body.start + 200))
    if found:
        return int(found.group(1))
    if outline.date:
        return outline.date.year - 1
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    return years.most_common(1)[0][0] if years else None


def detect_issuer(text: str, outline: Outline) -> str | None:
    """发文机关: the body that heads the title, else the page metadata's, else the body that signs the report
    or acts in the opening sentence, when it is named with its place (or is a central body)."""
    title = _squeezed(text, outline.title) or ""
    if party := _party_body(title) or _joint_banner(text, outline.title):
        return party
    titled = _BODY_IN_TITLE.match(title)
    if titled and _named_body(titled.group(1)):
        return titled.group(1)    # the title's body, not the page's 发布机构, which may only have posted it
    found = _BODY.match(outline.meta.issuer or "")
    if found and not _NOT_NAME.match(found.group(1)):
        # the office that posted the page (天水市人民政府办公室) stands for the body whose report it is
        if titled and found.group(1).startswith(titled.group(1)) and _OFFICE.search(found.group(1)):
            return titled.group(1)
        name = found.group(1)
        if _named_body(name):
            return name
        if completed := _completed(name, text):
            return completed                                            # 发布机构: 省商务厅
    if party := _party_body(_squeezed(text, outline.signature) or ""):
        return party
    for chunk, pattern in ((_squeezed(text, outline.signature), _BODY), (outline.meta.source, _GOVERNMENT)):
        found = pattern.match(chunk or "")
        if found and _named_body(found.group(1)):
            return found.group(1)
    if outline.meta.source and is_central(source := compact(outline.meta.source)):
        return source           # a ministry's page of its own report: 来源：国家知识产权局
    if government := _government_of_office(text, outline):
        return government
    opening = compact(text[outline.body.start:min(outline.body.end, outline.body.start + 200)])
    for found in _BODY_IN_TEXT.finditer(opening):
        if _named_body(found.group(1)):
            return found.group(1)
        if completed := _completed(found.group(1), text) or _placed(found.group(1), text):
            return completed                                            # 2025年,县卫生健康局在……
    return _self_in_own_documents(opening, text) or _signed_cover_letter(text, outline)


def _signed_cover_letter(text: str, outline: Outline) -> str | None:
    """The body that signs a covering letter above the title (市政府: / 现将《…工作总结》随文呈报，请审阅。/
    陇西县人民政府 / 2022年12月20日): the letter sends its own report."""
    if not outline.title:
        return None
    lines = [compact(line) for line in text[:outline.title.start].splitlines()]
    sends = next((i for i, line in enumerate(lines) if _SENDS.match(line)), None)
    if sends is None:
        return None
    for line in lines[sends + 1:]:
        found = _BODY.match(line)
        if found and _named_body(found.group(1)):
            return found.group(1)
    return None


def _government_of_office(text: str, outline: Outline) -> str | None:
    """A government's office posts the government's report: 来源 静海区人民政府办公室 over the title
    静海区2023年度法治政府建设情况报告 (a place's report, no body named) is 静海区人民政府's."""
    source = outline.meta.source or ""
    government = _OFFICE.sub("", source)
    title = _squeezed(text, outline.title) or ""
    if government == source or not government.endswith("政府") or _BODY_IN_TITLE.match(title) \
            or not _named_body(government):
        return None
    return government if _leading_region(title) == region_of_body(government) else None


def _self_in_own_documents(opening: str, text: str) -> str | None:
    """A department that calls itself 我局 (我委, 我厅), or a place that calls itself 我县 (我市, 我区), names
    itself with its place only in the titles of its own documents: 《海口市审计局2023年法治建设工作要点》,
    《浮梁县人民政府重大行政决策程序规定》. The local body of that kind most often named at the head of a
    《title》 (a ministry's or the state's documents never are: 《国家统计局关于……》)."""
    if own := _SELF_DEPARTMENT.search(opening):
        # 《海口市审计局2023年……》, 《某局关于……》, 《龙岩市永定区卫生健康局参与……实施方案》, 《2024年度霍邱县应急管理局学法计划》
        names = (rf"《(?:(?:19|20)\d{{2}}年度?)?([\u4e00-\u9fa5]{{2,24}}?{own.group(1)})"
                 rf"(?=(?:19|20)\d{{2}}|[\u4e00-\u9fa5]{{2}})")
    elif own := _SELF_PLACE.search(opening):     # 我县: the county's government, 《浮梁县人民政府重大行政决策程序规定》
        names = rf"《([\u4e00-\u9fa5]{{1,12}}{own.group(1)}人民政府)"
    else:
        return None
    found = Counter(m.group(1) for m in re.finditer(names, text)
                    if _named_body(m.group(1)) and region_of_body(m.group(1)) != NATIONWIDE)
    return found.most_common(1)[0][0] if found else None


def _joint_banner(text: str, title: Span | None) -> str | None:
    """The Party body and the government reporting jointly, on the line right above a title that names
    neither (中共石鼻镇委员会 石鼻镇人民政府 / 石鼻镇2024年法治政府建设工作情况报告): the 发文机关标志."""
    if title is None:
        return None
    above = text[:title.start].rstrip().rsplit("\n", 1)[-1]
    party = _party_body(compact(above))
    return party if party and " " in party else None


def _party_body(chunk: str) -> str | None:
    """A Party body named with its place, with the government body after it when the two report together
    (a space between them, as a joint report is signed)."""
    found = _PARTY.match(chunk)
    if not found:
        return None
    party, body = found.groups()
    if body and _named_body(body):
        return f"{party} {body}"
    if _named_body(party[2:]):
        return party + (body or "")          # 中共某县委全面依法治县委员会办公室 is one body
    return None


def _completed(name: str, text: str) -> str | None:
    """A body named by its level alone (县卫生健康局) as the text names it with its place (汶上县卫生健康局),
    the most often if several; None when the text never does."""
    if not _BARE.match(name) or len(name) < 3:
        return None
    level, rest = name[0], name[1:]
    found: Counter[str] = Counter()
    for match in re.finditer(rf"([\u4e00-\u9fa5]{{1,12}}{level}){re.escape(rest)}", text):
        place = place_suffix(match.group(1))
        if place and place.endswith(level):
            found[place + rest] += 1
    return found.most_common(1)[0][0] if found else None


def _placed(name: str, text: str) -> str | None:
    """A body named without its place or level (2021年,教育厅以……) as the text names it with its place
    (《四川省教育厅关于……》), when it names it with one place only."""
    if len(name) < 3 or _BARE.match(name) or _GOVERNMENT_WORD.fullmatch(name):
        return None
    found = {place + name for match in re.finditer(rf"([\u4e00-\u9fa5]{{2,12}}?){re.escape(name)}", text)
             if (place := place_suffix(match.group(1)))}
    return found.pop() if len(found) == 1 else None


def _named_body(name: str) -> bool:
    """A body named with its place (a town, a new area, a ministry included)."""
    return not _NOT_NAME.match(name) and region_of_body(name) is not None


def detect_region(text: str, outline: Outline) -> str | None:
    """Region name: the place that opens the title (全国 for a ministry's title), else the page metadata's
    issuing body's place, the signature's, the issuing body's, the opening sentence's, the one the report
    names itself with (现将宝城镇……报告如下), the addressee's (or the place within it the text names most), else
    the known place the text names most, or a city's repeated short name."""
    if region := _leading_region(_squeezed(text, outline.title) or ""):
        return region           # the title's place over the page's 发布机构 (王河镇人民政府关于…, 发布机构:王河乡)
    if outline.meta.issuer and (region := region_of_body(outline.meta.issuer)):
        return region
    if region := _leading_region(_squeezed(text, outline.signature) or ""):
        return region
    if outline.issuer and (region := region_of_body(outline.issuer)):
        return region
    subject = _SUBJECT.match(compact(text[outline.body.start:outline.body.start + 80]))
    if subject and (region := _subject_region(subject.group(1))):
        return region
    opening = _OPENING.match(text, outline.body.start, min(outline.body.end, outline.body.start + 80))
    if opening and (region := _place_name(opening.group(1))):
        return region
    # the report naming itself: 现将宝城镇2025年法治政府建设工作情况报告如下
    announced = _ANNOUNCED_PLACE.search(text, outline.body.start, min(outline.body.end, outline.body.start + 600))
    if announced and (region := _place_name(announced.group(1), own=True)):
        return region
    # a mirror's pinyin glosses (內(nèi)蒙古) sit inside the names counted: counted without them
    dominant = _dominant_place(text[outline.body.start:outline.body.end].replace(GLOSS_FILLER, ""))
    # the addressee is often the level above (a county reports to 州委, a 街道 to 区政府), so it comes last,
    # and gives way to the place within it that the text names most (中共红河州委: 金平县's report)
    if region := _leading_region(_squeezed(text, outline.addressee) or ""):
        return dominant if dominant and within(dominant, region) else region
    if dominant is None and _own_level(text[outline.body.start:outline.body.start + 400]) == "市":
        return city_by_short_name(text[outline.body.start:outline.body.end])   # 我市 … 《法治天水》
    return dominant


def _subject_region(subject: str) -> str | None:
    """The place the opening sentence's subject names: a development zone (北京经济技术开发区坚持……), known
    places (广东坚持……; 新县在市委……), a city by its short name (株洲深入贯彻……) or a town (白沙路街道……)."""
    if zone := zone_in(subject):
        return zone
    if units := leading_places(subject):
        return units[-1]
    if city := city_at_start(subject):
        return city
    town = re.match(_PLACE, subject)
    return _place_name(town.group()) if town else None


def _leading_region(chunk: str) -> str | None:
    """The place a title, signature or addressee opens with: a known place, a ministry (全国), or a name
    shaped like a place that nothing marks as something else."""
    joint = _PARTY.match(chunk)         # 中共渠县有庆镇委员会 渠县有庆镇人民政府: the government's place
    if joint and joint.group(2) and (region := region_of_body(joint.group(2))):
        return region
    chunk = _NOT_NAME.sub("", _YEAR_FIRST.sub("", re.sub(r"^中共", "", chunk)))   # 2024年上海市法治政府建设情况报告
    body = _BODY_IN_TITLE.match(chunk) or _BODY.match(chunk)
    if body and (region := region_of_body(body.group(1))):
        return region                           # 鲤城区人民政府金龙街道办事处 → 金龙街道; 司法部 → 全国
    if units := leading_places(chunk):
        if zone := zone_in(chunk[leading_end(chunk):leading_end(chunk) + 12]):
            return zone                         # 天津滨海高新区2024年度……报告: the zone after its city
        town = _TOWN_AFTER.match(chunk, leading_end(chunk))
        return town.group(1) if town and "乡镇" not in town.group(1) else units[-1]   # not 开展乡镇街道法治建设
    found = _PLACE_AT_START.match(chunk)
    if found:
        return _place_name(found.group(1))
    found = _ONE_CHAR_COUNTY.match(chunk)
    return found.group(1) if found else None


def _place_name(name: str, own: bool = False) -> str | None:
    """`name` if it is a place: a known one, the known place it ends with (根据中共枣庄市 → 枣庄市), or a
    name not in the gazetteer (a town, a renamed district) that nothing marks as something else: a generic
    word (我市, 全县), furniture (返回首页), an office or slogan word (市场监管局, 依法治县), a bare 自治区.
    A name the report gives itself (`own`: 现将宝城镇……报告如下) may end like such a word (宝城镇 like 城镇)."""
    if is_place(name):
        return leading_places(name)[-1]
    known = place_suffix(name)
    if known:
        return known
    core = re.sub(r"(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|县|区|旗|镇|乡|街道)$", "", name)
    if len(core) < 2 or _generic(name) or _NOT_NAME.match(name) or _NOT_A_PLACE_WORD.search(name):
        return None
    return name if (name not in _NOT_PLACE if own else _is_place(name)) else None


def _squeezed(text: str, span) -> str | None:
    return compact(text[span.start:span.end]) if span else None


def _generic(name: str) -> bool:
    """我市, 全县, 本区 …: a place word, not a name."""
    return name.startswith(("我", "全", "本", "各", "该", "此"))


def _is_place(name: str) -> bool:
    """For names picked by frequency alone, where 辖区/社区/城市 would otherwise win."""
    return (name[-2:] not in _NOT_PLACE and name[-3:] not in _NOT_PLACE and not _generic(name)
            and not _NOT_A_PLACE_WORD.search(name))


def _dominant_place(body: str) -> str | None:
    """The place the body names most: a known place (down to the one inside it a city's or county's report
    keeps naming), unless a name the gazetteer lacks (a town, 伊犁州) is of the report's own level (我县, 我镇)
    where the known one is not, or is named at least twice as often."""
    known = count_places(body)
    unknown = _unlisted_place(body)
    level = _own_level(body[:400])
    if level and any(name.endswith(level) for name in known):
        known = {name: n for name, n in known.items() if name.endswith(level)}
    best = _most_named(known) if known else None
    if unknown is None or best is None:
        return best if unknown is None else unknown[0]
    # of the two, the one of the report's own level: a county's report (我县) names its towns more often than
    # itself (花园镇、卫店镇被评为……); an unlisted place's report names the known one above it
    if level and best.endswith(level) != unknown[0].endswith(level):
        return best if best.endswith(level) else unknown[0]
    return unknown[0] if unknown[1] >= 2 * known[best] else best


def _own_level(opening: str) -> str | None:
    """The level a report speaks for, from how it names itself: 我县/全县/县政府 → 县."""
    counts = Counter(m.group(1) for m in _SELF.finditer(opening))
    return counts.most_common(1)[0][0] if counts else None


def _most_named(known: dict[str, int]) -> str:
    order = list(known)
    best = max(known, key=lambda name: (known[name], -order.index(name)))
    while True:   # a city's report names its province too: go down while the inner place is named half as often
        inner = [n for n in known if within(n, best) and 2 * known[n] >= known[best]]
        if not inner:
            return best
        best = max(inner, key=lambda name: (known[name], -order.index(name)))


def _unlisted_place(body: str) -> tuple[str, int] | None:
    """The most repeated 'XX市/县/区/镇' name the gazetteer lacks, grown leftwards while every occurrence
    shares the character, with its count."""
    counts: Counter[str] = Counter()
    for suffix in _UNIT.finditer(body, 2):   # two Han characters before it make a name
        start = suffix.start() - 2
        if "\u4e00" <= body[start] <= "\u9fa5" and "\u4e00" <= body[start + 1] <= "\u9fa5":
            counts[body[start:suffix.end()]] += 1
    candidates = [(n, name) for name, n in counts.items() if n >= 2 and _is_place(name)]
    if not candidates:
        return None
    count, name = max(candidates)
    while True:
        longer = _chars_before(body, name)
        prefix, n = longer.most_common(1)[0] if longer else ("", 0)
        if not longer or n < count * 0.8 or not _is_place(prefix + name):
            break
        name = prefix + name
    return None if is_place(name) or place_suffix(name) else (name, count)


def _chars_before(body: str, name: str) -> Counter[str]:
    """How often each Han character stands right before `name` in `body`, counted as
    re.finditer(f"([\u4e00-\u9fa5]){name}") does (an occurrence glued to a counted one lost its character to
    it), without compiling a pattern for every name tried."""
    counts: Counter[str] = Counter()
    pos = body.find(name, 1)
    while pos != -1:
        if "\u4e00" <= body[pos - 1] <= "\u9fa5":
            counts[body[pos - 1]] += 1
            pos = body.find(name, pos + len(name) + 1)
        else:
            pos = body.find(name, pos + 1)
    return counts
