"""Settings for `make bench`: the site's own, plus a hello-world view to compare with."""

from newsroom.settings import *  # noqa: F403

ROOT_URLCONF = "bench.urls"
