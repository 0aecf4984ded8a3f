"""`fzcheck rules …`: tools for rule authors (list, show, validate, test, new, docs).

Exit codes follow `fzcheck lint`: 0 fine, 1 an example failed, 2 an invalid ruleset or a usage error.
"""
from __future__ import annotations

import difflib
import sys
from typing import NoReturn
import unicodedata
from pathlib import Path

import click

from .clickzh import Group, examples
from .errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FzcheckError, RulesError, os_reason, report
from .kinds import KINDS
from .output import write_atomic
from .ruleset import Ruleset, load_ruleset
from .render.text import SEVERITY_LABELS

RULES_OPTION = click.option("--rules", "rules", multiple=True, metavar="PATH",
                            help="规则集：内置名称（如 fzzf-2019）或 YAML 文件，可多次指定，按顺序合并。")


@click.group(cls=Group, epilog=examples(
    "fzcheck rules list                        列出默认规则集的规则",
    "fzcheck rules show problems               查看一条规则",
    "fzcheck rules new -o 本省规则.yaml         生成规则集骨架",
    "fzcheck rules validate 本省规则.yaml       校验字段和格式",
    "fzcheck rules test 本省规则.yaml           运行规则自带的样例",
    "fzcheck rules docs -o docs/rules.md       生成规则编写指南"))
def rules():
    """编写和检查规则集：列出、查看、校验、测试规则，生成骨架和文档。"""


def _severity(severity: str) -> str:
    """警告（warning）: the word every other output uses, and the value a rule file writes."""
    return f"{SEVERITY_LABELS.get(severity, severity)}（{severity}）"


@rules.command("list", epilog=examples("fzcheck rules list", "fzcheck rules list --rules 本省规则.yaml"))
@RULES_OPTION
def list_rules(rules):
    """列出合并后规则集中的全部规则。"""
    ruleset = _load_or_exit(rules)
    click.echo(f"规则集 {ruleset.id}：{ruleset.name}（{len(ruleset.rules)} 条规则；文件：{'、'.join(ruleset.sources)}）")
    rows = [(r.id, r.name, _severity(r.severity), f"{r.weight:g}", r.kind, _shorten(r.source, 40))
            for r in ruleset.rules]
    click.echo(_table(("id", "名称", "级别", "权重", "类型", "依据"), rows))


@rules.command("show", epilog=examples("fzcheck rules show placeholders", "fzcheck rules show 本省规则 --rules 本省规则.yaml"))
@click.argument("rule_id", metavar="规则id")
@RULES_OPTION
def show_rule(rule_id, rules):
    """显示一条规则：检查什么、选项、说明文字、建议、依据和样例。"""
    ruleset = _load_or_exit(rules)
    rule = ruleset.get(rule_id)
    if rule is None:
        guess = difflib.get_close_matches(rule_id, [r.id for r in ruleset.rules], n=1, cutoff=0.5)
        hint = f"；是不是要写 {guess[0]}？" if guess else "（用 fzcheck rules list 查看全部规则）"
        _exit_with(FzcheckError(f"规则集 {ruleset.id} 中没有规则 {rule_id}{hint}"))
    click.echo(_describe(rule))


@rules.command("validate", epilog=examples("fzcheck rules validate 本省规则.yaml", "fzcheck rules validate rules/*.yaml"))
@click.argument("paths", nargs=-1, required=True, metavar="规则文件...")
def validate(paths):
    """校验规则文件：逐条列出错误（文件:行:列: [规则] 说明）。"""
    invalid = 0
    for path in paths:
        try:
            ruleset = load_ruleset([path])
        except RulesError as exc:
            invalid += 1
            _echo_errors(exc)
            continue
        click.echo(f"{path}：校验通过（{len(ruleset.rules)} 条规则）")
    sys.exit(EXIT_ERROR if invalid else EXIT_OK)


