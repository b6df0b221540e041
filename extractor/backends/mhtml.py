"""Web archives (.mhtml/.mht): a page saved "as a single file" by Chrome, Edge, 360 or IE.

Clerks save a policy from the government site this way as often as they save the
bare page. The archive is a MIME message (quoted-printable or base64 parts); the
page is its HTML part, read exactly as a saved .html page is. A page that shows the
document in a frame carries the frame as a part of its own: the HTML part holding
the most Chinese text is the one read.
"""
from __future__ import annotations

import email
import email.policy
import re

from .. import errors
from ..model import ExtractionError
from .base import RawText
from .html import HtmlBackend, decode

_HAN = re.compile(r"[\u4e00-\u9fff]")


class MhtmlBackend:
    format = "mhtml"

    def read(self, data: bytes, name: str) -> RawText:
        message = email.message_from_bytes(data, policy=email.policy.compat32)
        pages = [page for part in message.walk() if part.get_content_type() == "text/html"
                 if (page := _page(part)).strip()]
        if not pages:
            raise errors.corrupt("网页存档")
        page = max(pages, key=lambda html: len(_HAN.findall(html)))
        # As UTF-8 with a BOM, so that the page's own charset declaration is not obeyed again.
        return HtmlBackend().read(("\ufeff" + page).encode("utf-8"), name)


def _page(part) -> str:
    try:
        return decode(part.get_payload(decode=True) or b"", part.get_content_charset())
    except ExtractionError:
        return ""  # one undecodable frame leaves the others
