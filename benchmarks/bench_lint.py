"""Speed of `fzcheck lint` on one seed, as a whole process (start-up included).

    python benchmarks/bench_lint.py [--runs 30] [--format text|json|html] [FILE]

Target (issue 2): median at most 0.3 s on a 2-core machine. Prints the median, min and max wall time
and the peak RSS of one run; exits 1 when the median misses the target.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 0.3


def command(fmt: str, path: str) -> list[str]:
    script = shutil.which("fzcheck", path=str(Path(sys.executable).parent))
    base = [script] if script else [sys.executable, "-m", "checker"]
    return base + ["lint", path, "--format", fmt]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("file", nargs="?", default=str(ROOT / "seeds" / "000_011102927b9a91b0.txt"))
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--format", default="text", choices=["text", "json", "html"])
    args = parser.parse_args()
    cmd = command(args.format, args.file)
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)  # warm the OS file cache
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        subprocess.run(cmd, stdout=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    median = statistics.median(times)
    print(f"{' '.join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))}")
    print(f"runs={args.runs} median={median:.3f}s min={min(times):.3f}s max={max(times):.3f}s "
          f"peak_rss={peak_kb / 1024:.0f}MB target<={TARGET_SECONDS}s {'OK' if median <= TARGET_SECONDS else 'MISSED'}")
    return 0 if median <= TARGET_SECONDS else 1


if __name__ == "__main__":
    sys.exit(main())
