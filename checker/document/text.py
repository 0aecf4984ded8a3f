"""Plain-text decoding. Strict: a file is decoded by its BOM, as UTF-8, as GB18030 or Big5 (whichever
reads as Chinese), or as UTF-16, and rejected when none yields plausible text, never guessed into garbage."""
from __future__ import annotations

import codecs
import re

from ..errors import InputError
from .hanzi import han_count

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
# Characters frequent in both scripts of government prose: the right decoding is full of them.
_COMMON = set("的一是在不了有和人中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过"
              "子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体"
              "制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数"
              "正心反明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党"
              "程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别手角期"
              "根论运农指几九区强放决西被干做必战先回则任取据处府研报告治依县市镇乡务规范执检监督责评议审查"
              "們國這個來會為與發對於經過動現實學體開關進機業長時後問題設據將區縣處務員報黨")


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes; return (text, encoding name) or raise InputError."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            if len(data) == len(bom):
                raise InputError("文件为空（只有字节顺序标记 BOM）", name)
            try:
                return _plausible(data.decode(encoding), name), encoding
            except UnicodeDecodeError:
                raise InputError(f"文件以 {encoding} 标记开头，但内容无法按该编码解码", name) from None
    utf16 = ("utf-16-le", "utf-16-be") if len(data) % 2 == 0 else ()
    if b"\x00" in data:  # only UTF-16 text holds NUL bytes
        readings = _readings(data, utf16)
        if not readings:
            raise InputError("含有 NUL 字节，不是文本文件", name)
        return max(readings, key=lambda reading: _common_share(reading[0]))
    try:
        return _plausible(data.decode("utf-8"), name), "utf-8"
    except (UnicodeDecodeError, InputError):
        pass
    # GB18030 decodes most Big5 (and much UTF-16) into the wrong characters: keep the reading that is
    # full of common characters.
    readings = _readings(data, ("gb18030", "big5", *utf16))
    if readings:
        return max(readings, key=lambda reading: _common_share(reading[0]))
    raise InputError("无法识别文件编码或不是文本文件（已尝试 UTF-8、GB18030、Big5、UTF-16）", name)


def _readings(data: bytes, encodings) -> list[tuple[str, str]]:
    return [(text, enc) for enc in encodings
            if (text := _try(data, enc)) and "\x00" not in text and _is_plausible(text)]


def _try(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


# Runs, not single characters: counting by the lengths of far fewer matches.
_COMMON_HAN_RUN = re.compile("[" + "".join(sorted(ch for ch in _COMMON if "\u4e00" <= ch <= "\u9fff")) + "]+")


def _common_share(text: str) -> float:
    sample = text[:20000]
    han = han_count(sample)
    return sum(map(len, _COMMON_HAN_RUN.findall(sample))) / han if han else 0.0


def _plausible(text: str, name: str = "<bytes>") -> str:
    if not _is_plausible(text):
        raise InputError("内容不像文本（含大量控制字符或乱码）", name)
    return text


def _is_plausible(text: str) -> bool:
    """True for human text: few control characters, and mostly common Han/ASCII/CJK punctuation."""
    if not text:
        return False
    sample = text[:20000]
    return len(_ODD.findall(sample)) <= len(sample) * 0.02


# Control characters (but line and page breaks), surrogates, private use, and the planes GB18030 decodes
# arbitrary bytes into (CJK extension A, Yi, beyond the BMP): real reports live in the BMP's common blocks.
_ODD = re.compile("[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff\ue000-\uf8ff\u3400-\u4dbf\ua000-\uabff"
                  "\U00010000-\U0010ffff]")
