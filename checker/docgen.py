"""The rule author's guide (docs/rules.md), generated from the schema the validator enforces.

Tables come from COMMON_FIELDS, TOP_FIELDS, each kind's DOC / OPTIONS / OUTCOMES and CONFIG_FIELDS; worked
examples are real rules of the default ruleset. A test compares the committed file with this output, so the
documentation cannot drift from the validator.
"""
from __future__ import annotations

import yaml

from .config import CONFIG_FIELDS, CONFIG_NAME
from .kinds import KINDS, STATUSES, Option
from .kinds.base import MESSAGE_VALUES, SCOPES
from .fixes import FIX_FIELDS
from .genre import GENRE_FIELDS
from .vocabulary import VOCABULARY_FIELDS
from .resources import builtin_names, builtin_ruleset
from .ruleset import COMMON_FIELDS, DEFAULT_RULESET, TOP_FIELDS, Scoring

TOP_DOCS = {
    "schema": "格式版本，写 fzcheck-rules/1",
    "id": "规则集编号",
    "name": "规则集名称",
    "description": "规则集说明（可选）",
    "extends": "在其上扩展的规则集：内置名称（如 fzzf-2019）或相对于本文件的 YAML 路径，可为列表",
    "disable": "停用的规则 id 列表（须是 extends 中已有的规则）",
    "scoring": "计分：credit（各状态得分比例）和 grades（等级线），见“结果状态与计分”",
    "dictionary": "分词用的领域词（标题模糊匹配时使用），section 规则的 keywords 会自动加入",
    "vocabulary": "规则作者可能要改的词表：标题匹配忽略的词、数据单位、网页杂项用词、雷同检测取样字符；字段见下表",
    "genre": "识别非年度报告（新闻、解读、会议报道、政策文件、外文……）的线索；这样的文本不评分，字段见下表",
    "rules": "规则列表，每项一条规则",
}

STATUS_DOCS = {"pass": "符合", "partial": "部分符合", "fail": "不符合", "skip": "不适用（不计分）"}

TYPE_NAMES = {str: "字符串", int: "整数", bool: "布尔（true/false）", dict: "映射", (int, float): "数字",
              "strings": "字符串列表", "patterns": "正则表达式列表", "ints": "整数列表",
              "string-groups": "字符串列表的列表", "checks": "检查项列表"}

