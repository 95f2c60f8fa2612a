"""Writes on accounts."""

from dataclasses import dataclass

from django.db import transaction

from dukao.accounts.models import Role, User
from dukao.units.models import Unit

#: The password of every demo account. Demo accounts exist only where ``make demo`` created them.
DEMO_PASSWORD = "Dukao@2019"


@dataclass(frozen=True)
class DemoAccount:
    username: str
    full_name: str
    role: Role
    unit: str


#: One account per role, in the units the seed notice gives each duty (README lists them).
DEMO_ACCOUNTS = (
    DemoAccount("reporter", "张填报", Role.REPORTER, "区发改经信局"),
    DemoAccount("unithead", "李负责", Role.UNIT_HEAD, "区发改经信局"),
    DemoAccount("stats", "王统计", Role.STATS_REVIEWER, "区统计局"),
    DemoAccount("construction", "赵评估", Role.CONSTRUCTION_REVIEWER, "区发改经信局"),
    DemoAccount("supervisor", "陈督查", Role.SUPERVISOR, "区政府办公室"),
    DemoAccount("inspector", "周监督", Role.INSPECTOR, "区纪委(区监委)"),
    DemoAccount("evaluator", "吴考评", Role.EVALUATOR, "区委办公室"),
    DemoAccount("auditor", "冯审计", Role.AUDITOR, "区委办公室"),
    DemoAccount("admin", "郑管理", Role.ADMIN, "区政府办公室"),
)


@transaction.atomic
def demo_accounts_ensure() -> list[tuple[DemoAccount, bool]]:
    """Create (or reset to the demo password) one account per role. Returns ``[(account, created)]``.

    Raises ``Unit.DoesNotExist`` when the unit registry has not been loaded (run ``dukao migrate``).
    """
    result = []
    for account in DEMO_ACCOUNTS:
        user, created = User.objects.update_or_create(
            username=account.username,
            defaults={
                "last_name": account.full_name[0],
                "first_name": account.full_name[1:],
                "role": account.role,
                "unit": Unit.objects.get(name=account.unit),
                "is_staff": account.role == Role.ADMIN,
                "is_superuser": account.role == Role.ADMIN,
            },
        )
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
        result.append((account, created))
    return result
