"""A system check at start-up: PDF bulletins need a Chinese (CJK) font, or WeasyPrint prints boxes (□) in place of
every character. Without one the check fails with a clear message (and ``bulletin_pdf`` refuses to print), so
that nobody issues a bulletin no one can read. Fonts are looked up through fontconfig (``fc-list :lang=zh``), as
WeasyPrint finds them."""

import shutil
import subprocess
from functools import cache

from django.core import checks

NO_CJK_FONT = "未找到中文（CJK）字体：PDF 督察通报会把每个汉字印成方框，不能生成。"
HINT = "安装中文字体，如 Debian 的 fonts-noto-cjk（make install 以 root 运行时会安装），然后重新启动。"


@cache
def cjk_font_installed() -> bool:
    """Whether fontconfig knows a font that covers Chinese (looked up once per process)."""
    fc_list = shutil.which("fc-list")
    if fc_list is None:
        return False
    found = subprocess.run([fc_list, ":lang=zh", "family"], capture_output=True, text=True, timeout=30, check=False)
    return bool(found.stdout.strip())


@checks.register()
def cjk_font(app_configs=None, **kwargs) -> list[checks.CheckMessage]:
    """An error when no CJK font is installed (PDF bulletins would be boxes)."""
    return [] if cjk_font_installed() else [checks.Error(NO_CJK_FONT, hint=HINT, id="dukao.E020")]
