"""Separation of duties (职责分离, GB/T 22239-2019 8.1.4.2 c/d): the one table of which role does which work, and
which page or action is which work. Pure Python: roles are ``Role`` values, actions names, pages URL names.

Each role does its own work only. The units report (填报员, 单位负责人); the verifiers verify (统计审核员,
工程评估员, 区政府办公室's 督查员); 区政府办公室 supervises, 区纪委 inspects, 区委办公室 evaluates. Of the three
administrators (三员), the system administrator keeps accounts, units and the plans' data (no reports, cases,
bulletins, reviews or scores); the security administrator roles, unlocks and second-factor resets (no imports,
no business pages); the audit administrator the audit trail only.

``DutyMiddleware`` answers 403 to a signed-in user whose role the page's action does not allow, and refuses any
page without an entry here; the permission checks of each app ask ``allows``; ``tests/test_permission_matrix.py``
is generated from these tables and Django's URL resolver.
"""

REPORTER, UNIT_HEAD = "reporter", "unit_head"
STATS, CONSTRUCTION, SUPERVISOR = "stats_reviewer", "construction_reviewer", "supervisor"
INSPECTOR, EVALUATOR = "inspector", "evaluator"
AUDITOR, ADMIN, SECURITY_ADMIN = "auditor", "admin", "security_admin"

UNIT = frozenset({REPORTER, UNIT_HEAD})
VERIFIERS = frozenset({STATS, CONSTRUCTION, SUPERVISOR})
OVERSIGHT = frozenset({SUPERVISOR, INSPECTOR, EVALUATOR})
BUSINESS = UNIT | VERIFIERS | OVERSIGHT
ADMINISTRATORS = frozenset({ADMIN, SECURITY_ADMIN, AUDITOR})
EVERY_ROLE = BUSINESS | ADMINISTRATORS

#: Pages that need no signed-in role (sign-in, language, the public portal).
PUBLIC = "public"

#: action → the roles that may do it.
DUTIES: dict[str, frozenset[str]] = {
    # Everyone signed in: the own account and the 工作台 (administrators are sent on to their own pages).
    "account.own": EVERY_ROLE,
    "desk.home": EVERY_ROLE,
    # The three administrators.
    "accounts.approve": ADMINISTRATORS,  # two-person approval of administrators' accounts
    "admin.site": frozenset({ADMIN, SECURITY_ADMIN}),  # per model: accounts.permissions.admin_may
    "accounts.passwords": frozenset({ADMIN}),  # issuing passwords: not the one who resets second factors
    "audit.read": frozenset({AUDITOR}),
    # The plans' data: read by the business roles and the system administrator, imported by the latter.
    "plans.read": BUSINESS | {ADMIN},
    "plans.import": frozenset({ADMIN}),
    "plans.indicators": frozenset({SUPERVISOR, ADMIN}),
    "cadres.read": OVERSIGHT | {ADMIN},
    "cadres.import": frozenset({SUPERVISOR, ADMIN}),
    # Reporting and its follow-up.
    "reports.read": BUSINESS,  # per report: progress.selectors.visible_reports
    "reports.read_all": OVERSIGHT,
    "reports.write": UNIT,
    "reports.sign_off": frozenset({UNIT_HEAD}),
    "schedules.decide": frozenset({SUPERVISOR}),
    "requests.read": UNIT | OVERSIGHT,
    "requests.handle": frozenset({SUPERVISOR}),
    # Verification (核定).
    "reviews.verify": VERIFIERS,
    "reviews.read": VERIFIERS | OVERSIGHT,
    # Supervision: statuses, bulletins, cases.
    "status.read": BUSINESS,
    "status.recompute": frozenset({SUPERVISOR}),
    "urge.send": frozenset({SUPERVISOR}),
    "bulletins.read": BUSINESS,
    "bulletins.draft": frozenset({SUPERVISOR}),
    "cases.read": UNIT | OVERSIGHT,
    "cases.handle": frozenset({INSPECTOR}),
    "dashboard.read": OVERSIGHT,
    # The year-end assessment (scores).
    "scores.read": UNIT | OVERSIGHT,
    "scores.read_all": OVERSIGHT,
    "scores.run": frozenset({SUPERVISOR}),
    "scores.export": frozenset({SUPERVISOR, EVALUATOR}),
}

