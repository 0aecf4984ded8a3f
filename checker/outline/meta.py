"""The reporting year, the issuing body and the region a report speaks for."""
from __future__ import annotations

import re
from collections import Counter

from .model import Outline
from .places import is_central, is_place, leading_places, region_of_body

_YEAR = re.compile(r"(?<![\d\-~至])((?:19|20)\d{2})\s*年(?!\s*[\-~至])")
_PLACE = r"[\u4e00-\u9fa5]{2,8}?(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|县|区|旗)"
_PLACE_AT_START = re.compile(rf"^(?:中共)?({_PLACE})")
_ORG_SUFFIX = (r"(?:人民政府办公室|人民政府办公厅|人民政府|政府|委员会|办公室|办公厅|总局|局|厅|委|部|署|院|中心|"
               r"办|所|站|队)")
_BODY = re.compile(rf"^(?:中共)?([\u4e00-\u9fa5]{{2,30}}?{_ORG_SUFFIX})(?:\(盖章\))?$")
_BODY_IN_TITLE = re.compile(rf"^(?:中共)?([\u4e00-\u9fa5]{{2,30}}?{_ORG_SUFFIX})(?=关于|(?:19|20)\d{{2}}|[〇二]〇)")
# Words glued before a place name by page furniture or grammar; never part of the name.
_NOT_NAME = re.compile(r"^(?:返回首页|网站首页|首页|通知公告|政务公开|信息公开|标题|关于|在|对|由|据)+")
_OPENING = re.compile(rf"\s*(?:(?:19|20)\d{{2}}\s*年度?\s*(?:以来)?\s*[,]?\s*)?(?:我们|在)?({_PLACE})(?![\u4e00-\u9fa5]{{0,1}}[,])")
# Words ending like a place name that are not one (辖区, 全市 …); only consulted for names found by
# frequency, since a title or signature may well name 东城区 or 青山区.
_NOT_PLACE = set(
    "社区 园区 辖区 城区 市区 片区 景区 小区 山区 湾区 城市 都市 超市 街区 校区 矿区 灾区 牧区 林区 库区 "
    "营区 试区 政区 管区 分区 专区 郊区 老区 特区 商区 全市 本市 我市 全县 我县 本县 全区 我区 本区 各区 各县 "
    "各市 省市 市县 县区 区县 地市 地区 全省 本省 我省 各省 外省 跨省 跨区 跨市 乡县 示范区 先行区 开发区 "
    "试验区 保护区 功能区 集聚区 风景区 新城区 合作区 贸易区 产业区 生态区 经济区 工业区 住宅区 城乡区".split()
)


def detect_year(text: str, outline: Outline) -> int | None:
    """Year reported on: from the title, else the opening sentence, else the year before the date."""
    if outline.title:
        found = _YEAR.search(text, outline.title.start, outline.title.end)
        if found:
            return int(found.group(1))
    found = _YEAR.search(text, outline.body.start, min(outline.body.end, outline.body.start + 200))
    if found:
        return int(found.group(1))
    if outline.date:
        return outline.date.year - 1
    years = Counter(int(m.group(1)) for m in _YEAR.finditer(text))
    return years.most_common(1)[0][0] if years else None


def detect_issuer(text: str, outline: Outline) -> str | None:
    """发文机关: the page metadata's, else the signature, else the body named at the head of the title."""
    for candidate in (outline.meta.issuer, _squeezed(text, outline.signature)):
        found = _BODY.match(candidate or "")
        if found and not _NOT_NAME.match(found.group(1)):
            return found.group(1)
    found = _BODY_IN_TITLE.match(_squeezed(text, outline.title) or "")
    if found and (leading_places(found.group(1)) or is_central(found.group(1))):
        return found.group(1)
    return None


def detect_region(text: str, outline: Outline) -> str | None:
    """Region name: the page metadata's issuing body's place, else the place that opens the title (全国 for
    a ministry's title), the signature or the addressee, the opening sentence, else the place name the
    text repeats most."""
    if outline.meta.issuer and region_of_body(outline.meta.issuer):
        return region_of_body(outline.meta.issuer)
    sources = [re.sub(r"^中共", "", _squeezed(text, span) or "")
               for span in (outline.title, outline.signature, outline.addressee)]
    for chunk in sources:
        region = _leading_region(chunk)
        if region:
            return region
    opening = _OPENING.match(text, outline.body.start, min(outline.body.end, outline.body.start + 80))
    if opening and _plausible_name(opening.group(1)):
        return opening.group(1)
    return _dominant_place(text[outline.body.start:outline.body.end])


def _leading_region(chunk: str) -> str | None:
    """The place a title, signature or addressee opens with: a known place, a ministry (全国), or a name
    shaped like a place that nothing marks as something else."""
    chunk = _NOT_NAME.sub("", chunk)
    if leading_places(chunk):
        return leading_places(chunk)[-1]
    body = _BODY_IN_TITLE.match(chunk) or _BODY.match(chunk)
    if body and is_central(body.group(1)):
        return region_of_body(body.group(1))
    found = _PLACE_AT_START.match(chunk)
    return found.group(1) if found and _plausible_name(found.group(1)) else None


def _squeezed(text: str, span) -> str | None:
    return re.sub(r"\s+", "", text[span.start:span.end]) if span else None


def _plausible_name(name: str) -> bool:
    """A place name not in the gazetteer (a renamed or new district) is taken only when nothing marks it
    as something else: a generic word (我市, 全县), glued furniture (返回首页保定市) or a bare suffix (自治区)."""
    if is_place(name):
        return True
    core = re.sub(r"(?:自治区|自治州|自治县|特别行政区|省|市|州|盟|县|区|旗)$", "", name)
    return len(core) >= 2 and not _generic(name) and not _NOT_NAME.match(name) and _is_place(name)


def _generic(name: str) -> bool:
    """我市, 全县, 本区 …: a place word, not a name."""
    return name.startswith(("我", "全", "本", "各", "该", "此"))


def _is_place(name: str) -> bool:
    """For names picked by frequency alone, where 辖区/社区/城市 would otherwise win."""
    return name[-2:] not in _NOT_PLACE and name[-3:] not in _NOT_PLACE and not _generic(name)


def _dominant_place(body: str) -> str | None:
    """The most repeated 'XX市/县/区' name, grown leftwards while every occurrence shares the character."""
    counts: Counter[str] = Counter()
    for match in re.finditer(r"(?=([\u4e00-\u9fa5]{2}(?:市|县|区|州|旗|盟)))", body):
        counts[match.group(1)] += 1
    candidates = [(n, name) for name, n in counts.items() if n >= 2 and _is_place(name)]
    if not candidates:
        return None
    known = [(n, name) for n, name in candidates if is_place(name)]
    candidates = known or candidates
    count, name = max(candidates)
    while True:
        longer = Counter(m.group(1) for m in re.finditer(rf"([\u4e00-\u9fa5]){re.escape(name)}", body))
        if not longer:
            return name
        prefix, n = longer.most_common(1)[0]
        if n < count * 0.8 or not _is_place(prefix + name):
            return name
        name = prefix + name