@rules.command("test", epilog=examples("fzcheck rules test 本省规则.yaml"))
@click.argument("paths", nargs=-1, required=True, metavar="规则文件...")
def test_rules(paths):
    """运行每条规则的样例（examples），列出结果不符的样例。"""
    from .testing import run_examples  # the engine and its parsers only when examples actually run

    invalid, failed, total = False, 0, 0
    for path in paths:
        try:
            ruleset = load_ruleset([path])
            failures = run_examples(ruleset)
        except RulesError as exc:
            invalid = True
            _echo_errors(exc)
            continue
        total += _count_examples(ruleset)
        failed += len(failures)
        for failure in failures:
            click.echo(str(failure) if failure.where else f"{path}: {failure}")
    verdict = "，有规则文件无效" if invalid else "" if failed else "，全部通过"
    click.echo(f"共运行 {total} 个样例，{failed} 个不符合预期{verdict}")
    sys.exit(EXIT_ERROR if invalid else EXIT_FINDINGS if failed else EXIT_OK)


@rules.command("new", epilog=examples("fzcheck rules new -o 本省规则.yaml", "fzcheck rules new"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="写入此文件（不覆盖已有文件）；不给则输出到屏幕。")
def new_rules(output):
    """生成带中文注释的规则集骨架（extends fzzf-2019，每种规则类型各一条示例）。"""
    from .docgen import SKELETON

    _write_or_echo(SKELETON, output, refuse_existing=True)


@rules.command("docs", epilog=examples("fzcheck rules docs -o docs/rules.md"))
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=str), help="写入此文件；不给则输出到屏幕。")
def docs(output):
    """生成规则编写指南（Markdown），内容取自校验器的字段定义。"""
    from .docgen import generate

    _write_or_echo(generate(), output, refuse_existing=False)


def _load_or_exit(specs) -> Ruleset:
    try:
        return load_ruleset(list(specs) or None)
    except RulesError as exc:
        _exit_with(exc)


def _exit_with(exc: FzcheckError) -> NoReturn:
    report(exc)
    sys.exit(EXIT_ERROR)


def _echo_errors(exc: RulesError) -> None:
    for error in exc.errors if isinstance(exc, RulesError) else [exc]:
        click.echo(str(error))


def _write_or_echo(content: str, output: str | None, refuse_existing: bool) -> None:
    if not output:
        click.echo(content, nl=False)
        return
    if refuse_existing and Path(output).exists():
        _exit_with(FzcheckError("文件已存在，不覆盖；请换一个文件名或先删除它", output))
    try:
        write_atomic(output, content)
    except OSError as exc:
        _exit_with(FzcheckError(f"无法写入（{os_reason(exc)}）", output))
    click.echo(f"已写入 {output}", err=True)


def _count_examples(ruleset: Ruleset) -> int:
    return sum(len(texts) if isinstance(texts, list) else 1
               for rule in ruleset.rules for texts in rule.examples.values())


def _describe(rule) -> str:
    kind = KINDS[rule.kind]
    options = {k: v for k, v in rule.options.items() if not k.startswith("_")}
    lines = [f"{rule.id}：{rule.name}",
             f"类型：{rule.kind}（{kind.DOC}）",
             f"级别：{_severity(rule.severity)}    权重：{rule.weight:g}",
             f"依据：{rule.source}",
             f"定义于：{rule.origin}",
             "", "选项：", _yaml_block(options),
             "说明：", f"  {rule.message}"]
    if rule.messages:
        lines += ["按结果代码的说明："] + [f"  {code}：{text}" for code, text in rule.messages.items()]
    lines += ["修改建议：", f"  {rule.suggestion}"]
    for status, texts in rule.examples.items():
        for text in texts if isinstance(texts, list) else [texts]:
            lines += [f"样例（{status}）："] + ["    " + line for line in str(text).splitlines()]
    return "\n".join(lines)


def _yaml_block(data) -> str:
    from .docgen import dump_yaml

    text = dump_yaml(data)
    return "\n".join("  " + line for line in text.rstrip("\n").splitlines())


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _table(header: tuple, rows: list[tuple]) -> str:
    """Columns aligned by display width: Chinese characters take two cells in a terminal."""
    widths = [max(_width(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [str(cell) + " " * (widths[i] - _width(str(cell))) for i, cell in enumerate(row)]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)
