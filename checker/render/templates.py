"""The one jinja2 environment every HTML output uses: autoescape on, undefined names an error."""
from __future__ import annotations

from functools import lru_cache

from ..resources import templates_dir


@lru_cache(maxsize=1)
def environment():
    import jinja2  # only needed when a page is asked for

    return jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True,
                              undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                              keep_trailing_newline=True)
