"""``WS /v1/audio/speech/ws``: audio while text still arrives, flush, turns, cancel,
errors that name the field, the key and Origin rules, and dropping a stalled reader."""

from __future__ import annotations

import asyncio
import json
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from starlette.websockets import WebSocketDisconnect
from tests.fakes import LetterPhonemizer, ToneModel, fake_voices
from tests.live_fakes import LiveSynthesizer
from tests.server_fakes import FakeStore, GatedModel, fake_process, healthy, settings

from litetts import Synthesizer
from litetts.audio import SAMPLE_RATE
from litetts_adapters.fastapi import create_app
from litetts_adapters.fastapi.speech_ws import SpeechSession

PATH = "/v1/audio/speech/ws"


@pytest.fixture
def live() -> LiveSynthesizer:
    return LiveSynthesizer(GatedModel())


@pytest.fixture
def client(live: LiveSynthesizer, store: FakeStore) -> Iterator[TestClient]:
    app = create_app(live, store=store, health_check=healthy, process_stats=fake_process)
    with TestClient(app) as test_client:
        yield test_client


def until_done(ws: Any) -> tuple[bytes, list[dict[str, Any]]]:
    """Audio bytes and events up to and including the next ``audio.done``."""
    audio = bytearray()
    events: list[dict[str, Any]] = []
    while True:
        message = ws.receive()
        if message.get("bytes") is not None:
            audio += message["bytes"]
            continue
        events.append(json.loads(message["text"]))
        if events[-1]["type"] == "audio.done":
            return bytes(audio), events


def test_audio_arrives_while_the_text_is_still_being_written(client: TestClient) -> None:
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start", "voice": "af_bella"})
        ws.send_json({"type": "text", "text": "Hello there. And then"})
        start = ws.receive_json()
        first = ws.receive_bytes()  # the first sentence, before the turn ends
        ws.send_json({"type": "text", "text": " some more."})
        ws.send_json({"type": "end"})
        rest, events = until_done(ws)

    done = events[-1]
    assert ("audio.start", "pcm", SAMPLE_RATE) == (
        start["type"],
        start["format"],
        start["sample_rate"],
    )
    assert ("end", 1) == (done["reason"], done["turn"])
    assert len(first + rest) / 2 / SAMPLE_RATE == pytest.approx(done["audio_seconds"], abs=1e-3)


def test_flush_speaks_an_unfinished_sentence_at_once(
    client: TestClient, live: LiveSynthesizer
) -> None:
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start"})
        ws.send_json({"type": "text", "text": "no end mark yet"})
        ws.send_json({"type": "flush"})
        ws.receive_json()  # audio.start
        flushed = ws.receive_bytes()
        ws.send_json({"type": "text", "text": "then more"})
        ws.send_json({"type": "end"})
        _, events = until_done(ws)

    assert flushed
    assert (["no end mark yet", "then more"], 2) == (live.pieces, live.streams)
    assert "end" == events[-1]["reason"]


def test_one_connection_speaks_several_turns(client: TestClient) -> None:
    done = []
    with client.websocket_connect(PATH) as ws:
        for voice in ("af_heart", "bf_emma"):
            ws.send_json({"type": "start", "voice": voice})
            ws.send_json({"type": "text", "text": "One turn."})
            ws.send_json({"type": "end"})
        for _ in range(2):
            audio, events = until_done(ws)
            done.append((events[0]["voice"], events[-1]["turn"], bool(audio)))

    assert [("af_heart", 1, True), ("bf_emma", 2, True)] == done


def test_text_without_a_start_opens_a_turn_with_the_defaults(client: TestClient) -> None:
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "text", "text": "Hi."})
        ws.send_json({"type": "end"})
        audio, events = until_done(ws)

    assert ("af_heart", "pcm", "end") == (
        events[0]["voice"],
        events[0]["format"],
        events[-1]["reason"],
    )
    assert audio


def test_cancel_stops_the_turn_being_spoken(client: TestClient, live: LiveSynthesizer) -> None:
    model = live.model
    assert isinstance(model, GatedModel)
    model.hold()
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start"})
        ws.send_json({"type": "text", "text": "First sentence. Second sentence. Third one. "})
        assert model.entered.acquire(timeout=10)  # the model is on the first sentence
        ws.send_json({"type": "cancel"})
        model.allow(10)
        _, events = until_done(ws)
        ws.send_json({"type": "text", "text": "Next turn."})
        ws.send_json({"type": "end"})
        _, after = until_done(ws)

    assert ("cancelled", 1) == (events[-1]["reason"], events[-1]["turn"])
    assert len(model.calls) < 3
    assert ("end", 2) == (after[-1]["reason"], after[-1]["turn"])


