"""Background work, run by the task worker (``dukao db_worker``): reminders, early warnings, statuses, and the
renders of draft bulletins' Word and PDF files (``services.bulletin_render_request``)."""

from datetime import date

from django.tasks import task

from dukao.supervision import services
from dukao.supervision.early_warnings import warnings_send
from dukao.supervision.reminders import reminders_send


@task()
def send_reminders_task(today: str) -> dict[str, int]:
    """Send the reminders due on ``today`` (ISO date)."""
    return reminders_send(date.fromisoformat(today))


@task()
def warnings_send_task(today: str) -> dict[str, int]:
    """Refresh the early-warning lights as of ``today`` (ISO date) and tell of the new ones."""
    return warnings_send(today=date.fromisoformat(today))


@task()
def status_recompute_task(today: str) -> dict[str, dict[str, int]]:
    """Recompute the statuses of the periods ``today`` (ISO date) decides (``status_recompute_day``)."""
    counts = services.status_recompute_day(today=date.fromisoformat(today))
    return {period.isoformat(): by_status for period, by_status in counts.items()}


@task()
def bulletin_render_task(render_id: int) -> str:
    return services.bulletin_render_run(render_id)
