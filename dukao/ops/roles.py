"""Two database roles on PostgreSQL (GB/T 22239-2019 8.1.4.2 c 最小权限; 8.1.4.3 c 审计记录的保护).

The owner (``DATABASE_MIGRATE_URL``) owns the schema and every table, and runs ``migrate`` and ``restore``. The
application (``DATABASE_URL``) owns nothing and holds only grants: SELECT, INSERT, UPDATE, DELETE on ordinary
tables; on the audit trail SELECT and INSERT (and UPDATE of the chain head's one row), so no UPDATE, DELETE or
TRUNCATE of events; SELECT alone on Django's migration record. Owning nothing, it cannot ALTER a table or disable
its triggers; being no superuser, it cannot SET session_replication_role (which silences triggers).

``roles_create`` (``dukao db_roles``, run once with a superuser's URL) makes both roles and hands the database to
the owner; ``as_owner`` lets ``migrate`` and ``restore`` connect as the owner and makes the application's grants
again afterwards, so a table a migration adds is granted before the application uses it, and no more than
``TABLE_PRIVILEGES`` says."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections

#: What the application may do to each table not listed: read and write rows.
DEFAULT_PRIVILEGES = "SELECT, INSERT, UPDATE, DELETE"
#: Tables whose rows the application may add (or only read) but never change or remove.
TABLE_PRIVILEGES = {
    "audit_event": "SELECT, INSERT",
    "audit_chainhead": "SELECT, INSERT, UPDATE",  # the one row holding the chain's last link moves on
    "django_migrations": "SELECT",
}
SEQUENCE_PRIVILEGES = "USAGE, SELECT"
#: The settings of a connection that name a login (the database's name stays: a test database keeps its own).
LOGIN_KEYS = ("USER", "PASSWORD", "HOST", "PORT")


def ident(name: str) -> str:
    """``name`` as a quoted SQL identifier."""
    return '"' + name.replace('"', '""') + '"'


def grant_statements(tables: Iterable[str], sequences: Iterable[str], app_role: str) -> list[str]:
    """The statements that leave ``app_role`` with exactly its privileges on ``tables`` and ``sequences``."""
    role = ident(app_role)
    statements = []
    for table in tables:
        privileges = TABLE_PRIVILEGES.get(table, DEFAULT_PRIVILEGES)
        statements += [
            f"REVOKE ALL ON TABLE {ident(table)} FROM {role}",
            f"GRANT {privileges} ON TABLE {ident(table)} TO {role}",
        ]
    for sequence in sequences:
        statements += [
            f"REVOKE ALL ON SEQUENCE {ident(sequence)} FROM {role}",
            f"GRANT {SEQUENCE_PRIVILEGES} ON SEQUENCE {ident(sequence)} TO {role}",
        ]
    return statements


#: The project's tables, views and sequences (schema public), by kind.
RELATIONS = """
SELECT c.relname, c.relkind = 'S' FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S') ORDER BY c.relname
"""


def grants_apply(cursor, app_role: str) -> int:
    """Make ``app_role``'s grants on every table and sequence (as their owner or a superuser); returns how many
    tables and sequences."""
    cursor.execute(RELATIONS)
    rows = cursor.fetchall()
    tables = [name for name, is_sequence in rows if not is_sequence]
    sequences = [name for name, is_sequence in rows if is_sequence]
    cursor.execute(f"GRANT USAGE ON SCHEMA public TO {ident(app_role)}")
    for statement in grant_statements(tables, sequences, app_role):
        cursor.execute(statement)
    return len(rows)


def _owner_login(alias: str) -> dict | None:
    """The owner's login for connection ``alias``, when ``DATABASE_MIGRATE_URL`` names the same database under
    another user (else None: one role does both, or this is another database, e.g. a test's)."""
    owner, current = settings.DUKAO_DATABASE_MIGRATE, connections[alias].settings_dict
    if not owner or owner.get("NAME") != current["NAME"] or owner.get("USER") == current["USER"]:
        return None
    return {key: owner.get(key, "") for key in LOGIN_KEYS}


@contextmanager
def as_owner(alias: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """Inside the block, connection ``alias`` logs in as the owner (``DATABASE_MIGRATE_URL``); when the block
    ends without error the application's grants are made again (``grants_apply``), and the connection logs in as
    the application again. Nothing changes without an owner configured for this database."""
    login = _owner_login(alias)
    if login is None:
        yield
        return
    connection = connections[alias]
    app_login = {key: connection.settings_dict[key] for key in LOGIN_KEYS}
    connection.close()
    connection.settings_dict.update(login)
    try:
        yield
        with connection.cursor() as cursor:
            grants_apply(cursor, app_login["USER"])
    finally:
        connection.close()
        connection.settings_dict.update(app_login)


@dataclass(frozen=True)
class Login:
    """A role's name and password, as a database URL gives them."""

    user: str
    password: str


#: What either role may not do: neither is a superuser (who may SET session_replication_role), creates databases
#: or roles, replicates or bypasses row security.
ROLE_OPTIONS = "LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS"


def _role_statement(cursor, login: Login, exists: bool) -> None:
    from psycopg import sql

    verb, options = ("ALTER" if exists else "CREATE"), ROLE_OPTIONS
    password = sql.SQL(" PASSWORD {}").format(sql.Literal(login.password)) if login.password else sql.SQL("")
    cursor.execute(sql.SQL(verb + " ROLE {} " + options).format(sql.Identifier(login.user)) + password)


#: Objects in schema public to hand to the owner: tables, views and sequences not owned by a table, functions.
FOREIGN_OWNED = """
SELECT 'TABLE', c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) <> %(owner)s
UNION ALL
SELECT 'SEQUENCE', c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
WHERE n.nspname = 'public' AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) <> %(owner)s
  AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i'))
UNION ALL
SELECT 'FUNCTION', p.oid::regprocedure::text FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
WHERE n.nspname = 'public' AND pg_get_userbyid(p.proowner) <> %(owner)s
"""


def roles_create(*, admin: dict, database: str, owner: Login, app: Login) -> int:
    """As the superuser ``admin`` (connection keywords for psycopg: host, port, user, password, dbname of a
    database to connect to first): create or update the owner and application roles (login, no superuser, no
    CREATEDB or CREATEROLE), create ``database`` for the owner or hand it over, give the owner the schema and
    every object in it, and make the application's grants. Idempotent. Returns the number of tables and
    sequences granted."""
    import psycopg
    from psycopg import sql

    with psycopg.connect(**admin, autocommit=True) as conn, conn.cursor() as cursor:
        for login in (owner, app):
            cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [login.user])
            _role_statement(cursor, login, cursor.fetchone() is not None)
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        verb = "ALTER DATABASE {} OWNER TO {}" if cursor.fetchone() else "CREATE DATABASE {} OWNER {}"
        cursor.execute(sql.SQL(verb).format(sql.Identifier(database), sql.Identifier(owner.user)))
        cursor.execute(
            sql.SQL("GRANT CONNECT, TEMPORARY ON DATABASE {} TO {}").format(
                sql.Identifier(database), sql.Identifier(app.user)
            )
        )
    with psycopg.connect(**(admin | {"dbname": database})) as conn, conn.cursor() as cursor:
        cursor.execute(sql.SQL("ALTER SCHEMA public OWNER TO {}").format(sql.Identifier(owner.user)))
        cursor.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")
        cursor.execute(FOREIGN_OWNED, {"owner": owner.user})
        for kind, name in cursor.fetchall():
            target = sql.SQL(name) if kind == "FUNCTION" else sql.Identifier(name)  # a signature, already quoted
            cursor.execute(sql.SQL("ALTER " + kind + " {} OWNER TO {}").format(target, sql.Identifier(owner.user)))
        return grants_apply(cursor, app.user)
