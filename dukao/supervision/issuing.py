"""Issuing an official document in the GB/T 9704-2012 frame — a bulletin, a case document, the year-end report
(``models.issued_document``): the issuer's next 发文字号 of the year (``numbered``), the snapshot frozen with it,
the .docx and PDF rendered and kept with their SHA-256 (``issued_files``), who issued it and when; and serving it
(``document_render``)."""

import hashlib
from collections.abc import Callable
from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import Max, Model
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.accounts.models import User
from dukao.audit.services import event_record
from dukao.supervision import documents, fonts
from dukao.supervision.documents import Parts, bulletin_parts
from dukao.supervision.models import BulletinTemplate

#: How many times issuing takes the next number again when another document of the issuer took it meanwhile.
NUMBER_ATTEMPTS = 5


def numbered[M: Model](model: type[M], issuer: str, year: int, take: Callable[[int], M]) -> M:
    """Write a document of ``model`` (which has ``issuer``, ``issued_year`` and ``serial`` under a unique
    constraint) with the issuer's next serial number of ``year``: ``take(serial)`` writes it. Two documents issued
    at once may both read the same highest number: the database's unique constraint refuses the second, which
    waits for the first to commit and then takes the number after it (each attempt in a savepoint, at most
    ``NUMBER_ATTEMPTS``)."""
    for _attempt in range(NUMBER_ATTEMPTS):
        highest = model.objects.filter(issuer=issuer, issued_year=year).aggregate(highest=Max("serial"))["highest"]
        try:
            with transaction.atomic():
                return take((highest or 0) + 1)
        except IntegrityError:
            continue
    raise ValueError(_("其他公文正在同时印发，未能取得发文字号，请重试。"))


def issued_files(snapshot: dict, parts: Parts) -> dict[str, bytes | str]:
    """The .docx and PDF of ``snapshot`` laid out by ``parts``, and their SHA-256, as the fields of the document
    that keeps them (``docx_file``, ``pdf_file``, ``docx_sha256``, ``pdf_sha256``)."""
    docx, pdf = documents.bulletin_docx(snapshot, parts), documents.bulletin_pdf(snapshot, parts)
    return {
        "docx_file": docx,
        "pdf_file": pdf,
        "docx_sha256": hashlib.sha256(docx).hexdigest(),
        "pdf_sha256": hashlib.sha256(pdf).hexdigest(),
    }


def document_issue[D: Model](
    document: D,
    *,
    template: BulletinTemplate,
    issued_on: date,
    snapshot: dict,
    user: User,
    action: str,
    about: Model | None = None,
    label: str = "",
    parts: Parts = bulletin_parts,
    serial_words: Callable[[int], dict] = lambda serial: {},
) -> D:
    """Issue ``document`` (a new row, or a draft bulletin) in the caller's transaction: the next serial of the
    template's issuer in ``issued_on``'s year, the 发文字号 of the template's 代字, ``snapshot`` frozen with the
    number, the faces the PDF is set in and ``serial_words(serial)`` (what else carries the serial: a bulletin's
    期号), the files and their digests (``issued_files``), ``user`` and now as who issued it and when. Saved, and
    audited as ``action`` on ``about`` (default the document): "``label`` 发文字号 title" and the files' SHA-256."""
    snapshot = dict(snapshot, faces=fonts.faces_used(fonts.resolve()))

    def take(serial: int) -> D:
        number = f"{template.code}〔{issued_on.year}〕{serial}号"
        document.document_number, document.serial = number, serial
        document.issuer, document.issued_year = template.issuer, issued_on.year
        document.title = snapshot["title"]
        document.snapshot = dict(snapshot, document_number=number, **serial_words(serial))
        for field, value in issued_files(document.snapshot, parts).items():
            setattr(document, field, value)
        document.issued_by, document.issued_at = user, timezone.now()
        document.save()
        return document

    numbered(type(document), template.issuer, issued_on.year, take)
    event_record(
        actor=user,
        action=action,
        obj=about or document,
        summary=" ".join(filter(None, (label, document.document_number, document.title))),
        after={"docx_sha256": document.docx_sha256, "pdf_sha256": document.pdf_sha256},
    )
    return document


RENDERERS = {"html": documents.bulletin_html, "docx": documents.bulletin_docx, "pdf": documents.bulletin_pdf}


def document_render(document, fmt: str, parts: Parts = bulletin_parts, *, fresh: bool = False) -> bytes:
    """The document as ``html``, ``docx`` or ``pdf`` bytes: the issued file as kept (unless ``fresh``), otherwise
    rendered from the snapshot laid out by ``parts`` (an issued snapshot never changes; a draft's is current)."""
    kept = None if fresh else document.kept(fmt)
    if kept is not None:
        return kept
    rendered = RENDERERS[fmt](document.snapshot, parts)
    return rendered.encode() if isinstance(rendered, str) else rendered
