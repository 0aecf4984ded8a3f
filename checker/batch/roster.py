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
from ..outline.places import is_place, leading_places, shorter_names

# Header names as compared: without spaces, brackets and 、/ (县（市、区） is 县市区)
UNIT_COLUMNS = ("单位名称", "单位", "部门名称", "部门", "报送单位", "填报单位", "报告单位", "单位部门", "地区单位",
                "名称")
REGION_COLUMNS = ("地区", "地区名称", "县市区", "区县", "县区", "市县")
NAME_COLUMNS = UNIT_COLUMNS + REGION_COLUMNS    # with both (地区 | 部门), the unit is the entry, the region its 上级
PARENT_COLUMNS = ("上级", "所属", "上级地区", "所属地区", "上级单位", "设区市", "所属市", "市州", "地市")
KIND_COLUMNS = ("类型", "类别")
EXCEL_SUFFIXES = (".xlsx", ".xlsm")
TEXT_SUFFIXES = (".csv", ".txt", ".tsv")
HEADER_ROWS = 10                # a title row or two (附件1, ……名单) may stand above the header
_NOT_IN_HEADER = re.compile(r"[\s()（）、/／]+")
FUZZY = 90                      # rapidfuzz ratio at or above which two written names are one body
_GOVERNMENT = re.compile(r"(?:人民政府|政府)(?:办公室|办公厅)?$")
# A place's Party committee (中共大余县委, 中共黄湾镇委员会) reports for the place, as its government does; a
# department's Party group (中共青岛市交通运输局党组) for the department
_PARTY_COMMITTEE = re.compile(r"^中共[\u4e00-\u9fa5]+(?:委员会|党工委|委)$")
_PARTY_GROUP = re.compile(r"(?<=[局厅委办院署])(?:党组|党委)$")


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


def read_roster(path: str | Path) -> list[Entry]:
    """Entries of a roster file; an InputError with a Chinese reason when it cannot be used."""
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in EXCEL_SUFFIXES + TEXT_SUFFIXES:
        raise InputError(f"名单应为 .xlsx 或 .csv 文件（{suffix or '无扩展名'} 请在 Excel 或 WPS 中另存为 .xlsx）", str(path))
    try:
        rows = _xlsx_rows(path) if suffix in EXCEL_SUFFIXES else _csv_rows(path)
    except (OSError, ValueError, KeyError) as exc:
        raise InputError(f"无法读取名单（{exc}）", str(path)) from None
    rows = [[str(c).strip() if c is not None else "" for c in row] for row in rows]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise InputError("名单是空的", str(path))
    found = _header(rows)
    if found is None:
        raise InputError(f"名单缺少“地区”或“单位”列（第一行是：{'、'.join(h for h in rows[0] if h)}）", str(path))
    at, name_at = found
    parent_at, kind_at = _column(rows[at], PARENT_COLUMNS), _column(rows[at], KIND_COLUMNS)
    region_at = _column(rows[at], REGION_COLUMNS)
    region_at = region_at if region_at != name_at else None     # 地区 beside a 单位/部门 column
    entries = []
    for row in rows[at + 1:]:
        name, region = _cell(row, name_at), _cell(row, region_at)
        if name:   # a unit under its region, unless a 上级 column is there
            entries.append(Entry(re.sub(r"\s+", "", name), _cell(row, parent_at) if parent_at is not None else region,
                                 _cell(row, kind_at)))
        elif region:   # a row naming only the region: its government
            entries.append(Entry(re.sub(r"\s+", "", region), _cell(row, parent_at), _cell(row, kind_at)))
    if not entries:
        raise InputError("名单中没有任何地区或单位", str(path))
    return entries


