"""The review service: FastAPI backend (JSON API under /api), web pages in api/web/.

`api.app.create_app(settings)` builds the application; `taizhang serve` runs it.
"""
