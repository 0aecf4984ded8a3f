"""The one jinja2 environment every HTML output uses: autoescape on, undefined names an error."""
from __future__ import annotations

from functools import lru_cache

from ..resources import templates_dir


@lru_cache(maxsize=1)
def environment():
    import jinja2  # only needed when a page is asked for

    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(templates_dir())), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                             keep_trailing_newline=True)
    env.filters["css_string"] = css_string
    return env


def css_string(value):
    """A value as a quoted CSS string (for `content:` in a stylesheet): every character but ASCII letters
    and digits as a six-digit escape, so no text can close the string or the <style> element (and
    marked safe: HTML escaping would put &#34; into CSS, which reads no entities)."""
    from markupsafe import Markup

    # a space after an escape ends it and is dropped, so spaces are escaped too
    escaped = "".join(c if c.isascii() and c.isalnum() else f"\\{ord(c):06x}" for c in str(value))
    return Markup(f'"{escaped}"')
