"""Read regulations and normative documents into one `Document` model."""
from .extract import Extracted, Limits, extract_bytes, extract_file, iter_paths
from .model import Clause, Document, ExtractionError

__all__ = [
    "Clause",
    "Document",
    "Extracted",
    "ExtractionError",
    "Limits",
    "extract_bytes",
    "extract_file",
    "iter_paths",
]
