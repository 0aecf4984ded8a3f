"""results.json (streamed), scores.csv (UTF-8 with BOM, for Excel) and scores.xlsx, each written atomically."""
from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ..output import atomic_target, atomic_text, write_atomic
from ..render.text import SEVERITY_LABELS, STATUS_LABELS

STATUS_FILLS = {label: color for label, color in zip(STATUS_LABELS.values(), ("C6EFCE", "FFEB9C", "FFC7CE", "E7E6E6"))}
# People read the exports: headers and values in Chinese; the rule ids stay in results.json and on the
# xlsx's second sheet.
FIXED_COLUMNS = ["文件", "地区", "发文机关", "年度", "得分", "等级"]
FIXED_WIDTHS = [48, 14, 22, 8, 8, 8]


class AtomicStream:
    """A text file written piece by piece and renamed into place only when the `with` block completes,
    so nothing is held whole in memory and nothing is left half-written."""

    def __init__(self, target: Path):
        self.target = Path(target)

    def __enter__(self):
        self._context = atomic_text(self.target)
        self.handle = self._context.__enter__()
        return self

    def write(self, text: str) -> None:
        self.handle.write(text)

    def __exit__(self, kind, value, traceback):
        return self._context.__exit__(kind, value, traceback)


class JsonStream(AtomicStream):
    """Writes `{"schema", "reports": [...], "errors": [...]}` one report at a time, each report on a line of
    its own: compact JSON is what Python's C encoder writes (indenting falls back to its pure-Python encoder,
    three to four times slower), and a line per report still reads well with grep or jq."""

    def __init__(self, target: Path, schema: str):
        super().__init__(target)
        self.schema, self.first, self.finished = schema, True, False

    def __enter__(self):
        super().__enter__()
        self.write('{\n  "schema": ' + json.dumps(self.schema) + ',\n  "reports": [')
        return self

    def add_report(self, report_json: str) -> None:
        self.write(("\n" if self.first else ",\n") + report_json)
        self.first = False

    def finish(self, errors: list[dict]) -> None:
        self.write("]" if self.first else "\n  ]")
        errors_json = json.dumps(errors, ensure_ascii=False, indent=2)
        self.write(',\n  "errors": ' + errors_json.replace("\n", "\n  ") + "\n}\n")
        self.finished = True

    def __exit__(self, kind, value, traceback):
        if kind is None and not self.finished:
            kind = RuntimeError   # an unfinished document must not replace a good one
        return super().__exit__(kind, value, traceback)


def table_rows(summaries, rule_names: dict[str, str]) -> tuple[list[str], list[list]]:
    header = FIXED_COLUMNS + list(rule_names.values())
    rows = [[s.path, s.region or "", s.issuer or "", s.year if s.year is not None else "", s.score, s.grade]
            + [STATUS_LABELS.get(s.statuses.get(rule, ""), "") for rule in rule_names] for s in summaries]
    return header, rows


def write_csv(target: Path, summaries, rule_names: dict[str, str]) -> None:
    header, rows = table_rows(summaries, rule_names)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    write_atomic(target, "\ufeff" + buffer.getvalue())  # the BOM makes Excel read the file as UTF-8


def write_xlsx(target: Path, summaries, rule_names: dict[str, str], legend=()) -> bool:
    """The same table for Excel, and a second sheet naming each rule's id, severity and weight (`legend`:
    (name, id, severity, weight) a rule); False (and no file) when openpyxl is not installed."""
    try:
        from openpyxl import Workbook
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font
    except ImportError:
        return False
    header, rows = table_rows(summaries, rule_names)
    book = Workbook(write_only=True)  # streams rows: memory stays flat for thousands of reports
    sheet = book.create_sheet("得分")
    sheet.freeze_panes = "A2"
    letters = _column_letters(len(header))
    for column, width in zip(letters, FIXED_WIDTHS + [12] * len(rule_names)):
        sheet.column_dimensions[column].width = width
    if rule_names and rows:
        _colour_statuses(sheet, f"{letters[len(FIXED_COLUMNS)]}2:{letters[-1]}{len(rows) + 1}")
    bold = Font(bold=True)
    sheet.append([_cell(sheet, WriteOnlyCell, name, font=bold) for name in header])
    for row in rows:
        sheet.append(row)
    rules_sheet = book.create_sheet("规则")
    rules_sheet.append([_cell(rules_sheet, WriteOnlyCell, name, font=bold)
                        for name in ("规则名称", "规则 id", "严重程度", "权重")])
    for name, rule_id, severity, weight in legend:
        rules_sheet.append([name, rule_id, SEVERITY_LABELS.get(severity, severity), weight])
    with atomic_target(target) as temp:
        book.save(temp)
    return True


def _colour_statuses(sheet, cells: str) -> None:
    """Colour each result cell by its value with conditional formatting: one rule per status instead of a
    style on every cell (styling cells one by one was most of the time spent on a large batch), and the
    colour follows the value if a reader edits it."""
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import PatternFill

    for label, color in STATUS_FILLS.items():
        fill = PatternFill("solid", start_color=color, end_color=color)  # Excel paints a rule's bgColor
        sheet.conditional_formatting.add(cells, CellIsRule(operator="equal", formula=[f'"{label}"'], fill=fill))


def _cell(sheet, cell_class, value, font):
    cell = cell_class(sheet, value=value)
    cell.font = font
    return cell


def _column_letters(count: int) -> list[str]:
    from openpyxl.utils import get_column_letter

    return [get_column_letter(i) for i in range(1, count + 1)]
