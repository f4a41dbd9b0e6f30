"""``python -m litetts_adapters.cli`` runs the ``litetts`` command."""

from litetts_adapters.cli.app import main

main()
