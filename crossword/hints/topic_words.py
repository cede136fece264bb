"""Words for a topic from the model: ask for more than needed, filter in code.

The model is never asked to count letters or to judge its own words: it is
asked for 2-3x ``count`` candidates, and code keeps those that normalise to
3-15 letters A-Z, are not stop words or slurs, do not leak the topic and are
not plural twins of a word already kept.  Only a shortfall makes a second call,
which names the words already kept; whatever is still missing comes from the
fallback provider.
"""

from __future__ import annotations

import math
import random
import time

from ..errors import HintError
from ..trace import new_job_id
from ..words import normalize
from . import HintProvider, TopicWords
from .checks import inflection_bases, leaks
from .client import Counters, ModelClient
from .prompts import topic_words_messages
from .schema import TopicWords as ModelTopicWords

__all__ = ["MAX_WORD", "MIN_WORD", "TOPIC_DENY", "keep_topic_word", "words_for_topic"]

MIN_WORD, MAX_WORD = 3, 15
TOPIC_DENY = frozenset(
    [
        "THE",
        "AND",
        "FOR",
        "WITH",
        "THAT",
        "THIS",
        "FROM",
        "THEY",
        "HAVE",
        "WERE",
        "YOUR",
        "WHAT",
        "WHEN",
        "WHERE",
        "WHICH",
        "THERE",
        "THEIR",
        "ABOUT",
        "WORD",
        "WORDS",
        "THING",
        "THINGS",
        "STUFF",
        "OTHER",
        "VARIOUS",
        "FUCK",
        "SHIT",
        "CUNT",
        "NIGGER",
        "FAGGOT",
        "SLUT",
        "WHORE",
        "BITCH",
        "RAPE",
    ]
)


def words_for_topic(
    calls: ModelClient,
    fallback: HintProvider | None,
    topic: str,
    count: int,
    *,
    seed: int = 0,
) -> list[str]:
    """Candidate words for a topic: 2-3x ``count`` asked, filtered in code, one
    more call only for a shortfall.  Never asks the model to count letters."""
    topic = " ".join((topic or "").split())[:80]
    if not topic:
        raise HintError("the topic is empty")
    job = new_job_id()
    started = time.perf_counter()
    counters = Counters()
    kept: dict[str, str] = {}  # answer -> word as written
    want = max(count, 1)
    for round_ in (1, 2):
        short = want - len(kept)
        if short <= 0:
            break
        ask = math.ceil(short * (2.5 if round_ == 1 else 2))
        result, attempts = calls.call(
            ModelTopicWords, topic_words_messages(topic, ask, list(kept.values()), seed),
            job=job, purpose="topic words", items=ask, round_=round_, counters=counters,
        )  # fmt: skip
        before = len(kept)
        for w in getattr(result, "words", None) or []:
            keep_topic_word(w.word, topic, kept)
        added = len(kept) - before
        problems = [] if added >= short else [f"only {added} usable words of {ask} asked"]
        calls.trace(
            attempts, job=job, purpose="topic words", items=ask, round_=round_,
            counters=counters, problems=problems,
        )  # fmt: skip
        counters.add(reasks=round_ > 1)
        if round_ == 2 or result is None and not calls.breaker.allow():
            break
    if calls.tracer is not None:
        calls.tracer.summarize(
            counters.summary(
                job=job, provider=calls.name, model=calls.model, purpose="topic words",
                items=len(kept), latency_ms=int((time.perf_counter() - started) * 1000),
            )
        )  # fmt: skip
    words = list(kept.values())
    if len(words) < want and fallback is not None:
        try:
            found = fallback.words_for_topic(topic, want, seed=seed)
            for w in found.words if isinstance(found, TopicWords) else found:
                keep_topic_word(w, topic, kept)
        except Exception:  # the fallback is best effort here
            pass
        words = list(kept.values())
    if not words:
        raise HintError(f"no words found for the topic {topic!r}")
    random.Random(seed).shuffle(words)
    return words


def keep_topic_word(word: str, topic: str, kept: dict[str, str]) -> bool:
    """Add ``word`` to ``kept`` (answer -> word as written) if it is usable."""
    text = " ".join(str(word or "").split())
    answer, _ = normalize(text)
    if not (answer.isascii() and answer.isalpha() and MIN_WORD <= len(answer) <= MAX_WORD):
        return False
    if answer in TOPIC_DENY or answer in kept or leaks(answer, topic) or leaks(topic, answer):
        return False
    bases = inflection_bases(answer)
    for other in kept:
        if other in bases or answer in inflection_bases(other):
            return False  # plural twins: CAT / CATS
    kept[answer] = text
    return True
