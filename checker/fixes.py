"""Safe fixes: a correction a rule declares in YAML (`fix:`), computed for each place it flags, and applied
either to a text file in place (`fzcheck lint --fix`) or as tracked changes in a reviewed .docx.

    fix:
      outcomes: [padded, chinese, numeric]     # only for these results (default: every fail / partial)
      pattern: '^(\\d{4})(\\d{4})$'            # optional: what to replace inside the flagged text
      replace: '{date}'                        # the replacement; {date} etc. are the message variables,
                                               # \\1 / \\g<name> the pattern's groups

A fix is only made where it is certain: the flagged text must lie on one line, every {variable} the
replacement names must be known (a year the report does not tell is not guessed), and the pattern, when
given, is matched against the report's own characters (full-width and half-width told apart), not the
normalised text the rules match.
"""
from __future__ import annotations

import codecs
import os
import re
from dataclasses import dataclass
from typing import Callable, Iterable

import regex

from .audit import Fix
from .document import Document
from .errors import InputError
from .kinds.base import UNKNOWN, Option

FIX_FIELDS = {
    "replace": Option(str, required=True,
                      doc="替换成的文字；可用说明中的变量（如 {date}）和 pattern 的分组（\\1、\\g<名称>）"),
    "pattern": Option(str, doc="可选：在不符合之处的原文中要替换的部分（正则，匹配原文字符，区分全角半角）；"
                               "不写则整处替换"),
    "outcomes": Option("strings", default=[], doc="可选：只在这些结果代码时修正；不写则凡不符合、部分符合都修正"),
}
FIX_TIMEOUT = 0.2   # seconds per pattern search (rule files are untrusted)
MAX_FIXES = 200     # per finding
_VARIABLE = re.compile(r"\{(\w+)\}")


@dataclass(frozen=True)
class FixSpec:
    replace: str
    pattern: str | None = None
    outcomes: tuple[str, ...] = ()


def parse_fix(raw, outcomes: dict[str, str], fail: Callable[[tuple, str], None]) -> FixSpec | None:
    """Validate a rule's `fix:` mapping against its kind's outcome codes; report each problem with
    fail(path inside `fix`, message) and return None if there was one."""
    if raw is None:
        return None
    if not isinstance(raw, dict):
        fail((), "fix 应为映射，如 {replace: '{date}'}")
        return None
    problems = 0

    def problem(path: tuple, message: str) -> None:
        nonlocal problems
        problems += 1
        fail(path, message)

    for key in raw:
        if key not in FIX_FIELDS:
            import difflib
            guess = difflib.get_close_matches(str(key), list(FIX_FIELDS), n=1, cutoff=0.5)
            problem((key, "__key__"), f"fix 中的未知字段 {key}" + (f"；是不是要写 {guess[0]}？" if guess else ""))
    replace, pattern, codes = raw.get("replace"), raw.get("pattern"), raw.get("outcomes", [])
    if not isinstance(replace, str):
        problem(("replace",) if "replace" in raw else (), "fix 缺少字符串字段 replace（替换成的文字）")
    if pattern is not None and not isinstance(pattern, str):
        problem(("pattern",), "fix.pattern 应为字符串（正则表达式）")
    elif pattern is not None:
        try:
            compiled = regex.compile(pattern)
        except regex.error as exc:
            problem(("pattern",), f"fix.pattern 正则表达式 {pattern!r} 无效：{exc}")
        else:
            if isinstance(replace, str):
                try:
                    compiled.sub(_literal_variables(replace), "")
                    _check_groups(_literal_variables(replace), compiled)
                except (regex.error, IndexError) as exc:
                    problem(("replace",), f"fix.replace 引用了 pattern 中没有的分组：{exc}")
    if not (isinstance(codes, list) and all(isinstance(c, str) for c in codes)):
        problem(("outcomes",), "fix.outcomes 应为结果代码列表，如 [padded, chinese]")
        codes = []
    for index, code in enumerate(codes):
        if outcomes.get(code) not in ("fail", "partial"):
            flagged = [c for c, status in outcomes.items() if status in ("fail", "partial")]
            problem(("outcomes", index), f"fix.outcomes 中的 {code} 不是这类规则“不符合/部分符合”的结果代码"
                                          f"（可用：{' / '.join(flagged)}）")
    if problems or not isinstance(replace, str):   # a replace that is not text was counted as a problem
        return None
    return FixSpec(replace, pattern, tuple(codes))


def _literal_variables(replace: str) -> str:
    return _VARIABLE.sub("x", replace)


def _check_groups(template: str, compiled) -> None:
    groups = compiled.groups
    for match in re.finditer(r"\\(\d+)|\\g<(\w+)>", template):
        number, name = match.groups()
        if number is not None and int(number) > groups:
            raise IndexError(f"\\{number}")
        if name is not None and (int(name) > groups if name.isdigit() else name not in compiled.groupindex):
            raise IndexError(f"\\g<{name}>")


