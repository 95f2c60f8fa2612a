"""The benchmark's settings: dukao's, with a URLconf that adds one trivial authenticated endpoint (the ceiling
of the stack for the load test)."""

from dukao.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405  (the in-process test Client)
