"""`ConservativeOptimizer` with fake CPUs: thread plans and reversible steps."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from litetts import ConservativeOptimizer
from litetts.config import PerformanceSettings
from litetts.performance import CPUInfo


def cpu(
    *,
    physical: int = 4,
    logical: int = 8,
    allowed: int = 8,
    quota: float | None = None,
    load: tuple[float, float, float] = (0.5, 0.5, 0.5),
    mhz: float | None = 3000.0,
    max_mhz: float | None = 3000.0,
) -> CPUInfo:
    return CPUInfo(
        physical_cores=physical,
        logical_cores=logical,
        model="Fake CPU",
        flags=frozenset({"avx2"}),
        frequency_mhz=mhz,
        max_frequency_mhz=max_mhz,
        cgroup_quota=quota,
        allowed_cpus=tuple(range(allowed)),
        load_average=load,
    )


class FakeMallopt:
    def __init__(self, result: int = 1) -> None:
        self.calls: list[tuple[int, int]] = []
        self.result = result

    def __call__(self, param: int, value: int) -> int:
        self.calls.append((param, value))
        return self.result


@pytest.fixture(autouse=True)
def restore_gc() -> Iterator[None]:
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


def optimizer(info: CPUInfo, **kwargs: object) -> ConservativeOptimizer:
    kwargs.setdefault("mallopt", FakeMallopt())
    kwargs.setdefault("set_affinity", lambda cpus: None)
    return ConservativeOptimizer(info, **kwargs)  # type: ignore[arg-type]  # test kwargs


def test_one_thread_per_physical_core() -> None:
    assert 4 == optimizer(cpu()).recommended_session_options().intra_op_threads


def test_threads_stay_within_the_cgroup_quota() -> None:
    assert 2 == optimizer(cpu(quota=2.5)).recommended_session_options().intra_op_threads


def test_threads_stay_within_the_affinity() -> None:
    assert 3 == optimizer(cpu(allowed=3)).recommended_session_options().intra_op_threads


def test_the_plan_keeps_the_measured_memory_settings() -> None:
    plan = optimizer(cpu()).recommended_session_options()

    assert (True, False, "all", 1) == (
        plan.cpu_mem_arena,
        plan.mem_pattern,
        plan.graph_optimization,
        plan.inter_op_threads,
    )
    assert () == plan.config


def test_sustained_overload_backs_off_a_thread_and_stops_spinning() -> None:
    plan = optimizer(cpu(load=(8.0, 7.0, 3.0))).recommended_session_options()

    assert 3 == plan.intra_op_threads
    assert ("session.intra_op.allow_spinning", "0") in plan.config


def test_a_short_burst_of_load_is_not_overload() -> None:
    opt = optimizer(cpu(load=(12.0, 1.0, 1.0)))

    assert "normal" == opt.load_state()
    assert 4 == opt.recommended_session_options().intra_op_threads


def test_a_throttled_cpu_backs_off() -> None:
    opt = optimizer(cpu(mhz=1500.0, max_mhz=3000.0))

    assert "throttled" == opt.load_state()
    assert 3 == opt.recommended_session_options().intra_op_threads


def test_never_fewer_than_one_thread() -> None:
    plan = optimizer(
        cpu(physical=1, logical=1, allowed=1, load=(9, 9, 9))
    ).recommended_session_options()

    assert 1 == plan.intra_op_threads


def test_the_cpu_is_read_again_for_each_decision() -> None:
    readings = iter([cpu(load=(0.1, 0.1, 0.1)), cpu(load=(9.0, 9.0, 9.0))])
    opt = ConservativeOptimizer(lambda: next(readings), mallopt=None)

    assert ("normal", "overloaded") == (opt.load_state(), opt.load_state())


def test_plan_builds_onnxruntime_options() -> None:
    plan = optimizer(cpu(load=(9, 9, 9))).recommended_session_options()

    options = plan.to_session_options()

    assert (3, 1, False) == (
        options.intra_op_num_threads,
        options.inter_op_num_threads,
        options.enable_mem_pattern,
    )
    assert "0" == options.get_session_config_entry("session.intra_op.allow_spinning")


def test_asked_threads_win_over_the_plan() -> None:
    plan = optimizer(cpu()).session_plan(threads=1)

    assert plan is not None
    assert 1 == plan.intra_op_threads


def test_optimizer_off_has_no_plan_and_applies_nothing() -> None:
    opt = optimizer(cpu(), settings=PerformanceSettings(optimizer="off"))

    report = opt.apply_safe_optimizations()

    assert opt.session_plan() is None
    assert () == report.applied
    assert all("off" in step.detail for step in report.steps)


def test_aggressive_is_opt_in_and_uses_every_logical_cpu() -> None:
    opt = optimizer(cpu(), settings=PerformanceSettings(optimizer="aggressive"))

    plan = opt.session_plan()

    assert plan is not None
    assert 8 == plan.intra_op_threads
    assert ("session.set_denormal_as_zero", "1") in plan.config
    assert () == optimizer(cpu()).recommended_session_options().config


def test_apply_reports_every_step_with_a_reason() -> None:
    report = optimizer(cpu()).apply_safe_optimizations()

    assert ["threads", "cpu_affinity", "gc", "allocator"] == [s.name for s in report.steps]
    assert all(step.detail for step in report.steps)
    assert report.to_dict()["load"] == "normal"


def test_affinity_is_skipped_without_a_quota_below_the_cpus() -> None:
    pinned: list[set[int]] = []

    report = optimizer(cpu(), set_affinity=pinned.append).apply_safe_optimizations()

    assert "cpu_affinity" not in report.applied
    assert [] == pinned


def test_affinity_pins_to_what_the_quota_pays_for_and_rolls_back() -> None:
    pinned: list[set[int]] = []
    opt = optimizer(cpu(quota=2.0), set_affinity=pinned.append)

    report = opt.apply_safe_optimizations()
    opt.rollback()

    assert "cpu_affinity" in report.applied
    assert [{0, 1}, set(range(8))] == pinned


def test_refused_affinity_is_skipped_with_the_reason() -> None:
    def refuse(cpus: set[int]) -> None:
        raise PermissionError("not permitted")

    report = optimizer(cpu(quota=2.0), set_affinity=refuse).apply_safe_optimizations()

    step = next(s for s in report.steps if s.name == "cpu_affinity")
    assert not step.applied
    assert "not permitted" in step.detail


@pytest.fixture
def default_gc() -> Iterator[None]:
    """CPython's default thresholds: another test's `Synthesizer.default()` may have
    applied the optimizer to this process and left them raised."""
    saved = gc.get_threshold()
    gc.set_threshold(700, 10, 10)
    yield
    gc.set_threshold(*saved)


@pytest.mark.usefixtures("default_gc")
def test_gc_step_raises_the_threshold_and_rollback_restores_it() -> None:
    before = gc.get_threshold()
    opt = optimizer(cpu())

    opt.apply_safe_optimizations()
    during = gc.get_threshold()
    undone = opt.rollback()

    assert 10_000 == during[0]
    assert before == gc.get_threshold()
    assert "gc" in undone


def test_allocator_caps_malloc_arenas_and_rollback_restores_glibcs_default() -> None:
    mallopt = FakeMallopt()
    opt = optimizer(cpu(), mallopt=mallopt)

    opt.apply_safe_optimizations()
    opt.rollback()

    assert (-8, 8) == mallopt.calls[0]
    assert -8 == mallopt.calls[1][0]


def test_allocator_is_skipped_without_glibc() -> None:
    report = optimizer(cpu(), mallopt=None).apply_safe_optimizations()

    assert "allocator" not in report.applied


def test_rollback_twice_undoes_nothing_the_second_time() -> None:
    opt = optimizer(cpu())
    opt.apply_safe_optimizations()
    opt.rollback()

    assert [] == opt.rollback()


@pytest.mark.parametrize(("workers", "expected"), [(1, 4), (2, 2), (3, 1), (4, 1), (8, 1)])
def test_workers_share_the_cores(workers: int, expected: int) -> None:
    plan = optimizer(cpu(physical=4)).session_plan(workers=workers)

    assert plan is not None
    assert expected == plan.intra_op_threads


def test_shared_threads_say_why() -> None:
    plan = optimizer(cpu(physical=4)).session_plan(workers=2)

    assert plan is not None
    assert "2 intra-op threads per request: 4 shared by 2 workers" == plan.reasons[-1]


def test_asked_threads_win_over_the_share() -> None:
    plan = optimizer(cpu(physical=4)).session_plan(threads=3, workers=2)

    assert plan is not None
    assert 3 == plan.intra_op_threads
