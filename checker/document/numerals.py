"""Writing out list numbers as office software shows them: 一 … 九十九, 壹, ①, a, iv. The readers
regenerate automatic numbering (Word's, LibreOffice's, a web page's <ol>) with these."""
from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_CAPITAL = "零壹贰叁肆伍陆柒捌玖"
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"),
          (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))


def chinese(value: int, capital: bool = False) -> str:
    """3 → 三, 12 → 十二, 21 → 二十一 (壹, 拾 with `capital`); outside 0–99 the digits."""
    if not 0 <= value < 100:
        return str(value)
    digits, ten = (_CAPITAL, "拾") if capital else (_DIGITS, "十")
    if value < 10:
        return digits[value]
    tens, units = divmod(value, 10)
    return (digits[tens] if tens > 1 else "") + ten + (digits[units] if units else "")


def roman(value: int) -> str:
    """4 → IV; outside 1–3999 the digits."""
    if not 0 < value < 4000:
        return str(value)
    result = ""
    for number, letters in _ROMAN:
        while value >= number:
            result, value = result + letters, value - number
    return result


def letter(value: int) -> str:
    """1 → a, 27 → a again (as Word wraps)."""
    return chr(ord("a") + (value - 1) % 26)


def circled(value: int) -> str:
    """1 → ①, up to ⑳; beyond, the digits."""
    return chr(0x2460 + value - 1) if 1 <= value <= 20 else str(value)
