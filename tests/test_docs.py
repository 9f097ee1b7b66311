"""The README documents every command, and its Quickstart stays two commands."""

from __future__ import annotations

import re

import pytest

from pipeline.cli import _register
from pipeline.cli.app import app
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def command_names() -> list[str]:
    _register()
    return sorted(c.name or c.callback.__name__ for c in app.registered_commands)


@pytest.mark.parametrize("name", command_names())
def test_command_is_documented(name):
    assert f"### `kehoach {name}" in README, f"README has no section for `kehoach {name}`"


@pytest.mark.parametrize("name", command_names())
def test_command_has_help(name):
    command = next(c for c in app.registered_commands if (c.name or c.callback.__name__) == name)
    assert (command.help or command.callback.__doc__ or "").strip()


def test_quickstart_has_exactly_two_commands():
    quickstart = README.split("## Quickstart", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```bash\n(.*?)```", quickstart, re.S)
    assert len(blocks) == 2 and all(len(b.strip().splitlines()) == 1 for b in blocks)


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = re.findall(r"```bash\n(.*?)```", README.split("## Quickstart", 1)[1], re.S)[1].strip()
    assert test_command in ci
