"""Every string a reader or an editor sees, one file per language: the site's interface and
the messages of ``build.py check``."""

from __future__ import annotations

from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

# libyaml's loader, where PyYAML was built with it: the same data and marks as the pure-Python
# one, about ten times faster (the plan, these catalogues and the accessibility records).
FAST_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@lru_cache(maxsize=None)
def ui_strings(language: str) -> dict[str, Any]:
    return yaml.load(resources.files(__package__).joinpath(f"{language}.yaml").read_text("utf-8"), Loader=FAST_LOADER)
