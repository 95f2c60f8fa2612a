"""The restore drill: back up, destroy (flush, delete the files), restore, compare rows and file digests."""

import hashlib
import io
import os
import shutil
import subprocess
import sys
import tarfile

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command

from dukao.progress import services
from tests.progress.evidence_samples import PDF, PNG
from tests.progress.factories import draft

# Transactional (run last, as the browser tests): PostgreSQL refuses to TRUNCATE tables with pending
# deferred-constraint events of the same transaction. The seed import remakes the units the personas need.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)  # the registry comes back


def _counts() -> dict[str, int]:
    skip = {"contenttypes", "sessions"}
    return {m._meta.label: m._default_manager.count() for m in apps.get_models() if m._meta.app_label not in skip}


def _digests(media) -> dict[str, str]:
    return {
        str(p.relative_to(media)): hashlib.sha256(p.read_bytes()).hexdigest() for p in media.rglob("*") if p.is_file()
    }


@pytest.fixture
def reported(work_report, lead_reporter, lead_head, media_root):
    task = work_report.tasks.get(seq="4")
    report = draft(task, lead_reporter, p0="60")
    services.evidence_add(report=report, user=lead_reporter, content=PDF, file_name="进度.pdf")
    services.evidence_add(report=report, user=lead_reporter, content=PNG, file_name="现场.png")
    report.refresh_from_db()
    services.report_submit(report=report, user=lead_head, idempotency_key="drill", base_revision=report.draft_revision)
    return report


def test_a_restore_brings_back_every_row_and_file(reported, media_root, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    counts, digests = _counts(), _digests(media_root)
    call_command("backup", "-o", str(archive))
    call_command("flush", interactive=False, verbosity=0)
    shutil.rmtree(media_root)
    assert _counts()["progress.ReportVersion"] == 0
    call_command("restore", str(archive))
    assert _counts() == counts
    assert _digests(media_root) == digests and len(digests) == 2
    call_command("audit_verify")  # the chain's times came back to the microsecond
    call_command("evidence_verify")


def test_a_restore_into_an_empty_database_migrates_it_first(reported, tmp_path):
    archive = tmp_path / "backup.tar.gz"
    call_command("backup", "-o", str(archive))
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env |= {"DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "DJANGO_SETTINGS_MODULE": "dukao.settings"}
    env |= {"DUKAO_VAR_DIR": str(tmp_path / "var")}
    for command in (["restore", str(archive)], ["audit_verify"], ["evidence_verify"]):
        result = subprocess.run(
            [sys.executable, "-m", "django", *command], env=env, capture_output=True, text=True, cwd=settings.BASE_DIR,
            timeout=300,
        )  # fmt: skip
        assert result.returncode == 0, result.stderr[-2000:]
    assert "校验全部通过" not in result.stdout and "全部完整" in result.stdout


def test_a_tampered_archive_is_refused_and_nothing_changes(reported, tmp_path):
    archive, tampered = tmp_path / "backup.tar.gz", tmp_path / "tampered.tar.gz"
    call_command("backup", "-o", str(archive))
    with tarfile.open(archive) as src, tarfile.open(tampered, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read()
            if member.name.startswith("media/"):
                data = data[:-1] + b"!"
            dst.addfile(member, io.BytesIO(data))
    counts = _counts()
    with pytest.raises(CommandError, match="校验值不符"):
        call_command("restore", str(tampered))
    assert _counts() == counts
