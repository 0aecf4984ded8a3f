"""What the Word review adds to `fzcheck lint`: `--format docx -o OUT` against `--format text`, each as a
whole process (start-up included), on a seed (.txt → a new 公文 .docx) and on its LibreOffice-made .docx
(the original with comments added).

    python benchmarks/bench_review.py [--runs 15] [FILE...]

Target (issue 9): the median of the docx run at most 0.2 s above the median of the text run, per file.
Prints both medians and the difference for each file; exits 1 when a difference misses the target.
"""
from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET_SECONDS = 0.2
DEFAULT_FILES = [ROOT / "seeds" / "001_444b8497cd5c575c.txt", ROOT / "tests" / "corpus" / "office" / "001-gongwen.docx"]


def base_command() -> list[str]:
    script = shutil.which("fzcheck", path=str(Path(sys.executable).parent))
    return [script] if script else [sys.executable, "-m", "checker"]


def median_seconds(args: list[str], runs: int, cwd: str) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(args, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("files", nargs="*", type=Path, default=DEFAULT_FILES)
    parser.add_argument("--runs", type=int, default=15)
    options = parser.parse_args()
    missed = False
    with tempfile.TemporaryDirectory() as scratch:
        for path in options.files:
            path = path.resolve()
            lint = base_command() + ["lint", str(path)]
            median_seconds(lint, 2, scratch)   # warm the file cache and bytecode
            text = median_seconds(lint + ["--format", "text"], options.runs, scratch)
            docx = median_seconds(lint + ["--format", "docx", "-o", str(Path(scratch) / "out.docx")], options.runs,
                                  scratch)
            added = docx - text
            missed |= added > TARGET_SECONDS
            print(f"{path.name}: text {text:.3f} s, docx {docx:.3f} s, review adds {added:+.3f} s "
                  f"(target ≤ {TARGET_SECONDS} s){'' if added <= TARGET_SECONDS else '  MISSED'}")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