def test_words_follow_their_frame_in_the_turns_time_and_text(store: FakeStore) -> None:
    tts = Synthesizer(ToneModel(), fake_voices(), LetterPhonemizer())  # the real astream_text
    app = create_app(tts, store=store, health_check=healthy, process_stats=fake_process)
    pieces = ["Hello there, my", " friend. How are", " you", " today? Fine, thank", " you."]
    heard: list[tuple[float, float, dict[str, Any]]] = []  # frame's span, event
    with TestClient(app) as client, client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start", "words": True})
        for piece in pieces[:3]:
            ws.send_json({"type": "text", "text": piece})
        ws.send_json({"type": "flush"})  # a second segment: its times and offsets go on
        for piece in pieces[3:]:
            ws.send_json({"type": "text", "text": piece})
        ws.send_json({"type": "end"})
        played, frame = 0.0, (0.0, 0.0)
        while (message := ws.receive()).get("text") is None or (
            json.loads(message["text"])["type"] != "audio.done"
        ):
            if message.get("bytes") is not None:
                frame = (played, played + len(message["bytes"]) / 2 / SAMPLE_RATE)
                played = frame[1]
            elif (event := json.loads(message["text"]))["type"] == "audio.words":
                heard.append((*frame, event))

    text = "".join(pieces)
    words = [w for _, _, event in heard for w in event["words"]]
    assert {1} == {event["turn"] for _, _, event in heard}
    assert all(
        a - 1e-3 <= w["start"] <= w["end"] <= b + 1e-3 for a, b, e in heard for w in e["words"]
    )
    assert ["Hello", "there", "my", "friend.", "How", "are", "you", "today", "Fine"] == [
        w["word"] for w in words[:9]
    ]
    assert [w["word"] for w in words] == [text[w["char_start"] : w["char_end"]] for w in words]
    assert text.rindex("you.") == words[-1]["char_start"]  # after the flush, still the turn's


def test_words_are_sent_only_when_asked_for(client: TestClient) -> None:
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start"})
        ws.send_json({"type": "text", "text": "Hello there."})
        ws.send_json({"type": "end"})
        audio, events = until_done(ws)

    assert audio
    assert ["audio.start", "audio.done"] == [e["type"] for e in events]


@pytest.mark.parametrize(
    ("message", "param"),
    [
        ({"type": "start", "voice": "af_nobody"}, "voice"),
        ({"type": "start", "speed": 9}, "speed"),
        ({"type": "start", "speed": "fast"}, "speed"),
        ({"type": "start", "response_format": "ogg"}, "response_format"),
        ({"type": "start", "voice": 3}, "voice"),
        ({"type": "start", "words": "yes"}, "words"),
        ({"type": "text", "text": 5}, "text"),
        ({"type": "dance"}, "type"),
        ({"text": "no type"}, "type"),
    ],
)
def test_a_bad_message_is_answered_with_an_error_naming_the_field(
    client: TestClient, message: dict[str, Any], param: str
) -> None:
    with client.websocket_connect(PATH) as ws:
        ws.send_json(message)
        error = ws.receive_json()
        ws.send_json({"type": "text", "text": "Still here."})  # the connection stays usable
        ws.send_json({"type": "end"})
        _, events = until_done(ws)

    assert ("error", param) == (error["type"], error["param"])
    assert "end" == events[-1]["reason"]


def test_malformed_json_is_an_error_not_a_disconnect(client: TestClient) -> None:
    with client.websocket_connect(PATH) as ws:
        ws.send_text("{not json")
        error = ws.receive_json()
        ws.send_bytes(b"\x00\x01")
        binary = ws.receive_json()

    assert ("invalid_json", "invalid_message") == (error["code"], binary["code"])


def test_a_turn_holds_at_most_max_input_chars(client: TestClient, store: FakeStore) -> None:
    store.config = settings(max_input_chars=20)
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start"})
        ws.send_json({"type": "text", "text": "Fifteen chars. "})
        ws.send_json({"type": "text", "text": "Ten more. "})
        ws.send_json({"type": "end"})
        _, events = until_done(ws)

    (error,) = [e for e in events if e["type"] == "error"]
    assert ("text", "input_too_long", 1) == (error["param"], error["code"], error["turn"])
    assert 15 == events[-1]["chars"]


