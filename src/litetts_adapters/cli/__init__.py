"""The ``litetts`` command (needs the ``cli`` extra: ``pip install 'litetts[cli]'``)."""

from litetts_adapters.cli.app import app, main

__all__ = ["app", "main"]
