"""Safe YAML loading that remembers where every value stood, for file:line:column errors."""
from __future__ import annotations

import yaml

from .errors import RulesError

Path = tuple
# libyaml's safe loader where PyYAML was built with it (the usual wheels are): same nodes and marks, ~10× faster
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_with_marks(text: str, source: str) -> tuple[object, dict[Path, tuple[int, int]]]:
    """Parse `text` with the safe loader; return the data and a map path → (line, column), 1-based."""
    loader = _LOADER(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        problem, line, column = explain(str(exc.problem or ""), text, mark.line if mark else None,
                                        mark.column if mark else None)
        raise RulesError(f"YAML 无法解析：{problem}", source, line, column) from None
    except yaml.YAMLError as exc:
        raise RulesError(f"YAML 无法解析：{exc}", source) from None
    finally:
        loader.dispose()
    marks: dict[Path, tuple[int, int]] = {}
    if node is not None:
        _collect(node, (), marks)
    return data, marks


def explain(problem: str, text: str, line: int | None, column: int | None) -> tuple[str, int | None, int | None]:
    """The parser's English problem as a rule author can act on it, and where (1-based line and column).
    A full-width colon or a tab is found on the line itself, since the parser notices it a line later."""
    lines = text.split("\n")
    nearby = [n for n in (line - 1, line) if line is not None and 0 <= n < len(lines)] if line is not None else []
    for n in nearby:
        if "：" in lines[n] and ":" not in lines[n].split("#")[0]:
            return ("用了全角冒号“：”，应为半角冒号“:”加一个空格（如 weight: 10）", n + 1, lines[n].index("：") + 1)
    for n in nearby:
        if "\t" in lines[n][:len(lines[n]) - len(lines[n].lstrip())]:
            return "这一行用制表符（Tab）缩进了，YAML 只能用空格缩进", n + 1, 1
    at = (line + 1 if line is not None else None, column + 1 if column is not None else None)
    for english, chinese in _PROBLEMS:
        if english in problem:
            return chinese, *at
    if "could not determine a constructor" in problem:
        return f"不允许的 YAML 标签（{problem.split('tag')[-1].strip()}）：规则文件只能包含普通数据", *at
    return f"语法错误（{problem or '无法解析'}）", *at


_PROBLEMS = (
    ("tab character", "用制表符（Tab）缩进了，YAML 只能用空格缩进"),
    ("found character '\\t'", "用制表符（Tab）缩进了，YAML 只能用空格缩进"),
    ("could not find expected ':'", "缺少冒号“:”：字段的写法是“字段: 值”（冒号后有空格）"),
    ("did not find expected '-' indicator", "缩进不一致：同一层的字段要用同样多的空格对齐"),
    ("did not find expected key", "缩进不一致：同一层的字段要用同样多的空格对齐"),
    ("expected <block end>", "缩进不一致：同一层的字段要用同样多的空格对齐"),
    ("mapping values are not allowed", "这里不能再有“字段: 值”：值里含冒号时请给整个值加引号，或检查缩进"),
    ("found unexpected end of stream", "引号或括号没有配对"),
    ("did not find expected ',' or ']'", "方括号列表没有正确结束：检查逗号和“]”"),
    ("did not find expected ',' or '}'", "花括号映射没有正确结束：检查逗号和“}”"),
    ("found duplicate anchor", "锚点名称重复"),
    ("found undefined alias", "引用了未定义的锚点"),
    ("unknown escape character", "双引号字符串中的反斜杠转义无效：正则表达式请用单引号括起来"),
)


def _collect(node: yaml.Node, path: Path, marks: dict) -> None:
    marks[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            key = key_node.value
            marks[path + (key, "__key__")] = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            _collect(value_node, path + (key,), marks)
    elif isinstance(node, yaml.SequenceNode):
        for index, item in enumerate(node.value):
            _collect(item, path + (index,), marks)