SKELETON = """\
# 自定义规则集（由 fzcheck rules new 生成）
# 字段说明见 fzcheck rules docs。写好后运行：
#   fzcheck rules validate 本文件.yaml     检查字段和格式（报告 文件:行:列）
#   fzcheck rules test 本文件.yaml         运行每条规则的样例
#   fzcheck lint --rules 本文件.yaml 报告.docx
schema: fzcheck-rules/1
id: my-rules
name: 本地区法治政府建设年度报告规则

# 在内置规则集的基础上增改；不写 extends 则只有本文件中的规则
extends: fzzf-2019

# 停用内置规则（写规则 id）：
# disable: [section-order]

rules:
  # 覆盖内置规则：写同一个 id，只写要改的字段，其余沿用原规则。例如把报送时限改为 3 月 1 日：
  # - id: timeliness
  #   deadline: {year_offset: 1, month: 3, day: 1}

  # section：按标题查找必备部分；标题模糊匹配，没有标题但正文有线索时为“部分符合”
  - id: rectification
    name: 上一年度存在问题整改情况
    kind: section
    severity: warning          # error / warning / info
    weight: 5                  # 计分权重；0 表示只报告不计分
    levels: [1, 2]             # 一级或二级标题都算
    headings: [上一年度存在问题整改情况, 上年度问题整改情况, 上一年度存在问题改进情况]
    keywords: [[整改, 改进], [问题]]   # 标题同时含每组中的任一词，也算找到
    threshold: 91              # 模糊匹配最低分；高于默认的 80，免得“存在的问题”被当成整改部分
    partial_cues: ['(?:上一年度|上年度|去年)[^。]{0,20}问题[^。]{0,10}(?:整改|改进)']
    message: 缺少“上一年度存在问题整改情况”部分
    messages:                  # 按结果代码给出说明；{found} 是找到的标题或句子
      heading: 找到问题整改部分：{found}
      cue: 没有单列问题整改部分，只在段落中提及：“{found}”
    suggestion: 单列标题“上一年度存在问题整改情况”，逐项写明上一年度问题的整改措施和结果。
    source: 本地区法治政府建设年度报告工作要求
    examples:                  # 每条规则至少一个 pass 样例和一个 fail/partial/skip 样例
      pass: ["一、主要举措和成效\\n工作扎实。\\n二、上一年度存在问题整改情况\\n已全部整改。"]
      partial: ["一、主要举措和成效\\n工作扎实，上一年度督察发现的问题已全部整改到位。"]
      fail: ["一、主要举措和成效\\n工作扎实。"]

  # phrase：必备（require）或禁用（forbid）的措辞，写正则表达式
  - id: xi-thought
    name: 学习贯彻习近平法治思想
    kind: phrase
    severity: info
    weight: 2
    scope: body                # all 全文 / body 正文 / title 标题 / head 开头 / 某条 section 规则的 id
    patterns: ['习近平法治思想']
    message: 正文没有写学习贯彻习近平法治思想的情况
    suggestion: 写明学习贯彻习近平法治思想的具体举措。
    source: 《法治政府建设实施纲要（2021—2025年）》
    examples:
      pass: ["一、主要举措和成效\\n深入学习贯彻习近平法治思想。"]
      fail: ["一、主要举措和成效\\n工作扎实。"]

  # closing：文末落款（署名 signature、日期 date、日期格式 date-format、时限 deadline）
  - id: submit-deadline
    name: 向上级报送时限
    kind: closing
    severity: info
    weight: 0
    element: deadline
    deadline: {year_offset: 1, month: 3, day: 1}   # 报告年度次年 3 月 1 日
    message: 成文日期晚于向上级报送的时限
    messages:
      late: 成文日期 {date} 晚于报送时限 {deadline}
    suggestion: 每年 3 月 1 日前向上级报送上一年度报告。
    source: 《法治政府建设与责任落实督察工作规定》
    examples:
      pass: ["2024年，某县推进法治建设。\\n一、主要举措和成效\\n工作扎实。\\n某县人民政府\\n2025年2月8日"]
      fail: ["2024年，某县推进法治建设。\\n一、主要举措和成效\\n工作扎实。\\n某县人民政府\\n2025年3月8日"]

  # metric：字数、数据个数等指标；scope 可指向一条 section 规则找到的部分
  - id: rectification-substance
    name: 整改情况的分量
    kind: metric
    severity: info
    weight: 2
    scope: rectification
    checks:
      - {measure: chars, min: 30, partial_min: 10}   # 不少于 30 字为符合，10 字以上为部分符合
    message: 问题整改部分过于简略
    messages:
      met: 问题整改部分 {chars} 字
      some: 问题整改部分较简略（{chars} 字）
      no_scope: 没有问题整改部分，无从检查
    suggestion: 逐项写明上一年度问题的整改措施、完成情况和成效。
    source: 本地区法治政府建设年度报告工作要求
    examples:
      pass: ["一、主要举措和成效\\n工作扎实。\\n二、上一年度存在问题整改情况\\n针对执法不规范问题，组织全员培训，修订执法文书，开展案卷评查，问题已全部整改到位。"]
      partial: ["一、主要举措和成效\\n工作扎实。\\n二、上一年度存在问题整改情况\\n问题已全部整改到位，成效明显。"]
      skip: ["一、主要举措和成效\\n工作扎实。"]

  # order：各部分的先后顺序（列出 section 规则的 id）
  - id: rectification-order
    name: 整改情况的位置
    kind: order
    severity: info
    weight: 0
    sections: [measures, rectification, problems]
    message: 问题整改部分的位置不对
    suggestion: 把问题整改情况放在主要举措和成效之后、存在的不足之前。
    source: 本地区法治政府建设年度报告工作要求
    examples:
      pass: ["一、主要举措和成效\\n工作扎实。\\n二、上一年度存在问题整改情况\\n已整改。\\n三、存在的问题\\n有差距。"]
      fail: ["一、上一年度存在问题整改情况\\n已整改。\\n二、主要举措和成效\\n工作扎实。\\n三、存在的问题\\n有差距。"]

  # compare：与上一年度报告比较（lint --previous，或 batch 中同一地区有上一年度报告时）
  - id: rectification-repeated
    name: 整改情况是否照抄上一年度
    kind: compare
    check: repeated
    section: rectification
    severity: info
    weight: 2
    pass_at: 30
    fail_at: 60
    message: 整改情况与上一年度雷同
    suggestion: 写明本年度新的整改措施和结果。
    source: 本地区法治政府建设年度报告工作要求
    examples:
      pass:
        - previous: "一、上一年度存在问题整改情况\\n完成执法人员培训。\\n二、存在的问题\\n有差距。"
          text: "一、上一年度存在问题整改情况\\n建成行政执法监督平台。\\n二、存在的问题\\n有差距。"
      fail:
        - previous: "一、上一年度存在问题整改情况\\n完成执法人员培训。\\n二、存在的问题\\n有差距。"
          text: "一、上一年度存在问题整改情况\\n完成执法人员培训。\\n二、存在的问题\\n有差距。"
"""


