"""Pictures of pages (.png, .jpg, .tif — a phone photo or a scanner's output), read by OCR.

Without OCR installed a picture stays `unsupported_format` and says what to do. A
multi-page TIFF (as scanners save) is one document of several pages.
"""
from __future__ import annotations

import io

from PIL import Image, ImageOps, ImageSequence

from .. import errors
from . import ocr
from .base import RawText
from .layout import raw_text

# Pixels per unit the page lines are placed in: as if the picture were printed at 200 dpi.
_SCALE = ocr.DPI / 72
# Beyond this many pixels a picture is refused before it is decoded (a decompression bomb
# is a few kilobytes of PNG that inflate to gigabytes).
MAX_PIXELS = 60_000_000


class ImageBackend:
    format = "image"

    def read(self, data: bytes, name: str) -> RawText:
        if not ocr.available():
            raise errors.unsupported("图片", "请先进行文字识别（OCR）后提交文字版，或提交原始 Word/PDF 文件；"
                                     "也可请管理员安装文字识别组件（pip install 'taizhang[ocr]'）后重新扫描。")
        picture = Image.open(io.BytesIO(data))
        if picture.width * picture.height > MAX_PIXELS:
            raise errors.image_too_large(MAX_PIXELS)
        pages = []
        for number, frame in enumerate(ImageSequence.Iterator(picture)):
            page = ImageOps.exif_transpose(frame).convert("RGB")  # a phone photo taken sideways
            longest = max(page.size)
            if longest > ocr.MAX_SIDE:
                page = page.resize((round(page.width * ocr.MAX_SIDE / longest), round(page.height * ocr.MAX_SIDE / longest)))
            pages.append(ocr.page_lines(page, page.height / _SCALE, _SCALE, page=number))
        return raw_text(pages, kind="图片", ocr_pages=len(pages))
