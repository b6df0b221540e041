"""The application factory: JSON API under /api, the web pages (api/web) and their static files."""
from __future__ import annotations

import importlib.util
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from . import errors
from .config import Settings
from .limits import BodyLimit
from .routes import ROUTERS
from .runtime import Runtime

WEB_DIR = Path(__file__).resolve().parent / "web"
# Bodies of everything but uploads are small JSON or forms.
OTHER_BODY_LIMIT = 2**20


def create_app(settings: Settings | None = None, runtime: Runtime | None = None) -> FastAPI:
    """`runtime` lets tests inject a trainer or scan function; by default one is built from `settings`."""
    settings = settings or (runtime.settings if runtime else Settings())
    runtime = runtime or Runtime(settings)

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        runtime.start()  # migrations, model registry, resumed scans
        try:
            yield
        finally:
            runtime.stop()

    app = FastAPI(title="taizhang 台账审核服务", version="0.1.0", lifespan=lifespan,
                  description="上传文件、审核预填台账行、修正条款标签、导出台账。除登录外，所有接口需要 Bearer 令牌。")
    app.state.runtime = runtime
    errors.install(app)
    upload_limit = settings.max_upload_bytes
    app.add_middleware(BodyLimit, limit_for=lambda path: upload_limit if path == "/api/documents" else OTHER_BODY_LIMIT)
    for router in ROUTERS:
        app.include_router(router)
    if importlib.util.find_spec("api.web.routes") is not None:
        from .web.routes import router as web_router

        app.include_router(web_router)
    if (WEB_DIR / "static").is_dir():
        app.mount("/static", StaticFiles(directory=WEB_DIR / "static"), name="static")
    return app
