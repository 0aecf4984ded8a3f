"""`fzcheck batch`: score every region's report in one run (dashboard, pages, JSON, CSV, Excel)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ..clickzh import Command, examples
from ..config import settings_for
from ..errors import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FzcheckError, OutputError, os_reason, report

__all__ = ["batch"]


@click.command(cls=Command, epilog=examples(
    "fzcheck batch 各地报告/ -o 总览/",
    "fzcheck batch 2023/ 2024/ -o 总览/                    几个年度一起评分，列出历年变化",
    "fzcheck batch 各地报告/ -o 总览/ --roster 名单.xlsx --notice 通报.docx",
    "fzcheck batch 各地报告/ -o 总览/ --docx --jobs 4       另写每份报告的 Word 审查稿",
    "fzcheck batch 各地报告/ -o 总览/ --fail-under 60       有报告低于 60 分时返回 1"))
@click.argument("paths", nargs=-1, required=True, metavar="路径...", type=click.Path(path_type=str))
@click.option("-o", "--output", "outdir", required=True, type=click.Path(file_okay=False, path_type=str),
              help="输出文件夹：index.html 总览、reports/ 逐份审查页、results.json、scores.csv、scores.xlsx。")
@click.option("--rules", "rules", multiple=True, metavar="PATH", help="规则集：内置名称（如 fzzf-2019）或 YAML 文件，可多次指定，按顺序合并。")
@click.option("-j", "--jobs", type=click.IntRange(1), default=None, metavar="N", help="并行进程数，默认为 CPU 核数。")
@click.option("--fail-under", type=click.FloatRange(0, 100), metavar="N", help="任一报告得分低于 N 时返回退出码 1。")
@click.option("--max-bytes", type=click.IntRange(1), default=None, help="输入文件大小上限（字节）。")
@click.option("--time-limit", type=click.FloatRange(0, min_open=True), default=None, metavar="秒",
              help="每份文件的检查时限；超时的文件列为无法读取，其余照常检查（默认不限时）。")
@click.option("--config", "config_path", type=click.Path(dir_okay=False, path_type=str), help="配置文件；默认从第一个输入所在文件夹向上查找 fzcheck.yaml 或 pyproject.toml 的 [tool.fzcheck]。")
@click.option("--no-config", is_flag=True, help="不读取配置文件。")
@click.option("--roster", type=click.Path(dir_okay=False, path_type=str), metavar="名单.xlsx|csv",
              help="应报名单（列：地区、单位或县（市、区），可选 上级、类型）：列出未提交、逾期、名单外和重复的报告，按上级汇总。")
@click.option("--notice", type=click.Path(dir_okay=False, path_type=str), metavar="通报.docx",
              help="另写一份通报草稿（公文格式 .docx），数字与总览页一致。")
@click.option("--docx", "docx", is_flag=True, help="另为每份报告写 reports/<名称>.docx：原文加批注和修订的 Word 审查稿。")
@click.option("--author", default="fzcheck", show_default=True, help="Word 审查稿中批注和修订的作者。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度条和汇总信息。")
@click.option("--debug", is_flag=True, help="出错时显示 Python 调用栈。")
def batch(paths, outdir, rules, jobs, fail_under, max_bytes, time_limit, config_path, no_config, roster, notice, docx,
          author, quiet, debug):
    """批量检查报告：路径可以是文件、文件夹（递归查找 .txt/.md/.docx/.odt/.pdf/.html）或通配符，生成各地得分总览。"""
    from .runner import run_batch  # deferred: `fzcheck lint` should not pay for it

    try:
        settings = settings_for(paths[0], rules, fail_under, max_bytes, config_path, use_config=not no_config)
        if settings.path:
            click.echo(f"fzcheck: 使用配置文件 {settings.path}", err=True)
        code = run_batch(paths, outdir, rule_specs=settings.rules, jobs=jobs, quiet=quiet,
                         fail_under=settings.fail_under, disable=settings.disable, max_bytes=settings.max_bytes,
                         roster=roster, notice=notice, docx_author=author if docx else None,
                         time_limit=time_limit or 0)
    except FzcheckError as exc:
        report(exc, debug)
        sys.exit(EXIT_ERROR)
    except OSError as exc:   # an output that became unwritable while the batch ran (a full disk)
        report(OutputError(f"无法写入输出（{os_reason(exc)}）", outdir), debug)
        sys.exit(EXIT_ERROR)
    below = _below(outdir, settings.fail_under) if settings.fail_under is not None and code != EXIT_OK else None
    if below:   # also when unreadable files make the exit code 2
        origin = f"（来自配置文件 {settings.path}）" if settings.path and fail_under is None else ""
        click.echo(f"fzcheck: {'退出码 1：' if code == EXIT_FINDINGS else ''}{below}低于 --fail-under "
                   f"{settings.fail_under:g}{origin}", err=True)
    sys.exit(code)


def _below(outdir: str, fail_under: float) -> str | None:
    """The reports scoring below `fail_under`, read back from the results.json just written (None: none)."""
    try:
        reports = json.loads((Path(outdir) / "results.json").read_text(encoding="utf-8"))["reports"]
    except (OSError, ValueError, KeyError):
        return "有报告得分"
    low = sorted((r["score"], r["path"]) for r in reports if r["score"] < fail_under)
    if not low:
        return None
    shown = "、".join(f"{path}（{score:g}）" for score, path in low[:5])
    more = f"等 {len(low)} 份" if len(low) > 5 else f"共 {len(low)} 份"
    return f"{shown}{more}得分"
