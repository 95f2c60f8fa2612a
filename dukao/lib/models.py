"""The abstract bases dukao models share: timestamps, and rows written once."""

from django.db import models
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
            raise ImmutableError(f"{self._meta.verbose_name}一经提交不可修改。")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ImmutableError(f"{self._meta.verbose_name}一经提交不可删除。")
