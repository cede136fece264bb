"""The hint interface every provider implements (offline lexicon, LLMs).

A provider turns each answer into its `Hints` (a text clue and an emoji-only clue).
It must return *complete and valid* hints for every answer it is asked for:
text always non-empty and passing `checks.clue_problems`; emoji either passing
`checks.emoji_problems` or None ("no emoji clue"), never a wrong one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Protocol, overload

from ..puzzle import Hints

# Called as progress(done, total, note) while hints are made; the web app shows it.
Progress = Callable[[int, int, str], None]


@dataclass(frozen=True, slots=True)
class HintRequest:
    """One answer to write hints for; ``clue``/``emoji`` given by the maker are kept."""

    answer: str
    enumeration: str = ""
    clue: str | None = None
    emoji: str | None = None
    # a clue written elsewhere (the model's, when only its emoji failed) whose sense the
    # emoji clue must picture; the provider still writes its own text clue
    sense: str | None = None


@dataclass(frozen=True)
class HintContext:
    """What a provider may know about the whole puzzle."""

    topic: str | None = None
    answers: tuple[str, ...] = ()  # every answer of the puzzle (for leak/duplicate checks)
    progress: Progress | None = None
    stats: dict[str, object] = field(default_factory=dict)  # the provider adds its counters


@dataclass(frozen=True, slots=True)
class TopicWords(Sequence[str]):
    """Candidate words for a topic, and what the maker must be told about them.

    ``notices`` are plain sentences for the puzzle's ``notices`` whenever the
    words are not simply the topic asked for: fewer words than asked, or words
    from the nearest theme.  It is a sequence of its words, so callers that only
    want the words can treat it like the plain list the LLM path returns.
    """

    words: tuple[str, ...]
    notices: tuple[str, ...] = ()

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[str]: ...
    def __getitem__(self, index: int | slice) -> str | Sequence[str]:
        return self.words[index]

    def __len__(self) -> int:
        return len(self.words)

    def __iter__(self) -> Iterator[str]:
        return iter(self.words)


class HintProvider(Protocol):
    name: str
    model: str | None

    def hints(self, requests: Sequence[HintRequest], context: HintContext) -> dict[str, Hints]:
        """answer -> Hints for every request."""
        ...

    def words_for_topic(
        self, topic: str, count: int, *, seed: int = 0
    ) -> Sequence[str] | TopicWords:
        """Candidate words for a topic (more than `count` is fine; the engine picks),
        with notices when they are not simply the topic's words."""
        ...
