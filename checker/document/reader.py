"""Bytes → Document. Decoding is strict: a file is decoded by a BOM, as UTF-8, as UTF-16 or as GB18030,
and rejected when none of them yields plausible Chinese text, rather than guessed into garbage."""
from __future__ import annotations

import codecs
import os
import unicodedata

from ..errors import InputError
from .model import Document
from .normalize import normalize

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"),
)
_SIGNATURES = {
    b"PK\x03\x04": "这是 Word(.docx)或压缩文件，目前只支持 .txt/.md 纯文本，请另存为纯文本",
    b"%PDF": "这是 PDF 文件，目前只支持 .txt/.md 纯文本，请复制正文另存为纯文本",
    b"\xd0\xcf\x11\xe0": "这是旧版 Word(.doc/.wps)文件，请另存为纯文本",
    b"{\\rtf": "这是 RTF 文件，请另存为纯文本",
}


def read_document(path: str | os.PathLike, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read a report file; raise InputError with a Chinese reason when it cannot be read."""
    name = os.fspath(path)
    data = _read_bytes(name, max_bytes)
    text, encoding = decode(data, name)
    return document_from_text(text, path=name, encoding=encoding)


def document_from_text(text: str, path: str = "<文本>", encoding: str = "utf-8") -> Document:
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise InputError("文件没有正文（只有空白）", path)
    return Document(path=path, raw=raw, text=normalize(raw), encoding=encoding)


def _read_bytes(name: str, max_bytes: int) -> bytes:
    if not os.path.exists(name):
        raise InputError("文件不存在", name)
    if os.path.isdir(name):
        raise InputError("这是一个文件夹，不是报告文件", name)
    suffix = os.path.splitext(name)[1].lower()
    try:
        size = os.path.getsize(name)
        if size > max_bytes:
            raise InputError(f"文件过大（{size // 1024} KB，上限 {max_bytes // 1024} KB）", name)
        with open(name, "rb") as handle:
            data = handle.read(max_bytes + 1)
    except PermissionError:
        raise InputError("没有读取权限", name) from None
    except OSError as exc:
        raise InputError(f"无法读取（{exc.strerror or exc}）", name) from None
    if not data:
        raise InputError("文件为空", name)
    for magic, reason in _SIGNATURES.items():
        if data.startswith(magic):
            raise InputError(reason, name)
    if suffix not in TEXT_SUFFIXES:
        raise InputError(f"不支持的文件类型 {suffix}，目前只支持 .txt/.md 纯文本", name)
    return data


def decode(data: bytes, name: str = "<bytes>") -> tuple[str, str]:
    """Decode report bytes; return (text, encoding name)."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _plausible(data.decode(encoding), name), encoding
            except UnicodeDecodeError:
                raise InputError(f"文件以 {encoding} 标记开头，但内容无法按该编码解码", name) from None
    if b"\x00" in data and not _looks_utf16(data):
        raise InputError("含有 NUL 字节，不是文本文件", name)
    # UTF-8 first (strict and self-checking), GB18030 for older sites, UTF-16 without a BOM last.
    for encoding in ("utf-8", "gb18030", "utf-16-le", "utf-16-be"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _is_plausible(text):
            return text, encoding
    raise InputError("无法识别文件编码或不是文本文件（已尝试 UTF-8、UTF-16、GB18030）", name)


def _looks_utf16(data: bytes) -> bool:
    """NUL bytes only in every other position, as ASCII looks in UTF-16."""
    if len(data) % 2:
        return False
    return data[0::2].count(0) == 0 or data[1::2].count(0) == 0


def _plausible(text: str, name: str = "<bytes>") -> str:
    if not _is_plausible(text):
        raise InputError("内容不像文本（含大量控制字符或乱码）", name)
    return text


def _is_plausible(text: str) -> bool:
    """True for human text: few control characters, and mostly common Han/ASCII/CJK punctuation."""
    if not text:
        return False
    sample = text[:20000]
    odd = 0
    for ch in sample:
        if ch in "\n\r\t\f":
            continue
        category = unicodedata.category(ch)
        if category in ("Cc", "Cs", "Co", "Cn") or _rare(ch):
            odd += 1
    return odd <= len(sample) * 0.02


def _rare(ch: str) -> bool:
    # GB18030 decodes arbitrary bytes into rare planes; real reports live in the BMP's common blocks.
    code = ord(ch)
    return code > 0xFFFF or 0xE000 <= code <= 0xF8FF or 0x3400 <= code <= 0x4DBF or 0xA000 <= code <= 0xABFF
