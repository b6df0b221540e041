"""Every way a file can fail, as a stable code plus a message a clerk can act on.

- corrupt: empty, broken or unconvertible files, and parsers that choke on a file;
- encrypted: password-protected PDF, Office files and zip members;
- no_text_layer: PDFs without usable text (scans, images, broken font encodings), web
  pages whose body is images or a link to the file;
- too_large: a file over the size limit, archives inflating past theirs, zips nested too deep;
- unsupported_format: images, PowerPoint, other archives, unknown binary data, web
  pages that only list links, Word 95 files, and RTF when LibreOffice is not installed;
- undecodable: text that is neither UTF-8 nor GBK/GB18030;
- missing_font: a PDF whose Chinese fonts are not embedded, on a machine with no Chinese
  font to stand in for them, that pdfminer (the fallback) cannot open either;
- unreadable: the file itself cannot be opened (missing, no permission).
"""
from __future__ import annotations

from .model import ExtractionError

ACCEPTED = "请提交 Word（.docx/.doc/.wps）、PDF、OFD、Excel（.xlsx/.xls）、网页（.html/.mhtml）、文本（.txt/.md）文件或其 zip 压缩包。"


def _mb(limit: int) -> str:
    return f"{limit / 2**20:g} MB"


def empty() -> ExtractionError:
    return ExtractionError("corrupt", "文件为空或没有可读文字。请确认提交的是正确的文件。")


def empty_archive() -> ExtractionError:
    return ExtractionError("corrupt", "压缩包内没有可读取的文件。请确认压缩的是正确的文件。")


def unreadable() -> ExtractionError:
    return ExtractionError("unreadable", "文件无法打开（可能已被移动、删除或没有读取权限）。请检查路径后重试。")


def corrupt(kind: str) -> ExtractionError:
    return ExtractionError("corrupt", f"{kind}已损坏或不完整，无法打开。请重新获取原文件（重新下载或向发送方索取）；"
                                      "若原文件能用原软件正常打开，请另存一份后重新提交。")


def unconvertible(extension: str) -> ExtractionError:
    return ExtractionError(
        "corrupt",
        f"无法转换该 .{extension} 文件（可能已损坏或设置了密码）。请用 Word 或 WPS 打开确认后另存为 .docx 再提交。",
    )


def encrypted(kind: str) -> ExtractionError:
    return ExtractionError("encrypted", f"{kind}设置了密码，无法读取。请去除密码后重新提交。")


def no_text_layer(kind: str = "PDF", ocr_tried: bool = False) -> ExtractionError:
    if ocr_tried:
        return ExtractionError(
            "no_text_layer",
            f"该 {kind} 是扫描件，文字识别（OCR）未能读出足够的文字（可能图像模糊、倾斜或为空白页）。"
            "请提交更清晰的扫描件，或提交原始 Word 文件。",
        )
    return ExtractionError(
        "no_text_layer",
        f"该 {kind} 没有可读取的文字（可能是扫描件或图片）。请先进行文字识别（OCR）后再提交，或提交原始 Word 文件"
        + ("；也可请管理员安装文字识别组件（pip install 'taizhang[ocr]'）后重新扫描。" if kind in ("PDF", "OFD 文件") else "。"),
    )


def missing_font() -> ExtractionError:
    return ExtractionError(
        "missing_font",
        "该 PDF 使用了未嵌入文件的中文字体，而本机没有安装中文字体，文字无法完整读取。"
        "请管理员安装中文字体（如 Debian/Ubuntu：apt-get install fonts-wqy-microhei）后重新扫描，或提交原始 Word 文件。",
    )


def text_in_images() -> ExtractionError:
    return ExtractionError(
        "no_text_layer",
        "该网页的正文是图片或附件链接，没有可读取的文字。请下载原文件（Word/PDF）提交，或对图片进行文字识别（OCR）。",
    )


def link_listing() -> ExtractionError:
    return ExtractionError(
        "unsupported_format",
        "该网页是文件列表（只有链接），不是文件正文。请打开具体文件的页面另存后提交，或下载原文件提交。",
    )


def file_too_large(limit: int) -> ExtractionError:
    return ExtractionError("too_large", f"文件超过 {_mb(limit)} 的大小上限。请拆分后提交，或请管理员调高上限。")


def archive_too_large(limit: int) -> ExtractionError:
    return ExtractionError(
        "too_large", f"压缩包解压后超过 {_mb(limit)} 的上限（可能是异常压缩包）。请解压后分批提交。"
    )


def image_too_large(pixels: int) -> ExtractionError:
    return ExtractionError("too_large", f"图片超过 {pixels // 1_000_000} 百万像素，无法识别。请缩小图片或转为 PDF 后提交。")


def nested_too_deep(depth: int) -> ExtractionError:
    return ExtractionError("too_large", f"压缩包嵌套超过 {depth} 层。请解压后提交其中的文件。")


def unsupported(what: str, advice: str = ACCEPTED) -> ExtractionError:
    return ExtractionError("unsupported_format", f"不支持的文件格式（{what}）。{advice}")


def undecodable() -> ExtractionError:
    return ExtractionError(
        "undecodable",
        "文本编码无法识别（既不是 UTF-8 也不是 GBK/GB18030），或文件不是文本。请用记事本或 WPS 另存为 UTF-8 编码后重新提交。",
    )
