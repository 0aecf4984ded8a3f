"""Loading, validating and composing rulesets (YAML → Ruleset).

Every key is checked against a declared schema (the common rule fields here, each kind's OPTIONS in its
module): unknown keys, wrong types, bad regexes, duplicate ids are errors with file:line:column and the
closest valid key, never silently ignored. A ruleset may `extends:` a shipped one or a file; a rule whose id
already exists overrides only the fields it gives, `enabled` included (a rule a parent disabled stays
disabled until a child writes `enabled: true`). Once every file is merged, the references between rules
(`scope`, `not_within`, `sections`) are checked as a whole: a missing or disabled target, or a cycle, is an
error at the referring field, so a ruleset that loads can always be run.
"""
from __future__ import annotations

import difflib
import string
from dataclasses import dataclass, field
from pathlib import Path

from .document.normalize import normalize_pattern
from .errors import RulesError, os_reason
from .fixes import FixSpec, parse_fix
from .kinds import KINDS, SEVERITIES, STATUSES, Option, Rule
from .kinds.base import MESSAGE_VALUES, SCOPES
from .resources import builtin_names, builtin_ruleset
from .genre import Genre, parse_genre
from .vocabulary import Vocabulary, parse_vocabulary
from .yamlmarks import load_with_marks

DEFAULT_RULESET = "fzzf-2019"
MAX_RULES_BYTES = 2 * 1024 * 1024
KNOWN_SCHEMAS = ("fzcheck-rules/1",)

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
    "fix": Option(dict, default=None,
                  doc="可选：确定无疑的自动修正（replace、pattern、outcomes），见“自动修正”；"
                      "lint --fix 改文本文件，--format docx 写成修订"),
    "enabled": Option(bool, default=True,
                      doc="false 表示停用；覆盖规则时不写则沿用原设置（已停用的规则写 true 才重新启用）"),
}
TOP_FIELDS = {"schema", "id", "name", "description", "extends", "scoring", "dictionary", "genre", "vocabulary",
              "rules", "disable"}

# Which options name other rules each kind declares (Option.refers): "scope" options go through
# Context.scope, where a built-in scope name (SCOPES) wins over a rule of that name; "rule" options always
# name a rule. The engine still refuses a cycle at run time, should one slip past the load-time check.


@dataclass(frozen=True)
class Scoring:
    credit: dict = field(default_factory=lambda: {"pass": 1.0, "partial": 0.5, "fail": 0.0})
    grades: tuple = ((90, "优秀"), (75, "良好"), (60, "合格"), (0, "不合格"))

    def grade(self, score: float) -> str:
        return self.grades[self.band(score)][1]

    def band(self, score: float) -> int:
        """Which grade band a score falls in: 0 for the best, len(grades) - 1 for the lowest."""
        return next((i for i, (low, _) in enumerate(self.grades) if score >= low), len(self.grades) - 1)


@dataclass
class Ruleset:
    id: str
    name: str
    rules: list[Rule]
    scoring: Scoring
    dictionary: tuple[str, ...]
    sources: list[str]
    genre: Genre | None = None      # the cues that tell a non-report; None checks every document
    vocabulary: Vocabulary = field(default_factory=Vocabulary)   # words a rule author may change
    fixes: dict[str, FixSpec] = field(default_factory=dict)   # rule id → the fix it declares

    def get(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)


def rule_references(kind: str, options: dict) -> list[tuple[tuple, str]]:
    """The rules a rule's options name, as (field path inside the rule, rule id): `("scope",)` or
    `("sections", 2)`, from the options its kind declares with `refers`. Built-in scope names in a
    scope option are not references to rules."""
    found: list[tuple[tuple, str]] = []
    for name, option in KINDS[kind].OPTIONS.items() if kind in KINDS else ():
        value = options.get(name) if option.refers else None
        items = [((name,), value)] if isinstance(value, str) else \
            [((name, i), v) for i, v in enumerate(value)] if isinstance(value, list) else []
        for path, target in items:
            if not (option.refers == "scope" and target in SCOPES):
                found.append((path, target))
    return found


