"""PDF → text with pdfminer.six: the text layer in reading order, CJK fonts with their CMaps included.

Page numbers ("- 3 -", "第3页", "3/12") and running headers or footers (the same line at the top or
bottom of most pages) are dropped; visual lines that wrap a paragraph are joined back, so a paragraph
is a line as in the other formats. A PDF without a text layer (a scan) is refused: it needs OCR.
"""
from __future__ import annotations

import io
import re
from collections import Counter

from ..errors import InputError
from .limits import Limits

_PAGE_NUMBER = re.compile(r"^[\s\-—－–·.]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4})?(?:\s*页)?[\s\-—－–·.]*$")
_END_OF_PARAGRAPH = tuple("。！？：；!?:;")
_MARKER = re.compile(r"^\s*(?:[一二三四五六七八九十]{1,3}、|[(（][一二三四五六七八九十\d]{1,3}[)）]|\d{1,2}[.．、]|第[一二三四五六七八九十]+部分)")


def read_pdf(data: bytes, name: str, limits: Limits) -> list[str]:
    pages = _pages(data, name, limits)
    if sum(len("".join(text.split())) for page in pages for _, text, _ in page) < 20:
        raise InputError("PDF 没有文字层（可能是扫描件），需要先做 OCR 文字识别再检查", name)
    repeated = _running_lines(pages)
    lines: list[str] = []
    for page in pages:
        kept = [(x1, text) for _, text, x1 in page if not _PAGE_NUMBER.match(text) and _key(text) not in repeated]
        lines.extend(_join_wrapped(kept))
    return lines


def _pages(data: bytes, name: str, limits: Limits) -> list[list[tuple[float, str, float]]]:
    """Per page, its text lines top to bottom as (y, text, right edge)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams, LTTextContainer, LTTextLine
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfpage import PDFTextExtractionNotAllowed
    from pdfminer.pdfparser import PDFSyntaxError

    pages = []
    try:
        for index, layout in enumerate(extract_pages(io.BytesIO(data), laparams=LAParams())):
            if index >= limits.max_pdf_pages:
                raise InputError(f"PDF 页数过多（上限 {limits.max_pdf_pages} 页）", name)
            lines = []
            for element in layout:
                if isinstance(element, LTTextContainer):
                    for line in element:
                        if isinstance(line, LTTextLine) and line.get_text().strip():
                            lines.append((-line.y1, line.get_text().strip(), line.x1))
            pages.append(sorted(lines))
    except (PDFPasswordIncorrect, PDFEncryptionError, PDFTextExtractionNotAllowed):
        raise InputError("PDF 已加密或禁止提取文字，请先解除密码保护", name) from None
    except PDFSyntaxError as exc:
        raise InputError(f"PDF 文件已损坏（{exc}）", name) from None
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many private error types on broken files
        raise InputError(f"PDF 无法解析（{type(exc).__name__}）", name) from None
    return pages


def _key(text: str) -> str:
    return re.sub(r"\d+", "#", "".join(text.split()))


def _running_lines(pages) -> set[str]:
    """Lines standing first or last on most pages: running headers and footers."""
    if len(pages) < 3:
        return set()
    edges = Counter()
    for page in pages:
        for _, text, _ in page[:2] + page[-2:]:
            edges[_key(text)] += 1
    return {key for key, count in edges.items() if count >= len(pages) * 0.6}


def _join_wrapped(lines: list[tuple[float, str]]) -> list[str]:
    """Join a visual line to the previous one when the previous ran to the right margin unfinished."""
    if not lines:
        return []
    margin = max(x1 for x1, _ in lines)
    joined: list[str] = []
    previous_full = False
    for x1, text in lines:
        if joined and previous_full and not _MARKER.match(text):
            joined[-1] += text
        else:
            joined.append(text)
        previous_full = x1 >= margin - 15 and not text.endswith(_END_OF_PARAGRAPH)
    return joined