def compute(spec: FixSpec, rule_id: str, status: str, outcome: str, spans: Iterable, document: Document,
            values: dict) -> tuple[Fix, ...]:
    """The fixes `spec` makes at the places a finding flags (its outcome's evidence spans)."""
    if status not in ("fail", "partial") or (spec.outcomes and outcome not in spec.outcomes):
        return ()
    replacement = _fill(spec.replace, values, escape=spec.pattern is not None)
    if replacement is None:
        return ()
    fixes: list[Fix] = []
    for span in spans:
        old = document.raw[span.start:span.end]
        if not old or "\n" in old:
            continue
        for start, end, new in _edits(spec, old, replacement):
            if new != old[start:end] and "\n" not in new and len(fixes) < MAX_FIXES:
                at = span.start + start
                fixes.append(Fix(rule_id, document.line_of(at), at, span.start + end, old[start:end], new))
    return tuple(fixes)


def _edits(spec: FixSpec, text: str, replacement: str) -> list[tuple[int, int, str]]:
    if spec.pattern is None:
        return [(0, len(text), replacement)]
    try:
        return [(m.start(), m.end(), m.expand(replacement))
                for m in regex.finditer(spec.pattern, text, timeout=FIX_TIMEOUT) if m.end() > m.start()]
    except (TimeoutError, regex.error, IndexError):
        return []   # not certain: no fix


def _fill(template: str, values: dict, escape: bool) -> str | None:
    """{variables} filled in; None when one is unknown (a fix never guesses)."""
    missing = False

    def value(match: re.Match) -> str:
        nonlocal missing
        found = values.get(match.group(1))
        if found is None or str(found) in ("", UNKNOWN):
            missing = True
            return ""
        text = str(found)
        return text.replace("\\", "\\\\") if escape else text

    filled = _VARIABLE.sub(value, template)
    return None if missing else filled


# -- applying fixes to a text file -------------------------------------------------------------------

_LINE_END = re.compile(r"\r\n|\r|\n")
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"), (codecs.BOM_UTF8, "utf-8"),
         (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
TEXT_FORMATS = ("text",)


def fixable_in_place(document: Document) -> bool:
    """Whether lint --fix can edit the file itself (plain text); other formats get tracked changes."""
    return document.meta.format in TEXT_FORMATS


def apply_to_text_file(document: Document, fixes: list[Fix]) -> list[Fix]:
    """Make `fixes` in the text file the document was read from, in place and atomically, keeping its
    encoding, byte-order mark and line endings. Return the fixes made (a place whose text changed since
    it was checked is left alone). Anything but a plain-text file is an InputError."""
    from .output import atomic_target

    path = document.path
    if not fixable_in_place(document):
        raise InputError("--fix 只修改纯文本文件（.txt/.md）；其他格式可用 --format docx 生成带修订的 Word 审查稿", path)
    if not fixes:
        return []
    try:
        with open(path, "rb") as handle:
            data = handle.read()
    except OSError as exc:
        raise InputError(f"无法读取（{exc.strerror or exc}）", path) from None
    bom, codec = next(((b, c) for b, c in _BOMS if data.startswith(b)), (b"", _codec(document.encoding)))
    try:
        text = data[len(bom):].decode(codec)
    except (UnicodeDecodeError, LookupError):
        raise InputError("文件在检查后被修改，无法按原编码读取，未做修改", path) from None
    lines = _split_lines(text)
    made: list[Fix] = []
    by_line: dict[int, list[Fix]] = {}
    for fix in fixes:
        by_line.setdefault(fix.line, []).append(fix)
    for number, line_fixes in by_line.items():
        if number > len(lines):
            continue
        content, ending = lines[number - 1]
        line_start = document.line_starts[number - 1]
        for fix in sorted(line_fixes, key=lambda f: f.start, reverse=True):
            column = fix.start - line_start
            if content[column:column + len(fix.old)] != fix.old:
                continue
            try:
                fix.new.encode(codec)
            except UnicodeEncodeError:
                continue   # the file's encoding cannot hold the replacement
            content = content[:column] + fix.new + content[column + len(fix.old):]
            made.append(fix)
        lines[number - 1] = (content, ending)
    if made:
        new_text = "".join(content + ending for content, ending in lines)
        target = os.path.realpath(path)     # through a link: the file it names is fixed, the link stays
        mode = os.stat(target).st_mode & 0o7777
        with atomic_target(target) as temp:
            temp.write_bytes(bom + new_text.encode(codec))
        try:
            os.chmod(target, mode)   # an edit in place keeps the file's permissions
        except OSError:
            pass
    return sorted(made, key=lambda f: f.start)


def _split_lines(text: str) -> list[tuple[str, str]]:
    """Lines as the reader numbers them (only \\r\\n, \\r and \\n end a line), each with its ending."""
    lines, position = [], 0
    for match in _LINE_END.finditer(text):
        lines.append((text[position:match.start()], match.group()))
        position = match.end()
    lines.append((text[position:], ""))
    return lines


def _codec(encoding: str) -> str:
    return {"utf-8-sig": "utf-8", "utf-16": "utf-16-le", "utf-32": "utf-32-le"}.get(encoding, encoding)