def _refers_to_scope(kind: str, name: str) -> bool:
    option = KINDS[kind].OPTIONS.get(name) if kind in KINDS else None
    return bool(option and option.refers == "scope")


@dataclass
class _Draft:
    """A rule as merged so far: its fields and options as written (child over parent), the options after
    the kind prepared them, and where each field was last written (path in the rule → file, line, column)."""

    kind: str
    fields: dict
    options: dict
    prepared: dict
    origin: str
    where: dict

    def position(self, path: tuple) -> tuple[str, int | None, int | None]:
        while path:
            if path in self.where:
                return self.where[path]
            path = path[:-1]
        source, _, line = self.origin.rpartition(":")
        return source, int(line) if line.isdigit() else None, None


def load_ruleset(specs: list[str] | tuple[str, ...] | None = None) -> Ruleset:
    """Load the default ruleset, or each spec (a shipped name or a file) merged in order. A file reached
    twice (named twice, or extended by two files) is merged once, where it is first reached."""
    merged: dict = {"rules": {}, "order": [], "sources": [], "dictionary": [], "scoring": None, "genre": None, "vocabulary": None,
                    "id": DEFAULT_RULESET, "name": "", "loaded": set()}
    for spec in (specs or [DEFAULT_RULESET]):
        _merge_file(_resolve(spec, None), merged, chain=[])
    return _build(merged)


def _resolve(spec: str, relative_to: Path | None) -> Path:
    builtin = builtin_ruleset(spec)
    if builtin and not spec.endswith((".yaml", ".yml")):
        return builtin
    path = Path(spec)
    if relative_to is not None and not path.is_absolute():
        path = relative_to.parent / path
    if not path.is_file():
        names = builtin_names()
        close = difflib.get_close_matches(spec, names, n=1)
        hint = f"；是不是 {close[0]}？" if close else ""
        raise RulesError(f"找不到规则集 {spec}；内置的有：{'、'.join(names)}{hint}（也可以给 YAML 文件的路径）",
                         str(path))
    return path


def _merge_file(path: Path, merged: dict, chain: list, extended_at=None) -> None:
    """Merge one file (its parents first). `chain` holds the files whose parents are being merged, to tell
    an extends cycle from a file merely reached twice; `extended_at` is where the child named this file."""
    key = str(path.resolve())
    if key in chain:
        names = [Path(k).name for k in chain[chain.index(key):]] + [path.name]
        raise RulesError(f"extends 形成循环引用：{' → '.join(names)}", *(extended_at or (str(path),)))
    if key in merged["loaded"]:
        return
    if path.stat().st_size > MAX_RULES_BYTES:
        raise RulesError("规则文件过大", str(path))
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError:
        raise RulesError("规则文件须为 UTF-8 编码，请用编辑器另存为 UTF-8", str(path)) from None
    except OSError as exc:
        raise RulesError(f"无法读取规则文件（{os_reason(exc)}）", str(path)) from None
    data, marks = load_with_marks(text, str(path))
    checker = _Validator(str(path), marks)
    if not isinstance(data, dict):
        checker.fail((), "规则文件的顶层必须是映射（含 rules: 列表）")
        raise RulesError.of_all(checker.errors)
    checker.check_keys(data, TOP_FIELDS, ())
    checker.check_top(data)
    extends = data.get("extends")
    parents = [(("extends",), extends)] if isinstance(extends, str) else \
        [(("extends", i), name) for i, name in enumerate(_strings(extends) or [])]
    for at, parent in parents:
        try:
            parent_path = _resolve(parent, path)
        except RulesError as exc:
            raise RulesError(exc.message, *checker.position(at)) from None
        _merge_file(parent_path, merged, chain + [key], checker.position(at))
    merged["loaded"].add(key)
    merged["sources"].append(str(path))
    merged["id"] = _text_or(data.get("id"), merged["id"])
    merged["name"] = _text_or(data.get("name"), merged["name"])
    if "scoring" in data:
        merged["scoring"] = checker.scoring(data["scoring"], merged["scoring"] or Scoring())
    merged["dictionary"].extend(_strings(data.get("dictionary")) or [])
    if "vocabulary" in data:
        merged["vocabulary"] = parse_vocabulary(data["vocabulary"], merged["vocabulary"],
                                                lambda at, message: checker.fail(("vocabulary",) + at, message))
    if "genre" in data:
        merged["genre"] = parse_genre(data["genre"], merged["genre"],
                                      lambda at, message: checker.fail(("genre",) + at, message))
    disabled_here = checker.disable(data.get("disable"), merged["rules"], merged["order"])
    rules = data.get("rules") or []
    if not isinstance(rules, list):
        checker.fail(("rules",), "rules 必须是列表")
        rules = []
    ids_here: set = set()
    for index, raw in enumerate(rules):
        draft = checker.rule(raw, ("rules", index), merged["rules"], ids_here, disabled_here)
        if draft is not None:
            rule_id = raw["id"]
            if rule_id not in merged["order"]:
                merged["order"].append(rule_id)
            merged["rules"][rule_id] = draft
    checker.raise_if_any()


