"""Background work of notices, run by the task worker (``dukao db_worker``)."""

from datetime import datetime, timedelta

from django.conf import settings
from django.tasks import task
from django.utils import timezone

from dukao.notices import rules
from dukao.notices.delivery import delivery_attempt
from dukao.notices.models import DeliveryStatus


def delivery_schedule(delivery_id: int, due_at: datetime | None = None) -> None:
    """Queue a delivery for the worker, not before ``due_at`` (after quiet hours, or a retry's wait)."""
    queued = deliver_task.using(run_after=due_at) if due_at and due_at > timezone.now() else deliver_task
    queued.enqueue(delivery_id)


@task()
def deliver_task(delivery_id: int) -> str:
    """Try the delivery; after a refusal, queue the next try after its wait while one is left."""
    delivery = delivery_attempt(delivery_id)
    if delivery.status == DeliveryStatus.PENDING:
        wait = rules.retry_wait(delivery.attempts, settings.DUKAO_NOTICE_RETRY_SECONDS)
        delivery_schedule(delivery_id, timezone.now() + timedelta(seconds=wait))
    return delivery.status
