"""``dukao axes_reset_username``: refused, it would lift login locks unaudited (see ``unaudited.py``)."""

from dukao.accounts.management.unaudited import RefusedCommand as Command

__all__ = ["Command"]
