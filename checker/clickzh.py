"""The command line speaks Chinese: click's own words (usage, section headings, the help option, errors)
for every fzcheck command, in one place.

Every command and group is built from `Command` / `Group` here (the group hands its class down to its
subcommands), so `--help`, usage errors and bad values read the same everywhere. A command's `epilog` is
its examples, one per line, shown verbatim under 示例. click's error messages are rewritten by the table
below; one it does not know stays as click wrote it rather than be lost.
"""
from __future__ import annotations

import re
import sys
import unicodedata

import click

HELP_NAMES = ["-h", "--help"]
CONTEXT_SETTINGS = {"help_option_names": HELP_NAMES}

# click's error texts (8.x), quotes removed, → Chinese. The first pattern matching the whole message wins;
# then the value problems inside it (a bad choice, number or path) are rewritten. \1… are click's values.
_ERRORS = [
    (r"Missing argument (.*?)\.", r"缺少参数 \1"),
    (r"Missing option (.*?)\.", r"缺少选项 \1"),
    (r"Missing parameter:? (.*?)\.?", r"缺少参数 \1"),
    (r"Missing command\.?", "缺少子命令"),
    (r"No such (option|command):? (\S+?)\.?\s+Did you mean (\S+?)\?", r"没有\1 \2；是不是 \3？"),
    (r"No such (option|command):? (\S+?)\.?\s+\(Did you mean one of: (.*)\?\)", r"没有\1 \2；是不是其中之一：\3？"),
    (r"No such (option|command):? (\S+?)\.?", r"没有\1 \2"),
    (r"Option (\S+) requires an argument\.?", r"选项 \1 后面需要一个值"),
    (r"Option (\S+) requires (\d+) arguments\.?", r"选项 \1 后面需要 \2 个值"),
    (r"Option (\S+) does not take a value\.?", r"选项 \1 不接受值"),
    (r"Argument (\S+) takes (\d+) values\.?", r"参数 \1 需要 \2 个值"),
    (r"Got unexpected extra arguments? \((.*)\)", r"多余的参数：\1"),
    (r"Could not open file (.*?): (.*)", r"无法打开文件 \1：\2"),
    (r"Invalid value for (\S+): (.*)", r"\1 的值无效：\2"),
    (r"Invalid value: (.*)", r"值无效：\1"),
]
_VALUES = [
    (r"(\S*) is not one of (.*?)\.", r"“\1”不是可选值（\2）之一"),
    (r"(\S*) is not (\S+)\.$", r"“\1”不是 \2"),
    (r"(\S*) is not a valid integer( range)?\.", r"“\1”不是整数"),
    (r"(\S*) is not a valid float( range)?\.", r"“\1”不是数字"),
    (r"(\S*) is not a valid boolean\.", r"“\1”不是布尔值（true/false）"),
    (r"(\S+) is not in the range (.*?)\.", r"\1 不在范围 \2 内"),
    (r"(\S+) is (?:smaller|bigger) than the (?:minimum|maximum) valid value (\S+)\.", r"\1 超出范围（界限 \2）"),
    (r"(?:File|Directory|Path) (.*?) does not exist\.", r"\1 不存在"),
    (r"File (.*?) is a directory\.", r"\1 是文件夹，这里需要文件"),
    (r"Directory (.*?) is a file\.", r"\1 是文件，这里需要文件夹"),
    (r"(?:File|Directory|Path) (.*?) is not readable\.", r"\1 无法读取（没有权限）"),
    (r"(?:File|Directory|Path) (.*?) is not writable\.", r"\1 无法写入（没有权限）"),
]
_KINDS = {"option": "选项", "command": "子命令"}
# The metavars click derives from option types.
_METAVARS = {"INTEGER RANGE": "整数", "FLOAT RANGE": "数字", "INTEGER": "整数", "FLOAT": "数字", "TEXT": "文本",
             "DIRECTORY": "文件夹", "FILE": "文件", "PATH": "路径", "BOOLEAN": "true|false"}


def translate(message: str) -> str:
    """click's English error message in Chinese (as written when the table does not know it)."""
    message = message.strip().replace("'", "")
    for pattern, replacement in _VALUES:
        message = re.sub(pattern, replacement, message)
    for pattern, replacement in _ERRORS:
        match = re.fullmatch(pattern, message, re.S)
        if match:
            message = match.expand(replacement)
            break
    for word, chinese in _KINDS.items():
        message = message.replace(f"没有{word} ", f"没有{chinese} ")
    return message.replace(", ", "、")


_NO_LINE_START = set("，。、；：？！）》」”’…")   # punctuation that may not begin a line


