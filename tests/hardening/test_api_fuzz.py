"""API fuzzing from the OpenAPI description (schemathesis): valid and invalid requests
to every operation; none may answer 5xx.  Bounded (~300 examples) to run in well under
a minute; bench/fuzz_api.py runs >= 1,000 against gunicorn."""

from __future__ import annotations

from collections import Counter

import pytest
from hardening_helpers import WORDS, finished_puzzle_id, settled_job

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from schemathesis import GenerationMode  # noqa: E402

pytestmark = pytest.mark.slow  # property tests: hundreds of generated requests

EXAMPLES = 300


def test_no_fuzzed_request_is_a_server_error(make_app):
    app = make_app(SYNC_WAIT=0.5, JOB_QUEUE_LIMIT=64)
    client = app.test_client()
    seeded = finished_puzzle_id(client, client.post("/api/puzzles", json={"words": WORDS}))
    schema = schemathesis.openapi.from_wsgi("/api/openapi.json", app)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) >= 8
    strategies = [
        op.as_strategy(mode)
        for op in operations
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
    ]
    # Half the reads hit a real puzzle id, so exports and print options are exercised.
    strategies += [
        op.as_strategy(GenerationMode.POSITIVE, path_parameters={"id": seeded})
        for op in operations
        if "{id}" in op.path and op.path.startswith("/api/puzzles/")
    ]
    statuses: Counter[int] = Counter()
    failures: list[str] = []

    @settings(
        max_examples=EXAMPLES, deadline=None, database=None, derandomize=True,
        suppress_health_check=list(HealthCheck),
    )  # fmt: skip
    @given(case=st.one_of(strategies))
    def fuzz(case):
        response = case.call()
        statuses[response.status_code] += 1
        if response.status_code >= 500:
            failures.append(f"{case.method} {case.formatted_path} -> {response.status_code}: "
                            f"{response.text[:300]}")  # fmt: skip

    fuzz()
    print("statuses:", dict(sorted(statuses.items())))
    assert not failures, failures[:5]
    assert sum(statuses.values()) >= EXAMPLES
    assert any(400 <= s < 500 for s in statuses) and any(s < 300 for s in statuses), statuses


WORDISH = st.text(
    alphabet=st.one_of(
        st.sampled_from("abcdefghijklmnopqrstuvwxyzÉéßøæ -'"),
        st.characters(codec="utf-8"),
    ),
    min_size=1,
    max_size=40,
)


def test_generation_with_any_unicode_never_breaks(make_app):
    """Arbitrary Unicode as words, clues, emoji, titles (drawn by hypothesis, not the
    schema): every answer is 201, 202 or a 4xx, and every 201 puzzle reads back."""
    app = make_app(SYNC_WAIT=2.0, JOB_QUEUE_LIMIT=64)
    client = app.test_client()
    statuses: Counter[int | str] = Counter()
    entry = st.fixed_dictionaries(
        {"word": WORDISH},
        optional={"clue": st.text(max_size=210), "emoji": st.text(max_size=45)},
    )
    body = st.one_of(
        st.fixed_dictionaries(
            {"words": st.lists(WORDISH, min_size=1, max_size=10)},
            optional={"title": st.text(max_size=90), "seed": st.integers(0, 2**31)},
        ),
        st.fixed_dictionaries({"entries": st.lists(entry, min_size=1, max_size=10)}),
        st.fixed_dictionaries({"topic": st.text(max_size=90)}),
    )

    @settings(max_examples=100, deadline=None, database=None, derandomize=True,
              suppress_health_check=list(HealthCheck))  # fmt: skip
    @given(data=body)
    def fuzz(data):
        response = client.post("/api/puzzles", json=data)
        statuses[response.status_code] += 1
        assert response.status_code < 500, (data, response.get_json())
        if response.status_code == 202:  # a loaded machine answers 202: follow the job
            job = settled_job(client, response.get_json()["job"]["url"])
            if job["status"] == "failed":
                assert job["error"]["status"] < 500, (data, job)
                return
            response = client.get(f"/api/puzzles/{job['puzzle_id']}")
        if response.status_code in (200, 201):
            puzzle_id = response.get_json()["id"]
            statuses["made"] += 1
            for suffix in ("", ".ipuz", ".puz", "/print?variant=both&key=1"):
                read = client.get(f"/api/puzzles/{puzzle_id}{suffix}")
                assert read.status_code == 200, (suffix, read.get_data(as_text=True)[:300])

    fuzz()
    assert statuses["made"] > 0 and statuses[422] > 0, statuses
