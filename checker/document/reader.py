"""File → Document. The format is told by content, not only by the name: a .txt that is really a Word
file is read as Word. Every failure is an InputError with a Chinese reason naming the file."""
from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import replace

from ..errors import InputError
from .hanzi import looks_traditional, traditional_table
from .limits import Limits
from .model import Document, Source
from .normalize import fill_glosses, normalize
from .text import decode

PASSWORD_PROTECTED = "文件有密码保护，请先在 Word/WPS 中取消密码再检查"
_OLE = b"\xd0\xcf\x11\xe0"
_REFUSED = {
    _OLE: "这是旧版 Word(.doc)或 WPS 文件，请在 Word/WPS 中另存为 .docx 后再检查",
    b"{\\rtf": "这是 RTF 文件，请在 Word/WPS 中另存为 .docx 后再检查",
    b"\x89PNG": "这是图片，需要先做 OCR 文字识别再检查",
    b"\xff\xd8\xff": "这是图片，需要先做 OCR 文字识别再检查",
    b"GIF8": "这是图片，需要先做 OCR 文字识别再检查",
    b"II*\x00": "这是图片，需要先做 OCR 文字识别再检查",
    b"MM\x00*": "这是图片，需要先做 OCR 文字识别再检查",
    b"Rar!": "这是 RAR 压缩包，请解压后检查其中的报告",
    b"7z\xbc\xaf": "这是 7z 压缩包，请解压后检查其中的报告",
}
SUPPORTED_SUFFIXES = (".txt", ".md", ".markdown", ".text", ".docx", ".odt", ".pdf", ".html", ".htm", ".shtml",
                      ".xhtml")


def read_document(path: str | os.PathLike, limits: Limits | None = None) -> Document:
    """Read a report file of any supported format; raise InputError when it cannot be read."""
    limits = limits or Limits()
    name = os.fspath(path)
    data = _read_bytes(name, limits)
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        return _from_zip(data, name, limits)
    if data.lstrip()[:5] == b"%PDF-":
        return _from_pdf(data, name, limits)
    if data.startswith(_OLE) and "EncryptedPackage".encode("utf-16-le") in data:
        # a password-protected .docx (or .xlsx, .pptx) is an OLE compound file holding the encrypted zip
        raise InputError(PASSWORD_PROTECTED, name)
    for magic, reason in _REFUSED.items():
        if data.startswith(magic):
            raise InputError(reason, name)
    text, encoding = decode(data, name)
    from .html import looks_like_html, read_html  # only pages pay for the HTML parser

    if looks_like_html(text):
        lines, meta = read_html(text)
        return document_from_text("\n".join(lines), name, encoding, meta, limits)
    return document_from_text(text, name, encoding, Source(), limits)


def document_from_text(text: str, path: str = "<文本>", encoding: str = "utf-8", meta: Source | None = None,
                       limits: Limits | None = None) -> Document:
    limits = limits or Limits()
    raw = text.replace("\r\n", "\n").replace("\r", "\n")
    if not raw.strip():
        raise InputError("文件没有正文（只有空白）", path)
    if len(raw) > limits.max_chars:
        raise InputError(f"正文过长（{len(raw)} 字，上限 {limits.max_chars} 字）", path)
    meta = meta or Source()
    normalized = fill_glosses(normalize(raw))   # 應(yīng)急管理部 reads as 应急管理部; the original keeps it
    if looks_traditional(raw):
        normalized = normalized.translate(traditional_table())  # one character for one: offsets hold
        meta = replace(meta, traditional=True)
    return Document(path=path, raw=raw, text=normalized, encoding=encoding, meta=meta)


def _from_zip(data: bytes, name: str, limits: Limits) -> Document:
    """A zip package: Word (.docx) or OpenDocument text (.odt), told apart by their contents."""
    from .docx import open_zip, read_docx

    archive = open_zip(data, name)
    with archive:
        names = set(archive.namelist())
        if "word/document.xml" in names:
            parsed, fmt = read_docx(archive, name, limits), "docx"
        elif "mimetype" in names or "content.xml" in names:
            from .odt import read_odt

            parsed, fmt = read_odt(archive, name, limits), "odt"
        else:
            raise InputError("这是 zip 压缩文件，不是 Word(.docx)或 .odt 文档", name)
    meta = Source(format=fmt, heading_hints=parsed.heading_hints, line_unit="段",
                  line_sources=tuple(parsed.sources) if fmt == "docx" else (),
                  digest=hashlib.sha256(data).hexdigest())
    return document_from_text("\n".join(parsed.lines), name, fmt, meta, limits)


def _from_pdf(data: bytes, name: str, limits: Limits) -> Document:
    from .pdf import read_pdf

    lines, page_starts = read_pdf(data, name, limits)
    meta = Source(format="pdf", page_starts=tuple(page_starts))
    return document_from_text("\n".join(lines), name, "pdf", meta, limits)


def _read_bytes(name: str, limits: Limits) -> bytes:
    size = _regular_file_size(name)
    if size is None:
        _refuse_missing_or_folder(name)
    try:
        if size is None:
            size = os.path.getsize(name)
        if size > limits.max_bytes:
            raise InputError(f"文件过大（{size // 1024} KB，上限 {limits.max_bytes // 1024} KB）", name)
        with open(name, "rb") as handle:
            # read what the size promises, then what a growing file added up to the limit: read(max_bytes + 1)
            # at once would allocate (and page in) a 20 MB buffer for every small report
            data = handle.read(size + 1)
            if len(data) > size:
                data += handle.read(limits.max_bytes + 1 - len(data))
    except PermissionError:
        raise InputError("没有读取权限", name) from None
    except OSError as exc:
        raise InputError(f"无法读取（{exc.strerror or exc}）", name) from None
    if len(data) > limits.max_bytes:
        raise InputError(f"文件过大（上限 {limits.max_bytes // 1024} KB）", name)
    if not data:
        raise InputError("文件为空", name)
    return data


def _regular_file_size(name: str) -> int | None:
    """The size of a regular file (after symlinks), in one stat call; None for anything else."""
    try:
        status = os.stat(name)
    except (OSError, ValueError):
        return None
    return status.st_size if stat.S_ISREG(status.st_mode) else None


def _refuse_missing_or_folder(name: str) -> None:
    """Raise the InputError that says why a path that is not a regular file cannot be read (devices and
    pipes pass: they are read as they come)."""
    if os.path.islink(name) and not os.path.exists(name):
        raise InputError("符号链接指向的文件不存在或形成循环", name)
    if not os.path.exists(name):
        raise InputError("文件不存在", name)
    if os.path.isdir(name):
        if not os.access(name, os.R_OK | os.X_OK):
            raise InputError("没有读取该文件夹的权限", name)
        raise InputError("这是一个文件夹，不是报告文件", name)
