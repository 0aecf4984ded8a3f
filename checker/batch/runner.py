"""`fzcheck batch`: score many reports in parallel and write the dashboard, pages, JSON, CSV and Excel.

Results stream: a worker reads, checks and renders one report and hands back only what the outputs need
(its JSON text, a small summary row and a MinHash signature), so memory does not grow with report texts.
"""
from __future__ import annotations

import glob
import json
import multiprocessing
import os
import pickle
import sys
import tempfile
import time
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from ..document.reader import SUPPORTED_SUFFIXES, document_from_text, read_document
from ..engine import LastYear, look_at_file, parts_for_next_year
from ..errors import (EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, FileError, FzcheckError, InputError, OutputError,
                      os_reason)
from ..output import make_writable_folder, safe_stem
from ..render.runinfo import RunInfo
from ..render.jsonout import SCHEMA, audit_dict
from ..config import apply_disable
from ..document import Limits
from ..ruleset import Ruleset, load_ruleset
from . import neardup
from .manifest import record_planned, recorded, replace_outputs
from .roster import is_department

_GLOB_CHARS = set("*?[")
FIXED_OUTPUTS = ["index.html", "results.json", "scores.csv", "scores.xlsx"]
ROSTER_OUTPUT = "roster.csv"        # with --roster
# Formats the reader recognises only to refuse with a hint (save as .docx): a folder walk lists them too.
REFUSED_SUFFIXES = (".doc", ".wps", ".rtf")


@dataclass(slots=True)
class Summary:
    """What the dashboard, CSV and Excel need of one scored report."""
    index: int
    path: str
    page: str
    region: str | None
    issuer: str | None
    year: int | None
    title: str | None
    score: float
    grade: str
    failed_errors: int
    failed_warnings: int
    statuses: dict[str, str]

    @property
    def name(self) -> str | None:
        """What the dashboard, the exports and the 通报 call it: a department by its own name (上海市司法局,
        not 上海市 like every other department of the city), a government by its region."""
        return self.issuer if is_department(self.issuer) else self.region or self.issuer

    @property
    def body(self) -> str | None:
        """Who wrote it, as its reports of several years are told apart: the issuer, else the region."""
        return self.issuer or self.region


@dataclass(slots=True)
class Checked:
    """What a worker hands back for one report (not a rule's Outcome): its row, its JSON, its signature,
    or the reason it could not be checked."""
    index: int
    path: str
    summary: Summary | None = None
    json_text: str | None = None
    signature: bytes | None = None
    parts: LastYear | None = None       # what next year's report is compared with
    first: bytes | None = None          # the pickled FirstLook a second pass would reuse
    error: FileError | None = None


@dataclass(slots=True)
class BatchResult:
    summaries: list[Summary] = field(default_factory=list)
    errors: list[FileError] = field(default_factory=list)      # files not scored, non-reports included
    signatures: list[bytes | None] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)

    @property
    def not_reports(self) -> list[FileError]:
        return [e for e in self.errors if e.kind == "not_report"]

    @property
    def unreadable(self) -> list[FileError]:
        return [e for e in self.errors if e.kind != "not_report"]


# ---------------------------------------------------------------- inputs

def expand_inputs(specs) -> list[str]:
    """Files as given, folders walked (supported suffixes), globs expanded; order kept, duplicates once.
    A spec that matches nothing is kept as is, so reading it reports why."""
    found: list[str] = []
    for spec in specs:
        spec = os.fspath(spec)
        if os.path.isdir(spec):
            found.extend(_walk(spec))
        elif not os.path.lexists(spec) and _GLOB_CHARS & set(spec) and glob.glob(spec, recursive=True):
            for match in sorted(glob.glob(spec, recursive=True)):
                found.extend(_walk(match) if os.path.isdir(match) else [match])
        else:
            found.append(spec)
    return _unique(found)


def _unique(paths: list[str]) -> list[str]:
    """The same file named twice (a/../b/x.txt and b/x.txt, or through a link) is checked once, under its
    first spelling: told by device and inode, one stat a file where realpath costs one a path component."""
    seen: set = set()
    kept = []
    for path in paths:
        key: object = _file_key(path) or path     # one that cannot be read: reading it will say why
        if key not in seen:
            seen.add(key)
            kept.append(path)
    return kept


def _walk(folder: str) -> list[str]:
    paths = []
    # a folder that cannot be listed is reported (read_document names the reason), never skipped
    for root, dirs, files in os.walk(folder, onerror=lambda error: paths.append(error.filename)):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        # .doc/.wps/.rtf are listed too, so the user is told to save them as .docx rather than left
        # wondering why a county is missing
        paths.extend(os.path.join(root, f) for f in sorted(files)
                     if f.lower().endswith(SUPPORTED_SUFFIXES + REFUSED_SUFFIXES) and not f.startswith("."))
    return paths