#: URL name (``namespace:name``; a whole namespace as ``namespace:*``) → action.
PAGES: dict[str, str] = {
    "root": PUBLIC,
    "login": PUBLIC,
    "logout": PUBLIC,
    "accounts:dingtalk_start": PUBLIC,
    "accounts:dingtalk_callback": PUBLIC,
    "set_language": PUBLIC,
    "portal:*": PUBLIC,
    "admin:*": "admin.site",
    "accounts:otp_verify": "account.own",
    "accounts:otp_setup": "account.own",
    "accounts:password_change": "account.own",
    "accounts:approval_list": "accounts.approve",
    "accounts:approval_decide": "accounts.approve",
    "audit:event_list": "audit.read",
    "audit:event_export": "audit.read",
    "desk:home": "desk.home",
    "desk:sign_off": "reports.sign_off",
    "plans:plan_list": "plans.read",
    "plans:plan_detail": "plans.read",
    "plans:plan_export": "plans.read",
    "plans:task_detail": "plans.read",
    "plans:unit_list": "plans.read",
    "plans:unit_detail": "plans.read",
    "plans:plan_import": "plans.import",
    "plans:plan_import_confirm": "plans.import",
    "plans:task_indicators": "plans.indicators",
    "plans:cadre_list": "cadres.read",
    "plans:cadre_detail": "cadres.read",
    "plans:cadre_export": "cadres.read",
    "plans:cadre_import": "cadres.import",
    "plans:cadre_import_confirm": "cadres.import",
    "progress:task_progress": "reports.read",
    "progress:schedule_page": "reports.read",
    "progress:report_detail": "reports.read",
    "progress:evidence_download": "reports.read",
    "progress:report_page": "reports.write",
    "progress:contribution_add": "reports.write",
    "progress:evidence_upload": "reports.write",
    "progress:evidence_withdraw": "reports.write",
    "progress:report_correct": "reports.sign_off",
    "progress:schedule_decide": "schedules.decide",
    "progress:request_new": "reports.write",
    "progress:request_list": "requests.read",
    "progress:unit_requests": "requests.read",
    "progress:request_detail": "requests.read",
    "reviews:queue": "reviews.verify",
    "reviews:review_version": "reviews.read",
    "supervision:status_overview": "status.read",
    "supervision:ledger_print": "status.read",
    "supervision:ledger_export": "status.read",
    "supervision:my_reminders": "status.read",
    "notices:*": "account.own",  # each person's own notices and channels
    "supervision:status_recompute": "status.recompute",
    "supervision:urge_send": "urge.send",
    "supervision:bulletin_list": "bulletins.read",
    "supervision:bulletin_detail": "bulletins.read",
    "supervision:bulletin_file": "bulletins.read",
    "supervision:bulletin_render": "bulletins.read",
    "supervision:bulletin_render_file": "bulletins.read",
    "supervision:bulletin_render_requeue": "bulletins.read",
    "supervision:bulletin_new": "bulletins.draft",
    "supervision:bulletin_issue": "bulletins.draft",
    "supervision:bulletin_publish": "bulletins.draft",
    "supervision:bulletin_text": "bulletins.draft",
    "supervision:case_list": "cases.read",
    "supervision:case_detail": "cases.read",
    "supervision:case_step_file": "cases.read",
    "supervision:case_open": "cases.handle",
    "supervision:case_document_issue": "cases.handle",
    "supervision:case_print": "cases.read",
    "supervision:task_print": "status.read",
    "supervision:case_document_file": "cases.read",
    "dashboard:index": "dashboard.read",
    "assessment:assessment_list": "scores.read",
    "assessment:assessment_detail": "scores.read",
    "assessment:year_report_issue": "scores.run",
    "assessment:year_report_file": "scores.export",
    "assessment:unit_detail": "scores.read",
    "assessment:appeal_detail": "scores.read",
    "assessment:appeal_file": "scores.read",
    "assessment:record_list": "scores.read_all",
    "assessment:record_detail": "scores.read_all",
    "assessment:assessment_action": "scores.run",
    "assessment:assessment_export": "scores.export",
}

#: Where the 工作台 sends an administrator: their own work.
LANDING = {ADMIN: "admin:index", SECURITY_ADMIN: "admin:index", AUDITOR: "audit:event_list"}


def roles(action: str) -> frozenset[str]:
    """The roles that may do ``action`` (KeyError for an undeclared action: a typo is not a refusal)."""
    return DUTIES[action]


def allows(role: str, action: str) -> bool:
    return role in roles(action)


def page_action(view_name: str | None) -> str | None:
    """The action of the page named ``view_name`` ("plans:plan_import"), or of its whole namespace; None when
    the page has no entry (``DutyMiddleware`` then refuses it)."""
    if not view_name:
        return None
    namespace = view_name.rpartition(":")[0]
    return PAGES.get(view_name) or (PAGES.get(f"{namespace}:*") if namespace else None)


def page_allows(role: str, view_name: str | None) -> bool:
    """Whether a signed-in user with ``role`` may open the page ``view_name``."""
    action = page_action(view_name)
    return action == PUBLIC or (action is not None and allows(role, action))
