"""The FastAPI application: the upload page, the JSON API, kept results and the workspace dashboard.

Every check runs in the process pool (pool.py); handlers only save uploads (in a worker thread), await
the pool and answer. Uploaded names are cleaned into plain file names (settings.display_name) and are
otherwise data: escaped in pages, quoted in JSON, never joined into a path given by a client."""
from __future__ import annotations

import asyncio
import logging
import shutil
import tempfile
from contextlib import asynccontextmanager
from functools import lru_cache
from pathlib import Path
from urllib.parse import quote

from fastapi import FastAPI, File, Form, Request, UploadFile
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from . import worker
from .pool import CheckPool, PoolFailed
from .security import Guard, generated_page_csp, megabytes
from .settings import ServeSettings, display_name, unique_names
from .store import ResultStore
from .workspace import Workspace

log = logging.getLogger("fzcheck.serve")
HERE = Path(__file__).resolve().parent
STATIC_TYPES = {".js": "text/javascript; charset=utf-8", ".css": "text/css; charset=utf-8"}
CONTENT_TYPES = {".html": "text/html; charset=utf-8", ".json": "application/json; charset=utf-8",
                 ".csv": "text/csv; charset=utf-8", ".zip": "application/zip",
                 ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                 ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document"}
STATUS_MESSAGES = {400: "请求无效", 401: "需要访问令牌", 403: "没有权限", 404: "找不到这个页面或文件（结果只保留一段时间）",
                   405: "不支持这种请求方法", 413: "上传内容过大", 415: "不支持的内容类型", 500: "服务器内部错误"}


class Refused(Exception):
    """A request answered with a 4xx and a Chinese message."""

    def __init__(self, status: int, message: str):
        super().__init__(message)
        self.status, self.message = status, message


@lru_cache(maxsize=1)
def _templates():
    import jinja2

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(HERE / "templates")), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=1)
def _assets() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (HERE / "static").iterdir() if p.is_file() and p.suffix in STATIC_TYPES}


def _static(name: str) -> bytes | None:
    """The page's own assets, looked up by exact name among the files the package ships (read once)."""
    return _assets().get(name)


