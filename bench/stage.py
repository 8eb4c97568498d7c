"""One stage of the build in a process of its own, so that the benchmark can read its time and
peak memory: ``python bench/stage.py html|pdf PLAN OUT`` (the HTML site, or both PDFs, into OUT).
Prints the seconds it took and its peak memory, as JSON."""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))  # the project, for its package

from planpub.pipeline import build, check  # noqa: E402 - after the project is on the path
from planpub.project import PROJECT  # noqa: E402
from planpub.pdf import build_pdfs  # noqa: E402
from planpub.urls import Urls  # noqa: E402


def main(stage: str, plan_path: Path, out: Path) -> float:
    start = time.perf_counter()
    if stage == "html":
        build(plan_path, out, pdf=False)
    else:
        plan = check(plan_path).plan
        out.mkdir(parents=True, exist_ok=True)
        build_pdfs(plan, Urls(plan), PROJECT.content, out)
    return time.perf_counter() - start


def peak_memory_mib() -> float:
    """The largest resident size of this process and of the workers it started. Read here, not
    by the parent: a child's ru_maxrss starts at its parent's size (the benchmark's own)."""
    own = next(int(line.split()[1]) for line in Path("/proc/self/status").read_text().splitlines() if line.startswith("VmHWM:"))
    workers = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, workers) / 1024


if __name__ == "__main__":
    seconds = main(sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3]))
    print(json.dumps({"seconds": seconds, "memory_mib": peak_memory_mib()}))
