"""The review service (FastAPI) lands with its own issue; see README."""
