"""Results the page shows after an upload (audit page, JSON, dashboard, zip), kept in memory only, under
an unguessable id, for a limited time and within a memory budget (oldest dropped first). Nothing of it
is written to disk: the uploads and the batch folder they were scored in are deleted before the
response is sent, and a URL path is only ever a key into this dictionary, never a file name."""
from __future__ import annotations

import secrets
import time
from collections import OrderedDict
from dataclasses import dataclass, field


@dataclass
class Stored:
    files: dict[str, bytes]
    created: float = field(default_factory=time.monotonic)

    @property
    def size(self) -> int:
        return sum(len(v) for v in self.files.values())


class ResultStore:
    def __init__(self, ttl: float, budget: int):
        self.ttl, self.budget = ttl, budget
        self._items: OrderedDict[str, Stored] = OrderedDict()
        self._size = 0

    def add(self, files: dict[str, bytes]) -> str:
        key = secrets.token_urlsafe(18)
        item = Stored(files)
        self._items[key] = item
        self._size += item.size
        self._expire()
        return key

    def get(self, key: str, path: str) -> bytes | None:
        self._expire()
        item = self._items.get(key)
        return None if item is None else item.files.get(path)

    def _expire(self) -> None:
        now = time.monotonic()
        while self._items:
            key, oldest = next(iter(self._items.items()))
            if now - oldest.created <= self.ttl and (self._size <= self.budget or len(self._items) == 1):
                break
            self._items.popitem(last=False)
            self._size -= oldest.size

    def __len__(self) -> int:
        return len(self._items)
