"""Project configuration: `fzcheck.yaml`, or `[tool.fzcheck]` in `pyproject.toml`.

Looked up from the report's folder upwards, stopping at the filesystem root or at a folder holding `.git`
(a config above the repository belongs to someone else). Keys are validated as strictly as rule files:
an unknown key is an error naming the file, the line and the closest valid key.

    rules: [fzzf-2019, 本省规则.yaml]   # relative paths are relative to the config file
    disable: [section-order]
    fail-under: 60
    max-bytes: 20000000
"""
from __future__ import annotations

import difflib
import os
import re
import sys
from dataclasses import dataclass, replace
from pathlib import Path

from .errors import RulesError
from .kinds import Option
from .resources import builtin_ruleset
from .ruleset import Ruleset, rule_references
from .yamlmarks import load_with_marks

CONFIG_NAME = "fzcheck.yaml"
PYPROJECT = "pyproject.toml"
MAX_CONFIG_BYTES = 1024 * 1024

CONFIG_FIELDS = {
    "rules": Option("strings", default=[], doc="规则集列表：内置名称或 YAML 文件（相对路径相对于配置文件所在文件夹），按顺序合并；命令行 --rules 优先"),
    "disable": Option("strings", default=[], doc="停用的规则 id 列表"),
    "fail-under": Option((int, float), default=None, doc="得分低于此值时返回退出码 1（0–100）；命令行 --fail-under 优先"),
    "max-bytes": Option(int, default=None, doc="输入文件大小上限（字节）；命令行 --max-bytes 优先"),
}


@dataclass(frozen=True)
class Config:
    path: str
    rules: tuple[str, ...] = ()
    disable: tuple[str, ...] = ()
    fail_under: float | None = None
    max_bytes: int | None = None

    def merge(self, rules=(), fail_under: float | None = None, max_bytes: int | None = None) -> "Config":
        """Command-line values win; pass only what the user actually gave (empty / None otherwise)."""
        return replace(self, rules=tuple(rules) or self.rules,
                       fail_under=self.fail_under if fail_under is None else fail_under,
                       max_bytes=self.max_bytes if max_bytes is None else max_bytes)


def settings_for(start: str | Path, rules=(), fail_under: float | None = None, max_bytes: int | None = None,
                 config_path: str | None = None, use_config: bool = True) -> Config:
    """What `lint` should use: the given or discovered config merged with the command line (which wins).
    `path` is "" when no config file applies."""
    config = None
    if use_config:
        config = load_config(config_path) if config_path else find_config(start)
    return (config or Config(path="")).merge(rules, fail_under, max_bytes)


def find_config(start: str | Path) -> Config | None:
    """The nearest config at or above `start` (a folder, or a file whose folder is used)."""
    folder = Path(os.path.abspath(start))  # not resolve(): a symlink loop is the reader's error to report
    if not folder.is_dir():
        folder = folder.parent
    for current in (folder, *folder.parents):
        found = _config_in(current)
        if found is not None:
            return found
        if (current / ".git").exists():
            return None
    return None


def _config_in(folder: Path) -> Config | None:
    own = folder / CONFIG_NAME
    if own.is_file():
        return load_config(own)
    pyproject = folder / PYPROJECT
    if pyproject.is_file() and sys.version_info >= (3, 11):
        return _load_pyproject(pyproject)
    return None


def load_config(path: str | Path) -> Config:
    """Read and validate one `fzcheck.yaml` (or a `pyproject.toml`)."""
    path = Path(path)
    if path.name == PYPROJECT:
        config = _load_pyproject(path)
        if config is None:
            raise RulesError("pyproject.toml 中没有 [tool.fzcheck] 配置", str(path))
        return config
    data, marks = load_with_marks(_read(path), str(path))
    if data is None:
        data = {}
    return _validate(data, path, lambda key, value_pos: marks.get((key, "__key__") if value_pos is None else (key,)))


def _load_pyproject(path: Path) -> Config | None:
    import tomllib

    text = _read(path)
    try:
        table = tomllib.loads(text).get("tool", {}).get("fzcheck")
    except tomllib.TOMLDecodeError as exc:
        raise RulesError(f"TOML 无法解析：{exc}", str(path)) from None
    if table is None:
        return None
    return _validate(table, path, lambda key, _: _toml_position(text, key))


