"""HTML pages of the review service (Chinese UI).

The pages are shells rendered server-side; their data comes from the JSON API,
fetched by the scripts in static/ with the bearer token from sessionStorage
(the server cannot see that token on a plain page load, so the pages themselves
need no authentication and carry no data).
"""
from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from fastapi.templating import Jinja2Templates

HERE = Path(__file__).resolve().parent
STATIC_DIR = HERE / "static"
TEMPLATES_DIR = HERE / "templates"

templates = Jinja2Templates(directory=str(TEMPLATES_DIR))


@lru_cache(maxsize=None)
def _fingerprint(name: str) -> str:
    try:
        return hashlib.sha256((STATIC_DIR / name).read_bytes()).hexdigest()[:10]
    except OSError:
        return "0"


def static_url(name: str) -> str:
    """/static/NAME?v=<content hash>, so a new release is never served from a stale cache."""
    return f"/static/{name}?v={_fingerprint(name)}"


templates.env.globals["static_url"] = static_url

# (path, label, clerks only) of the main navigation, in order; only clerks upload.
NAV = [("/drafts", "草稿列表", False), ("/upload", "上传文件", True)]

router = APIRouter(include_in_schema=False)


def _page(request: Request, template: str, title: str, active: str | None = None, **context) -> HTMLResponse:
    return templates.TemplateResponse(
        request, template, {"title": title, "nav": NAV, "active": active, **context},
        headers={"Cache-Control": "no-store"},
    )


@router.get("/")
def home() -> RedirectResponse:
    return RedirectResponse("/drafts", status_code=303)


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request):
    return _page(request, "login.html", "登录")


@router.get("/upload", response_class=HTMLResponse)
def upload_page(request: Request):
    return _page(request, "upload.html", "上传文件", active="/upload")


@router.get("/drafts", response_class=HTMLResponse)
def drafts_page(request: Request):
    return _page(request, "drafts.html", "草稿列表", active="/drafts")


@router.get("/documents/{document_id}", response_class=HTMLResponse)
def document_page(request: Request, document_id: str):
    return _page(request, "document.html", "文件详情", active="/drafts", document_id=document_id)