def width(text: str) -> int:
    """Terminal columns: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, columns: int) -> list[str]:
    """Lines of at most `columns` terminal columns, broken between words or between Chinese characters."""
    lines, line = [], ""
    for piece in re.findall(r"[\x21-\x7e]+|\s|.", " ".join(text.split())):
        if width(line + piece) > columns and line.strip() and piece not in _NO_LINE_START:
            lines.append(line.rstrip())
            line = "" if piece.isspace() else piece
        else:
            line += piece
    return lines + [line.rstrip()] if line.strip() else lines


class Formatter(click.HelpFormatter):
    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}：\n")

    def write_dl(self, rows, col_max: int = 30, col_spacing: int = 2) -> None:
        """click's two-column list, aligned and wrapped by terminal width (Chinese characters are wide)."""
        rows = list(rows)
        first = min(max((width(name) for name, _ in rows), default=0), col_max)
        indent = " " * self.current_indent
        text_columns = max(self.width - first - col_spacing - self.current_indent, 20)
        for name, text in rows:
            self.write(f"{indent}{name}")
            lines = wrap(text, text_columns) if text else []
            if not lines:
                self.write("\n")
                continue
            if width(name) <= first:
                self.write(" " * (first + col_spacing - width(name)))
            else:
                self.write(f"\n{indent}{' ' * (first + col_spacing)}")
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * (first + col_spacing)}{line}\n")

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, "用法：" if prefix is None else prefix)


class Context(click.Context):
    formatter_class = Formatter


def _chinese_extras(record: tuple[str, str]) -> tuple[str, str]:
    name, text = record
    for english, chinese in _METAVARS.items():
        name = re.sub(rf"(?<=[ =]){english}\b", chinese, name)
    text = re.sub(r"\[default: ([^\]]*)\]", r"[默认：\1]", text)
    text = text.replace("; required]", "；必填]").replace("[required]", "[必填]").replace("default: ", "默认：")
    return name, text.replace("env var: ", "环境变量：")


class _Chinese:
    """What Command and Group share: Chinese usage, headings, help option, examples and errors."""

    context_class: type[click.Context] = Context

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("context_settings", dict(CONTEXT_SETTINGS))
        kwargs.setdefault("options_metavar", "[选项]")
        super().__init__(*args, **kwargs)

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        if option is not None:
            option.help = "显示本帮助（用法、选项和示例）并退出。"
        return option

    def format_options(self, ctx, formatter):
        records = [param.get_help_record(ctx) for param in self.get_params(ctx)
                   if not isinstance(param, click.Argument)]
        records = [_chinese_extras(r) for r in records if r is not None]
        if records:
            with formatter.section("选项"):
                formatter.write_dl(records)
        if isinstance(self, click.Group):
            self.format_commands(ctx, formatter)

    def format_commands(self, ctx, formatter):
        commands = [(name, cmd) for name in self.list_commands(ctx)
                    for cmd in (self.get_command(ctx, name),) if cmd is not None and not cmd.hidden]
        if commands:
            limit = formatter.width - 6 - max(len(name) for name, _ in commands)
            with formatter.section("命令"):
                formatter.write_dl([(name, cmd.get_short_help_str(limit)) for name, cmd in commands])

    def format_epilog(self, ctx, formatter):
        """The examples, one per line, as written (click would rewrap them)."""
        if self.epilog:
            rows = [re.split(r"\s{2,}", line.strip(), maxsplit=1) for line in self.epilog.strip("\n").splitlines()]
            column = max(width(row[0]) for row in rows if len(row) == 2) + 2 if any(len(r) == 2 for r in rows) else 0
            with formatter.section("示例"):
                for row in rows:
                    comment = " " * (column - width(row[0])) + row[1] if len(row) == 2 else ""
                    formatter.write(f"{'':>{formatter.current_indent}}{row[0]}{comment}\n")

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        if not standalone_mode:
            return super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        try:
            result = super().main(args, prog_name, complete_var, standalone_mode=False, **extra)
        except click.UsageError as exc:
            _show_usage_error(exc)
            sys.exit(exc.exit_code)
        except click.ClickException as exc:
            click.echo(f"错误：{translate(exc.format_message())}", err=True)
            sys.exit(exc.exit_code)
        except click.Abort:
            click.echo("fzcheck: 已中断", err=True)
            sys.exit(130)
        sys.exit(result if isinstance(result, int) else 0)


def _show_usage_error(exc: click.UsageError) -> None:
    ctx = exc.ctx
    if ctx is not None:
        names = ctx.command.get_help_option_names(ctx)
        hint = f"请用“{ctx.command_path} {max(names, key=len)}”查看用法和示例。\n" if names else ""
        click.echo(f"{ctx.get_usage()}\n{hint}", err=True)
    click.echo(f"错误：{translate(exc.format_message())}", err=True)


class Command(_Chinese, click.Command):
    pass


class Group(_Chinese, click.Group):
    command_class = Command

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("subcommand_metavar", "命令 [参数]...")
        super().__init__(*args, **kwargs)


Group.group_class = Group


def examples(*lines: str) -> str:
    """An epilog of examples, one command per line (shown verbatim under 示例)."""
    return "\n".join(lines)