def _build(merged: dict) -> Ruleset:
    drafts = {i: merged["rules"][i] for i in merged["order"] if i in merged["rules"]}
    enabled = {i: d for i, d in drafts.items() if d.fields["enabled"]}
    errors = _reference_errors(enabled, drafts, merged["sources"]) + _cycle_errors(enabled, merged["sources"])
    if errors:
        raise RulesError.of_all(errors)
    rules = [_rule(rule_id, draft) for rule_id, draft in enabled.items()]
    words = list(merged["dictionary"])
    for rule in rules:   # words of the options a kind marks as dictionary words (section keywords)
        for name, option in KINDS[rule.kind].OPTIONS.items():
            if option.dictionary:
                words.extend(word for group in rule.options.get(name) or [] for word in group)
    fixes = {rule_id: spec for rule_id, draft in enabled.items()
             if (spec := parse_fix(draft.fields.get("fix"), KINDS[draft.kind].outcomes(draft.options),
                                   lambda *_: None))}
    return Ruleset(merged["id"], merged["name"], rules, merged["scoring"] or Scoring(),
                   tuple(dict.fromkeys(words)), merged["sources"], genre=merged["genre"], fixes=fixes,
                   vocabulary=merged["vocabulary"] or Vocabulary())


def _rule(rule_id: str, draft: _Draft) -> Rule:
    f = draft.fields
    return Rule(id=rule_id, name=f["name"], kind=draft.kind, severity=f["severity"], weight=float(f["weight"]),
                message=f["message"], suggestion=f["suggestion"], source=f["source"], options=dict(draft.prepared),
                messages=f["messages"], examples=f["examples"], origin=draft.origin,
                example_origins={(status, i): f"{source}:{line}" for (field, *key), (source, line, _) in draft.where.items()
                                 if field == "examples" and len(key) == 2 for status, i in (key,)})


def _reference_errors(enabled: dict[str, _Draft], drafts: dict[str, _Draft], sources: list[str]) -> list[RulesError]:
    """A scope, not_within or sections entry naming a rule that is not there (or is disabled) would
    silently skip at run time: refuse it, at the entry (or where the target was disabled, if that came later)."""
    errors = []
    for rule_id, draft in enabled.items():
        for path, target in rule_references(draft.kind, draft.options):
            if target in enabled:
                continue
            where = draft.position(path)
            if target in drafts:
                message = (f"引用的规则 {target} 已停用（disable 或 enabled: false）；"
                           f"请一并停用 {rule_id}，或去掉这处引用")
                disabled_at = drafts[target].position(("enabled",))
                if _written_after(disabled_at, where, sources):
                    where = disabled_at
            else:
                scoped = _refers_to_scope(draft.kind, path[0])
                candidates = list(enabled) + (list(SCOPES) if scoped else [])
                guess = difflib.get_close_matches(target, candidates, n=1, cutoff=0.5)
                hint = f"；是不是要写 {guess[0]}？" if guess else ""
                message = (f"引用的规则或范围 {target} 不存在（可用 {' / '.join(SCOPES)} 或某条规则的 id）{hint}"
                           if scoped else f"{path[0]} 中的规则 {target} 不存在（应为规则的 id）{hint}")
            errors.append(RulesError(message, *where, rule_id))
    return errors