def generate() -> str:
    parts = [_intro(), _top_fields(), _common_fields(), _kinds(), _scoring(), _messages(), _fixes(), _composition(),
             _examples(), _config(), _skeleton(), _shipped()]
    return "\n".join(parts).rstrip("\n") + "\n"


def _intro() -> str:
    return f"""# fzcheck 规则编写指南

> 本文件由 `fzcheck rules docs` 根据规则校验器使用的定义（`checker/ruleset.py`、`checker/kinds/`、
> `checker/config.py`）自动生成，请勿手工修改；测试保证它与校验器一致。

规则集是一个 YAML 文件：每条规则说明检查什么（类型 `kind` 及其选项）、不符合时怎么说（`message`、
`suggestion`）、依据是什么（`source`），并自带样例（`examples`）。默认规则集为 `{DEFAULT_RULESET}`。

```
fzcheck rules new -o 本省规则.yaml       # 生成带注释的骨架
fzcheck rules validate 本省规则.yaml     # 校验：未知字段、类型、正则……逐条给出 文件:行:列
fzcheck rules test 本省规则.yaml         # 运行每条规则的样例
fzcheck rules list --rules 本省规则.yaml # 合并后的规则一览
fzcheck rules show problems             # 某条规则的详细说明
fzcheck lint --rules 本省规则.yaml 报告.docx
```

校验是严格的：未知字段、错误类型、无效正则、重复 id、引用不存在的规则都会报错（并提示最接近的写法），
不会被悄悄忽略。
"""


def _top_fields() -> str:
    order = list(TOP_DOCS) + sorted(set(TOP_FIELDS) - set(TOP_DOCS))
    rows = [(f"`{name}`", TOP_DOCS.get(name, "")) for name in order if name in TOP_FIELDS]
    genre = [(f"`{name}`", doc) for name, doc in GENRE_FIELDS.items()]
    vocabulary = [(f"`{name}`", doc) for name, doc in VOCABULARY_FIELDS.items()]
    return ("## 1. 规则文件的顶层字段\n\n" + _table(("字段", "说明"), rows)
            + "\n`genre` 的字段（子规则集只覆盖写出的字段）：\n\n" + _table(("字段", "说明"), genre)
            + "\n`vocabulary` 的字段（写出的字段整个替换上级规则集的词表）：\n\n" + _table(("字段", "说明"), vocabulary))


