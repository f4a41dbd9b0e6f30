"""Fuzz a real ``litetts serve`` with Schemathesis (``make fuzz``).

Starts the server on a loopback port with the real model, generates valid and invalid
requests from its own OpenAPI schema, and counts what came back: any 5xx, any response
the schema does not declare, or any traceback in the server's log fails the run.

    python -m tests.fuzz_server --cases 5000 --minutes 90

Only loopback addresses can be targeted, and the run is bounded in cases and in time
(whichever comes first); the server's input limit is lowered (``--max-chars``) so that
one case costs seconds, not minutes.
"""

from __future__ import annotations

import argparse
import ipaddress
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import httpx
import schemathesis
from hypothesis import HealthCheck, Phase, given, seed, settings
from schemathesis.core.failures import FailureGroup
from schemathesis.generation.modes import GenerationMode
from schemathesis.specs.openapi.checks import positive_data_acceptance
from tests.live_server import free_port


def loopback(host: str) -> str:
    if not ipaddress.ip_address(host).is_loopback:
        raise argparse.ArgumentTypeError(f"{host} is not a loopback address; fuzz only 127.0.0.1")
    return host


def wait_ready(url: str, server: subprocess.Popen[bytes], limit_s: float) -> None:
    deadline = time.monotonic() + limit_s
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"the server exited with status {server.returncode}")
        try:
            if httpx.get(f"{url}/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"the server was not ready within {limit_s:.0f} s")


def fuzz(url: str, cases: int, deadline: float, seed_value: int) -> tuple[Counter[int], list[str]]:
    """Run up to `cases` cases before `deadline`, half valid and half invalid; returns the
    statuses and the failures' texts."""
    schema = schemathesis.openapi.from_url(f"{url}/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    statuses: Counter[int] = Counter()
    failures: list[str] = []
    for mode, limit in ((GenerationMode.POSITIVE, cases // 2), (GenerationMode.NEGATIVE, cases)):
        for operation in operations:
            if mode == GenerationMode.NEGATIVE and not list(operation.body):
                continue

            @seed(seed_value)
            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=max(1, cases),
                deadline=None,
                database=None,
                derandomize=False,
                phases=[Phase.generate],
                suppress_health_check=list(HealthCheck),
            )
            def call(case: schemathesis.Case) -> None:
                # call() runs within this iteration, so `limit` is the one meant here.
                if time.monotonic() > deadline or statuses.total() >= limit:  # noqa: B023
                    return
                response = case.call(timeout=120)
                statuses[response.status_code] += 1
                try:
                    case.validate_response(response, excluded_checks=[positive_data_acceptance])
                except FailureGroup as err:
                    failures.append(f"{case.method} {case.path} -> {response.status_code}: {err}")
                except AssertionError as err:
                    failures.append(f"{case.method} {case.path} -> {response.status_code}: {err}")

            call()
    return statuses, failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=5000, help="cases to run (at most)")
    parser.add_argument("--minutes", type=float, default=90.0, help="time limit")
    parser.add_argument("--host", type=loopback, default="127.0.0.1")
    parser.add_argument("--max-chars", type=int, default=200, help="server.max_input_chars")
    parser.add_argument("--seed", type=int, default=17)
    args = parser.parse_args()

    port = free_port()
    url = f"http://{args.host}:{port}"
    with tempfile.TemporaryDirectory(prefix="litetts-fuzz-") as config_dir:
        env = {
            **os.environ,
            "LITETTS_CONFIG_DIR": config_dir,
            "LITETTS_SERVER__MAX_INPUT_CHARS": str(args.max_chars),
            "LITETTS_SERVER__QUEUE_SIZE": "64",
        }
        log = Path(config_dir) / "server.log"
        with log.open("wb") as sink:
            server = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "litetts_adapters.cli",
                    "serve",
                    "--host",
                    args.host,
                    "--port",
                    str(port),
                ],
                env=env,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
            started = time.monotonic()
            try:
                wait_ready(url, server, limit_s=600)
                deadline = time.monotonic() + args.minutes * 60
                statuses, failures = fuzz(url, args.cases, deadline, args.seed)
            finally:
                server.send_signal(signal.SIGTERM)
                try:
                    server.wait(30)
                except subprocess.TimeoutExpired:
                    server.kill()
        text = log.read_text(encoding="utf-8", errors="replace")
    server_errors = [n for n in statuses if n >= 500]
    tracebacks = text.count("Traceback")
    print(f"cases: {statuses.total()} in {time.monotonic() - started:.0f} s")
    print("statuses: " + ", ".join(f"{code}: {n}" for code, n in sorted(statuses.items())))
    print(
        f"5xx: {sum(statuses[c] for c in server_errors)}; schema failures: {len(failures)};"
        f" tracebacks in the server log: {tracebacks}"
    )
    for failure in failures[:20]:
        print(failure)
    if tracebacks:
        print(text[text.index("Traceback") :][:3000])
    return 1 if server_errors or failures or tracebacks else 0


if __name__ == "__main__":
    raise SystemExit(main())
