"""What the CPU is and how busy it is: `get_cpu_info()` -> `CPUInfo`.

Read from Linux's ``/proc`` and ``/sys`` (cores, model, flags, frequency, the cgroup
CPU quota, thermal throttling) plus psutil and ``os`` elsewhere. Every source is
injectable: tests point `root` at a folder of fake files.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from pathlib import Path
from typing import Final

import psutil
from attrs import frozen

__all__ = ["SIMD_FLAGS", "CPUInfo", "get_cpu_info"]

logger = logging.getLogger(__name__)

SIMD_FLAGS: Final = ("avx", "avx2", "fma", "avx512f", "avx512_vnni", "avx_vnni", "amx_int8")
"""The instruction-set flags that matter to ONNX Runtime's int8 and float kernels."""


@frozen
class CPUInfo:
    """The CPU this process runs on, at one moment."""

    physical_cores: int
    logical_cores: int
    model: str
    """The model name, e.g. ``Intel(R) Xeon(R) ...``; ``unknown`` when not reported."""
    flags: frozenset[str]
    """Every CPU flag reported (``avx2``, ``avx512_vnni``...)."""
    frequency_mhz: float | None
    """Current clock, MHz; None when not reported."""
    max_frequency_mhz: float | None
    """Highest clock the CPU reports, MHz; None when not reported."""
    cgroup_quota: float | None
    """CPUs the cgroup may use (``cpu.max`` quota / period); None for no limit."""
    allowed_cpus: tuple[int, ...]
    """CPUs this process may be scheduled on (its affinity)."""
    load_average: tuple[float, float, float]
    """Runnable processes over 1, 5 and 15 minutes."""
    throttle_events: int | None = None
    """Thermal throttle events counted by the kernel so far; None when not reported."""

    @property
    def simd(self) -> tuple[str, ...]:
        """The flags of `SIMD_FLAGS` this CPU has, in that order."""
        return tuple(flag for flag in SIMD_FLAGS if flag in self.flags)

    @property
    def usable_cores(self) -> int:
        """Cores worth one compute thread each: physical cores, the affinity and
        the cgroup quota, whichever is smallest."""
        cores = min(self.physical_cores, len(self.allowed_cpus) or self.logical_cores)
        if self.cgroup_quota is not None:
            cores = min(cores, int(self.cgroup_quota))
        return max(1, cores)

    @property
    def load_per_core(self) -> float:
        """The 1-minute load average per usable core (above 1: more work than cores)."""
        return self.load_average[0] / self.usable_cores

    @property
    def throttled(self) -> bool:
        """True when the clock runs below 70% of its maximum (thermal or power limits)."""
        if self.frequency_mhz is None or not self.max_frequency_mhz:
            return False
        return self.frequency_mhz < 0.7 * self.max_frequency_mhz


def get_cpu_info(
    root: Path | str = "/",
    *,
    load_average: Callable[[], tuple[float, float, float]] | None = None,
    affinity: Callable[[], set[int]] | None = None,
) -> CPUInfo:
    """Describe the CPU now.

    Args:
        root: the file system root holding ``proc`` and ``sys`` (a fake tree in tests).
            With the real root, psutil fills in what the files do not say.
        load_average: default `os.getloadavg`.
        affinity: the CPUs this process may use; default ``os.sched_getaffinity(0)``.
    """
    base = Path(root)
    real = base == Path("/")
    blocks = _cpuinfo_blocks(_read(base / "proc/cpuinfo"))
    logical = len(blocks) or (os.cpu_count() if real else None) or 1
    physical = _physical_cores(blocks) or (psutil.cpu_count(logical=False) if real else None)
    first = blocks[0] if blocks else {}
    model = first.get("model name") or first.get("Processor") or "unknown"
    flags = frozenset((first.get("flags") or first.get("Features") or "").split())
    current, maximum = _frequency(base, first)
    allowed = tuple(sorted((affinity or _affinity)()))
    return CPUInfo(
        physical_cores=physical or logical,
        logical_cores=logical,
        model=model,
        flags=flags,
        frequency_mhz=current,
        max_frequency_mhz=maximum,
        cgroup_quota=_cgroup_quota(base),
        allowed_cpus=allowed or tuple(range(logical)),
        load_average=(load_average or _loadavg)(),
        throttle_events=_throttle_events(base),
    )


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return None


def _cpuinfo_blocks(text: str | None) -> list[dict[str, str]]:
    """One dict per logical CPU of ``/proc/cpuinfo``."""
    blocks: list[dict[str, str]] = []
    for chunk in (text or "").split("\n\n"):
        fields = {}
        for line in chunk.splitlines():
            name, sep, value = line.partition(":")
            if sep:
                fields[name.strip()] = value.strip()
        if "processor" in fields:
            blocks.append(fields)
    return blocks


def _physical_cores(blocks: list[dict[str, str]]) -> int | None:
    cores = {(b.get("physical id"), b.get("core id")) for b in blocks if "core id" in b}
    return len(cores) or None


def _frequency(base: Path, first: dict[str, str]) -> tuple[float | None, float | None]:
    freq = base / "sys/devices/system/cpu/cpu0/cpufreq"
    current_khz = _number(_read(freq / "scaling_cur_freq"))
    max_khz = _number(_read(freq / "cpuinfo_max_freq"))
    current = current_khz / 1000 if current_khz else _number(first.get("cpu MHz"))
    maximum = max_khz / 1000 if max_khz else None
    return current, maximum


def _cgroup_quota(base: Path) -> float | None:
    text = _read(base / "sys/fs/cgroup/cpu.max")  # cgroup v2: "QUOTA PERIOD" or "max PERIOD"
    if text is not None:
        quota, _, period = text.strip().partition(" ")
        q, p = _number(quota), _number(period)
        return q / p if q and p else None
    q = _number(_read(base / "sys/fs/cgroup/cpu/cpu.cfs_quota_us"))  # cgroup v1; -1: none
    p = _number(_read(base / "sys/fs/cgroup/cpu/cpu.cfs_period_us"))
    return q / p if q and q > 0 and p else None


def _throttle_events(base: Path) -> int | None:
    count = _number(
        _read(base / "sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count")
    )
    return int(count) if count is not None else None


def _number(text: str | None) -> float | None:
    try:
        return float(text.strip()) if text is not None else None
    except ValueError:
        return None


def _affinity() -> set[int]:
    try:
        return set(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return set(range(os.cpu_count() or 1))


def _loadavg() -> tuple[float, float, float]:
    try:
        return os.getloadavg()
    except OSError:  # not available (Windows)
        return (0.0, 0.0, 0.0)
