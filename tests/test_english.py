"""The English interface: the catalog is complete and compiled, and the main pages read in English.

Data (task names, requirements, unit names, frozen bulletin snapshots) stays Chinese; what must not stay Chinese
is a UI label: the menu, the headings, the table headers, the buttons. The page check therefore looks for any
catalog msgid left as the whole text of such an element, besides a few labels checked by name.
"""

import gettext
import json
import re
from datetime import date
from html.parser import HTMLParser
from io import StringIO
from pathlib import Path

import pytest
import time_machine
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from dukao.accounts.models import User
from dukao.assessment import services as assessment_services
from dukao.plans.models import Task
from dukao.supervision import services as supervision_services

CATALOG = Path(settings.LOCALE_PATHS[0]) / "en" / "LC_MESSAGES"
PO, MO = CATALOG / "django.po", CATALOG / "django.mo"
CJK = re.compile(r"[\u4e00-\u9fff]")
JUNE = date(2019, 6, 1)


# --- the catalog -------------------------------------------------------------------------------------------


def _unquote(text: str) -> str:
    """A PO string literal's content: the escapes PO uses (\\n \\t \\" \\\\) are JSON's."""
    return json.loads(f'"{text}"')


def parse_po(path: Path) -> list[dict]:
    """The entries of a .po file: ``{"flags", "msgctxt", "msgid", "msgid_plural", "msgstr": {index: text}}``
    (``msgstr`` index 0 for a singular entry). Obsolete (``#~``) entries are skipped."""
    entries: list[dict] = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        entry: dict = {"flags": set(), "msgctxt": None, "msgid": None, "msgid_plural": None, "msgstr": {}}
        field = None
        for line in block.splitlines():
            if line.startswith("#,"):
                entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#") or not line.strip():
                continue
            elif match := re.match(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?) "(.*)"$', line):
                keyword, index, text = match.groups()
                if keyword.startswith("msgstr"):
                    field = ("msgstr", int(index or 0))
                    entry["msgstr"][field[1]] = _unquote(text)
                else:
                    field = (keyword, None)
                    entry[keyword] = _unquote(text)
            elif match := re.match(r'^"(.*)"$', line):
                assert field is not None, f"a continuation line before any keyword: {line!r}"
                if field[0] == "msgstr":
                    entry["msgstr"][field[1]] += _unquote(match.group(1))
                else:
                    entry[field[0]] += _unquote(match.group(1))
            else:
                raise AssertionError(f"unexpected line in {path.name}: {line!r}")
        if entry["msgid"] is not None:
            entries.append(entry)
    return entries


@pytest.fixture(scope="module")
def entries() -> list[dict]:
    return parse_po(PO)


def test_the_catalog_has_no_untranslated_or_fuzzy_entry(entries):
    header, messages = entries[0], entries[1:]
    assert header["msgid"] == "" and "fuzzy" not in header["flags"], "remove the header's fuzzy flag"
    assert "Language: en" in header["msgstr"][0]
    assert len(messages) > 600
    fuzzy = [e["msgid"] for e in messages if "fuzzy" in e["flags"]]
    assert not fuzzy, f"fuzzy entries (check the translation, then remove the flag): {fuzzy}"
    untranslated = [e["msgid"] for e in messages if not all(e["msgstr"].values())]
    assert not untranslated, f"untranslated entries: {untranslated}"
    plural = [e for e in messages if e["msgid_plural"]]
    assert plural and all(sorted(e["msgstr"]) == [0, 1] for e in plural)  # English: one and other


def test_translations_keep_the_placeholders_and_are_english(entries):
    placeholder = re.compile(r"%\(\w+\)[sd]|%%|%[sd]")
    for e in entries[1:]:
        for index, text in e["msgstr"].items():
            source = e["msgid_plural"] if index and e["msgid_plural"] else e["msgid"]
            assert sorted(placeholder.findall(text)) == sorted(placeholder.findall(source)), (e["msgid"], text)
            # the one Chinese left is a quoted marking that appears in the documents themselves
            assert not CJK.search(text.replace("此件可公开发布", "")), (e["msgid"], text)


def test_the_committed_mo_is_compiled_from_the_po(entries):
    """After editing the .po, run ``dukao compilemessages`` and commit the .mo as well."""
    with MO.open("rb") as fp:
        compiled = gettext.GNUTranslations(fp)._catalog  # noqa: SLF001 - the parsed .mo, nothing else gives it
    expected: dict = {}
    for e in entries:
        key = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if e["msgid_plural"]:
            for index, text in e["msgstr"].items():
                expected[(key, index)] = text
        else:
            expected[key] = e["msgstr"][0]
    compiled.pop("")  # the header: msgfmt leaves out POT-Creation-Date
    expected.pop("")
    assert compiled == expected


# --- the pages -----------------------------------------------------------------------------------------------

#: Elements whose whole text is a UI label (never a task's or a unit's data).
LABEL_TAGS = {"nav", "h1", "h2", "h3", "th", "button", "label", "dt", "legend", "summary", "title"}


class Labels(HTMLParser):
    """The text of each label element, and of the menu."""

    def __init__(self):
        super().__init__()
        self.stack: list[str] = []
        self.texts: list[str] = []
        self.menu: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag not in {"br", "img", "input", "meta", "link", "hr"}:
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack.pop() != tag:
                pass

    def handle_data(self, data):
        text = data.strip()
        if not text:
            return
        if LABEL_TAGS & set(self.stack):
            self.texts.append(text)
        if "header" in self.stack and "nav" in self.stack:
            self.menu.append(text)


def labels(html: str) -> Labels:
    parser = Labels()
    parser.feed(html)
    return parser


