"""The corpus harness: every real document of ``../shared/corpus`` parsed as ``dukao import_plan`` parses it,
each row compared with the expectation written by hand in ``expected/<file stem>.json`` (format: README.md).

Pure Python (no Django, no database): the document goes through ``reader.read_lines`` and
``document.parse_document``, the two steps ``plans.services.plan_import`` runs before it touches the database.
"""

import inspect
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.errors import DocumentError
from dukao.plans.parsing.reader import read_lines
from dukao.plans.parsing.shapes import ParsedDocument, ParsedPlan, ParsedTask
from dukao.units.likeness import suspected_alias
from tests.paths import ROOT

#: Where CI keeps the shared corpus: beside the checkout.
CORPUS = ROOT.parent / "shared" / "corpus"
EXPECTED = Path(__file__).resolve().parent / "expected"
#: The fields of an expected row, in the order a mismatch is reported.
FIELDS = ("seq", "section", "text", "lead", "responsible", "cooperating", "leaders", "deadline", "type", "category")
LIST_FIELDS = frozenset({"lead", "responsible", "cooperating", "leaders"})

# The collector's lines above the document ("# source: …", "# layout: …") and the markers of its two blocks.
_COLLECTOR_LINE = re.compile(r"^# [a-z ]+:")
_BLOCK_A = "## A (verbatim)"
_BLOCK_B = "## B ("
_TRUNCATED = "[TRUNCATED]"  # the collector's mark of a cut excerpt, kept: a parser meets cut documents
# Punctuation is dropped for comparison, except what carries a quantity: % ‰ and a decimal point between digits.
_PUNCTUATION_KEPT = frozenset("%‰")
_DECIMAL_POINT = re.compile(r"(?<=\d)\.(?=\d)")


def corpus_dir() -> Path | None:
    """The shared corpus folder beside the checkout, or None where it is absent (the corpus tests are skipped)."""
    return CORPUS if CORPUS.is_dir() else None


def document_text(path: Path) -> str:
    """The document as it was found: the collector's header lines dropped, and where the file holds a verbatim
    block A and the collector's rebuild B, block A only (B is a reading aid for the expectation's author),
    still ending in the file's ``[TRUNCATED]`` mark where the excerpt is cut."""
    lines = path.read_text(encoding="utf-8").splitlines()
    while lines and _COLLECTOR_LINE.match(lines[0]):
        lines.pop(0)
    if lines and lines[0].startswith(_BLOCK_A):
        cut = lines[-1:] == [_TRUNCATED]
        end = next((i for i, line in enumerate(lines) if line.startswith(_BLOCK_B)), len(lines))
        lines = lines[1:end]
        lines += [_TRUNCATED] if cut and lines[-1:] != [_TRUNCATED] else []
    return "\n".join(lines) + "\n"


def normalise(text: str) -> str:
    """The form texts, unit names, leaders and 序号 are compared in: full and half width unified (NFKC, which
    also turns ① into 1), all whitespace removed (first, so that "3. 3%" reads 3.3%), then all punctuation
    (brackets, quotes, 、 。 , ; : ? …) except % ‰ and a decimal point between digits.
    "（一）" → "一"; "居民消费价格涨幅3%左右。" → "居民消费价格涨幅3%左右"."""
    text = "".join(unicodedata.normalize("NFKC", text).split())
    text = _DECIMAL_POINT.sub("\0", text)
    kept = (c for c in text if c in _PUNCTUATION_KEPT or c == "\0" or not unicodedata.category(c).startswith("P"))
    return "".join(kept).replace("\0", ".")


def parse(text: str, file_name: str, title: str = "", year: int = 0) -> ParsedDocument:
    """Parse ``text`` as ``dukao import_plan`` does (default lead rule). ``title``/``year`` are passed as
    ``--title``/``--year`` would pass them, once the parser accepts them. Raises ``DocumentError``."""
    kwargs: dict[str, object] = {}
    accepted = inspect.signature(parse_document).parameters
    if title and "title" in accepted:
        kwargs["title"] = title
    if year and "year" in accepted:
        kwargs["year"] = year
    return parse_document(read_lines(text.encode("utf-8"), file_name), file_name, **kwargs)


def task_text(task: ParsedTask) -> str:
    """A task's whole content: its name and requirement, or the requirement alone where it already begins with
    the name (a label block's name is the first sentence of its text)."""
    if normalise(task.requirement).startswith(normalise(task.name)):
        return task.requirement
    return task.name + task.requirement


