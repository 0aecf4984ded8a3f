"""Load test of `fzcheck serve` on loopback: latency, throughput, every request answered, memory flat.

    python benchmarks/bench_serve.py [--requests 300] [--concurrency 20] [--workers 2] [--out FILE.json]

Starts the server as a subprocess on 127.0.0.1 (a free port; never any other address), then sends a
fixed, seeded mix of requests, at most `--concurrency` at a time: single files of every format (.txt,
.docx, .pdf, .odt, .html), three-file requests, the page's upload endpoint, and bad requests (binary,
empty, NUL, old .doc, encrypted .docx, a news item that is not a report, too many files, too large,
an unknown ruleset). Each must be answered with the status its kind expects (200, 400 or 413) — none
lost, none 5xx. The server's memory (the process and its workers, from /proc) is sampled throughout.
Bounded: a request waits at most 120 s and the whole run at most `--deadline` seconds.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OFFICE = ROOT / "tests" / "corpus" / "office"
HOST = "127.0.0.1"          # loopback only, by construction: the URL is built from this and a port
MAX_BYTES = 4 * 1024 * 1024
MAX_FILES = 5
NEWS = ("我市召开法治政府建设工作推进会\n本报讯（记者 张三）近日，我市召开法治政府建设工作推进会，"
        "总结2023年法治政府建设工作，部署下一阶段依法行政重点任务。会议强调，要坚持依法行政。\n").encode()


def corpus() -> dict[str, list[tuple[str, bytes]]]:
    """Request payloads by kind: (name, bytes) files."""
    seeds = [(p.name, p.read_bytes()) for p in sorted(SEEDS.glob("0*.txt"))]
    office = {suffix: [(p.name, p.read_bytes()) for p in sorted(OFFICE.glob(f"*-*.{suffix}"))
                       if "encrypted" not in p.name and "password" not in p.name]
              for suffix in ("docx", "pdf", "odt", "html")}
    encrypted = sorted(OFFICE.glob("*encrypted*.docx"))
    bad = [("乱码.txt", bytes(range(256)) * 16), ("空.txt", b""), ("nul.txt", b"abc\x00def" * 100),
           ("旧格式.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048), ("新闻.txt", NEWS)]
    bad += [(p.name, p.read_bytes()) for p in encrypted[:1]]
    return {"txt": seeds, **office, "bad": bad}


def plan(count: int, seed: int = 11) -> list[dict]:
    """The request mix: mostly single files of all formats, some several-file and page uploads, and a
    share of bad requests, shuffled with a fixed seed."""
    files = corpus()
    rng = random.Random(seed)
    kinds = (["txt"] * 6 + ["docx"] * 4 + ["pdf"] * 3 + ["odt"] * 2 + ["html"] * 2 + ["bad"] * 3 +
             ["several"] * 2 + ["page"] * 2 + ["page-several"] + ["too-many", "too-large", "unknown-ruleset"])
    requests = []
    for i in range(count):
        kind = kinds[i % len(kinds)]
        if kind in files:
            requests.append({"kind": kind, "path": "/api/lint", "files": [rng.choice(files[kind])], "expect": 200})
        elif kind == "several":
            picked = [rng.choice(files[k]) for k in ("txt", "docx", "pdf")]
            requests.append({"kind": kind, "path": "/api/lint", "files": picked, "expect": 200})
        elif kind == "page":
            requests.append({"kind": kind, "path": "/ui/check", "files": [rng.choice(files["docx"])], "expect": 200})
        elif kind == "page-several":
            picked = [rng.choice(files[k]) for k in ("txt", "odt", "bad")]
            requests.append({"kind": kind, "path": "/ui/check", "files": picked, "expect": 200})
        elif kind == "too-many":
            requests.append({"kind": kind, "path": "/api/lint", "files": files["txt"][:1] * (MAX_FILES + 1), "expect": 413})
        elif kind == "too-large":
            requests.append({"kind": kind, "path": "/api/lint", "files": [("大.txt", b"a" * (MAX_BYTES + 1))], "expect": 413})
        else:
            requests.append({"kind": kind, "path": "/api/lint", "files": files["txt"][:1], "expect": 400,
                             "data": {"ruleset": "没有这个规则集"}})
    rng.shuffle(requests)
    return requests


def start_server(workers: int, folder: Path) -> tuple[subprocess.Popen, str]:
    env = dict(os.environ)
    env.pop("FZCHECK_TOKEN", None)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT)] + [p for p in env.get("PYTHONPATH", "").split(os.pathsep) if p])
    process = subprocess.Popen([sys.executable, "-m", "checker.serve", "--host", HOST, "--port", "0",
                                "--workers", str(workers), "--max-bytes", str(MAX_BYTES), "--max-files", str(MAX_FILES)],
                               cwd=folder, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    line = process.stdout.readline()
    match = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
    if not match:
        process.kill()
        raise SystemExit(f"serve did not start: {line!r} {process.stderr.read()!r}")
    return process, f"http://{HOST}:{match.group(1)}"


def tree_rss(pid: int) -> tuple[int, int]:
    """Resident memory (bytes) of the server process, and of it plus its descendants (the workers)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    family, frontier = {pid}, [pid]
    while frontier:
        current = frontier.pop()
        for child, parent in parents.items():
            if parent == current and child not in family:
                family.add(child)
                frontier.append(child)

    def rss(p: int) -> int:
        try:
            for line in Path(f"/proc/{p}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) * 1024
        except OSError:
            pass
        return 0
    return rss(pid), sum(rss(p) for p in family)


async def run(base: str, requests: list[dict], concurrency: int, pid: int, deadline: float) -> dict:
    import httpx

    gate = asyncio.Semaphore(concurrency)
    results: list[dict] = []
    memory: list[tuple[int, int, int]] = [(0, *tree_rss(pid))]

    async def one(client, index: int, request: dict):
        async with gate:
            files = [("files", (name, data, "application/octet-stream")) for name, data in request["files"]]
            started = time.perf_counter()
            try:
                response = await client.post(base + request["path"], files=files, data=request.get("data"))
                status, detail = response.status_code, response.json()
            except Exception as exc:  # noqa: BLE001 - a lost request is what this measures
                status, detail = None, f"{type(exc).__name__}: {exc}"
            results.append({"index": index, "kind": request["kind"], "status": status, "expect": request["expect"],
                            "seconds": time.perf_counter() - started,
                            "detail": detail.get("detail") if isinstance(detail, dict) else detail})
            if len(results) % 50 == 0:
                memory.append((len(results), *tree_rss(pid)))

    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(timeout=120.0, limits=limits) as client:
        started = time.perf_counter()
        await asyncio.wait_for(asyncio.gather(*(one(client, i, r) for i, r in enumerate(requests))), deadline)
        elapsed = time.perf_counter() - started
    return {"results": results, "elapsed": elapsed, "memory": memory}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--deadline", type=float, default=600.0, help="seconds for the whole run")
    parser.add_argument("--out", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()

    requests = plan(args.requests)
    with tempfile.TemporaryDirectory(prefix="fzcheck-bench-serve-") as folder:
        process, base = start_server(args.workers, Path(folder))
        try:
            outcome = asyncio.run(run(base, requests, args.concurrency, process.pid, args.deadline))
        finally:
            process.send_signal(2)
            process.wait(30)
    results = outcome["results"]
    latencies = [r["seconds"] for r in results if r["status"] is not None]
    lost = [r for r in results if r["status"] is None]
    wrong = [r for r in results if r["status"] is not None and r["status"] != r["expect"]]
    by_status: dict[str, int] = {}
    for r in results:
        by_status[str(r["status"])] = by_status.get(str(r["status"]), 0) + 1
    memory = outcome["memory"]
    figures = {
        "requests": len(requests), "answered": len(results) - len(lost), "lost": len(lost),
        "unexpected_status": len(wrong), "status_counts": by_status, "concurrency": args.concurrency,
        "workers": args.workers, "seconds": round(outcome["elapsed"], 2),
        "throughput_per_s": round(len(results) / outcome["elapsed"], 1),
        "p50_ms": round(1000 * statistics.median(latencies), 1),
        "p95_ms": round(1000 * percentile(latencies, 0.95), 1),
        "max_ms": round(1000 * max(latencies), 1),
        "memory_mb": [{"after": n, "server": round(main / 2**20, 1), "with_workers": round(total / 2**20, 1)}
                      for n, main, total in memory],
    }
    p50_by_kind = {}
    for kind in sorted({r["kind"] for r in results}):
        values = [r["seconds"] for r in results if r["kind"] == kind and r["status"] is not None]
        p50_by_kind[kind] = round(1000 * statistics.median(values), 1) if values else None
    figures["p50_ms_by_kind"] = p50_by_kind

    print(f"fzcheck serve on {HOST}: {figures['requests']} requests, {args.concurrency} at a time, "
          f"{args.workers} workers")
    print(f"  answered {figures['answered']}, lost {figures['lost']}, unexpected status {figures['unexpected_status']}"
          f"  {by_status}")
    print(f"  {figures['seconds']} s, {figures['throughput_per_s']} requests/s, "
          f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, max {figures['max_ms']} ms")
    print("  p50 by kind (ms): " + ", ".join(f"{k} {v}" for k, v in p50_by_kind.items()))
    print("  memory (MB): " + ", ".join(f"after {m['after']}: server {m['server']} / with workers {m['with_workers']}"
                                      for m in figures["memory_mb"]))
    for r in (lost + wrong)[:10]:
        print(f"  ! request {r['index']} ({r['kind']}): status {r['status']}, expected {r['expect']}: {r['detail']}")
    if args.out:
        args.out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 1 if lost or wrong else 0


if __name__ == "__main__":
    sys.exit(main())
