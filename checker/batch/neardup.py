"""Near-duplicate reports: character 8-gram shingles → one-permutation MinHash → LSH banding → check.

Scales to thousands of reports: each report is reduced to a fixed signature in its worker, candidates come
only from band collisions (never all pairs), and the full texts are re-read only for the few pairs shown.
Signatures sample the shingles that start at an anchor character (content-defined, so copies keep the
same sample); the shown pairs get the exact Jaccard over all shingles. Hashes are computed from code
points with numpy, never by the salted built-in hash() of str, so a signature is the same in every
process and every run.
"""
from __future__ import annotations

import heapq
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from ..vocabulary import Vocabulary

SHINGLE = 8
BINS = 128                      # signature length
ROWS = 4                        # rows per LSH band: 32 bands, candidate threshold ≈ (1/32)^(1/4) ≈ 0.42
THRESHOLD = 0.5                 # Jaccard similarity at or above which a pair is flagged
BUCKET_WINDOW = 8               # in a crowded band bucket compare each report only with its next few
MAX_SHOWN = 30                  # pairs re-read for exact similarity and shared passages
_BIN_SHIFT = 32 - 7             # top 7 bits of a 32-bit hash pick one of 128 bins
_EMPTY = 0xFFFFFFFF
_LOW = (1 << _BIN_SHIFT) - 1    # a bin's minimum keeps only the bits below the bin number
_BIN_STARTS = np.arange(BINS, dtype=np.uint32) << np.uint32(_BIN_SHIFT)   # the smallest hash of each bin
# the polynomial hash of an 8-gram's code points c0..c7 is the sum of c_k * P**(7-k) modulo 2**64, with P
# FNV's 64-bit prime: one matrix product over all the 8-grams at once
_POWERS = np.array([pow(0x100000001B3, SHINGLE - 1 - k, 1 << 64) for k in range(SHINGLE)], dtype=np.uint64)
_FMIX_1, _FMIX_2 = np.uint64(0xFF51AFD7ED558CCD), np.uint64(0xC4CEB9FE1A85EC53)   # murmur3 fmix64
# frequent characters of these reports that never belong to a place name, so renaming a region does not
# move the anchors
DEFAULT_ANCHORS = Vocabulary().neardup_anchors
MIN_ANCHORED = 200
_SENTENCE = re.compile(r"[^。；！？\n]+[。；！？]?")


def _compact(text: str) -> str:
    """The text without whitespace (layout is not content); str.split() splits on exactly what \\s matches."""
    return "".join(text.split())


def shingle_hashes(text: str) -> np.ndarray:
    """The distinct 64-bit hashes of the text's character 8-grams (whitespace removed: layout is not
    content), sorted, for the exact Jaccard similarity of the pairs shown."""
    codes = _code_points(text)
    return _distinct(_polynomial(codes, np.arange(max(len(codes) - SHINGLE + 1, 0))))


def _distinct(values: np.ndarray) -> np.ndarray:
    """np.unique(values), by sorting: numpy 2's hash-based np.unique takes ten times as long on these
    arrays (1.1 against 0.1 ms for 9,000 hashes)."""
    ordered = np.sort(values)
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))] if len(ordered) else ordered


def _code_points(text: str) -> np.ndarray:
    return np.frombuffer(_compact(text).encode("utf-32-le"), dtype=np.uint32)


def _polynomial(codes: np.ndarray, starts: np.ndarray) -> np.ndarray:
    """The polynomial hash of the 8-grams of `codes` at `starts`, modulo 2**64: one matrix product."""
    if not len(starts):
        return np.zeros(0, dtype=np.uint64)
    return sliding_window_view(codes, SHINGLE)[starts].astype(np.uint64) @ _POWERS


