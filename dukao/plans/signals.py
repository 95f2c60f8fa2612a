"""The domain signal that a task's facts changed (a sign-off, a review, an approved schedule, corrected
indicators). Apps to the right listen (``supervision`` recomputes the tasks' statuses); the apps that send it
import nothing to their right."""

from datetime import date
from functools import partial
from typing import Any

from django.db import transaction
from django.dispatch import Signal

#: Sent once the transaction that changed the facts has committed; ``sender`` is the action (``"review.verify"``),
#: the arguments ``task_ids``, ``since`` (the first period whose statuses may change; None: the whole year) and
#: ``actor`` (the user, or None).
task_facts_changed = Signal()


def task_facts_changed_on_commit(*, action: str, task_ids: list[int], since: date | None, actor: Any) -> None:
    """Send ``task_facts_changed`` after the current transaction commits (nothing when it rolls back). A receiver
    that fails is logged, never undoes or hides the committed write (``robust``)."""
    send = partial(task_facts_changed.send, sender=action, task_ids=list(task_ids), since=since, actor=actor)
    transaction.on_commit(send, robust=True)
