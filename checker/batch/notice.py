"""The 通报 draft: what the office that collected every region's report writes to the regions, as a 公文
(.docx) for it to edit. Every figure comes from the run's Overview, as the dashboard's do."""
from __future__ import annotations

from pathlib import Path

from ..output import atomic_target

SHOWN_SHORTCOMINGS = 6
TYPE_WIDTH_MM = 156             # A4 less GB/T 9704's 28 mm and 26 mm side margins
NARROW_COLUMN_MM = 24
CN_NUMBERS = "一二三四五六七八九十"


def write_notice(target: Path, overview, ruleset_label: str, pairs: list, result) -> None:
    """The 通报 draft of a batch `result` whose figures are `overview`'s; `pairs` the near-duplicates shown."""
    from datetime import date

    from ..review.gongwen import blank

    document = blank()
    year = overview.year or (overview.years[0] if overview.years else "本")
    earlier = "、".join(str(y) for y in overview.years if y != overview.year) if overview.year else ""
    document.add_paragraph(f"关于{year}年度法治政府建设年度报告审查情况的通报（草稿）", style="公文标题")
    _plain(document, "各地区、各部门：")
    document.add_paragraph(f"根据《法治政府建设与责任落实督察工作规定》，现将{year}年度法治政府建设年度报告的审查情况"
                           f"通报如下。本次按规则集“{ruleset_label}”逐项检查"
                           f"{f'，并与各地{earlier}年度的报告比较' if earlier else ''}。")
    sections = [_received, _ranking, _shortcomings, _duplicates, _changes, _requirements]
    number = 0
    names = _names(overview, result)
    for section in sections:
        paragraphs = section(overview, pairs, names)
        if not paragraphs:
            continue
        heading, *lines = paragraphs
        document.add_paragraph(f"{CN_NUMBERS[number]}、{heading}", style="Heading 1")
        number += 1
        for line in lines:
            if isinstance(line, list):
                _table(document, line)
            else:
                document.add_paragraph(line)
    today = date.today()
    for text in ("（发文机关）", f"{today.year}年{today.month}月{today.day}日"):   # 成文日期 in Arabic numerals
        _plain(document, text).alignment = 2   # WD_ALIGN_PARAGRAPH.RIGHT
    with atomic_target(target) as temp:
        document.save(temp)


def _plain(document, text: str):
    """A paragraph without the body's first-line indent (addressee, signature)."""
    paragraph = document.add_paragraph(text)
    paragraph.paragraph_format.first_line_indent = 0
    return paragraph


def _names(overview, result) -> list[str]:
    """What the 通报 calls each input: its name (Summary.name, else its file name), with its year when it
    is not the round's."""
    names = [Path(path).stem for path in result.paths]
    for s in result.summaries:
        names[s.index] = s.name or names[s.index]
        if overview.year and s.year and s.year != overview.year:
            names[s.index] += f"（{s.year}年度）"
    return names


def _received(overview, pairs, names) -> list:
    lines = []
    if overview.roster_size is not None:
        missing = "、".join(e.name for e in overview.missing)
        lines.append(f"应报送 {overview.roster_size} 个，收到 {overview.received} 份，"
                     + (f"未提交 {len(overview.missing)} 个：{missing}。" if missing else "均已提交。"))
    else:
        lines.append(f"共收到报告 {overview.received} 份。")
    late = "、".join(s.name or Path(s.path).name for s in overview.late)
    lines.append(f"按时报送 {overview.on_time} 份，" + (f"逾期 {len(overview.late)} 份：{late}。" if late else "无逾期。"))
    grades = "、".join(f"{grade} {count} 份" for grade, count in overview.grades.items())
    if overview.average is not None:
        lines.append(f"平均得分 {overview.average} 分；{grades}。")
    return ["报送和总体情况", *lines]


def _ranking(overview, pairs, names) -> list:
    if not overview.ranking:
        return []
    changes = overview.changes
    rows = [["名次", "地区/单位", "得分", "等级", *(["比上次"] if changes else [])]]
    for i, s in enumerate(overview.ranking, 1):
        change = changes.get(s.body or "")
        rows.append([str(i), s.name or Path(s.path).name, f"{s.score}", s.grade,
                     *([f"{change:+.1f}" if change is not None else ""] if changes else [])])
    return ["得分排名", rows]


def _shortcomings(overview, pairs, names) -> list:
    if not overview.shortcomings:
        return []
    lines = []
    for i, item in enumerate(overview.shortcomings[:SHOWN_SHORTCOMINGS]):
        lines.append(f"（{CN_NUMBERS[i]}）{item.name}。{item.failed} 份不符合、{item.partial} 份部分符合，"
                     f"如{'、'.join(item.examples)}。")
    return ["存在的主要问题", *lines]


def _duplicates(overview, pairs, names) -> list:
    if not overview.pairs:
        return []
    shown = [f"{names[p.left]}与{names[p.right]}（相似度 {round(100 * p.similarity, 1)}%）" for p in pairs[:5] if p.exact]
    return ["内容雷同问题", f"发现 {overview.pairs} 对报告内容高度相似，如{'；'.join(shown)}。请有关地区核实。"]


def _changes(overview, pairs, names) -> list:
    changes = overview.changes
    if not changes:
        return []
    up = [name for name, change in changes.items() if change > 0]
    down = [(name, change) for name, change in changes.items() if change < 0]
    lines = [f"与上一次报告相比，{len(up)} 个地区得分提高，{len(down)} 个地区得分下降。"]
    if down:
        lines.append("得分下降的有：" + "、".join(f"{name}（{change:+.1f}）" for name, change in down) + "。")
    return ["与上一年度比较", *lines]


def _requirements(overview, pairs, names) -> list:
    return ["下一步要求（请修改）",
            "请各地区、各部门对照审查结果，逐项整改存在的问题，按规定时限报送并向社会公开年度报告。"]


def _table(document, rows: list[list[str]]) -> None:
    """A table whose second column (the names) takes what the narrow figure columns leave of the line."""
    from docx.shared import Mm

    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.autofit = False
    narrow = [Mm(NARROW_COLUMN_MM)] * len(rows[0])
    widths = [narrow[0], Mm(TYPE_WIDTH_MM - NARROW_COLUMN_MM * (len(narrow) - 1)), *narrow[2:]]
    for column, width in zip(table.columns, widths):
        column.width = width                  # LibreOffice reads the grid, Word each cell's width
    # row by row: table.cell(r, c) walks the whole table on every call, quadratic in the rows (a 100-report
    # 通报 took 20 s), while a row's own cells are found within the row
    for table_row, values in zip(table.rows, rows):
        for cell, value, width in zip(table_row.cells, values, widths):
            cell.text = value
            cell.width = width
            cell.paragraphs[0].style = "表格文字"
