"""The litetts version, kept in step with ``pyproject.toml``.

A module of its own so that library code can record the version without importing
the package face `litetts` (which would make every module depend on the top).
"""

__all__ = ["__version__"]

__version__ = "0.1.0"
