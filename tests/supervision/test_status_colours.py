"""Each status has one colour everywhere: the pages' classes, the dashboard's charts (and no colour table of
their own), all from ``STATUS_COLOURS``."""

import re
from datetime import date

from dukao.dashboard.charts import crosstab_chart
from dukao.dashboard.selectors import Row
from dukao.supervision.rules import STATUS_COLOURS, Status
from tests.paths import ROOT

CSS = (ROOT / "dukao/static/dukao/dukao.css").read_text()
JS = (ROOT / "dukao/dashboard/static/dashboard/dashboard.js").read_text()


def test_every_status_has_its_own_colour():
    assert set(STATUS_COLOURS) == set(Status) and len(set(STATUS_COLOURS.values())) == len(Status)


def test_the_pages_classes_use_the_same_colours():
    rules = dict(re.findall(r"\.status\.(\w+) \{ color: (#[0-9a-f]{6})", CSS))
    assert rules == {status.value: colour for status, colour in STATUS_COLOURS.items()}


def test_the_charts_take_their_colours_from_the_data(db):
    chart = crosstab_chart("x", "bar", "t", "h", [Row("k", "k", (1,) * len(Status))], date(2019, 6, 1), "type")
    assert {c["status"]: c["colour"] for c in chart["columns"]} == {s.value: STATUS_COLOURS[s] for s in Status}
    assert not re.search(r"#[0-9a-fA-F]{6}", JS.replace("#fff", ""))
