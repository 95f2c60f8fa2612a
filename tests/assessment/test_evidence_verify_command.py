"""`dukao evidence_verify`: every stored evidence and appeal file is re-hashed; missing and altered files are
reported with a non-zero exit status."""

from datetime import date

import pytest
import time_machine
from django.core.management import CommandError, call_command

from dukao.assessment import services
from dukao.plans.models import Task
from dukao.progress.services import evidence_add
from tests.progress.evidence_samples import PDF, PNG
from tests.progress.factories import draft as report_draft


@pytest.fixture
@time_machine.travel("2020-01-06 09:00 +0800", tick=False)
def stored(demo, draft):
    """Two report evidence files and an appeal file, as units upload them."""
    report = report_draft(Task.objects.get(plan__kind="work_report", seq="1"), demo["reporter"])
    files = [
        evidence_add(report=report, user=demo["reporter"], content=c, file_name=n)
        for c, n in ((PDF, "a.pdf"), (PNG, "b.png"))
    ]
    services.assessment_open_appeals(assessment=draft, user=demo["supervisor"], deadline=date(2020, 1, 10))
    appeal = services.appeal_submit(
        assessment=draft, user=demo["unithead"], reason="请复核。", content=PDF, file_name="申诉.pdf"
    )
    return [*files, appeal]


def test_intact_files_pass(stored, capsys):
    call_command("evidence_verify")
    assert "已校验 3 个文件，全部完整" in capsys.readouterr().out


def test_a_missing_and_an_altered_file_are_reported(stored, capsys):
    missing, intact, altered = stored
    missing.file.storage.delete(missing.file.name)
    with altered.file.storage.open(altered.file.name, "wb") as handle:
        handle.write(PDF + b"%")
    with pytest.raises(CommandError, match="已校验 3 个文件，2 个有问题"):
        call_command("evidence_verify")
    assert capsys.readouterr().err.splitlines() == [
        f"佐证材料 #{missing.pk}（{missing.file.name}）：文件缺失",
        f"考核申诉 #{altered.pk}（{altered.file.name}）：内容与登记的 SHA-256 不符",
    ]