def _common_fields() -> str:
    rows = [_option_row(name, option) for name, option in COMMON_FIELDS.items()]
    return ("## 2. 每条规则的通用字段\n\n覆盖已有规则（同一 id）时，必填字段可以省略，沿用原规则。\n\n"
            + _table(("字段", "类型", "必填", "默认值", "可选值", "说明"), rows))


def _option_row(name: str, option: Option) -> tuple:
    return (f"`{name}`", TYPE_NAMES.get(option.type, str(option.type)), "是" if option.required else "否",
            "—" if option.required or option.default is None else f"`{_inline(option.default)}`",
            " / ".join(f"`{c}`" for c in option.choices) or "—", option.doc)


def _kinds() -> str:
    sections = ["## 3. 规则类型\n\n`kind` 决定规则检查什么。每种类型有自己的选项、结果代码（写在 `messages` 中）"
                "和可用变量。\n"]
    for number, (name, kind) in enumerate(KINDS.items(), start=1):
        sections.append(_kind(number, name, kind))
    return "\n".join(sections)


def _kind(number: int, name: str, kind) -> str:
    options = _table(("选项", "类型", "必填", "默认值", "可选值", "说明"),
                     [_option_row(option_name, option) for option_name, option in kind.OPTIONS.items()])
    outcomes = _table(("结果代码", "状态"), [(f"`{code}`", f"`{status}`（{STATUS_DOCS[status]}）")
                                           for code, status in kind.OUTCOMES.items()])
    values = "\n".join(f"- `{{{value}}}`：{doc}" for value, doc in kind.VALUES.items()) or "- 无"
    rule_id, example = _worked_example(name)
    return f"""### 3.{number} `{name}`

{kind.DOC}

{options}
结果代码：

{outcomes}
此类型在 `messages`、`suggestion` 中另可用的变量：

{values}

示例（默认规则集中的 `{rule_id}`）：

```yaml
{example}```
"""


def _default_rules() -> list[dict]:
    """The rules of the shipped default ruleset, as written."""
    path = builtin_ruleset(DEFAULT_RULESET)
    if path is None:
        raise FileNotFoundError(f"the shipped ruleset {DEFAULT_RULESET} is missing")
    with open(path, encoding="utf-8") as handle:
        return yaml.safe_load(handle)["rules"]


def _worked_example(kind: str) -> tuple[str, str]:
    rules = _default_rules()
    wanted = KINDS[kind].WORKED_EXAMPLE
    rule = next((r for r in rules if r["id"] == wanted), None) or next(r for r in rules if r["kind"] == kind)
    return rule["id"], _dump([rule])


class _Dumper(yaml.SafeDumper):
    """Renders rules the way the shipped files are written: short lists and small mappings inline, texts
    with line breaks as one double-quoted line with \\n."""


def _scalar(value) -> bool:
    return not isinstance(value, (list, dict))


def _represent_str(dumper, value: str):
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"' if "\n" in value else None)


def _represent_list(dumper, items: list):
    flat = all(_scalar(i) or (isinstance(i, list) and all(map(_scalar, i))) for i in items)
    small = all(isinstance(i, dict) and all(map(_scalar, i.values())) for i in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flat and not small)


def _represent_dict(dumper, mapping: dict):
    short = all(_scalar(v) and len(str(v)) <= 20 for v in mapping.values()) and len(mapping) <= 5
    return dumper.represent_mapping("tag:yaml.org,2002:map", mapping.items(), flow_style=short)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(list, _represent_list)
_Dumper.add_representer(dict, _represent_dict)


def dump_yaml(data) -> str:
    """YAML as a rule author would write it (loads back to the same data)."""
    return yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=100)


def _dump(data) -> str:
    return dump_yaml(data)


def _inline(value) -> str:
    return yaml.safe_dump(value, allow_unicode=True, default_flow_style=True, width=1000).strip().removesuffix("...").strip()


