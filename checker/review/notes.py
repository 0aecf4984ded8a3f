"""What the review says and where: one note per place a finding flags (every evidence span, not only the
first), a note at the place the fix belongs for a finding with no place in the text (a missing section,
a missing date), and a summary note on the title. Notes are in document offsets; rendering them as Word
comments is the caller's business.
"""
from __future__ import annotations

import datetime
from dataclasses import dataclass

from ..audit import Audit, Finding
from ..render.text import SEVERITY_LABELS, STATUS_LABELS


@dataclass(frozen=True)
class Note:
    start: int          # the document characters the comment covers: [start, end)
    end: int
    text: str
    rule: str | None    # None for the summary


def notes(audit: Audit, when: datetime.datetime | None = None) -> list[Note]:
    found = [_summary(audit, when or datetime.datetime.now())]
    for finding in audit.findings:
        if finding.status not in ("fail", "partial"):
            continue
        body = _text(finding)
        places = list(dict.fromkeys((e.start, e.end) for e in finding.evidence))
        if places:
            for number, (start, end) in enumerate(places, start=1):
                count = f"（第 {number} 处，共 {len(places)} 处）" if len(places) > 1 else ""
                found.append(Note(start, end, body + count, finding.rule))
        else:
            start, end, where = _place(audit, finding)
            found.append(Note(start, end, f"{body}（文中没有对应的位置，批注加在{where}。）", finding.rule))
    return found


def _text(finding: Finding) -> str:
    text = f"【{finding.name}｜{STATUS_LABELS[finding.status]}】{finding.message}"
    if finding.suggestion:
        text += f" 修改建议：{finding.suggestion}"
    if finding.fixes:
        text += "（已按规则以修订方式改正，请审阅后接受或拒绝。）"
    if finding.source:
        text += f"（依据：{finding.source}）"
    return text


def _summary(audit: Audit, when: datetime.datetime) -> Note:
    from ..render.text import unmet_phrase   # the same plain counts as the text and HTML outputs

    unmet = "；".join(unmet_phrase(audit, severity) for severity in SEVERITY_LABELS)
    by_status = {status: sum(1 for f in audit.findings if f.status == status) for status in STATUS_LABELS}
    fixes = len(audit.fixes)
    text = (f"【fzcheck 审查结果】得分 {audit.score:g}（{audit.grade}）。{unmet}；"
            f"符合 {by_status['pass']}；不适用 {by_status['skip']}。"
            + (f"{fixes} 处确定无疑的写法问题已以修订方式改正。" if fixes else "")
            + f"规则集：{audit.ruleset}；检查日期：{when.year}年{when.month}月{when.day}日。"
            "其余批注逐条说明不符合和部分符合之处。")
    start, end = _title(audit)
    return Note(start, end, text, None)


def _title(audit: Audit) -> tuple[int, int]:
    if audit.outline.title:
        return audit.outline.title.start, audit.outline.title.end
    return _line(audit, _first_line(audit))


def _place(audit: Audit, finding: Finding) -> tuple[int, int, str]:
    """Where a finding without evidence belongs, and how to say it."""
    outline, findings = audit.outline, audit.findings
    if finding.kind == "section":
        order = [f for f in findings if f.kind == "section"]
        here = next(i for i, f in enumerate(order) if f.rule == finding.rule)
        located = [f for f in order if f.evidence and f.span]
        after = next((f for f in order[here + 1:] if f in located), None)
        if after is not None:
            e = after.evidence[0]
            return e.start, e.end, f"应补写该部分的位置（“{after.name}”部分之前）"
        before = next((f for f in reversed(order[:here]) if f in located), None)
        if before is not None and before.span is not None:   # it is located: it has a span
            start, end = _line(audit, audit.document.line_of(max(before.span[0], before.span[1] - 1)))
            return start, end, f"应补写该部分的位置（“{before.name}”部分末尾之后）"
        start, end = _line(audit, _last_body_line(audit))
        return start, end, "应补写该部分的位置（正文最后一段，落款之前）"
    if finding.kind == "closing":
        date, signature = outline.date.span if outline.date else None, outline.signature
        if finding.scope == "signature" and date:
            return date.start, date.end, "成文日期处（署名应写在成文日期上方）"
        if finding.scope != "signature" and signature:
            return signature.start, signature.end, "署名处（成文日期应写在署名下方）"
        start, end = _line(audit, _last_body_line(audit))
        return start, end, "正文最后一段（落款应写在正文之后）"
    if finding.scope == "title" or finding.rule == "title":
        start, end = _line(audit, _first_line(audit))
        return start, end, "文首（标题应写在这里）"
    if finding.span and finding.span[1] > finding.span[0]:
        start, end = _line(audit, audit.document.line_of(finding.span[0]))
        return start, end, "该检查所针对部分的开头"
    scoped = next((f for f in findings if f.rule == finding.scope and f.evidence), None)
    if scoped is not None:
        return scoped.evidence[0].start, scoped.evidence[0].end, f"“{scoped.name}”处"
    start, end = _title(audit)
    return start, end, "标题处"


def _first_line(audit: Audit) -> int:
    doc = audit.document
    return next((n for n in range(1, doc.line_count + 1) if _line_text(audit, n).strip()), 1)


def _last_body_line(audit: Audit) -> int:
    doc, body = audit.document, audit.outline.body
    last = doc.line_of(max(body.start, body.end - 1)) if body.end > body.start else doc.line_count
    while last > 1 and not _line_text(audit, last).strip():
        last -= 1
    return last


def _line(audit: Audit, number: int) -> tuple[int, int]:
    doc = audit.document
    start = doc.line_starts[number - 1]
    return start, start + len(_line_text(audit, number))


def _line_text(audit: Audit, number: int) -> str:
    doc = audit.document
    start = doc.line_starts[number - 1]
    end = doc.line_starts[number] - 1 if number < doc.line_count else len(doc.raw)
    return doc.raw[start:end]
