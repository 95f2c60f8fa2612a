"""Real app servers against the one PostgreSQL (docs/deploy.md, "Scale"): two gunicorn processes share the
database (concurrent sign-offs, idempotent resubmissions, reviews through the other server), and a gunicorn
killed with SIGKILL in the middle of submissions loses nothing it acknowledged."""

import hashlib
import http.cookiejar
import os
import re
import signal
import socket
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.db import connection

from dukao.accounts.models import Role
from dukao.plans.models import Task
from dukao.progress import permissions
from dukao.progress.forms import VALUE_KINDS
from dukao.progress.models import Evidence, ProgressReport, ReportVersion
from dukao.reviews.models import Decision, Review
from tests.conftest import make_user
from tests.progress.evidence_samples import PDF

# Transactional: the servers are other processes and see only committed rows (as tests/ops/test_backup_restore.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

ROOT = Path(__file__).resolve().parents[2]
GUNICORN = ROOT / ".venv" / "bin" / "gunicorn"
PASSWORD = "Test-pass-2019"
TIMEOUT = 15  # seconds, per request


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("app servers share a PostgreSQL database: run with DATABASE_URL=postgres://…")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _database_url() -> str:
    s = connection.settings_dict
    auth = urllib.parse.quote(s["USER"] or "postgres")
    if s.get("PASSWORD"):
        auth += ":" + urllib.parse.quote(s["PASSWORD"])
    return f"postgres://{auth}@{s['HOST'] or '127.0.0.1'}:{s['PORT'] or 5432}/{s['NAME']}"


class Server:
    """``gunicorn dukao.wsgi`` (2 sync workers) in its own process group, on the test database."""

    def __init__(self, var_dir: Path) -> None:
        self.var_dir, self.port, self.proc = var_dir, _free_port(), None
        self.log = var_dir / f"gunicorn-{self.port}.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> "Server":
        env = dict(
            os.environ,
            DATABASE_URL=_database_url(),
            DUKAO_DEMO="1",
            DUKAO_REQUIRE_OTP="0",
            DJANGO_SETTINGS_MODULE="dukao.settings",
            ALLOWED_HOSTS="127.0.0.1",
            DUKAO_VAR_DIR=str(self.var_dir),  # MEDIA_ROOT = DUKAO_VAR_DIR/media, the test's media_root
            PYTHONPATH=str(ROOT),
        )
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        with self.log.open("ab") as log:
            self.proc = subprocess.Popen(
                [
                    str(GUNICORN),
                    "dukao.wsgi",
                    "-w",
                    "2",
                    "-k",
                    "sync",
                    "-b",
                    f"127.0.0.1:{self.port}",
                    "--timeout",
                    "30",
                    "--graceful-timeout",
                    "1",
                    "--log-level",
                    "warning",
                ],  # fmt: skip
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # its own process group: master and workers are killed together
            )
        deadline = time.monotonic() + 40  # a loaded CI machine (xdist) starts slowly
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise AssertionError(f"gunicorn exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                with urllib.request.urlopen(f"{self.url}/login/", timeout=2) as r:
                    if r.status == 200:
                        assert r.headers["Server"] == "dukao", r.headers["Server"]  # no server banner
                        return self
            except OSError:
                time.sleep(0.2)
        raise AssertionError(f"gunicorn did not answer in 40 s: {self.log.read_text(errors='replace')[-2000:]}")

    def kill(self) -> None:
        if self.proc is None or self.proc.poll() is not None:
            return
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        self.proc.wait(timeout=10)


def _await_disconnects() -> None:
    """Wait (bounded) until the killed servers' database sessions are gone, so the test database can be dropped."""
    deadline = time.monotonic() + 10
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.1)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Browser:
    """A signed-in session (cookie jar) against one server; answers (status, Location, body) without following
    redirects."""

    def __init__(self, server: Server) -> None:
        self.server, self.jar = server, http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect())

    def csrf(self) -> str:
        return next(c.value for c in self.jar if c.name == "csrftoken")

    def request(self, path: str, data: bytes | None = None, content_type: str = "") -> tuple[int, str, str]:
        headers = {"Referer": f"{self.server.url}/"}
        if data is not None:
            headers["Content-Type"] = content_type or "application/x-www-form-urlencoded"
            headers["X-CSRFToken"] = self.csrf()
        req = urllib.request.Request(self.server.url + path, data=data, headers=headers)
        try:
            with self.opener.open(req, timeout=TIMEOUT) as r:
                return r.status, r.headers.get("Location", ""), r.read().decode(errors="replace")
        except urllib.error.HTTPError as e:  # 3xx (not followed), 4xx, 5xx
            return e.code, e.headers.get("Location", ""), e.read().decode(errors="replace")

    def post(self, path: str, fields: dict) -> tuple[int, str, str]:
        fields = {**fields, "csrfmiddlewaretoken": self.csrf()}
        return self.request(path, urllib.parse.urlencode(fields).encode())

    def upload(self, path: str, name: str, content: bytes) -> tuple[int, str, str]:
        boundary = uuid.uuid4().hex
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n{self.csrf()}\r\n'
                f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
                "Content-Type: application/pdf\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(path, body, f"multipart/form-data; boundary={boundary}")

    def login(self, username: str) -> "Browser":
        status, _, _ = self.request("/login/")
        assert status == 200
        status, location, body = self.post("/login/", {"username": username, "password": PASSWORD})
        assert status == 302 and "/login/" not in location, (status, location, body[-500:])
        return self


