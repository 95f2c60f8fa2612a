"""Password rules beyond Django's validators (length, common passwords, similarity, all-digits), and the forced
change after an issued password or ``DUKAO_PASSWORD_MAX_AGE_DAYS``.

GB/T 22239-2019 8.1.4.1 a (身份鉴别: 口令具有复杂度要求并定期更换) asks for complexity and periodic change;
ASVS 4.0 V2.1.9 and V2.1.10 advise against both. dukao is assessed against 等保, so it follows 等保; the settings
``DUKAO_PASSWORD_MIN_CLASSES=0`` and ``DUKAO_PASSWORD_MAX_AGE_DAYS=0`` switch the two rules off.
"""

import string
from datetime import timedelta

from django.conf import settings
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from dukao.accounts.models import PasswordHistory, User
from dukao.units.models import Unit

#: The four classes a password's characters are counted in; anything else (Chinese, punctuation) is a symbol.
CHARACTER_CLASSES = (string.ascii_uppercase, string.ascii_lowercase, string.digits)


def character_classes(password: str) -> int:
    """How many of upper case, lower case, digit and symbol ``password`` uses (0–4)."""
    used = {i for ch in password for i, chars in enumerate(CHARACTER_CLASSES) if ch in chars}
    symbols = any(not any(ch in chars for chars in CHARACTER_CLASSES) for ch in password)
    return len(used) + symbols


class CharacterClassValidator:
    """At least ``min_classes`` of the four character classes (等保 8.1.4.1 a: 复杂度)."""

    def __init__(self, min_classes: int = 3):
        self.min_classes = min_classes

    def validate(self, password: str, user=None) -> None:
        if character_classes(password) < self.min_classes:
            raise ValidationError(self.get_error_message(), code="password_too_simple")

    def get_error_message(self) -> str:
        return _("密码须包含大写字母、小写字母、数字、符号中的至少 %(count)d 类。") % {"count": self.min_classes}

    def get_help_text(self) -> str:
        return self.get_error_message()


def context_words(user: User | None) -> list[str]:
    """The words a password may not contain: the deployment's (``DUKAO_PASSWORD_CONTEXT_WORDS``, e.g. 上城,
    shangcheng), the username, and the name of every unit (NIST SP 800-63B 5.1.1.2: context-specific words)."""
    words = [*settings.DUKAO_PASSWORD_CONTEXT_WORDS, *Unit.objects.values_list("name", flat=True)]
    if user is not None and len(user.get_username()) >= 3:
        words.append(user.get_username())
    return words


class ContextWordValidator:
    """Refuse a password that contains a word of this system's context (case-insensitive)."""

    def validate(self, password: str, user=None) -> None:
        lowered = password.casefold()
        for word in context_words(user):
            if word.casefold() in lowered:
                raise ValidationError(
                    _("密码不能包含“%(word)s”等与本系统、单位或用户名相关的词。"),
                    code="password_context_word",
                    params={"word": word},
                )

    def get_help_text(self) -> str:
        return _("密码不能包含地区名、单位名称或用户名。")


class HistoryValidator:
    """The last ``keep`` passwords (the current one included) may not be chosen again (等保 8.1.4.1 a).
    ``password_changed`` is Django's hook after a user with a new password is saved: it records the hash."""

    def __init__(self, keep: int = 5):
        self.keep = keep

    def validate(self, password: str, user=None) -> None:
        if user is None or user.pk is None or self.keep <= 0:
            return
        recent = user.password_history.values_list("password", flat=True)[: self.keep]
        if any(check_password(password, encoded) for encoded in recent):
            raise ValidationError(self.get_help_text(), code="password_reused")

    def password_changed(self, password: str, user=None) -> None:
        if user is None or user.pk is None:
            return
        PasswordHistory.objects.create(user=user, password=user.password)
        stale = user.password_history.values_list("pk", flat=True)[max(self.keep, 1) :]
        PasswordHistory.objects.filter(pk__in=list(stale)).delete()

    def get_help_text(self) -> str:
        return _("不能与最近 %(keep)d 次使用过的密码相同。") % {"keep": self.keep}


def password_expired(user: User, now=None) -> bool:
    """True when the password is older than ``DUKAO_PASSWORD_MAX_AGE_DAYS`` (0: never). A user whose password
    was set before the policy (no ``password_changed_at``) counts as expired."""
    days = settings.DUKAO_PASSWORD_MAX_AGE_DAYS
    if days <= 0:
        return False
    changed = user.password_changed_at
    return changed is None or (now or timezone.now()) - changed > timedelta(days=days)


def password_change_reason(user: User) -> str:
    """Why the user must change the password now ("" when not): an issued password or an old one."""
    if user.must_change_password:
        return _("这是管理员下发的初始密码，请先修改密码。")
    if password_expired(user):
        days = settings.DUKAO_PASSWORD_MAX_AGE_DAYS
        return _("密码已超过 %(days)d 天未修改，请修改密码。") % {"days": days}
    return ""
