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
ROSTER_COLUMNS = ["名称", "上级", "类型", "报送情况", "年度", "得分", "等级", "文件"]
ROSTER_WIDTHS = [22, 14, 8, 12, 8, 8, 8, 48]
LEGEND_COLUMNS = ["规则名称", "规则 id", "严重程度", "权重"]
LEGEND_WIDTHS = [24, 28, 10, 8]


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

    def finish(self, errors: list[dict], **more) -> None:
        """Close the reports, then write `errors` and any `more` keys (each indented like errors)."""
        self.write("]" if self.first else "\n  ]")
        for key, value in {"errors": errors, **more}.items():
            text = json.dumps(value, ensure_ascii=False, indent=2)
            self.write(f',\n  "{key}": ' + text.replace("\n", "\n  "))
        self.write("\n}\n")
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


def roster_rows(view) -> list[list]:
    """The roster checked: every entry with the report(s) matched to it (未提交 with none, 同一年度多份 when
    two share a year), then the reports no entry claims (名单外)."""
    rows = []
    for i, entry in enumerate(view.entries):
        found = view.reports.get(i, [])
        state = "未提交" if not found else "同一年度多份" if len({s.year for s in found}) < len(found) else "已提交"
        head = [entry.name, entry.parent, entry.kind, state]
        rows += [head + _report_cells(s) for s in found] or [head + [""] * 4]
    rows += [[s.name or "", "", "", "名单外", *_report_cells(s)] for s in view.unmatched]
    return rows


def _report_cells(s) -> list:
    return [s.year if s.year is not None else "", s.score, s.grade, s.path]


def roster_json(view, year: int | None) -> dict:
    """What results.json says of the roster (the round's `year` when the batch holds several)."""
    return {"year": year, "entries": len(view.entries),
            "missing": [{"name": e.name, "parent": e.parent, "kind": e.kind} for e in view.missing],
            "unmatched": [s.path for s in view.unmatched],
            "doubled": [{"name": e.name, "paths": [s.path for s in found]} for e, found in view.doubled]}


def write_csv(target: Path, summaries, rule_names: dict[str, str]) -> None:
    write_table(target, *table_rows(summaries, rule_names))


def write_table(target: Path, header: list[str], rows: list[list]) -> None:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    write_atomic(target, "\ufeff" + buffer.getvalue())  # the BOM makes Excel read the file as UTF-8


def write_xlsx(target: Path, summaries, rule_names: dict[str, str], legend=(), roster: list[list] | None = None) -> None:
    """The same table for Excel, a second sheet naming each rule's id, severity and weight (`legend`:
    (name, id, severity, weight) a rule) and, with `roster` (roster_rows), a third checking the roster.
    XlsxWriter rather than openpyxl: it streams rows to disk (memory stays flat for thousands of reports)
    at twice openpyxl's speed, and writing the table was a fifth of a batch's time after checking."""
    import xlsxwriter

    header, rows = table_rows(summaries, rule_names)
    with atomic_target(target) as temp:
        # every value stays data: a name starting with "=" or "http" is text, not a formula or a link
        book = xlsxwriter.Workbook(str(temp), {"constant_memory": True, "strings_to_formulas": False,
                                               "strings_to_urls": False, "strings_to_numbers": False})
        bold = book.add_format({"bold": True})
        scores = _sheet(book, "得分", header, FIXED_WIDTHS + [12] * len(rule_names), rows, bold)
        if rule_names and rows:
            _colour_statuses(book, scores, (1, len(FIXED_COLUMNS), len(rows), len(header) - 1))
        _sheet(book, "规则", LEGEND_COLUMNS, LEGEND_WIDTHS,
               [[name, rule_id, SEVERITY_LABELS.get(severity, severity), weight]
                for name, rule_id, severity, weight in legend], bold, freeze=False)
        if roster is not None:
            _sheet(book, "名单核对", ROSTER_COLUMNS, ROSTER_WIDTHS, roster, bold)
        book.close()


def _sheet(book, name: str, header: list[str], widths: list[int], rows: list[list], bold, freeze: bool = True):
    sheet = book.add_worksheet(name)
    for column, width in enumerate(widths):
        sheet.set_column(column, column, width)
    if freeze:
        sheet.freeze_panes(1, 0)
    sheet.write_row(0, 0, header, bold)
    for number, row in enumerate(rows, start=1):
        sheet.write_row(number, 0, row)
    return sheet


def _colour_statuses(book, sheet, cells: tuple[int, int, int, int]) -> None:
    """Colour each result cell by its value with conditional formatting: one rule per status instead of a
    style on every cell, and the colour follows the value if a reader edits it."""
    for label, color in STATUS_FILLS.items():
        sheet.conditional_format(*cells, {"type": "cell", "criteria": "==", "value": f'"{label}"',
                                          "format": book.add_format({"bg_color": f"#{color}"})})
