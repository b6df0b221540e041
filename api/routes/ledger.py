from __future__ import annotations

from typing import Literal
from urllib.parse import quote

from fastapi import APIRouter, Depends
from fastapi.responses import Response
from sqlalchemy.orm import Session

from ..deps import current_user, read_session
from ..principal import Principal
from ..services.ledger import export

router = APIRouter(prefix="/api", tags=["ledger"])
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@router.get("/ledger.xlsx", summary="The ledger in the official template", response_class=Response,
            responses={200: {"content": {XLSX: {}}}})
def ledger(unit: str | None = None, status: Literal["confirmed", "all"] = "confirmed",
           who: Principal = Depends(current_user), session: Session = Depends(read_session)) -> Response:
    data, filename = export(session, who, unit, status)
    disposition = f"attachment; filename=\"ledger.xlsx\"; filename*=UTF-8''{quote(filename)}"
    return Response(data, media_type=XLSX, headers={"Content-Disposition": disposition})
