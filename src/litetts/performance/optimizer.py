"""`ConservativeOptimizer`: CPU settings that make synthesis lean without changing its audio.

    >>> optimizer = ConservativeOptimizer()
    >>> report = optimizer.apply_safe_optimizations()  # doctest: +SKIP
    >>> [(s.name, s.applied) for s in report.steps]  # doctest: +SKIP
    [('threads', True), ('cpu_affinity', False), ('gc', True), ('allocator', True)]
    >>> optimizer.rollback()  # doctest: +SKIP

Everything here is conservative: thread counts within the cores, affinity and cgroup
quota the process really has, ONNX Runtime's memory settings that docs/performance.md
measured, fewer garbage collections. None of it alters the arithmetic of the model, so
the audio stays the same; every process-wide step is recorded and `rollback()` undoes
it. `get_aggressive_performance_config()` goes further and is opt-in only.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import logging
import math
import os
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Final, Literal

from attrs import asdict, evolve, frozen

from litetts.config.schema import PerformanceSettings, SynthesisSettings
from litetts.performance.cpu import CPUInfo, get_cpu_info

if TYPE_CHECKING:
    import onnxruntime as ort

__all__ = [
    "ConservativeOptimizer",
    "LoadState",
    "OptimizationReport",
    "OptimizationStep",
    "SessionPlan",
]

logger = logging.getLogger(__name__)

LoadState = Literal["normal", "overloaded", "throttled"]

OVERLOAD_PER_CORE: Final = 1.5
"""Load per usable core above which the CPU counts as overloaded, over both the last
minute and the last five (a short burst does not count: threads are fixed for the
life of a session)."""

_GC_GEN0: Final = 10_000
"""Allocations between young-generation collections (CPython's default is 700)."""

_M_ARENA_MAX: Final = -8  # glibc's mallopt() parameter for the number of malloc arenas


@frozen
class SessionPlan:
    """ONNX Runtime session settings, as data; `to_session_options()` builds them."""

    intra_op_threads: int
    inter_op_threads: int = 1
    graph_optimization: Literal["disabled", "basic", "extended", "all"] = "all"
    cpu_mem_arena: bool = True
    """The CPU arena: without it glibc's heap fragments and peak RSS passes 2 GB."""
    mem_pattern: bool = False
    """Per-shape buffer plans: Kokoro's shapes change every call, so only peak memory grows."""
    config: tuple[tuple[str, str], ...] = ()
    """Session config entries (``session.intra_op.allow_spinning`` ...)."""
    reasons: tuple[str, ...] = ()
    """Why each value was chosen, in words."""

    def to_session_options(self) -> ort.SessionOptions:
        """The `onnxruntime.SessionOptions` for this plan (sequential execution)."""
        import onnxruntime as ort

        levels = {
            "disabled": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
            "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
            "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
        }
        options = ort.SessionOptions()
        options.intra_op_num_threads = self.intra_op_threads
        options.inter_op_num_threads = self.inter_op_threads
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        options.graph_optimization_level = levels[self.graph_optimization]
        options.enable_cpu_mem_arena = self.cpu_mem_arena
        options.enable_mem_pattern = self.mem_pattern
        for key, value in self.config:
            options.add_session_config_entry(key, value)
        return options

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return asdict(self, recurse=True, value_serializer=_jsonable)


@frozen
class OptimizationStep:
    """One step of `apply_safe_optimizations`: applied, or skipped and why."""

    name: str
    applied: bool
    detail: str


@frozen
class OptimizationReport:
    """What `ConservativeOptimizer.apply_safe_optimizations` did."""

    steps: tuple[OptimizationStep, ...]
    session: SessionPlan
    load: LoadState

    @property
    def applied(self) -> tuple[str, ...]:
        """Names of the steps that were applied."""
        return tuple(s.name for s in self.steps if s.applied)

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {
            "load": self.load,
            "steps": [asdict(s) for s in self.steps],
            "session": self.session.to_dict(),
        }


class ConservativeOptimizer:
    """Safe, reversible CPU settings for synthesis; thread-safe.

    Args:
        cpu: the CPU description, or a function that reads it (called for each
            decision, so load and throttling are current); default `get_cpu_info`.
        settings: the performance settings (``optimizer`` = ``off`` turns every step
            into a skipped one).
        synthesis: accepted for the callers that pass it; no step depends on it.
        set_affinity: sets this process's CPU affinity; default ``os.sched_setaffinity``.
        mallopt: glibc's ``mallopt(param, value)``; default the C library's, or None
            where there is none.
    """

    def __init__(
        self,
        cpu: CPUInfo | Callable[[], CPUInfo] | None = None,
        *,
        settings: PerformanceSettings | None = None,
        synthesis: SynthesisSettings | None = None,
        set_affinity: Callable[[set[int]], None] | None = None,
        mallopt: Callable[[int, int], int] | Literal["default"] | None = "default",
    ) -> None:
        if isinstance(cpu, CPUInfo):
            info = cpu
            self._cpu: Callable[[], CPUInfo] = lambda: info
        else:
            self._cpu = cpu if cpu is not None else get_cpu_info
        self.settings = settings if settings is not None else PerformanceSettings()
        self.synthesis = synthesis if synthesis is not None else SynthesisSettings()
        self._set_affinity = set_affinity if set_affinity is not None else _sched_setaffinity
        self._mallopt = _glibc_mallopt() if mallopt == "default" else mallopt
        self._lock = threading.Lock()
        self._undo: list[tuple[str, Callable[[], None]]] = []

    def cpu_info(self) -> CPUInfo:
        """The CPU now."""
        return self._cpu()

    def load_state(self, cpu: CPUInfo | None = None) -> LoadState:
        """``throttled`` (clock below 70% of its maximum), ``overloaded`` (more than
        1.5 runnable processes per usable core over both the last 1 and 5 minutes)
        or ``normal``."""
        info = cpu if cpu is not None else self._cpu()
        if info.throttled:
            return "throttled"
        if min(info.load_average[:2]) / info.usable_cores > OVERLOAD_PER_CORE:
            return "overloaded"
        return "normal"

    def recommended_session_options(self) -> SessionPlan:
        """Session settings for this machine now.

        One intra-op thread per usable core (physical cores within the affinity and
        the cgroup quota: SMT siblings share the vector units Kokoro's int8
        convolutions saturate), one fewer when the CPU is throttled or overloaded, and
        no spin-waiting then, which only steals time from the other processes. The
        arena stays on and memory patterns off, as docs/performance.md measured.
        """
        info = self._cpu()
        threads = info.usable_cores
        reasons = [
            f"{threads} intra-op threads: {info.physical_cores} physical cores, "
            f"{len(info.allowed_cpus)} allowed, quota {_quota(info)}"
        ]
        config: list[tuple[str, str]] = []
        state = self.load_state(info)
        if state != "normal":
            if threads > 1:
                threads -= 1
                unit = "thread" if threads == 1 else "threads"
                reasons.append(f"backed off to {threads} {unit}: the CPU is {state}")
            config.append(("session.intra_op.allow_spinning", "0"))
            reasons.append(f"no spin-waiting: the CPU is {state}")
        reasons.append("CPU arena on, memory patterns off (measured in docs/performance.md)")
        return SessionPlan(threads, config=tuple(config), reasons=tuple(reasons))

    def get_aggressive_performance_config(self) -> SessionPlan:
        """Opt-in settings that trade safety margins for speed (``optimizer=aggressive``).

        A thread on every logical CPU, spin-waiting on, and denormal floats flushed to
        zero. Flushing denormals changes the model's arithmetic, so the audio may
        differ from the default's within float tolerance (about 1e-6), and extra
        threads can slow synthesis down on a busy machine: measure with
        ``benchmarks/optimizer.py`` before turning it on.
        """
        info = self._cpu()
        threads = max(1, len(info.allowed_cpus) or info.logical_cores)
        if info.cgroup_quota is not None:
            threads = max(1, min(threads, math.ceil(info.cgroup_quota)))
        return SessionPlan(
            threads,
            config=(
                ("session.intra_op.allow_spinning", "1"),
                ("session.set_denormal_as_zero", "1"),
            ),
            reasons=(
                f"{threads} intra-op threads: every allowed logical CPU",
                "denormals flushed to zero: audio may differ within float tolerance",
            ),
        )

    def session_plan(self, threads: int | None = None, *, workers: int = 1) -> SessionPlan | None:
        """The plan ``settings.optimizer`` asks for: None when ``off``, else the
        conservative or aggressive one.

        Args:
            threads: intra-op threads the caller asked for; they win over the plan's.
            workers: requests that run the session at once (the server's
                ``server.worker_threads``): the plan's threads are shared out among
                them, at least one each, so that N concurrent requests do not run N
                times as many threads as there are cores.
        """
        if self.settings.optimizer == "off":
            return None
        if self.settings.optimizer == "aggressive":
            plan = self.get_aggressive_performance_config()
        else:
            plan = self.recommended_session_options()
        if threads is not None and threads != plan.intra_op_threads:
            reasons = (f"{threads} intra-op threads: asked for", *plan.reasons[1:])
            plan = evolve(plan, intra_op_threads=threads, reasons=reasons)
        elif threads is None and workers > 1:
            shared = max(1, plan.intra_op_threads // workers)
            reasons = (
                *plan.reasons,
                f"{shared} intra-op threads per request: {plan.intra_op_threads} shared "
                f"by {workers} workers",
            )
            plan = evolve(plan, intra_op_threads=shared, reasons=reasons)
        return plan

    def apply_safe_optimizations(self, session: SessionPlan | None = None) -> OptimizationReport:
        """Apply the process-wide steps and report each as applied or skipped.

        Steps: ``threads`` (the session plan, used by `Synthesizer.default`),
        ``cpu_affinity`` (pin to as many CPUs as the cgroup quota pays for, only when
        the quota is below the CPUs allowed), ``gc`` (young-generation threshold
        700 -> 10,000 and `gc.freeze` of what is alive now, so long-lived model
        objects are not scanned again) and ``allocator`` (glibc malloc arenas capped
        at twice the threads, which keeps RSS from fragmenting across worker threads).
        Call `rollback()` to undo them.

        Args:
            session: the session plan already in use (`Synthesizer.default` loads the
                model first); default `session_plan()`.
        """
        info = self._cpu()
        state = self.load_state(info)
        plan = session if session is not None else self.session_plan()
        if self.settings.optimizer == "off" or plan is None:
            off = "settings.performance.optimizer is off"
            steps = tuple(
                OptimizationStep(n, False, off)
                for n in ("threads", "cpu_affinity", "gc", "allocator")
            )
            return OptimizationReport(steps, plan or self.recommended_session_options(), state)
        with self._lock:
            steps = (
                OptimizationStep("threads", True, "; ".join(plan.reasons)),
                self._affinity(info),
                self._gc(),
                self._allocator(plan.intra_op_threads),
            )
        report = OptimizationReport(steps, plan, state)
        logger.info("optimizations applied: %s", ", ".join(report.applied) or "none")
        return report

    def rollback(self) -> list[str]:
        """Undo every applied step, newest first; returns the names undone."""
        with self._lock:
            undone = []
            while self._undo:
                name, undo = self._undo.pop()
                try:
                    undo()
                except OSError as err:
                    logger.warning("could not undo %s: %s", name, err)
                    continue
                undone.append(name)
        logger.info("optimizations rolled back: %s", ", ".join(undone) or "none")
        return undone

    def _affinity(self, info: CPUInfo) -> OptimizationStep:
        allowed = set(info.allowed_cpus)
        quota = info.cgroup_quota
        if quota is None or math.ceil(quota) >= len(allowed):
            return OptimizationStep(
                "cpu_affinity",
                False,
                f"quota {_quota(info)} covers all {len(allowed)} allowed CPUs; "
                "the scheduler places threads best",
            )
        pinned = set(sorted(allowed)[: max(1, math.ceil(quota))])
        try:
            self._set_affinity(pinned)
        except (OSError, AttributeError) as err:
            return OptimizationStep("cpu_affinity", False, f"not allowed here: {err}")
        self._undo.append(("cpu_affinity", lambda: self._set_affinity(allowed)))
        return OptimizationStep(
            "cpu_affinity",
            True,
            f"pinned to CPUs {sorted(pinned)}: the quota pays for {quota:g} of {len(allowed)}",
        )

    def _gc(self) -> OptimizationStep:
        previous = gc.get_threshold()
        if previous[0] >= _GC_GEN0:
            return OptimizationStep("gc", False, f"threshold already {previous[0]}")
        gc.set_threshold(_GC_GEN0, previous[1], previous[2])
        gc.freeze()

        def undo() -> None:
            gc.unfreeze()
            gc.set_threshold(*previous)

        self._undo.append(("gc", undo))
        return OptimizationStep(
            "gc",
            True,
            f"young-generation threshold {previous[0]} -> {_GC_GEN0}; "
            f"{gc.get_freeze_count()} long-lived objects frozen",
        )

    def _allocator(self, threads: int) -> OptimizationStep:
        if self._mallopt is None:
            return OptimizationStep("allocator", False, "not glibc: no mallopt to call")
        arenas = max(2, 2 * threads)
        if self._mallopt(_M_ARENA_MAX, arenas) != 1:
            return OptimizationStep("allocator", False, "mallopt(M_ARENA_MAX) was refused")
        default = 8 * (os.cpu_count() or 1)  # glibc's own cap on 64-bit systems
        mallopt = self._mallopt
        self._undo.append(("allocator", lambda: _check_mallopt(mallopt(_M_ARENA_MAX, default))))
        return OptimizationStep("allocator", True, f"glibc malloc arenas capped at {arenas}")


def _quota(info: CPUInfo) -> str:
    return "none" if info.cgroup_quota is None else f"{info.cgroup_quota:g} CPUs"


def _jsonable(_instance: object, _field: object, value: object) -> object:
    return list(value) if isinstance(value, tuple) else value


def _sched_setaffinity(cpus: set[int]) -> None:
    os.sched_setaffinity(0, cpus)


def _check_mallopt(result: int) -> None:
    if result != 1:
        raise OSError("mallopt refused to restore the arena cap")


def _glibc_mallopt() -> Callable[[int, int], int] | None:
    name = ctypes.util.find_library("c")
    if name is None or "libc.so" not in name:
        return None
    try:
        libc = ctypes.CDLL(name)
        mallopt = libc.mallopt
    except (OSError, AttributeError):
        return None
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int

    def call(param: int, value: int) -> int:
        return int(mallopt(param, value))

    return call
