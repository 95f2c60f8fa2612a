"""The permission matrix, generated from ``accounts.duties`` (the role × action table) and Django's URL resolver:
every URL pattern has an action there; every page answers each role as the table says (allowed: 200 or 302;
refused: 403 or 404); and no unit reaches another unit's report by editing ids."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import timezone

from dukao.accounts import duties
from dukao.accounts.models import Role
from dukao.accounts.services import approval_propose
from dukao.assessment.services import (
    appeal_decide,
    appeal_submit,
    assessment_finalise,
    assessment_open_appeals,
    assessment_run,
    year_report_issue,
)
from dukao.demo.cadres import cadres_demo_ensure
from dukao.notices.models import NoticeKind
from dukao.notices.services import notice_send
from dukao.plans.models import UnitRole
from dukao.plans.selectors import task_unit_ids
from dukao.progress import services
from dukao.progress.models import ScheduleRevision, ScheduleState
from dukao.supervision import services as supervision
from dukao.supervision.models import BulletinRender
from dukao.units.models import Cadre
from tests.conftest import make_user
from tests.progress.evidence_samples import PNG
from tests.progress.factories import JUNE, submitted

#: One account per role; the units put each role's own objects within its reach (区发改经信局 leads annex 1
#: row 1, which 区统计局 verifies).
UNITS = {
    Role.REPORTER: "区发改经信局",
    Role.UNIT_HEAD: "区发改经信局",
    Role.STATS_REVIEWER: "区统计局",
    Role.CONSTRUCTION_REVIEWER: "区发改经信局",
    Role.SUPERVISOR: "区政府办公室",
    Role.INSPECTOR: "区纪委(区监委)",
    Role.EVALUATOR: "区委办公室",
    Role.AUDITOR: "区委办公室",
    Role.ADMIN: "区政府办公室",
    Role.SECURITY_ADMIN: "区政府办公室",
}


def url_patterns(patterns=None, namespace: str = "") -> list[str]:
    """Every URL pattern's view name, as ``request.resolver_match.view_name`` gives it (an unnamed pattern by its
    view's dotted path)."""
    names = []
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(n for n in (namespace, pattern.namespace or "") if n)
            names += url_patterns(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name or pattern.lookup_str
            names.append(f"{namespace}:{name}" if namespace else name)
    return names


def test_every_url_pattern_has_an_action_in_the_duties_table():
    missing = [name for name in url_patterns() if duties.page_action(name) is None]
    assert not missing, f"URL patterns without an entry in accounts.duties.PAGES: {missing}"
    undeclared = {a for a in duties.PAGES.values() if a != duties.PUBLIC} - set(duties.DUTIES)
    assert not undeclared


def test_every_role_has_work_and_nothing_but_its_own():
    assert set(duties.EVERY_ROLE) == set(Role.values)
    work = {role: {a for a, roles in duties.DUTIES.items() if role in roles} for role in Role.values}
    assert work[Role.SECURITY_ADMIN] == {"account.own", "desk.home", "accounts.approve", "admin.site"}
    assert work[Role.AUDITOR] == {"account.own", "desk.home", "accounts.approve", "audit.read"}
    business = {"cases", "bulletins", "reviews", "scores", "reports", "requests", "schedules", "status", "dashboard"}
    assert not {a for a in work[Role.ADMIN] if a.split(".")[0] in business}


def rendered(world, role) -> int:
    """A draft's file the worker rendered for the user of ``role`` (each person fetches only their own)."""
    user = world["users"][role]
    render = BulletinRender.objects.create(
        bulletin=world["bulletin"], fmt="pdf", requested_by=user, state="done", content=b"%PDF-"
    )
    return render.pk


#: How each page is asked: (method, args builder (world, role), form). ``admin:*`` is asked through its index; a
#: page added to urls.py without a line here fails ``test_every_url_pattern_is_asked``.
REQUESTS = {
    "root": ("get", lambda w, r: [], {}),
    "login": ("get", lambda w, r: [], {}),
    "logout": ("post", lambda w, r: [], {}),
    "accounts:dingtalk_start": ("get", lambda w, r: [], {}),
    "accounts:dingtalk_callback": ("get", lambda w, r: [], {}),
    "set_language": ("post", lambda w, r: [], {"language": "zh-hans"}),
    "portal:home": ("get", lambda w, r: [], {}),
    "portal:plan": ("get", lambda w, r: [w["task"].plan_id], {}),
    "portal:bulletin": ("get", lambda w, r: [w["bulletin"].pk], {}),
    "admin:index": ("get", lambda w, r: [], {}),
    "accounts:otp_verify": ("get", lambda w, r: [], {}),
    "accounts:otp_setup": ("get", lambda w, r: [], {}),
    "accounts:password_change": ("get", lambda w, r: [], {}),
    "accounts:approval_list": ("get", lambda w, r: [], {}),
    "accounts:approval_decide": ("post", lambda w, r: [w["approval"].pk], {"approve": "", "note": ""}),
    "audit:event_list": ("get", lambda w, r: [], {}),
    "audit:event_export": ("get", lambda w, r: [], {}),
    "desk:home": ("get", lambda w, r: [], {}),
    "desk:sign_off": ("post", lambda w, r: [], {}),
    "plans:plan_list": ("get", lambda w, r: [], {}),
    "plans:plan_detail": ("get", lambda w, r: [w["task"].plan_id], {}),
    "plans:plan_export": ("get", lambda w, r: [w["task"].plan_id, "xlsx"], {}),
    "plans:task_detail": ("get", lambda w, r: [w["task"].pk], {}),
    "plans:unit_list": ("get", lambda w, r: [], {}),
    "plans:unit_detail": ("get", lambda w, r: [w["unit_id"]], {}),
    "plans:plan_import": ("get", lambda w, r: [], {}),
    "plans:plan_import_confirm": ("post", lambda w, r: [], {}),
    "plans:task_indicators": ("get", lambda w, r: [w["task"].pk], {}),
    "plans:cadre_list": ("get", lambda w, r: [], {}),
    "plans:cadre_detail": ("get", lambda w, r: [w["cadre"].pk], {}),
    "plans:cadre_export": ("get", lambda w, r: [], {}),
    "plans:cadre_import": ("get", lambda w, r: [], {}),
    "plans:cadre_import_confirm": ("post", lambda w, r: [], {}),
    "progress:task_progress": ("get", lambda w, r: [w["task"].pk], {}),
    "progress:schedule_page": ("get", lambda w, r: [w["task"].pk], {}),
    "progress:report_detail": ("get", lambda w, r: [w["report"].pk], {}),
    "progress:evidence_download": ("get", lambda w, r: [w["evidence"].pk], {}),
    "progress:report_page": ("get", lambda w, r: [w["task"].pk, "2019-07"], {}),
    "progress:contribution_add": ("post", lambda w, r: [w["cooperated"].pk], {"note": ""}),
    "progress:evidence_upload": ("post", lambda w, r: [w["report"].pk], {"file": ""}),
    "progress:evidence_withdraw": ("post", lambda w, r: [w["withdrawable"].get(r, w["evidence"]).pk], {}),
    "progress:report_correct": ("post", lambda w, r: [w["report"].pk], {"reason": ""}),
    "progress:schedule_decide": ("post", lambda w, r: [w["schedule"].pk], {}),
    "progress:request_new": ("get", lambda w, r: [w["task"].pk], {}),
    "progress:request_list": ("get", lambda w, r: [], {}),
    "progress:unit_requests": ("get", lambda w, r: [w["unit_id"]], {}),
    "progress:request_detail": ("get", lambda w, r: [w["request"].pk], {}),
    "reviews:queue": ("get", lambda w, r: [], {}),
    "reviews:review_version": ("get", lambda w, r: [w["versions"].get(r, w["version"]).pk], {}),
    "supervision:status_overview": ("get", lambda w, r: [], {}),
    "supervision:ledger_print": ("get", lambda w, r: [], {}),
    "supervision:ledger_export": ("get", lambda w, r: [], {}),
    "supervision:my_reminders": ("get", lambda w, r: [], {}),
    "notices:centre": ("get", lambda w, r: [], {}),
    "notices:preferences": ("get", lambda w, r: [], {}),
    "notices:open": ("get", lambda w, r: [w["notices"][r].pk], {}),  # each person's own notice
    "notices:read": ("post", lambda w, r: [w["notices"][r].pk], {}),
    "notices:read_all": ("post", lambda w, r: [], {}),
    "supervision:status_recompute": ("post", lambda w, r: [], {"period": "2019-06"}),
    "supervision:urge_send": ("post", lambda w, r: [], {"scope": "selected"}),
    "supervision:bulletin_list": ("get", lambda w, r: [], {}),
    "supervision:bulletin_detail": ("get", lambda w, r: [w["bulletin"].pk], {}),
    "supervision:bulletin_file": ("get", lambda w, r: [w["bulletin"].pk, "html"], {}),
    "supervision:bulletin_render": ("get", lambda w, r: [rendered(w, r)], {}),
    "supervision:bulletin_render_file": ("get", lambda w, r: [rendered(w, r)], {}),
    "supervision:bulletin_render_requeue": ("post", lambda w, r: [rendered(w, r)], {}),
    "supervision:bulletin_new": ("post", lambda w, r: [], {"period": "2019-04"}),
    "supervision:bulletin_issue": ("post", lambda w, r: [w["draft"].pk], {}),
    "supervision:bulletin_publish": ("post", lambda w, r: [w["bulletin"].pk], {"confirmed": "yes"}),
    "supervision:bulletin_text": (
        "post",
        lambda w, r: [w["draft"].pk],
        {"preface": "", "closing": "请落实。", "attachments": ""},
    ),
    "supervision:case_list": ("get", lambda w, r: [], {}),
    "supervision:case_detail": ("get", lambda w, r: [w["case"].pk], {}),
    "supervision:case_step_file": ("get", lambda w, r: [w["case_step"].pk], {}),
    "supervision:case_open": ("post", lambda w, r: [], {"unit": "UNIT", "trigger": "约谈"}),
    "supervision:case_print": ("get", lambda w, r: [w["case"].pk], {}),
    "supervision:task_print": ("get", lambda w, r: [w["task"].pk], {}),
    "supervision:case_document_issue": ("post", lambda w, r: [w["case"].pk], {"kind": "reminder", "confirmed": "yes"}),
    "supervision:case_document_file": ("get", lambda w, r: [case_document(w).pk, "pdf"], {}),
    "dashboard:index": ("get", lambda w, r: [], {}),
    "assessment:assessment_list": ("get", lambda w, r: [], {}),
    "assessment:assessment_detail": ("get", lambda w, r: [w["assessment"].pk], {}),
    "assessment:unit_detail": ("get", lambda w, r: [w["assessment"].pk, w["unit_id"]], {}),
    "assessment:appeal_detail": ("get", lambda w, r: [w["assessment"].pk, w["appeal"].pk], {}),
    "assessment:appeal_file": ("get", lambda w, r: [w["assessment"].pk, w["appeal"].pk], {}),
    "assessment:record_list": ("get", lambda w, r: [], {}),
    "assessment:record_detail": ("get", lambda w, r: [w["cadre"].pk], {}),
    "assessment:assessment_action": ("post", lambda w, r: [w["assessment"].pk, "recompute"], {}),
    "assessment:assessment_export": ("get", lambda w, r: [w["assessment"].pk], {}),
    "assessment:year_report_issue": ("post", lambda w, r: [w["assessment"].pk], {"confirmed": "yes"}),
    "assessment:year_report_file": ("get", lambda w, r: [year_report(w).assessment_id, "pdf"], {}),
}


def test_every_url_pattern_is_asked():
    asked = {name if not name.startswith("admin:") else "admin:*" for name in REQUESTS}
    missing = [n for n in url_patterns() if n not in asked and not (n.startswith("admin:") and "admin:*" in asked)]
    assert not missing, f"URL patterns the matrix does not ask: {missing}"


@pytest.fixture
def world(work_report):
    """Annex 1 row 1 (地区生产总值, led by 区发改经信局, verified by 区统计局) with a submitted report carrying
    evidence, and a coordination request; row 11 (led by 区城管局, routed to 区发改经信局) submitted, for the
    construction reviewer; an August draft with evidence each unit role may withdraw; an issued bulletin and a
    draft; a case with a step on 区发改经信局; the year's assessment published with 区发改经信局's appeal; the demo
    register of cadres; a proposed administrator approval; one account per role."""
    users = {role: make_user(role, role, unit) for role, unit in UNITS.items()}
    reporter, head, supervisor = users[Role.REPORTER], users[Role.UNIT_HEAD], users[Role.SUPERVISOR]
    task = work_report.tasks.get(seq="1")
    report = services.report_open(task=task, period=JUNE, user=reporter)
    evidence = services.evidence_add(report=report, user=reporter, content=PNG, file_name="照片.png")
    version = submitted(task, reporter, head, p0="5.9")
    august = services.report_open(task=task, period=JUNE.replace(month=8), user=reporter)
    withdrawable = {
        role: services.evidence_add(report=august, user=users[role], content=PNG, file_name=f"{role}.png")
        for role in (Role.REPORTER, Role.UNIT_HEAD)
    }
    cg = (make_user("cg", Role.REPORTER, "区城管局"), make_user("cg_head", Role.UNIT_HEAD, "区城管局"))
    construction = submitted(work_report.tasks.get(seq="11"), *cg)
    request = services.request_raise(task=task, user=reporter, subject="用地指标", needed="需协调用地指标")
    services.schedule_generate_default(task=task, actor=supervisor)
    bulletin = supervision.bulletin_issue(
        bulletin=supervision.bulletin_draft(period=JUNE, user=supervisor), user=supervisor
    )
    supervision.bulletin_publish(bulletin=bulletin, user=supervisor)  # on the portal
    draft = supervision.bulletin_draft(period=JUNE.replace(month=5), user=supervisor)
    inspector = users[Role.INSPECTOR]
    case = supervision.case_open(unit=reporter.unit, tasks=[task], trigger="提醒", user=inspector)
    step_file = supervision.StepFile(PNG, "单.png")
    case_step = supervision.case_step(case=case, kind="order", note="督办单", user=inspector, attachment=step_file)
    assessment = assessment_run(year=2019, user=supervisor)
    assessment_open_appeals(assessment=assessment, user=supervisor, deadline=timezone.localdate())
    appeal = appeal_submit(
        assessment=assessment, user=head, reason="请按核定数计分。", content=PNG, file_name="证明.png"
    )
    cadres_demo_ensure()
    target = make_user("old_admin", Role.AUDITOR, "区委办公室")
    approval = approval_propose(
        actor=users[Role.ADMIN], user=target, kind="password", reason="遗忘", password="Xx-12345678"
    )
    notices = {
        role: notice_send(recipients=[user], kind=NoticeKind.RETURNED, title="报告被退回", body="请核实", url="/desk/")[
            0
        ]
        for role, user in users.items()
    }
    cooperated = next(t for t in work_report.tasks.all() if reporter.unit_id in task_unit_ids(t, UnitRole.COOPERATING))
    return {
        "users": users, "task": task, "report": report, "evidence": evidence, "version": version,
        "versions": {Role.CONSTRUCTION_REVIEWER: construction}, "request": request, "withdrawable": withdrawable,
        "schedule": ScheduleRevision.objects.get(task=task, state=ScheduleState.PROPOSED),
        "bulletin": bulletin, "draft": draft, "case": case, "case_step": case_step,
        "assessment": assessment, "unit_id": reporter.unit_id, "appeal": appeal,
        "cadre": Cadre.objects.first(), "approval": approval, "cooperated": cooperated,
        "notices": notices,
    }  # fmt: skip


def case_document(world: dict):
    """The case's 督办单, issued the first time a recipe asks for it (a PDF takes a moment to render)."""
    if "case_document" not in world:
        inspector = world["users"][Role.INSPECTOR]
        world["case_document"] = supervision.case_document_issue(case=world["case"], kind="order", user=inspector)
    return world["case_document"]


def year_report(world: dict):
    """The assessment's year-end report, issued (the appeal decided, the assessment finalised) the first time a
    recipe asks for it."""
    if "year_report" not in world:
        supervisor = world["users"][Role.SUPERVISOR]
        appeal_decide(appeal=world["appeal"], user=supervisor, accept=False, decision="按核定数计分无误。")
        assessment = assessment_finalise(assessment=world["assessment"], user=supervisor)
        world["year_report"] = year_report_issue(assessment=assessment, user=supervisor)
    return world["year_report"]


def answer(status: int) -> str:
    return "allowed" if status in (200, 302) else "refused" if status in (403, 404) else str(status)


@pytest.mark.parametrize("name", sorted(REQUESTS))
def test_every_page_answers_each_role_as_the_duties_table_says(client, world, name):
    method, args, form = REQUESTS[name]
    view_name = "admin:index" if name == "admin:*" else name
    expected, got = {}, {}
    for role in Role.values:
        client.force_login(world["users"][role])
        url = reverse(view_name, args=args(world, role))
        data = {k: world["unit_id"] if v == "UNIT" else v for k, v in form.items()}
        got[role] = answer(getattr(client, method)(url, data).status_code)
        expected[role] = "allowed" if duties.page_allows(role, view_name) else "refused"
    assert got == expected


#: Objects of 区发改经信局 that a unit head of another unit (区教育局) may not reach, whatever its role allows.
OTHER_UNITS_OBJECTS = [
    "progress:report_detail",
    "progress:evidence_download",
    "progress:request_detail",
    "supervision:case_detail",
    "supervision:case_step_file",
    "supervision:case_document_file",
    "supervision:case_print",
    "assessment:unit_detail",
    "assessment:appeal_detail",
    "assessment:appeal_file",
]


def test_another_unit_does_not_reach_a_units_objects(client, world):
    client.force_login(make_user("jyj", Role.UNIT_HEAD, "区教育局"))
    got = {
        name: client.get(reverse(name, args=REQUESTS[name][1](world, None))).status_code for name in OTHER_UNITS_OBJECTS
    }
    assert got == dict.fromkeys(OTHER_UNITS_OBJECTS, 404)


def test_another_unit_cannot_touch_a_report_by_editing_ids(client, world):
    client.force_login(make_user("jyj", Role.UNIT_HEAD, "区教育局"))
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
