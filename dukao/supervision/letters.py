"""Case documents (督办文书) 区纪委(区监委) issues on a supervision case — 提示函 (a 提醒), 约谈通知 (a 约谈) and 督办单
— built from the case's frozen facts and laid out in the bulletin's GB/T 9704-2012 frame (``documents``): one
renderer for every official document. Pure: no database, no clock. The snapshot ``letter_snapshot`` builds::

    {"kind": "order", "title": "关于区教育局目标任务进度滞后问题的督办单", "document_number": "上纪督〔2019〕3号",
     "issued_on": "2019-07-10", "recipients": "区教育局", "unit": "区教育局", "trigger": "约谈",
     "tasks": [{"seq": "4", "name": "……", "period": "2019年6月", "status": "严重滞后", "reason": "……"}, …],
     "demand": "……", "due_on": "2019-07-25", "arrangement": "",           # arrangement: a 约谈通知's time and place
     "preface": "……", "closing": "特此督办。", "attachments": [],
     "masthead": …, "issuer": …, "signer": …, "copy_to": …, "printer": …}   # from the case template
"""

from datetime import date

from django.utils import translation
from django.utils.translation import gettext as _

from dukao.supervision.documents import LANGUAGE, Cell, Paragraph, Section, Table, date_label

REMINDER, TALK, ORDER = "reminder", "talk", "order"


def letter_snapshot(
    kind: str,
    *,
    unit: str,
    trigger: str,
    facts: dict,
    template: dict,
    number: str,
    issued_on: date,
    due_on: date,
    demand: str = "",
    arrangement: str = "",
) -> dict:
    """What a case document says, frozen when it is issued. ``facts`` are the case's (``case_open``), ``template``
    the case template's words (``snapshot.template_fields``); ``demand`` replaces the usual demand of the kind.
    Raises ``ValueError`` for an unknown kind, or a 约谈通知 without its time and place."""
    if kind not in (REMINDER, TALK, ORDER):
        raise ValueError(_("不是督办文书的类型：%(kind)s") % {"kind": kind})
    if kind == TALK and not arrangement.strip():
        raise ValueError(_("约谈通知须写明约谈的时间和地点。"))
    with translation.override(LANGUAGE):
        words = _words(kind, unit, template["issuer"], due_on)
        return {
            **template,
            "kind": kind,
            "title": words["title"],
            "document_number": number,
            "issued_on": issued_on.isoformat(),
            "recipients": unit,
            "unit": unit,
            "trigger": trigger,
            "tasks": latest_facts(facts.get("tasks", [])),
            "demand": demand.strip() or words["demand"],
            "due_on": due_on.isoformat(),
            "arrangement": arrangement.strip(),
            "preface": words["preface"],
            "closing": words["closing"],
            "attachments": [],
        }


def latest_facts(tasks: list[dict]) -> list[dict]:
    """One row per task: its latest period's status and reason (the facts list every period, oldest first)."""
    latest: dict[tuple[str, str], dict] = {}
    for row in tasks:
        latest[(row["seq"], row["name"])] = row
    return list(latest.values())


def _words(kind: str, unit: str, issuer: str, due_on: date) -> dict[str, str]:
    """Title, 导语, usual demand and closing of each kind; the demand carries the time limit."""
    due = date_label(due_on)
    if kind == REMINDER:
        return {
            "title": _("关于%(unit)s目标任务推进情况的提示函") % {"unit": unit},
            "preface": _("经督查，你单位牵头的下列目标任务进度滞后或未按时报送，现予提示。"),
            "demand": _("请你单位高度重视，查找原因，加快推进，于%(due)s前将推进情况及下步措施书面反馈%(issuer)s。")
            % {"due": due, "issuer": issuer},
            "closing": _("特此提示。"),
        }
    if kind == TALK:
        return {
            "title": _("关于约谈%(unit)s主要负责人的通知") % {"unit": unit},
            "preface": _("经督查，你单位牵头的下列目标任务进度持续滞后。经研究，决定对你单位主要负责人进行约谈。"),
            "demand": _("请你单位主要负责人按时参加约谈，并于%(due)s前就滞后原因及整改措施向%(issuer)s作出书面说明。")
            % {"due": due, "issuer": issuer},
            "closing": _("特此通知。"),
        }
    return {
        "title": _("关于%(unit)s目标任务进度滞后问题的督办单") % {"unit": unit},
        "preface": _("经督查，你单位牵头的下列目标任务进度滞后，现予督办。"),
        "demand": _(
            "请你单位于%(due)s前完成整改，并将整改报告书面报送%(issuer)s。逾期未完成整改的，将依规依纪依法追究相关人员责任。"
        )
        % {"due": due, "issuer": issuer},
        "closing": _("特此督办。"),
    }


def letter_parts(snapshot: dict) -> tuple[Section, ...]:
    """一、the tasks (督办事项 / 提示事项 / 约谈事由) as a table; for a 约谈通知 二、约谈安排; then the demand and its
    time limit (整改要求 / 有关要求)."""
    kind = snapshot["kind"]
    matters = {REMINDER: _("提示事项"), TALK: _("约谈事由"), ORDER: _("督办事项")}[kind]
    parts = [(matters, (Paragraph(_tasks_line(snapshot["tasks"])), _tasks_table(snapshot["tasks"])))]
    if kind == TALK:
        parts.append((_("约谈安排"), (Paragraph(snapshot["arrangement"]),)))
    parts.append((_("整改要求") if kind == ORDER else _("有关要求"), (Paragraph(snapshot["demand"]),)))
    return tuple(Section(f"{NUMERALS[n]}、{heading}", blocks) for n, (heading, blocks) in enumerate(parts))


NUMERALS = "一二三四五六七八九十"


def _tasks_line(tasks: list[dict]) -> str:
    return _("涉及目标任务%(count)s项，立案时的状态和原因如下：") % {"count": len(tasks)}


def _tasks_table(tasks: list[dict]) -> Table:
    """序号 | 任务名称 (with its 序号 in the plan) | 报告期 | 状态 | 原因; 11 + 45 + 24 + 20 + 56 = 156 mm."""
    body = tuple(
        (
            Cell(str(n), True),
            Cell(_("%(name)s（第%(seq)s项）") % {"name": t["name"], "seq": t["seq"]}),
            Cell(t["period"], True),
            Cell(t["status"], True),
            Cell(t["reason"]),
        )
        for n, t in enumerate(tasks, 1)
    )
    return Table((_("序号"), _("任务名称"), _("报告期"), _("状态"), _("原因")), body, (11, 45, 24, 20, 56))
