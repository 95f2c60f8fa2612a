"""``make bench``: dukao at district, city and province scale (docs/deploy.md, "Scale"). Not part of the test suite.

``python bench/run.py [--scale district|city|province]`` builds one database per scale up to ``--scale`` (the
synthetic districts of ``dukao synth``, six months of reporting), measures, and writes ``bench/results.json``
and ``bench/results.md``. Every figure is a ratio against a baseline measured in the same run on the same
machine. Databases: PostgreSQL at ``BENCH_PG`` (default ``postgres://postgres@127.0.0.1:5432``, databases
``dukao_bench_<scale>``) when it answers, else SQLite files under ``var/bench/`` (the results say which).

The parent process orchestrates; ``run.py measure SCALE`` (a child with ``DATABASE_URL`` set) measures inside
Django and prints one JSON object; gunicorn and wrk run as further processes on 127.0.0.1.
"""

import argparse
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
VENV = ROOT / ".venv" / "bin"
SCALES = {"district": 1, "city": 13, "province": 90}
MONTHS = 6  # reporting January–June: July–December stay free for the load test's submissions
LOAD_SECONDS = int(os.environ.get("BENCH_LOAD_SECONDS", "15"))
IMPORT_ROWS = 10_000


# ----- parent ----------------------------------------------------------------------------------------------


def _pg_base() -> str | None:
    base = os.environ.get("BENCH_PG", "postgres://postgres@127.0.0.1:5432")
    try:
        socket.create_connection(("127.0.0.1", 5432), timeout=2).close()
    except OSError:
        return None
    return base


def _database_url(scale: str, pg: str | None) -> str:
    if pg is None:
        (ROOT / "var" / "bench").mkdir(parents=True, exist_ok=True)
        path = ROOT / "var" / "bench" / f"{scale}.sqlite3"
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{pg}/postgres", autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS dukao_bench_{scale} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE dukao_bench_{scale}")
    return f"{pg}/dukao_bench_{scale}"


def _env(url: str) -> dict:
    return dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="bench.settings", PYTHONPATH=str(ROOT))