def create_app(settings: ServeSettings, on_ready=None) -> FastAPI:
    """The application for `settings`; `on_ready()` is called once the workers have started."""
    state: dict = {}

    @asynccontextmanager
    async def lifespan(app):
        specs = {r.name: r.specs for r in settings.rulesets}
        pool = CheckPool(settings.workers, specs, settings.max_bytes, settings.timeout)
        rebuild_pool = None
        try:
            await pool.start()
            state["pool"] = pool
            state["store"] = ResultStore(settings.result_ttl, settings.result_budget)
            if settings.workspace is not None:
                # a pool of its own, so rescoring a season's uploads never delays anyone's check
                rebuild_pool = CheckPool(1, specs, settings.max_bytes, settings.timeout)
                await rebuild_pool.start()
                state["workspace"] = Workspace(settings.workspace, settings.default_ruleset, rebuild_pool,
                                               settings.timeout)
                if any(state["workspace"].uploads.iterdir()):
                    state["workspace"].schedule()
            if on_ready:
                on_ready()
            yield
        finally:
            workspace = state.get("workspace")
            if workspace is not None and workspace.busy:
                workspace._task.cancel()
            pool.shutdown()
            if rebuild_pool is not None:
                rebuild_pool.shutdown()

    app = FastAPI(title="fzcheck 法治政府建设年度报告检查服务", version=__version__, lifespan=lifespan,
                  docs_url=None, redoc_url=None, openapi_url="/openapi.json",
                  description="上传报告（.docx/.pdf/.txt/.html/.odt），返回与 `fzcheck lint --format json` "
                              "相同的 `fzcheck/1` 结果。设置了访问令牌时，请求头需带 `Authorization: Bearer <令牌>`。")
    app.state.fzcheck = state
    guard_holder: dict = {}

    # ------------------------------------------------------------ errors, all in Chinese

    @app.exception_handler(Refused)
    async def refused(request: Request, exc: Refused):
        return JSONResponse({"detail": exc.message}, status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError):
        fields = sorted({str(e.get("loc", ["", "?"])[-1]) for e in exc.errors()})
        missing = "files" in fields
        message = ("没有收到文件：请用 multipart/form-data 上传，字段名为 files（可多个）" if missing
                   else f"请求格式不对（字段：{'、'.join(fields)}）")
        return JSONResponse({"detail": message}, status_code=400)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException):
        detail = exc.detail if isinstance(exc.detail, str) and not exc.detail.isascii() else None
        return JSONResponse({"detail": detail or STATUS_MESSAGES.get(exc.status_code, "请求无法处理")},
                            status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception):
        log.exception("fzcheck serve: 内部错误")
        return JSONResponse({"detail": "服务器内部错误，请稍后再试或联系管理员"}, status_code=500)

    # ------------------------------------------------------------ uploads

    async def receive(files: list[UploadFile], ruleset: str | None) -> tuple:
        if not files:
            raise Refused(400, "没有收到文件")
        if len(files) > settings.max_files:
            raise Refused(413, f"文件过多：一次最多上传 {settings.max_files} 个文件，本次 {len(files)} 个；请分几次上传")
        choice = settings.ruleset(ruleset)
        if choice is None:
            available = "、".join(r.name for r in settings.rulesets)
            raise Refused(400, f"未知的规则集：{str(ruleset)[:80]}（可用：{available}）")
        folder = Path(tempfile.mkdtemp(prefix="fzcheck-serve-"))
        try:
            names = unique_names([display_name(f.filename, i) for i, f in enumerate(files)])
            for upload, name in zip(files, names):
                await run_in_threadpool(_save, upload, folder / name)
            if "workspace" in state:
                await run_in_threadpool(state["workspace"].add, [(folder / n, n) for n in names])
                state["workspace"].schedule()
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        return choice, folder, names

    async def check_each(folder: Path, names: list[str], ruleset: str, force: bool, html: bool) -> list:
        async def one(name: str):
            try:
                return await state["pool"].run(worker.check_one, str(folder / name), name, ruleset, force, html)
            except PoolFailed as exc:
                kind = "unreadable" if "超过" in exc.message else "internal"
                return worker.Checked(name, error={"path": name, "error": exc.message, "kind": kind})
        return await asyncio.gather(*(one(n) for n in names))

    # ------------------------------------------------------------ JSON API

    @app.post("/api/lint", summary="检查上传的报告",
              description="一份或多份报告（multipart/form-data，字段 files），可选 ruleset（规则集名称，见 "
                          "/api/rulesets）和 force（即使不像年度报告也评分）。返回 `fzcheck/1` 文档："
                          "reports 为评分结果，errors 为无法评分的文件（path、error、kind："
                          "unreadable / not_report / rules / internal）。",
              responses={400: {"description": "没有文件或未知的规则集"}, 401: {"description": "缺少或错误的访问令牌"},
                         413: {"description": "文件过大或过多"}})
    async def api_lint(files: list[UploadFile] = File(..., description="报告文件，可多个"),
                       ruleset: str | None = Form(None, description="规则集名称，默认为服务器的默认规则集"),
                       force: bool = Form(False, description="即使不像法治政府建设年度报告也评分")):
        choice, folder, names = await receive(files, ruleset)
        try:
            checked = await check_each(folder, names, choice.name, force, html=False)
        finally:
            await run_in_threadpool(shutil.rmtree, folder, True)
        return JSONResponse(worker.lint_document(checked))

    @app.get("/api/rulesets", summary="可用的规则集")
    async def api_rulesets():
        return {"default": settings.default_ruleset,
                "rulesets": [{"name": r.name, "title": r.title, "builtin": r.builtin} for r in settings.rulesets]}

    @app.get("/api/health", summary="服务状态")
    async def api_health():
        workspace = state.get("workspace")
        return {"status": "ok", "version": __version__, "workers": settings.workers,
                "workspace": None if workspace is None else {"updating": workspace.busy,
                                                             "last_error": workspace.last_error}}

    # ------------------------------------------------------------ the page

    def page(template: str, status: int = 200, **values) -> HTMLResponse:
        html = _templates().get_template(template).render(version=__version__, **values)
        return HTMLResponse(html, status_code=status)

    @app.get("/", include_in_schema=False)
    async def index():
        return page("page.html.j2", rulesets=settings.rulesets, default=settings.default_ruleset,
                    max_files=settings.max_files, max_size=megabytes(settings.max_bytes),
                    workspace=settings.workspace is not None, token=bool(settings.token),
                    timeout=f"{settings.timeout:g}")

    @app.get("/static/{name}", include_in_schema=False)
    async def static(name: str):
        data = _static(name)
        if data is None:
            raise Refused(404, STATUS_MESSAGES[404])
        return Response(data, media_type=STATIC_TYPES[Path(name).suffix], headers={"cache-control": "no-cache"})

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon():
        return Response(status_code=204)     # no icon; answered so browsers log no 404

    @app.get("/docs", include_in_schema=False)
    async def docs():
        return page("docs.html.j2")

    @app.get("/login", include_in_schema=False)
    async def login_form():
        if not settings.token:
            return RedirectResponse("/", status_code=303)
        return page("login.html.j2", failed=False)

    @app.post("/login", include_in_schema=False)
    async def login(token: str = Form("")):
        guard = guard_holder["guard"]
        if not settings.token:
            return RedirectResponse("/", status_code=303)
        if not guard.token_matches(token):
            await asyncio.sleep(1.0)        # slows guessing
            return page("login.html.j2", status=401, failed=True)
        response = RedirectResponse("/", status_code=303)
        response.headers["set-cookie"] = guard.session_cookie()
        return response

    @app.post("/logout", include_in_schema=False)
    async def logout():
        response = RedirectResponse("/login" if settings.token else "/", status_code=303)
        response.headers["set-cookie"] = guard_holder["guard"].cleared_cookie()
        return response

    @app.post("/ui/check", include_in_schema=False)
    async def ui_check(files: list[UploadFile] = File(...), ruleset: str | None = Form(None),
                       force: bool = Form(False)):
        """The page's upload: one file → its audit page and downloads; several → the batch dashboard
        and a zip of all outputs. Results are kept in memory for a while (store.py)."""
        choice, folder, names = await receive(files, ruleset)
        try:
            if len(names) == 1:
                answer = await single(folder, names[0], choice.name, force)
            else:
                answer = await several(folder, names, choice.name)
        finally:
            await run_in_threadpool(shutil.rmtree, folder, True)
        answer["workspace"] = "/workspace/" if "workspace" in state else None
        return answer

    async def single(folder: Path, name: str, ruleset: str, force: bool) -> dict:
        checked = (await check_each(folder, [name], ruleset, force, html=True))[0]
        if checked.report is None:
            return {"mode": "single", "name": name, "error": checked.error}
        stem = Path(name).stem
        files = {"audit.html": checked.html.encode(), "report.json": worker.lint_json([checked]).encode()}
        if checked.docx is not None:           # the reviewed Word file, when checker.review could make it
            files["reviewed.docx"] = checked.docx
        key = state["store"].add(files)
        report = checked.report
        links = {"audit": f"/r/{key}/audit.html",
                 "html": f"/r/{key}/audit.html?download={quote(stem + '.html')}",
                 "json": f"/r/{key}/report.json?download={quote(stem + '.json')}",
                 "docx": f"/r/{key}/reviewed.docx?download={quote(stem + '-审阅.docx')}" if checked.docx else None}
        return {"mode": "single", "name": name, "links": links,
                "report": {key_: report[key_] for key_ in ("title", "region", "year", "score", "grade", "ruleset")}
                | {"failed": sum(1 for f in report["findings"] if f["status"] == "fail"),
                   "partial": sum(1 for f in report["findings"] if f["status"] == "partial")}}

    async def several(folder: Path, names: list[str], ruleset: str) -> dict:
        outdir = folder / ".out"
        try:
            files, rows, errors = await state["pool"].run(
                worker.batch_job, str(folder), names, str(outdir), ruleset,
                budget=settings.timeout * len(names) + 60)
        except PoolFailed as exc:
            raise Refused(422, exc.message) from None
        key = state["store"].add(files)
        base = f"/r/{key}/"
        for row in rows:
            row["audit"] = base + row.pop("page") if row.get("page") else None
        return {"mode": "batch", "count": len(names), "reports": rows, "errors": errors,
                "links": {"dashboard": base + "index.html", "zip": base + quote("fzcheck-结果.zip") + "?download=1",
                          "json": base + "results.json?download=1", "csv": base + "scores.csv?download=1",
                          "xlsx": base + "scores.xlsx?download=1"}}

    @app.get("/r/{key}/{path:path}", include_in_schema=False)
    async def result(key: str, path: str, download: str | None = None):
        data = state["store"].get(key, path)
        if data is None:
            raise Refused(404, "找不到这个结果：结果只在服务器上保留一段时间，请重新上传")
        return output_response(path, data, download)

    # ------------------------------------------------------------ workspace

    @app.get("/workspace", include_in_schema=False)
    async def workspace_root():
        return RedirectResponse("/workspace/", status_code=303)

    @app.get("/workspace/{path:path}", include_in_schema=False)
    async def workspace_file(path: str, download: str | None = None):
        workspace = state.get("workspace")
        if workspace is None:
            raise Refused(404, "没有启用工作区：启动时加 --workspace 文件夹")
        target = workspace.file(path or "index.html")
        if target is None:
            if not path or path == "index.html":
                return page("workspace.html.j2", updating=workspace.busy, error=workspace.last_error)
            raise Refused(404, STATUS_MESSAGES[404])
        data = await run_in_threadpool(target.read_bytes)
        return output_response(path or "index.html", data, download)

    app.add_middleware(_GuardFactory, settings=settings, holder=guard_holder)
    return app