def _user(username: str, role: Role, unit: str):
    """A persona the servers can sign in: the suite's fast hasher is not in production's list, so the password
    is stored with PBKDF2."""
    user = make_user(username, role, unit)
    user.password = PBKDF2PasswordHasher().encode(PASSWORD, PBKDF2PasswordHasher().salt())
    user.save(update_fields=["password"])
    return user


def _lead_tasks(work_report, head, count: int) -> list[Task]:
    tasks = [t for t in work_report.tasks.order_by("pk") if permissions.can_report_on(head, t)]
    tasks = [t for t in tasks if any(i.kind in VALUE_KINDS for i in t.indicators.all())]
    assert len(tasks) >= count, "the seed has fewer tasks led by 区发改经信局 than the test needs"
    return tasks[:count]


def _fields(task: Task, key: str, narrative: str, base_revision: int = 0, action: str = "submit") -> dict:
    fields = {"base_revision": base_revision, "narrative": narrative, "problems": "无", "next_steps": "继续推进",
              "idempotency_key": key, "action": action}  # fmt: skip
    if action == "submit":
        fields["confirmed"] = "yes"  # 签发提交 as the confirmation page posts it again (lib/confirm.py)
    for n, indicator in enumerate(task.indicators.all()):
        if indicator.kind in VALUE_KINDS:
            fields[f"v-{indicator.pk}-value"] = f"{task.pk % 97}.{n + 1}"
    return fields


def _report_path(task: Task, month: int) -> str:
    return f"/tasks/{task.pk}/reports/{task.plan.year}-{month:02d}/"


def _acknowledged(answer: tuple[int, str, str], path: str) -> bool:
    """Signed off: the view redirects to the report page (an error renders the page with 200)."""
    status, location, _ = answer
    return status == 302 and urllib.parse.urlparse(location).path == path


def _assert_version_as_sent(version: ReportVersion, task: Task, fields: dict) -> None:
    assert (version.narrative, version.problems, version.next_steps) == (
        fields["narrative"],
        fields["problems"],
        fields["next_steps"],
    )
    values = {str(v.indicator_id): v.value for v in version.values.all()}
    for name, sent in fields.items():
        if name.startswith("v-"):
            assert values[name.split("-")[1]] == Decimal(sent)