def _written_after(one: tuple, other: tuple, sources: list[str]) -> bool:
    """Whether position `one` is in a file merged after the file of position `other`."""
    rank = {source: index for index, source in enumerate(sources)}
    return rank.get(one[0], -1) > rank.get(other[0], -1)


def _cycle_errors(enabled: dict[str, _Draft], sources: list[str]) -> list[RulesError]:
    """Rules that reach themselves through scope / not_within / sections could never be evaluated. One
    error per cycle found, at the reference written last (most likely the edit that closed the cycle)."""
    order = {rule_id: index for index, rule_id in enumerate(enabled)}
    rank = {source: index for index, source in enumerate(sources)}
    edges = {rule_id: [(target, path) for path, target in rule_references(d.kind, d.options) if target in enabled]
             for rule_id, d in enabled.items()}
    errors, seen = [], set()
    for cycle in _find_cycles(list(enabled), edges):
        links = [(cycle[i], cycle[(i + 1) % len(cycle)]) for i in range(len(cycle))]
        if frozenset(links) in seen:
            continue
        seen.add(frozenset(links))

        def written(link):
            path = next(p for target, p in edges[link[0]] if target == link[1])
            return (-rank.get(enabled[link[0]].position(path)[0], -1), order[link[0]]), path

        start = min(range(len(links)), key=lambda i: written(links[i])[0])
        names = cycle[start:] + cycle[:start]
        paths = [written(link)[1] for link in links[start:] + links[:start]]
        fields = " / ".join(dict.fromkeys(p[0] for p in paths))
        message = (f"规则之间的 {fields} 引用形成循环：{' → '.join(names + [names[0]])}，"
                   "无法确定先检查哪一条；请去掉其中一处引用")
        errors.append(RulesError(message, *enabled[names[0]].position(paths[0]), names[0]))
    return errors


def _find_cycles(nodes: list[str], edges: dict) -> list[list[str]]:
    """Depth-first search (iterative: rule files may chain many rules); each back edge closes a cycle."""
    state: dict[str, int] = {}          # absent: unvisited; 1: on the current path; 2: done
    cycles = []
    for start in nodes:
        if start in state:
            continue
        path, stack = [start], [iter(edges[start])]
        state[start] = 1
        while stack:
            step = next(stack[-1], None)
            if step is None:
                state[path.pop()] = 2
                stack.pop()
                continue
            target = step[0]
            if target not in state:
                state[target] = 1
                path.append(target)
                stack.append(iter(edges[target]))
            elif state[target] == 1:
                cycles.append(path[path.index(target):])
    return cycles


