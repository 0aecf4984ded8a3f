"""What the server's process pool runs: checking one uploaded file, scoring a set of uploads into batch
outputs, rebuilding the workspace. Each worker process loads every offered ruleset once, at start, and
keeps it; a file that takes longer than the time limit is stopped (SIGALRM in the worker's main thread)
and reported as an error of that file.

No FastAPI here: workers import only the checker."""
from __future__ import annotations

import io
import json
import os
import signal
import time
import zipfile
from dataclasses import dataclass
from pathlib import Path

from ..deadline import Expired, time_limit
from ..document import Limits
from ..engine import check_file
from ..errors import FileError, FzcheckError

_STATE: dict = {}


def init_worker(rulesets: dict[str, tuple[str, ...]], max_bytes: int, timeout: float) -> None:
    """Pool initializer: ignore Ctrl-C (the server shuts the pool down itself), load every ruleset once
    and warm the tokenizer with a small check. Every check in this process is time-limited per file."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from ..ruleset import load_ruleset

    _STATE["rulesets"] = {name: load_ruleset(list(specs)) for name, specs in rulesets.items()}
    _STATE["ruleset_loads"] = len(rulesets)
    _STATE["limits"] = Limits(max_bytes=max_bytes, seconds=timeout)
    _warm_up()


def _warm_up() -> None:
    from ..document import document_from_text
    from ..engine import run

    try:
        ruleset = next(iter(_STATE["rulesets"].values()))
        run(document_from_text("某县人民政府关于2024年法治政府建设情况的报告\n一、主要举措和成效\n", "<预热>"),
            ruleset, force=True)
    except Exception:  # noqa: BLE001 - warming up is an optimisation only
        pass


# ---------------------------------------------------------------- jobs

@dataclass
class Checked:
    """One file's result: `report` (the fzcheck/1 report dict) or `error` (path, error, kind)."""
    name: str
    report: dict | None = None
    error: dict | None = None
    html: str | None = None
    docx: bytes | None = None        # the reviewed Word file (checker.review), when it could be made
    seconds: float = 0.0


def check_one(path: str, name: str, ruleset_name: str, force: bool = False, html: bool = False) -> Checked:
    """Check the uploaded file at `path`, reported under the client's (cleaned) `name`."""
    from ..render.jsonout import audit_dict

    started = time.perf_counter()
    try:
        audit = check_file(path, _STATE["rulesets"][ruleset_name], _STATE["limits"], force)
    except FzcheckError as exc:
        return Checked(name, error=FileError.of(exc, name).as_dict(), seconds=time.perf_counter() - started)
    docx = reviewed_docx(audit) if html else None       # reopens the original: before the rename
    audit.path = name
    page = None
    if html:
        from ..render.html import render_html
        from ..render.runinfo import RunInfo

        ruleset = _STATE["rulesets"][ruleset_name]
        page = render_html(audit, run=RunInfo.now(f"{ruleset.id}（{ruleset.name}）" if ruleset.name else ruleset.id))
    return Checked(name, report=audit_dict(audit), html=page, docx=docx,
                   seconds=time.perf_counter() - started)


def reviewer():
    """checker.review's `render_review(audit) -> (bytes, stats)` (issue 9), or None where this build of
    the checker has no Word review."""
    try:
        from ..review import render_review
    except ImportError:
        return None
    return render_review


def reviewed_docx(audit) -> bytes | None:
    """The reviewed .docx of `audit` (comments and tracked changes), under the same time limit as the
    check; None when there is no reviewer or it cannot review this file (the audit is still shown)."""
    render = reviewer()
    if render is None:
        return None
    try:
        with time_limit(_STATE["limits"].seconds):
            data, _stats = render(audit)
        return data
    except (Expired, FzcheckError):
        return None
    except Exception:  # noqa: BLE001 - the Word file is an extra; its failure must not lose the audit
        import logging

        logging.getLogger("fzcheck.serve").exception("fzcheck serve: 生成审阅 Word 文件失败：%s", audit.path)
        return None