def _read(path: Path) -> str:
    try:
        if path.stat().st_size > MAX_CONFIG_BYTES:
            raise RulesError("配置文件过大", str(path))
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"无法读取配置文件（{exc}）", str(path)) from None


def _toml_position(text: str, key: str) -> tuple[int, int] | None:
    """tomllib keeps no positions: find `key =` after the [tool.fzcheck] header, good enough for errors."""
    header = re.search(r"^\s*\[tool\.fzcheck\]\s*$", text, re.M)
    found = re.compile(rf"^(\s*)[\"']?{re.escape(key)}[\"']?\s*=", re.M).search(text, header.end() if header else 0)
    if not found:
        return None
    line = text.count("\n", 0, found.start()) + 1
    return line, len(found.group(1)) + 1


def _validate(data, path: Path, where) -> Config:
    errors: list[RulesError] = []

    def fail(key: str | None, message: str, value_pos=None) -> None:
        line, column = (where(key, value_pos) if key else None) or (None, None)
        errors.append(RulesError(message, str(path), line, column))

    if not isinstance(data, dict):
        fail(None, "配置必须是映射（rules、disable、fail-under、max-bytes）")
        data = {}
    for key in data:
        if key not in CONFIG_FIELDS:
            guess = difflib.get_close_matches(str(key), list(CONFIG_FIELDS), n=1, cutoff=0.5)
            hint = f"；是不是要写 {guess[0]}？" if guess else f"（可用 {'、'.join(CONFIG_FIELDS)}）"
            fail(key, f"未知的配置项 {key}{hint}")
    values = {key: _checked(key, data[key], fail) for key in CONFIG_FIELDS if key in data}
    if errors:
        raise RulesError.of_all(errors)
    return Config(path=str(path), rules=tuple(_relative(spec, path) for spec in values.get("rules") or ()),
                  disable=tuple(values.get("disable") or ()), fail_under=values.get("fail-under"),
                  max_bytes=values.get("max-bytes"))


def _checked(key: str, value, fail):
    ok = {
        "rules": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "disable": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "fail-under": _is_number(value) and 0 <= value <= 100,
        "max-bytes": isinstance(value, int) and not isinstance(value, bool) and value >= 1,
    }[key]
    if not ok:
        wanted = {"rules": "字符串列表", "disable": "规则 id 列表", "fail-under": "0–100 的数字",
                  "max-bytes": "正整数"}[key]
        fail(key, f"配置项 {key} 应为{wanted}，而不是 {value!r}", value_pos=True)
        return None
    return value


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _relative(spec: str, config_path: Path) -> str:
    """A shipped name stays a name; a file path is taken relative to the config file, as a user expects."""
    if builtin_ruleset(spec) and not spec.endswith((".yaml", ".yml")):
        return spec
    path = Path(spec).expanduser()
    return str(path if path.is_absolute() else config_path.parent / path)


def apply_disable(ruleset: Ruleset, ids) -> Ruleset:
    """The ruleset without the rules named in `ids`. Unknown ids, or disabling a rule another one still
    reads (scope / sections / not_within), are errors rather than a silent skip. A built-in scope named in
    `scope` or `not_within` (`scope: title`) is the scope, not the rule of that name."""
    ids = list(ids)
    known = [rule.id for rule in ruleset.rules]
    for rule_id in ids:
        if rule_id not in known:
            guess = difflib.get_close_matches(rule_id, known, n=1, cutoff=0.5)
            hint = f"；是不是要写 {guess[0]}？" if guess else ""
            raise RulesError(f"disable 中的规则 {rule_id} 不存在{hint}")
    kept = [rule for rule in ruleset.rules if rule.id not in ids]
    for rule in kept:
        used = list(dict.fromkeys(target for _, target in rule_references(rule.kind, rule.options) if target in ids))
        if used:
            raise RulesError(f"规则 {rule.id} 引用了被停用的规则 {'、'.join(used)}，请一并停用 {rule.id}",
                             rule_id=rule.id)
    return replace(ruleset, rules=kept)
