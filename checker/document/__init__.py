"""Reading a report: bytes on disk → a `Document` (original text for evidence, normalised text for
matching, original line numbers)."""
from .model import Document
from .reader import read_document, document_from_text

__all__ = ["Document", "read_document", "document_from_text"]
