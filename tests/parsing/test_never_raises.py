"""The importer's parsers never raise on arbitrary text: a grid of random cells (Chinese and ASCII text, numbers,
table pipes, blank lines, very long names, the words a decomposition table is built of) gives tasks whose fields
fit what the import stores, or a ``DocumentError`` whose problems each name the file — as the web preview and
``dukao import_plan`` read a file (``reader.read_lines``, ``document.parse_document``, ``indicators.parse_indicators``
for each task)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from dukao.plans.models import Plan, Task
from dukao.plans.parsing.document import parse_document
from dukao.plans.parsing.errors import DocumentError
from dukao.plans.parsing.indicators import parse_indicators
from dukao.plans.parsing.reader import read_lines

WORDS = [
    "序号",
    "任务名称",
    "工作任务",
    "指标要求",
    "牵头部门",
    "牵头单位：",
    "配合部门",
    "责任单位",
    "责任领导",
    "完成时限",
    "目标类型",
    "附件1",
    "附件",
    "2019年重点工作任务分解表",
    "关于印发2020年目标任务分解方案的通知",
    "一、",
    "（一）",
    "1.",
    "2、",
    "A类",
    "区财政局",
    "区发改经信局、区统计局",
    "6月底前",
    "增长5.5%",
    "新增1900家",
    "(注:A类指责任目标;B类指激励目标)",
    "[TRUNCATED]",
]
TEXT = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("，。；：、（）《》“”％‰\u3000\t"),
    ),
    max_size=30,
)
CELL = st.one_of(
    TEXT,
    st.sampled_from(WORDS),
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    st.integers(-5, 100_000).map(str),
    st.just(""),
    st.integers(200, 1200).map(lambda n: "长" * n),  # longer than any column the import stores it in
)
GRID = st.lists(st.lists(CELL, max_size=7), max_size=14)
HEADER = "序号 | 任务名称 | 指标要求 | 牵头部门 | 配合部门 | 完成时限 | 目标类型 |"


def as_text(grid: list[list[str]], header: bool) -> str:
    """The seed's text format: a cell per ``|``, a blank line for an empty row."""
    rows = [" | ".join(cells) + (" |" if cells else "") for cells in grid]
    return "\n".join(["2019年重点工作任务分解表", HEADER, *rows] if header else rows)


def as_csv(grid: list[list[str]], header: bool) -> str:
    rows = [",".join('"' + cell.replace('"', '""') + '"' for cell in cells) for cells in grid]
    return "\n".join([HEADER.replace(" |", ",").rstrip(","), *rows] if header else rows)


def limit(model, field: str) -> int:
    return model._meta.get_field(field).max_length


def assert_parses_or_refuses(text: str, file_name: str) -> None:
    try:
        document = parse_document(read_lines(text.encode("utf-8"), file_name), file_name)
    except DocumentError as exc:
        assert exc.problems and all(problem.location.file == file_name for problem in exc.problems)
        assert all(problem.message for problem in exc.problems)
        return
    assert document.plans
    for plan in document.plans:
        assert plan.tasks and len(plan.title) <= limit(Plan, "title")
        for task in plan.tasks:
            assert task.seq and len(task.seq) <= limit(Task, "seq")
            assert task.name and len(task.name) <= limit(Task, "name")
            assert len(task.deadline_text) <= limit(Task, "deadline_text")
            assert len(task.target_type) <= limit(Task, "target_type")
            parse_indicators(task.requirement, task.name)


@settings(max_examples=200, deadline=None)
@given(grid=GRID, header=st.booleans())
def test_a_grid_of_text_cells_is_parsed_or_refused_with_located_problems(grid, header):
    assert_parses_or_refuses(as_text(grid, header), "附件.txt")


@settings(max_examples=100, deadline=None)
@given(grid=GRID, header=st.booleans())
def test_a_csv_grid_is_parsed_or_refused_with_located_problems(grid, header):
    assert_parses_or_refuses(as_csv(grid, header), "附件.csv")


@settings(max_examples=100, deadline=None)
@given(text=st.text(max_size=400))
def test_any_text_at_all_is_parsed_or_refused_with_located_problems(text):
    assert_parses_or_refuses(text, "附件.txt")