def _child(url: str, *args: str) -> dict:
    out = subprocess.run(
        [VENV / "python", BENCH / "run.py", *args], env=_env(url), check=True, stdout=subprocess.PIPE, text=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def _build(scale: str, url: str) -> float:
    """Migrate and synthesise; returns the seconds ``dukao synth`` took."""
    env = _env(url)
    subprocess.run([VENV / "dukao", "migrate", "-v0"], env=env, check=True)
    start = time.perf_counter()
    synth = [VENV / "dukao", "synth", "--districts", str(SCALES[scale]), "--months", str(MONTHS)]
    subprocess.run(synth, env=env, check=True, stdout=subprocess.DEVNULL)
    seconds = time.perf_counter() - start
    _child(url, "vacuum")  # as autovacuum leaves a database in use: visibility maps set, statistics fresh
    return seconds


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _wrk(port: int, args: list[str], env: dict, seconds: int = LOAD_SECONDS) -> dict:
    command = ["wrk", "-t2", "-c8", f"-d{seconds}s", "--latency", *args]
    out = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
    line = next(line for line in out.splitlines() if line.startswith("JSON "))
    result = json.loads(line[5:])
    result["rps"] = result["requests"] / (result["duration_us"] / 1e6)
    return result


def _load(url: str) -> dict:
    """Submissions through gunicorn (4 sync workers) with wrk against the trivial signed-in ``bench/ping``."""
    if shutil.which("wrk") is None:
        return {"skipped": "wrk is not installed (apt-get install wrk)"}
    prep = _child(url, "loadprep")
    port, workers = _free_port(), 4
    server = subprocess.Popen(
        # --preload: Django loads once before the workers fork, not in each worker while the clock runs
        [VENV / "gunicorn", "bench.wsgi", "--preload", "-w", str(workers), "-b", f"127.0.0.1:{port}"]
        + ["--log-level", "warning"],
        env=dict(_env(url), CONN_MAX_AGE="60"),
        cwd=ROOT,
    )
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                time.sleep(0.1)
        env = dict(os.environ, BENCH_TARGETS=prep["targets"], BENCH_COOKIE=prep["cookie"], BENCH_CSRF=prep["csrf"])
        env["BENCH_DIR"] = str(BENCH)
        ping_args = ["-s", str(BENCH / "ping.lua"), f"http://127.0.0.1:{port}/bench/ping"]
        _wrk(port, ping_args, env, seconds=5)  # warm-up, not counted: first requests load templates, URL patterns …
        ping = _wrk(port, ping_args, env)
        before = _child(url, "versions")["versions"]
        submit = _wrk(port, ["-s", str(BENCH / "submit.lua"), f"http://127.0.0.1:{port}/"], env)
        made = _child(url, "versions")["versions"] - before
    except (subprocess.CalledProcessError, StopIteration) as exc:
        return {"error": f"load test failed: {exc}"}
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
    submit["versions_made"] = made
    submit["submissions_per_s"] = made / (submit["duration_us"] / 1e6)
    return {"workers": workers, "ping": ping, "submit": submit, "ratio": submit["submissions_per_s"] / ping["rps"]}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", choices=list(SCALES), default=os.environ.get("BENCH_SCALE", "province"))
    scale_limit = parser.parse_args().scale
    pg = _pg_base()
    results: dict = {"database": "PostgreSQL" if pg else "SQLite", "cores": os.cpu_count(), "scales": {}}
    for scale in list(SCALES)[: list(SCALES).index(scale_limit) + 1]:
        url = _database_url(scale, pg)
        synth_seconds = _build(scale, url)
        print(f"bench: {scale} built in {synth_seconds:.0f} s", file=sys.stderr)
        results["scales"][scale] = dict(_child(url, "measure", scale), synth_seconds=synth_seconds)
        if scale == scale_limit:
            results["load"] = _load(url)
    (BENCH / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (BENCH / "results.md").write_text(_markdown(results))
    print((BENCH / "results.md").read_text())


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def _markdown(r: dict) -> str:
    """The results as a Markdown table: figure, measured, baseline, ratio, target, met."""
    rows = []
    scales = r["scales"]
    top = list(scales)[-1]
    imp = scales["district"]["import"]
    rows.append(
        [
            f"import {imp['rows']} xlsx rows",
            f"{imp['import_rows_per_s']:.0f} rows/s",
            f"openpyxl read {imp['read_rows_per_s']:.0f} rows/s",
            f"{imp['ratio']:.3f}",
            "—",
            "—",
        ]
    )
    if "recompute" in scales[top]:
        rec = scales[top]["recompute"]
        runs = {
            "seconds": f"one period again ({top}, {rec['tasks']} tasks)",
            "first_seconds": f"a period's first computation ({top})",
        }
        for key, what in runs.items():
            rows.append(
                [
                    f"status recompute, {what}",
                    _ms(rec[key]),
                    f"one SQL aggregate {_ms(rec['sql_seconds'])}",
                    f"{rec[key] / rec['sql_seconds']:.1f}×",
                    "< 2 s",
                    "yes" if rec[key] < 2 else "no",
                ]
            )
    for scale, data in scales.items():
        for name, page in data["pages"].items():
            target_met = page["seconds"] < 0.1 and (name != "dashboard" or page["ratio"] <= 3)
            rows.append(
                [
                    f"{name} ({scale}, {data['tasks']} tasks, {page['queries']} queries)",
                    _ms(page["seconds"]),
                    f"its SQL alone {_ms(page['sql_seconds'])}",
                    f"{page['ratio']:.1f}×",
                    "< 100 ms" + (", ≤ 3× SQL" if name == "dashboard" else ""),
                    "yes" if target_met else "no",
                ]
            )
        for fmt, seconds in data.get("bulletin", {}).items():
            rows.append([f"bulletin {fmt} ({scale})", _ms(seconds), "—", "—", "—", "—"])
    if "district" in scales and "city" in scales and "bulletin" in scales["city"]:
        for fmt in scales["city"]["bulletin"]:
            ratio = scales["city"]["bulletin"][fmt] / scales["district"]["bulletin"][fmt]
            rows.append([f"bulletin {fmt}: city against district", "", "", f"{ratio:.1f}×", "—", "—"])
    for scale, data in scales.items():
        if "sign_off" in data:
            so = data["sign_off"]
            rows.append(
                [
                    f"a sign-off with live statuses ({scale}, {so['pairs']} July reports, {so['updates']} updates)",
                    _ms(so["live_seconds"]),
                    f"the sign-off without them {_ms(so['before_seconds'])}",
                    f"{so['ratio']:.2f}×",
                    "≤ 1.2×",
                    "yes" if so["ratio"] <= 1.2 else "no",
                ]
            )
    load = r.get("load", {})
    if "submit" in load:
        s, p = load["submit"], load["ping"]
        rows.append(
            [
                f"report submission, gunicorn {load['workers']} workers, wrk 8 connections ({top})",
                f"{s['submissions_per_s']:.0f}/s, p50 {s['p50_ms']:.0f} ms, p99 {s['p99_ms']:.0f} ms",
                f"signed-in ping {p['rps']:.0f}/s, p50 {p['p50_ms']:.0f} ms, p99 {p['p99_ms']:.0f} ms",
                f"{load['ratio']:.2f}",
                "≥ 0.5",
                "yes" if load["ratio"] >= 0.5 else "no",
            ]
        )
    head = ["figure", "measured", "baseline (same run)", "ratio", "target", "met"]
    lines = [
        f"Database: {r['database']}; {r['cores']} cores; synthetic data: `dukao synth`, {MONTHS} months reported.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


# ----- children (inside Django) ----------------------------------------------------------------------------


def _setup():
    import django

    django.setup()


def _best(fn, runs: int = 5) -> float:
    """The median of ``runs`` timed calls after one warm-up call (seconds)."""
    fn()
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _page(client, path: str) -> dict:
    """Server time of a page in-process (Django's test Client), its queries, and those queries alone."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def get():
        response = client.get(path)
        assert response.status_code == 200, (path, response.status_code)

    seconds = _best(get)
    with CaptureQueriesContext(connection) as captured:
        get()
    statements = [q["sql"] for q in captured.captured_queries]

    def replay():
        with connection.cursor() as cursor:
            for sql in statements:
                cursor.execute(sql)
                cursor.fetchall()

    sql_seconds = _best(replay)
    return {"seconds": seconds, "queries": len(statements), "sql_seconds": sql_seconds, "ratio": seconds / sql_seconds}


def _import_bench() -> dict:
    """Import a 10,000-row xlsx built from the seed's rows, against reading it with openpyxl alone."""
    import io

    import openpyxl
    from django.db import transaction

    from dukao.plans.models import Task, UnitRole
    from dukao.plans.services import plan_import

    seed = list(
        Task.objects.filter(plan__annex_no=1, plan__issuer__startswith="杭州").prefetch_related("unit_links__unit")
    )
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["附件1"])
    sheet.append(["压测区2019年《政府工作报告》目标任务分解表"])
    sheet.append(["（注：A类指责任目标；B类指激励目标；C类指争先创优目标）"])
    sheet.append(["序号", "任务名称", "指标要求", "牵头部门", "配合部门", "目标类型"])
    for n in range(IMPORT_ROWS):
        task = seed[n % len(seed)]
        names = {role: "、".join(link.name for link in task.unit_links.all() if link.role == role) for role in UnitRole}
        sheet.append([n + 1, task.name, task.requirement, names["lead"], names["cooperating"], f"{task.target_type}类"])
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()

    def read():
        rows = openpyxl.load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)
        return sum(1 for _ in rows)

    read_seconds = _best(read, runs=3)
    with transaction.atomic():
        start = time.perf_counter()
        plan_import(content=content, file_name="bench.xlsx")
        import_seconds = time.perf_counter() - start
        transaction.set_rollback(True)
    return {
        "rows": IMPORT_ROWS,
        "bytes": len(content),
        "import_rows_per_s": IMPORT_ROWS / import_seconds,
        "read_rows_per_s": IMPORT_ROWS / read_seconds,
        "ratio": read_seconds / import_seconds,
    }


RECOMPUTE_SQL = """
SELECT
  (SELECT count(*) FROM plans_indicator i JOIN plans_task t ON t.id = i.task_id JOIN plans_plan p ON p.id = t.plan_id
    WHERE p.year = %(year)s),
  (SELECT count(*) FROM progress_checkpoint c JOIN progress_schedulerevision s ON s.id = c.revision_id
    JOIN plans_task t ON t.id = s.task_id JOIN plans_plan p ON p.id = t.plan_id WHERE p.year = %(year)s),
  (SELECT count(*), sum(r.verified_value) FROM reviews_review r JOIN progress_reportversion v ON v.id = r.version_id
    JOIN progress_progressreport rp ON rp.id = v.report_id JOIN plans_task t ON t.id = rp.task_id
    JOIN plans_plan p ON p.id = t.plan_id
    WHERE r.decision = 'verified' AND p.year = %(year)s AND rp.period <= %(period)s),
  (SELECT count(*) FROM progress_reportversion v JOIN progress_progressreport rp ON rp.id = v.report_id
    WHERE rp.period = %(period)s)
"""


def _recompute_bench() -> dict:
    """``status_recompute`` of the last reported month against one SQL statement reading the same rows."""
    from datetime import date

    from django.db import connection, transaction

    from dukao.plans.models import Task
    from dukao.supervision.models import TaskStatus
    from dukao.supervision.services import status_recompute

    period = date(2019, MONTHS, 1)
    sql = RECOMPUTE_SQL.replace("(SELECT count(*), sum(r.verified_value)", "(SELECT sum(r.verified_value)")

    def aggregate():
        with connection.cursor() as cursor:
            cursor.execute(sql, {"year": 2019, "period": period})
            return cursor.fetchall()

    def first():
        """The period's first computation: no stored rows, every verdict written (rolled back afterwards)."""
        with transaction.atomic():
            TaskStatus.versions.filter(period=period).delete()
            start = time.perf_counter()
            status_recompute(period=period, today=date(2019, MONTHS, 28))
            elapsed = time.perf_counter() - start
            transaction.set_rollback(True)
        return elapsed

    seconds = _best(lambda: status_recompute(period=period, today=date(2019, MONTHS, 28)), runs=3)
    first_seconds = statistics.median(first() for _ in range(3))
    sql_seconds = _best(aggregate, runs=3)
    tasks = Task.objects.filter(plan__year=2019).count()
    return {
        "tasks": tasks,
        "seconds": seconds,
        "first_seconds": first_seconds,
        "sql_seconds": sql_seconds,
        "ratio": seconds / sql_seconds,
    }


def _bulletin_bench() -> dict:
    from datetime import date

    from dukao.accounts.models import User
    from dukao.supervision.services import bulletin_draft, bulletin_render

    user = User.objects.filter(role="supervisor").first()
    bulletin = bulletin_draft(period=date(2019, MONTHS, 1), user=user, today=date(2019, MONTHS, 28))
    runs = {"html": 3, "docx": 1, "pdf": 1}
    return {fmt: _best(lambda fmt=fmt: bulletin_render(bulletin, fmt), runs=n) for fmt, n in runs.items()}


def _bench_user(username: str, role: str, unit_id: int):
    """A user of the production settings who has set a password (no forced change)."""
    from django.utils import timezone

    from dukao.accounts.models import User

    defaults = {"role": role, "unit_id": unit_id, "must_change_password": False, "password_changed_at": timezone.now()}
    return User.objects.update_or_create(username=username, defaults=defaults)[0]


def _signed_in(user):
    """A test Client signed in as ``user`` with the second factor given, as after the login and one-time code
    pages (the bench keeps ``DUKAO_REQUIRE_OTP`` on, as in production)."""
    from django.conf import settings
    from django.test import Client

    from dukao.accounts.sessions import otp_mark_verified

    client = Client()
    client.force_login(user)
    session = client.session
    otp_mark_verified(session)
    session.save()
    client.cookies[settings.SESSION_COOKIE_NAME] = session.session_key
    return client


def _measure(scale: str) -> dict:
    from dukao.accounts.models import Role
    from dukao.plans.models import Plan, Task
    from dukao.units.models import Unit

    client = _signed_in(_bench_user("bench-supervisor", Role.SUPERVISOR, Unit.objects.get(name="区政府办公室").pk))
    result: dict = {"tasks": Task.objects.count()}
    period = f"2019-{MONTHS:02d}"
    work_report = Plan.objects.filter(issuer__startswith="杭州", annex_no=1).values_list("pk", flat=True).first()
    result["pages"] = {
        "dashboard": _page(client, f"/dashboard/?period={period}"),
        "status list": _page(client, f"/supervision/?period={period}"),
        "status list, last page": _page(client, f"/supervision/?period={period}&page=99999"),
        "plan list": _page(client, "/plans/"),
        "the seed's plan (148 tasks)": _page(client, f"/plans/{work_report}/"),
    }
    if scale != "district":
        result["recompute"] = _recompute_bench()
    if scale in ("district", "city"):
        result["bulletin"] = _bulletin_bench()
    if scale == "district":
        result["import"] = _import_bench()
    result["sign_off"] = _sign_off_bench()
    return result


SIGN_OFF_PAIRS = 60


def _sign_off_bench() -> dict:
    """A sign-off through the report page (in process) with live statuses — the task's statuses recomputed once
    the sign-off commits (``supervision.receivers``) — against the same sign-off with the receiver disconnected,
    as before statuses were live. July's statuses are computed first, so each live sign-off has its period to
    update, as in a month-end rush. Up to ``SIGN_OFF_PAIRS`` July reports of units other than the load test's,
    signed off by their unit heads, live and not in turn; the medians are compared."""
    from datetime import date

    from dukao.accounts.models import Role
    from dukao.plans.models import TaskUnit, UnitRole
    from dukao.plans.signals import task_facts_changed
    from dukao.supervision.models import StatusComputation
    from dukao.supervision.receivers import statuses_follow_facts
    from dukao.supervision.services import status_recompute

    july = date(2019, MONTHS + 1, 1)
    status_recompute(period=july, today=date(2019, MONTHS + 1, 28))
    leads = TaskUnit.objects.filter(role=UnitRole.LEAD, unit__isnull=False, task__plan__year=2019)
    pairs = list(leads.exclude(unit_id=_load_unit_id()).order_by("task_id").values_list("unit_id", "task_id"))
    clients: dict = {}
    times: dict[str, list[float]] = {"live": [], "before": []}
    for n, (unit_id, task_id) in enumerate(pairs[:SIGN_OFF_PAIRS]):
        if unit_id not in clients:
            clients[unit_id] = _signed_in(_bench_user(f"bench-head-{unit_id}", Role.UNIT_HEAD, unit_id))
        live = n % 2 == 0
        if not live:
            task_facts_changed.disconnect(dispatch_uid="supervision.statuses_follow_facts")
        form = {
            "action": "submit",
            "base_revision": 0,
            "narrative": "bench",
            "idempotency_key": f"live-{task_id}",
            "confirmed": "yes",  # 签发提交 is confirmed first (lib/confirm.py): measure the sign-off itself
        }
        start = time.perf_counter()
        response = clients[unit_id].post(f"/tasks/{task_id}/reports/2019-{MONTHS + 1:02d}/", form)
        times["live" if live else "before"].append(time.perf_counter() - start)
        if not live:
            task_facts_changed.connect(statuses_follow_facts, dispatch_uid="supervision.statuses_follow_facts")
        assert response.status_code == 302, (task_id, response.status_code)  # signed off, back to the report
    live, before = statistics.median(times["live"]), statistics.median(times["before"])
    return {
        "pairs": len(times["live"]) + len(times["before"]),
        "live_seconds": live,
        "before_seconds": before,
        "ratio": live / before,
        "updates": StatusComputation.objects.filter(trigger="report.submit", period=july).count(),
    }


def _load_unit_id() -> int:
    """The unit leading most tasks: the load test signs off its reports."""
    from django.db.models import Count

    from dukao.plans.models import TaskUnit, UnitRole

    leads = TaskUnit.objects.filter(role=UnitRole.LEAD, unit__isnull=False)
    return leads.values("unit").annotate(n=Count("task")).order_by("-n").values_list("unit", flat=True)[0]


def _loadprep() -> dict:
    """A unit head of the unit leading most tasks, signed in; the (task, period) pairs of July–December it may
    sign off, written to ``bench/targets.lua``; the session and CSRF cookies."""
    from django.conf import settings
    from django.middleware.csrf import _get_new_csrf_string

    from dukao.accounts.models import Role
    from dukao.plans.models import TaskUnit, UnitRole

    unit_id = _load_unit_id()
    leads = TaskUnit.objects.filter(role=UnitRole.LEAD, unit__isnull=False)
    user = _bench_user("bench-head", Role.UNIT_HEAD, unit_id)
    task_ids = leads.filter(unit_id=unit_id).values_list("task_id", flat=True).order_by("task_id")
    paths = [f"/tasks/{t}/reports/2019-{m:02d}/" for m in range(MONTHS + 1, 13) for t in task_ids]
    targets = BENCH / "targets.lua"
    targets.write_text("paths = {\n" + "".join(f'  "{p}",\n' for p in paths) + "}\n")
    session_key = _signed_in(user).cookies[settings.SESSION_COOKIE_NAME].value
    csrf = _get_new_csrf_string()
    cookie = f"{settings.SESSION_COOKIE_NAME}={session_key}; {settings.CSRF_COOKIE_NAME}={csrf}"
    return {"targets": str(targets), "cookie": cookie, "csrf": csrf, "pairs": len(paths)}


def _vacuum() -> dict:
    """``VACUUM ANALYZE`` on PostgreSQL (outside a transaction), ``ANALYZE`` on SQLite."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    return {"vacuumed": connection.vendor}


def _versions() -> dict:
    from dukao.progress.models import ReportVersion

    return {"versions": ReportVersion.objects.count()}


if __name__ == "__main__":
    children = {
        "measure": lambda: _measure(sys.argv[2]),
        "loadprep": _loadprep,
        "versions": _versions,
        "vacuum": _vacuum,
        "signoff": _sign_off_bench,
    }
    if len(sys.argv) > 1 and sys.argv[1] in children:
        sys.path.insert(0, str(ROOT))
        _setup()
        print(json.dumps(children[sys.argv[1]]()))
    else:
        main()
