"""The abstract bases dukao models share: timestamps, and rows written once."""

import uuid
from pathlib import PurePath

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class TimeStampedModel(models.Model):
    """Adds ``created_at`` and ``updated_at`` (aware datetimes, set by the database layer)."""

    created_at = models.DateTimeField(_("创建时间"), auto_now_add=True)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)

    class Meta:
        abstract = True


class ImmutableError(Exception):
    """A submitted version or its values were about to change: a change must be a new version."""


class Immutable(models.Model):
    """A row that is written once and never updated or deleted through the app."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.pk is not None and not self._state.adding:
            raise ImmutableError(_("%(record)s一经提交不可修改。") % {"record": self._meta.verbose_name})
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(_("%(record)s一经提交不可删除。") % {"record": self._meta.verbose_name})


def random_upload_name(folder: str, filename: str) -> str:
    """A stored name that keeps only the (lower-cased) extension of the uploaded one: ``folder/2019/<uuid>.pdf``
    (the user's file name is kept in the row, never in the path)."""
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"{folder}/{timezone.now():%Y}/{uuid.uuid4().hex}{suffix}"