def test_two_app_servers_share_one_database(work_report, tmp_path):
    head = _user("fgj_head", Role.UNIT_HEAD, "区发改经信局")
    _user("tjj", Role.STATS_REVIEWER, "区统计局")
    tasks = _lead_tasks(work_report, head, 8)
    servers = []
    try:
        servers = [Server(tmp_path).start(), Server(tmp_path).start()]
        started = time.monotonic()  # the work through the servers is bounded; starting them, by Server.start
        heads = [Browser(s).login("fgj_head") for s in servers]
        jobs = []  # (server index, path, fields, task)
        for n, (task, month) in enumerate((t, m) for t in tasks for m in (1, 2, 3, 4, 5)):
            fields = _fields(task, f"mp-{n}-{uuid.uuid4().hex[:8]}", f"第{n}份报告：{task.name[:20]}，按计划推进。")
            jobs.append((n % 2, _report_path(task, month), fields, task))
            if n % 5 == 0:  # the same click again, through each server
                jobs.append(((n + 1) % 2, _report_path(task, month), fields, task))
        assert len(jobs) >= 40

        def send(job):
            index, path, fields, _ = job
            return heads[index].post(path, fields)

        with ThreadPoolExecutor(max_workers=8) as pool:
            answers = list(pool.map(send, jobs))
        assert all(status < 500 for status, _, _ in answers), [a[:2] for a in answers if a[0] >= 500]

        acked = {}  # idempotency key -> (server index, task, fields)
        for (index, path, fields, task), answer in zip(jobs, answers, strict=True):
            if _acknowledged(answer, path):
                acked.setdefault(fields["idempotency_key"], (index, task, fields))
        sent_keys = {fields["idempotency_key"] for _, _, fields, _ in jobs}
        assert set(acked) == sent_keys  # fresh drafts: every first submission is signed off
        versions = ReportVersion.objects.filter(idempotency_key__in=sent_keys)
        assert versions.count() == len(sent_keys)  # one version per key, no duplicate from the repeated clicks
        assert ProgressReport.objects.filter(versions__in=versions).distinct().count() == len(sent_keys)
        for key, (_, task, fields) in acked.items():
            version = versions.get(idempotency_key=key)
            assert version.number == 1 and version.report.task_id == task.pk and version.submitted_by_id == head.pk
            _assert_version_as_sent(version, task, fields)

        # The reviewer verifies through the server that did not take the submission, some twice (both servers).
        reviewers = [Browser(s).login("tjj") for s in servers]
        reviews = []  # (server index, version id, indicator id, value)
        for key, (index, task, _) in list(acked.items())[:12]:
            version = versions.get(idempotency_key=key)
            mine = [i for i in task.indicators.all() if i.verifier and i.verifier.name == "区统计局"]
            for indicator in mine[:1]:
                reviews.append((1 - index, version.pk, indicator.pk, f"{version.pk}.5"))
        if reviews:
            reviews.append((1 - reviews[0][0], *reviews[0][1:]))
        assert reviews, "no report of the chosen tasks has an indicator verified by 区统计局"

        def review(job):
            index, version_id, indicator_id, value = job
            path = f"/reviews/versions/{version_id}/"
            return reviewers[index].post(path, {"indicator": indicator_id, "decision": "verified",
                                                "verified_value": value, "reason": ""})  # fmt: skip

        with ThreadPoolExecutor(max_workers=4) as pool:
            review_answers = list(pool.map(review, reviews))
        assert all(status == 302 for status, _, _ in review_answers), [a[:2] for a in review_answers]
        decided = {(v, i): value for _, v, i, value in reviews}
        rows = Review.objects.filter(version__in=versions)
        assert rows.count() == len(decided)
        for row in rows:
            assert row.decision == Decision.VERIFIED and row.reviewer.username == "tjj"
            assert row.verified_value == Decimal(decided[(row.version_id, row.indicator_id)])
        assert time.monotonic() - started < 60
    finally:
        for server in servers:
            server.kill()
        _await_disconnects()