def _scoring() -> str:
    default = Scoring()
    credit = "、".join(f"{status} {value:g}" for status, value in default.credit.items())
    grades = "；".join(f"{low:g} 分及以上为{name}" for low, name in default.grades)
    statuses = "\n".join(f"- `{status}`：{STATUS_DOCS[status]}" for status in STATUSES)
    return f"""## 4. 结果状态与计分

每条规则对一份报告给出一个结果代码（见各类型），代码对应一个状态：

{statuses}

得分 = 100 × Σ（权重 × 该状态的得分比例）÷ Σ 权重，只计 `weight` 大于 0 且状态不是 `skip` 的规则。
默认得分比例（`scoring.credit`）：{credit}；默认等级（`scoring.grades`）：{grades}。

```yaml
scoring:
  credit: {{pass: 1.0, partial: 0.5, fail: 0.0}}
  grades:
    - {{min: 90, name: 优秀}}
    - {{min: 60, name: 合格}}
    - {{min: 0, name: 不合格}}
```

`severity` 不影响得分，影响退出码：有 `error` 级规则不符合时 `fzcheck lint` 返回 1（加 `--strict` 时
`warning` 级也算）。
"""


def _messages() -> str:
    shared = "\n".join(f"- `{{{name}}}`：{doc}；" for name, doc in MESSAGE_VALUES.items())
    return f"""## 5. 说明文字与变量

结果的说明依次取：`messages` 中该结果代码的文字 → `messages` 中该状态（`pass`/`partial`/`fail`/`skip`）的
文字 → `message`（不符合、部分符合时）或默认文字（“符合要求”“不适用”）。`suggestion` 只在不符合、部分符合
时显示。

说明和建议中可用的变量（其他 `{{变量}}` 在校验规则时报错；花括号本身写作 `{{{{` `}}}}`）：

{shared}
- 各类型另有的变量，见第 3 节。

正则表达式（`patterns`、`partial_cues`）中也可写 `{{year}}`、`{{next_year}}`、`{{region}}`，如
`'{{next_year}}年(?:度)?工作安排'`；无法确定年度时含这些变量的正则不会命中。正则匹配的是规整后的文本
（汉字之间的空格已去掉；全角字母、数字和“，（）：；”等标点已转为半角，中文引号转为 `"`，“。”“、”保持不变）。
正则里照报告的写法写全角标点和中文引号即可（如 `'（一）加强领导：'`、`'落实“一把手”责任制'`）：载入时按同样的规则
转换，全角括号仍是括号字符本身，不是分组。范围（`scope`）可为 {' / '.join(f'`{s}`' for s in SCOPES)}
或某条 section 规则的 id（即该规则找到的部分）。
"""


def _fixes() -> str:
    """The `fix` field: documented from FIX_FIELDS, with the shipped rules that declare one."""
    rows = [_option_row(name, option) for name, option in FIX_FIELDS.items()]
    shipped = [r for r in _default_rules() if "fix" in r]
    examples = "".join(f"  - id: {r['id']}\n    fix: {_inline(r['fix'])}\n" for r in shipped)
    return f"""### 自动修正 `fix`

规则可以声明一处**确定无疑**的修正（写法问题，不是内容问题）：`fzcheck lint --fix 报告.txt` 直接改文本文件
（原编码、原换行符，先写临时文件再改名），并逐条列出“文件:行:列: 已修正 [规则id] “原文” → “改为””；
`--format docx` 的审查稿中每处修正是一处修订（删除 + 插入，作者 fzcheck），在 Word/WPS 中可接受或拒绝。

{_table(("字段", "类型", "必填", "默认值", "可选值", "说明"), rows)}
- 修正作用于规则判为“不符合”“部分符合”的每一处证据（`outcomes` 可再限定结果代码）；证据须在同一行内。
- 不写 `pattern`：整处证据替换为 `replace`；写了 `pattern`：只替换证据中与之匹配的部分，`replace` 中可用 `\\1`、
  `\\g<名称>` 引用分组。`pattern` 匹配的是**原文**字符（全角、半角不同），不是规则匹配用的规整文本。
- `replace` 中可用说明文字的变量（如 closing 类型的 `{{date}}`：成文日期的规范写法）；变量的值未知
  （如无法确定年度）时不修正。
- 只给确定无疑的修正：拿不准的（如比率后丢的是“%”还是“‰”）只提示，不修正。

内置规则集中的修正：

```yaml
{examples}```
"""


