import pytest

from crossword.db import Database
from crossword.hints.cache import CachedHint, HintCache

KEY = {"provider": "openai", "model": "gpt-4o-mini", "prompt_version": "hints-v1"}


@pytest.fixture
def cache(tmp_path):
    return HintCache(Database(str(tmp_path / "cache.sqlite3")))


def test_put_and_get(cache):
    cache.put_many([CachedHint("TIGER", "Striped jungle hunter", "🐅🌿")], **KEY)
    assert cache.get("TIGER", **KEY) == CachedHint("TIGER", "Striped jungle hunter", "🐅🌿")
    assert cache.get("LION", **KEY) is None


def test_key_includes_provider_model_and_prompt_version(cache):
    cache.put_many([CachedHint("TIGER", "Striped jungle hunter", "🐅🌿")], **KEY)
    assert cache.get("TIGER", **{**KEY, "model": "gpt-4o"}) is None
    assert cache.get("TIGER", **{**KEY, "provider": "gemini"}) is None
    assert cache.get("TIGER", **{**KEY, "prompt_version": "hints-v2"}) is None


def test_upsert_replaces(cache):
    cache.put_many([CachedHint("TIGER", "Old clue for a cat", "🐅")], **KEY)
    cache.put_many([CachedHint("TIGER", "Striped jungle hunter", "🐅🌿")], **KEY)
    assert cache.get("TIGER", **KEY).clue == "Striped jungle hunter"


def test_rows_failing_todays_checks_are_retired(cache):
    # Written directly, as an older, looser check would have let them through.
    cache.put_many(
        [
            CachedHint("TIGER", "A tiger's stripes", "🐅"),
            CachedHint("LION", "King of beasts", "1️⃣🦁"),
            CachedHint("OWL", "Night bird", "🦉🌙"),
        ],
        **KEY,
    )
    found = cache.get_many(["TIGER", "LION", "OWL"], **KEY)
    assert list(found) == ["OWL"]
    assert cache.db.query_one("SELECT COUNT(*) AS n FROM hint_cache")["n"] == 1


def test_hits_are_counted(cache):
    cache.put_many([CachedHint("OWL", "Night bird", "🦉🌙")], **KEY)
    cache.count_hits(["OWL", "OWL"], **KEY)
    cache.count_hits(["OWL"], **KEY)
    assert cache.db.query_one("SELECT hits FROM hint_cache")["hits"] == 2
    assert cache.clear() == 1