class _Validator:
    """Collects every problem in one file before raising, so an author fixes them in one pass."""

    def __init__(self, source: str, marks: dict):
        self.source, self.marks = source, marks
        self.errors: list[RulesError] = []

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

    def position(self, path: tuple) -> tuple[str, int | None, int | None]:
        return (self.source, *self._where(path))

    def raise_if_any(self) -> None:
        if self.errors:
            raise RulesError.of_all(self.errors)

    def check_keys(self, data: dict, allowed, path: tuple, rule_id: str | None = None) -> None:
        for key in data:
            if key not in allowed:
                self.fail(path + (key, "__key__"), f"未知字段 {key}", rule_id, close_to=(key, sorted(allowed)))

    def check_top(self, data: dict) -> None:
        """The file's own fields: a known schema, and the type of each."""
        if "schema" in data and data["schema"] not in KNOWN_SCHEMAS:
            self.fail(("schema",), f"未知的 schema {data['schema']!r}（已知的格式版本：{' / '.join(KNOWN_SCHEMAS)}）")
        for name in ("id", "name", "description"):
            if name in data and not isinstance(data[name], str):
                self.fail((name,), f"{name} 应为字符串")
        extends = data.get("extends")
        if extends is not None and not isinstance(extends, str) and _strings(extends) is None:
            self.fail(("extends",), "extends 应为规则集名称或文件路径，或它们的列表")
        for name in ("dictionary", "disable"):
            if data.get(name) is not None and _strings(data[name]) is None:
                self.fail((name,), f"{name} 应为字符串列表，如 [{'词语' if name == 'dictionary' else '规则id'}]")

    def disable(self, ids, rules: dict[str, _Draft], order: list) -> set:
        """`disable: [id]` is `enabled: false` on each rule: a later file may override and re-enable it."""
        done = set()
        for index, rule_id in enumerate(_strings(ids) or []):
            if rule_id not in rules:
                self.fail(("disable", index), f"disable 中的规则 {rule_id} 不存在", close_to=(rule_id, order))
                continue
            draft = rules[rule_id]
            rules[rule_id] = _Draft(draft.kind, {**draft.fields, "enabled": False}, draft.options, draft.prepared,
                                    draft.origin, {**draft.where, ("enabled",): self.position(("disable", index))})
            done.add(rule_id)
        return done

    def scoring(self, raw, base: Scoring) -> Scoring:
        """Like a rule, scoring overrides only what it gives: credit per status, grades as a whole."""
        path = ("scoring",)
        if not isinstance(raw, dict):
            self.fail(path, "scoring 必须是映射（credit、grades）")
            return base
        self.check_keys(raw, {"credit", "grades"}, path)
        credit = dict(base.credit)
        credit_raw = raw.get("credit") or {}
        if not isinstance(credit_raw, dict):
            self.fail(path + ("credit",), "credit 应为映射，如 {pass: 1, partial: 0.5, fail: 0}")
            credit_raw = {}
        for status, value in credit_raw.items():
            if status not in ("pass", "partial", "fail") or not _is_number(value) or not 0 <= value <= 1:
                self.fail(path + ("credit", status), f"credit.{status} 应为 pass/partial/fail 之一，取值 0–1")
            else:
                credit[status] = float(value)
        grades_raw = raw.get("grades") or []
        if not isinstance(grades_raw, list):
            self.fail(path + ("grades",), "grades 应为列表，每项 {min: 分数, name: 等级名}")
            grades_raw = []
        grades = []
        for index, item in enumerate(grades_raw):
            if not (isinstance(item, dict) and _is_number(item.get("min")) and isinstance(item.get("name"), str)):
                self.fail(path + ("grades", index), "grades 的每项应为 {min: 分数, name: 等级名}")
            else:
                grades.append((float(item["min"]), item["name"]))
        grades.sort(reverse=True)
        return Scoring(credit, tuple(grades) or base.grades)

    def rule(self, raw, path: tuple, existing: dict[str, _Draft], ids_here: set, disabled_here: set) -> _Draft | None:
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
        fields = dict(base.fields) if base else {}
        options = dict(base.options) if base else {}
        kind_name = raw.get("kind", base.kind if base else None)
        if not isinstance(kind_name, str) or kind_name not in KINDS:
            self.fail(path + ("kind",), f"未知的规则类型 {kind_name}", rule_id, close_to=(kind_name, list(KINDS)))
            return None
        kind = KINDS[kind_name]
        if base and kind_name != base.kind:
            self.fail(path + ("kind",), f"覆盖规则时不能改变类型（原为 {base.kind}）", rule_id)
            return None
        errors_before = len(self.errors)
        self.check_keys(raw, set(COMMON_FIELDS) | set(kind.OPTIONS), path, rule_id)
        for name, option in COMMON_FIELDS.items():
            if name not in ("id", "kind"):
                self._field(raw, name, option, fields, path, rule_id, required=option.required and not base)
        for name, option in kind.OPTIONS.items():
            self._field(raw, name, option, options, path, rule_id, required=option.required and not base)
        outcomes = kind.outcomes(options)
        self._check_messages(fields.get("messages", {}), outcomes, path, rule_id)
        self._check_placeholders(raw, kind, path, rule_id)
        if _is_number(raw.get("weight")) and raw["weight"] < 0:
            self.fail(path + ("weight",), "weight 不能为负数（0 表示只报告不计分）", rule_id)
        self._check_examples(fields.get("examples", {}), path, rule_id)
        if "fix" in raw and raw["fix"] is not None:
            parse_fix(raw["fix"], outcomes, lambda at, msg: self.fail(path + ("fix",) + at, msg, rule_id))
        if raw.get("enabled") is True and rule_id in disabled_here:
            self.fail(path + ("enabled",), f"同一文件的 disable 中停用了 {rule_id}，这里又写 enabled: true", rule_id)
        if rule_id in SCOPES and options.get("scope") != rule_id:
            # `scope: title` must read the same text whether it means the built-in scope (which wins at run
            # time) or the rule: only a rule that looks at exactly that scope may carry its name.
            self.fail(path + ("id",), f"规则 id {rule_id} 与内置范围 {rule_id} 同名，scope: {rule_id} 将无法区分指的是"
                      f"范围还是这条规则；请换一个 id（内置范围：{' / '.join(SCOPES)}；只有 scope: {rule_id} 的规则可以用它作 id）",
                      rule_id)
        if len(self.errors) > errors_before:
            return None
        prepared = kind.prepare(dict(options), lambda key, msg: self.fail(path + (key,), msg, rule_id))
        if len(self.errors) > errors_before:
            return None
        where = {p: w for p, w in base.where.items() if p[0] not in raw} if base else {}
        where.update(self._positions(raw, path))
        line, _ = self._where(path)
        return _Draft(kind_name, fields, options, prepared, f"{self.source}:{line}", where)

    def _positions(self, raw: dict, path: tuple) -> dict:
        """Where this entry wrote each field, and each item of a reference list."""
        where: dict[tuple, tuple[str, int | None, int | None]] = {(name,): self.position(path + (name,)) for name in raw}
        for name, value in raw.items():      # each item of a list field, references among them
            if isinstance(value, list):
                where.update({(name, i): self.position(path + (name, i)) for i in range(len(value))})
        examples = raw.get("examples")
        for status, texts in (examples.items() if isinstance(examples, dict) else ()):
            for i in range(len(texts) if isinstance(texts, list) else 1):   # where each example stands
                at = path + ("examples", status) + ((i,) if isinstance(texts, list) else ())
                where[("examples", status, i)] = self.position(at)
        return where

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
        else:   # patterns run on the normalised text: ，（“ written in them mean , ( "
            into[name] = [normalize_pattern(p) for p in value] if option.type == "patterns" else value

    def _check_placeholders(self, raw: dict, kind, path, rule_id) -> None:
        """{name} in message, suggestion and messages must be a value the rule gives (else the user reads
        “发现 {nosuchfield}”); literal braces are written {{ }}."""
        known = set(MESSAGE_VALUES) | set(kind.VALUES)
        texts: list[tuple[tuple, str]] = [((name,), raw[name]) for name in ("message", "suggestion")
                                          if isinstance(raw.get(name), str)]
        messages = raw.get("messages")
        texts += [(("messages", code), text) for code, text in (messages.items() if isinstance(messages, dict) else ())
                  if isinstance(text, str)]
        for at, text in texts:
            try:
                names = {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}
            except ValueError:
                self.fail(path + at, "花括号不成对；要写花括号本身，请写作 {{ 或 }}", rule_id)
                continue
            for name in sorted(names - known):
                self.fail(path + at, f"未知的变量 {{{name}}}；可用：{'、'.join('{' + k + '}' for k in sorted(known))}",
                          rule_id, close_to=(name, sorted(known)))

    def _check_messages(self, messages: dict, outcomes: dict, path, rule_id) -> None:
        allowed = set(outcomes) | set(STATUSES)
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
            elif not (_example(texts) or (isinstance(texts, list) and all(_example(t) for t in texts))):
                self.fail(path + ("examples", status),
                          "examples 的值应为样例文本，或 {previous: 去年的报告, text: 今年的报告}，或它们的列表", rule_id)


def _example(value) -> bool:
    """A rule example: a text, or {previous, text} for a rule that compares with last year's report."""
    if isinstance(value, dict):
        return set(value) <= {"previous", "text"} and all(isinstance(v, str) for v in value.values())
    return isinstance(value, str)


def _strings(value) -> list[str] | None:
    """A list of strings as given, [] for nothing, None for anything else."""
    if value is None:
        return []
    return value if isinstance(value, list) and all(isinstance(v, str) for v in value) else None


def _text_or(value, fallback: str) -> str:
    return value if isinstance(value, str) else fallback


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