def anchored_hashes(text: str, anchors: str = DEFAULT_ANCHORS) -> np.ndarray:
    """32-bit hashes of the 8-grams that start at an anchor character: a content-defined sample (about
    one shingle in six), the same in every copy of a passage, so its Jaccard estimates the full one at a
    fraction of the cost. Texts with too few anchors fall back to every shingle. The 8-grams are hashed
    as arrays of code points (numpy: no Python code runs per shingle), a polynomial hash finished by
    murmur3's mixer so that the top bits, which pick the bin, are as random as the rest."""
    codes = _code_points(text)
    count = len(codes) - SHINGLE + 1
    if count <= 0:
        return np.zeros(0, dtype=np.uint32)
    starts = np.flatnonzero(_anchor_table(anchors)[np.minimum(codes[:count], 0xFFFF)])
    if len(starts) < MIN_ANCHORED:
        starts = np.arange(count)
    value = _polynomial(codes, starts)
    with np.errstate(over="ignore"):
        value ^= value >> np.uint64(33)
        value *= _FMIX_1
        value ^= value >> np.uint64(33)
        value *= _FMIX_2
        value ^= value >> np.uint64(33)
    return (value >> np.uint64(32)).astype(np.uint32)


@lru_cache(maxsize=8)
def _anchor_table(anchors: str) -> np.ndarray:
    """Whether each code point of the Basic Multilingual Plane is an anchor (others never are: the lookup
    clips them to U+FFFF, a noncharacter)."""
    table = np.zeros(0x10000, dtype=bool)
    table[[ord(c) for c in anchors if ord(c) < 0xFFFF]] = True
    return table


def signature(text: str, anchors: str = DEFAULT_ANCHORS) -> bytes:
    """One-permutation MinHash: the smallest hash in each of 128 bins, empty bins filled from the next bin
    (densification) so that short texts still compare by band."""
    ordered = np.sort(anchored_hashes(text, anchors))
    # where each bin's hashes begin in the sorted list: the first is the bin's minimum, unless the next bin
    # begins at the same place (an empty bin)
    starts = np.searchsorted(ordered, _BIN_STARTS)
    ends = np.append(starts[1:], len(ordered))
    filled = starts < ends
    mins = np.full(BINS, _EMPTY, dtype=np.uint32)
    mins[filled] = ordered[starts[filled]] & _LOW
    if len(ordered) and not filled.all():
        listed = mins.tolist()
        _densify(listed)
        mins = np.array(listed, dtype=np.uint32)
    return mins.tobytes()    # native byte order, as find_pairs reads it back (np.frombuffer)


def _densify(mins: list[int]) -> None:
    """Fill each empty bin from the next filled one, in place (not when every bin is empty)."""
    for b in range(BINS):
        offset = 1
        while mins[b] == _EMPTY:  # rotation densification: borrow the next filled bin, tagged by distance
            source = mins[(b + offset) % BINS]
            if source != _EMPTY and source <= _LOW:   # a real minimum, not one borrowed itself
                mins[b] = (source ^ (offset * 0x5BD1E995 & _LOW)) | (1 << 31)
            offset += 1
            if offset > BINS:
                break


@dataclass(slots=True)
class Pair:
    left: int                   # indexes into the list of signatures (input order)
    right: int
    similarity: float           # exact Jaccard when re-read, else the MinHash estimate
    exact: bool = False
    passages: list[str] = field(default_factory=list)


