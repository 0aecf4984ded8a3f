"""Input limits: settings with sensible defaults, so a hostile or accidental input cannot exhaust memory."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 20 * 1024 * 1024        # size of an input file on disk
    max_inflated: int = 50 * 1024 * 1024     # what a .docx may expand to
    max_chars: int = 2_000_000               # text extracted from any format
    max_pdf_pages: int = 500
    seconds: float = 0.0                     # checking one file (0: no limit); see checker.deadline
