"""Two database roles (``ops.roles``): ``dukao db_roles`` and ``dukao migrate`` run as a deployment runs them, with
DATABASE_URL and DATABASE_MIGRATE_URL, on a database of this test's own; the application's role owns nothing and
the database refuses it UPDATE, DELETE, TRUNCATE and ALTER … DISABLE TRIGGER on the audit tables and SET
session_replication_role, while it works on everything else. PostgreSQL only (SQLite has no roles)."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from dukao.ops.roles import DEFAULT_PRIVILEGES, grant_statements

ROOT = Path(__file__).resolve().parents[2]
DUKAO = [sys.executable, "-m", "dukao.manage"]


@pytest.mark.parametrize(
    ("table", "granted"),
    [
        ("audit_event", "SELECT, INSERT"),
        ("audit_chainhead", "SELECT, INSERT, UPDATE"),
        ("django_migrations", "SELECT"),
        ("progress_progressreport", DEFAULT_PRIVILEGES),
    ],
)
def test_each_table_gets_exactly_its_privileges(table, granted):
    assert grant_statements([table], [], "app") == [
        f'REVOKE ALL ON TABLE "{table}" FROM "app"',
        f'GRANT {granted} ON TABLE "{table}" TO "app"',
    ]
    assert "TRUNCATE" not in granted and "TRIGGER" not in granted


def test_a_quote_in_a_name_cannot_end_the_identifier():
    assert grant_statements([], ['s"; DROP TABLE x; --'], "a") == [
        'REVOKE ALL ON SEQUENCE "s""; DROP TABLE x; --" FROM "a"',
        'GRANT USAGE, SELECT ON SEQUENCE "s""; DROP TABLE x; --" TO "a"',
    ]


#: What the application's role tries on the audit trail, and the error each draws from PostgreSQL.
REFUSED = {
    "UPDATE audit_event SET summary = 'x'": "permission denied for table audit_event",
    "DELETE FROM audit_event": "permission denied for table audit_event",
    "TRUNCATE audit_event": "permission denied for table audit_event",
    "ALTER TABLE audit_event DISABLE TRIGGER ALL": "must be owner of table audit_event",
    "ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only": "must be owner of table audit_event",
    "SET session_replication_role = replica": 'permission denied to set parameter "session_replication_role"',
    "DELETE FROM audit_chainhead": "permission denied for table audit_chainhead",
    "TRUNCATE audit_chainhead": "permission denied for table audit_chainhead",
    "DROP TABLE audit_event": "must be owner of table audit_event",
    "DELETE FROM django_migrations": "permission denied for table django_migrations",
}


@pytest.fixture(scope="module")
def deployment():
    """A new database with an owner and an application role of unique names, made by ``dukao db_roles`` and
    migrated by ``dukao migrate`` as the owner; dropped afterwards with both roles."""
    if connection.vendor != "postgresql":
        pytest.skip("database roles exist on PostgreSQL only (SQLite has none); CI runs this on PostgreSQL")
    server = settings.DATABASES["default"]
    tag = uuid.uuid4().hex[:10]
    name, owner, app, password = f"dukao_roles_{tag}", f"dukao_owner_{tag}", f"dukao_app_{tag}", f"pw-{tag}"
    admin = {"host": server["HOST"] or "127.0.0.1", "port": server["PORT"] or 5432, "user": server["USER"]}
    admin |= {"password": server["PASSWORD"]} if server["PASSWORD"] else {}
    where = f"{admin['host']}:{admin['port']}/{name}"
    env = os.environ | {
        "DATABASE_URL": f"postgres://{app}:{password}@{where}",
        "DATABASE_MIGRATE_URL": f"postgres://{owner}:{password}@{where}",
        "DUKAO_AUDIT_CHECKPOINT": "",
    }
    admin_url = f"postgres://{admin['user']}@{admin['host']}:{admin['port']}/postgres"
    try:
        made = subprocess.run(
            [*DUKAO, "db_roles", "--admin-url", admin_url], env=env, capture_output=True, text=True, cwd=ROOT
        )
        assert made.returncode == 0, made.stderr
        migrated = subprocess.run([*DUKAO, "migrate", "--noinput"], env=env, capture_output=True, text=True, cwd=ROOT)
        assert migrated.returncode == 0, migrated.stderr
        app_login = admin | {"user": app, "password": password, "dbname": name}
        yield {"admin": admin, "name": name, "owner": owner, "app": app, "app_login": app_login, "env": env}
    finally:
        with psycopg.connect(**admin, dbname="postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'DROP ROLE IF EXISTS "{app}"')
            conn.execute(f'DROP ROLE IF EXISTS "{owner}"')


def test_the_application_role_owns_nothing_and_is_refused_every_way_of_changing_the_audit_trail(deployment):
    d = deployment
    with psycopg.connect(**d["admin"], dbname=d["name"]) as conn:
        owners = conn.execute(
            "SELECT DISTINCT pg_get_userbyid(c.relowner) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
            " WHERE n.nspname = 'public' UNION SELECT pg_get_userbyid(nspowner) FROM pg_namespace"
            " WHERE nspname = 'public' UNION SELECT pg_get_userbyid(datdba) FROM pg_database WHERE datname = %s",
            [d["name"]],
        ).fetchall()
        superuser = conn.execute("SELECT rolsuper FROM pg_roles WHERE rolname = %s", [d["app"]]).fetchone()
    assert owners == [(d["owner"],)] and superuser == (False,)
    refused = {}
    with psycopg.connect(**d["app_login"], autocommit=True) as conn:
        with conn.transaction(force_rollback=True):  # appending is what it may do (taken back: no chain link)
            conn.execute(
                "INSERT INTO audit_event (created_at, actor_name, unit_name, role, action, outcome, object_type,"
                " object_id, summary, request_id, chain_hmac) VALUES (now(), 'x', '', '', 'test.append', 'success',"
                " '', '', '', '', '')"
            )
            count = conn.execute("SELECT count(*) FROM audit_event WHERE action = 'test.append'").fetchone()
        for statement in REFUSED:
            try:
                conn.execute(statement)
            except psycopg.errors.InsufficientPrivilege as exc:
                refused[statement] = str(exc).splitlines()[0]
        replication = conn.execute("SHOW session_replication_role").fetchone()
    assert refused == REFUSED and count == (1,) and replication == ("origin",)


def test_the_application_works_as_its_role_and_migrate_grants_what_a_new_table_needs(deployment):
    d = deployment
    app_only = {k: v for k, v in d["env"].items() if k != "DATABASE_MIGRATE_URL"}
    seed = ROOT / "data" / "seeds" / "000_26a01e5d1773f912.txt"
    imported = subprocess.run(
        [*DUKAO, "import_plan", str(seed)], env=app_only, capture_output=True, text=True, cwd=ROOT
    )
    assert imported.returncode == 0, imported.stderr
    verified = subprocess.run([*DUKAO, "audit_verify"], env=app_only, capture_output=True, text=True, cwd=ROOT)
    assert verified.returncode == 0 and "审计日志链完整" in verified.stdout, verified.stderr
    with psycopg.connect(**d["admin"], dbname=d["name"], autocommit=True) as conn:  # a table as a migration adds one
        conn.execute(f'SET ROLE "{d["owner"]}"')
        conn.execute("CREATE TABLE later_added (id bigint GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY)")
    with psycopg.connect(**d["app_login"], autocommit=True) as conn:
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            conn.execute("INSERT INTO later_added DEFAULT VALUES")
    migrated = subprocess.run([*DUKAO, "migrate", "--noinput"], env=d["env"], capture_output=True, text=True, cwd=ROOT)
    assert migrated.returncode == 0, migrated.stderr
    with psycopg.connect(**d["app_login"], autocommit=True) as conn:
        conn.execute("INSERT INTO later_added DEFAULT VALUES")
        assert conn.execute("SELECT count(*) FROM later_added").fetchone() == (1,)
