"""State for the dashboard's tests: the demo half-year on the seed (statuses from the real engine), a period
whose statuses are spread over every status and gap, and a city-sized plan added to the seed."""

from datetime import date
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from dukao.accounts.models import Role, User
from dukao.plans.models import Plan, PlanKind, Task, TaskUnit, UnitRole
from dukao.supervision.models import TaskStatus
from dukao.supervision.rules import Status
from dukao.units.models import Unit, UnitGroup
from tests.conftest import make_user

MAY, SEPTEMBER = date(2019, 5, 1), date(2019, 9, 1)


@pytest.fixture
def demo(seed) -> dict[str, User]:
    """The demo accounts and their half-year (statuses of January to June computed by ``status_recompute``)."""
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    return {u.username: u for u in User.objects.all()}


@pytest.fixture
def evaluator(db) -> User:
    """区委办公室's evaluator: reads every task for the comprehensive evaluation."""
    return make_user("kp", Role.EVALUATOR, "区委办公室")


def statuses_for(tasks: list[Task], period: date) -> list[TaskStatus]:
    """Statuses of ``period`` spread over every status; the lagging ones with gaps from −3 to −57 points, and
    every fifth 严重滞后 without a gap (a milestone overdue)."""
    cycle = list(Status)
    rows = []
    for i, task in enumerate(tasks):
        status = cycle[i % len(cycle)]
        gap = None if status == Status.SERIOUSLY_BEHIND and i % 5 == 0 else Decimal(-3 - (i * 7) % 55)
        rows.append(
            TaskStatus(
                task=task,
                period=period,
                status=status,
                gap=gap if status in (Status.BEHIND, Status.SERIOUSLY_BEHIND) else None,
                reason="测试",
                computed_at=timezone.now(),
            )
        )
    return TaskStatus.objects.bulk_create(rows)


@pytest.fixture
def spread(seed) -> date:
    """September 2019: the seed's 163 tasks spread over every status; one task led by 各街道办事处 as a group
    as well as by one of its members directly, one by the group alone. Returns the period."""
    tasks = list(Task.objects.order_by("plan__kind", "position"))
    statuses_for(tasks, SEPTEMBER)
    streets = UnitGroup.objects.get(name="各街道办事处")
    member = streets.members.order_by("name").first()
    both, group_only = tasks[0], tasks[1]
    TaskUnit.objects.create(task=both, role=UnitRole.LEAD, position=8, unit=member)
    TaskUnit.objects.create(task=both, role=UnitRole.LEAD, position=9, group=streets)
    TaskUnit.objects.create(task=group_only, role=UnitRole.LEAD, position=9, group=streets)
    return SEPTEMBER


def add_city(tasks: int = 600, units: int = 90) -> Plan:
    """A city-sized plan for 2019 next to the seed: ``tasks`` tasks of every type, led by ``units`` new units
    (some jointly), each with a September status."""
    plan = Plan.objects.create(title="某市2019年目标任务分解表", year=2019, kind=PlanKind.OTHER, annex_no=3)
    made_units = Unit.objects.bulk_create(Unit(name=f"市测试单位{i:03d}") for i in range(units))
    made_tasks = Task.objects.bulk_create(
        Task(plan=plan, position=i, seq=str(i + 1), name=f"市任务{i + 1}", target_type="ABC "[i % 4].strip())
        for i in range(tasks)
    )
    links = [
        TaskUnit(task=t, role=UnitRole.LEAD, position=0, unit=made_units[i % units]) for i, t in enumerate(made_tasks)
    ]
    links += [
        TaskUnit(task=t, role=UnitRole.LEAD, position=1, unit=made_units[(i + 1) % units])
        for i, t in enumerate(made_tasks[::3])
    ]
    TaskUnit.objects.bulk_create(links)
    statuses_for(made_tasks, SEPTEMBER)
    return plan
