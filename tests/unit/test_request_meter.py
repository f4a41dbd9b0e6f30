"""`RequestMeter`: one `SynthesisEvent` per request, however the request ends."""

from __future__ import annotations

from collections.abc import Generator

import pytest

from litetts.events import EventHub, RequestMeter, SynthesisEvent


def metered(hub: EventHub[SynthesisEvent], fail: bool = False) -> Generator[int, None, None]:
    with RequestMeter(hub, voice="af_heart", text_chars=5, sample_rate=10) as meter:
        for _ in range(3):
            meter.piece(10, speech=True)
            yield 1
            if fail:
                raise ValueError("model broke")
        meter.completed = True


def events_of(run: Generator[int, None, None], hub: EventHub[SynthesisEvent]) -> list[object]:
    seen: list[SynthesisEvent] = []
    hub.subscribe(seen.append)
    try:
        for _ in run:
            pass
    except ValueError:
        pass
    return [(e.chunks, e.audio_seconds, e.completed, e.error) for e in seen]


def test_a_finished_request_is_one_complete_event() -> None:
    hub: EventHub[SynthesisEvent] = EventHub()

    assert [(3, 3.0, True, None)] == events_of(metered(hub), hub)


def test_a_failed_request_names_the_error() -> None:
    hub: EventHub[SynthesisEvent] = EventHub()

    assert [(1, 1.0, False, "ValueError")] == events_of(metered(hub, fail=True), hub)


def test_a_stream_closed_early_is_incomplete_not_failed() -> None:
    hub: EventHub[SynthesisEvent] = EventHub()
    seen: list[SynthesisEvent] = []
    hub.subscribe(seen.append)
    stream = metered(hub)

    next(stream)
    stream.close()

    assert [(1, False, None)] == [(e.chunks, e.completed, e.error) for e in seen]


def test_first_audio_is_unset_when_nothing_was_produced() -> None:
    hub: EventHub[SynthesisEvent] = EventHub()
    seen: list[SynthesisEvent] = []
    hub.subscribe(seen.append)

    def request() -> None:
        with RequestMeter(hub, voice="af_heart", text_chars=0, sample_rate=10):
            raise ValueError("empty")

    with pytest.raises(ValueError, match="empty"):
        request()

    assert [None] == [e.first_audio_seconds for e in seen]
