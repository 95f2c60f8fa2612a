"""Statuses follow the facts: when a task's facts change (``plans.signals.task_facts_changed``, sent after the
transaction commits), its stored statuses are recomputed, and its early-warning light."""

from django.dispatch import receiver

from dukao.plans.signals import task_facts_changed
from dukao.supervision.early_warnings import warnings_follow
from dukao.supervision.services import status_refresh


@receiver(task_facts_changed, dispatch_uid="supervision.statuses_follow_facts")
def statuses_follow_facts(sender: str, *, task_ids: list[int], since, actor, **kwargs) -> None:
    status_refresh(task_ids=task_ids, since=since, trigger=sender, actor=actor)


@receiver(task_facts_changed, dispatch_uid="supervision.warnings_follow_facts")
def warnings_follow_facts(sender: str, *, task_ids: list[int], **kwargs) -> None:
    warnings_follow(task_ids)
