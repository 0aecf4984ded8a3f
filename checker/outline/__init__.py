"""Finding the outline of a Chinese official report: title, addressee, numbered headings, the closing
signature and date, trailing web-page junk, and the reporting year and region."""
from .model import DateMark, Heading, Outline, Span
from .front import shown_title
from .parser import parse_outline

__all__ = ["DateMark", "Heading", "Outline", "Span", "parse_outline", "shown_title"]