@pytest.fixture
def year(seed, work_report):
    """The demo half-year on the seed, a bulletin for June issued, a draft assessment of 2019."""
    call_command("demo_accounts", stdout=StringIO())
    call_command("demo_data", stdout=StringIO())
    supervisor = User.objects.get(username="supervisor")
    with time_machine.travel("2019-07-05 09:00 +0800"):
        draft = supervision_services.bulletin_draft(period=JUNE, user=supervisor, today=date(2019, 7, 5))
        bulletin = supervision_services.bulletin_issue(bulletin=draft, user=supervisor, issued_on=date(2019, 7, 5))
        bulletin = supervision_services.bulletin_publish(bulletin=bulletin, user=supervisor)  # on the portal
    assessment = assessment_services.assessment_run(year=2019, user=supervisor)
    return {"supervisor": supervisor, "plan": work_report, "bulletin": bulletin, "assessment": assessment}


def english(client, url: str) -> str:
    response = client.get(url, headers={"accept-language": "en"})
    assert response.status_code == 200, url
    assert response.headers["Content-Language"] == "en"
    return response.content.decode()


def assert_no_chinese_label(html: str, url: str, msgids: set[str]) -> None:
    found = labels(html)
    left = [t for t in found.texts if t.rstrip("：:") in msgids]
    assert not left, f"{url}: UI labels left in Chinese: {left}"
    assert found.menu == [] or not any(CJK.search(t) for t in found.menu), f"{url}: menu {found.menu}"


@pytest.fixture(scope="module")
def msgids(entries) -> set[str]:
    return {e["msgid"] for e in entries[1:]}


def test_the_footer_switches_to_english_and_back(client, db):
    page = client.get(reverse("login"))
    assert "登录" in page.content.decode() and 'lang="zh-hans"' in page.content.decode()
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})
    assert response.status_code == 302 and response.url == reverse("login")
    html = client.get(reverse("login")).content.decode()
    assert 'lang="en"' in html and "<h1>Log in</h1>" in html and "Username" in html and "Password" in html
    client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert "<h1>登录</h1>" in client.get(reverse("login")).content.decode()


def test_the_public_pages_read_in_english(client, year, msgids):
    for url in (
        reverse("login"),
        reverse("portal:home"),
        reverse("portal:plan", args=[year["plan"].pk]),
        reverse("portal:bulletin", args=[year["bulletin"].pk]),
    ):
        assert_no_chinese_label(english(client, url), url, msgids)
    home = english(client, reverse("portal:home"))
    assert "Target decomposition tables" in home and "Progress bulletins" in home
    assert year["plan"].title in home  # the plan's title is data: it stays as issued


def test_the_main_pages_read_in_english(client, year, msgids):
    client.force_login(year["supervisor"])
    task = Task.objects.filter(plan=year["plan"]).order_by("position").first()
    pages = {
        reverse("desk:home"): "My workbench",
        reverse("plans:plan_list"): "Target decomposition tables",
        reverse("plans:plan_detail", args=[year["plan"].pk]): "Lead unit",
        reverse("plans:task_detail", args=[task.pk]): "Requirement",
        reverse("progress:task_progress", args=[task.pk]): "Progress and reporting",
        reverse("progress:request_list"): "Coordination requests",
        reverse("supervision:status_overview") + "?period=2019-06": "Progress supervision",
        reverse("supervision:bulletin_list"): "Progress bulletins",
        reverse("supervision:bulletin_detail", args=[year["bulletin"].pk]): "Download PDF",
        reverse("supervision:case_list"): "Supervision cases",
        reverse("assessment:assessment_list"): "Year-end assessment",
        reverse("assessment:assessment_detail", args=[year["assessment"].pk]): "Scoring rules",
        reverse("dashboard:index") + "?period=2019-06": "Leader's dashboard",
        reverse("plans:unit_list"): "Units",
        reverse("plans:cadre_list"): "Leading cadres",
        reverse("assessment:record_list"): "Performance records of leading cadres",
        reverse("notices:centre"): "Notice centre",
        reverse("notices:preferences"): "Notification settings",
    }
    for url, heading in pages.items():
        html = english(client, url)
        assert heading in html, f"{url}: {heading!r} missing"
        assert_no_chinese_label(html, url, msgids)
        menu = labels(html).menu
        for item in ("Workbench", "Decomposition tables", "Progress bulletins", "Supervision cases", "Units"):
            assert item in menu, f"{url}: menu {menu}"
    assert task.name in english(client, reverse("plans:task_detail", args=[task.pk]))  # data stays Chinese
    overview = english(client, reverse("supervision:status_overview") + "?period=2019-06")
    assert "June 2019" in overview and "Seriously behind" in overview


def test_chinese_stays_the_default(client, year):
    client.force_login(year["supervisor"])
    html = client.get(reverse("supervision:status_overview") + "?period=2019-06").content.decode()
    assert "进度督察" in html and "2019年6月" in html and "严重滞后" in html
    assert "工作台" in labels(html).menu


def test_a_bulletin_drafted_in_english_is_still_a_chinese_document(year):
    """The snapshot (and so the issued .docx and PDF) is built in Chinese whatever the user's language."""
    with translation.override("en"), time_machine.travel("2019-07-05 09:00 +0800"):
        draft = supervision_services.bulletin_draft(period=JUNE, user=year["supervisor"], today=date(2019, 7, 5))
    snapshot = json.dumps(draft.snapshot, ensure_ascii=False, default=str)
    assert "未报送" in snapshot and "政府工作报告" in snapshot
    assert "Not reported" not in snapshot and "Government work report" not in snapshot
