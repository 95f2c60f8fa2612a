"""Serving a stored upload (report evidence, a case step's file): its type read again from its first bytes (never
from the file name), previewable types (PDF, images) shown inline and everything else downloaded, and always under
a ``sandbox`` Content-Security-Policy (a file a unit uploaded runs no script and reaches nothing of the site's)."""

import filetype
from django.http import FileResponse

#: Types the browser shows in place (the 佐证材料 preview); the rest are downloaded.
PREVIEWABLE = {"application/pdf", "image/png", "image/jpeg", "image/gif", "image/webp"}
SANDBOX_CSP = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'; frame-ancestors 'self'"


def sniffed_type(head: bytes) -> str:
    """The MIME type the content's first bytes show, else ``application/octet-stream``."""
    kind = filetype.guess(head)
    return kind.mime if kind else "application/octet-stream"


def upload_response(field_file, file_name: str, *, download: bool = False) -> FileResponse:
    """The stored file as a response: inline when its content is previewable and ``download`` is not asked."""
    handle = field_file.open("rb")
    content_type = sniffed_type(handle.read(8192))
    handle.seek(0)
    inline = content_type in PREVIEWABLE and not download
    response = FileResponse(handle, as_attachment=not inline, filename=file_name)
    response["Content-Type"] = content_type
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = SANDBOX_CSP
    response["X-Frame-Options"] = "SAMEORIGIN"
    return response
