"""Words a rule author may need to change without touching Python: the ruleset's `vocabulary:` section.

- `stopwords`: words heading matching ignores (they say nothing about which part a heading is);
- `units`: what makes a number a reported figure (全年办案 12 件) for the metric kind;
- `page_furniture`: words of site banners and page widgets around a saved or copied page;
- `page_tail`: words that mark the furniture after a page's text (相关链接, 上一篇 …);
- `neardup_anchors`: characters near-duplicate sampling starts its 8-grams at (never in place names, so that
  renaming a region does not move them).

A field given replaces its parent's whole list, so a province writes out the list it wants.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, fields
from functools import lru_cache
from typing import Callable

_STOPWORDS = tuple("的 和 与 及 以及 、 年 度 年度 关于 情况 工作 存在 主要 推进 进一步 有关 方面".split())
_UNITS = tuple("% ‰ 个 件 次 人 万 亿 项 家 场 期 部 条 份 起 户 元 余 多 批 名 所 篇 处 天 日 小时 公里 亩 宗 册 套 台 平方米".split())
_FURNITURE = tuple(
    "返回首页 网站首页 当前位置 您现在的位置 朗读 链接地址 公网安备 ICP备 版权所有 新闻中心 新闻动态 政务动态 部门动态 要闻 本站 "
    "登录 注册 无障碍 适老化 关怀版 长者模式 简体 繁体 繁體 通知公告 字号 视力保护 打印本页 打印 关闭窗口 关闭 分享到 收藏 "
    "扫一扫 智能问答 网站地图 English 政务公开 信息公开 政府信息公开 公开目录 专题专栏 政策文件 工作动态 权威发布 浏览次数 访问量 "
    "浏览器 极速模式 全文检索 站内搜索 高级检索 设为首页 手机版".split())
_TAIL = tuple(
    "附件下载 扫一扫 在手机上查看 打印本页 关闭窗口 [打印] [关闭] 【打印】 【关闭】 分享到 相关链接 责任编辑 浏览次数 访问量 "
    "字号 上一篇 下一篇 网站地图 版权所有 主办单位 ICP备 返回顶部 来源: 发布时间".split())
_ANCHORS = ",，。、；;法行政的和"


@dataclass(frozen=True)
class Vocabulary:
    stopwords: tuple[str, ...] = _STOPWORDS
    units: tuple[str, ...] = _UNITS
    page_furniture: tuple[str, ...] = _FURNITURE
    page_tail: tuple[str, ...] = _TAIL
    neardup_anchors: str = _ANCHORS


VOCABULARY_FIELDS = {
    "stopwords": "标题模糊匹配时忽略的词（“的”“工作”“情况”……）",
    "units": "数字后面的单位：有单位的数字才算“具体数据”（metric 的 figures）",
    "page_furniture": "网页栏目条、按钮上的词（返回首页、无障碍、字号……）：含这些词的短行不算正文，也从标题前后去掉",
    "page_tail": "正文之后网页杂项的标志词（相关链接、上一篇……）",
    "neardup_anchors": "雷同检测取样的起始字符（一个字符串；不要用会出现在地名中的字）",
}


def parse_vocabulary(raw, base: Vocabulary | None, fail: Callable[[tuple, str], None]) -> Vocabulary:
    """A `vocabulary:` mapping over `base` (a parent ruleset's): each field given replaces the parent's."""
    base = base or Vocabulary()
    if not isinstance(raw, dict):
        fail((), "vocabulary 必须是映射（stopwords、units、page_furniture、page_tail、neardup_anchors）")
        return base
    values: dict = {}
    for key, value in raw.items():
        if key not in VOCABULARY_FIELDS:
            fail((key, "__key__"), f"vocabulary 中的未知字段 {key}（可用：{'、'.join(VOCABULARY_FIELDS)}）")
        elif key == "neardup_anchors":
            if not isinstance(value, str) or not value:
                fail((key,), "neardup_anchors 应为非空字符串")
            else:
                values[key] = value
        elif not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
            fail((key,), f"vocabulary.{key} 应为非空的字符串列表")
        else:
            values[key] = tuple(value)
    return Vocabulary(**{**{f.name: getattr(base, f.name) for f in fields(base)}, **values})


@lru_cache(maxsize=32)
def words_pattern(words: tuple[str, ...]) -> str:
    """An alternation matching any of `words` literally, longest first."""
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))
