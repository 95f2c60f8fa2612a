"""Background work, run by the task worker (``dukao db_worker``)."""

from datetime import date

from django.tasks import task

from dukao.supervision.reminders import reminders_send
from dukao.supervision.services import status_recompute_day


@task()
def send_reminders_task(today: str) -> dict[str, int]:
    """Send the reminders due on ``today`` (ISO date)."""
    return reminders_send(date.fromisoformat(today))


@task()
def status_recompute_task(today: str) -> dict[str, dict[str, int]]:
    """Recompute the statuses of the periods ``today`` (ISO date) decides (``status_recompute_day``)."""
    counts = status_recompute_day(today=date.fromisoformat(today))
    return {period.isoformat(): by_status for period, by_status in counts.items()}
