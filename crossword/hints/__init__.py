"""The hint interface every provider implements (offline lexicon, LLMs).

A provider turns answers into `Clue`s (a text clue and an emoji-only clue).
It must return a *complete and valid* Clue for every answer it is asked for:
text always non-empty and passing `checks.clue_problems`; emoji either passing
`checks.emoji_problems` or None ("no emoji clue"), never a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..puzzle import Clue

# Called as progress(done, total, note) while hints are made; the web app shows it.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class HintRequest:
    """One answer to write hints for; ``clue``/``emoji`` given by the maker are kept."""

    answer: str
    enumeration: str = ""
    clue: str | None = None
    emoji: str | None = None


@dataclass(frozen=True)
class HintContext:
    """What a provider may know about the whole puzzle."""

    topic: str | None = None
    answers: tuple[str, ...] = ()  # every answer of the puzzle (for leak/duplicate checks)
    progress: Progress | None = None
    stats: dict[str, object] = field(default_factory=dict)  # the provider adds its counters


@dataclass(frozen=True, slots=True)
class TopicWords:
    """Candidate words for a topic, and what differs from the topic asked
    ("No word list for 'x': used the nearest theme 'y'")."""

    words: tuple[str, ...]
    notices: tuple[str, ...] = ()


class HintProvider(Protocol):
    name: str
    model: str | None

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Clue]:
        """answer -> Clue for every request."""
        ...

    def words_for_topic(
        self, topic: str, count: int, *, seed: int = 0
    ) -> Sequence[str] | TopicWords:
        """Candidate words for a topic (more than `count` is fine; the engine picks),
        with notices when they are not simply the topic's words."""
        ...
