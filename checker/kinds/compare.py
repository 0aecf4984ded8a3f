"""compare: this year's report against the same body's report of the year before.

- `check: repeated` — is this year's part (存在的不足) nearly copied from last year's? The similarity is the
  share of this year's sentences found again, near word for word, in last year's part; the shared
  sentences are the evidence.
- `check: followed` — was last year's plan (下一年度安排) carried out? Each item of last year's part is
  looked for in this year's `against` part (主要举措和成效); the share followed up decides, and the items
  with no trace are named.

Without a previous report (none given, or none of the same body in the batch) the rule is skip.
"""
from __future__ import annotations

import re

from ..outline import Span
from .base import Context, Kind, Option, Outcome, Rule

_SENTENCE = re.compile(r"[^。;!?\n]{8,}[。;!?]?")
_ITEM = re.compile(r"(?:^|(?<=[。;!?\n\s]))(?:[一二三四五六七八九十]{1,3}是|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、])"
                   r"([^。;!?\n]{4,60})")
_NOT_WORD = re.compile(r"[^\u4e00-\u9fa5A-Za-z0-9]")
_STOP = re.compile(r"进一步|持续|不断|切实|全面|深入|继续|加强|加快|推进|推动|坚持|强化|着力|扎实|大力|积极|认真|完善|提升|健全|深化")


class CompareKind(Kind):
    NAME = "compare"
    DOC = "与上一年度报告比较：存在的不足是否照抄去年（repeated），去年的下一年度安排是否落实（followed）。"
    OPTIONS = {
        "check": Option(str, required=True, choices=("repeated", "followed"), doc="比较什么"),
        "section": Option(str, required=True, refers="rule", doc="两份报告中比较的部分：某条 section 规则的 id（repeated 比较两年的这一部分；followed 取去年的这一部分作为计划）"),
        "against": Option(str, default=None, refers="rule", doc="followed：今年用来对照的部分（某条 section 规则的 id，如 measures）"),
        "pass_at": Option((int, float), required=True, doc="repeated：相同句子占比低于此百分数为符合；followed：落实的条目占比达到此百分数为符合"),
        "fail_at": Option((int, float), required=True, doc="repeated：相同句子占比达到此百分数为不符合；followed：落实的条目占比低于此百分数为不符合（其间为部分符合）"),
        "match": Option((int, float), default=80, doc="句子或条目视为“相同”“已落实”的模糊匹配分（0–100）"),
    }
    OUTCOMES = {"fresh": "pass", "similar": "partial", "copied": "fail", "followed": "pass", "some": "partial",
                "few": "fail", "no_previous": "skip", "no_section": "skip"}
    VALUES = {"similarity": "repeated：今年的句子在去年出现过的百分比", "shared": "repeated：相同的句数",
              "total": "句数或去年的条目数", "followed": "followed：去年条目在今年已落实的百分比",
              "done": "followed：已落实的条目数", "missed": "followed：没有找到落实的条目（最多 5 条）"}
    WORKED_EXAMPLE = "plans-followed-up"
    LAST_YEAR_OPTIONS = ("section",)

    def prepare(self, options, fail):
        if options["check"] == "followed" and not options["against"]:
            fail("against", "check: followed 需要 against（今年对照的部分，如 measures）")
        low, high = sorted((options["pass_at"], options["fail_at"]))
        wanted = (options["pass_at"], options["fail_at"]) if options["check"] == "repeated" else (options["fail_at"], options["pass_at"])
        if (low, high) != wanted:
            fail("pass_at", "repeated 要求 pass_at < fail_at（越像越差），followed 要求 pass_at > fail_at（落实越多越好）")
        return options

    def evaluate(self, rule: Rule, ctx: Context) -> Outcome:
        opts = rule.options
        if ctx.previous is None:
            return Outcome("no_previous")
        old_text = ctx.previous.get(opts["section"])
        now = ctx.scope(opts["against"] if opts["check"] == "followed" else opts["section"])
        if old_text is None or now is None:
            return Outcome("no_section")
        if opts["check"] == "repeated":
            return _repeated(ctx, now, old_text, opts)
        return _followed(ctx, now, old_text, opts)


def _repeated(ctx: Context, now: Span, old_text: str, opts: dict) -> Outcome:
    from rapidfuzz import fuzz, process

    old = [_key(s) for s in _SENTENCE.findall(old_text)]
    old = [s for s in old if len(s) >= 6]
    sentences = [(m.start(), m.end(), _key(m.group())) for m in _SENTENCE.finditer(ctx.doc.text, now.start, now.end)]
    sentences = [s for s in sentences if len(s[2]) >= 6]
    if not sentences or not old:
        return Outcome("no_section")
    shared = [Span(start, end) for start, end, key in sentences
              if process.extractOne(key, old, scorer=fuzz.ratio, score_cutoff=opts["match"])]
    share = round(100 * len(shared) / len(sentences))
    values = {"similarity": share, "shared": len(shared), "total": len(sentences)}
    code = "copied" if share >= opts["fail_at"] else "fresh" if share < opts["pass_at"] else "similar"
    return Outcome(code, shared if code != "fresh" else [], now, values)


def _followed(ctx: Context, now: Span, old_text: str, opts: dict) -> Outcome:
    from rapidfuzz import fuzz

    items = list(dict.fromkeys(_topic(m.group(1)) for m in _ITEM.finditer(old_text)))
    items = [item for item in items if len(item) >= 4]
    if not items:
        return Outcome("no_section")
    current = _key(ctx.doc.text[now.start:now.end])
    missed = [item for item in items if fuzz.partial_ratio(item, current) < opts["match"]]
    share = round(100 * (len(items) - len(missed)) / len(items))
    values = {"followed": share, "done": len(items) - len(missed), "total": len(items),
              "missed": "、".join(missed[:5]) + ("等" if len(missed) > 5 else "")}
    code = "followed" if share >= opts["pass_at"] else "few" if share < opts["fail_at"] else "some"
    return Outcome(code, [], now, values)


def _key(text: str) -> str:
    return _NOT_WORD.sub("", text)


def _topic(item: str) -> str:
    """What a plan item is about: its first clause without the verbs every plan uses (加强、推进……)."""
    clause = re.split(r"[,:]", item)[0]
    return _key(_STOP.sub("", clause))
