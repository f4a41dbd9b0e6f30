"""Running lean: the CPU optimizer, the memory monitor and the metrics recorder.

Names load on first use, so that `litetts.synthesizer` can import the optimizer
without loading the rest of this package.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litetts.performance.cpu import CPUInfo, get_cpu_info
    from litetts.performance.memory import LeakReport, MemoryEvent, MemoryMonitor
    from litetts.performance.metrics import MetricsRecorder
    from litetts.performance.optimizer import (
        ConservativeOptimizer,
        OptimizationReport,
        OptimizationStep,
        SessionPlan,
    )

__all__ = [
    "CPUInfo",
    "ConservativeOptimizer",
    "LeakReport",
    "MemoryEvent",
    "MemoryMonitor",
    "MetricsRecorder",
    "OptimizationReport",
    "OptimizationStep",
    "SessionPlan",
    "get_cpu_info",
]

_LAZY: dict[str, str] = {
    "CPUInfo": "litetts.performance.cpu",
    "ConservativeOptimizer": "litetts.performance.optimizer",
    "LeakReport": "litetts.performance.memory",
    "MemoryEvent": "litetts.performance.memory",
    "MemoryMonitor": "litetts.performance.memory",
    "MetricsRecorder": "litetts.performance.metrics",
    "OptimizationReport": "litetts.performance.optimizer",
    "OptimizationStep": "litetts.performance.optimizer",
    "SessionPlan": "litetts.performance.optimizer",
    "get_cpu_info": "litetts.performance.cpu",
}


def __getattr__(name: str) -> Any:
    try:
        module = _LAZY[name]
    except KeyError:
        raise AttributeError(f"module 'litetts.performance' has no attribute {name!r}") from None
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
