"""Background work, run by the task worker (``dukao db_worker``)."""

from datetime import date

from django.tasks import task

from dukao.supervision.reminders import reminders_send


@task()
def send_reminders_task(today: str) -> dict[str, int]:
    """Send the reminders due on ``today`` (ISO date)."""
    return reminders_send(date.fromisoformat(today))
