"""Reading batch jobs: CSV, JSONL, a folder of .txt; every bad row is named."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from tests.fakes import fake_voices

from litetts.errors import InvalidInputError
from litetts_adapters.batch import Defaults, Job, check_voices, read_jobs

DEFAULTS = Defaults(voice="af_heart", format="wav", speed=1.0)


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_csv_rows_become_jobs_with_defaults_filled_in(tmp_path: Path) -> None:
    source = _write(
        tmp_path / "jobs.csv",
        'id,text,voice,format,speed\na1,"Hello, there.",bf_emma,MP3,1.5\na2,Second one.,,,\n',
    )

    jobs = read_jobs(source, DEFAULTS)

    assert [
        Job("a1", "Hello, there.", "bf_emma", "mp3", 1.5, None, "jobs.csv row 2"),
        Job("a2", "Second one.", "af_heart", "wav", 1.0, None, "jobs.csv row 3"),
    ] == jobs


def test_jsonl_rows_and_a_folder_of_text_files_read_alike(tmp_path: Path) -> None:
    lines = [{"id": 7, "text": "Seven.", "lang": "en-gb"}, {"id": "b", "text": "Bee."}]
    source = _write(tmp_path / "jobs.jsonl", "\n".join(json.dumps(x) for x in lines) + "\n\n")
    folder = tmp_path / "texts"
    folder.mkdir()
    _write(folder / "ch01.txt", "Chapter one.")
    _write(folder / "ch02.txt", "Chapter two.")

    from_jsonl = read_jobs(source, DEFAULTS)
    from_folder = read_jobs(folder, DEFAULTS)

    assert [("7", "en-gb", "jobs.jsonl line 1"), ("b", None, "jobs.jsonl line 2")] == [
        (job.id, job.lang, job.row) for job in from_jsonl
    ]
    assert [("ch01", "Chapter one."), ("ch02", "Chapter two.")] == [
        (job.id, job.text) for job in from_folder
    ]


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("ident,text\na,Hi.\n", "jobs.csv row 1: missing column 'id'"),
        (
            "id,text\na,Hi.\nb,Ho.\na,Again.\n",
            "jobs.csv row 4: duplicate id 'a' (first at jobs.csv row 2)",
        ),
        ("id,text\na,\n", "jobs.csv row 2: 'text' is missing or empty"),
        ("id,text\n../x,Hi.\n", "jobs.csv row 2: id '../x' cannot name a file"),
        ("id,text,format\na,Hi.,mp4\n", "jobs.csv row 2: unknown format 'mp4'"),
        ("id,text,speed\na,Hi.,fast\n", "jobs.csv row 2: speed 'fast' is not a number"),
        ("id,text,speed\na,Hi.,9\n", "jobs.csv row 2: "),
        ("id,text,voise\na,Hi.,af_sky\n", "jobs.csv row 2: unknown column 'voise'"),
        ("id,text\n", "holds no jobs"),
    ],
)
def test_a_bad_row_is_refused_by_name(tmp_path: Path, content: str, expected: str) -> None:
    source = _write(tmp_path / "jobs.csv", content)

    with pytest.raises(InvalidInputError) as caught:
        read_jobs(source, DEFAULTS)

    assert expected in str(caught.value)


def test_a_bad_jsonl_line_and_an_unknown_suffix_are_refused(tmp_path: Path) -> None:
    broken = _write(tmp_path / "jobs.jsonl", '{"id": "a", "text": "Hi."}\n{"id": \n')
    other = _write(tmp_path / "jobs.txt", "id,text\n")

    with pytest.raises(InvalidInputError, match=r"jobs.jsonl line 2: not JSON"):
        read_jobs(broken, DEFAULTS)
    with pytest.raises(InvalidInputError, match=r"give a .csv, a .jsonl or a folder"):
        read_jobs(other, DEFAULTS)


def test_an_unknown_voice_names_the_first_row_using_it(tmp_path: Path) -> None:
    source = _write(tmp_path / "jobs.csv", "id,text,voice\na,Hi.,af_bella\nb,Ho.,af_nobody\n")
    jobs = read_jobs(source, DEFAULTS)

    with pytest.raises(InvalidInputError, match=r"^jobs.csv row 3: .*af_nobody"):
        check_voices(jobs, fake_voices().resolve)


def test_the_request_key_changes_with_anything_that_changes_the_audio() -> None:
    job = Job("a", "Hi.", "af_heart", "wav", 1.0, None, "row 2")
    variants = [
        Job("a", "Hi!", "af_heart", "wav", 1.0, None, "row 2"),
        Job("a", "Hi.", "af_bella", "wav", 1.0, None, "row 2"),
        Job("a", "Hi.", "af_heart", "mp3", 1.0, None, "row 2"),
        Job("a", "Hi.", "af_heart", "wav", 1.1, None, "row 2"),
        Job("a", "Hi.", "af_heart", "wav", 1.0, "en-gb", "row 2"),
    ]

    assert Job("a", "Hi.", "af_heart", "wav", 1.0, None, "row 9").request_key == job.request_key
    assert len({job.request_key} | {v.request_key for v in variants}) == 6
