"""Every page × every role: the expected status, and no unit reaching another unit's report by editing ids."""

import pytest
from django.urls import reverse
from django.utils import timezone

from dukao.accounts.models import Role
from dukao.assessment.services import appeal_submit, assessment_open_appeals, assessment_run
from dukao.progress import services
from dukao.supervision import services as supervision
from tests.conftest import make_user
from tests.progress.evidence_samples import PNG
from tests.progress.factories import JUNE, submitted

ROLES = {
    "reporter": (Role.REPORTER, "区发改经信局"),
    "unit_head": (Role.UNIT_HEAD, "区发改经信局"),
    "other_unit": (Role.UNIT_HEAD, "区教育局"),
    "stats": (Role.STATS_REVIEWER, "区统计局"),
    "construction": (Role.CONSTRUCTION_REVIEWER, "区发改经信局"),
    "supervisor": (Role.SUPERVISOR, "区政府办公室"),
    "inspector": (Role.INSPECTOR, "区纪委(区监委)"),
    "evaluator": (Role.EVALUATOR, "区委办公室"),
    "auditor": (Role.AUDITOR, "区委办公室"),
    "admin": (Role.ADMIN, "区政府办公室"),
}
EVERYONE = dict.fromkeys(ROLES, 200)
READERS = {"supervisor": 200, "inspector": 200, "evaluator": 200, "admin": 200}
OWN_UNIT = {"reporter": 200, "unit_head": 200, "construction": 200}  # the construction reviewer works in the lead unit


def expect(default: int, **overrides: int) -> dict[str, int]:
    return {role: overrides.get(role, default) for role in ROLES}


EXPORTERS = expect(403, supervisor=200, evaluator=200, admin=200)  # a published assessment: others are refused


# (url name, args builder, expected status by role); anonymous users are always sent to the login page.
PAGES = [
    ("desk:home", lambda w: [], EVERYONE),
    ("plans:plan_list", lambda w: [], EVERYONE),
    ("plans:plan_detail", lambda w: [w["task"].plan_id], EVERYONE),
    ("plans:task_detail", lambda w: [w["task"].pk], EVERYONE),
    ("plans:unit_list", lambda w: [], EVERYONE),
    ("plans:unit_detail", lambda w: [w["task"].lead_links[0].unit_id], EVERYONE),
    ("plans:plan_export", lambda w: [w["task"].plan_id, "xlsx"], EVERYONE),
    ("plans:plan_import", lambda w: [], expect(403, admin=200)),
    ("plans:task_indicators", lambda w: [w["task"].pk], expect(403, supervisor=200, admin=200)),
    ("progress:task_progress", lambda w: [w["task"].pk], EVERYONE),
    ("progress:schedule_page", lambda w: [w["task"].pk], EVERYONE),
    ("progress:report_page", lambda w: [w["task"].pk, "2019-07"], expect(403, reporter=200, unit_head=200)),
    ("progress:request_new", lambda w: [w["task"].pk], expect(403, reporter=200, unit_head=200)),
    ("progress:report_detail", lambda w: [w["report"].pk], expect(404, **OWN_UNIT, **READERS, stats=200)),
    ("progress:evidence_download", lambda w: [w["evidence"].pk], expect(404, **OWN_UNIT, **READERS, stats=200)),
    ("progress:request_list", lambda w: [], EVERYONE),
    ("progress:request_detail", lambda w: [w["request"].pk], expect(404, **OWN_UNIT, **READERS)),
    ("reviews:queue", lambda w: [], expect(403, stats=200, construction=200, supervisor=200)),
    ("reviews:review_version", lambda w: [w["version"].pk], expect(403, stats=200, **READERS)),
    ("supervision:status_overview", lambda w: [], EVERYONE),
    ("supervision:ledger_print", lambda w: [], EVERYONE),
    ("supervision:ledger_export", lambda w: [], EVERYONE),
    ("supervision:bulletin_list", lambda w: [], EVERYONE),
    ("supervision:bulletin_detail", lambda w: [w["bulletin"].pk], expect(404, supervisor=200, admin=200)),
    ("supervision:bulletin_file", lambda w: [w["bulletin"].pk, "html"], expect(404, supervisor=200, admin=200)),
    ("supervision:case_list", lambda w: [], EVERYONE),
    ("supervision:case_detail", lambda w: [w["case"].pk], expect(404, **OWN_UNIT, **READERS)),
    ("supervision:case_step_file", lambda w: [w["case_step"].pk], expect(404, **OWN_UNIT, **READERS)),
    ("supervision:my_reminders", lambda w: [], EVERYONE),
    ("assessment:assessment_list", lambda w: [], EVERYONE),
    ("assessment:assessment_detail", lambda w: [w["assessment"].pk], EVERYONE),  # published: appeals open
    ("assessment:unit_detail", lambda w: [w["assessment"].pk, w["unit_id"]], expect(404, **OWN_UNIT, **READERS)),
    ("assessment:appeal_detail", lambda w: [w["assessment"].pk, w["appeal"].pk], expect(404, **OWN_UNIT, **READERS)),
    ("assessment:assessment_export", lambda w: [w["assessment"].pk], EXPORTERS),
    ("accounts:approval_list", lambda w: [], expect(403, auditor=200, admin=200)),
    ("audit:event_list", lambda w: [], expect(403, auditor=200)),
    ("audit:event_export", lambda w: [], expect(403, auditor=200)),
]