def _without_own_outputs(files: list[str], out: Path, notice: str | None) -> list[str]:
    """The inputs but what fzcheck itself wrote (an output folder inside the input folder, the 通报 beside
    the reports): last run's record of the output folder, its fixed outputs and the notice."""
    own = [out / relative for relative in recorded(out) + FIXED_OUTPUTS + [ROSTER_OUTPUT]]
    keys = {_file_key(str(path)) for path in own + ([Path(notice)] if notice else [])}
    keys.discard(None)
    return [f for f in files if _file_key(f) not in keys] if keys else files


def _file_key(path: str) -> tuple[int, int] | None:
    """A file told by device and inode (one stat, whatever the spelling or link), None if there is none."""
    try:
        found = os.stat(path)
    except (OSError, ValueError):
        return None
    return found.st_dev, found.st_ino


def _check_output_folder(out: Path, pages: bool) -> None:
    """Fail before checking anything when the output folder (and its reports/ for pages) cannot be made
    or written."""
    try:
        make_writable_folder(out)
        if pages:
            (out / "reports").mkdir(exist_ok=True)
    except OSError as exc:
        raise OutputError(f"无法写入输出文件夹（{os_reason(exc)}）", str(out)) from None


def _check_notice(target: Path) -> None:
    if target.suffix.lower() != ".docx":
        raise OutputError("通报草稿是 Word 文件，文件名须以 .docx 结尾", str(target))
    if target.is_dir():
        raise OutputError("这是一个文件夹，请给出通报草稿的文件名（.docx）", str(target))
    try:
        make_writable_folder(target.parent)
    except OSError as exc:
        raise OutputError(f"无法写入通报草稿（{os_reason(exc)}）", str(target)) from None


def page_names(paths: list[str]) -> list[str]:
    used: set[str] = set()
    return [safe_stem(p, used) for p in paths]


# ---------------------------------------------------------------- worker side

_WORKER: dict = {}


def _init_worker(ruleset: Ruleset, limits: Limits, outdir: str | None, signatures: bool = True,
                 run: RunInfo | None = None, docx: tuple[str, str] | None = None, years=None) -> None:
    """Each worker keeps the ruleset the batch loaded. `outdir` receives the HTML pages (None: none);
    `docx` is (output folder, author) when reviewed .docx copies are asked for; `years` is the batch's
    shared record of the years its reports have shown (see _several_years)."""
    _WORKER["ruleset"] = ruleset
    _WORKER["limits"] = limits
    _WORKER["outdir"] = outdir
    _WORKER["run"] = run
    _WORKER["signatures"] = signatures
    _WORKER["docx"] = docx
    _WORKER["years"] = years if years is not None else multiprocessing.Array("i", 2)


def _several_years(year: int) -> bool:
    """Whether the batch's reports have shown two years yet, shared by every worker: the first year seen
    and a flag. Until then no report is kept for a second pass: in a batch of one year (the usual one)
    none will have one, and keeping each report's first check costs a tenth of checking it."""
    seen = _WORKER["years"]
    if seen[0] != year and not seen[1]:
        with seen.get_lock():
            if not seen[0]:
                seen[0] = year
            elif seen[0] != year:
                seen[1] = 1
    return bool(seen[1])


def _check_one(job: tuple) -> Checked:
    """Check one report; a job (index, path, page, last year's parts, the first check's FirstLook) weighs
    it against last year's, running again only the rules that read last year's report."""
    index, path, page, *before = job
    ruleset: Ruleset = _WORKER["ruleset"]
    previous, first = before if before else (None, None)
    try:
        # the second pass re-checks a report the first already took for one: no genre gate again
        audit, look = look_at_file(path, ruleset, _WORKER["limits"], force=bool(before), previous=previous,
                                   first=pickle.loads(first) if first else None)
    except FzcheckError as exc:  # the policy lint shares: list the file, keep going
        return Checked(index, path, error=FileError.of(exc, path))
    if _WORKER["outdir"]:
        _write_page(audit, Path(_WORKER["outdir"]) / "reports" / f"{page}.html")
    if _WORKER["docx"]:
        from ..review import write_review

        folder, author = _WORKER["docx"]
        write_review(audit, Path(folder) / "reports" / f"{page}.docx", author=author)
    data = audit_dict(audit)
    return Checked(index, path, summary=_summary(index, page, data, audit),
                   json_text=json.dumps(data, ensure_ascii=False),
                   # the second pass (`before` given) changes only the findings: signature and parts stand
                   signature=neardup.signature(audit.document.text, ruleset.vocabulary.neardup_anchors)
                   if _WORKER["signatures"] and not before else None,
                   parts=None if before else parts_for_next_year(audit, ruleset),
                   # only a report with a year and a body can have last year's in the batch
                   first=pickle.dumps(look, protocol=pickle.HIGHEST_PROTOCOL)
                   if not before and audit.year is not None and (audit.issuer or audit.region)
                   and _several_years(audit.year) else None)


