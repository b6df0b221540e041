"""Read regulations and normative documents into one `Document` model."""
from .model import Clause, Document, ExtractionError

__all__ = ["Clause", "Document", "ExtractionError"]
