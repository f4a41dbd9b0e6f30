"""Performance: the metrics recorder (and, beside it, the optimizer and memory monitor)."""

from litetts.performance.metrics import MetricsRecorder

__all__ = ["MetricsRecorder"]
