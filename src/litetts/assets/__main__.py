"""``python -m litetts.assets fetch|status|verify``: asset commands without the CLI extra."""

from __future__ import annotations

import argparse
import sys

from litetts.assets.store import AssetState, AssetStore, ProgressEvent
from litetts.errors import AssetError


def _report(states: list[AssetState]) -> int:
    for state in states:
        sys.stdout.write(f"{state.name:8} {state.state:8} {state.path}  {state.detail}\n")
    return 0 if all(s.ok for s in states) else 1


def _progress(event: ProgressEvent) -> None:
    sys.stderr.write(f"[{event.stage} {event.done}/{event.total}] {event.message}\n")


def main(argv: list[str] | None = None) -> int:
    """Run one asset command; returns the process exit code."""
    parser = argparse.ArgumentParser(prog="python -m litetts.assets")
    parser.add_argument("command", choices=["fetch", "status", "verify"])
    parser.add_argument("--force", action="store_true", help="fetch again even if present")
    parser.add_argument(
        "--whisper", action="append", default=[], help="also a Whisper model: tiny.en or base"
    )
    args = parser.parse_args(argv)
    store = AssetStore()
    try:
        if args.command == "fetch":
            return _report(store.fetch(progress=_progress, force=args.force, whisper=args.whisper))
        if args.command == "status":
            return _report(store.status(whisper=args.whisper))
        return _report(store.verify(whisper=args.whisper))
    except AssetError as err:
        sys.stderr.write(f"error: {err}\n")
        return 1


if __name__ == "__main__":
    sys.exit(main())
