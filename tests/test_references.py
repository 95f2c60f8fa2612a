"""Code and docs speak of this project only: every Markdown file they name is in the repository (at the root,
beside the file that names it, or under docs/), and no sentence points to an issue number instead of saying the
fact (the fact is written in docs/)."""

import re

from tests.paths import ROOT

#: Where the project's own words are, and the kinds of text file read there.
PLACES = ["dukao", "docs", "tests", "bench", ".ci", "README.md", "CONTRIBUTING.md", "Makefile", "pyproject.toml"]
SUFFIXES = {".py", ".md", ".html", ".txt", ".toml", ".cfg", ".yml", ".yaml", ".js", ".css", ".sh", ""}
MARKDOWN = re.compile(r"(?<![\w/.:-])([\w.-]+(?:/[\w.-]+)*\.md)\b")
ISSUE = re.compile(r"\bissues? #?\d+")


def text_files():
    for place in PLACES:
        path = ROOT / place
        for file in [path] if path.is_file() else sorted(path.rglob("*")):
            if file.is_file() and file.suffix in SUFFIXES and "__pycache__" not in file.parts:
                yield file, file.read_text(encoding="utf-8", errors="replace")


def named_markdown(text: str) -> set[str]:
    return set(MARKDOWN.findall(text))


def resolves(name: str, file) -> bool:
    return any((base / name).is_file() for base in (ROOT, file.parent, ROOT / "docs"))


def test_the_patterns_find_what_they_look_for():
    text = "see docs/import.md, `supervision.md` and ../README.md; not https://example.org/x.md (issue 12, item 3)"
    assert named_markdown(text) == {"docs/import.md", "supervision.md", "../README.md"}
    assert ISSUE.findall(text) == ["issue 12"]


def test_every_markdown_file_named_is_in_the_repository():
    missing = sorted(
        f"{file.relative_to(ROOT)}: {name}"
        for file, text in text_files()
        for name in named_markdown(text)
        if not resolves(name, file)
    )
    assert not missing, missing


def test_no_sentence_points_to_an_issue_number():
    pointers = sorted(
        f"{file.relative_to(ROOT)}: {hit}"
        for file, text in text_files()
        if file.name != "test_references.py"
        for hit in ISSUE.findall(text)
    )
    assert not pointers, pointers
