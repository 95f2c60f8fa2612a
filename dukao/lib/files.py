"""Checking stored files against the SHA-256 recorded when they were uploaded (GB/T 22239-2019 8.1.4.7
数据完整性: 应能检测重要数据在存储过程中的完整性受到破坏)."""

import hashlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from django.db.models import Model


@dataclass(frozen=True)
class FileProblem:
    """A stored file that is ``missing`` or whose content no longer matches its digest (``mismatch``)."""

    row: Model
    kind: str

    def __str__(self) -> str:
        what = "文件缺失" if self.kind == "missing" else "内容与登记的 SHA-256 不符"
        return f"{self.row._meta.verbose_name} #{self.row.pk}（{self.row.file.name}）：{what}"


def stored_file_problems(rows: Iterable[Model]) -> Iterator[FileProblem]:
    """Re-read the ``file`` of each row that has one and compare its SHA-256 with the row's ``sha256``; yield a
    ``FileProblem`` for each file missing from storage or changed."""
    for row in rows:
        if not row.file:
            continue
        try:
            with row.file.open("rb") as handle:
                digest = hashlib.file_digest(handle, "sha256").hexdigest()
        except OSError:
            yield FileProblem(row, "missing")
            continue
        if digest != row.sha256:
            yield FileProblem(row, "mismatch")
