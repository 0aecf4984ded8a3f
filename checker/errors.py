"""Expected failures. Each carries a one-line Chinese message for the user; the CLI prints it without a
traceback and maps the class to an exit code."""
import errno
import sys
from dataclasses import dataclass

# Exit codes of every command, as in yamllint: 0 clean, 1 findings (or a score below --fail-under),
# 2 usage error, unreadable input or invalid ruleset.
EXIT_OK, EXIT_FINDINGS, EXIT_ERROR = 0, 1, 2


class FzcheckError(Exception):
    """Base class: an expected, user-facing failure."""

    def __init__(self, message: str, path: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path

    def __str__(self) -> str:
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(FzcheckError):
    """A report that cannot be read: missing, binary, undecodable, too large, unsupported."""


class NotAReportError(InputError):
    """A readable file that is not an annual rule-of-law report (a news item about one, a policy reading,
    an English text, a few words): refused rather than scored, unless the user forces the check."""


class OutputError(FzcheckError):
    """An output that cannot be written (a folder that is a file, no permission): found before any report
    is checked where it can be."""


class CheckFailed(FzcheckError):
    """An unexpected failure while checking one file (a bug, or input deep enough to exhaust the
    recursion limit): that file's error, never the run's."""


class RulesError(FzcheckError):
    """A ruleset that is invalid; `line`/`column` are 1-based positions in the YAML file."""

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None, rule_id: str | None = None, also: tuple["RulesError", ...] = ()):
        super().__init__(message, path)
        self.line, self.column, self.rule_id = line, column, rule_id
        self._also = tuple(also)

    @classmethod
    def of_all(cls, errors: list["RulesError"]) -> "RulesError":
        """One error to raise for every problem a file has, so the author fixes them in one pass."""
        first = errors[0]
        return cls(first.message, first.path, first.line, first.column, first.rule_id, also=tuple(errors[1:]))

    @property
    def errors(self) -> list["RulesError"]:
        """This error and the others found with it, in the order they were found."""
        return [self, *self._also]

    def __str__(self) -> str:
        where = self.path or "<规则>"
        if self.line is not None:
            where += f":{self.line}:{self.column or 1}"
        rule = f" [{self.rule_id}]" if self.rule_id else ""
        return f"{where}:{rule} {self.message}"


@dataclass(frozen=True)
class FileError:
    """One file that was not scored, and why; `kind` is unreadable, not_report, rules or internal."""

    path: str
    message: str
    kind: str

    @classmethod
    def of(cls, exc: FzcheckError, path: str) -> "FileError":
        kind = ("not_report" if isinstance(exc, NotAReportError) else "rules" if isinstance(exc, RulesError)
                else "internal" if isinstance(exc, CheckFailed) else "unreadable")
        return cls(path, exc.message, kind)

    def as_dict(self) -> dict:
        return {"path": self.path, "error": self.message, "kind": self.kind}


def report(exc: FzcheckError, debug: bool = False) -> None:
    """Print an expected error (every one it carries) as one line each on stderr; the traceback only
    with --debug."""
    for error in exc.errors if isinstance(exc, RulesError) else [exc]:
        print(f"fzcheck: 错误：{error}", file=sys.stderr)
    if debug:
        import traceback
        traceback.print_exception(exc, file=sys.stderr)


_OS_REASONS = {errno.EACCES: "没有权限", errno.EPERM: "没有权限", errno.EROFS: "只读文件系统",
               errno.ENOTDIR: "路径中有同名的文件，不是文件夹", errno.EEXIST: "已有同名的文件",
               errno.EISDIR: "同名的是文件夹", errno.ENOSPC: "磁盘空间不足", errno.ENOENT: "文件或文件夹不存在"}


def os_reason(exc: OSError) -> str:
    """An OSError as a user reads it, in Chinese where its cause is a common one, naming the path it
    concerns (which may be a folder above the one the user gave)."""
    reason = _OS_REASONS.get(exc.errno or 0) or exc.strerror or str(exc)
    return f"{reason}：{exc.filename}" if exc.filename else reason
