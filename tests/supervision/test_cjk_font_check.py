"""Without a CJK font a PDF bulletin would print every character as a box: the system check says so at start-up,
and the PDF is refused with that message."""

import pytest
from django.core import checks

from dukao.supervision import checks as font_checks
from dukao.supervision.documents import MissingFont, bulletin_pdf
from tests.supervision.sample_snapshot import SNAPSHOT


@pytest.fixture
def no_cjk_font(monkeypatch):
    font_checks.cjk_font_installed.cache_clear()
    monkeypatch.setattr(font_checks.shutil, "which", lambda name: None)
    yield
    font_checks.cjk_font_installed.cache_clear()


def test_the_system_check_refuses_a_machine_without_a_cjk_font(no_cjk_font):
    errors = [e for e in checks.run_checks() if e.id == "dukao.E020"]
    assert len(errors) == 1 and errors[0].level == checks.ERROR
    assert "未找到中文（CJK）字体" in errors[0].msg and "fonts-noto-cjk" in errors[0].hint


def test_no_pdf_of_boxes_is_printed(no_cjk_font):
    with pytest.raises(MissingFont, match="会把每个汉字印成方框"):
        bulletin_pdf(SNAPSHOT)


def test_this_machine_has_one():
    font_checks.cjk_font_installed.cache_clear()
    assert font_checks.cjk_font_installed() and not font_checks.cjk_font()
