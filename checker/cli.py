"""The `fzcheck` command line.

Exit codes (like yamllint): 0 no error-severity rule failed; 1 one did (with --strict also a warning, with
--fail-under a score below N); 2 usage error, unreadable input or invalid ruleset.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from . import __version__
from .audit import Audit
from .batch import batch as batch_command
from .clickzh import Group, examples
from .config import apply_disable, settings_for
from .document import Limits, read_document
from .engine import check_file
from .errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FileError, FzcheckError, os_reason, report
from .output import safe_stem, write_atomic
from .render.jsonout import render_json
from .render.text import render_text
from .rules_cli import rules as rules_group
from .serve.command import serve as serve_command
from .ruleset import Ruleset, load_ruleset



@click.group(cls=Group, epilog=examples(
    "fzcheck lint 报告.docx                    检查一份报告，逐条列出问题和修改建议",
    "fzcheck lint 报告.txt --format html -o 审查.html",
    "fzcheck batch 各地报告/ -o 总览/          批量评分，生成总览页",
    "fzcheck serve                             在浏览器中检查",
    "fzcheck rules list                        列出默认规则集的规则",
    "fzcheck lint --help                       某条命令的用法"))
@click.version_option(__version__, prog_name="fzcheck", message="%(prog)s %(version)s",
                      help="显示版本号并退出。")
def cli():
    """fzcheck：法治政府建设年度报告合规检查。"""


@cli.command(epilog=examples(
    "fzcheck lint 报告.docx",
    "fzcheck lint seeds/*.txt --strict                 “警告”级不符合也返回 1",
    "fzcheck lint 报告.pdf --format html -o 审查.html    生成审查页面",
    "fzcheck lint 报告.docx --format docx -o 审查稿.docx  加批注和修订的 Word 审查稿",
    "fzcheck lint 报告.txt --fix                       直接改正确定无疑的写法问题",
    "fzcheck lint 2024.docx --previous 2023.docx       与上一年度报告比较",
    "fzcheck lint 报告.txt --rules 本省规则.yaml --fail-under 60"))
@click.argument("files", nargs=-1, required=True, metavar="文件...", type=click.Path(dir_okay=True, path_type=str))
@click.option("--rules", "rules", multiple=True, metavar="PATH", help="规则集：内置名称（如 fzzf-2019）或 YAML 文件，可多次指定，按顺序合并。")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "html", "docx"]), default="text", show_default=True, help="输出格式；docx 为带批注和修订的 Word 审查稿。")
@click.option("-o", "--output", "output", type=click.Path(path_type=str), help="输出文件；html、docx 格式检查多个文件时为输出文件夹。")
@click.option("--strict", is_flag=True, help="“警告”级规则不符合也返回退出码 1。")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="N", help="任一报告得分低于 N 时返回退出码 1。")
@click.option("--max-bytes", type=click.IntRange(1), default=None, show_default=str(Limits.max_bytes), help="输入文件大小上限（字节）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str), help="配置文件；默认从第一份报告所在文件夹向上查找 fzcheck.yaml 或 pyproject.toml 的 [tool.fzcheck]。")
@click.option("--no-config", is_flag=True, help="不读取配置文件。")
@click.option("--force", is_flag=True, help="即使不像法治政府建设年度报告（新闻、解读、外文……）也照常检查评分。")
@click.option("--previous", type=click.Path(dir_okay=False, path_type=str), metavar="上一年度报告",
              help="同一地区或单位上一年度的报告：检查存在的不足是否照抄、上一年度的安排是否落实。")
@click.option("-v", "--verbose", is_flag=True, help="文本格式也列出符合和不适用的规则。")
@click.option("--fix", "fix", is_flag=True, help="把规则中确定无疑的修正（如成文日期写法）直接改进文本文件（.txt/.md），并列出改了什么。")
@click.option("--author", default="fzcheck", show_default=True, help="docx 审查稿中批注和修订的作者。")
@click.option("--debug", is_flag=True, help="出错时显示 Python 调用栈。")
def lint(files, rules, fmt, output, strict, fail_under, max_bytes, config_path, no_config, force, previous,
         verbose, fix, author, debug):
    """检查一份或多份报告（.txt/.md/.docx/.odt/.pdf/.html），逐项列出结果和修改建议。"""
    try:
        given_fail_under = fail_under
        settings = settings_for(files[0], rules, fail_under, max_bytes, config_path, use_config=not no_config)
        announce_config(settings.path)
        fail_under = settings.fail_under
        ruleset = apply_disable(load_ruleset(list(settings.rules) or None), settings.disable)
        limits = Limits(max_bytes=settings.max_bytes or Limits.max_bytes)
        if fmt == "docx" and not output:
            raise click.UsageError("--format docx 需要用 -o 指定输出文件（检查多个文件时为输出文件夹）")
        _refuse_to_overwrite_an_input(output, [*files, *([previous] if previous else [])])
        last_year = read_document(previous, limits) if previous else None
        audits, errors = _check_all(files, ruleset, limits, force, debug, last_year)
        if last_year is not None:
            _warn_of_an_unlikely_previous(last_year, audits, ruleset)
        if fix:
            audits = _fix_all(audits, errors, ruleset, limits, force, debug)
        if fmt == "docx":
            _emit_docx(audits, errors, output, author, debug)
        else:
            _emit(audits, errors, fmt, output, verbose)
    except FzcheckError as exc:
        report(exc, debug)
        sys.exit(EXIT_ERROR)
    code = _exit_code(audits, errors, strict, fail_under)
    if code == EXIT_FINDINGS:
        from_config = settings.path if given_fail_under is None else ""
        click.echo(f"fzcheck: 退出码 1：{exit_reason(audits, strict, fail_under, from_config)}", err=True)
    sys.exit(code)


def _warn_of_an_unlikely_previous(previous, audits: list[Audit], ruleset: Ruleset) -> None:
    """--previous takes any report: say so when it is not this body's report of the year before (another
    place, another year, the report itself), since the comparison then means little."""
    from .outline import parse_outline

    before = parse_outline(previous, ruleset.vocabulary)
    for audit in audits:
        if audit.document.text == previous.text:
            why = "就是被检查的报告本身"
        elif before.region and audit.region and before.region != audit.region:
            why = f"是{before.region}的报告，而被检查的是{audit.region}的"
        elif before.year and audit.year and before.year != audit.year - 1:
            why = f"是 {before.year} 年度的，而被检查的是 {audit.year} 年度的（应为 {audit.year - 1} 年度）"
        else:
            continue
        click.echo(f"fzcheck: 提示：{audit.path}: 上一年度报告 {previous.path} {why}；与上一年度比较的结果可能没有意义",
                   err=True)


def _refuse_to_overwrite_an_input(output: str | None, inputs: list[str]) -> None:
    """-o naming a report being checked (lint 报告.txt -o 报告.txt) would replace the report with its audit."""
    if not output or not os.path.isfile(output):
        return
    for name in inputs:
        try:
            same = os.path.samefile(output, name)
        except OSError:
            continue
        if same:
            raise FzcheckError(f"输出文件 {output} 就是被检查的文件，不会覆盖；请换一个 -o", name)


def _check_all(files, ruleset: Ruleset, limits: Limits, force: bool, debug: bool,
               previous=None) -> tuple[list[Audit], list[FileError]]:
    """Every file is checked; one that cannot be (unreadable, not a report, a rule or internal failure)
    is reported on one line and listed, and the others go on."""
    audits, errors = [], []
    for name in files:
        try:
            audits.append(check_file(name, ruleset, limits, force, previous))
        except FzcheckError as exc:
            report(exc, debug)
            errors.append(FileError.of(exc, name))
    return audits, errors


def _fix_all(audits: list[Audit], errors: list[FileError], ruleset: Ruleset, limits: Limits, force: bool,
             debug: bool) -> list[Audit]:
    """--fix: make each text file's safe fixes in place, say what changed (file:line:column, like ruff),
    and check the file again so the results are those of the fixed text."""
    from .fixes import apply_to_text_file

    result = []
    for audit in audits:
        try:
            made = apply_to_text_file(audit.document, audit.fixes)
        except FzcheckError as exc:
            report(exc, debug)
            errors.append(FileError.of(exc, audit.path))
            result.append(audit)
            continue
        for change in made:
            click.echo(f"{audit.path}:{change.line}:{change.column(audit.document)}: 已修正 [{change.rule}] "
                       f"“{change.old}” → “{change.new}”", err=True)
        if made:
            try:
                audit = check_file(audit.path, ruleset, limits, force)
            except FzcheckError as exc:
                report(exc, debug)
                errors.append(FileError.of(exc, audit.path))
                continue
        result.append(audit)
    return result


def _emit_docx(audits: list[Audit], errors: list[FileError], output: str, author: str, debug: bool) -> None:
    """The Word review: one file for one report (unless -o is a folder), else <name>-审查.docx in the
    folder. An original is never overwritten."""
    from .review import write_review

    single = len(audits) == 1 and not Path(output).is_dir()
    used: set[str] = set()
    for audit in audits:
        target = Path(output) if single else Path(output) / f"{safe_stem(audit.path, used)}-审查.docx"
        try:
            if target.exists() and target.resolve() == Path(audit.path).resolve():
                raise FzcheckError(f"输出文件 {target} 就是被检查的原文件，不会覆盖；请换一个 -o", audit.path)
            stats = write_review(audit, target, author=author)
        except FzcheckError as exc:
            report(exc, debug)
            errors.append(FileError.of(exc, audit.path))
            continue
        except OSError as exc:
            report(FzcheckError(f"无法写入审查稿 {target}（{os_reason(exc)}）", audit.path), debug)
            errors.append(FileError(audit.path, f"无法写入审查稿 {target}", "unreadable"))
            continue
        changes = f"、修订 {stats.changes} 处" if stats.changes else ""
        click.echo(f"已写入审查稿 {target}（批注 {stats.comments} 条{changes}）", err=True)


def _emit(audits: list[Audit], errors: list[FileError], fmt: str, output: str | None, verbose: bool) -> None:
    if fmt == "html":
        _emit_html(audits, output)
        return
    if fmt == "json":
        content = render_json(audits, [e.as_dict() for e in errors])
    else:
        color = output is None and sys.stdout.isatty()
        content = "\n".join(render_text(a, verbose, color) for a in audits)
    if output:
        write_atomic(output, content)
    else:
        click.echo(content, nl=False)


def _emit_html(audits: list[Audit], output: str | None) -> None:
    from .render.html import render_html  # jinja2 only when HTML is asked for

    if len(audits) == 1 and (output is None or not Path(output).is_dir()):
        page = render_html(audits[0])
        write_atomic(output, page) if output else click.echo(page, nl=False)
        return
    if not output:
        raise click.UsageError("检查多个文件并输出 html 时，需要用 -o 指定输出文件夹")
    used: set[str] = set()
    for audit in audits:
        write_atomic(Path(output) / f"{safe_stem(audit.path, used)}.html", render_html(audit))
    click.echo(f"已写入 {len(audits)} 个审查页面到 {output}", err=True)


def announce_config(path: str) -> None:
    """Say on stderr which config file was used (never on stdout, which may be JSON)."""
    if path:
        click.echo(f"fzcheck: 使用配置文件 {path}", err=True)


def exit_reason(audits: list[Audit], strict: bool, fail_under: float | None, config: str = "") -> str:
    """Why lint exits 1, in one line: the reports and rules that made it so."""
    reasons = []
    for audit in audits:
        failed = [f.rule for f in audit.findings if f.failed and f.severity == "error"]
        if failed:
            reasons.append(f"{audit.path} 有“错误”级规则不符合（{'、'.join(failed)}）")
        warned = [f.rule for f in audit.findings if f.failed and f.severity == "warning"]
        if strict and warned:
            reasons.append(f"{audit.path} 有“警告”级规则不符合（{'、'.join(warned)}），--strict 时也算")
        if fail_under is not None and audit.score < fail_under:
            origin = f"（来自配置文件 {config}）" if config else ""
            reasons.append(f"{audit.path} 得分 {audit.score:g}，低于 --fail-under {fail_under:g}{origin}")
    return "；".join(reasons)


def _exit_code(audits: list[Audit], errors: list[FileError], strict: bool, fail_under: float | None) -> int:
    if errors:
        return EXIT_ERROR
    severities = ("error", "warning") if strict else ("error",)
    failed = any(a.has_failed(severities) for a in audits)
    below = fail_under is not None and any(a.score < fail_under for a in audits)
    return EXIT_FINDINGS if failed or below else EXIT_OK


cli.add_command(rules_group)
cli.add_command(batch_command)
cli.add_command(serve_command)   # its web modules load only when the server starts


def main() -> None:
    try:
        cli(prog_name="fzcheck")
    except KeyboardInterrupt:
        click.echo("fzcheck: 已中断", err=True)
        sys.exit(130)
