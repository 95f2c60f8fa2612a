"""Checking an uploaded evidence file: its type is read from its content (not its name), its size is
limited, and its SHA-256 is computed. Pure Python with the ``filetype`` library."""

import hashlib
from dataclasses import dataclass

import filetype

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


def check_evidence(content: bytes, file_name: str, max_bytes: int) -> CheckedFile:
    """Check ``content`` (the bytes of ``file_name``). Raises ``EvidenceRejected`` for an empty or
    oversized file or a type outside ``ALLOWED_TYPES`` (a renamed executable is detected by content)."""
    if not content:
        raise EvidenceRejected(f"文件“{file_name}”为空。")
    if len(content) > max_bytes:
        raise EvidenceRejected(f"文件“{file_name}”超过 {max_bytes // 1024 // 1024} MB 的大小上限。")
    kind = filetype.guess(content)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        seen = f"（识别为 {kind.mime}）" if kind else ""
        raise EvidenceRejected(f"文件“{file_name}”的类型不允许上传{seen}：仅支持图片、PDF 和 Office 文档。")
    return CheckedFile(kind.mime, len(content), hashlib.sha256(content).hexdigest())
