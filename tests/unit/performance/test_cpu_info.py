"""`get_cpu_info()` on a fake /proc and /sys tree."""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

from litetts.performance import CPUInfo, get_cpu_info

CPUINFO = """processor\t: 0
model name\t: Intel(R) Xeon(R) Test CPU
physical id\t: 0
core id\t: 0
cpu MHz\t\t: 2600.000
flags\t\t: fpu sse avx avx2 fma avx512f avx512_vnni

processor\t: 1
model name\t: Intel(R) Xeon(R) Test CPU
physical id\t: 0
core id\t: 0
flags\t\t: fpu sse avx avx2 fma avx512f avx512_vnni

processor\t: 2
physical id\t: 0
core id\t: 1

processor\t: 3
physical id\t: 0
core id\t: 1
"""


def fake_root(tmp_path: Path, files: dict[str, str]) -> Path:
    for name, text in {"proc/cpuinfo": CPUINFO, **files}.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return tmp_path


def info(root: Path, load: float = 0.5, cpus: int = 4) -> CPUInfo:
    return get_cpu_info(
        root, load_average=lambda: (load, load, load), affinity=lambda: set(range(cpus))
    )


def test_counts_logical_and_physical_cores(tmp_path: Path) -> None:
    cpu = info(fake_root(tmp_path, {}))

    assert (4, 2) == (cpu.logical_cores, cpu.physical_cores)


def test_reads_model_and_simd_flags(tmp_path: Path) -> None:
    cpu = info(fake_root(tmp_path, {}))

    assert "Intel(R) Xeon(R) Test CPU" == cpu.model
    assert ("avx", "avx2", "fma", "avx512f", "avx512_vnni") == cpu.simd


def test_reads_the_cgroup_v2_quota(tmp_path: Path) -> None:
    cpu = info(fake_root(tmp_path, {"sys/fs/cgroup/cpu.max": "150000 100000\n"}))

    assert 1.5 == cpu.cgroup_quota
    assert 1 == cpu.usable_cores


def test_an_unlimited_cgroup_has_no_quota(tmp_path: Path) -> None:
    cpu = info(fake_root(tmp_path, {"sys/fs/cgroup/cpu.max": "max 100000\n"}))

    assert cpu.cgroup_quota is None
    assert 2 == cpu.usable_cores


def test_reads_the_cgroup_v1_quota(tmp_path: Path) -> None:
    files = {
        "sys/fs/cgroup/cpu/cpu.cfs_quota_us": "300000",
        "sys/fs/cgroup/cpu/cpu.cfs_period_us": "100000",
    }

    assert 3.0 == info(fake_root(tmp_path, files)).cgroup_quota


def test_affinity_limits_the_usable_cores(tmp_path: Path) -> None:
    cpu = info(fake_root(tmp_path, {}), cpus=1)

    assert (0,) == cpu.allowed_cpus
    assert 1 == cpu.usable_cores


def test_frequency_below_70_percent_of_max_is_throttled(tmp_path: Path) -> None:
    freq = "sys/devices/system/cpu/cpu0/cpufreq/"
    files = {freq + "scaling_cur_freq": "1200000", freq + "cpuinfo_max_freq": "3000000"}

    cpu = info(fake_root(tmp_path, files))

    assert (1200.0, 3000.0) == (cpu.frequency_mhz, cpu.max_frequency_mhz)
    assert cpu.throttled


def test_without_cpufreq_the_clock_comes_from_cpuinfo(tmp_path: Path) -> None:
    cpu = info(fake_root(tmp_path, {}))

    assert 2600.0 == cpu.frequency_mhz
    assert not cpu.throttled


def test_load_per_core_divides_by_usable_cores(tmp_path: Path) -> None:
    assert 2.0 == info(fake_root(tmp_path, {}), load=4.0).load_per_core


def test_reads_thermal_throttle_events(tmp_path: Path) -> None:
    path = "sys/devices/system/cpu/cpu0/thermal_throttle/core_throttle_count"

    assert 7 == info(fake_root(tmp_path, {path: "7\n"})).throttle_events


def test_an_empty_tree_still_describes_one_cpu(tmp_path: Path) -> None:
    cpu = get_cpu_info(tmp_path, load_average=lambda: (0.0, 0.0, 0.0), affinity=set)

    assert (1, 1, "unknown") == (cpu.logical_cores, cpu.physical_cores, cpu.model)


def test_the_real_machine_is_described() -> None:
    cpu = get_cpu_info()

    assert cpu.logical_cores >= cpu.physical_cores >= 1
    assert cpu.usable_cores >= 1


def test_cpu_info_is_frozen(tmp_path: Path) -> None:
    cpu = info(fake_root(tmp_path, {}))

    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        cpu.model = "other"  # type: ignore[misc]  # assigning is what must fail
