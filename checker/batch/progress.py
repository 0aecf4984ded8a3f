"""A one-line progress bar on stderr (count and ETA), drawn only for a person watching a terminal."""
from __future__ import annotations

import sys
import time


class Progress:
    def __init__(self, total: int, enabled: bool, stream=None):
        self.total, self.enabled, self.count = total, enabled and total > 0, 0
        self.stream = stream or sys.stderr
        self.started = self.last_drawn = time.monotonic()

    def step(self) -> None:
        self.count += 1
        now = time.monotonic()
        if self.enabled and (now - self.last_drawn >= 0.1 or self.count == self.total):
            self.last_drawn = now
            self._draw(now)

    def _draw(self, now: float) -> None:
        elapsed = now - self.started
        remaining = elapsed / self.count * (self.total - self.count) if self.count else 0
        filled = int(30 * self.count / self.total)
        bar = "█" * filled + "░" * (30 - filled)
        self.stream.write(f"\r{bar} {self.count}/{self.total}  剩余约 {_clock(remaining)} ")
        self.stream.flush()

    def done(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


def _clock(seconds: float) -> str:
    minutes, secs = divmod(int(seconds + 0.5), 60)
    return f"{minutes}:{secs:02d}"