def batch_outputs(folder: str, names: list[str], outdir: str, ruleset_name: str) -> dict[str, bytes]:
    """Score the uploads `names` (plain names inside `folder`) with run_batch into `outdir` and return
    every output it wrote, plus `fzcheck-结果.zip` holding them all, as {relative path: bytes}."""
    run_in(folder, names, outdir, ruleset_name)
    files = collect(Path(outdir))
    files["fzcheck-结果.zip"] = zip_of(files)
    return files


def batch_job(folder: str, names: list[str], outdir: str, ruleset_name: str):
    """A several-file upload: the batch outputs, and for the page one row per scored file (name, score,
    grade, region, its page) and the files not scored (path, error, kind), in upload order."""
    from ..batch.runner import page_names

    files = batch_outputs(folder, names, outdir, ruleset_name)
    results = json.loads(files["results.json"])
    pages = dict(zip(names, page_names(names)))
    rows = []
    for report in results["reports"]:
        page = f"reports/{pages.get(report['path'], '')}.html"
        rows.append({"name": report["path"], "score": report["score"], "grade": report["grade"],
                     "region": report["region"], "title": report["title"],
                     "page": page if page in files else None})
    return files, rows, results["errors"]


def rebuild_workspace(uploads: str, outdir: str, ruleset_name: str) -> int:
    """Rescore every upload kept in the workspace into its batch folder (the dashboard at /workspace)."""
    names = sorted(p.name for p in Path(uploads).iterdir() if p.is_file() and not p.name.startswith("."))
    if not names:
        return 0
    run_in(uploads, names, outdir, ruleset_name)
    return len(names)


def run_in(folder: str, names: list[str], outdir: str, ruleset_name: str) -> int:
    """run_batch over `names` given relative to `folder`, so pages, JSON and tables show the uploaded
    names rather than the server's temporary paths (the worker is single-threaded: changing its working
    folder for the run affects nothing else)."""
    from ..batch.runner import run_batch

    previous = os.getcwd()
    os.chdir(folder)
    try:
        return run_batch(names, os.path.abspath(outdir), ruleset=_STATE["rulesets"][ruleset_name], jobs=1,
                         quiet=True, max_bytes=_STATE["limits"].max_bytes, time_limit=_STATE["limits"].seconds)
    finally:
        os.chdir(previous)


def collect(outdir: Path) -> dict[str, bytes]:
    """The batch outputs (dashboard, pages, JSON, CSV, Excel) by their path relative to `outdir`."""
    files = {}
    for path in sorted(outdir.rglob("*")):
        relative = path.relative_to(outdir).as_posix()
        if path.is_file() and not path.is_symlink() and not any(p.startswith(".") for p in relative.split("/")):
            files[relative] = path.read_bytes()
    return files


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for relative, data in files.items():
            archive.writestr(f"fzcheck-结果/{relative}", data)
    return buffer.getvalue()


def lint_document(checked: list[Checked]) -> dict:
    """The fzcheck/1 document of `fzcheck lint --format json` for these results, in upload order."""
    from ..render.jsonout import SCHEMA

    return {"schema": SCHEMA, "reports": [c.report for c in checked if c.report is not None],
            "errors": [c.error for c in checked if c.error is not None]}


def lint_json(checked: list[Checked]) -> str:
    """The same document laid out exactly as `fzcheck lint --format json` writes it."""
    return json.dumps(lint_document(checked), ensure_ascii=False, indent=2) + "\n"


def stats() -> dict:
    """This worker's process id and how many times it has loaded a ruleset (for tests)."""
    return {"pid": os.getpid(), "ruleset_loads": _STATE.get("ruleset_loads", 0)}


def ping() -> int:
    """A no-op job: the pool is up and its workers have finished starting."""
    return os.getpid()
