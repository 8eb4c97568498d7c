"""The project's own plan.yaml, read and modelled at most once per test session: conftest.py's
fixtures hand it to tests, and a test parametrized over its pages asks for it at collection.

A module of its own, because pytest imports conftest.py under a second name (``conftest`` beside
``tests.conftest``), which would give each name a cache of its own."""

from __future__ import annotations

from functools import cache

from planpub.load import LoadedPlan, load_plan
from planpub.model import Plan, build_plan
from planpub.project import PROJECT


@cache
def loaded() -> LoadedPlan:
    """plan.yaml as loaded: shared by every test that asks, so none may change its data."""
    return load_plan(PROJECT.plan)


@cache
def model() -> Plan:
    return build_plan(loaded().data)
