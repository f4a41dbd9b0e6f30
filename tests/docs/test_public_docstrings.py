"""Every public name, and every public member of a public class, has a docstring.

tests/unit/test_exported_members.py checks the names in `litetts.__all__` themselves; this
goes one level down (methods, properties, classmethods), and covers the adapters' entry
points: the console script and every `litetts` subcommand, whose docstring is its --help.
"""

from __future__ import annotations

import inspect

import pytest

import litetts

PUBLIC_CLASSES = [
    getattr(litetts, name) for name in litetts.__all__ if inspect.isclass(getattr(litetts, name))
]


def _undocumented_members(cls: type) -> list[str]:
    missing = []
    for name, member in vars(cls).items():
        if name.startswith("_"):
            continue
        target = member.__func__ if isinstance(member, (classmethod, staticmethod)) else member
        if not (inspect.isfunction(target) or isinstance(target, property)):
            continue  # attrs fields are documented by the string under them (mkdocstrings)
        if not inspect.getdoc(target):
            missing.append(f"{cls.__name__}.{name}")
    return missing


@pytest.mark.parametrize("cls", PUBLIC_CLASSES, ids=lambda c: c.__name__)
def test_public_members_have_docstrings(cls: type) -> None:
    assert [] == _undocumented_members(cls)


def test_console_script_and_subcommands_have_docstrings() -> None:
    pytest.importorskip("typer")
    from litetts_adapters.cli import app, main

    commands = [info.callback for info in app.registered_commands]
    groups = [
        info.typer_instance.registered_commands
        for info in app.registered_groups
        if info.typer_instance is not None
    ]
    commands += [info.callback for group in groups for info in group]

    assert main.__doc__
    assert [] == [c.__name__ for c in commands if c is not None and not inspect.getdoc(c)]