def output_response(path: str, data: bytes, download: str | None) -> Response:
    """A stored or workspace output: generated pages with their own CSP; `download` (a file name, or
    "1" for the path's own name) makes it an attachment."""
    suffix = Path(path).suffix.lower()
    headers = {}
    if suffix == ".html":
        headers["content-security-policy"] = generated_page_csp(data.decode("utf-8", "replace"))
    if download is not None:
        name = Path(path).name if download in ("", "1") else Path(download.replace("\\", "/")).name
        name = name if Path(name).suffix.lower() == suffix else Path(path).name
        headers["content-disposition"] = f"attachment; filename=\"download{suffix}\"; filename*=UTF-8''{quote(name)}"
    return Response(data, media_type=CONTENT_TYPES.get(suffix, "application/octet-stream"), headers=headers)


def _save(upload: UploadFile, target: Path) -> None:
    upload.file.seek(0)
    with open(target, "xb") as out:
        shutil.copyfileobj(upload.file, out, 1024 * 1024)


class _GuardFactory:
    """Adds the Guard (security.py) with the settings; keeps a handle for the login routes."""

    def __init__(self, app, settings: ServeSettings, holder: dict):
        self.guard = Guard(app, settings.token, settings.max_bytes)
        holder["guard"] = self.guard

    async def __call__(self, scope, receive, send):
        await self.guard(scope, receive, send)
