"""litetts on a Ray cluster (needs ``litetts[ray]``): the speech server as a Ray Serve
deployment, and ``litetts batch`` as a Ray Data job.

    serve run litetts_adapters.ray:app          # or: litetts serve --ray auto
    litetts batch jobs.csv -o out --ray auto

Names load on first use: the batch engine does not import Ray Serve or FastAPI.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from litetts_adapters.ray.data import LOCAL, connect, ray_engine
    from litetts_adapters.ray.serving import (
        DEPLOYMENT_NAME,
        LiteTTSReplica,
        RayOptions,
        app,
        build_app,
        deployment,
        run_on_ray,
    )

__all__ = [
    "DEPLOYMENT_NAME",
    "LOCAL",
    "LiteTTSReplica",
    "RayOptions",
    "app",
    "build_app",
    "connect",
    "deployment",
    "ray_engine",
    "run_on_ray",
]

_DATA = {"LOCAL", "connect", "ray_engine"}


def __getattr__(name: str) -> Any:
    if name not in __all__:
        raise AttributeError(f"module 'litetts_adapters.ray' has no attribute {name!r}")
    module = "data" if name in _DATA else "serving"
    value = getattr(importlib.import_module(f"litetts_adapters.ray.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
