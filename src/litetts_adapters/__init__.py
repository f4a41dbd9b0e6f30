"""Thin adapters on top of `litetts`: the ``litetts`` command and, later, the HTTP server.

Adapters use only the public surface of `litetts`; the library never imports them.
"""
