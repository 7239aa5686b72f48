"""Checks on a plan before anything is written: safe relative paths, and files that parse.

A plan is checked twice: on its own (:func:`verify_plan`: path syntax, collisions, file
contents) and against the output folder (:func:`escapes`: symlinks that would carry a
write or a deletion outside it).  Problems are values; the caller refuses the plan.
"""

from __future__ import annotations

import ast
import json
import os
import posixpath
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from generator.output.layout import STATE_PREFIX

_DRIVE = re.compile(r"[A-Za-z]:")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that stops a build whatever the flags: ``path`` relative to the output
    folder ("" when it is about the folder itself), and why."""

    path: str
    message: str


def path_problem(rel: str) -> str | None:
    """Why ``rel`` is not a safe path inside an output folder, or None when it is."""
    if not rel:
        return "is empty"
    if _CONTROL.search(rel):
        return "contains a control character"
    if "\\" in rel:
        return "contains a backslash"
    if rel.startswith("/"):
        return "is absolute"
    if _DRIVE.match(rel):
        return "starts with a drive letter"
    parts = rel.split("/")
    if ".." in parts:
        return "climbs out of the output folder with '..'"
    if "." in parts or "" in parts or posixpath.normpath(rel) != rel:
        return "is not normalized"
    if parts[0].lower().startswith(STATE_PREFIX):
        return "is inside docs2code's own state"
    return None


class Checked(dict[str, str]):
    """A plan some of whose texts were checked (:func:`content_problem` found nothing)
    where they were made: a build's worker processes check the files of its parts while
    the main process makes the rest (generator.pipeline.plan).  ``checked`` holds each
    such text by its path; :func:`verify_contents` skips a file whose text is that very
    object (so a text put in the plan since is checked again)."""

    def __init__(self, plan: Mapping[str, str], checked: Mapping[str, str]) -> None:
        super().__init__(plan)
        self.checked = dict(checked)


def verify_plan(plan: Mapping[str, str], contents: bool = True) -> tuple[Problem, ...]:
    """Every problem with the plan's paths and (``contents``) texts, in path order.  A
    build checks the texts only of the files it writes (:func:`verify_contents`): a file
    the output folder already holds as planned was checked when it was written; nor
    those a :class:`Checked` plan says were checked."""
    problems: list[Problem] = []
    folded: dict[str, str] = {}
    for rel in sorted(plan):
        why = path_problem(rel)
        if why is not None:
            problems.append(Problem(rel, f"path {why}"))
            continue
        other = folded.setdefault(rel.casefold(), rel)
        if other != rel:
            problems.append(Problem(rel, f"differs from {other} only in case"))
        if contents and not _checked(plan, rel, plan[rel]):
            problems.extend(verify_contents({rel: plan[rel]}))
    files = set(plan)
    for rel in sorted(plan):
        parts = rel.split("/")
        for depth in range(1, len(parts)):
            folder = "/".join(parts[:depth])
            if folder in files:
                problems.append(Problem(rel, f"needs {folder} to be a folder, but it is a file"))
    return tuple(problems)


def verify_contents(files: Mapping[str, str], plan: Mapping[str, str] = {}) -> list[Problem]:
    """A problem for each file whose text does not parse as what its name says; a file
    ``plan`` (a :class:`Checked`) says was checked is not parsed again."""
    return [
        Problem(rel, why)
        for rel in sorted(files)
        if not _checked(plan, rel, files[rel])
        and (why := content_problem(rel, files[rel])) is not None
    ]


def parses(file: tuple[str, str]) -> bool:
    """Whether :func:`content_problem` finds nothing in ``(rel, text)`` (for a worker)."""
    return content_problem(*file) is None


def _checked(plan: Mapping[str, str], rel: str, text: str) -> bool:
    return isinstance(plan, Checked) and plan.checked.get(rel) is text


def content_problem(rel: str, text: str) -> str | None:
    """Why the text of a generated file does not parse as what its name says, or None."""
    try:
        if rel.endswith(".py"):
            compile(text, rel, "exec", dont_inherit=True)  # sees more than ast.parse
        elif rel.endswith(".pyi"):
            ast.parse(text, rel)
        elif rel.endswith(".json"):
            json.loads(text)
        elif rel.endswith(".toml"):
            tomllib.loads(text)
    except (SyntaxError, ValueError) as exc:  # JSON and TOML errors are ValueErrors
        return f"generated text does not parse: {type(exc).__name__}: {exc}"
    return None


def escapes(out: Path, rel: str) -> bool:
    """Whether ``out/rel``, once every symlink on the way is followed, lies outside ``out``."""
    return Escapes(out)(rel)


class Escapes:
    """:func:`escapes` for many files of one output folder: each folder on the way is
    resolved once (thousands of planned files share a few hundred folders)."""

    def __init__(self, out: Path) -> None:
        self.out = os.fspath(out)
        self.root = os.path.realpath(out)
        self._real: dict[str, str] = {}

    def __call__(self, rel: str) -> bool:
        parent, _, name = rel.rpartition("/")
        real = self._real.get(parent)
        if real is None:
            real = self._real[parent] = os.path.realpath(os.path.join(self.out, parent))
        path = os.path.join(real, name)
        if os.path.islink(path):
            path = os.path.realpath(path)
        return os.path.commonpath([self.root, path]) != self.root
