"""closing: the signature (发文机关署名) and date (成文日期) after the body text, the date's format and
its deadline."""
from __future__ import annotations

import datetime

from .base import Context, Kind, Option, Outcome, Rule


class ClosingKind(Kind):
    NAME = "closing"
    DOC = "文末落款：发文机关署名、成文日期、日期格式、报送时限。"
    OPTIONS = {
        "element": Option(str, required=True, choices=("signature", "date", "date-format", "deadline"),
                          doc="检查哪一项"),
        "deadline": Option(dict, default={"year_offset": 1, "month": 4, "day": 1},
                           doc="deadline：成文日期不晚于（报告年度 + year_offset）年 month 月 day 日"),
    }
    # Four checks share the kind; each element declares its own outcomes, so a message or a fix names
    # only codes its element can give.
    ELEMENT_OUTCOMES = {
        "signature": {"present": "pass", "missing": "fail"},
        "date": {"present": "pass", "missing": "fail"},
        "date-format": {"arabic": "pass", "chinese": "partial", "padded": "fail", "numeric": "fail", "no_date": "skip"},
        "deadline": {"on_time": "pass", "late": "fail", "on_time_published": "pass", "late_published": "fail",
                     "no_date": "skip", "no_year": "skip"},
    }
    OUTCOMES = {code: status for codes in ELEMENT_OUTCOMES.values() for code, status in codes.items()}
    VALUES = {"date": "成文日期的规范写法，如 2025年2月8日", "deadline": "deadline：时限日期"}
    WORKED_EXAMPLE = "timeliness"

    def outcomes(self, options: dict) -> dict[str, str]:
        element = options.get("element")
        return self.ELEMENT_OUTCOMES.get(element, self.OUTCOMES) if isinstance(element, str) else self.OUTCOMES

    def prepare(self, options, fail):
        deadline = options["deadline"]
        if not all(isinstance(deadline.get(key), int) for key in ("year_offset", "month", "day")):
            fail("deadline", "deadline 需要整数字段 year_offset、month、day")
            return options
        try:
            datetime.date(2000, deadline["month"], deadline["day"])
        except ValueError:
            fail("deadline", f"deadline 不是有效日期：{deadline['month']} 月 {deadline['day']} 日")
        return options

    def evaluate(self, rule: Rule, ctx: Context) -> Outcome:
        element, outline = rule.options["element"], ctx.outline
        if element == "signature":
            return Outcome("present", [outline.signature]) if outline.signature else Outcome("missing")
        date = outline.date
        if element == "date":
            return Outcome("present", [date.span], values=_date_values(*date.ymd)) if date else Outcome("missing")
        if element == "date-format":
            return Outcome(date.style, [date.span], values=_date_values(*date.ymd)) if date else Outcome("no_date")
        return self._deadline(rule.options["deadline"], date, ctx)

    @staticmethod
    def _deadline(deadline: dict, date, ctx: Context) -> Outcome:
        """Against the 成文日期, or, for a web page without one, the page's publication date."""
        published = ctx.doc.meta.published or ctx.outline.meta.published_ymd
        if date:
            when, evidence, suffix = date.ymd, [date.span], ""
        elif published:
            when, evidence, suffix = tuple(published), [], "_published"
        else:
            return Outcome("no_date")
        year = ctx.outline.year
        if not year:
            return Outcome("no_year", evidence)
        limit = datetime.date(year + deadline["year_offset"], deadline["month"], deadline["day"])
        values = {**_date_values(*when), "deadline": f"{limit.year}年{limit.month}月{limit.day}日"}
        return Outcome(("on_time" if _as_date(*when) <= limit else "late") + suffix, evidence, values=values)


def _as_date(year: int, month: int, day: int) -> datetime.date:
    try:
        return datetime.date(year, month, day)
    except ValueError:  # an impossible date in the text (2月30日): judge by its month
        return datetime.date(year, min(max(month, 1), 12), 28)


def _date_values(year: int, month: int, day: int) -> dict:
    return {"date": f"{year}年{month}月{day}日"}