def _write_page(audit, target: Path) -> None:
    from ..output import write_atomic
    from ..render.html import render_html  # jinja2 only when pages are asked for

    write_atomic(target, render_html(audit, back_link="../index.html", run=_WORKER["run"]))


def _summary(index: int, page: str, data: dict, audit) -> Summary:
    return Summary(index=index, path=data["path"], page=page, region=data["region"], issuer=data["issuer"],
                   year=data["year"],
                   title=data["title"], score=data["score"], grade=data["grade"],
                   failed_errors=audit.count("error"), failed_warnings=audit.count("warning"),
                   statuses={f["rule"]: f["status"] for f in data["findings"]})


# ---------------------------------------------------------------- driver

def check_all(paths: list[str], ruleset: Ruleset, limits: Limits, jobs: int, outdir: str | None, sink, progress,
              signatures: bool = True, run: RunInfo | None = None,
              docx: tuple[str, str] | None = None, names: list[str] | None = None) -> BatchResult:
    """Run every report, feeding results to `sink` in input order whatever the number of workers.

    Two passes: every report on its own, then each report whose body (issuer, else region) has a report of
    an earlier year in the batch again, weighed against the parts the first pass kept of the latest of
    those (the compare rules; the rest of its first check is reused). Results, parts and first checks
    wait in a spool file on disk between the passes, so memory does not grow with the batch."""
    names = names or page_names(paths)
    work = [(i, p, names[i]) for i, p in enumerate(paths)]
    result = BatchResult(paths=list(paths), signatures=[None] * len(paths))
    init = (ruleset, limits, outdir, signatures, run, docx, multiprocessing.Array("i", 2))
    with tempfile.TemporaryFile() as handle, _workers(jobs, len(work), init) as check:
        spool = _Spool(handle)
        _collect(check(work), result, spool, progress)
        _collect(check(_with_previous(result.summaries, paths, names, spool)), result, spool, progress,
                 replace=True)
        for index in sorted(spool.reports):
            sink(spool.read(spool.reports[index]))
    return result