def row_fields(task: ParsedTask, plan: ParsedPlan) -> dict[str, object]:
    """THE adapter: a parsed task in the expectation's fields. Extend it as the parser grows fields."""
    return {
        "seq": task.seq_as_printed or task.seq,
        "section": task.section,
        "text": task_text(task),
        "lead": task.lead_units,
        "responsible": task.responsible_units,
        "cooperating": task.cooperating_units,
        "leaders": task.leaders,
        "deadline": task.deadline_text,
        "type": task.target_type,
        "category": task.category,
    }


def _comparable(name: str, value: object) -> object:
    if name in LIST_FIELDS:
        return [normalise(v) for v in value]  # type: ignore[union-attr]
    if name == "section":
        return "/".join(normalise(part) for part in str(value).split("/"))
    return normalise(str(value))


def first_mismatch(expected: dict[str, object], got: dict[str, object]) -> tuple[str, object, object] | None:
    """The first field (in ``FIELDS`` order) whose normalised values differ: (field, expected, got)."""
    for name in FIELDS:
        if _comparable(name, expected.get(name, [] if name in LIST_FIELDS else "")) != _comparable(name, got[name]):
            return name, expected.get(name), got[name]
    return None


@dataclass
class RowResult:
    expected: dict[str, object]
    mismatch: tuple[str, object, object] | None  # None: fully right


@dataclass
class DocumentResult:
    source: str
    outcome: str  # the expected outcome: "plan" or "refused"
    error: DocumentError | None = None
    rows: list[RowResult] = field(default_factory=list)
    plan_mismatches: list[str] = field(default_factory=list)
    extra_rows: int = 0  # parsed rows no expected row matched
    plans: int = 0  # expected plans
    plans_right: int = 0  # of them, parsed with the expected title and year
    refusal_problem: str = ""  # what is wrong with the outcome, when the document is expected refused

    @property
    def right(self) -> int:
        return sum(row.mismatch is None for row in self.rows)


def load_expectation(path: Path) -> dict[str, object]:
    return json.loads(path.read_text(encoding="utf-8"))


def expectations() -> list[tuple[Path, dict[str, object]]]:
    return [(path, load_expectation(path)) for path in sorted(EXPECTED.glob("*.json"))]


def _key(row: dict[str, object]) -> tuple[str, str]:
    return _comparable("section", row.get("section", "")), _comparable("seq", row["seq"])  # type: ignore[return-value]


def compare_plan(expected: dict[str, object], plan: ParsedPlan | None, result: DocumentResult) -> None:
    """Match expected rows to the plan's tasks by (section, 序号), falling back to the same position; a truncated
    row is matched by its number only, and left out of the count where the parser does not give it."""
    got = [row_fields(task, plan) for task in plan.tasks] if plan is not None else []
    result.plans += 1
    if plan is not None:
        mismatches = [
            f"{name}: expected {expected[name]!r}, got {getattr(plan, name)!r}"
            for name in ("title", "year")
            if normalise(str(expected[name])) != normalise(str(getattr(plan, name)))
        ]
        result.plan_mismatches += mismatches
        result.plans_right += not mismatches
    by_key: dict[tuple[str, str], int] = {}
    for index, row in enumerate(got):
        by_key.setdefault(_key(row), index)
    used: set[int] = set()
    for position, row in enumerate(expected["rows"]):  # type: ignore[arg-type]
        index = by_key.get(_key(row))
        if index in used:
            index = None
        if row.get("truncated"):  # a cut last row counts only where the parser gives it (by its number)
            if index is None:
                continue
        elif index is None and position < len(got) and position not in used:
            index = position
        if index is None:
            result.rows.append(RowResult(row, ("row", row["seq"], "missing")))
            continue
        used.add(index)
        result.rows.append(RowResult(row, first_mismatch(row, got[index])))
    result.extra_rows += len(got) - len(used)


def run_document(source: Path, expected: dict[str, object]) -> DocumentResult:
    """Parse one document and compare it with its expectation."""
    plans = expected["plans"]
    result = DocumentResult(str(expected["source"]), str(expected["outcome"]))
    given = next((p for p in plans if not p.get("title_given", True)), None)  # type: ignore[union-attr]
    title, year = (str(given["title"]), int(given["year"])) if given else ("", 0)
    try:
        document = parse(document_text(source), source.name, title, year)
    except DocumentError as exc:
        result.error = exc
        document = None
    if result.outcome == "refused":
        result.refusal_problem = _refusal_problem(expected, result.error)
    for index, plan in enumerate(plans):  # type: ignore[arg-type]
        parsed = document.plans[index] if document is not None and index < len(document.plans) else None
        compare_plan(plan, parsed, result)
    return result


def _refusal_problem(expected: dict[str, object], error: DocumentError | None) -> str:
    if error is None:
        return "imported, but a careful reader finds no task rows"
    must = normalise(str(expected.get("refusal_must_name", "")))
    return "" if must in normalise(str(error)) else f"the refusal does not name {expected['refusal_must_name']!r}"