def _evidence_content(n: int) -> bytes:
    return PDF + f"% 佐证 {n} {uuid.uuid4().hex}\n".encode() + os.urandom(256)


def test_a_killed_app_server_loses_no_acknowledged_submission(work_report, tmp_path, media_root):
    assert media_root == tmp_path / "media"  # the servers' MEDIA_ROOT is DUKAO_VAR_DIR/media
    head = _user("fgj_head", Role.UNIT_HEAD, "区发改经信局")
    tasks = _lead_tasks(work_report, head, 8)
    items = [(task, month) for task in tasks for month in (5, 6, 7)]
    server = Server(tmp_path)
    acked, stop = [], threading.Event()  # acked: (task, month, fields, evidence bytes)

    # Built here: the submitting thread must not open a database connection of its own.
    planned = [
        (task, month, _report_path(task, month), _fields(task, f"crash-{n}-{uuid.uuid4().hex[:8]}", f"第{n}份。"))
        for n, (task, month) in enumerate(items)
    ]

    def submit_all(browser: Browser) -> None:
        for n, (task, month, path, fields) in enumerate(planned):
            if stop.is_set():
                return
            content = _evidence_content(n)
            try:
                if not _acknowledged(browser.post(path, {**fields, "action": "save"}), path):
                    continue
                _, _, page = browser.request(path)
                report_id = re.search(r"/reports/(\d+)/evidence/", page).group(1)
                if browser.upload(f"/reports/{report_id}/evidence/", f"佐证{n}.pdf", content)[0] != 302:
                    continue
                answer = browser.post(path, {**fields, "base_revision": 1})
            except OSError:  # the server was killed under this request
                return
            if _acknowledged(answer, path):
                acked.append((task, month, fields, content))

    try:
        server.start()
        started = time.monotonic()
        browser = Browser(server).login("fgj_head")
        worker = threading.Thread(target=submit_all, args=(browser,))
        worker.start()
        deadline = time.monotonic() + 30
        while len(acked) < 4 and worker.is_alive() and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill()  # master and workers, mid-request: SIGKILL, no shutdown
        worker.join(timeout=TIMEOUT + 5)
        stop.set()
        assert not worker.is_alive()
        assert 4 <= len(acked) < len(items), "the kill did not land in the middle of the submissions"

        server.start()  # the same port; sessions live in the database: the same cookies still work
        for task, month, fields, content in acked:
            version = ReportVersion.objects.get(idempotency_key=fields["idempotency_key"])
            assert version.report.task_id == task.pk and version.report.period.month == month
            _assert_version_as_sent(version, task, fields)
            (evidence,) = version.evidence.all()
            digest = hashlib.sha256(content).hexdigest()
            assert evidence.sha256 == digest and evidence.size == len(content)
            assert hashlib.sha256(Path(evidence.file.path).read_bytes()).hexdigest() == digest
            assert Path(evidence.file.path).is_relative_to(media_root)
        # A repeated click of the last acknowledged submission after the restart makes no second version.
        task, month, fields, _ = acked[-1]
        path = _report_path(task, month)
        assert _acknowledged(browser.post(path, {**fields, "base_revision": 1}), path)
        assert ReportVersion.objects.filter(report__task=task, report__period__month=month).count() == 1
        # The restarted server takes new work.
        task, month = tasks[0], 8
        path = _report_path(task, month)
        fields = _fields(task, f"after-{uuid.uuid4().hex[:8]}", "重启后的报告。")
        assert _acknowledged(browser.post(path, fields), path)
        assert ReportVersion.objects.filter(idempotency_key=fields["idempotency_key"]).count() == 1
        assert Evidence.objects.filter(sha256__in=[hashlib.sha256(c).hexdigest() for *_, c in acked]).count() == len(
            acked
        )
        assert time.monotonic() - started < 60
    finally:
        stop.set()
        server.kill()
        _await_disconnects()
