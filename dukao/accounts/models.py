"""Users: each belongs to one unit and holds one role (the roles of the seed notice)."""

from django.contrib.auth.models import AbstractUser
from django.contrib.auth.models import UserManager as DjangoUserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Role(models.TextChoices):
    """The product's roles, after the duties the seed notice assigns (its first paragraph)."""

    REPORTER = "reporter", _("填报员")
    UNIT_HEAD = "unit_head", _("单位负责人")
    STATS_REVIEWER = "stats_reviewer", _("统计审核员（区统计局）")
    CONSTRUCTION_REVIEWER = "construction_reviewer", _("工程评估员（区发改经信局）")
    SUPERVISOR = "supervisor", _("督查员（区政府办公室）")
    INSPECTOR = "inspector", _("监督员（区纪委区监委）")
    EVALUATOR = "evaluator", _("考评员（区委办公室）")
    AUDITOR = "auditor", _("审计管理员")
    ADMIN = "admin", _("系统管理员")
    SECURITY_ADMIN = "security_admin", _("安全管理员")


#: 三权分立 (GB/T 22239-2019 8.1.4.2 c/d): the system administrator keeps accounts and units, the security
#: administrator roles, policies and unlocks, the audit administrator the audit log. One account has one role,
#: so no account holds two of them; these two work in the admin site (the audit log has its own pages).
STAFF_ROLES = {Role.ADMIN, Role.SECURITY_ADMIN}
#: The three administrators (三员): granting or taking away one of these roles, and resetting the password or
#: second factor of an account that holds one, take two administrators (``AdminApproval``).
ADMIN_ROLES = {Role.ADMIN, Role.SECURITY_ADMIN, Role.AUDITOR}


class UserManager(DjangoUserManager):
    def _create_user_object(self, username, email, password, **extra_fields):
        """Through ``set_password``, so that a new account's password has a date and enters the history."""
        user = super()._create_user_object(username, email, None, **extra_fields)
        user.set_password(password)
        return user


class User(AbstractUser):
    """A person who signs in. ``unit`` scopes what they see and write; ``role`` what they may do."""

    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, null=True, blank=True, related_name="users", verbose_name=_("单位")
    )
    role = models.CharField(_("角色"), max_length=30, choices=Role.choices, default=Role.REPORTER)
    must_change_password = models.BooleanField(
        _("须修改密码"), default=False, help_text=_("管理员下发的密码：用户下次登录后须先修改。")
    )
    password_changed_at = models.DateTimeField(_("密码修改时间"), null=True, blank=True)
    dingtalk_userid = models.CharField(
        _("钉钉用户ID"),
        max_length=64,
        unique=True,
        null=True,
        blank=True,
        help_text=_("浙政钉/钉钉通讯录中的 userid：绑定后可用钉钉登录（仍须动态口令）。由系统管理员预先绑定。"),
    )

    objects = UserManager()

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = pgettext_lazy("plural", "用户")
        ordering = ["username"]

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def save(self, *args, **kwargs):
        """The admin site is open to the two administrator roles, and to nobody else (``STAFF_ROLES``)."""
        self.is_staff = self.role in STAFF_ROLES
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        """A Chinese name: family name first, no space (张 + 填报 → 张填报)."""
        return f"{self.last_name}{self.first_name}".strip()

    def set_password(self, raw_password) -> None:
        """Also note when, for the forced change after ``DUKAO_PASSWORD_MAX_AGE_DAYS``; saving the user then
        records the new hash in ``PasswordHistory`` (``passwords.HistoryValidator.password_changed``)."""
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()


class PasswordHistory(models.Model):
    """The hash of each password a user has had, newest first: the last ``DUKAO_PASSWORD_HISTORY`` may not be
    chosen again (GB/T 22239-2019 8.1.4.1 a; ASVS V2.1 does not ask for it)."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="password_history", verbose_name=_("用户"))
    password = models.CharField(_("密码哈希"), max_length=128)
    created_at = models.DateTimeField(_("设置时间"), default=timezone.now)

    class Meta:
        verbose_name = _("历史密码")
        verbose_name_plural = _("历史密码")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.user_id} {self.created_at:%Y-%m-%d}"


class ApprovalKind(models.TextChoices):
    ROLE = "role", _("变更管理员角色")
    PASSWORD = "password", _("重置管理员密码")
    OTP = "otp", _("重置管理员动态口令")


class ApprovalState(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REFUSED = "refused", _("已拒绝")


class AdminApproval(models.Model):
    """A change to an administrator's account that one administrator proposes and another approves (双人审批):
    it takes effect only on approval. A proposed password is kept as a hash, never as text."""

    kind = models.CharField(_("事项"), max_length=10, choices=ApprovalKind.choices)
    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="approvals", verbose_name=_("账号"))
    role = models.CharField(_("拟变更角色"), max_length=30, choices=Role.choices, blank=True)
    password = models.CharField(_("拟下发密码（哈希）"), max_length=128, blank=True)
    reason = models.TextField(_("理由"))
    proposed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, related_name="approvals_proposed", verbose_name=_("提出人")
    )
    proposed_at = models.DateTimeField(_("提出时间"), default=timezone.now)
    state = models.CharField(_("状态"), max_length=10, choices=ApprovalState.choices, default=ApprovalState.PENDING)
    decided_by = models.ForeignKey(
        User,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approvals_decided",
        verbose_name=_("审批人"),
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    note = models.TextField(_("审批意见"), blank=True)

    class Meta:
        verbose_name = _("管理员账号变更审批")
        verbose_name_plural = pgettext_lazy("plural", "管理员账号变更审批")
        ordering = ["-proposed_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("proposed_by")), name="approval_decided_by_another"
            ),
            models.CheckConstraint(
                condition=~models.Q(decided_by=models.F("user")), name="approval_not_by_its_subject"
            ),
            models.CheckConstraint(condition=~models.Q(proposed_by=models.F("user")), name="approval_not_for_oneself"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.user.username}"
