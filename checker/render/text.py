"""Linter-style text output: findings grouped by severity, `file:line`, rule id, message and fix."""
from __future__ import annotations

from ..audit import Audit, Finding
from ..fixes import fixable_in_place

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_LABELS = {"pass": "符合", "partial": "部分符合", "fail": "不符合", "skip": "不适用"}
_COLORS = {"fail": "red", "partial": "yellow", "pass": "green", "skip": "bright_black"}


def render_text(audit: Audit, verbose: bool = False, color: bool = False) -> str:
    lines = [_header(audit)]
    shown = [f for f in audit.findings if verbose or f.status in ("fail", "partial")]
    for severity, label in SEVERITY_LABELS.items():
        group = [f for f in shown if f.severity == severity]
        if group:
            counts = "、".join(f"{STATUS_LABELS[s]} {n}" for s, n in _statuses(group).items()
                              if n or s in ("fail", "partial"))
            lines.append(f"  {label}级（{counts}）")
            lines.extend(_finding_lines(audit, f, color) for f in group)
    lines.append(_summary(audit, color))
    return "\n".join(lines) + "\n"


def _statuses(findings) -> dict[str, int]:
    return {status: sum(1 for f in findings if f.status == status) for status in ("fail", "partial", "pass", "skip")}


def unmet(audit: Audit, severity: str) -> tuple[int, int]:
    """How many rules of `severity` are not fully met: (fail, partial)."""
    return audit.count(severity, "fail"), audit.count(severity, "partial")


def unmet_state(audit: Audit, severity: str) -> str:
    """fail when any rule of `severity` fails, partial when some are only partly met, else pass."""
    failed, partial = unmet(audit, severity)
    return "fail" if failed else "partial" if partial else "pass"


def unmet_phrase(audit: Audit, severity: str) -> str:
    """错误级规则未完全符合 3 项（不符合 0、部分符合 3）, or 错误级规则全部符合."""
    failed, partial = unmet(audit, severity)
    label = SEVERITY_LABELS[severity]
    if not failed and not partial:
        return f"{label}级规则全部符合"
    return f"{label}级规则未完全符合 {failed + partial} 项（不符合 {failed}、部分符合 {partial}）"


def _header(audit: Audit) -> str:
    facts = [audit.title or "（无标题）", audit.region or "地区未识别", f"{audit.year}年度" if audit.year else "年度未识别"]
    return f"{audit.path}  {' · '.join(facts)}"


def _finding_lines(audit: Audit, finding: Finding, color: bool) -> str:
    where = audit.path + _places(finding)
    status = STATUS_LABELS[finding.status]
    if color:
        import click
        status = click.style(status, fg=_COLORS[finding.status])
    text = f"    {where}  [{finding.rule}] {status}：{finding.message}"
    if finding.suggestion:
        text += f"\n        修改建议：{finding.suggestion}"
    if finding.fixes:
        text += f"\n        {fixes_label(audit)}：{fixes_phrase(audit, finding)}"
    return text


def fixes_label(audit: Audit) -> str:
    """How the fixes can be made: lint --fix edits plain text only; another format gets them as tracked
    changes in its Word review."""
    if fixable_in_place(audit.document):
        return "可自动修正（lint --fix）"
    return "可改为（--format docx 的审查稿中写成修订）"


def fixes_phrase(audit: Audit, finding: Finding, shown: int = 5) -> str:
    """第3行第5列 “一.” → “一、”；…… (the first `shown`, then how many more; a Word file's 第3段第5字)."""
    fixes, unit = finding.fixes, audit.document.meta.line_unit
    column = "列" if unit == "行" else "字"
    phrase = "；".join(f"第{x.line}{unit}第{x.column(audit.document)}{column} “{x.old}” → “{x.new}”"
                       for x in fixes[:shown])
    return phrase + (f" 等 {len(fixes)} 处" if len(fixes) > shown else "")


def _places(finding: Finding) -> str:
    """Every line the evidence points at, in order and once each: `:3,:7,:12` (with the page for a PDF)."""
    places = dict.fromkeys(f":{e.line}" + (f"（{e.where}）" if e.where else "") for e in finding.evidence)
    return ",".join(places)


def _summary(audit: Audit, color: bool = False) -> str:
    errors = unmet_phrase(audit, "error")
    if color:
        import click
        errors = click.style(errors, fg=_COLORS[unmet_state(audit, "error")])
    others = "、".join(f"{SEVERITY_LABELS[s]} {sum(unmet(audit, s))}" for s in ("warning", "info"))
    passed = sum(1 for f in audit.findings if f.status == "pass")
    return f"  得分 {audit.score:g}（{audit.grade}）｜{errors}｜未完全符合：{others}｜符合 {passed}\n"