def test_a_unit_over_the_servers_audio_limit_is_an_error_event(
    client: TestClient, store: FakeStore
) -> None:
    store.config = settings(max_audio_seconds=1)
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start", "speed": 0.25})
        ws.send_json({"type": "text", "text": "A sentence far too slow to be spoken in a second."})
        ws.send_json({"type": "end"})
        audio, events = until_done(ws)

    (error,) = [e for e in events if e["type"] == "error"]
    assert ("audio_too_long", 1) == (error["code"], error["turn"])
    assert "1 s (server.max_audio_seconds)" in error["message"]
    assert b"" == audio


def test_wav_frames_start_with_a_streaming_header(client: TestClient) -> None:
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start", "response_format": "wav"})
        ws.send_json({"type": "text", "text": "Hi."})
        ws.send_json({"type": "end"})
        audio, _ = until_done(ws)

    assert (b"RIFF", b"WAVE") == (audio[:4], audio[8:12])


def test_a_key_is_needed_when_keys_are_set(client: TestClient, store: FakeStore) -> None:
    store.config = settings(api_keys=("k",))
    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start"})  # not the auth message the server waits for
        with pytest.raises(WebSocketDisconnect) as refused:
            ws.receive_json()

    assert 1008 == refused.value.code


@pytest.mark.parametrize("by_header", [True, False])
def test_the_key_goes_in_a_header_or_a_first_auth_message(
    client: TestClient, store: FakeStore, by_header: bool
) -> None:
    store.config = settings(api_keys=("k",))
    headers = {"authorization": "Bearer k"} if by_header else {}
    with client.websocket_connect(PATH, headers=headers) as ws:
        if not by_header:
            ws.send_json({"type": "auth", "key": "k"})
        ws.send_json({"type": "text", "text": "Hi."})
        ws.send_json({"type": "end"})
        audio, events = until_done(ws)

    assert ("end", True) == (events[-1]["reason"], bool(audio))


def test_a_page_from_another_site_is_refused(client: TestClient) -> None:
    evil = {"origin": "https://evil.example"}
    with (
        pytest.raises(WebSocketDisconnect) as refused,
        client.websocket_connect(PATH, headers=evil),
    ):
        pass

    assert 1008 == refused.value.code


class FakeSocket:
    """Enough of a WebSocket for `SpeechSession`: scripted messages in; `stalled` sends
    never complete, as when a client stops reading and its TCP window is full."""

    def __init__(self, messages: list[str], *, stalled: bool) -> None:
        self.incoming: asyncio.Queue[dict[str, Any]] = asyncio.Queue()
        for text in messages:
            self.incoming.put_nowait({"type": "websocket.receive", "text": text})
        self.stalled = stalled
        self.sent: list[str | bytes] = []
        self.closed_with: int | None = None

    async def receive(self) -> dict[str, Any]:
        return await self.incoming.get()

    async def _send(self, item: str | bytes) -> None:
        if self.stalled and self.sent:
            await asyncio.Event().wait()
        self.sent.append(item)
        if isinstance(item, str) and '"audio.done"' in item:
            self.incoming.put_nowait({"type": "websocket.disconnect"})

    async def send_text(self, text: str) -> None:
        await self._send(text)

    async def send_bytes(self, data: bytes) -> None:
        await self._send(data)

    async def close(self, code: int = 1000) -> None:
        self.closed_with = code


def test_a_stalled_reader_is_dropped_while_another_client_is_served() -> None:
    app = create_app(LiveSynthesizer(), settings=settings(), health_check=healthy)
    state = app.state.litetts
    text = '{"type": "text", "text": "%s"}' % ("A sentence to speak. " * 20)
    script = [text, '{"type": "end"}']

    async def main() -> tuple[FakeSocket, FakeSocket]:
        stalled, reader = FakeSocket(script, stalled=True), FakeSocket(script, stalled=False)
        sessions = [
            SpeechSession(sock, state, state.config, send_limit=50_000)  # type: ignore[arg-type]
            for sock in (stalled, reader)
        ]
        await asyncio.wait_for(asyncio.gather(*(s.serve() for s in sessions)), 30)
        return stalled, reader

    stalled, reader = asyncio.run(main())

    assert 1013 == stalled.closed_with
    assert '"audio.done"' in str(reader.sent[-1])
    assert sum(len(b) for b in reader.sent if isinstance(b, bytes)) > 50_000


def test_stopping_the_server_closes_the_socket(client: TestClient) -> None:
    from litetts_adapters.fastapi import stop_work

    with client.websocket_connect(PATH) as ws:
        ws.send_json({"type": "start"})
        assert "audio.start" == ws.receive_json()["type"]
        stopped = stop_work(client.app)  # type: ignore[arg-type]
        with pytest.raises(WebSocketDisconnect) as closed:
            ws.receive_json()

    assert 1 <= stopped
    assert 1001 == closed.value.code
