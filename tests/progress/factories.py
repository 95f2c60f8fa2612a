"""Build report state by calling the real services (never by writing rows by hand)."""

import uuid
from datetime import date

from dukao.plans.models import Task
from dukao.progress import services

JUNE = date(2019, 6, 1)


def values_for(task: Task, **by_position) -> dict:
    """Draft values keyed by indicator id from values given by indicator position: ``values_for(t, p0="3.1")``."""
    indicators = list(task.indicators.all())
    return {str(indicators[int(k[1:])].pk): {"value": v} for k, v in by_position.items()}


def draft(task: Task, reporter, period: date = JUNE, narrative: str = "按计划推进。", **values):
    """Open the unit's report and save a draft; returns the report."""
    report = services.report_open(task=task, period=period, user=reporter)
    return services.report_save_draft(
        report=report,
        user=reporter,
        base_revision=report.draft_revision,
        values=values_for(task, **values),
        narrative=narrative,
        problems="",
        next_steps="",
    )


def submitted(task: Task, reporter, head, period: date = JUNE, **values):
    """A report drafted by ``reporter`` and signed off by ``head``; returns the version."""
    report = draft(task, reporter, period, **values)
    return services.report_submit(
        report=report, user=head, idempotency_key=uuid.uuid4().hex, base_revision=report.draft_revision
    )