def unlocated(error: DocumentError) -> list[str]:
    """The problems of a refusal that name no row or no column."""
    return [str(p) for p in error.problems if p.location.row is None or not p.location.column]


def run_corpus(folder: Path) -> list[DocumentResult]:
    results = []
    for _, expected in expectations():
        source = folder / str(expected["source"])
        if not source.is_file():
            raise FileNotFoundError(f"expectation for {source.name}, but the corpus has no such document")
        results.append(run_document(source, expected))
    return results


def totals(results: list[DocumentResult]) -> tuple[int, int]:
    """(rows fully right, rows) over the corpus; a wrongly refused document's rows count as wrong."""
    return sum(r.right for r in results), sum(len(r.rows) for r in results)


def plan_totals(results: list[DocumentResult]) -> tuple[int, int]:
    """(plans whose title and year are both right, plans) over the documents a reader imports; a plan of a
    wrongly refused document counts as wrong."""
    plans = [r for r in results if r.outcome == "plan"]
    return sum(r.plans_right for r in plans), sum(r.plans for r in plans)


#: Pairs of names in one corpus document that a reader knows to denote one body (written by reading the unit lists:
#: a unit with its second name in brackets, an abbreviation, a name with its level elided).
RIGHT_ALIAS_PAIRS: frozenset[frozenset[str]] = frozenset(
    {
        frozenset({"市财政局(国资委)", "市财政局"}),  # 33: the finance bureau, also acting as the SASAC
    }
)


def alias_suggestions(document: ParsedDocument) -> list[tuple[str, str]]:
    """The suspected aliases an import of ``document`` into an empty registry would record: each unit name, in the
    order the tasks give them, is compared with the names met before it (the registry the document's own units
    form). The district's registry is not used: the corpus's issuers are other cities and provinces, whose
    bodies are not the district's, so every suggestion against it would be across issuers."""
    seen: list[str] = []
    pairs = []
    for plan in document.plans:
        for task in plan.tasks:
            for name in task.lead_units + task.responsible_units + task.cooperating_units:
                if name in seen:
                    continue
                if (known := suspected_alias(name, seen)) is not None:
                    pairs.append((name, known))
                seen.append(name)
    return pairs


def alias_totals(folder: Path) -> tuple[int, int]:
    """(suggestions that are right pairs, suggestions) over the corpus documents that import."""
    pairs = []
    for _, expected in expectations():
        try:
            document = parse(document_text(folder / str(expected["source"])), str(expected["source"]))
        except DocumentError:
            continue
        pairs += alias_suggestions(document)
    return sum(frozenset(pair) in RIGHT_ALIAS_PAIRS for pair in pairs), len(pairs)


def report(folder: Path) -> str:
    """The text ``make corpus`` prints: per document "rows right / rows", the first mismatch of each wrong
    row, the documents without an expectation, the total, the plans with the right title and year, and the
    suggested aliases that are right."""
    results = run_corpus(folder)
    out: list[str] = []
    for r in results:
        status = f"{r.right}/{len(r.rows)}"
        if r.outcome == "refused":
            status += " (expected refused" + (f": {r.refusal_problem})" if r.refusal_problem else ", ok)")
        elif r.error is not None:
            status += f" REFUSED: {str(r.error).splitlines()[0]}"
        out.append(f"{r.source}: {status}")
        out += [f"    plan {m}" for m in r.plan_mismatches]
        if r.extra_rows:
            out.append(f"    {r.extra_rows} parsed row(s) match no expected row")
        for row in r.rows if r.error is None else []:  # a refused document's rows are all missing
            if row.mismatch is not None:
                name, want, got = row.mismatch
                where = f"{row.expected.get('section') or '-'}/{row.expected['seq']}"
                out.append(f"    {where}: {name}: {want!r} ≠ {got!r}")
    covered = {r.source for r in results}
    missing = sorted(p.name for p in folder.glob("*.txt") if p.name not in covered)
    if missing:
        out.append(f"no expectation yet ({len(missing)}): " + ", ".join(missing))
    right, rows = totals(results)
    share = f"{right / rows:.1%}" if rows else "n/a"
    out.append(f"TOTAL {right}/{rows} rows fully right ({share}) over {len(results)} documents")
    titled, plans = plan_totals(results)
    out.append(f"TITLES {titled}/{plans} plans with the title and year a reader gives")
    right_pairs, suggested = alias_totals(folder)
    out.append(f"ALIASES {right_pairs}/{suggested} suggested aliases are right pairs")
    return "\n".join(out)
