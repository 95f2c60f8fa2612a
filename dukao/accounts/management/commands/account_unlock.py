"""``dukao account_unlock USERNAME …``: lift the login lock of accounts before it runs out (audited)."""

from django.core.management.base import BaseCommand

from dukao.accounts.services import account_unlock


class Command(BaseCommand):
    help = "解除账号的登录锁定（连续登录失败导致），并清除其失败次数。操作记入审计日志。"

    def add_arguments(self, parser):
        parser.add_argument("usernames", nargs="+", metavar="USERNAME")

    def handle(self, *args, usernames, **options):
        for username in usernames:
            done = account_unlock(actor=None, username=username)
            self.stdout.write(f"{username}：{'已解除锁定' if done else '未被锁定'}")
