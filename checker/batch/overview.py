"""The figures of a batch run that people report on: received and on time, grades, ranking, who did not
submit, groups by 上级, the most common shortcomings, score changes by year. The dashboard and the 通报
draft both read this one object, so their numbers cannot disagree.

A batch may hold reports of several years so that each region is weighed against its earlier ones. The
round reported on is then the latest year: who did not submit, who was late, the grades, the ranking and
the shortcomings count its reports (and those whose year is unknown); the earlier years appear in the
changes by year, and in the near-duplicate pairs, which are the whole batch's (a report copied from
another region's report of last year is one)."""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from .roster import RosterView, match

SHORTCOMING_EXAMPLES = 3


@dataclass
class Group:
    name: str                       # the 上级 (市) its members (县) report to
    count: int
    average: float
    passed: int                     # reports graded above the lowest band (合格 or better)

    @property
    def pass_rate(self) -> float:
        return round(100 * self.passed / self.count, 1) if self.count else 0.0


@dataclass
class Shortcoming:
    rule: str
    name: str
    failed: int                     # not met
    partial: int                    # partly met
    examples: list[str]             # a few regions that fall short


@dataclass
class Trend:
    """One body's scores over the years of the batch."""

    name: str
    scores: dict[int, float]        # year → score

    @property
    def change(self) -> float | None:
        """Change since its previous report (the last two years it reported)."""
        years = sorted(self.scores)
        return round(self.scores[years[-1]] - self.scores[years[-2]], 1) if len(years) >= 2 else None


@dataclass
class Overview:
    received: int
    on_time: int
    late: list                      # summaries whose deadline rule failed
    grades: dict[str, int]          # grade → count, in the ruleset's band order
    ranking: list                   # summaries, best first
    average: float | None
    shortcomings: list[Shortcoming]
    groups: list[Group] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    trends: list[Trend] = field(default_factory=list)  # bodies with reports in two or more years
    rule_trends: dict[str, dict[int, float]] = field(default_factory=dict)   # rule → year → pass share %
    pairs: int = 0
    year: int | None = None        # the round's year when the batch holds several, else None (all reports)
    roster: RosterView | None = None   # the roster matched against the round's reports

    @property
    def roster_size(self) -> int | None:
        return len(self.roster.entries) if self.roster else None

    @property
    def missing(self) -> list:
        """Roster entries with no report."""
        return self.roster.missing if self.roster else []

    @property
    def unmatched(self) -> list:
        """Reports no roster entry claims."""
        return self.roster.unmatched if self.roster else []

    @property
    def doubled(self) -> list:
        """(entry, summaries) with two reports for one year."""
        return self.roster.doubled if self.roster else []

    @property
    def changes(self) -> dict[str, float]:
        """Each body's change since its previous report, for the bodies that reported in the round."""
        return {t.name: t.change for t in self.trends
                if t.change is not None and (self.year is None or max(t.scores) == self.year)}


def build(summaries: list, ruleset, entries: list | None = None) -> Overview:
    """The overview of `summaries`, with who did not submit when `entries` (a roster) is given; `pairs`
    (near-duplicates) is left 0 for the caller to set once the search is done."""
    years = sorted({s.year for s in summaries if s.year is not None})
    year = years[-1] if len(years) >= 2 else None
    current = [s for s in summaries if year is None or s.year in (year, None)]
    overview = _round(current, ruleset)
    overview.year, overview.years = year, years
    if entries is not None:
        overview.roster = match(entries, current)
        overview.groups = _groups(overview.roster, lowest=next(reversed(overview.grades), None))  # band order
    _add_trends(overview, summaries, ruleset)
    return overview


def _round(summaries: list, ruleset) -> Overview:
    deadline_rules = [r.id for r in ruleset.rules if r.kind == "closing" and r.options.get("element") == "deadline"]
    late = [s for s in summaries if any(s.statuses.get(rule) == "fail" for rule in deadline_rules)]
    grades = Counter(s.grade for s in summaries)
    return Overview(
        received=len(summaries), on_time=len(summaries) - len(late), late=late,
        grades={band: grades.get(band, 0) for _, band in ruleset.scoring.grades},
        ranking=sorted(summaries, key=lambda s: (-s.score, s.index)),
        average=round(sum(s.score for s in summaries) / len(summaries), 1) if summaries else None,
        shortcomings=_shortcomings(summaries, ruleset))


def _shortcomings(summaries: list, ruleset) -> list[Shortcoming]:
    found = []
    for rule in ruleset.rules:
        if rule.weight <= 0:
            continue
        short = [s for s in summaries if s.statuses.get(rule.id) in ("fail", "partial")]
        if not short:
            continue
        examples = list(dict.fromkeys(s.name or s.path for s in short))[:SHORTCOMING_EXAMPLES]
        found.append(Shortcoming(rule.id, rule.name, sum(s.statuses.get(rule.id) == "fail" for s in short),
                                 sum(s.statuses.get(rule.id) == "partial" for s in short), examples))
    return sorted(found, key=lambda c: (-(c.failed + c.partial), -c.failed))


def _groups(roster: RosterView, lowest: str | None) -> list[Group]:
    """The matched reports by their entry's 上级 (each group in input order)."""
    members: dict[str, list] = defaultdict(list)
    for i, found in roster.reports.items():
        if roster.entries[i].parent:
            members[roster.entries[i].parent].extend(found)
    for group in members.values():
        group.sort(key=lambda s: s.index)
    return [Group(name, len(group), round(sum(s.score for s in group) / len(group), 1),
                  sum(s.grade != lowest for s in group))
            for name, group in sorted(members.items())]


def _add_trends(overview: Overview, summaries: list, ruleset) -> None:
    years = overview.years
    if len(years) < 2:
        return
    by_body: dict[str, dict[int, float]] = defaultdict(dict)
    for summary in summaries:
        if summary.year is not None and summary.body:
            by_body[summary.body][summary.year] = summary.score
    overview.trends = [Trend(name, dict(sorted(scores.items()))) for name, scores in sorted(by_body.items())
                       if len(scores) >= 2]
    for rule in ruleset.rules:
        shares = {}
        for year in years:
            statuses = [s.statuses.get(rule.id) for s in summaries if s.year == year]
            rated = [st for st in statuses if st in ("pass", "partial", "fail")]
            if rated:
                shares[year] = round(100 * rated.count("pass") / len(rated), 1)
        overview.rule_trends[rule.id] = shares
