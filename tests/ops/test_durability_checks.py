"""The durability check: errors when the database may acknowledge a commit it could lose in a crash."""

import pytest
from django.db import connection, connections
from django.db.backends.sqlite3.base import DatabaseWrapper

from dukao.ops.checks import _sqlite, durability

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only (DATABASE_URL is PostgreSQL)")
def test_a_sqlite_file_opened_with_the_settings_is_wal_and_full_and_normal_fails(tmp_path):
    """The test database is in memory (no journal to check): a file opened with the same settings is."""
    wrapper = DatabaseWrapper(dict(connections.settings["default"], NAME=str(tmp_path / "db.sqlite3")), "file")
    try:
        assert _sqlite("file", wrapper) == []
        with wrapper.cursor() as cursor:
            cursor.execute("PRAGMA synchronous=NORMAL")
        assert [e.id for e in _sqlite("file", wrapper)] == ["dukao.E002"]
    finally:
        wrapper.close()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only (CI sets DATABASE_URL)")
def test_postgresql_with_fsync_and_synchronous_commit_passes_and_commit_off_fails():
    assert durability(databases=["default"]) == []
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
    assert [e.id for e in durability(databases=["default"])] == ["dukao.E001"]
