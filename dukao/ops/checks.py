"""Durability settings checked at start (tag ``database``: run by ``migrate`` and ``check --database default``).

PostgreSQL: ``fsync``, ``synchronous_commit`` and ``full_page_writes`` must be on, or a crash can lose or tear
acknowledged commits. SQLite: WAL journal with ``synchronous=FULL`` (set by ``settings.py``'s init command), so a
commit is on disk before it is acknowledged."""

from django.core import checks
from django.db import connections

PG_SETTINGS = ("fsync", "synchronous_commit", "full_page_writes")


@checks.register(checks.Tags.database)
def durability(app_configs=None, databases=None, **kwargs) -> list[checks.CheckMessage]:
    """One error per unsafe setting of each database the check is asked about."""
    errors = []
    for alias in databases or []:
        connection = connections[alias]
        if connection.vendor == "postgresql":
            errors += _postgresql(alias, connection)
        elif connection.vendor == "sqlite":
            errors += _sqlite(alias, connection)
    return errors


def _postgresql(alias: str, connection) -> list[checks.CheckMessage]:
    errors = []
    with connection.cursor() as cursor:
        for name in PG_SETTINGS:
            cursor.execute(f"SHOW {name}")
            value = cursor.fetchone()[0]
            if value == "off":
                errors.append(
                    checks.Error(
                        f"数据库“{alias}”的 {name} 为 off：崩溃时可能丢失已确认提交的数据。",
                        hint=f"在 postgresql.conf 中设置 {name} = on 并重新加载。",
                        id="dukao.E001",
                    )
                )
    return errors


def _sqlite(alias: str, connection) -> list[checks.CheckMessage]:
    if connection.is_in_memory_db():  # the test database: nothing to keep across a crash
        return []
    with connection.cursor() as cursor:
        journal = cursor.execute("PRAGMA journal_mode").fetchone()[0]
        synchronous = cursor.execute("PRAGMA synchronous").fetchone()[0]
    if journal.lower() == "wal" and synchronous == 2:  # 2 = FULL
        return []
    return [
        checks.Error(
            f"SQLite 数据库“{alias}”的 journal_mode={journal}、synchronous={synchronous}：须为 WAL 与 FULL(2)。",
            hint="settings.py 的 init_command 应包含 PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;",
            id="dukao.E002",
        )
    ]
