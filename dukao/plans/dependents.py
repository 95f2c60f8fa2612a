"""What hangs on a task: the records of other apps that refer to it or to its indicators (reports, statuses,
supervision cases, scores, appeals, adjustments, coordination requests, schedules, reminders…).

Read from the models' reverse relations, so this app names none of the apps to its right and a record type
added later is counted without a change here. A task's own parts (its unit links, its indicators, the
same-work and cadre links) are not records hanging on it."""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Model
from django.db.models.fields.reverse_related import ForeignObjectRel
from django.utils import translation

from dukao.plans.models import Indicator, Task, TaskUnit

_OWN_PARTS = {Task, TaskUnit, Indicator}


@dataclass(frozen=True)
class Hanging:
    """``count`` records of one kind (``label``, the model's Chinese verbose name: the import report and the
    audit trail are written in Chinese) that refer to a task."""

    label: str
    count: int

    def __str__(self) -> str:
        return f"{self.label}（{self.count}）"


def _relations(model: type[Model]) -> list[ForeignObjectRel]:
    """The relations by which records of other kinds refer to ``model`` (auto-created link tables excluded)."""
    return [
        rel
        for rel in model._meta.get_fields(include_hidden=True)
        if isinstance(rel, ForeignObjectRel)
        and rel.related_model not in _OWN_PARTS
        and not rel.related_model._meta.auto_created
    ]


def task_dependents(task_ids: list[int]) -> dict[int, list[Hanging]]:
    """``{task id: [Hanging, …]}`` for the tasks among ``task_ids`` that anything hangs on (one query per kind
    of record); a task that nothing hangs on is absent."""
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    if not task_ids:
        return {}
    for model, to_task in ((Task, ""), (Indicator, "__task")):
        for rel in _relations(model):
            key = f"{rel.field.name}{to_task}"
            rows = (
                rel.related_model._base_manager.filter(**{f"{key}__in": task_ids})
                .order_by()
                .values_list(key)
                .annotate(n=Count("pk", distinct=True))
            )
            with translation.override(settings.LANGUAGE_CODE):
                label = str(rel.related_model._meta.verbose_name)
            for task_id, n in rows:
                counts[task_id][label] = counts[task_id].get(label, 0) + n
    return {task_id: [Hanging(label, n) for label, n in kinds.items()] for task_id, kinds in counts.items()}
