"""Read plan.yaml into plain Python data plus a map from field paths to source positions.

PyYAML's ``safe_load`` forgets where each value came from; editors need ``file:line:column`` for
every later error, so we compose the node tree and build the data ourselves, recording positions.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Diagnostic, Message, PlanError, message
from .strings import FAST_LOADER

Path_ = tuple[str | int, ...]


def format_path(path: Path_) -> str:
    """``("reform", "pillars", 0, "title")`` → ``reform.pillars[0].title``."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


@dataclass
class SourceMap:
    """Where each field path starts in the file (1-based line and column), and the id of each
    entity that has one (to name fields by the entity they are in)."""

    file: str
    positions: dict[Path_, tuple[int, int]] = field(default_factory=dict)
    ids: dict[Path_, str] = field(default_factory=dict)

    def field_path(self, path: Path_) -> str:
        """The path from the innermost entity with an id, named by it:
        ``reform.pillars[0].viewpoints[0].items[0].departments[0]`` → ``items[item-01].departments[0]``."""
        path = tuple(path)
        for length in range(len(path), 1, -1):
            entity = path[:length]
            if entity in self.ids and isinstance(entity[-1], int) and isinstance(entity[-2], str):
                rest = format_path(path[length:])
                return f"{entity[-2]}[{self.ids[entity]}]" + ("." + rest if rest and not rest.startswith("[") else rest)
        return format_path(path)

    def position(self, path: Path_) -> tuple[int, int]:
        """The position of ``path``, or of its nearest ancestor when the field itself is missing."""
        path = tuple(path)
        while path not in self.positions and path:
            path = path[:-1]
        return self.positions.get(path, (1, 1))

    def diagnostic(self, code: str, path: Path_, said: Message, **kwargs: Any) -> Diagnostic:
        line, column = self.position(path)
        return Diagnostic(code, said, self.file, line, column, self.field_path(path), **kwargs)


@dataclass
class LoadedPlan:
    data: Any
    source: SourceMap


STRING_TAG = "tag:yaml.org,2002:str"
# plan.yaml is a few levels deep; a file nested far deeper is a mistake or an attack, and would
# exhaust Python's recursion while being read.
MAX_DEPTH = 50


class _Builder:
    """Turns a composed YAML node tree into dicts, lists and scalars, noting positions."""

    def __init__(self, source: SourceMap):
        self.source = source
        self.problems: list[Diagnostic] = []
        self._scalars = yaml.SafeLoader("")

    def build(self, node: yaml.Node, path: Path_) -> Any:
        self.source.positions[path] = (node.start_mark.line + 1, node.start_mark.column + 1)
        if len(path) > MAX_DEPTH:
            self._problem("too-deep", node, path, message("too-deep", depth=MAX_DEPTH))
            return None
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        if node.tag == STRING_TAG:  # most values: the text as written, no constructor needed
            return node.value
        return self._scalars.construct_object(node)

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            key = self._scalars.construct_object(key_node) if isinstance(key_node, yaml.ScalarNode) else None
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key, str):
                self._problem("unsupported-key", key_node, path, message("unsupported-key"))
                continue
            if key in result:
                self._problem("duplicate-key", key_node, path + (key,), message("duplicate-key", key=key))
                continue
            result[key] = self.build(value_node, path + (key,))
        if isinstance(result.get("id"), str):
            self.source.ids[path] = result["id"]
        return result

    def _problem(self, code: str, node: yaml.Node, path: Path_, said: Message) -> None:
        mark = node.start_mark
        self.problems.append(
            Diagnostic(code, said, self.source.file, mark.line + 1, mark.column + 1, self.source.field_path(path))
        )


def load_plan(path: Path | str) -> LoadedPlan:
    """Read and parse ``path``; raise PlanError (never a traceback) when it cannot be read."""
    try:
        raw = Path(path).read_bytes()
    except OSError as error:
        raise PlanError([Diagnostic("unreadable-file", message("unreadable-file", reason=error.strerror), str(path), 1, 1)])
    return parse_plan(raw, str(path))


def load_version(spec: str, plan_file: Path) -> LoadedPlan:
    """A version of the plan: the file ``spec``, else ``plan_file`` as git revision ``spec`` has
    it ("main", "HEAD~1"), or a git object given whole ("main:plan.yaml")."""
    if Path(spec).is_file():
        return load_plan(spec)
    plan_file = plan_file.resolve()
    object_name = spec if ":" in spec else f"{spec}:./{plan_file.name}"
    shown = subprocess.run(["git", "show", object_name], cwd=plan_file.parent, capture_output=True)
    if shown.returncode != 0:
        raise PlanError([Diagnostic("unknown-version", message("unknown-version", spec=spec), spec, 1, 1)])
    return parse_plan(shown.stdout, object_name)


def parse_plan(raw: bytes, name: str) -> LoadedPlan:
    """Parse the bytes of a plan file; ``name`` is what messages call the file (a path, or a
    git revision's "main:plan.yaml")."""
    source = SourceMap(name)
    text = _decode(raw, name)
    try:
        _refuse_aliases(text, name)
        root = yaml.compose(text, Loader=FAST_LOADER)
    except yaml.MarkedYAMLError as error:
        raise PlanError([_syntax_diagnostic(error, name)])
    if root is None:
        raise PlanError([Diagnostic("empty-file", message("empty-file"), name, 1, 1)])
    builder = _Builder(source)
    try:
        data = builder.build(root, ())
    except yaml.constructor.ConstructorError as error:
        raise PlanError([_syntax_diagnostic(error, name)])
    if builder.problems:
        raise PlanError(builder.problems)
    return LoadedPlan(data, source)


def _decode(raw: bytes, name: str) -> str:
    """The file as text: UTF-8, with or without the byte-order mark some Windows editors write."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise PlanError([Diagnostic("not-utf8", message("not-utf8"), name, line, column)])


def _refuse_aliases(text: str, file: str) -> None:
    """Anchors (&name) and aliases (*name) have no place in plan.yaml, and nested aliases can
    expand to billions of values: refuse them where they stand, before anything is built."""
    if "&" not in text and "*" not in text:
        return
    problems = []
    for event in yaml.parse(text, Loader=FAST_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            kind = "yaml-alias" if isinstance(event, yaml.AliasEvent) else "yaml-anchor"
            problems.append(Diagnostic("yaml-alias", message(kind, name=event.anchor),
                                       file, event.start_mark.line + 1, event.start_mark.column + 1))
    if problems:
        raise PlanError(problems)


# PyYAML's context for a [ … ] or { … } that the next key ran into: the bracket it still expects.
_OPEN_BRACKETS = {"while parsing a flow sequence": ("[", "]"), "while parsing a flow mapping": ("{", "}")}


def _syntax_diagnostic(error: yaml.MarkedYAMLError, file: str) -> Diagnostic:
    """Where the parser stopped and, when that is not where the trouble began (a [ left open is
    noticed only at the next key), also where it began."""
    mark = error.problem_mark or error.context_mark
    line, column = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    detail = " ".join(part for part in (error.context, error.problem) if part)  # PyYAML's words, in English
    began = error.context_mark
    if began is None or (began.line, began.column) == (mark.line, mark.column):
        said = message("yaml-syntax", detail=detail)
    elif error.context in _OPEN_BRACKETS:
        opening, closing = _OPEN_BRACKETS[error.context]
        said = message("yaml-unclosed", detail=detail, opening=opening, closing=closing, line=began.line + 1, column=began.column + 1)
    else:
        said = message("yaml-syntax-began", detail=detail, line=began.line + 1, column=began.column + 1)
    return Diagnostic("yaml-syntax", said, file, line, column)
