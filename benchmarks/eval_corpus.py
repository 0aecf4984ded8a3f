"""Accuracy of the checker on the labelled regression corpus of real pages (tests/corpus/).

    .venv/bin/python benchmarks/eval_corpus.py [--verbose] [--json FILE]

Prints a Markdown table (element | labelled | right | accuracy, overall) and how many non-reports and
reports were refused. `--verbose` lists every mismatch; `--json FILE` writes the figures. The checker is
the one the interpreter imports (the installed package); the corpus is found relative to this script.
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from pathlib import Path

EVALUATE = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "evaluate.py"


def _load_evaluate():
    spec = importlib.util.spec_from_file_location("fzcheck_corpus_evaluate", EVALUATE)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module    # dataclasses look their module up while the class is being built
    spec.loader.exec_module(module)
    return module


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every mismatch (file, element, expected, got)")
    parser.add_argument("--json", metavar="FILE", help="write the figures as JSON")
    args = parser.parse_args(argv)

    evaluate = _load_evaluate()
    entries = evaluate.load_labels()
    problems = evaluate.label_problems(entries)
    if problems:
        print("invalid labels:\n  " + "\n  ".join(problems), file=sys.stderr)
        return 2
    result = evaluate.evaluate(entries)

    print(result.table())
    if args.verbose:
        print("\nmismatches (file | element | expected | got):")
        for m in result.mismatches:
            print(f"  {m.file} | {m.element} | {m.expected!r} | {m.got!r}")
        for name, error in result.errors:
            print(f"  {name} | error | {error}")
    if args.json:
        Path(args.json).write_text(json.dumps(result.figures(), ensure_ascii=False, indent=2, default=str) + "\n",
                                   encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
