"""Traditional characters: detected cheaply, converted character for character (so offsets and line
numbers stay those of the original). The table is OpenCC's TSCharacters, loaded only for traditional text."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

# Frequent characters that exist only in traditional form: enough to tell a traditional report.
_TRADITIONAL_ONLY = re.compile("[們國這個來會為與發對於經過動現實學體開關進機業長時後問題設據將區縣處務參員報黨鄉鎮"
                               "權規範執檢監責評價聽證覆議訴訟辦習記錄應變論點標準層級總結際確獲難護營環條稅]")
# Every character but those with a UTF-16 high byte of 0x4E-0x9F, i.e. CJK Unified Ideographs U+4E00-U+9FFF.
_NOT_HAN_HIGH_BYTE = bytes(b for b in range(256) if not 0x4E <= b <= 0x9F)


def han_count(text: str) -> int:
    """Characters in U+4E00-U+9FFF. Counted on the UTF-16 high bytes with bytes.translate, in C: a regex over
    every character costs several times more on a whole report. Exactly the ideographs have a high byte
    of 0x4E-0x9F (surrogates' are 0xD8-0xDF; surrogatepass keeps a lone one)."""
    return len(text.encode("utf-16-le", "surrogatepass")[1::2].translate(None, _NOT_HAN_HIGH_BYTE))


def looks_traditional(text: str) -> bool:
    """At least 3 traditional-only characters, and at least 2% of the Han characters, in the first 20,000."""
    sample = text[:20000]
    hits = len(_TRADITIONAL_ONLY.findall(sample))
    if hits < 3:  # the usual simplified report: no need to count its Han characters
        return False
    return hits >= han_count(sample) * 0.02


@lru_cache(maxsize=1)
def traditional_table() -> dict[int, str]:
    import opencc  # opencc-python-reimplemented ships the dictionaries as text files

    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    table = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        source, _, targets = line.partition("\t")
        target = targets.split(" ")[0]
        if len(source) == 1 and len(target) == 1:
            table[ord(source)] = target
    return table
