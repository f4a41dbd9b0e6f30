"""docs/configuration.md is generated from the schema and kept in sync with it."""

from __future__ import annotations

from pathlib import Path

from litetts.config import render_markdown, schema_fields, schema_records

DOC = Path(__file__).resolve().parents[3] / "docs" / "configuration.md"


def test_the_reference_page_matches_the_schema() -> None:
    assert render_markdown() == DOC.read_text(encoding="utf-8"), (
        "docs/configuration.md is out of date: run `litetts config schema > docs/configuration.md`"
    )


def test_the_reference_lists_every_key_with_its_restart_flag() -> None:
    page = render_markdown()

    for key, info in schema_fields().items():
        [row] = [line for line in page.splitlines() if line.startswith(f"| `{key}` |")]
        assert ("| restart |" in row) == info.restart, row


def test_the_json_records_cover_every_key() -> None:
    records = schema_records()

    assert list(schema_fields()) == [record["key"] for record in records]
    assert {
        "key",
        "type",
        "default",
        "allowed",
        "restart",
        "secret",
        "env",
        "description",
    } == set(records[0])
