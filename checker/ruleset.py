"""Loading, validating and composing rulesets (YAML → Ruleset).

Every key is checked against a declared schema (the common rule fields here, each kind's OPTIONS in its
module): unknown keys, wrong types, bad regexes, duplicate ids are errors with file:line:column and the
closest valid key, never silently ignored. A ruleset may `extends:` a shipped one or a file; a rule whose id
already exists overrides only the fields it gives.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import RulesError
from .kinds import KINDS, SEVERITIES, STATUSES, Option, Rule
from .kinds.base import SCOPES
from .resources import builtin_ruleset
from .yamlmarks import load_with_marks

DEFAULT_RULESET = "fzzf-2019"
MAX_RULES_BYTES = 2 * 1024 * 1024

COMMON_FIELDS = {
    "id": Option(str, required=True, doc="规则编号，公开接口，不要随意更改"),
    "name": Option(str, required=True, doc="规则名称"),
    "kind": Option(str, required=True, choices=tuple(KINDS), doc="规则类型"),
    "severity": Option(str, required=True, choices=SEVERITIES, doc="严重程度"),
    "weight": Option((int, float), required=True, doc="计分权重；0 表示只报告不计分"),
    "message": Option(str, required=True, doc="不符合时的说明"),
    "suggestion": Option(str, required=True, doc="修改建议"),
    "source": Option(str, required=True, doc="依据（条款或标准）"),
    "messages": Option(dict, default={}, doc="按结果代码（见各类型）给出的说明，可用 {year} 等变量"),
    "examples": Option(dict, default={}, doc="规则自测样例"),
    "enabled": Option(bool, default=True, doc="false 表示停用"),
}
TOP_FIELDS = {"schema", "id", "name", "description", "extends", "scoring", "dictionary", "rules", "disable"}


@dataclass(frozen=True)
class Scoring:
    credit: dict = field(default_factory=lambda: {"pass": 1.0, "partial": 0.5, "fail": 0.0})
    grades: tuple = ((90, "优秀"), (75, "良好"), (60, "合格"), (0, "不合格"))

    def grade(self, score: float) -> str:
        return next((name for low, name in self.grades if score >= low), self.grades[-1][1])


@dataclass
class Ruleset:
    id: str
    name: str
    rules: list[Rule]
    scoring: Scoring
    dictionary: tuple[str, ...]
    sources: list[str]

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def load_ruleset(specs: list[str] | tuple[str, ...] | None = None) -> Ruleset:
    """Load the default ruleset, or each spec (a shipped name or a file) merged in order."""
    merged: dict = {"rules": {}, "order": [], "sources": [], "dictionary": [], "scoring": None,
                    "id": DEFAULT_RULESET, "name": ""}
    for spec in (specs or [DEFAULT_RULESET]):
        _merge_file(_resolve(spec, None), merged, seen=set())
    return _build(merged)


def _resolve(spec: str, relative_to: Path | None) -> Path:
    builtin = builtin_ruleset(spec)
    if builtin and not spec.endswith((".yaml", ".yml")):
        return builtin
    path = Path(spec)
    if relative_to is not None and not path.is_absolute():
        path = relative_to.parent / path
    if not path.is_file():
        raise RulesError(f"找不到规则集 {spec}（既不是内置规则集，也不是存在的文件）", str(path))
    return path


def _merge_file(path: Path, merged: dict, seen: set) -> None:
    key = str(path.resolve())
    if key in seen:
        raise RulesError("extends 形成循环引用", str(path))
    seen.add(key)
    if path.stat().st_size > MAX_RULES_BYTES:
        raise RulesError("规则文件过大", str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError(f"无法读取规则文件（{exc}）", str(path)) from None
    data, marks = load_with_marks(text, str(path))
    checker = _Validator(str(path), marks)
    if not isinstance(data, dict):
        checker.fail((), "规则文件的顶层必须是映射（含 rules: 列表）")
        checker.raise_if_any()
    checker.check_keys(data, TOP_FIELDS, ())
    parents = data.get("extends") or []
    for parent in [parents] if isinstance(parents, str) else parents:
        _merge_file(_resolve(str(parent), path), merged, seen)
    merged["sources"].append(str(path))
    merged["id"] = data.get("id", merged["id"])
    merged["name"] = data.get("name", merged["name"])
    if "scoring" in data:
        merged["scoring"] = checker.scoring(data["scoring"])
    merged["dictionary"].extend(str(w) for w in data.get("dictionary") or [])
    for rule_id in data.get("disable") or []:
        if rule_id not in merged["rules"]:
            checker.fail(("disable",), f"disable 中的规则 {rule_id} 不存在", close_to=(rule_id, merged["order"]))
        merged["rules"].pop(rule_id, None)
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        checker.fail(("rules",), "rules 必须是列表")
        rules = []
    ids_here: set = set()
    for index, raw in enumerate(rules):
        rule = checker.rule(raw, (("rules", index)), merged["rules"], ids_here)
        if rule is not None:
            if rule.id not in merged["order"]:
                merged["order"].append(rule.id)
            merged["rules"][rule.id] = rule
    checker.raise_if_any()


def _build(merged: dict) -> Ruleset:
    rules = [merged["rules"][i] for i in merged["order"]
             if i in merged["rules"] and merged["rules"][i].options.get("_enabled", True)]
    _check_references(rules)
    words = list(merged["dictionary"])
    for rule in rules:
        for group in rule.options.get("keywords", []):
            words.extend(group)
    return Ruleset(merged["id"], merged["name"], rules, merged["scoring"] or Scoring(),
                   tuple(dict.fromkeys(words)), merged["sources"])


def _check_references(rules: list[Rule]) -> None:
    """A scope or section list naming a rule that is not there would silently skip: refuse it."""
    ids = [rule.id for rule in rules]
    for rule in rules:
        named = [rule.options["scope"]] if "scope" in rule.options else []
        named += rule.options.get("sections", []) + rule.options.get("not_within", [])
        for target in named:
            if target not in ids and target not in SCOPES:
                guess = difflib.get_close_matches(target, ids + list(SCOPES), n=1, cutoff=0.5)
                hint = f"；是不是要写 {guess[0]}？" if guess else ""
                path, _, line = rule.origin.rpartition(":")
                raise RulesError(f"引用的规则或范围 {target} 不存在（可用 {' / '.join(SCOPES)} 或某条规则的 id）{hint}",
                                 path, int(line) if line.isdigit() else None, 1, rule.id)


class _Validator:
    """Collects every problem in one file before raising, so an author fixes them in one pass."""

    def __init__(self, source: str, marks: dict):
        self.source, self.marks, self.errors = source, marks, []

    def fail(self, path: tuple, message: str, rule_id: str | None = None, close_to=None) -> None:
        line, column = self._where(path)
        if close_to:
            guess = difflib.get_close_matches(str(close_to[0]), [str(c) for c in close_to[1]], n=1, cutoff=0.5)
            if guess:
                message += f"；是不是要写 {guess[0]}？"
        self.errors.append(RulesError(message, self.source, line, column, rule_id))

    def _where(self, path: tuple) -> tuple[int | None, int | None]:
        while path:
            if path in self.marks:
                return self.marks[path]
            path = path[:-1]
        return self.marks.get((), (None, None))

    def raise_if_any(self) -> None:
        if self.errors:
            first = self.errors[0]
            first.errors = list(self.errors)
            raise first

    def check_keys(self, data: dict, allowed, path: tuple, rule_id: str | None = None) -> None:
        for key in data:
            if key not in allowed:
                self.fail(path + (key, "__key__"), f"未知字段 {key}", rule_id, close_to=(key, sorted(allowed)))

    def scoring(self, raw) -> Scoring:
        path = ("scoring",)
        if not isinstance(raw, dict):
            self.fail(path, "scoring 必须是映射（credit、grades）")
            return Scoring()
        self.check_keys(raw, {"credit", "grades"}, path)
        credit = dict(Scoring().credit)
        for status, value in (raw.get("credit") or {}).items():
            if status not in ("pass", "partial", "fail") or not _is_number(value) or not 0 <= value <= 1:
                self.fail(path + ("credit", status), f"credit.{status} 应为 pass/partial/fail 之一，取值 0–1")
            else:
                credit[status] = float(value)
        grades = []
        for index, item in enumerate(raw.get("grades") or []):
            if not (isinstance(item, dict) and _is_number(item.get("min")) and isinstance(item.get("name"), str)):
                self.fail(path + ("grades", index), "grades 的每项应为 {min: 分数, name: 等级名}")
            else:
                grades.append((float(item["min"]), item["name"]))
        grades.sort(reverse=True)
        return Scoring(credit, tuple(grades) or Scoring().grades)

    def rule(self, raw, path: tuple, existing: dict, ids_here: set) -> Rule | None:
        if not isinstance(raw, dict):
            self.fail(path, "每条规则必须是映射（id、kind、…）")
            return None
        rule_id = raw.get("id")
        if not isinstance(rule_id, str) or not rule_id:
            self.fail(path, "规则缺少 id")
            return None
        if rule_id in ids_here:
            self.fail(path + ("id",), f"规则 id 重复：{rule_id}", rule_id)
            return None
        ids_here.add(rule_id)
        base = existing.get(rule_id)
        merged = _rule_fields(base) if base else {}
        options = dict(base.options) if base else {}
        kind_name = raw.get("kind", merged.get("kind"))
        kind = KINDS.get(kind_name)
        if kind is None:
            self.fail(path + ("kind",), f"未知的规则类型 {kind_name}", rule_id, close_to=(kind_name, list(KINDS)))
            return None
        if base and kind_name != base.kind:
            self.fail(path + ("kind",), f"覆盖规则时不能改变类型（原为 {base.kind}）", rule_id)
        self.check_keys(raw, set(COMMON_FIELDS) | set(kind.OPTIONS), path, rule_id)
        errors_before = len(self.errors)
        for name, option in COMMON_FIELDS.items():
            self._field(raw, name, option, merged, path, rule_id, required=option.required and not base)
        for name, option in kind.OPTIONS.items():
            self._field(raw, name, option, options, path, rule_id, required=option.required and not base)
        self._check_messages(merged.get("messages", {}), kind, path, rule_id)
        self._check_examples(merged.get("examples", {}), path, rule_id)
        if len(self.errors) > errors_before:
            return None
        options = kind.prepare({k: v for k, v in options.items() if not k.startswith("_")},
                               lambda key, msg: self.fail(path + (key,), msg, rule_id))
        options["_enabled"] = merged.get("enabled", True)
        line, _ = self._where(path)
        return Rule(id=rule_id, name=merged["name"], kind=kind_name, severity=merged["severity"],
                    weight=float(merged["weight"]), message=merged["message"],
                    suggestion=merged["suggestion"], source=merged["source"], options=options,
                    messages=merged.get("messages", {}), examples=merged.get("examples", {}),
                    origin=f"{self.source}:{line}")

    def _field(self, raw: dict, name: str, option: Option, into: dict, path, rule_id, required: bool):
        if name not in raw:
            if required:
                self.fail(path, f"缺少必填字段 {name}", rule_id)
            elif name not in into:
                into[name] = option.default
            return
        value = raw[name]
        problem = _type_problem(value, option)
        if problem:
            self.fail(path + (name,), f"字段 {name} {problem}", rule_id)
        else:
            into[name] = value

    def _check_messages(self, messages: dict, kind, path, rule_id) -> None:
        allowed = set(kind.OUTCOMES) | set(STATUSES)
        for code, text in messages.items():
            if code not in allowed:
                self.fail(path + ("messages", code, "__key__"), f"messages 中的未知结果代码 {code}", rule_id,
                          close_to=(code, sorted(allowed)))
            elif not isinstance(text, str):
                self.fail(path + ("messages", code), "messages 的值必须是字符串", rule_id)


    def _check_examples(self, examples: dict, path, rule_id) -> None:
        for status, texts in examples.items():
            if status not in STATUSES:
                self.fail(path + ("examples", status, "__key__"), f"examples 中的未知结果 {status}", rule_id,
                          close_to=(status, list(STATUSES)))
            elif not (isinstance(texts, str) or (isinstance(texts, list) and all(isinstance(t, str) for t in texts))):
                self.fail(path + ("examples", status), "examples 的值应为字符串或字符串列表", rule_id)


def _rule_fields(rule: Rule) -> dict:
    return {"name": rule.name, "kind": rule.kind, "severity": rule.severity, "weight": rule.weight,
            "message": rule.message, "suggestion": rule.suggestion, "source": rule.source,
            "messages": rule.messages, "examples": rule.examples}


def _is_number(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _type_problem(value, option: Option) -> str | None:
    kind = option.type
    if option.choices and value not in option.choices:
        return f"取值应为 {' / '.join(map(str, option.choices))} 之一，而不是 {value!r}"
    if kind in ("strings", "patterns"):
        ok = isinstance(value, list) and all(isinstance(v, str) for v in value)
        return None if ok else "应为字符串列表"
    if kind == "ints":
        ok = isinstance(value, list) and all(isinstance(v, int) and not isinstance(v, bool) for v in value)
        return None if ok else "应为整数列表"
    if kind == "string-groups":
        ok = isinstance(value, list) and all(isinstance(g, list) and all(isinstance(v, str) for v in g) for g in value)
        return None if ok else "应为“字符串列表”的列表，如 [[问题, 不足], [原因]]"
    if kind == "checks":
        return None if isinstance(value, list) and value else "应为非空列表"
    if kind == (int, float):
        return None if _is_number(value) else f"应为数字，而不是 {value!r}"
    if kind is int:
        ok = value is None or (isinstance(value, int) and not isinstance(value, bool))
        return None if ok else f"应为整数，而不是 {value!r}"
    if kind is bool:
        return None if isinstance(value, bool) else "应为 true 或 false"
    if not isinstance(value, kind):
        return {str: "应为字符串", dict: "应为映射"}.get(kind, "类型不对")
    return None
