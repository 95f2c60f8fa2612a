"""Who may read and write reports, schedules and requests: the one place these rules live. Views and
services both ask here; selectors filter querysets by the same rules (``progress.selectors``).

Rules (the seed notice's first paragraph; docs/reporting.md, "Permissions"): a unit's 填报员 drafts the reports
of the tasks it leads and its 单位负责人 signs them off; cooperating units add contribution notes; each indicator's
verifier (区统计局, 区发改经信局 or 区政府办公室) reviews it; 区政府办公室 approves schedules and handles
coordination requests; supervisors, inspectors, evaluators and administrators read everything; nobody writes another
unit's report.
"""

from dukao.accounts import duties
from dukao.accounts.models import Role, User
from dukao.accounts.permissions import READ_ALL_ROLES, may
from dukao.plans.models import Task, UnitRole
from dukao.plans.selectors import task_unit_ids
from dukao.progress.models import CoordinationRequest, ProgressReport, ReportState, RequestState

UNIT_ROLES = duties.roles("reports.write")
REVIEWER_ROLES = duties.roles("reviews.verify")
#: Indicators without a verifier are verified by 区政府办公室 (the seed notice's supervisor of progress).
DEFAULT_VERIFIER = "区政府办公室"


def reads_everything(user: User) -> bool:
    return user.is_authenticated and user.role in READ_ALL_ROLES


def leads(user: User, task: Task) -> bool:
    """The user's unit leads the task (directly or through a group)."""
    return user.unit_id is not None and user.unit_id in task_unit_ids(task, UnitRole.LEAD)


def can_report_on(user: User, task: Task) -> bool:
    """A unit reporter or unit head of a lead unit may open and draft the task's reports (not on a task 已撤销)."""
    return user.role in UNIT_ROLES and not task.is_withdrawn and leads(user, task)


def can_contribute(user: User, task: Task) -> bool:
    """A cooperating unit's reporter or head may add a contribution note."""
    return user.role in UNIT_ROLES and user.unit_id in task_unit_ids(task, UnitRole.COOPERATING)


def can_edit_draft(user: User, report: ProgressReport) -> bool:
    """The reporting unit's own reporter or head, while the report is a draft or returned."""
    editable = report.state in {ReportState.DRAFT, ReportState.RETURNED}
    return editable and user.role in UNIT_ROLES and report.unit_id == user.unit_id


def can_submit(user: User, report: ProgressReport) -> bool:
    """Only the reporting unit's head signs a report off (submits it)."""
    return can_edit_draft(user, report) and user.role == Role.UNIT_HEAD


def can_correct(user: User, report: ProgressReport) -> bool:
    """Only the reporting unit's head reopens its verified report for a correction (更正): the unit answers for its
    own figures; the corrected version is verified again by the indicators' verifiers."""
    verified = report.state == ReportState.VERIFIED
    return verified and user.role == Role.UNIT_HEAD and report.unit_id == user.unit_id


def can_review(user: User, verifying_unit_id: int | None) -> bool:
    """A reviewer of the unit that verifies the indicator on this report (``progress.verifiers.verifying_unit_id``:
    never the reporting unit)."""
    return user.role in REVIEWER_ROLES and user.unit_id is not None and user.unit_id == verifying_unit_id


def can_decide_schedules(user: User) -> bool:
    """区政府办公室 approves schedules."""
    return may(user, "schedules.decide")


def can_handle_requests(user: User) -> bool:
    """区政府办公室 assigns, answers and closes coordination requests."""
    return may(user, "requests.handle")


def can_answer_request(user: User, request: CoordinationRequest) -> bool:
    """区政府办公室, or the reporter or head of the unit the request is assigned to (while it is assigned)."""
    if can_handle_requests(user):
        return True
    assigned = request.state == RequestState.ASSIGNED and request.assigned_to_id is not None
    return assigned and user.role in UNIT_ROLES and user.unit_id == request.assigned_to_id
