"""The OpenAI-compatible speech server with a live dashboard (needs ``litetts[server]``).

>>> from litetts_adapters.fastapi import create_app
>>> app = create_app()        # doctest: +SKIP
>>> # uvicorn.run(app, port=8354), or: litetts serve
"""

from litetts_adapters.fastapi.app import create_app, stop_work
from litetts_adapters.fastapi.realtime import RealtimeMetrics
from litetts_adapters.fastapi.websockets import WebSocketManager

__all__ = ["RealtimeMetrics", "WebSocketManager", "create_app", "stop_work"]
