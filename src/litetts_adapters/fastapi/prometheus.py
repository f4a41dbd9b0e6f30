"""``GET /metrics``: the dashboard's figures in Prometheus text format.

A custom collector on a registry owned by the app (no process-wide globals) reads
`RealtimeMetrics.snapshot()` at scrape time, so Prometheus and the dashboard never
disagree.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from litetts_adapters.fastapi.realtime import RealtimeMetrics

__all__ = ["CONTENT_TYPE", "metrics_registry", "render"]

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _quantiles(name: str, doc: str, summary: object) -> GaugeMetricFamily:
    family = GaugeMetricFamily(name, doc, labels=["quantile"])
    if isinstance(summary, Mapping):
        for key, quantile in (("p50", "0.5"), ("p95", "0.95"), ("p99", "0.99")):
            value = summary.get(key)
            if isinstance(value, int | float):
                family.add_metric([quantile], float(value))
    return family


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


def _section(snapshot: Mapping[str, object], key: str) -> Mapping[str, object]:
    value = snapshot.get(key)
    return value if isinstance(value, Mapping) else {}


class _SnapshotCollector(Collector):
    def __init__(self, metrics: RealtimeMetrics) -> None:
        self._metrics = metrics

    def collect(self) -> Iterator[Metric]:
        snap = self._metrics.snapshot()
        errors, server = _section(snap, "errors"), _section(snap, "server")
        process, cache = _section(snap, "process"), _section(snap, "cache")
        per_voice = CounterMetricFamily(
            "litetts_requests", "Synthesis requests by voice", labels=["voice"]
        )
        for voice, count in sorted(_section(snap, "voices").items()):
            per_voice.add_metric([voice], _number(count))
        yield per_voice
        yield CounterMetricFamily(
            "litetts_errors", "Failed synthesis requests", value=_number(errors.get("total"))
        )
        yield CounterMetricFamily(
            "litetts_cancelled",
            "Streams stopped by their client",
            value=_number(errors.get("cancelled")),
        )
        yield CounterMetricFamily(
            "litetts_audio_seconds",
            "Seconds of audio produced",
            value=_number(snap.get("audio_seconds_total")),
        )
        yield CounterMetricFamily(
            "litetts_cache_hits",
            "Requests served from the audio cache",
            value=_number(cache.get("hits")),
        )
        yield _quantiles(
            "litetts_latency_seconds",
            "Synthesis time per request (recent window)",
            snap.get("latency"),
        )
        yield _quantiles("litetts_rtf", "Real-time factor (recent window)", snap.get("rtf"))
        yield _quantiles(
            "litetts_time_to_first_audio_seconds",
            "Time to first audio (recent window)",
            snap.get("time_to_first_audio"),
        )
        yield GaugeMetricFamily(
            "litetts_in_flight",
            "Requests being synthesized",
            value=_number(server.get("in_flight")),
        )
        yield GaugeMetricFamily(
            "litetts_queued", "Requests waiting for a worker", value=_number(server.get("queued"))
        )
        yield GaugeMetricFamily(
            "litetts_process_resident_memory_mib",
            "Resident memory of the server",
            value=_number(process.get("rss_mb")),
        )
        yield GaugeMetricFamily(
            "litetts_process_cpu_percent",
            "CPU use of the server, percent of one core",
            value=_number(process.get("cpu_percent")),
        )


def metrics_registry(metrics: RealtimeMetrics) -> CollectorRegistry:
    """A registry holding only litetts' collector, for one app."""
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_SnapshotCollector(metrics))
    return registry


def render(registry: CollectorRegistry) -> bytes:
    """The registry in Prometheus text format."""
    return generate_latest(registry)
