"""Linter-style text output: findings grouped by severity, `file:line`, rule id, message and fix."""
from __future__ import annotations

from ..audit import Audit, Finding

SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
STATUS_LABELS = {"pass": "符合", "partial": "部分符合", "fail": "不符合", "skip": "不适用"}
_COLORS = {"fail": "red", "partial": "yellow", "pass": "green", "skip": "bright_black"}


def render_text(audit: Audit, verbose: bool = False, color: bool = False) -> str:
    lines = [_header(audit)]
    shown = [f for f in audit.findings if verbose or f.status in ("fail", "partial")]
    for severity, label in SEVERITY_LABELS.items():
        group = [f for f in shown if f.severity == severity]
        if group:
            lines.append(f"  {label}（{len(group)}）")
            lines.extend(_finding_lines(audit.path, f, color) for f in group)
    lines.append(_summary(audit))
    return "\n".join(lines) + "\n"


def _header(audit: Audit) -> str:
    facts = [audit.title or "（无标题）", audit.region or "地区未识别", f"{audit.year}年度" if audit.year else "年度未识别"]
    return f"{audit.path}  {' · '.join(facts)}"


def _finding_lines(path: str, finding: Finding, color: bool) -> str:
    first = finding.evidence[0] if finding.evidence else None
    where = f"{path}:{first.line}" + (f"（{first.where}）" if first.where else "") if first else path
    status = STATUS_LABELS[finding.status]
    if color:
        import click
        status = click.style(status, fg=_COLORS[finding.status])
    text = f"    {where}  [{finding.rule}] {status}：{finding.message}"
    if finding.suggestion:
        text += f"\n        修改建议：{finding.suggestion}"
    return text


def _summary(audit: Audit) -> str:
    failed = "、".join(f"{label} {audit.count(severity)}" for severity, label in SEVERITY_LABELS.items())
    partial = sum(1 for f in audit.findings if f.status == "partial")
    passed = sum(1 for f in audit.findings if f.status == "pass")
    return f"  得分 {audit.score:g}（{audit.grade}）｜不符合：{failed}｜部分符合 {partial}｜符合 {passed}\n"