@pytest.fixture
def world(work_report):
    """Annex 1 row 1 (地区生产总值, led by 区发改经信局, verified by 区统计局) with a submitted report carrying
    evidence, and a coordination request; the year's assessment published with 区发改经信局's appeal; plus one user
    per role."""
    users = {name: make_user(name, role, unit) for name, (role, unit) in ROLES.items()}
    task = work_report.tasks.get(seq="1")
    report = services.report_open(task=task, period=JUNE, user=users["reporter"])
    evidence = services.evidence_add(report=report, user=users["reporter"], content=PNG, file_name="照片.png")
    version = submitted(task, users["reporter"], users["unit_head"], p0="5.9")
    request = services.request_raise(task=task, user=users["reporter"], subject="用地指标", needed="需协调用地指标")
    bulletin = supervision.bulletin_draft(period=JUNE, user=users["supervisor"])
    case = supervision.case_open(unit=users["reporter"].unit, tasks=[task], trigger="提醒", user=users["inspector"])
    case_step = supervision.case_step(
        case=case, kind="order", note="督办单", user=users["inspector"], attachment=supervision.StepFile(PNG, "单.png")
    )
    assessment = assessment_run(year=2019, user=users["supervisor"])
    assessment_open_appeals(assessment=assessment, user=users["supervisor"], deadline=timezone.localdate())
    appeal = appeal_submit(assessment=assessment, user=users["unit_head"], reason="请按核定数计分。")
    return {
        "assessment": assessment, "unit_id": users["reporter"].unit_id, "appeal": appeal,
        "bulletin": bulletin,
        "case": case, "case_step": case_step,
        "users": users, "task": task, "report": report, "evidence": evidence, "version": version,
            "request": request}  # fmt: skip


@pytest.mark.parametrize(("name", "args", "expected"), PAGES, ids=[p[0] for p in PAGES])
def test_every_page_answers_each_role_as_expected(client, world, name, args, expected):
    url = reverse(name, args=args(world))
    assert client.get(url).status_code == 302  # anonymous → login
    got = {}
    for role, user in world["users"].items():
        client.force_login(user)
        got[role] = client.get(url).status_code
    assert got == expected


def test_another_unit_cannot_touch_a_report_by_editing_ids(client, world):
    client.force_login(world["users"]["other_unit"])
    report, evidence = world["report"], world["evidence"]
    assert client.post(reverse("progress:evidence_upload", args=[report.pk]), {"file": ""}).status_code == 404
    assert client.post(reverse("progress:evidence_withdraw", args=[evidence.pk])).status_code == 404
    evidence.refresh_from_db()
    assert not evidence.withdrawn


def test_forged_fields_in_a_units_post_are_ignored(client, world):
    task = world["task"]
    client.force_login(world["users"]["reporter"])
    url = reverse("progress:report_page", args=[task.pk, "2019-07"])
    report = services.report_open(task=task, period=JUNE.replace(month=7), user=world["users"]["reporter"])
    indicator = task.indicators.get()
    client.post(
        url,
        {
            "base_revision": report.draft_revision,
            "narrative": "七月进展",
            "problems": "",
            "next_steps": "",
            f"v-{indicator.pk}-value": "6.1",
            "state": "verified",
            "verified_value": "9.9",
            "unit": "1",
            "action": "submit",
            "confirmed": "yes",
        },
    )
    report.refresh_from_db()
    assert report.state == "draft" and report.versions.count() == 0  # a reporter cannot submit, let alone verify
    assert report.draft_values[str(indicator.pk)]["value"] == "6.1" and report.unit.name == "区发改经信局"


def test_every_state_changing_view_refuses_get(client, world):
    client.force_login(world["users"]["unit_head"])
    for name, args in (
        ("progress:evidence_upload", [world["report"].pk]),
        ("desk:sign_off", []),
        ("progress:evidence_withdraw", [world["evidence"].pk]),
        ("progress:contribution_add", [world["task"].pk]),
        ("progress:schedule_decide", [1]),
        ("plans:plan_import_confirm", []),
        ("assessment:assessment_action", [world["assessment"].pk, "finalise"]),
        ("supervision:status_recompute", []),
        ("supervision:bulletin_text", [world["bulletin"].pk]),
    ):
        assert client.get(reverse(name, args=args)).status_code in (403, 405), name


# POST-only actions × every role: (url name, args builder, form, expected status by role; 302 is done).
ACTIONS = [
    ("supervision:status_recompute", lambda w: [], {"period": "2019-06"}, expect(403, supervisor=302, admin=302)),
    (
        "supervision:bulletin_text",
        lambda w: [w["bulletin"].pk],
        {"preface": "", "closing": "请落实。", "attachments": ""},
        expect(403, supervisor=302, admin=302),
    ),
]


@pytest.mark.parametrize(("name", "args", "form", "expected"), ACTIONS, ids=[a[0] for a in ACTIONS])
def test_every_action_answers_each_role_as_expected(client, world, name, args, form, expected):
    url = reverse(name, args=args(world))
    assert client.post(url, form).status_code == 302  # anonymous → login
    got = {}
    for role, user in world["users"].items():
        client.force_login(user)
        got[role] = client.post(url, form).status_code
    assert got == expected
