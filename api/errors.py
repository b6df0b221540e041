"""API errors: an HTTP status, a stable code for programs and a Chinese message for clerks.

Every error body is `{"error": {"code": "...", "message": "...", ...}}`.
"""
from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException


class ApiError(Exception):
    def __init__(self, status: int, code: str, message: str, **extra):
        super().__init__(message)
        self.status, self.code, self.message, self.extra = status, code, message, extra

    def body(self) -> dict:
        return {"error": {"code": self.code, "message": self.message, **self.extra}}


def not_found(what: str = "记录") -> ApiError:
    # Also the answer for another unit's records: their existence is not disclosed.
    return ApiError(404, "not_found", f"找不到该{what}，或您无权查看。")


def forbidden(message: str = "您的角色无权执行此操作。") -> ApiError:
    return ApiError(403, "forbidden", message)


def stale_version(current_version: int, sent: int, current: dict) -> ApiError:
    message = (f"该台账行已被修改（当前版本 {current_version}，您提交的是版本 {sent}），"
               "本次修改未保存。请刷新后重新修改。")
    return ApiError(409, "stale_version", message, current=current)


def too_large(limit: int, file: str | None = None) -> ApiError:
    what = f"文件“{file}”" if file else "本次上传"
    return ApiError(413, "too_large", f"{what}超过 {limit / 2**20:g} MB 的大小上限，未保存任何文件。请拆分后分批上传。")


def invalid(code: str, message: str, **extra) -> ApiError:
    return ApiError(422, code, message, **extra)


_HTTP_CODES = {
    401: ("not_authenticated", "请先登录。"),
    403: ("forbidden", "您的角色无权执行此操作。"),
    404: ("not_found", "找不到该页面或接口。"),
    405: ("method_not_allowed", "不支持该请求方法。"),
}


def install(app: FastAPI) -> None:
    @app.exception_handler(ApiError)
    async def _api_error(_request: Request, exc: ApiError):
        headers = {"WWW-Authenticate": "Bearer"} if exc.status == 401 else None
        return JSONResponse(exc.body(), status_code=exc.status, headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation(_request: Request, exc: RequestValidationError):
        problems = [{"field": ".".join(str(p) for p in e["loc"][1:]) or None, "problem": e["msg"]}
                    for e in exc.errors()]
        fields = "、".join(p["field"] for p in problems if p["field"]) or "请求内容"
        return JSONResponse({"error": {"code": "invalid_request", "message": f"请求格式不正确：{fields}。",
                                       "problems": problems}}, status_code=422)

    @app.exception_handler(StarletteHTTPException)
    async def _http(request: Request, exc: StarletteHTTPException):
        if not request.url.path.startswith("/api/"):
            return await http_exception_handler(request, exc)  # the web pages keep FastAPI's default
        code, message = _HTTP_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
        return JSONResponse({"error": {"code": code, "message": message}}, status_code=exc.status_code,
                            headers=getattr(exc, "headers", None))