def candidate_pairs(signatures: list[bytes | None], truncated: list | None = None):
    """Yield each pair sharing at least one whole band, once: never all pairs, and bounded in crowded
    buckets (noted in `truncated`). One band at a time, so only one band's buckets are in memory."""
    live = [(i, sig) for i, sig in enumerate(signatures) if sig and sig.count(b"\xff") != len(sig)]
    step, size = 4 * ROWS, len(signatures)
    seen: set[int] = set()          # left * size + right: an int costs far less than a tuple
    for band in range(BINS // ROWS):
        buckets: dict[bytes, list[int]] = {}
        for index, sig in live:
            buckets.setdefault(sig[band * step:(band + 1) * step], []).append(index)
        for members in buckets.values():
            if truncated is not None and len(members) > BUCKET_WINDOW + 1 and not truncated:
                truncated.append(band)
            for i, left in enumerate(members[:-1]):
                for right in members[i + 1:i + 1 + BUCKET_WINDOW]:
                    key = left * size + right
                    if key not in seen:
                        seen.add(key)
                        yield left, right


Report = tuple[str, int]        # (body, year): the same body's report of another year is not a near-duplicate


def find_pairs(signatures: list[bytes | None], threshold: float = THRESHOLD, keep: int = 4 * MAX_SHOWN,
               reports: list[Report | None] | None = None) -> tuple[list[Pair], int, bool]:
    """The `keep` most similar pairs by the full-signature estimate (most similar first, ties by input
    order), how many pairs reach the threshold in all, and whether that count is exact. Reports with the
    same signature (copies) are one group: all their pairs count, n copies making n(n-1)/2 pairs, and the
    group meets other reports once, through its first member. The count is a lower bound only where a
    band bucket of distinct signatures was too crowded to compare every member. With `reports` (each
    index's body and year, None where either is unknown), a body's reports of different years are never
    a pair: a region writing like its own last year is the compare rules' business, not copying."""
    reports = reports or [None] * len(signatures)
    groups: dict[bytes, list[int]] = {}
    for index, sig in enumerate(signatures):
        if sig and sig.count(b"\xff") != len(sig):
            groups.setdefault(sig, []).append(index)
    firsts: list[bytes | None] = [None] * len(signatures)
    size: dict[int, int] = {}
    known: dict[int, Counter] = {}                # a group of copies' first member → its (body, year)s
    top: list[tuple[int, int, int]] = []          # a min-heap of (agreement, -left, -right)

    def offer(agree: int, left: int, right: int) -> None:
        item = (agree, -left, -right)
        if len(top) < keep:
            heapq.heappush(top, item)
        elif item > top[0]:
            heapq.heapreplace(top, item)

    def may_pair(left: int, right: int) -> bool:
        a, b = reports[left], reports[right]
        return not (a and b and a[0] == b[0] and a[1] != b[1])

    def between(left: int, right: int) -> int:
        """Pairs counted between two groups of copies (most are single reports: no Counter then)."""
        if left not in known and right not in known:
            return int(may_pair(left, right))
        return size[left] * size[right] - _own_years(group(left), group(right))

    def group(first: int) -> Counter:
        return known.get(first) or Counter(r for r in (reports[first],) if r)

    flagged = 0
    for sig, members in groups.items():
        firsts[members[0]], size[members[0]] = sig, len(members)
        if len(members) > 1:
            known[members[0]] = Counter(r for r in map(reports.__getitem__, members) if r)
            flagged += len(members) * (len(members) - 1) // 2 - _own_years(known[members[0]])
        copies = ((a, b) for i, a in enumerate(members) for b in members[i + 1:] if may_pair(a, b))
        for left, right in itertools.islice(copies, keep):
            offer(BINS, left, right)
    margin = round((threshold - 0.1) * BINS)   # the exact check decides the shown pairs
    truncated: list = []
    matrix, body, year = _as_arrays(signatures, reports)
    grouped = np.zeros(len(signatures), dtype=bool)
    grouped[list(known)] = True
    for lefts, rights in _in_chunks(candidate_pairs(firsts, truncated)):
        agree = (matrix[lefts] == matrix[rights]).sum(axis=1)
        close = agree >= margin
        lefts, rights, agree = lefts[close], rights[close], agree[close]
        # a body's reports of different years are no pair (reports without both are None: body -1)
        allowed = ~((body[lefts] >= 0) & (body[lefts] == body[rights]) & (year[lefts] != year[rights]))
        flags = agree >= threshold * BINS
        copies = grouped[lefts] | grouped[rights]
        flagged += int(np.count_nonzero(flags & allowed & ~copies))
        of_copies = flags & copies                 # groups of copies count all their members' pairs
        for left, right in zip(lefts[of_copies].tolist(), rights[of_copies].tolist()):
            flagged += between(left, right)
        # offer only the best `keep` of the chunk, best first: most agreement, then input order
        lefts, rights, agree = lefts[allowed], rights[allowed], agree[allowed]
        best = np.lexsort((rights, lefts, -agree))[:keep]
        for agreement, left, right in zip(agree[best].tolist(), lefts[best].tolist(), rights[best].tolist()):
            offer(agreement, left, right)
    pairs = [Pair(-l, -r, agree / BINS) for agree, l, r in sorted(top, reverse=True)]
    return pairs, flagged, not truncated


def _as_arrays(signatures: list[bytes | None], reports: list[Report | None]):
    """The signatures as rows of a matrix (a missing one all empty bins), and each report's body and
    year as numbers (-1 where unknown), for comparing many pairs at once."""
    empty = b"\xff" * (4 * BINS)
    matrix = np.frombuffer(b"".join(sig or empty for sig in signatures), dtype=np.uint32).reshape(-1, BINS)
    bodies: dict[str, int] = {}
    body = np.array([bodies.setdefault(r[0], len(bodies)) if r else -1 for r in reports], dtype=np.int64)
    year = np.array([r[1] if r else -1 for r in reports], dtype=np.int64)
    return matrix, body, year


def _in_chunks(pairs, size: int = 4096):
    """(lefts, rights) arrays of at most `size` pairs at a time: memory stays bounded however many pairs."""
    while chunk := list(itertools.islice(pairs, size)):
        both = np.array(chunk, dtype=np.int64).reshape(-1, 2)
        yield both[:, 0], both[:, 1]


def _own_years(group: Counter, other: Counter | None = None) -> int:
    """Pairs within a group of copies (or between two groups) that are one body's reports of different
    years: the pairs of one body less those of one body and year. Counters are of (body, year)."""
    def pairs(a: Counter, b: Counter | None) -> int:
        return sum(n * (n - 1) // 2 for n in a.values()) if b is None else sum(n * b[key] for key, n in a.items())

    def by_body(reports: Counter) -> Counter:
        return Counter(body for body, _ in reports.elements())

    return pairs(by_body(group), None if other is None else by_body(other)) - pairs(group, other)


def confirm(pairs: list[Pair], read_text, threshold: float = THRESHOLD, shown: int = MAX_SHOWN) -> list[Pair]:
    """Exact Jaccard (over all 8-grams) and shared passages for the top `shown` pairs, texts re-read a few
    at a time; pairs below the threshold are dropped. `read_text(index)` returns the text or None."""
    cache: dict[int, tuple[str, np.ndarray] | None] = {}

    def load(index: int) -> tuple[str, np.ndarray] | None:
        if index not in cache:
            if len(cache) >= 16:   # pairs come sorted, so neighbours share reports; a few texts suffice
                cache.pop(next(iter(cache)))
            text = read_text(index)
            cache[index] = (text, shingle_hashes(text)) if text is not None else None
        return cache[index]

    confirmed: list[Pair] = []
    for pair in pairs:
        if len(confirmed) >= shown:
            break
        left, right = load(pair.left), load(pair.right)
        if left and right:
            common = len(np.intersect1d(left[1], right[1], assume_unique=True))
            union = len(left[1]) + len(right[1]) - common
            pair.similarity = round(common / union, 3) if union else 0.0
            pair.exact = True
            pair.passages = shared_passages(left[0], right[0])
        if pair.similarity >= threshold:
            confirmed.append(pair)
    confirmed.sort(key=lambda p: (-p.similarity, p.left, p.right))
    return confirmed


def shared_passages(a: str, b: str, limit: int = 3, min_chars: int = 20) -> list[str]:
    """The longest sentences that appear word for word in both texts."""
    in_b = {s.strip() for s in _SENTENCE.findall(b)}
    common = {s.strip() for s in _SENTENCE.findall(a)} & in_b
    ranked = sorted((s for s in common if len(s) >= min_chars), key=lambda s: (-len(s), s))
    return [s if len(s) <= 120 else s[:120] + "…" for s in ranked[:limit]]