def match(entries: list[Entry], summaries: list) -> RosterView:
    """Each report to the entry it belongs to: its issuing body's name, else (for a government or an
    unknown issuer) its region; names compared without 人民政府, as written first, then by the entries'
    other names (`_aliases`, those two entries share left out: 市中区 is 济南's and 枣庄's), then fuzzily."""
    from rapidfuzz import fuzz

    written = [_key(e.name) for e in entries]
    exact: dict[str, int] = {}
    for i, key in enumerate(written):
        exact.setdefault(key, i)                      # a name listed twice: its first entry
    owners: dict[str, set[int]] = {}
    for i, entry in enumerate(entries):
        for alias in _aliases(entry):
            owners.setdefault(alias, set()).add(i)
    aliases = {alias: next(iter(found)) for alias, found in owners.items() if len(found) == 1 and alias not in exact}
    keys = list(enumerate(written)) + [(i, alias) for alias, i in aliases.items()]
    view = RosterView(entries)
    for summary in summaries:
        candidates = _report_keys(summary)
        found = next((table[k] for table in (exact, aliases) for k in candidates if k in table), None)
        if found is None:
            scored = [(fuzz.ratio(k, entry), i) for k in candidates for i, entry in keys]
            best = max(scored, default=(0, None))
            found = best[1] if best[0] >= FUZZY else None
        if found is None:
            view.unmatched.append(summary)
        else:
            view.reports.setdefault(found, []).append(summary)
    return view


def _report_keys(summary) -> list[str]:
    """The names a report answers to: a department by its own name only; a government (or a report
    whose issuer is unknown) by its name and its region; each also without its leading places."""
    issuer = summary.issuer or ""
    if is_department(issuer):
        keys = [_key(issuer)]
    else:
        keys = [k for k in (_key(issuer), _key(summary.region or "")) if k]
    return list(dict.fromkeys(keys + [short for k in keys for short in shorter_names(k)]))


def is_department(issuer: str | None) -> bool:
    """An issuer that is a department (上海市司法局), not its place's government or Party committee."""
    if not issuer:
        return False
    return not _GOVERNMENT.search(issuer) and not _PARTY_COMMITTEE.match(issuer)


def _aliases(entry: Entry) -> list[str]:
    """Other names a roster entry answers to: its name without its leading places (山东省济南市市中区 →
    济南市市中区, 市中区), and a department listed without its place named with its 上级's (上级 济南市:
    教育局 or 市教育局 → 济南市教育局; 市场监管局 → 济南市市场监管局)."""
    key = _key(entry.name)
    found = shorter_names(key)
    parent = (shorter_names(_key(entry.parent)) or [_key(entry.parent)])[-1]
    if is_place(parent) and not leading_places(key):
        found.append(parent + key)
        if key[:1] == parent[-1]:
            found.append(parent + key[1:])           # 市教育局 under 济南市; 市场监管局 keeps its 市 above
    return [alias for alias in dict.fromkeys(found) if alias != key]


def _key(name: str) -> str:
    return _PARTY_GROUP.sub("", _GOVERNMENT.sub("", re.sub(r"^中共|\s+", "", name)))


def _header(rows: list[list[str]]) -> tuple[int, int] | None:
    """The header row (among the first HEADER_ROWS) and its name column."""
    for at, row in enumerate(rows[:HEADER_ROWS]):
        if (name_at := _column(row, NAME_COLUMNS)) is not None:
            return at, name_at
    return None


def _column(header: list[str], names: tuple[str, ...]) -> int | None:
    cleaned = [_NOT_IN_HEADER.sub("", h) for h in header]
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
    sample = text[:4096]    # cells pasted from a spreadsheet are tab-separated, a title line above them or not
    return list(csv.reader(io.StringIO(text), dialect=csv.excel_tab if sample.count("\t") > sample.count(",") else csv.excel))


def _xlsx_rows(path: Path) -> list[list]:
    from openpyxl import load_workbook

    try:   # not read-only: that mode does not tell merged cells (one 设区市 over its counties' rows)
        book = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken or foreign file
        raise ValueError(f"不是有效的 Excel 文件：{type(exc).__name__}") from None
    sheet = book.worksheets[0]
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    for merged in sheet.merged_cells.ranges:
        # a cell merged down a column (one 设区市 over its counties) holds for every row; one merged across
        # (a title, a note under the table) stays in its first cell, or a note would become an entry
        if merged.min_col == merged.max_col:
            value = rows[merged.min_row - 1][merged.min_col - 1]
            for r in range(merged.min_row, min(merged.max_row, len(rows))):
                rows[r][merged.min_col - 1] = value
    book.close()
    return rows
