"""Backup and restore: the database and the uploaded files (evidence, appeals) in one archive, verified.

An archive is a ``.tar.gz`` holding ``db.json`` (``dumpdata`` with the rows' own primary keys, which the audit
chain hashes as actors' ids, and natural keys for content types; every app but content types,
permissions and sessions, which ``migrate`` remakes), ``media/<path>`` for every file under ``MEDIA_ROOT``, and
``manifest.json``: ``{"format": 1, "created_at": ISO time, "files": {member name: SHA-256 hex}}``. The rows keep
their times to the microsecond (``ops.serializers``), as the audit chain hashes them. ``dumpdata`` /
``loaddata`` rather than ``pg_dump``: one archive restores on PostgreSQL and SQLite alike and needs no client
binaries of the server's version; at province scale a vendor dump is faster (docs/deploy.md)."""

import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.lib.db import statistics_refresh
from dukao.ops.roles import as_owner

EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class ArchiveInvalid(Exception):
    """The archive is incomplete or a member's checksum differs from its manifest: nothing was restored."""


def migrations_pending() -> bool:
    """Whether the database lacks some of the project's migrations (an empty database lacks them all)."""
    executor = MigrationExecutor(connections[DEFAULT_DB_ALIAS])
    return bool(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def backup_write(*, path: Path) -> dict[str, str]:
    """Write the archive to ``path``; returns its manifest's ``files`` (member name → SHA-256)."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp:
        dump = Path(tmp) / "db.json"
        call_command(
            "dumpdata",
            format="json_exact",
            natural_foreign=True,  # content types are remade by ``migrate``, maybe with other ids
            exclude=EXCLUDED,
            output=str(dump),
        )
        members = {"db.json": dump}
        if media.is_dir():
            members |= {f"media/{p.relative_to(media).as_posix()}": p for p in sorted(media.rglob("*")) if p.is_file()}
        files = {name: _sha256(source) for name, source in members.items()}
        manifest = json.dumps({"format": 1, "created_at": timezone.now().isoformat(), "files": files}, indent=1)
        with tarfile.open(path, "w:gz") as archive:
            data = manifest.encode()
            info = tarfile.TarInfo("manifest.json")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            for name, source in members.items():
                archive.add(source, arcname=name)
    return files


def _extract_verified(path: Path, into: Path) -> dict[str, str]:
    with tarfile.open(path, "r:gz") as archive:
        archive.extractall(into, filter="data")
    manifest_path = into / "manifest.json"
    if not manifest_path.is_file():
        raise ArchiveInvalid(_("备份文件缺少 manifest.json。"))
    files = json.loads(manifest_path.read_text())["files"]
    for name, digest in files.items():
        member = into / name
        if not member.is_file() or _sha256(member) != digest:
            raise ArchiveInvalid(_("备份文件中的“%(name)s”缺失或校验值不符，未作任何恢复。") % {"name": name})
    return files


def backup_restore(*, path: Path) -> dict[str, str]:
    """Replace the database's rows and ``MEDIA_ROOT``'s files with the archive's, after verifying every checksum.
    The rows are replaced in one transaction, connected as the owner (``ops.roles``); a database without the
    project's tables (or behind on them) is migrated first. Raises ``ArchiveInvalid`` (nothing changed)."""
    media = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as tmp, as_owner():  # replacing the audit trail is the owner's
        files = _extract_verified(path, Path(tmp))
        if migrations_pending():
            call_command("migrate", interactive=False, verbosity=0)
        with transaction.atomic():
            call_command("flush", interactive=False, verbosity=0)
            call_command("loaddata", str(Path(tmp) / "db.json"), verbosity=0)
        statistics_refresh()
        for name in files:
            if name.startswith("media/"):
                target = media / name.removeprefix("media/")
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(Path(tmp) / name, target)
    return files
