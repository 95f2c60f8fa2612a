"""Model permissions from roles: the admin site asks ``has_perm``, and the answer is the rule of
``accounts.permissions.admin_may`` — no per-user permission rows to drift from the roles."""

from django.contrib.auth.backends import BaseBackend


class RolePermissionBackend(BaseBackend):
    """Grants ``app_label.<action>_<model>`` permissions by role; authenticates nobody (other backends do)."""

    def has_perm(self, user_obj, perm: str, obj=None) -> bool:
        from dukao.accounts.permissions import admin_may

        app_label, _, codename = perm.partition(".")
        action, _, model = codename.partition("_")
        return user_obj.is_authenticated and admin_may(user_obj, app_label, model, action)

    def has_module_perms(self, user_obj, app_label: str) -> bool:
        from dukao.accounts.permissions import SECURITY_ADMIN_MODELS, admin_may

        models = {label.split(".")[1] for label in SECURITY_ADMIN_MODELS if label.startswith(app_label + ".")}
        return user_obj.is_authenticated and any(admin_may(user_obj, app_label, m, "view") for m in models or {"x"})
