"""Rich tables and JSON records for what the commands list."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from rich.table import Table
from rich.text import Text

if TYPE_CHECKING:
    from litetts import VoiceInfo
    from litetts.assets import AssetState

__all__ = ["assets_table", "voice_record", "voices_table"]

_STATE_STYLES = {"ok": "green", "missing": "yellow", "corrupt": "bold red"}


def voice_record(info: VoiceInfo) -> dict[str, object]:
    """One voice as a JSON object; the keys are part of the command's interface."""
    return {
        "id": info.id,
        "language": info.language,
        "language_name": info.language_name,
        "gender": info.gender,
        "openai_names": list(info.openai_names),
        "blend_of": info.blend_of,
    }


def voices_table(infos: Sequence[VoiceInfo]) -> Table:
    """The voice catalogue, one row per voice."""
    table = Table(
        caption=f"{len(infos)} voices; a blend such as af_bella(2)+af_sky(1) also works",
        caption_justify="left",
    )
    for heading in ("id", "language", "gender", "OpenAI names", "blend of"):
        table.add_column(heading)
    for info in infos:
        table.add_row(
            Text(info.id, style="bold"),
            Text.assemble(info.language, " ", (info.language_name, "dim")),
            info.gender,
            ", ".join(info.openai_names),
            info.blend_of or "",
        )
    return table


def assets_table(states: Sequence[AssetState]) -> Table:
    """Each asset's state, path and detail."""
    table = Table()
    table.add_column("asset")
    table.add_column("state")
    table.add_column("path", overflow="fold")
    table.add_column("detail")
    for state in states:
        table.add_row(
            state.name,
            Text(state.state, style=_STATE_STYLES.get(state.state, "")),
            Text(str(state.path)),
            Text(state.detail),
        )
    return table
