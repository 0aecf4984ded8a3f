"""index.html: one self-contained page (inline CSS, SVG and a small sorting script; no network)."""
from __future__ import annotations

import os
from pathlib import Path

from markupsafe import escape

from ..kinds.base import STATUSES
from ..render.runinfo import RunInfo
from ..render.templates import environment
from ..render.text import STATUS_LABELS
from .exports import AtomicStream

HISTOGRAM_BINS = 10                       # 0–10, 10–20, … 90–100


def write_dashboard(target: Path, result, pairs, overview, rule_names: dict[str, str], info: RunInfo) -> None:
    """Streamed chunk by chunk: for thousands of reports the page is tens of MB."""
    with AtomicStream(target) as stream:   # writelines: the template yields ~165 chunks a report
        stream.handle.writelines(dashboard_chunks(result, pairs, overview, rule_names, info))


def dashboard_chunks(result, pairs, overview, rule_names: dict[str, str], info: RunInfo):
    summaries = result.summaries
    by_index = {s.index: s for s in summaries}
    return environment().get_template("dashboard.html.j2").generate(
        reports=summaries, errors=result.unreadable, not_reports=result.not_reports, rules=rule_names,
        # the distribution and the shares are of the round's reports, like the other figures (overview.py)
        labels=STATUS_LABELS, info=info, overview=overview, histogram=histogram(overview.ranking),
        shares=rule_shares(overview.ranking, rule_names),
        pairs=[_pair_view(p, result.paths, by_index) for p in pairs if p.exact], pair_total=overview.pairs,
        average=overview.average, sparkline=sparkline, matrix=matrix_rows(summaries, rule_names))


def matrix_rows(summaries, rule_names: dict[str, str]):
    """(label, [(status, title), …]) a report; each title (“rule：status”) is escaped once per rule and
    status rather than once per cell (a thousand reports are twenty thousand cells)."""
    titles = {(rule_id, status): escape(f"{name}：{STATUS_LABELS.get(status, status)}")
              for rule_id, name in rule_names.items() for status in (*STATUSES, "")}
    for s in summaries:
        statuses = [s.statuses.get(rule_id, "") for rule_id in rule_names]
        yield s.name or s.path, [(status, titles[rule_id, status]) for rule_id, status in zip(rule_names, statuses)]


def sparkline(values: dict[int, float], width: int = 90, height: int = 22) -> dict:
    """An inline SVG polyline of scores (0–100) over the years, with its points for labels."""
    years = sorted(values)
    step = width / max(len(years) - 1, 1)
    points = [(round(i * step, 1), round(height - 2 - (height - 4) * values[y] / 100, 1), y, values[y])
              for i, y in enumerate(years)]
    return {"width": width, "height": height, "points": points,
            "path": " ".join(f"{x},{y}" for x, y, _, _ in points)}


def histogram(summaries) -> dict:
    counts = [0] * HISTOGRAM_BINS
    for s in summaries:
        counts[min(int(s.score // (100 / HISTOGRAM_BINS)), HISTOGRAM_BINS - 1)] += 1
    tallest = max(counts) or 1
    width, height, gap = 36, 160, 4
    bars = [{"x": i * width + gap, "y": height - round(height * c / tallest), "h": round(height * c / tallest),
             "w": width - 2 * gap, "count": c, "label": f"{i * 10}–{i * 10 + 10}"}
            for i, c in enumerate(counts)]
    return {"bars": bars, "width": width * HISTOGRAM_BINS, "height": height}


def rule_shares(summaries, rule_names: dict[str, str]) -> list[dict]:
    total = len(summaries) or 1
    shares = []
    for rule_id, name in rule_names.items():
        counts = {status: 0 for status in STATUSES}
        for s in summaries:
            status = s.statuses.get(rule_id)
            if status in counts:
                counts[status] += 1
        shares.append({"id": rule_id, "name": name, "counts": counts,
                       "percent": {k: round(100 * v / total, 1) for k, v in counts.items()}})
    return shares


def _pair_view(pair, paths: list[str], by_index: dict) -> dict:
    def side(index: int) -> dict:
        s = by_index.get(index)
        return {"path": paths[index], "name": os.path.basename(paths[index]),
                "label": s.name if s else None, "year": s.year if s else None, "page": s.page if s else None}

    return {"left": side(pair.left), "right": side(pair.right), "similarity": round(100 * pair.similarity, 1),
            "exact": pair.exact, "passages": pair.passages}