def _composition() -> str:
    return """## 6. 扩展、停用与覆盖

```yaml
extends: fzzf-2019          # 先载入内置规则集（或相对于本文件的 YAML 路径；可为列表）
disable: [section-order]    # 停用其中的规则
rules:
  - id: problems            # 与已有规则同 id：只覆盖写出的字段，其余沿用
    severity: warning
    weight: 30
  - id: my-rule             # 新 id：新增规则，须写齐必填字段
    ...
```

- 覆盖时不能改变 `kind`；列表和映射类字段（如 `headings`、`messages`、`examples`）整体替换，不合并。
- `enabled: false` 也可停用一条规则。
- 命令行可给多个 `--rules`，按顺序合并，后者覆盖前者。
- 被其他规则引用（`scope`、`sections`、`not_within`）的规则不能单独停用，否则报错，而不是悄悄跳过。
"""


def _examples() -> str:
    return """## 7. 样例（examples）

```yaml
examples:
  pass: ["一、主要举措和成效\\n工作扎实。\\n二、存在的问题\\n一是……"]
  partial: ["……"]
  fail: ["……"]
  skip: ["……"]
```

键为期望的状态，值为报告文本（一段或一个列表，`\\n` 表示换行）。`fzcheck rules test` 用整个规则集检查每段
文本，该规则的状态必须等于键，否则列出失败的样例并返回退出码 1。每条规则至少写一个 `pass` 样例和一个
`fail`/`partial`/`skip` 样例。在自己的 pytest 中也可以：

```python
from checker.ruleset import load_ruleset
from checker.testing import run_examples

assert not run_examples(load_ruleset(["本省规则.yaml"]))
```
"""


def _config() -> str:
    rows = [_option_row(name, option) for name, option in CONFIG_FIELDS.items()]
    return f"""## 8. 配置文件

`fzcheck lint` 从报告所在文件夹起逐级向上查找 `{CONFIG_NAME}`，或 `pyproject.toml` 中的 `[tool.fzcheck]`
（Python 3.11 及以上），到文件系统根目录或含 `.git` 的文件夹为止。命令行参数优先于配置文件。未知配置项
会报错（指出文件、行和最接近的写法）。

{_table(("配置项", "类型", "必填", "默认值", "可选值", "说明"), rows)}
```yaml
# {CONFIG_NAME}
rules: [fzzf-2019, 本省规则.yaml]
disable: [section-order]
fail-under: 60
max-bytes: 20000000
```

```toml
# pyproject.toml
[tool.fzcheck]
rules = ["fzzf-2019", "本省规则.yaml"]
fail-under = 60
```
"""


def _skeleton() -> str:
    return f"""## 9. 完整示例

`fzcheck rules new` 生成的骨架，每种类型各有一条规则，可直接通过 `validate` 和 `test`：

```yaml
{SKELETON}```
"""


def _shipped() -> str:
    names = "\n".join(f"- `{name}`" for name in builtin_names())
    return f"""## 10. 内置规则集

{names}

用 `fzcheck rules list --rules 名称` 查看其中的规则，用 `fzcheck rules show 规则id --rules 名称` 查看详情。
"""


def _table(header: tuple, rows: list[tuple]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(str(cell).replace("|", "\\|").replace("\n", " ") for cell in row) + " |"
              for row in rows]
    return "\n".join(lines) + "\n"
