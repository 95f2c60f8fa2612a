"""Checking an uploaded evidence file: its type is read from its content (not its name), its size is
limited (and, for the zip packages of Office documents, the size it unpacks to), and its SHA-256 is computed.
Pure Python with the ``filetype`` library."""

import hashlib
import io
import zipfile
import zlib
from dataclasses import dataclass

import filetype
from django.utils.translation import gettext as _

#: Types a unit may attach: images, PDF, Office documents (content-detected MIME type → label).
ALLOWED_TYPES = {
    "image/jpeg": "JPEG 图片",
    "image/png": "PNG 图片",
    "image/gif": "GIF 图片",
    "image/webp": "WebP 图片",
    "application/pdf": "PDF 文档",
    "application/msword": "Word 文档",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word 文档",
    "application/vnd.ms-excel": "Excel 表格",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel 表格",
    "application/vnd.ms-powerpoint": "PowerPoint 演示文稿",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint 演示文稿",
}


class EvidenceRejected(ValueError):
    """The file may not be attached; the message is a whole Chinese sentence naming the file."""


@dataclass(frozen=True)
class CheckedFile:
    content_type: str
    size: int
    sha256: str


def check_evidence(content: bytes, file_name: str, max_bytes: int, max_archive_bytes: int) -> CheckedFile:
    """Check ``content`` (the bytes of ``file_name``). Raises ``EvidenceRejected`` for an empty or
    oversized file, a type outside ``ALLOWED_TYPES`` (a renamed executable is detected by content), or a zip
    package (.docx, .xlsx, .pptx) that is corrupt or unpacks to more than ``max_archive_bytes`` (a zip bomb;
    ASVS 4.0 V12.1.2)."""
    if not content:
        raise EvidenceRejected(_("文件“%(file_name)s”为空。") % {"file_name": file_name})
    if len(content) > max_bytes:
        raise EvidenceRejected(
            _("文件“%(file_name)s”超过 %(size_limit)s MB 的大小上限。")
            % {"file_name": file_name, "size_limit": (max_bytes // 1024 // 1024)}
        )
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        seen = f"（识别为 {kind.mime}）" if kind else ""
        raise EvidenceRejected(
            _("文件“%(file_name)s”的类型不允许上传%(seen)s：仅支持图片、PDF 和 Office 文档。")
            % {"file_name": file_name, "seen": seen}
        )
    if content.startswith(ZIP_MAGIC):
        _check_archive(content, file_name, max_archive_bytes)
    return CheckedFile(kind.mime, len(content), hashlib.sha256(content).hexdigest())


ZIP_MAGIC = b"PK\x03\x04"


def _check_archive(content: bytes, file_name: str, max_archive_bytes: int) -> None:
    """Refuse a zip package whose members declare more than ``max_archive_bytes`` in total. The declared sizes
    bound what is unpacked: Python's ``zipfile`` (which openpyxl and python-docx use) stops at a member's
    declared size and fails its CRC check if the data runs on."""
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as package:
            total = sum(member.file_size for member in package.infolist())
    except (zipfile.BadZipFile, zlib.error, OSError, ValueError) as exc:
        raise EvidenceRejected(_("文件“%(file_name)s”已损坏，无法打开。") % {"file_name": file_name}) from exc
    if total > max_archive_bytes:
        limit = max_archive_bytes // 1024 // 1024
        raise EvidenceRejected(
            _("文件“%(file_name)s”解压后超过 %(limit)s MB 的上限（疑似压缩炸弹）。")
            % {"file_name": file_name, "limit": limit}
        )
