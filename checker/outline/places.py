"""Place names, told from words that merely end like one (辖区, 城市, 示范区) by a gazetteer of China's
divisions down to county level (places.tsv)."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

NATIONWIDE = "全国"
_LONGEST = 16
# A central body: a ministry or a national administration (司法部, 国家税务总局, 国务院国资委).
_CENTRAL = re.compile(r"^(?:中华人民共和国|国务院|国家|中国|最高人民)?[\u4e00-\u9fa5]{0,10}?"
                      r"(?:部|总局|总署|署|委员会|委|局|院|行|会|办公厅|办)$")
_CENTRAL_PREFIX = ("中华人民共和国", "国务院", "国家", "中国", "最高人民")


@lru_cache(maxsize=1)
def gazetteer() -> dict[str, str]:
    """Place name → its 12-digit division code (the first, for names several places share)."""
    names: dict[str, str] = {}
    with open(Path(__file__).with_name("places.tsv"), encoding="utf-8") as handle:
        for line in handle:
            if line.startswith("#"):
                continue
            code, name = line.rstrip("\n").split("\t")
            names.setdefault(name, code)
    return names


def is_place(name: str) -> bool:
    return name in gazetteer()


def leading_places(text: str) -> list[str]:
    """The known place names at the start of `text`, in order: 上海市浦东新区人民政府 → [上海市, 浦东新区]."""
    names, units, pos = gazetteer(), [], 0
    while pos < len(text):
        for length in range(min(_LONGEST, len(text) - pos), 1, -1):
            if text[pos:pos + length] in names:
                units.append(text[pos:pos + length])
                pos += length
                break
        else:
            break
    return units


def region_of_body(name: str) -> str | None:
    """The region an issuing body speaks for: its most specific leading place (济南市教育局 → 济南市;
    上海市浦东新区人民政府 → 浦东新区), 全国 for a central body (司法部, 国家税务总局), else None."""
    units = leading_places(name)
    if units:
        return units[-1]
    for cut in range(2, len(name)):   # a central body's local office: 国家税务总局北京市税务局
        if is_central(name[:cut]) and leading_places(name[cut:]):
            return leading_places(name[cut:])[-1]
    if is_central(name):
        return NATIONWIDE
    return None


def is_central(name: str) -> bool:
    """A national ministry or administration, named without a place: 司法部, 国家税务总局."""
    if not _CENTRAL.match(name) or leading_places(name):
        return False
    return name.startswith(_CENTRAL_PREFIX) or (name.endswith("部") and len(name) <= 6)
