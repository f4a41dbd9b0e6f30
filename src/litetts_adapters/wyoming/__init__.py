"""litetts on the Wyoming protocol, the way Home Assistant talks to local TTS
(needs ``litetts[wyoming]``): ``litetts serve --wyoming tcp://127.0.0.1:10200``.

>>> from litetts_adapters.wyoming import WyomingServer
>>> async with WyomingServer(synthesizer, "tcp://127.0.0.1:10200", "af_heart"):  # doctest: +SKIP
...     await asyncio.Event().wait()
"""

from litetts_adapters.wyoming.handler import SpeechHandler
from litetts_adapters.wyoming.info import describe, pick_voice
from litetts_adapters.wyoming.server import WyomingServer, check_uri

__all__ = ["SpeechHandler", "WyomingServer", "check_uri", "describe", "pick_voice"]
