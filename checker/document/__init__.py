"""Reading a report: bytes on disk → a `Document` (original text for evidence, normalised text for
matching, original line numbers)."""
from .model import Document
from .limits import Limits
from .reader import SUPPORTED_SUFFIXES, document_from_text, read_document

__all__ = ["Document", "Limits", "SUPPORTED_SUFFIXES", "document_from_text", "read_document"]
