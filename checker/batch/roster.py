"""The roster of who must report (名单.xlsx / 名单.csv) against the reports received.

Columns: 地区 or 单位 (the name), optional 上级 (the level above, for grouping: 市 → 县) and 类型. Each entry is
matched to the reports by issuing body or region, fuzzily where the names are written differently
(上犹县 ↔ 上犹县人民政府). A department (济南市教育局) matches only its own reports, never its city's.
"""
from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError

NAME_COLUMNS = ("地区", "单位", "名称", "地区/单位", "单位名称", "地区名称")
PARENT_COLUMNS = ("上级", "所属", "上级地区", "所属地区")
KIND_COLUMNS = ("类型", "类别")
FUZZY = 90                      # rapidfuzz ratio at or above which two written names are one body
_GOVERNMENT = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅)?$")


@dataclass(frozen=True)
class Entry:
    name: str
    parent: str = ""
    kind: str = ""


@dataclass
class RosterView:
    """Who reported, who did not, and what the roster does not know."""

    entries: list[Entry]
    reports: dict[int, list] = field(default_factory=dict)      # entry index → summaries matched
    unmatched: list = field(default_factory=list)               # summaries no entry claims

    @property
    def missing(self) -> list[Entry]:
        return [e for i, e in enumerate(self.entries) if not self.reports.get(i)]

    @property
    def doubled(self) -> list[tuple[Entry, list]]:
        """Entries with more than one report for the same year."""
        found = []
        for i, summaries in self.reports.items():
            years = [s.year for s in summaries]
            if len(years) != len(set(years)):
                found.append((self.entries[i], summaries))
        return found

    def parent_of(self, summary) -> str:
        for i, summaries in self.reports.items():
            if any(s is summary for s in summaries):
                return self.entries[i].parent
        return ""


def read_roster(path: str | Path) -> list[Entry]:
    """Entries of a roster file; an InputError with a Chinese reason when it cannot be used."""
    path = Path(path)
    try:
        rows = _xlsx_rows(path) if path.suffix.lower() in (".xlsx", ".xlsm") else _csv_rows(path)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"无法读取名单（{exc}）", str(path)) from None
    rows = [[str(c).strip() if c is not None else "" for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise InputError("名单是空的", str(path))
    header = rows[0]
    name_at = _column(header, NAME_COLUMNS)
    if name_at is None:
        raise InputError(f"名单缺少“地区”或“单位”列（表头是：{'、'.join(h for h in header if h)}）", str(path))
    parent_at, kind_at = _column(header, PARENT_COLUMNS), _column(header, KIND_COLUMNS)
    entries = []
    for row in rows[1:]:
        name = row[name_at] if name_at < len(row) else ""
        if name:
            entries.append(Entry(name=re.sub(r"\s+", "", name), parent=_cell(row, parent_at), kind=_cell(row, kind_at)))
    if not entries:
        raise InputError("名单中没有任何地区或单位", str(path))
    return entries


def match(entries: list[Entry], summaries: list) -> RosterView:
    """Each report to the entry it belongs to: its issuing body's name, else (for a government or an
    unknown issuer) its region; names compared without 人民政府, then fuzzily."""
    from rapidfuzz import fuzz

    keys = [_key(e.name) for e in entries]
    first = {key: i for i, key in reversed(list(enumerate(keys)))}   # a name listed twice: its first entry
    view = RosterView(entries)
    for summary in summaries:
        candidates = _report_keys(summary)
        found = next((first[k] for k in candidates if k in first), None)
        if found is None:
            scored = [(fuzz.ratio(k, entry), i) for k in candidates for i, entry in enumerate(keys)]
            best = max(scored, default=(0, None))
            found = best[1] if best[0] >= FUZZY else None
        if found is None:
            view.unmatched.append(summary)
        else:
            view.reports.setdefault(found, []).append(summary)
    return view


def _report_keys(summary) -> list[str]:
    """The names a report answers to: a department by its own name only; a government (or a report
    whose issuer is unknown) by its name and its region."""
    issuer = summary.issuer or ""
    if issuer and not _GOVERNMENT.search(issuer):
        return [_key(issuer)]
    return [k for k in (_key(issuer), _key(summary.region or "")) if k]


def _key(name: str) -> str:
    return _GOVERNMENT.sub("", re.sub(r"^中共|\s+", "", name))


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    cleaned = [re.sub(r"\s+", "", h) for h in header]
    return next((cleaned.index(n) for n in names if n in cleaned), None)


def _cell(row: list[str], at: int | None) -> str:
    return row[at] if at is not None and at < len(row) else ""


def _csv_rows(path: Path) -> list[list[str]]:
    data = path.read_bytes()
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValueError("编码无法识别，请另存为 UTF-8 或 GBK 的 CSV")
    return list(csv.reader(io.StringIO(text)))


def _xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken or foreign file
        raise ValueError(f"不是有效的 Excel 文件：{type(exc).__name__}") from None
    try:
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    finally:
        book.close()
