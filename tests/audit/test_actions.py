"""Every audit action recorded anywhere in the code has a label in ``audit.actions``, and every label there is for
an action something records: the audit pages and exports never show a raw code of today's code."""

import ast
from pathlib import Path

from django.utils import translation

from dukao.audit.actions import ACTIONS, action_label, codes_labelled
from dukao.progress.models import RequestAction
from dukao.supervision.models import CaseStepKind

ROOT = Path(__file__).resolve().parents[2] / "dukao"

#: The codes an f-string ``action=`` makes, by its source text: a new one is added here with its values.
FORMATTED = {
    "f'plan.import.{outcome.state}'": [f"plan.import.{state}" for state in ("created", "updated")],
    "f'cadre.import.{state}'": [f"cadre.import.{state}" for state in ("created", "updated")],
    "f'case.{kind}'": [f"case.{kind}" for kind in CaseStepKind.values],
    "f'request.{action}'": [f"request.{action}" for action in RequestAction.values],
}


def _codes(node: ast.expr, function: ast.AST) -> list[str]:
    """The codes an ``action=`` value can take: a literal, either branch of ``a if c else b``, a local name
    assigned one of those in the same function, or a known f-string."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return [node.value]
    if isinstance(node, ast.IfExp):
        return _codes(node.body, function) + _codes(node.orelse, function)
    if isinstance(node, ast.JoinedStr):
        return FORMATTED[ast.unparse(node)]
    if isinstance(node, ast.Name):
        assigned = [
            a.value
            for a in ast.walk(function)
            if isinstance(a, ast.Assign) and any(isinstance(t, ast.Name) and t.id == node.id for t in a.targets)
        ]
        if assigned:
            return [code for value in assigned for code in _codes(value, function)]
    raise AssertionError(f"an action code the test cannot read: {ast.unparse(node)}")


def _parameters(function: ast.FunctionDef | ast.AsyncFunctionDef) -> set[str]:
    arguments = function.args
    return {a.arg for a in (*arguments.posonlyargs, *arguments.args, *arguments.kwonlyargs)}


def _action_calls(names: set[str]):
    """(path, function, call, value) for every call of a function in ``names`` with ``action=value``."""
    for path in ROOT.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for function in ast.walk(tree):
            if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for call in ast.walk(function):
                if (
                    isinstance(call, ast.Call)
                    and (getattr(call.func, "id", None) or getattr(call.func, "attr", None)) in names
                ):
                    for keyword in call.keywords:
                        if keyword.arg == "action":
                            yield path, function, call, keyword.value


def recorded_codes() -> dict[str, str]:
    """{code: where} for every ``event_record(action=…)`` call in the code, for every call of a function that
    hands its own ``action`` parameter on to ``event_record`` (``issuing.document_issue``), and for every
    ``Event(action="…")`` (an event the chain writes itself)."""
    found, relays = {}, set()
    for path, function, call, value in _action_calls({"event_record", "Event"}):
        called = getattr(call.func, "id", None) or getattr(call.func, "attr", None)
        if called == "Event" and not isinstance(value, ast.Constant):
            continue  # event_record's own Event(action=action)
        if isinstance(value, ast.Name) and value.id in _parameters(function):
            relays.add(function.name)
            continue
        for code in _codes(value, function):
            found[code] = f"{path.relative_to(ROOT.parent)}:{call.lineno}"
    for path, function, call, value in _action_calls(relays):
        for code in _codes(value, function):
            found[code] = f"{path.relative_to(ROOT.parent)}:{call.lineno}"
    return found


def test_every_recorded_action_has_a_label():
    recorded = recorded_codes()
    assert len(recorded) > 50
    missing = {code: where for code, where in recorded.items() if code not in ACTIONS}
    assert not missing, f"add these codes to dukao/audit/actions.py: {missing}"


def test_every_label_is_for_an_action_something_records():
    assert not set(ACTIONS) - set(recorded_codes())


def test_labels_are_chinese_and_english_and_an_unknown_code_shows_as_itself():
    with translation.override("zh-hans"):
        assert action_label("auth.login") == "登录"
    with translation.override("en"):
        assert action_label("auth.login") == "Sign-in"
    assert action_label("old.code") == "old.code"
    with translation.override("zh-hans"):
        assert set(codes_labelled("通报")) >= {"bulletin.draft", "bulletin.issue", "bulletin.publish"}
