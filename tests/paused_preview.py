"""``build.py serve`` whose rebuilds never finish: once the first build is served (it runs in the
server's own process), every rebuild's MkDocs worker says so on stderr and then waits until the
server ends it, so that a test can stop the server in the middle of a rebuild.

    python -m tests.paused_preview serve --plan PLAN --port PORT
"""

from __future__ import annotations

import sys
import time

from planpub import site

STARTED = "MkDocs worker started"


def build_language_until_ended(language, config_file, dirty=False) -> None:
    print(STARTED, file=sys.stderr, flush=True)
    time.sleep(3600)


if __name__ == "__mp_main__":  # a worker, which runs its parent's main module under this name
    site.build_language = build_language_until_ended  # the job the pool sends is looked up here
elif __name__ == "__main__":
    import build

    sys.exit(build.main())
