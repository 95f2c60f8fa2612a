"""Every message a user reads goes through gettext: no Chinese literal is raised, or handed to a form, a command,
``messages`` or ``deny_unless``, without ``_()`` around it (CONTRIBUTING "How to add a UI string").

The scan reads the syntax tree, not the text, so a message split over lines or built by an f-string is found too.
Left out: migrations and the pure rule modules (no Django, hence no gettext; ``plans/parsing`` reads Chinese
documents and reports in Chinese), the ``[[tool.importlinter.contracts]]`` named "pure" in pyproject.toml.
"""

import ast
import re
import tomllib

import pytest

from tests.paths import ROOT

CJK = re.compile(r"[\u4e00-\u9fff]")
#: Exceptions built outside a ``raise`` statement whose message is shown all the same.
MESSAGE_CLASSES = {"ValidationError", "CommandError", "PermissionDenied"}
MESSAGE_LEVELS = {"debug", "info", "success", "warning", "error"}


def _name(node: ast.AST) -> str:
    return node.id if isinstance(node, ast.Name) else node.attr if isinstance(node, ast.Attribute) else ""


def _chinese_literal(node: ast.AST) -> bool:
    """Whether the message's own text is a Chinese literal: a string, an f-string, or one of them formatted,
    joined or chosen by a conditional. Values interpolated into a translated message (a date formatted
    ``%Y年%m月`` the way the Chinese text always had it) are not the message's text."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str) and bool(CJK.search(node.value))
    if isinstance(node, ast.JoinedStr):
        return any(_chinese_literal(part) for part in node.values if isinstance(part, ast.Constant))
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mod):
        return _chinese_literal(node.left)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _chinese_literal(node.left) or _chinese_literal(node.right)
    if isinstance(node, ast.IfExp):
        return _chinese_literal(node.body) or _chinese_literal(node.orelse)
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in {"format", "join"}:
        return _chinese_literal(node.func.value) or any(_chinese_literal(arg) for arg in node.args)
    return False


def _messages(tree: ast.AST):
    """The message argument of every raised exception, form or command error, ``messages.<level>()`` call and
    ``deny_unless()``."""
    raised = {id(node.exc) for node in ast.walk(tree) if isinstance(node, ast.Raise)}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node.func)
        if id(node) in raised or name in MESSAGE_CLASSES:
            yield from node.args[:1]
            yield from (keyword.value for keyword in node.keywords if keyword.arg == "message")
        elif name in MESSAGE_LEVELS and isinstance(node.func, ast.Attribute) and _name(node.func.value) == "messages":
            yield from node.args[1:2]
        elif name == "deny_unless":
            yield from node.args[1:2]


def untranslated(source: str) -> list[int]:
    """The lines of ``source`` where a message is a Chinese literal outside gettext."""
    return sorted(node.lineno for node in _messages(ast.parse(source)) if _chinese_literal(node))


def _pure_modules() -> list[str]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (pure,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["id"] == "pure"]
    return [module.replace(".", "/") for module in pure["source_modules"]]


def _scanned_files():
    pure = _pure_modules()
    for path in sorted((ROOT / "dukao").rglob("*.py")):
        relative = path.relative_to(ROOT).with_suffix("").as_posix()
        if "migrations" in path.parts or any(relative == m or relative.startswith(m + "/") for m in pure):
            continue
        yield path


@pytest.mark.parametrize(
    ("source", "flagged"),
    [
        ('raise AssessmentError("考核已定稿，不能再修改。")', True),
        ('raise AssessmentError(f"{year}年没有已导入的目标任务分解表。")', True),
        ('raise CommandError(\n    f"找不到{pk}"\n    "的考核。"\n) from exc', True),
        ('raise ValueError("报告期“%s”不正确" % text)', True),
        ('raise ValueError("报告期" + text)', True),
        ('raise ValueError("报告期{}".format(text))', True),
        ('raise ValueError("甲" if a else "乙")', True),
        ("error = ValidationError('请填写理由。')", True),
        ('messages.error(request, f"{name}已删除。")', True),
        ('deny_unless(allowed, "只有区政府办公室可以发起年度考核。")', True),
        ('raise AssessmentError(_("考核已定稿，不能再修改。"))', False),
        ('raise AssessmentError(_("%(year)s年没有已导入的目标任务分解表。") % {"year": year})', False),
        ('raise AssessmentError(_("截至%(period)s。") % {"period": period.strftime("%Y年%m月")})', False),
        ('raise ValueError(f"unknown kind {kind!r}")', False),
        ("raise AssessmentError(str(exc)) from exc", False),
        ('print("中文")', False),
    ],
)
def test_a_chinese_message_outside_gettext_is_found(source, flagged):
    assert bool(untranslated(source)) is flagged


def test_the_pure_modules_are_left_out_and_the_others_scanned():
    scanned = {path.relative_to(ROOT).as_posix() for path in _scanned_files()}
    assert "dukao/assessment/services.py" in scanned
    assert "dukao/plans/parsing/document.py" not in scanned
    assert "dukao/supervision/rules.py" not in scanned


def test_no_chinese_message_bypasses_gettext():
    found = [
        f"{path.relative_to(ROOT)}:{line}"
        for path in _scanned_files()
        for line in untranslated(path.read_text(encoding="utf-8"))
    ]
    assert found == [], "wrap these messages in _() with %(name)s placeholders:\n" + "\n".join(found)