@contextmanager
def _workers(jobs: int, count: int, init: tuple):
    """A function mapping jobs to Checked results in order: in this process, or in a pool of `jobs`."""
    if jobs <= 1:
        _init_worker(*init)
        yield lambda work: map(_check_one, work)
        return
    chunk = max(1, min(16, count // (jobs * 8) or 1))
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=init) as pool:
        yield lambda work: pool.map(_check_one, work, chunksize=chunk)


class _Spool:
    """What waits on disk until every pass is done: each report's JSON, the parts of it next year's report
    of the same body is compared with, and its first check's FirstLook (this batch's own pickles, in a file
    only this process can reach)."""

    def __init__(self, handle):
        self.handle = handle
        self.reports: dict[int, tuple[int, int]] = {}     # index → (offset, length)
        self.parts: dict[int, tuple[int, int]] = {}
        self.firsts: dict[int, tuple[int, int]] = {}

    def keep(self, checked: Checked) -> None:
        self.reports[checked.index] = self._write((checked.json_text or "").encode("utf-8"))
        if checked.parts is not None:
            self.parts[checked.index] = self._write(json.dumps(checked.parts, ensure_ascii=False).encode("utf-8"))
        if checked.first is not None:
            self.firsts[checked.index] = self._write(checked.first)

    def parts_of(self, index: int) -> LastYear:
        return json.loads(self.read(self.parts[index])) if index in self.parts else {}

    def first_of(self, index: int) -> bytes | None:
        return self._read(self.firsts[index]) if index in self.firsts else None

    def read(self, where: tuple[int, int]) -> str:
        return self._read(where).decode("utf-8")

    def _read(self, where: tuple[int, int]) -> bytes:
        self.handle.seek(where[0])
        return self.handle.read(where[1])

    def _write(self, data: bytes) -> tuple[int, int]:
        self.handle.seek(0, os.SEEK_END)
        where = (self.handle.tell(), len(data))
        self.handle.write(data)
        return where


def _with_previous(summaries: list[Summary], paths: list[str], names: list[str], spool: _Spool) -> list[tuple]:
    """Jobs for the reports that have a report of an earlier year by the same body in the batch: each is
    weighed against the first report of the latest such year (two copies of one report, both of them)."""
    by_body: dict[str, dict[int, list[int]]] = {}
    for s in summaries:
        body = s.body
        if body and s.year is not None:
            by_body.setdefault(body, {}).setdefault(s.year, []).append(s.index)
    jobs: list[tuple] = []
    for years in by_body.values():
        ordered = sorted(years)
        for before, year in zip(ordered, ordered[1:]):
            last_year = spool.parts_of(years[before][0])
            jobs.extend((index, paths[index], names[index], last_year, spool.first_of(index)) for index in years[year])
    return sorted(jobs, key=lambda job: job[0])


def _collect(outcomes, result: BatchResult, spool: _Spool, progress, replace: bool = False) -> None:
    at = {s.index: i for i, s in enumerate(result.summaries)} if replace else {}
    for outcome in outcomes:  # map() yields in input order: outputs do not depend on --jobs
        if outcome.error is not None:
            if not replace:
                result.errors.append(outcome.error)
                progress.step()
            continue
        if replace:
            result.summaries[at[outcome.index]] = outcome.summary
        else:
            result.summaries.append(outcome.summary)
            result.signatures[outcome.index] = outcome.signature
            progress.step()
        spool.keep(outcome)


def run_batch(paths, outdir, rule_specs=(), jobs=None, quiet=False, fail_under=None, pages=True,
              neardups=True, disable=(), max_bytes=None, roster=None, notice=None, docx_author=None,
              ruleset: Ruleset | None = None, time_limit: float = 0) -> int:
    """Score every report under `paths` into `outdir`; return the exit code (0 ok, 2 some input unreadable,
    1 some report below `fail_under`). `pages=False` skips the per-report HTML pages (for measuring);
    `roster` is a 名单 file (.xlsx/.csv) of who must report; `notice` where to write the 通报 draft (.docx);
    `docx_author` (when given) writes reports/<name>.docx, each report reviewed in Word by that author.
    `ruleset` is one already loaded (instead of `rule_specs` and `disable`); a file that takes longer than
    `time_limit` seconds is listed as unreadable (0: no limit)."""
    from .exports import ROSTER_COLUMNS, JsonStream, roster_json, roster_rows, write_csv, write_table, write_xlsx
    from .dashboard import write_dashboard
    from .overview import build
    from .progress import Progress
    from .roster import read_roster

    if ruleset is None:    # fail fast (RulesError) before starting any worker
        ruleset = apply_disable(load_ruleset(list(rule_specs) or None), tuple(disable))
    limits = Limits(max_bytes=max_bytes or Limits.max_bytes, seconds=time_limit)
    entries = read_roster(roster) if roster else None   # and on a roster that cannot be used
    rule_names = {rule.id: rule.name for rule in ruleset.rules}
    out = Path(outdir)
    files = _without_own_outputs(expand_inputs(paths), out, notice)
    if not files:
        raise InputError(f"没有找到报告文件（支持 {'、'.join(SUPPORTED_SUFFIXES)}）", "、".join(map(str, paths)))
    if not any(os.path.lexists(f) for f in files):   # a mistyped path: no dashboard of nothing
        raise InputError("输入的路径都不存在", "、".join(map(str, paths)))
    _check_output_folder(out, pages or bool(docx_author))
    if notice:
        _check_notice(Path(notice))
    jobs = max(1, jobs or os.cpu_count() or 1)
    progress = Progress(len(files), enabled=not quiet and sys.stderr.isatty())
    started = time.perf_counter()
    run = RunInfo.now(f"{ruleset.id}（{ruleset.name}）" if ruleset.name else ruleset.id)
    names = page_names(files)
    # recorded before any is written, so the pages of a run cut short are removed by the next
    record_planned(out, FIXED_OUTPUTS + [ROSTER_OUTPUT] + _page_files(names, pages, bool(docx_author)))
    with JsonStream(out / "results.json", SCHEMA) as stream:
        result = check_all(files, ruleset, limits, min(jobs, max(1, len(files))), str(out) if pages else None,
                           stream.add_report, progress, signatures=neardups, run=run,
                           docx=(str(out), docx_author) if docx_author else None, names=names)
        overview = build(result.summaries, ruleset, entries)
        roster = overview.roster
        stream.finish([e.as_dict() for e in result.errors],
                      **({"roster": roster_json(roster, overview.year)} if roster is not None else {}))
    progress.done()
    legend = [(rule.name, rule.id, rule.severity, rule.weight) for rule in ruleset.rules]
    checked = roster_rows(roster) if roster is not None else None
    with _beside(jobs) as side:
        xlsx = side.submit(write_xlsx, out / "scores.xlsx", result.summaries, rule_names, legend, checked)
        pairs, flagged, exact = _near_duplicates(result) if neardups else ([], 0, True)
        overview = replace(overview, pairs=flagged)
        write_csv(out / "scores.csv", result.summaries, rule_names)
        if checked is not None:
            write_table(out / ROSTER_OUTPUT, ROSTER_COLUMNS, checked)
        info = replace(run, seconds=time.perf_counter() - started, pages=pages, pairs_exact=exact)
        write_dashboard(out / "index.html", result, pairs, overview, rule_names, info)
        if notice:
            from .notice import write_notice

            write_notice(Path(notice), overview, run.ruleset, pairs, result)
        xlsx.result()
    written = _page_files([s.page for s in result.summaries], pages, bool(docx_author))
    replace_outputs(out, FIXED_OUTPUTS + ([ROSTER_OUTPUT] if roster is not None else []) + written)
    if not quiet:
        _list_unreadable(result.unreadable)
        print(f"fzcheck: 已检查 {len(result.summaries)} 份报告，{len(result.unreadable)} 份无法读取，"
              f"{len(result.not_reports)} 份不是年度报告，{flagged} 对疑似雷同；结果在 {out / 'index.html'}",
              file=sys.stderr)
    return exit_code(result, fail_under)


def _page_files(names: list[str], html: bool, docx: bool) -> list[str]:
    """The per-report files of these page names, relative to the output folder."""
    return [f"reports/{name}.{kind}" for name in names for kind, wanted in (("html", html), ("docx", docx)) if wanted]


LISTED_ERRORS = 20   # a folder of a thousand bad files lists the first ones; the dashboard lists them all


def _list_unreadable(errors: list[FileError]) -> None:
    """Each file that could not be read, one line as lint prints it, so the exit code 2 has its reason."""
    for error in errors[:LISTED_ERRORS]:
        print(f"fzcheck: 错误：{error.path}: {error.message}", file=sys.stderr)
    if len(errors) > LISTED_ERRORS:
        print(f"fzcheck: ……另有 {len(errors) - LISTED_ERRORS} 份无法读取，见总览页", file=sys.stderr)


@contextmanager
def _beside(jobs: int):
    """An executor for an output written while this process writes the others (the Excel table, about a
    third of the time after checking): a process of its own when the batch may use several, else here."""
    if jobs <= 1:
        yield _Here()
        return
    with ProcessPoolExecutor(max_workers=1) as side:
        yield side


class _Here:
    """submit() that runs the call at once, in this process."""

    def submit(self, call, *args) -> Future:
        future: Future = Future()
        future.set_result(call(*args))
        return future


def _plain_text(path: str) -> str | None:
    """Fast path for UTF-8 plain text (the reader's encoding guessing costs more than the comparison)."""
    if not path.lower().endswith((".txt", ".md", ".markdown", ".text")):
        return None
    try:
        with open(path, "rb") as handle:
            return document_from_text(handle.read().decode("utf-8-sig"), path).text
    except (OSError, UnicodeDecodeError, InputError):
        return None


def exit_code(result: BatchResult, fail_under: float | None) -> int:
    if result.errors:
        return EXIT_ERROR
    if fail_under is not None and any(s.score < fail_under for s in result.summaries):
        return EXIT_FINDINGS
    return EXIT_OK


def _bodies_and_years(result: BatchResult) -> list[neardup.Report | None]:
    """Each input's body and year, where both are known (the near-duplicate search leaves out a body's
    reports of different years)."""
    found: list[neardup.Report | None] = [None] * len(result.paths)
    for s in result.summaries:
        if s.body and s.year is not None:
            found[s.index] = (s.body, s.year)
    return found


def _near_duplicates(result: BatchResult) -> tuple[list[neardup.Pair], int, bool]:
    """The most similar pairs, checked exactly, how many pairs were flagged in all, and whether that
    count is exact (else a lower bound)."""
    def read_text(index: int) -> str | None:
        path = result.paths[index]
        try:
            return _plain_text(path) or read_document(path).text
        except InputError:
            return None

    top, flagged, exact = neardup.find_pairs(result.signatures, reports=_bodies_and_years(result))
    shown = neardup.confirm(top, read_text)
    return shown, max(flagged, len(shown)), exact
