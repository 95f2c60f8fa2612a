"""The audit trail's keyed hash chain: every event is linked, `audit_verify` finds rows edited, removed or inserted
behind the app's back (the database refuses UPDATE and DELETE on PostgreSQL), and an action whose event cannot be
written does not happen."""

import threading

import pytest
from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction

from dukao.audit import chain, checkpoint
from dukao.audit.models import ChainHead, Event, Outcome
from dukao.audit.services import audit_verify, event_record, events_at_end
from dukao.progress.models import ProgressReport
from tests.progress.factories import draft


@pytest.fixture
def events(work_report, lead_reporter):
    """Seven events: the reporter's account, and three reports opened and saved."""
    for seq in ("1", "2", "4"):
        draft(work_report.tasks.get(seq=seq), lead_reporter)
    return list(Event.objects.order_by("chain_seq"))


def _raw(sql: str, params: list) -> None:
    """Change the table behind the app's back. PostgreSQL refuses it first (its trigger), then allows it for
    the rest of this transaction as a replica session (which fires no triggers)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SHOW session_replication_role")
            if cursor.fetchone()[0] != "replica":
                with pytest.raises(DatabaseError, match="只能追加"), transaction.atomic():
                    cursor.execute(sql, params)
                cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)


def test_events_are_numbered_and_chained_and_the_head_holds_the_last_link(events):
    key, prev = chain.audit_key(), ""
    for seq, event in enumerate(events, 1):
        assert event.chain_seq == seq and event.chain_hmac == chain.link(key, prev, event)
        prev = event.chain_hmac
    head = ChainHead.objects.get()
    assert (head.seq, head.hmac) == (len(events), prev) and audit_verify() == []


def test_audit_verify_reports_an_intact_chain(events, capsys):
    call_command("audit_verify")
    assert f"共 {len(events)} 条事件" in capsys.readouterr().out


def test_audit_verify_finds_a_row_edited_and_a_row_deleted_with_raw_sql(events, capsys):
    edited, deleted = events[1], events[3]
    _raw("UPDATE audit_event SET summary = %s WHERE id = %s", ["改过的摘要", edited.pk])
    _raw("DELETE FROM audit_event WHERE id = %s", [deleted.pk])
    with pytest.raises(CommandError, match="2 处问题"):
        call_command("audit_verify")
    report = capsys.readouterr().err.splitlines()
    after_deleted = events[4].pk
    assert report == [
        f"事件 #{edited.pk} 的内容与校验值不符（被修改）。",
        f"事件 #{after_deleted} 之前的第 4–4 号事件已被删除。",
    ]


def test_audit_verify_finds_a_forged_row_and_rows_removed_from_the_end(events):
    last = events[-1]
    _raw("DELETE FROM audit_event WHERE id = %s", [last.pk])
    forged = events[0]
    columns = "created_at, actor_name, unit_name, role, action, outcome, object_type, object_id, summary, request_id"
    with connection.cursor() as cursor:  # the database accepts new rows: the trail is append-only
        cursor.execute(
            f"INSERT INTO audit_event ({columns}, chain_seq, chain_hmac) SELECT {columns}, %s, chain_hmac "
            "FROM audit_event WHERE id = %s",
            [last.chain_seq, forged.pk],
        )
    kinds = [(b.kind, b.event_id) for b in audit_verify()]
    assert kinds == [("edited", Event.objects.get(chain_seq=last.chain_seq).pk)]
    _raw("DELETE FROM audit_event WHERE chain_seq = %s", [last.chain_seq])
    assert [str(b) for b in audit_verify()] == [
        f"链尾第 {last.chain_seq}–{last.chain_seq} 号事件已被删除（链头记录到第 {last.chain_seq} 号）。"
    ]


def test_a_change_to_the_key_breaks_every_link(events, settings):
    settings.DUKAO_AUDIT_KEY = "ab" * 32
    assert {b.kind for b in audit_verify()} == {"edited"} and len(audit_verify()) == len(events)


def test_an_action_whose_event_cannot_be_written_is_rolled_back(work_report, lead_reporter, monkeypatch):
    def refuse(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(Event, "save", refuse)
    with pytest.raises(DatabaseError):
        draft(work_report.tasks.get(seq="1"), lead_reporter)
    assert not ProgressReport.objects.exists()


def test_json_details_are_linked_as_the_database_gives_them_back(db, lead_reporter):
    details = {"tuple": (1, 2), "float": 1e20, "text": "三月", "nested": {"b": 2.5, "a": None}}
    event_record(actor=lead_reporter, action="test.json", obj=lead_reporter, before=details, after=details)
    assert audit_verify() == []


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_concurrent_writers_keep_the_chain_without_gaps(lead_reporter):
    """On PostgreSQL, writers in four threads wait for each other on the chain head's row lock. SQLite takes the
    database's write lock when a transaction begins (``transaction_mode`` IMMEDIATE), so its writers are
    serialised before they read the head (the in-memory test database cannot hold concurrent connections)."""
    if connection.vendor == "sqlite":
        assert connection.settings_dict["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
        return
    errors = []

    def write(n: int) -> None:
        try:
            for i in range(5):
                with transaction.atomic():
                    event_record(actor=None, action="test.concurrent", obj=lead_reporter, summary=f"{n}-{i}")
        except Exception as exc:  # reported below: a thread's exception would otherwise be lost
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    seqs = sorted(Event.objects.values_list("chain_seq", flat=True))
    assert seqs == list(range(1, len(seqs) + 1)) and len(seqs) == 21 and audit_verify() == []


# ----- events chained at the end of a block (the sign-off's transaction) ----------------------------------------


def test_events_held_to_the_end_of_a_block_are_chained_there_in_order(events, lead_reporter):
    before = ChainHead.objects.get().seq
    with transaction.atomic(), events_at_end():
        event_record(actor=lead_reporter, action="test.first", obj=None)
        with events_at_end():  # nested: the outer block writes
            event_record(actor=lead_reporter, action="test.second", obj=None)
        assert ChainHead.objects.get().seq == before and not Event.objects.filter(action__startswith="test.").exists()
    written = list(Event.objects.filter(action__startswith="test.").order_by("chain_seq"))
    assert [(e.action, e.chain_seq) for e in written] == [("test.first", before + 1), ("test.second", before + 2)]
    assert audit_verify() == []


def test_a_block_that_fails_writes_no_event_and_its_action_rolls_back(events, lead_reporter):
    count, head = Event.objects.count(), ChainHead.objects.get().seq
    with pytest.raises(RuntimeError), transaction.atomic(), events_at_end():
        ProgressReport.objects.update(draft_narrative="不应保存")
        event_record(actor=lead_reporter, action="test.failed", obj=None)
        raise RuntimeError("the action failed")
    assert Event.objects.count() == count and ChainHead.objects.get().seq == head
    assert not ProgressReport.objects.filter(draft_narrative="不应保存").exists()


def test_a_sign_off_locks_the_chain_head_only_after_its_version_is_written(client, work_report, lead_head):
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse

    client.force_login(lead_head)
    data = {"base_revision": 0, "narrative": "一月进展", "problems": "", "next_steps": "", "action": "submit"}
    data["confirmed"] = "yes"
    url = reverse("progress:report_page", args=[work_report.tasks.get(seq="1").pk, "2019-01"])
    with CaptureQueriesContext(connection) as queries:
        assert client.post(url, data | {"idempotency_key": "k1"}).status_code == 302
    statements = [q["sql"] for q in queries.captured_queries]
    head_reads = [i for i, sql in enumerate(statements) if 'FROM "audit_chainhead"' in sql]
    version = next(i for i, sql in enumerate(statements) if sql.startswith('INSERT INTO "progress_reportversion"'))
    assert len(head_reads) == 1 and head_reads[0] > version
    actions = Event.objects.order_by("chain_seq").values_list("action", flat=True)
    assert list(actions)[-3:] == ["report.open", "report.save", "report.submit"] and audit_verify() == []


def test_events_at_end_refuses_to_run_outside_a_transaction(db):
    refused = []

    def outside():  # a thread has its own connection, in no transaction
        try:
            with events_at_end():
                pass
        except transaction.TransactionManagementError as exc:
            refused.append(str(exc))
        finally:
            connection.close()

    thread = threading.Thread(target=outside)
    thread.start()
    thread.join()
    assert refused == ["events_at_end() runs inside transaction.atomic()."]


# ----- the chain head outside the database (DUKAO_AUDIT_CHECKPOINT) ------------------------------------------


def test_events_cut_from_the_end_with_the_head_set_back_are_found_by_the_checkpoint_outside(
    events, settings, tmp_path, django_capture_on_commit_callbacks, capsys
):
    settings.DUKAO_AUDIT_CHECKPOINT = str(tmp_path / "audit-head.log")
    with django_capture_on_commit_callbacks(execute=True):  # written once the events are committed
        with transaction.atomic():
            event_record(actor=None, action="test.first", obj=None)
            event_record(actor=None, action="test.second", obj=None)
    head = ChainHead.objects.get()
    lines = (tmp_path / "audit-head.log").read_text().splitlines()
    assert [line.split(" at=")[0] for line in lines] == [
        f"dukao-audit-head seq={head.seq - 1} hmac={Event.objects.get(action='test.first').chain_hmac}",
        f"dukao-audit-head seq={head.seq} hmac={head.hmac}",
    ]
    call_command("audit_verify")
    assert f"库外检查点记录到第 {head.seq} 号，与链一致" in capsys.readouterr().out
    kept = events[-1]  # the tail cut and the head row set back to the last event kept: the database agrees
    _raw("DELETE FROM audit_event WHERE chain_seq > %s", [kept.chain_seq])
    ChainHead.objects.filter(pk=ChainHead.ID).update(seq=kept.chain_seq, hmac=kept.chain_hmac)
    settings.DUKAO_AUDIT_CHECKPOINT = ""
    assert audit_verify() == []  # without the record outside, nothing shows
    settings.DUKAO_AUDIT_CHECKPOINT = str(tmp_path / "audit-head.log")
    with pytest.raises(CommandError, match="1 处问题"):
        call_command("audit_verify")
    first, last = kept.chain_seq + 1, head.seq
    assert capsys.readouterr().err.strip() == f"链尾第 {first}–{last} 号事件已被删除（库外检查点记录到第 {last} 号）。"


def test_a_chain_rewritten_from_a_checkpointed_event_on_is_found(events):
    checked = events[2]
    breaks = chain.chain_breaks(chain.audit_key(), events, len(events), (checked.chain_seq, "0" * 64))
    assert [str(b) for b in breaks] == [
        f"事件 #{checked.pk}（第 {checked.chain_seq} 号）的校验值与库外检查点不符（链从此处被改写）。"
    ]
    assert chain.chain_breaks(chain.audit_key(), events, len(events), (checked.chain_seq, checked.chain_hmac)) == []


def test_the_head_goes_to_the_system_log_and_a_collected_log_file_is_read(
    events, settings, tmp_path, monkeypatch, django_capture_on_commit_callbacks
):
    sent = []
    monkeypatch.setattr(checkpoint.syslog, "syslog", lambda priority, line: sent.append((priority, line)))
    settings.DUKAO_AUDIT_CHECKPOINT = "syslog"
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        event_record(actor=None, action="test.logged", obj=None)
    head = ChainHead.objects.get()
    priority = checkpoint.syslog.LOG_AUTHPRIV | checkpoint.syslog.LOG_NOTICE
    assert [(p, line.split(" at=")[0]) for p, line in sent] == [
        (priority, f"dukao-audit-head seq={head.seq} hmac={head.hmac}")
    ]
    collected = tmp_path / "messages"  # as the log server keeps it: its own prefix on each line
    collected.write_text("".join(f"Dec  5 18:00:0{i} app1 dukao[42]: {line}\n" for i, (_, line) in enumerate(sent)))
    assert checkpoint.checkpoint_read(collected) == (head.seq, head.hmac)
    assert audit_verify(collected) == []
    _raw("DELETE FROM audit_event WHERE chain_seq = %s", [head.seq])
    ChainHead.objects.filter(pk=ChainHead.ID).update(seq=head.seq - 1)
    assert [b.kind for b in audit_verify(collected)] == ["checkpoint"]


@pytest.mark.parametrize(
    ("text", "last"),
    [
        ("", None),
        ("dukao-audit-head seq=3 hmac=" + "a" * 64 + "\ndukao-audit-head seq=2 hmac=" + "b" * 64, (3, "a" * 64)),
        ("x seq=9 hmac=" + "c" * 64 + "\n" + "head seq=4 hmac=" + "d" * 64, None),  # not the line's own prefix
        ("dukao-audit-head seq=5 hmac=" + "e" * 63, None),  # a cut hash
    ],
)
def test_the_last_checkpoint_is_the_highest_numbered_whole_line(text, last):
    assert checkpoint.last_checkpoint(text) == last


def test_a_head_set_behind_the_last_event_is_found_and_the_next_write_carries_on_and_says_so(events, capsys):
    """The application role may update the head row: setting it back makes the next event's number clash."""
    last = events[-1]
    ChainHead.objects.filter(pk=ChainHead.ID).update(seq=last.chain_seq - 1, hmac="0" * 64)
    assert [(b.kind, b.first, b.last) for b in audit_verify()] == [("head_behind", last.chain_seq - 1, last.chain_seq)]
    with pytest.raises(CommandError, match="1 处问题"):
        call_command("audit_verify")
    assert f"链头（第 {last.chain_seq - 1} 号）落后于最后一条事件" in capsys.readouterr().err
    event_record(actor=None, action="test.after", obj=None)  # no IntegrityError: a 500 on every audited write
    repaired = Event.objects.get(action="audit.head_repaired")
    assert repaired.outcome == Outcome.FAILURE and repaired.chain_seq == last.chain_seq + 1
    assert f"第 {last.chain_seq - 1} 号" in repaired.summary
    assert Event.objects.get(action="test.after").chain_seq == last.chain_seq + 2
    assert audit_verify() == []  # the chain goes on, and the repair stays on it for the auditor
