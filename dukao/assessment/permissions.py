"""Who may run, read, appeal and decide an assessment: the one place these rules live.

Seed notice, last paragraph: 区政府办公室 runs the year-end assessment (it supervises progress all year); 区委办公室
takes the results into the 综合考评 (evaluators read and export them); 区纪委 follows every task (inspectors read).
A unit sees its own scores once the appeal window opens, and its head may appeal within the window.
"""

from datetime import date

from dukao.accounts.models import Role, User
from dukao.accounts.permissions import may
from dukao.assessment.models import Assessment, AssessmentState


def can_run(user: User) -> bool:
    """区政府办公室 (supervisors) run, recompute, adjust and finalise assessments."""
    return may(user, "scores.run")


def can_read_all(user: User) -> bool:
    """Supervisors, inspectors and evaluators read every unit's scores (no administrator: scores are not theirs)."""
    return may(user, "scores.read_all")


def can_export(user: User) -> bool:
    """区委办公室's evaluators take the export into the 综合考评; 区政府办公室 too."""
    return may(user, "scores.export")


def can_read_unit(user: User, assessment: Assessment, unit_id: int) -> bool:
    """Everyone who reads all scores; a unit's own staff once the scores are published (appeal window on)."""
    if can_read_all(user):
        return True
    published = assessment.state != AssessmentState.DRAFT
    return published and user.is_authenticated and user.unit_id == unit_id


def can_appeal(user: User, assessment: Assessment, today: date) -> bool:
    """A unit head, while the window is open (deadline day included)."""
    window = assessment.state == AssessmentState.APPEALS and (
        assessment.appeal_deadline is None or today <= assessment.appeal_deadline
    )
    return window and user.is_authenticated and user.role == Role.UNIT_HEAD and user.unit_id is not None
