"""The faces a bulletin is set in: the office's own where they are, else free faces from Debian, else Noto.

The .docx names the faces of GB/T 9704-2012 §5.2.2 and §7 (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体_GB2312, 宋体): Word
on the office's machines takes them. The PDF is set in the same faces when they are found, in this order:

1. ``office`` — a .ttf/.otf file in ``DUKAO_FONT_DIR`` whose family (or full) name is one of the role's names,
   or the same face installed on the machine (fontconfig);
2. ``debian`` — the Fandol faces of Debian's texlive-lang-chinese (FandolSong-Bold for 小标宋, FandolFang,
   FandolHei, FandolKai, FandolSong), which cover all 6,763 hanzi of GB 2312 (cwTeX 仿宋 of fonts-cwtex-fs was
   not chosen: it lacks 2,379 of them, 93 of the 312 in a sample bulletin);
3. ``noto`` — Noto Serif/Sans CJK SC of fonts-noto-cjk.

Files are given to WeasyPrint as ``@font-face`` rules; the PDF renderer's URL fetcher allows those files only.
"""

import subprocess
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from fontTools.ttLib import TTFont, TTLibError

StrOrPromise = str | Promise

FANDOL_DIR = Path("/usr/share/texlive/texmf-dist/fonts/opentype/public/fandol")
FONT_SUFFIXES = {".ttf", ".otf"}


@dataclass(frozen=True)
class Role:
    """One typeface role of the document: the names the office's font goes by, the Fandol file, the Noto family."""

    label: StrOrPromise
    names: tuple[str, ...]
    fandol: str
    noto: str


SERIF, SANS = "Noto Serif CJK SC", "Noto Sans CJK SC"
ROLES = {
    "xiaobiaosong": Role(
        _("标题"), ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S"), "FandolSong-Bold.otf", SERIF
    ),
    "fangsong": Role(
        _("正文"), ("仿宋_GB2312", "FangSong_GB2312", "仿宋", "FangSong"), "FandolFang-Regular.otf", SERIF
    ),
    "heiti": Role(_("一级标题"), ("黑体", "SimHei"), "FandolHei-Regular.otf", SANS),
    "kaiti": Role(_("二级标题"), ("楷体_GB2312", "KaiTi_GB2312", "楷体", "KaiTi"), "FandolKai-Regular.otf", SERIF),
    "songti": Role(_("页码"), ("宋体", "SimSun"), "FandolSong-Regular.otf", SERIF),
}


@dataclass(frozen=True)
class Face:
    """The face found for a role: its family name, its file (None for a face fontconfig finds by name) and where
    it came from (``office``, ``debian``, ``noto``)."""

    role: str
    family: str
    path: Path | None
    source: str


def resolve(font_dir: str | None = None) -> dict[str, Face]:
    """The face of each role, looked up in ``font_dir`` (default ``DUKAO_FONT_DIR``), Debian's Fandol folder and
    fontconfig. Folders are read once per process (``cache``)."""
    return _resolve(settings.DUKAO_FONT_DIR if font_dir is None else font_dir)


@cache
def _resolve(font_dir: str) -> dict[str, Face]:
    office = _named_files(Path(font_dir)) if font_dir else {}
    installed = _installed_families()
    return {key: _face(key, role, office, installed) for key, role in ROLES.items()}


def _face(key: str, role: Role, office: dict[str, Path], installed: set[str]) -> Face:
    for name in role.names:
        if name in office:
            return Face(key, name, office[name], "office")
    for name in role.names:
        if name in installed:
            return Face(key, name, None, "office")
    fandol = FANDOL_DIR / role.fandol
    if fandol.is_file():
        return Face(key, fandol.stem, fandol, "debian")
    return Face(key, role.noto, None, "noto")


def _named_files(folder: Path) -> dict[str, Path]:
    """Every family and full name (in any language of the name table) of the font files in ``folder``."""
    names: dict[str, Path] = {}
    if not folder.is_dir():
        return names
    for path in sorted(folder.iterdir()):
        if path.suffix.lower() not in FONT_SUFFIXES:
            continue
        try:
            table = TTFont(path, lazy=True)["name"]
        except (TTLibError, OSError, KeyError):
            continue
        for record in table.names:
            if record.nameID in (1, 4, 16):
                names.setdefault(record.toUnicode(errors="replace"), path)
    return names


def _installed_families() -> set[str]:
    """Family names fontconfig knows (every language's), or none where ``fc-list`` is missing."""
    try:
        listing = subprocess.run(["fc-list", "--format", "%{family}\\n"], capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return set()
    return {name.strip() for line in listing.stdout.splitlines() for name in line.split(",")}


def font_face_rules(faces: dict[str, Face]) -> str:
    """``@font-face`` rules for the faces given as files."""
    return "".join(
        f'@font-face {{ font-family: "{face.family}"; src: url("{face.path.as_uri()}"); }}\n'
        for face in faces.values()
        if face.path
    )


def font_files(faces: dict[str, Face]) -> set[str]:
    """The file URLs the PDF renderer may read."""
    return {face.path.as_uri() for face in faces.values() if face.path}


def families(faces: dict[str, Face] | None = None) -> dict[str, str]:
    """A CSS font-family list per role: the resolved face first (for the PDF), else — for a browser, which finds
    fonts by name — the office's names; Noto last either way."""
    lists = {}
    for key, role in ROLES.items():
        first = (faces[key].family,) if faces else role.names
        lists[key] = ", ".join(f'"{name}"' for name in dict.fromkeys((*first, role.noto))) + ", serif"
    return lists


#: How the bulletin page names where a face came from.
SOURCES = {"office": _("本单位字体"), "debian": _("Debian 自由字体"), "noto": _("Noto 备用字体")}


def faces_used(faces: dict[str, Face]) -> list[list[str]]:
    """``[[role, family, source]]``, JSON-able: frozen into an issued bulletin's snapshot."""
    return [[key, face.family, face.source] for key, face in faces.items()]


def faces_labelled(used: list[list[str]]) -> list[tuple[str, str, str]]:
    """``faces_used`` as the bulletin page says it: role, family, where it came from (unknown keys as they are)."""
    return [
        (str(ROLES[role].label) if role in ROLES else role, family, str(SOURCES.get(source, source)))
        for role, family, source in used
    ]
